/* cmd_report.c: `mamori report` — the sign-off report of a tree (report/report_doc.c). It
 * scans PATH as `mamori scan --format json` would (and its history with --history), or reads
 * saved JSON results (--from), and writes one HTML page or Markdown, atomically. Both ways go
 * through the JSON result, so a report from a saved result is the report of that scan. */
#define _GNU_SOURCE
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/json.h"
#include "cli/cli.h"
#include "core/ruleset.h"
#include "inputs/input.h"
#include "model/standards.h"
#include "report/report.h"

static void usage(FILE *out)
{
    fputs(_("usage: mamori report [options] [PATH]\n"
            "\n"
            "Writes the report for the person who signs off a release: the product, METI's six\n"
            "measures with what the repository shows and the findings that bear on each, the\n"
            "findings by measure, category and rule, checklists for ETSI EN 303 645, JC-STAR\n"
            "star 1 and CRA Annex I, the components and SBOM, advisories matched and secrets in\n"
            "git history. It scans PATH (default: the current directory), or reads saved results.\n"
            "\n"
            "  -f, --format FORMAT     html|markdown (default: html: one self-contained page)\n"
            "      --lang LANG         ja|en (default: LANG / LC_MESSAGES, else English)\n"
            "  -o, --output FILE       write the report to FILE (atomically) instead of stdout\n"
            "      --from FILE         read a result of mamori scan --format json instead of\n"
            "                          scanning (repeatable: a worktree and a --history result)\n"
            "      --history           also scan the git history for secrets\n"
            "      --policy FILE       policy file (default: mamori.json at the scanned root)\n"
            "      --no-policy         ignore mamori.json\n"
            "      --rules DIR         load the rule pack in DIR as well (repeatable)\n"
            "      --advisories DIR    known advisories: a directory of OSV JSON files (repeatable)\n"
            "  -j, --jobs N            parallel workers (default: number of cores)\n"),
          out);
}

/* "a/b/c" and "a/x" -> "../../x/": the way from directory `from` to directory `to` */
static char *relative_dir(const char *from, const char *to)
{
    size_t i = 0, last = 0;
    while (from[i] && from[i] == to[i]) {
        if (from[i] == '/')
            last = i;
        i++;
    }
    if (!from[i] && (to[i] == '/' || !to[i]))
        last = i;
    else if (!to[i] && from[i] == '/')
        last = i;
    mm_buf b = {0};
    for (const char *p = from + last; *p; p++) {
        if (*p == '/' && p[1])
            mm_buf_puts(&b, "../");
    }
    const char *rest = to + last;
    while (*rest == '/')
        rest++;
    if (*rest)
        mm_buf_printf(&b, "%s/", rest);
    char *out = mm_xstrdup(b.data ? b.data : "");
    mm_buf_free(&b);
    return out;
}

static char *dir_of_output(const char *output)
{
    char *copy = mm_xstrdup(output);
    char *slash = strrchr(copy, '/');
    char *dir;
    if (slash) {
        *slash = 0;
        dir = realpath(*copy ? copy : "/", NULL);
    } else {
        dir = realpath(".", NULL);
    }
    free(copy);
    return dir;
}

