/* fixture.c: `mamori test DIR` — runs every rule's fixtures and holds them to their inline
 * expectations, strictly both ways: each `mamori-expect: id` must be produced on the next code
 * line (exactly as many times as it is written), and every finding a fixture produces must be
 * expected. A rule without a fixture, or whose fixtures never expect it (`mamori-expect`) or
 * never show a trap it must stay silent on (`mamori-ok`), fails.
 *
 * Fixtures of rule DIR/x/id.json: files DIR/x/id.* and directories DIR/x/id.*.tree/ (each
 * scanned as a small project). A fixture is scanned under its file name, or under the path a
 * `mamori-path: some/path` annotation gives. Files that cannot carry comments (binary keys)
 * put their annotations in a sidecar "<file>.expect". Rules in DIR replace built-ins of the
 * same id, so a rule can be edited and tested without rebuilding. */
#define _GNU_SOURCE
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/policy.h"
#include "core/ruleset.h"
#include "core/scan.h"
#include "inputs/cache.h"
#include "inputs/input.h"
#include "inputs/worktree.h"
#include "project/osv.h"

typedef enum { EXP_LINE, EXP_FILE, EXP_OK } exp_kind;

typedef struct expectation {
    exp_kind kind;
    char *rule;
    mm_severity severity; /* `id@note`: the finding must have this severity; NONE = any */
    char *file;      /* real path of the fixture file, for messages */
    char *rel;       /* path it was scanned as */
    unsigned line;   /* target line (EXP_LINE, EXP_OK) */
    unsigned at;     /* line of the annotation itself */
    unsigned matched;
} expectation;

typedef struct tester {
    const char *dir;
    mm_ruleset rs;
    mm_strset pack;           /* ids of the rules under test */
    MM_VEC(char *) pack_owned;
    MM_VEC(expectation) exps;
    unsigned failures;
    unsigned fixtures, checked;
    mm_strset has_fixture, has_expect, has_ok;
    MM_VEC(char *) owned;     /* strings the sets above borrow */
} tester;

static void fail(tester *t, const char *file, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void fail(tester *t, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
    t->failures++;
    if (line)
        fprintf(stderr, "%s:%u:%u: error: ", file, line, col ? col : 1);
    else
        fprintf(stderr, "%s: error: ", file);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static const char *keep(tester *t, char *s)
{
    mm_vec_push(&t->owned, s);
    return s;
}

/* --- annotations ------------------------------------------------------------------------------ */

static const struct {
    const char *tag;
    exp_kind kind;
} tags[] = {
    {"mamori-expect-file:", EXP_FILE},
    {"mamori-expect:", EXP_LINE},
    {"mamori-ok:", EXP_OK},
};

static bool is_id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static bool line_has_annotation(const char *s, size_t n)
{
    return memmem(s, n, "mamori-expect", 13) || memmem(s, n, "mamori-ok:", 10) ||
           memmem(s, n, "mamori-path:", 12);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    }
    return true;
}

/* Reads annotations of text (a fixture or its sidecar); returns the mamori-path if any. */
static char *read_annotations(tester *t, const char *text, size_t len, const char *file,
                              const char *rel, bool sidecar)
{
    char *path = NULL;
    /* line starts */
    MM_VEC(size_t) ls = {0};
    mm_vec_push(&ls, (size_t)0);
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n' && i + 1 <= len)
            mm_vec_push(&ls, i + 1);
    }
    size_t nlines = ls.n;
    for (size_t li = 0; li < nlines; li++) {
        const char *s = text + ls.v[li];
        size_t n = (li + 1 < nlines ? ls.v[li + 1] - 1 : len) - ls.v[li];
        const char *pp = memmem(s, n, "mamori-path:", 12);
        if (pp) {
            const char *v = pp + 12;
            while (v < s + n && (*v == ' ' || *v == '\t'))
                v++;
            const char *e = v;
            while (e < s + n && *e != ' ' && *e != '\t' && *e != '\r' && *e != '*')
                e++;
            free(path);
            path = mm_xstrndup(v, (size_t)(e - v));
            continue;
        }
        for (size_t k = 0; k < MM_ARRAY_LEN(tags); k++) {
            size_t tl = strlen(tags[k].tag);
            const char *hit = memmem(s, n, tags[k].tag, tl);
            if (!hit)
                continue;
            /* the target: the next line that is neither blank nor an annotation */
            unsigned target = 0;
            if (!sidecar) {
                for (size_t nx = li + 1; nx < nlines; nx++) {
                    const char *ns = text + ls.v[nx];
                    size_t nn = (nx + 1 < nlines ? ls.v[nx + 1] - 1 : len) - ls.v[nx];
                    if (!blank(ns, nn) && !line_has_annotation(ns, nn)) {
                        target = (unsigned)nx + 1;
                        break;
                    }
                }
            }
            exp_kind kind = tags[k].kind;
            if (sidecar && kind == EXP_LINE)
                kind = EXP_FILE;
            if (!sidecar && kind != EXP_FILE && !target) {
                fail(t, file, (unsigned)li + 1, 0, "%s has no code line after it", tags[k].tag);
                break;
            }
            const char *p = hit + tl;
            const char *end = s + n;
            int ids = 0;
            for (;;) {
                while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
                    p++;
                /* an id starts with a letter: a closing "-->" after the ids is not one */
                const char *q = p;
                while (q < end && is_id_char(*q) && (q > p || (*q >= 'a' && *q <= 'z')))
                    q++;
                if (q == p)
                    break;
                expectation e = {kind, mm_xstrndup(p, (size_t)(q - p)), MM_SEV_NONE,
                                 mm_xstrdup(file), mm_xstrdup(rel), target, (unsigned)li + 1, 0};
                if (q < end && *q == '@') {
                    const char *sv = ++q;
                    while (q < end && *q >= 'a' && *q <= 'z')
                        q++;
                    char sev[16];
                    snprintf(sev, sizeof sev, "%.*s", (int)(q - sv), sv);
                    if (mm_severity_parse(sev, false, &e.severity) < 0)
                        fail(t, file, (unsigned)li + 1, 0,
                             "unknown severity \"%s\" after %s@ (error, warning, note)", sev,
                             e.rule);
                }
                mm_vec_push(&t->exps, e);
                ids++;
                p = q;
            }
            if (!ids)
                fail(t, file, (unsigned)li + 1, 0, "%s names no rule id", tags[k].tag);
            break;
        }
    }
    mm_vec_free(&ls);
    return path;
}

