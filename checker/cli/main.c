/* main.c: the command line — one table of commands, each a function. Exit codes: 0 clean,
 * 1 findings at or above --fail-on, 2 usage or configuration error, 3 internal error. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <getopt.h>
#include <git2.h>
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/version.h"
#include "cli/cli.h"
#include "core/policy.h"
#include "core/ruleset.h"
#include "core/scan.h"
#include "front/ccdb.h"
#include "front/cfront.h"
#include "front/libclang.h"
#include "inputs/buildstep.h"
#include "inputs/cache.h"
#include "inputs/gitscan.h"
#include "inputs/input.h"
#include "inputs/worktree.h"
#include "match/matchers.h"
#include "project/facts.h"
#include "project/osv.h"
#include "report/report.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* --- shared set-up -------------------------------------------------------------------------- */

/* --category crypto,credentials */
static int parse_categories(const char *list, bool out[MM_CAT__COUNT])
{
    memset(out, 0, sizeof(bool) * MM_CAT__COUNT);
    char *copy = mm_xstrdup(list);
    int rc = 0;
    for (char *save = NULL, *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        mm_category c;
        if (mm_category_parse(t, &c) < 0) {
            mm_buf names = {0};
            for (int i = 0; i < MM_CAT__COUNT; i++)
                mm_buf_printf(&names, "%s%s", i ? ", " : "", mm_categories[i].name);
            mm_cli_fail(2, "unknown category \"%s\" in --category (one of: %s)", t, names.data);
            mm_buf_free(&names);
            rc = -1;
            break;
        }
        out[c] = true;
    }
    free(copy);
    return rc;
}

static bool keep_category(const mm_rule *r, void *arg)
{
    const bool *cats = arg;
    return cats[r->category];
}

/* --- scan ------------------------------------------------------------------------------------- */

static void scan_usage(FILE *out)
{
    mm_buf names = {0};
    mm_reporter_names(&names);
    fprintf(out,
            _("usage: mamori scan [options] [PATH...]\n"
            "\n"
            "Checks the files under PATH (default: the current directory) against the rules.\n"
            "In a git work tree: tracked files and untracked files that are not ignored.\n"
            "\n"
            "  -f, --format FORMAT     %s (default: text)\n"
            "  -o, --output FILE       write the report to FILE (atomically) instead of stdout\n"
            "      --fail-on LEVEL     error|warning|note|never: exit 1 when a finding is at or\n"
            "                          above LEVEL (default: error, or the policy's fail_on)\n"
            "      --rules DIR         load the rule pack in DIR as well (repeatable)\n"
            "      --policy FILE       policy file (default: mamori.json at the scanned root)\n"
            "      --no-policy         ignore mamori.json\n"
            "      --category LIST     only rules of these categories (comma-separated)\n"
            "      --advisories DIR    known advisories: a directory of OSV JSON files (repeatable)\n"
            "  -j, --jobs N            parallel workers (default: number of cores)\n"
            "      --max-file-size N   skip files over N bytes (default 4194304 = 4 MiB)\n"
            "      --max-line-length N skip lines over N bytes (default 20000)\n"
            "      --color WHEN        auto|always|never (default auto: only on a terminal)\n"
            "  -q, --quiet             no summary and no notices on stderr\n"
            "  -v, --verbose           list every notice (skipped files and such)\n"
            "\n"
            "Git inputs (PATH: the repository, or paths inside it to narrow the scan):\n"
            "      --staged            the index's version of staged files, never the worktree's\n"
            "      --diff REV          only lines the worktree (or, with --staged, the index)\n"
            "                          adds to commit REV\n"
            "      --history[=A..B]    what each commit added, over all refs (or the range);\n"
            "                          credentials rules unless --category says otherwise\n"
            "      --since REV         history not reachable from REV (repeatable)\n"
            "      --branch REF        history of REF only (repeatable)\n"
            "      --show-email        name the author's e-mail of history findings\n"
            "      --cache DIR         keep the cache in DIR (default: in the git directory)\n"
            "      --no-cache          neither read nor write the cache\n"
            "\n"
            "Build steps (integrations/cmake, integrations/make):\n"
            "      --files-from FILE   scan the files (and directories) FILE lists, one per line\n"
            "                          (- = standard input), as well as PATH arguments\n"
            "      --root DIR          name files relative to DIR (SARIF URIs, policy paths);\n"
            "                          default: the git work tree around the current\n"
            "                          directory, or the current directory\n"
            "  -p, --compile-commands PATH  compile_commands.json (or its directory) of the build:\n"
            "                          its translation units are read by libclang (deep tier);\n"
            "                          without -p, build/, the root and .pio/build/ENV/ are looked in\n"
            "      --no-compile-commands  no deep tier: the tree-sitter tier reads every file\n"
            "      --toolchain-include DIR  the cross toolchain's headers, for the deep tier\n"
            "                          (repeatable)\n"
            "      --query-driver GLOB  a cross compiler the deep tier may ask for its include\n"
            "                          directories (a path glob; never one inside the tree)\n"
            "      --stamp FILE        touch FILE when the scan passes (exit 0)\n"
            "      --depfile FILE      write the files the scan read as a make depfile whose\n"
            "                          target is the --stamp file\n"
            "      --absolute-paths    text output names files by absolute path\n"
            "      --report FORMAT=FILE  also write a report in FORMAT to FILE (repeatable):\n"
            "                          text on the console and SARIF for CI from one scan\n"
            "      --lang LANG         ja|en: the language of messages (default: LANG)\n"),
            names.data);
    mm_buf_free(&names);
}