/* runs `mamori scan --format json` into a temporary file and returns its text */
static int scan_to_json(const char *path, bool history, const char *policy, bool no_policy,
                        const char *const *rules, size_t nrules, const char *const *adv,
                        size_t nadv, const char *jobs, char **text, size_t *len)
{
    const char *tmpdir = getenv("TMPDIR");
    char *tmpl = mm_xasprintf("%s/mamori-report-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        int rc = mm_cli_fail(3, "cannot make a temporary file in %s",
                             tmpdir && *tmpdir ? tmpdir : "/tmp");
        free(tmpl);
        return rc;
    }
    close(fd);
    MM_VEC(char *) av = {0};
    const char *fixed[] = {"scan", "--format", "json", "--output", tmpl, "--fail-on", "never",
                           "--quiet"};
    for (size_t i = 0; i < MM_ARRAY_LEN(fixed); i++)
        mm_vec_push(&av, mm_xstrdup(fixed[i]));
    if (history)
        mm_vec_push(&av, mm_xstrdup("--history"));
    if (policy) {
        mm_vec_push(&av, mm_xstrdup("--policy"));
        mm_vec_push(&av, mm_xstrdup(policy));
    }
    if (no_policy)
        mm_vec_push(&av, mm_xstrdup("--no-policy"));
    for (size_t i = 0; i < nrules; i++) {
        mm_vec_push(&av, mm_xstrdup("--rules"));
        mm_vec_push(&av, mm_xstrdup(rules[i]));
    }
    for (size_t i = 0; i < nadv; i++) {
        mm_vec_push(&av, mm_xstrdup("--advisories"));
        mm_vec_push(&av, mm_xstrdup(adv[i]));
    }
    if (jobs) {
        mm_vec_push(&av, mm_xstrdup("--jobs"));
        mm_vec_push(&av, mm_xstrdup(jobs));
    }
    mm_vec_push(&av, mm_xstrdup("--"));
    mm_vec_push(&av, mm_xstrdup(path));
    mm_vec_push(&av, NULL);
    int rc = mm_cmd_scan((int)av.n - 1, av.v);
    for (size_t i = 0; i < av.n; i++)
        free(av.v[i]);
    mm_vec_free(&av);
    if (rc == 0 || rc == 1) {
        mm_err err;
        memset(&err, 0, sizeof err);
        if (mm_read_file(tmpl, (size_t)1 << 31, text, len, &err) < 0) {
            mm_err_print(&err);
            rc = 3;
        } else {
            rc = 0;
        }
    }
    unlink(tmpl);
    free(tmpl);
    return rc;
}