/* --- one fixture ------------------------------------------------------------------------------- */

typedef struct fx_file {
    char *abs, *rel;
} fx_file;

static bool collect_file(const char *abs, const char *rel, void *vecp)
{
    MM_VEC(fx_file) *v = vecp;
    if (!mm_str_ends(abs, ".expect")) {
        fx_file f = {mm_xstrdup(abs), mm_xstrdup(rel)};
        mm_vec_push(v, f);
    }
    return true;
}

static int cmp_fx(const void *a, const void *b)
{
    return strcmp(((const fx_file *)a)->rel, ((const fx_file *)b)->rel);
}

static void run_fixture(tester *t, const char *fixture, bool tree, const char *owner)
{
    MM_VEC(fx_file) files = {0};
    char *root;
    if (tree) {
        mm_walk_dir(fixture, "", 16, NULL, collect_file, &files);
        root = mm_xstrdup(fixture);
    } else {
        fx_file f = {mm_xstrdup(fixture), mm_xstrdup(mm_path_base(fixture))};
        mm_vec_push(&files, f);
        const char *slash = strrchr(fixture, '/');
        root = slash ? mm_xstrndup(fixture, (size_t)(slash - fixture)) : mm_xstrdup(".");
    }
    mm_sort(files.v, files.n, sizeof *files.v, cmp_fx);
    t->fixtures++;
    mm_strset_add(&t->has_fixture, keep(t, mm_xstrdup(owner)));

    size_t first_exp = t->exps.n;
    MM_VEC(mm_input) inputs = {0};
    for (size_t i = 0; i < files.n; i++) {
        char *text;
        size_t len;
        mm_err err;
        char *sidecar = mm_xasprintf("%s.expect", files.v[i].abs);
        struct stat st;
        bool has_sidecar = stat(sidecar, &st) == 0;
        char *path = NULL;
        if (mm_read_file(has_sidecar ? sidecar : files.v[i].abs, 16 << 20, &text, &len, &err) ==
            0) {
            if (has_sidecar || !memchr(text, 0, len < 8192 ? len : 8192))
                path = read_annotations(t, text, len, has_sidecar ? sidecar : files.v[i].abs,
                                        files.v[i].rel, has_sidecar);
            free(text);
        }
        free(sidecar);
        if (path) {
            /* scanned under another name: rewrite the expectations' path */
            for (size_t k = first_exp; k < t->exps.n; k++) {
                if (!strcmp(t->exps.v[k].rel, files.v[i].rel)) {
                    free(t->exps.v[k].rel);
                    t->exps.v[k].rel = mm_xstrdup(path);
                }
            }
            free(files.v[i].rel);
            files.v[i].rel = path;
        }
        stat(files.v[i].abs, &st);
        mm_input in = {files.v[i].rel, files.v[i].abs, (uint64_t)st.st_size};
        mm_vec_push(&inputs, in);
    }

    mm_scan s;
    memset(&s, 0, sizeof s);
    s.rules = &t->rs;
    s.opts.inputs = inputs.v;
    s.opts.ninputs = inputs.n;
    s.opts.root = root;
    s.opts.jobs = 1;
    s.opts.max_file_size = 4u << 20;
    s.opts.max_line_len = 20000;
    s.opts.whole_root = tree; /* a tree is a small project, scanned from its root */
    mm_err err;
    /* a tree's mamori.json is its policy, as for `mamori scan`: accepted risks, product,
     * profiles, severities, components, sbom and advisories apply; a rule it turns off is
     * dropped from the results (one rule set serves every fixture) */
    mm_policy policy;
    memset(&policy, 0, sizeof policy);
    mm_osv_db osv;
    memset(&osv, 0, sizeof osv);
    char *policy_path = tree ? mm_xasprintf("%s/mamori.json", fixture) : NULL;
    struct stat pst;
    bool has_policy = policy_path && stat(policy_path, &pst) == 0;
    bool setup_ok = true;
    if (has_policy && (mm_policy_load(&policy, policy_path, &err) < 0 ||
                       mm_policy_validate(&policy, &t->rs, &err) < 0)) {
        fail(t, err.file[0] ? err.file : policy_path, err.line, err.col, "%s", err.msg);
        has_policy = false;
        setup_ok = false;
    }
    if (has_policy) {
        s.policy = &policy;
        for (size_t i = 0; i < policy.advisories.n && setup_ok; i++) {
            if (mm_osv_load_dir(&osv, policy.advisories.v[i], &err) < 0) {
                fail(t, err.file, err.line, err.col, "%s", err.msg);
                setup_ok = false;
            }
        }
        s.advisories = &osv;
    }
    if (!setup_ok) {
        /* reported above */
    } else if (mm_scan_run(&s, &err) < 0) {
        fail(t, fixture, 0, 0, "scan failed: %s", err.msg);
    } else {
        for (size_t i = 0; i < s.findings.n; i++) {
            const mm_finding *f = &s.findings.v[i];
            if (f->suppressed || (s.policy && !mm_policy_keeps_rule(f->rule, s.policy)))
                continue;
            t->checked++;
            expectation *match = NULL;
            for (size_t k = first_exp; k < t->exps.n && !match; k++) {
                expectation *e = &t->exps.v[k];
                if (strcmp(e->rule, f->rule->id) || strcmp(e->rel, f->path))
                    continue;
                if (e->kind == EXP_LINE && e->line == f->line && !e->matched &&
                    (!e->severity || e->severity == f->severity))
                    match = e;
            }
            for (size_t k = first_exp; k < t->exps.n && !match; k++) {
                expectation *e = &t->exps.v[k];
                if (e->kind == EXP_FILE && !strcmp(e->rule, f->rule->id) &&
                    !strcmp(e->rel, f->path))
                    match = e;
            }
            const char *real = fixture;
            for (size_t k = 0; k < files.n; k++) {
                if (!strcmp(files.v[k].rel, f->path))
                    real = files.v[k].abs;
            }
            if (match) {
                match->matched++;
                continue;
            }
            bool ok_line = false;
            for (size_t k = first_exp; k < t->exps.n; k++) {
                const expectation *e = &t->exps.v[k];
                ok_line |= e->kind == EXP_OK && e->line == f->line &&
                           !strcmp(e->rule, f->rule->id) && !strcmp(e->rel, f->path);
            }
            fail(t, real, f->line, f->col, "%s %s@%s: %s",
                 ok_line ? "mamori-ok violated by" : "unexpected finding", f->rule->id,
                 mm_severity_name(f->severity), f->message);
        }
        for (size_t k = first_exp; k < t->exps.n; k++) {
            expectation *e = &t->exps.v[k];
            if (!mm_ruleset_find(&t->rs, e->rule) && !mm_strset_has(&t->rs.known_ids, e->rule)) {
                fail(t, e->file, e->at, 0, "no rule \"%s\"", e->rule);
                continue;
            }
            if (e->kind != EXP_OK && !e->matched)
                fail(t, e->file, e->kind == EXP_LINE ? e->line : e->at, 0,
                     "expected %s%s%s%s, but it was not produced", e->rule,
                     e->severity ? "@" : "", e->severity ? mm_severity_name(e->severity) : "",
                     e->kind == EXP_LINE ? " on this line" : " in this file");
            if (e->kind == EXP_OK)
                mm_strset_add(&t->has_ok, keep(t, mm_xasprintf("%s\n%s", owner, e->rule)));
            else
                mm_strset_add(&t->has_expect, keep(t, mm_xasprintf("%s\n%s", owner, e->rule)));
        }
    }
    mm_scan_free(&s);
    mm_policy_free(&policy);
    free(policy_path);
    mm_osv_free(&osv);
    for (size_t i = 0; i < files.n; i++) {
        free(files.v[i].abs);
        free(files.v[i].rel);
    }
    mm_vec_free(&files);
    mm_vec_free(&inputs);
    free(root);
}