static int parse_size_arg(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || v == 0)
        return -1;
    *out = (size_t)v;
    return 0;
}

int mm_cmd_scan(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"fail-on", required_argument, NULL, 'F'},
        {"rules", required_argument, NULL, 'r'},
        {"policy", required_argument, NULL, 0x100},
        {"no-policy", no_argument, NULL, 'P'},
        {"category", required_argument, NULL, 'c'},
        {"advisories", required_argument, NULL, 0x102},
        {"jobs", required_argument, NULL, 'j'},
        {"max-file-size", required_argument, NULL, 'S'},
        {"max-line-length", required_argument, NULL, 'L'},
        {"color", required_argument, NULL, 'C'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"files-from", required_argument, NULL, 'l'},
        {"root", required_argument, NULL, 'R'},
        {"compile-commands", required_argument, NULL, 'p'},
        {"stamp", required_argument, NULL, 's'},
        {"depfile", required_argument, NULL, 'D'},
        {"absolute-paths", no_argument, NULL, 'A'},
        {"report", required_argument, NULL, 0x101},
        {"help", no_argument, NULL, 'h'},
        {"staged", no_argument, NULL, 1000},
        {"diff", required_argument, NULL, 1001},
        {"history", optional_argument, NULL, 1002},
        {"since", required_argument, NULL, 1003},
        {"branch", required_argument, NULL, 1004},
        {"show-email", no_argument, NULL, 1005},
        {"cache", required_argument, NULL, 1006},
        {"no-cache", no_argument, NULL, 1007},
        {"lang", required_argument, NULL, 1008},
        {"no-compile-commands", no_argument, NULL, 1009},
        {"toolchain-include", required_argument, NULL, 1010},
        {"query-driver", required_argument, NULL, 1011},
        {0, 0, 0, 0},
    };
    mm_git_opts git;
    memset(&git, 0, sizeof git);
    MM_VEC(const char *) since = {0}, branches = {0};
    const char *format = "text", *output = NULL, *fail_on_s = NULL, *policy_path = NULL;
    const char *categories = NULL, *color = "auto";
    bool no_policy = false, quiet = false, verbose = false, no_compdb = false;
    MM_VEC(const char *) toolchain_inc = {0}, query_drivers = {0};
    mm_ccdb *ccdb = NULL;
    mm_build_step bs;
    memset(&bs, 0, sizeof bs);
    MM_VEC(const char *) extra = {0}; /* --report FORMAT=FILE */
    MM_VEC(const char *) rule_dirs = {0};
    MM_VEC(const char *) advisory_dirs = {0};
    mm_osv_db osv;
    memset(&osv, 0, sizeof osv);
    mm_scan s;
    memset(&s, 0, sizeof s);
    s.opts.max_file_size = 4u << 20;
    s.opts.max_line_len = 20000;
    bool size_given = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:j:p:qvh", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 1008:
            if (mm_i18n_init(optarg) < 0)
                return mm_cli_fail(2, "--lang must be ja or en");
            break;
        case 'F': fail_on_s = optarg; break;
        case 'r': mm_vec_push(&rule_dirs, optarg); break;
        case 0x100: policy_path = optarg; break;
        case 'P': no_policy = true; break;
        case 'c': categories = optarg; break;
        case 0x102: mm_vec_push(&advisory_dirs, optarg); break;
        case 'j':
            s.opts.jobs = atoi(optarg);
            if (s.opts.jobs < 1 || s.opts.jobs > 1024)
                return mm_cli_fail(2, "--jobs needs a number from 1 to 1024");
            break;
        case 'S':
            if (parse_size_arg(optarg, &s.opts.max_file_size) < 0)
                return mm_cli_fail(2, "--max-file-size needs a byte count");
            size_given = true;
            break;
        case 'L':
            if (parse_size_arg(optarg, &s.opts.max_line_len) < 0)
                return mm_cli_fail(2, "--max-line-length needs a byte count");
            break;
        case 'C': color = optarg; break;
        case 'q': quiet = true; break;
        case 'v': verbose = true; break;
        case 'l': mm_vec_push(&bs.lists, optarg); break;
        case 'R': bs.root = optarg; break;
        case 'p': bs.compdb = optarg; break;
        case 's': bs.stamp = optarg; break;
        case 'D': bs.depfile = optarg; break;
        case 'A': bs.absolute = true; break;
        case 0x101: mm_vec_push(&extra, optarg); break;
        case 'h': scan_usage(stdout); return 0;
        case 1000: git.staged = true; break;
        case 1001: git.diff = optarg; break;
        case 1002:
            git.history = true;
            if (optarg)
                git.range = optarg;
            break;
        case 1003: mm_vec_push(&since, optarg); break;
        case 1004: mm_vec_push(&branches, optarg); break;
        case 1005: git.show_email = true; break;
        case 1006: s.opts.cache_dir = optarg; break;
        case 1007: s.opts.no_cache = true; break;
        case 1009: no_compdb = true; break;
        case 1010: mm_vec_push(&toolchain_inc, optarg); break;
        case 1011: mm_vec_push(&query_drivers, optarg); break;
        default: scan_usage(stderr); return 2;
        }
    }
    git.since = since.v;
    git.nsince = since.n;
    git.branches = branches.v;
    git.nbranches = branches.n;
    git.all_refs = git.history;
    bool history = git.history || git.nsince || git.nbranches;
    git.history = history;
    if (history && (git.staged || git.diff)) {
        mm_vec_free(&since);
        mm_vec_free(&branches);
        return mm_cli_fail(2, "--history, --since and --branch scan commits; they do not go "
                              "with --staged or --diff");
    }
    if (git.show_email && !history) {
        mm_vec_free(&since);
        mm_vec_free(&branches);
        return mm_cli_fail(2, "--show-email is for history scans (--history, --since, --branch)");
    }
    if (s.opts.cache_dir && s.opts.no_cache) {
        mm_vec_free(&since);
        mm_vec_free(&branches);
        return mm_cli_fail(2, "--cache and --no-cache contradict each other");
    }
    const mm_reporter *rep = mm_reporter_find(format);
    if (!rep) {
        mm_buf names = {0};
        mm_reporter_names(&names);
        int rc = mm_cli_fail(2, "unknown --format \"%s\" (one of: %s)", format, names.data);
        mm_buf_free(&names);
        return rc;
    }
    mm_severity fail_on = MM_SEV_ERROR;
    if (fail_on_s && mm_severity_parse(fail_on_s, true, &fail_on) < 0)
        return mm_cli_fail(2, "--fail-on must be error, warning, note or never");
    if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never"))
        return mm_cli_fail(2, "--color must be auto, always or never");
    bool cats[MM_CAT__COUNT];
    if (categories && parse_categories(categories, cats) < 0)
        return 2;
    s.opts.paths = (const char **)argv + optind;
    s.opts.npaths = (size_t)(argc - optind);
    for (size_t i = 0; i < extra.n; i++) {
        const char *eq = strchr(extra.v[i], '=');
        char *fmt = eq ? mm_xstrndup(extra.v[i], (size_t)(eq - extra.v[i])) : NULL;
        bool ok = fmt && eq[1] && mm_reporter_find(fmt);
        free(fmt);
        if (!ok) {
            mm_buf names = {0};
            mm_reporter_names(&names);
            mm_cli_fail(2, "--report needs FORMAT=FILE with FORMAT one of: %s", names.data);
            mm_buf_free(&names);
            mm_vec_free(&extra);
            mm_build_step_free(&bs);
            return 2;
        }
    }
    bs.paths = s.opts.paths;
    bs.npaths = s.opts.npaths;
    if (bs.depfile && !bs.stamp) {
        mm_build_step_free(&bs);
        return mm_cli_fail(2, "--depfile needs --stamp (the depfile's target)");
    }
    /* a build step names its files and its root: the root decides the policy as well */
    bool explicit_set = bs.lists.n || bs.root || bs.stamp;
    char *step_root = NULL;
    if (explicit_set) {
        mm_err err;
        if (mm_build_step_root(&bs, s.opts.npaths ? s.opts.paths[0] : NULL, &step_root,
                               &err) < 0) {
            mm_err_print(&err);
            mm_build_step_free(&bs);
            return err.code;
        }
    }

    /* the policy: explicit, or mamori.json at the root of the first path */
    mm_policy policy;
    memset(&policy, 0, sizeof policy);
    mm_err err;
    memset(&err, 0, sizeof err);
    int rc = 3;
    mm_ruleset rs;
    memset(&rs, 0, sizeof rs);
    bool have_policy = false;
    if (!no_policy) {
        char *auto_path = NULL;
        if (!policy_path) {
            const char *first = s.opts.npaths ? s.opts.paths[0] : ".";
            char *root = step_root ? mm_xstrdup(step_root) : mm_inputs_root(first);
            if (root) {
                auto_path = mm_xasprintf("%s/mamori.json", root);
                struct stat st;
                if (stat(auto_path, &st) != 0) {
                    free(auto_path);
                    auto_path = NULL;
                }
                free(root);
            }
        }
        const char *pp = policy_path ? policy_path : auto_path;
        if (pp) {
            if (mm_policy_load(&policy, pp, &err) < 0) {
                free(auto_path);
                mm_err_print(&err);
                rc = err.code ? err.code : 2;
                goto done;
            }
            have_policy = true;
        }
        free(auto_path);
    }
    for (size_t i = 0; i < policy.rule_packs.n; i++)
        mm_vec_push(&rule_dirs, policy.rule_packs.v[i]);
    if (mm_cli_load_rules(&rs, rule_dirs.v, rule_dirs.n, &err) < 0) {
        mm_err_print(&err);
        rc = err.code ? err.code : 2;
        goto done;
    }
    if (have_policy) {
        if (mm_policy_validate(&policy, &rs, &err) < 0) {
            mm_err_print(&err);
            rc = 2;
            goto done;
        }
        mm_ruleset_filter(&rs, mm_policy_keeps_rule, &policy);
        if (!fail_on_s && policy.has_fail_on)
            fail_on = policy.fail_on;
        if (!size_given && policy.max_file_size)
            s.opts.max_file_size = policy.max_file_size;
        s.policy = &policy;
    }
    if (!categories && history) {
        /* what history adds to a worktree scan is what stays leaked after it is deleted:
         * credentials. The other categories judge the code that ships, at HEAD */
        memset(cats, 0, sizeof cats);
        cats[MM_CAT_CREDENTIALS] = true;
        mm_ruleset_filter(&rs, keep_category, cats);
        mm_notice n = {NULL, 0, 0, MM_NOTICE_NOTE, mm_xstrdup("history-categories"),
                       mm_xstrdup(_("history is checked with the credentials rules (what "
                                    "stays leaked once deleted); --category chooses others"))};
        mm_vec_push(&s.notices, n);
    }
    if (categories)
        mm_ruleset_filter(&rs, keep_category, cats);
    /* known advisories, read before the scan so that a bad file stops it with its position */
    for (size_t i = 0; i < policy.advisories.n; i++)
        mm_vec_push(&advisory_dirs, policy.advisories.v[i]);
    /* the toolchain's headers: --toolchain-include first, then the policy's */
    for (size_t i = 0; i < policy.toolchain_include.n; i++)
        mm_vec_push(&toolchain_inc, policy.toolchain_include.v[i]);
    for (size_t i = 0; i < advisory_dirs.n; i++) {
        if (mm_osv_load_dir(&osv, advisory_dirs.v[i], &err) < 0) {
            mm_err_print(&err);
            rc = 2;
            goto done;
        }
    }
    s.advisories = &osv;
    if (mm_ruleset_compile(&rs, &mm_hsdb_store, &err) < 0) {
        mm_err_print(&err);
        rc = err.code ? err.code : 2;
        goto done;
    }
    s.rules = &rs;
    if (explicit_set && (history || git.staged || git.diff)) {
        mm_err_set(&err, 2, NULL, 0, 0,
                   "--files-from, --root and --stamp name the files of a build step; they do not "
                   "go with --staged, --diff or --history");
        mm_err_print(&err);
        rc = 2;
        goto done;
    }
    long long started = (long long)time(NULL), now = 0;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (!*end && v >= 0)
            started = now = v;
    }
    if (explicit_set &&
        mm_build_step_inputs(&bs, step_root, s.opts.paths, s.opts.npaths, &policy,
                             have_policy, &s, &err) < 0) {
        mm_err_print(&err);
        rc = err.code ? err.code : 2;
        goto done;
    }
    /* the build's translation units are product code (core/roles.c) */
    if (bs.compdb) {
        mm_build_step_units(&bs);
        s.build_units = &bs.units;
        char *why = NULL;
        if (!bs.units_problem && !no_compdb) {
            char *answers = query_drivers.n && !s.opts.no_cache ? mm_cache_user_dir() : NULL;
            mm_ccdb_opts co = {toolchain_inc.v, toolchain_inc.n, query_drivers.v,
                               query_drivers.n, s.opts.npaths ? s.opts.paths[0] : ".", answers};
            ccdb = mm_ccdb_load(bs.units_path, &co, &why);
            free(answers);
            s.ccdb = ccdb;
            free(why); /* the build step's notice says it */
        }
    }
    /* the deep tier reads the tree's files as they are: not the index's, not history's */
    s.opts.find_compdb = !bs.compdb && !no_compdb && !(history || git.staged || git.diff);
    s.opts.toolchain_includes = toolchain_inc.v;
    s.opts.ntoolchain_includes = toolchain_inc.n;
    s.opts.query_drivers = query_drivers.v;
    s.opts.nquery_drivers = query_drivers.n;
    if (bs.compdb && (history || git.staged || git.diff))
        s.ccdb = NULL;
    /* a build step's file list is part of the tree: rules that judge the whole of it (hygiene,
     * components) are left to the scan of the tree, and the notice says so */
    if (bs.lists.n)
        s.analyzers = MM_ANALYZERS_PARTIAL;
    if (s.ccdb || s.opts.find_compdb) {
        /* the compiler reads what a source includes, /dev/stdin too: a hostile tree must not
         * make the scan wait on the terminal or a pipe (the file lists were read above) */
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null >= 0) {
            dup2(null, STDIN_FILENO);
            close(null);
        }
    }
    if ((history || git.staged || git.diff) ? mm_gitscan_run(&s, &git, &err) < 0
                                             : mm_scan_run(&s, &err) < 0) {
        mm_err_print(&err);
        rc = err.code ? err.code : 3;
        goto done;
    }
    mm_build_step_after_scan(&bs, &s, have_policy);

    mm_project_facts_collect(&s);
    mm_report_opts ro = {0};
    ro.fail_on = fail_on;
    ro.verbose = verbose;
    ro.absolute_paths = bs.absolute;
    ro.started = started;
    ro.now = now ? now : (long long)time(NULL);
    bool to_tty = !output && isatty(STDOUT_FILENO);
    const char *term = getenv("TERM");
    ro.color = !strcmp(color, "always") ||
               (!strcmp(color, "auto") && to_tty && !getenv("NO_COLOR") &&
                !(term && !strcmp(term, "dumb")));
    mm_buf cmdline = {0};
    for (int i = 0; i < argc; i++)
        mm_buf_printf(&cmdline, "%s%s", i ? " " : "mamori ", argv[i]);
    ro.command = cmdline.data;
    mm_buf out = {0};
    rep->write(&s, &ro, &out);
    if (output) {
        if (mm_write_atomic(output, out.data ? out.data : "", out.len, &err) < 0) {
            mm_err_print(&err);
            mm_buf_free(&out);
            mm_buf_free(&cmdline);
            rc = 2;
            goto done;
        }
    } else {
        fwrite(out.data, 1, out.len, stdout);
        fflush(stdout);
    }
    mm_buf_free(&out);
    for (size_t i = 0; i < extra.n; i++) {
        const char *eq = strchr(extra.v[i], '=');
        char *fmt = mm_xstrndup(extra.v[i], (size_t)(eq - extra.v[i]));
        mm_report_opts xo = ro;
        xo.color = false;
        mm_buf xb = {0};
        mm_reporter_find(fmt)->write(&s, &xo, &xb);
        free(fmt);
        int wrc = mm_write_atomic(eq + 1, xb.data ? xb.data : "", xb.len, &err);
        mm_buf_free(&xb);
        if (wrc < 0) {
            mm_err_print(&err);
            mm_buf_free(&cmdline);
            rc = 2;
            goto done;
        }
    }
    mm_buf_free(&cmdline); /* ro.command points into it */
    if (!quiet) {
        mm_buf notes = {0};
        mm_report_opts no = ro;
        no.color = false;
        mm_report_notices(&s, &no, &notes);
        if (output || strcmp(format, "text") != 0) {
            unsigned total = s.counts[1] + s.counts[2] + s.counts[3];
            if (strcmp(mm_i18n_lang(), "en") != 0)
                mm_buf_printf(&notes, _("mamori: %u findings (%u errors) in %zu files"), total,
                              s.counts[MM_SEV_ERROR], s.files_scanned);
            else
                mm_buf_printf(&notes, "mamori: %u finding%s (%u error%s) in %zu file%s", total,
                              total == 1 ? "" : "s", s.counts[MM_SEV_ERROR],
                              s.counts[MM_SEV_ERROR] == 1 ? "" : "s", s.files_scanned,
                              s.files_scanned == 1 ? "" : "s");
            if (output)
                mm_buf_printf(&notes, _("; report written to %s"), output);
            mm_buf_putc(&notes, '\n');
            mm_report_role_summary(&s, &notes);
        }
        if (verbose) {
            /* what was read, and what the cache gave (tests count these) */
            size_t cached = atomic_load(&s.from_cache);
            if (s.mode == MM_INPUT_HISTORY)
                mm_buf_printf(&notes,
                              "mamori: history: %zu commit%s walked now, %zu by earlier runs; "
                              "%zu blob%s checked, %zu of them by earlier runs\n",
                              s.commits_scanned, s.commits_scanned == 1 ? "" : "s",
                              s.commits_cached, s.files_scanned,
                              s.files_scanned == 1 ? "" : "s", cached);
            else if (cached)
                mm_buf_printf(&notes, "mamori: %zu of %zu file%s from the cache\n", cached,
                              s.files_scanned, s.files_scanned == 1 ? "" : "s");
        }
        if (notes.len)
            fputs(notes.data, stderr);
        mm_buf_free(&notes);
    }
    rc = mm_scan_failed(&s, fail_on) ? 1 : 0;
    if (mm_build_step_finish(&bs, &s, &rs, have_policy ? &policy : NULL, rc, &err) < 0) {
        mm_err_print(&err);
        rc = 2;
    }