int mm_cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'L'},
        {"from", required_argument, NULL, 'F'},
        {"history", no_argument, NULL, 'H'},
        {"policy", required_argument, NULL, 'P'},
        {"no-policy", no_argument, NULL, 'N'},
        {"rules", required_argument, NULL, 'r'},
        {"advisories", required_argument, NULL, 'a'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = "html", *output = NULL, *policy = NULL, *jobs = NULL;
    bool history = false, no_policy = false;
    MM_VEC(const char *) from = {0}, rules = {0}, adv = {0};
    int c, rc = 2;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'L':
            if (mm_i18n_init(optarg) < 0) {
                rc = mm_cli_fail(2, "--lang must be ja or en");
                goto out;
            }
            break;
        case 'F': mm_vec_push(&from, optarg); break;
        case 'H': history = true; break;
        case 'P': policy = optarg; break;
        case 'N': no_policy = true; break;
        case 'r': mm_vec_push(&rules, optarg); break;
        case 'a': mm_vec_push(&adv, optarg); break;
        case 'j': jobs = optarg; break;
        case 'h':
            usage(stdout);
            rc = 0;
            goto out;
        default:
            usage(stderr);
            goto out;
        }
    }
    bool html = !strcmp(format, "html");
    if (!html && strcmp(format, "markdown") && strcmp(format, "md")) {
        rc = mm_cli_fail(2, "unknown --format \"%s\" (one of: html, markdown)", format);
        goto out;
    }
    if (from.n && (optind < argc || history)) {
        rc = mm_cli_fail(2, "--from reads saved results; it does not go with PATH or --history");
        goto out;
    }
    if (argc - optind > 1) {
        rc = mm_cli_fail(2, "report takes one PATH (the repository)");
        goto out;
    }

    /* the results: saved, or made now */
    MM_VEC(char *) texts = {0};
    MM_VEC(size_t) lens = {0};
    MM_VEC(const char *) names = {0};
    if (from.n) {
        for (size_t i = 0; i < from.n; i++) {
            char *t = NULL;
            size_t n = 0;
            mm_err err;
            memset(&err, 0, sizeof err);
            if (mm_read_file(from.v[i], (size_t)1 << 31, &t, &n, &err) < 0) {
                mm_err_print(&err);
                rc = 2;
                goto free_texts;
            }
            mm_vec_push(&texts, t);
            mm_vec_push(&lens, n);
            mm_vec_push(&names, from.v[i]);
        }
    } else {
        const char *path = optind < argc ? argv[optind] : ".";
        for (int pass = 0; pass < (history ? 2 : 1); pass++) {
            char *t = NULL;
            size_t n = 0;
            rc = scan_to_json(path, pass == 1, policy, no_policy, rules.v, rules.n, adv.v, adv.n,
                              jobs, &t, &n);
            if (rc)
                goto free_texts;
            mm_vec_push(&texts, t);
            mm_vec_push(&lens, n);
            mm_vec_push(&names, pass ? "(history scan)" : "(scan)");
        }
    }
    MM_VEC(mm_json_doc) docs = {0};
    MM_VEC(const cJSON *) results = {0};
    for (size_t i = 0; i < texts.n; i++) {
        mm_json_doc doc;
        memset(&doc, 0, sizeof doc);
        mm_err err;
        memset(&err, 0, sizeof err);
        if (mm_json_parse(&doc, names.v[i], texts.v[i], lens.v[i], false, &err) < 0) {
            mm_err_print(&err);
            mm_json_free(&doc);
            rc = 2;
            goto free_docs;
        }
        const cJSON *schema = cJSON_GetObjectItemCaseSensitive(doc.root, "schema");
        const cJSON *findings = cJSON_GetObjectItemCaseSensitive(doc.root, "findings");
        if (!cJSON_IsString(schema) || strcmp(schema->valuestring, "mamori-findings") ||
            !cJSON_IsArray(findings)) {
            mm_err_set(&err, 2, names.v[i], 1, 1,
                       "not a result of mamori scan --format json (\"schema\": "
                       "\"mamori-findings\" with \"findings\")");
            mm_err_print(&err);
            mm_json_free(&doc);
            rc = 2;
            goto free_docs;
        }
        mm_vec_push(&docs, doc);
    }
    for (size_t i = 0; i < docs.n; i++)
        mm_vec_push(&results, docs.v[i].root);

    /* the rules that made them, and the standards they map to */
    mm_ruleset rs;
    mm_err err;
    memset(&err, 0, sizeof err);
    if (mm_cli_load_rules(&rs, rules.v, rules.n, &err) < 0) {
        mm_err_print(&err);
        rc = err.code ? err.code : 2;
        mm_ruleset_free(&rs);
        goto free_docs;
    }
    mm_json_doc std;
    memset(&std, 0, sizeof std);
    if (mm_json_parse(&std, "checker/data/standards.json", mm_builtin_standards,
                      mm_builtin_standards_len, false, &err) < 0) {
        mm_err_print(&err);
        rc = 3;
        goto free_rules;
    }

    /* links into the repository, relative to where the report goes */
    mm_doc_opts o = {0};
    o.html = html;
    long long now = (long long)time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (!*end && v >= 0)
            now = v;
    }
    o.now = now;
    const cJSON *root = results.n ? cJSON_GetObjectItemCaseSensitive(results.v[0], "root") : NULL;
    char *link_base = NULL;
    char *root_real = cJSON_IsString(root) ? realpath(root->valuestring, NULL) : NULL;
    if (root_real) {
        char *dir = output ? dir_of_output(output) : realpath(".", NULL);
        if (dir)
            link_base = relative_dir(dir, root_real);
        free(dir);
    }
    o.link_base = link_base ? link_base : "";
    mm_buf out = {0};
    mm_report_document(results.v, results.n, &rs, std.root, &o, &out);
    if (output) {
        if (mm_write_atomic(output, out.data ? out.data : "", out.len, &err) < 0) {
            mm_err_print(&err);
            rc = 2;
        } else {
            rc = 0;
            fprintf(stderr, _("mamori: report written to %s\n"), output);
        }
    } else {
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
        rc = fflush(stdout) == 0 ? 0 : 3;
    }
    mm_buf_free(&out);
    free(link_base);
    free(root_real);
    mm_json_free(&std);
free_rules:
    mm_ruleset_free(&rs);
free_docs:
    for (size_t i = 0; i < docs.n; i++)
        mm_json_free(&docs.v[i]);
    mm_vec_free(&docs);
    mm_vec_free(&results);
free_texts:
    for (size_t i = 0; i < texts.n; i++)
        free(texts.v[i]);
    mm_vec_free(&texts);
    mm_vec_free(&lens);
    mm_vec_free(&names);
out:
    mm_vec_free(&from);
    mm_vec_free(&rules);
    mm_vec_free(&adv);
    return rc;
}