/* --- the pack --------------------------------------------------------------------------------- */

static void collect_rules(const char *dir, void *vecp, int depth)
{
    MM_VEC(char *) *v = vecp;
    if (depth > 16)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = mm_xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) && !mm_str_ends(p, ".tree")) {
            collect_rules(p, vecp, depth + 1);
            free(p);
        } else if (S_ISREG(st.st_mode) && mm_str_ends(p, ".json") &&
                   !mm_str_ends(p, ".schema.json")) {
            mm_vec_push(v, p);
        } else {
            free(p);
        }
    }
    closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_pack(tester *t, void *files_vec, mm_err *err)
{
    MM_VEC(char *) *files = files_vec;
    for (size_t i = 0; i < files->n; i++) {
        char *text;
        size_t len;
        if (mm_read_file(files->v[i], 1 << 20, &text, &len, err) < 0)
            return -1;
        mm_rule *r;
        int rc = mm_rule_load(files->v[i], text, len, false, mm_matcher_find, &r, err);
        free(text);
        if (rc < 0)
            return -1;
        if (mm_strset_has(&t->pack, r->id)) {
            mm_err_set(err, 2, files->v[i], 0, 0, "rule id \"%s\" appears twice in the pack",
                       r->id);
            mm_rule_free(r);
            return -1;
        }
        char *id = mm_xstrdup(r->id);
        mm_vec_push(&t->pack_owned, id);
        mm_strset_add(&t->pack, id);
        /* a rule under test replaces the built-in of the same id */
        bool replaced = false;
        for (size_t k = 0; k < t->rs.rules.n; k++) {
            if (!strcmp(t->rs.rules.v[k]->id, r->id)) {
                r->index = (unsigned)k;
                r->builtin = t->rs.rules.v[k]->builtin;
                mm_rule_free(t->rs.rules.v[k]);
                t->rs.rules.v[k] = r;
                replaced = true;
                break;
            }
        }
        if (!replaced && mm_ruleset_add(&t->rs, r, err) < 0)
            return -1;
    }
    return 0;
}