done:
    mm_vec_free(&extra);
    mm_build_step_free(&bs);
    free(step_root);
    mm_scan_free(&s);
    mm_ccdb_free(ccdb);
    mm_vec_free(&toolchain_inc);
    mm_vec_free(&query_drivers);
    mm_ruleset_free(&rs);
    mm_policy_free(&policy);
    mm_vec_free(&rule_dirs);
    mm_vec_free(&since);
    mm_vec_free(&branches);
    mm_vec_free(&advisory_dirs);
    mm_osv_free(&osv);
    return rc;
}

/* --- version and help ----------------------------------------------------------------------------- */

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    int maj, min, rev;
    git_libgit2_version(&maj, &min, &rev);
    char pcre[64] = "";
    pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    printf("mamori %s\n", MAMORI_VERSION);
    printf("  tree-sitter grammars: C and C++ (ABI %u)\n", mm_cfront_abi());
    printf("  libgit2 %d.%d.%d, vectorscan %s, PCRE2 %s, cJSON %s\n", maj, min, rev,
           hs_version(), pcre, cJSON_Version());
    const char *why = NULL;
    const mm_libclang *lc = mm_libclang_load(&why);
    if (lc) {
        CXString clang = lc->clang_getClangVersion();
        printf("  %s (deep tier: the build's compile_commands.json)\n", lc->clang_getCString(clang));
        lc->clang_disposeString(clang);
    } else {
        printf("  libclang cannot be loaded (%s): no deep tier\n", why);
    }
    return 0;
}

static int cmd_help(int argc, char **argv);

static const mm_command commands[] = {
    {"scan", N_("check files against the rules"), mm_cmd_scan},
    {"report", N_("write the sign-off report: the six measures and the standards' checklists "
                  "(HTML, Markdown; Japanese, English)"),
     mm_cmd_report},
    {"rules", N_("list rules, show one, or print the prefilter triggers"), mm_cmd_rules},
    {"test", N_("run the rule fixtures in a directory (mamori-expect / mamori-ok)"), mm_cmd_test},
    {"hook", N_("install or remove the git hooks that run mamori before a commit or a push"),
     mm_cmd_hook},
    {"init", N_("write a commented mamori.json for the project's ecosystem"), mm_cmd_init},
    {"baseline", N_("record today's findings as accepted risks in the policy"), mm_cmd_baseline},
    {"sbom", N_("write the tree's third-party components as an SBOM (CycloneDX, SPDX)"), mm_cmd_sbom},
    {"roles", N_("show what each directory is to the product (example, test, tool ...) and why"),
     mm_cmd_roles},
    {"version", N_("print the version and the libraries in use"), cmd_version},
    {"help", N_("this help"), cmd_help},
};

bool mm_cli_has_command(const char *name)
{
    for (size_t i = 0; i < MM_ARRAY_LEN(commands); i++) {
        if (!strcmp(commands[i].name, name))
            return true;
    }
    return false;
}

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf(_("mamori %s: a static policy checker for firmware repositories\n\n"
             "usage: mamori <command> [options]\n\ncommands:\n"),
           MAMORI_VERSION);
    for (size_t i = 0; i < MM_ARRAY_LEN(commands); i++)
        printf("  %-9s %s\n", commands[i].name, _(commands[i].what));
    printf(_("\n`mamori <command> --help` tells more. Exit codes: 0 clean, 1 findings at or above\n"
             "--fail-on, 2 usage or configuration error, 3 internal error.\n"));
    return 0;
}

int main(int argc, char **argv)
{
    git_libgit2_init();
    /* mamori never runs anything from a repository, so a repository owned by another user
     * (CI containers, mounted checkouts) is safe to read */
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    mm_i18n_init(NULL); /* LANG and friends; a command's --lang overrides */
    int rc;
    if (argc < 2) {
        cmd_help(0, NULL);
        rc = 2;
    } else if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        rc = cmd_version(0, NULL);
    } else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        rc = cmd_help(0, NULL);
    } else {
        const mm_command *cmd = NULL;
        for (size_t i = 0; i < MM_ARRAY_LEN(commands); i++) {
            if (!strcmp(commands[i].name, argv[1]))
                cmd = &commands[i];
        }
        if (!cmd) {
            rc = mm_cli_fail(2, "unknown command \"%s\" (see `mamori help`)", argv[1]);
        } else {
            rc = cmd->run(argc - 1, argv + 1);
        }
    }
    git_libgit2_shutdown();
    return rc;
}