static void usage(FILE *out)
{
    fputs("usage: mamori test [--rules DIR] DIR\n"
          "Runs the fixtures of every rule file under DIR against their mamori-expect /\n"
          "mamori-ok annotations (see rules/README.md).\n",
          out);
}

int mm_cmd_test(int argc, char **argv)
{
    static const struct option opts[] = {
        {"rules", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    MM_VEC(const char *) extra = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r': mm_vec_push(&extra, optarg); break;
        case 'h': usage(stdout); mm_vec_free(&extra); return 0;
        default: usage(stderr); mm_vec_free(&extra); return 2;
        }
    }
    if (optind + 1 != argc) {
        usage(stderr);
        mm_vec_free(&extra);
        return 2;
    }
    tester t;
    memset(&t, 0, sizeof t);
    char *dir_arg = mm_xstrdup(argv[optind]);
    for (size_t n = strlen(dir_arg); n > 1 && dir_arg[n - 1] == '/'; n--)
        dir_arg[n - 1] = 0;
    t.dir = dir_arg;
    mm_err err;
    memset(&err, 0, sizeof err);
    int rc = 0;
    MM_VEC(char *) files = {0};
    struct stat st;
    if (stat(t.dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        rc = mm_cli_fail(2, "%s: not a directory", t.dir);
        goto done;
    }
    collect_rules(t.dir, &files, 0);
    mm_sort(files.v, files.n, sizeof *files.v, cmp_str);
    if (mm_cli_load_rules(&t.rs, extra.v, extra.n, &err) < 0 || load_pack(&t, (void *)&files,
                                                                          &err) < 0 ||
        mm_ruleset_compile(&t.rs, &mm_hsdb_store, &err) < 0) {
        mm_err_print(&err);
        rc = err.code ? err.code : 2;
        goto done;
    }
    for (size_t i = 0; i < files.n; i++) {
        const char *rule_file = files.v[i];
        /* which rule is this file? */
        const mm_rule *owner = NULL;
        for (size_t k = 0; k < t.rs.rules.n; k++) {
            if (!strcmp(t.rs.rules.v[k]->source, rule_file))
                owner = t.rs.rules.v[k];
        }
        if (!owner)
            continue;
        char *stem = mm_xstrndup(rule_file, strlen(rule_file) - 5);
        char *dir = mm_xstrdup(stem);
        char *slash = strrchr(dir, '/');
        const char *base = slash ? slash + 1 : stem;
        if (slash)
            *slash = 0;
        DIR *d = opendir(slash ? dir : ".");
        MM_VEC(char *) fx = {0};
        if (d) {
            struct dirent *e;
            size_t bl = strlen(base);
            while ((e = readdir(d))) {
                if (strncmp(e->d_name, base, bl) || e->d_name[bl] != '.')
                    continue;
                if (mm_str_ends(e->d_name, ".json") || mm_str_ends(e->d_name, ".expect"))
                    continue;
                mm_vec_push(&fx, mm_xasprintf("%s/%s", slash ? dir : ".", e->d_name));
            }
            closedir(d);
        }
        mm_sort(fx.v, fx.n, sizeof *fx.v, cmp_str);
        for (size_t k = 0; k < fx.n; k++) {
            bool tree = stat(fx.v[k], &st) == 0 && S_ISDIR(st.st_mode);
            if (!tree || mm_str_ends(fx.v[k], ".tree"))
                run_fixture(&t, fx.v[k], tree, owner->id);
            free(fx.v[k]);
        }
        mm_vec_free(&fx);
        char *key = mm_xasprintf("%s\n%s", owner->id, owner->id);
        if (!mm_strset_has(&t.has_fixture, owner->id))
            fail(&t, rule_file, 0, 0, "rule %s has no fixture (%s.* beside it)", owner->id, stem);
        else if (!mm_strset_has(&t.has_expect, key))
            fail(&t, rule_file, 0, 0, "the fixtures of %s never expect it (mamori-expect: %s)",
                 owner->id, owner->id);
        else if (!mm_strset_has(&t.has_ok, key))
            fail(&t, rule_file, 0, 0,
                 "the fixtures of %s show no case it must stay silent on (mamori-ok: %s)",
                 owner->id, owner->id);
        free(key);
        free(stem);
        free(dir);
    }
    if (t.failures)
        fprintf(stderr, "mamori test: %u failure%s in %u fixtures of %zu rules\n", t.failures,
                t.failures == 1 ? "" : "s", t.fixtures, t.pack.n);
    else
        printf("mamori test: %zu rules, %u fixtures, %u findings checked: all as expected\n",
               t.pack.n, t.fixtures, t.checked);
    rc = t.failures ? 1 : 0;
done:
    for (size_t i = 0; i < t.exps.n; i++) {
        free(t.exps.v[i].rule);
        free(t.exps.v[i].file);
        free(t.exps.v[i].rel);
    }
    mm_vec_free(&t.exps);
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    mm_vec_free(&files);
    mm_ruleset_free(&t.rs);
    mm_strset_free(&t.pack);
    for (size_t i = 0; i < t.pack_owned.n; i++)
        free(t.pack_owned.v[i]);
    mm_vec_free(&t.pack_owned);
    mm_strset_free(&t.has_fixture);
    mm_strset_free(&t.has_expect);
    mm_strset_free(&t.has_ok);
    for (size_t i = 0; i < t.owned.n; i++)
        free(t.owned.v[i]);
    mm_vec_free(&t.owned);
    mm_vec_free(&extra);
    free(dir_arg);
    return rc;
}
