/* scan.c: one worktree scan from input set to sorted, policy-applied findings. Files are
 * scanned in parallel (one worker per core), each through classify -> prefilter -> front ends ->
 * matchers; the results are merged in path order, so the output never depends on timing. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inputs/cache.h"
#include "front/cfront.h"
#include "front/dtfront.h"
#include "inputs/input.h"
#include "front/kconfig.h"
#include "front/linefront.h"
#include "project/inventory.h"
#include "match/matchers.h"
#include "core/policy.h"
#include "front/libcprobe.h"
#include "core/scan_internal.h"

/* --- positions ------------------------------------------------------------------------------ */

static void build_lines(mm_file *f)
{
    if (f->lines)
        return;
    /* memchr finds newlines many bytes at a time: a byte loop here cost 4% of a scan */
    const char *end = f->data + f->len;
    size_t n = 1;
    for (const char *p = f->data; f->len && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    f->lines = mm_arena_alloc(f->arena, n * sizeof *f->lines);
    size_t k = 0;
    f->lines[k++] = 0;
    for (const char *p = f->data; f->len && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        f->lines[k++] = (uint32_t)(p - f->data + 1);
    f->nlines = k;
}

void mm_file_pos(mm_file *f, uint32_t off, unsigned *line, unsigned *col)
{
    build_lines(f);
    size_t lo = mm_u32_floor(f->lines, f->nlines, off);
    *line = (unsigned)lo + 1;
    *col = mm_utf8_col(f->data + f->lines[lo], off - f->lines[lo]);
}

uint32_t mm_file_line_start(mm_file *f, unsigned line)
{
    build_lines(f);
    if (line == 0)
        return 0;
    if (line > f->nlines)
        return (uint32_t)f->len;
    return f->lines[line - 1];
}

uint32_t mm_file_line_end(mm_file *f, unsigned line)
{
    build_lines(f);
    if (line >= f->nlines)
        return (uint32_t)f->len;
    uint32_t e = f->lines[line]; /* start of the next line */
    return e ? e - 1 : 0;
}

/* --- emission --------------------------------------------------------------------------------- */

char *mm_redact(mm_arena *a, const char *s, size_t n)
{
    char sha[65];
    mm_sha256_hex(s, n, sha);
    /* show at most an eighth of the value each side, never more than 4 characters, and only
     * plain ASCII; values under 8 characters show nothing */
    size_t k = n / 8;
    if (k > 4)
        k = 4;
    for (size_t i = 0; i < k; i++) {
        if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e ||
            (unsigned char)s[n - 1 - i] < 0x21 || (unsigned char)s[n - 1 - i] > 0x7e)
            k = 0;
    }
    return mm_arena_printf(a, "%.*s***%.*s [redacted: %zu chars, sha256:%.8s]", (int)k, s,
                           (int)k, s + n - k, n, sha);
}

void mm_emit_finding(mm_file *f, const mm_rule *rule, const mm_emit *e)
{
    mm_finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = rule;
    fd.path = mm_xstrdup(f->path);
    fd.start = e->start;
    fd.end = e->end > e->start ? e->end : e->start;
    fd.severity = e->severity ? e->severity : rule->severity;
    if (rule->profile_severity[0] && !e->severity) {
        /* debug interfaces and the like: errors in what ships, notes elsewhere */
        fd.profile = e->profile ? e->profile : mm_profile_of(f->scan->policy, f->path);
        fd.severity = rule->profile_severity[strcmp(fd.profile, "release") == 0 ? 0 : 1];
    }
    fd.engine = rule->kind->engine;
    fd.order = (uint32_t)f->findings.n;
    if (e->requires_fact)
        fd.requires_fact = mm_xstrdup(e->requires_fact);
    if (e->unless_fact)
        fd.unless_fact = mm_xstrdup(e->unless_fact);
    if (e->callee) {
        fd.callee = mm_xstrdup(e->callee);
        fd.shadow_by_signature = e->shadow_by_signature;
    }
    mm_buf vars = {0};
    if (e->vars) {
        for (const char *const *v = e->vars; v[0] && v[1]; v += 2) {
            mm_buf_put(&vars, v[0], strlen(v[0]) + 1);
            mm_buf_put(&vars, v[1], strlen(v[1]) + 1);
        }
    }
    if (fd.profile) {
        mm_buf_put(&vars, "profile", 8);
        mm_buf_put(&vars, fd.profile, strlen(fd.profile) + 1);
    }
    if (e->secret) {
        /* {value} is the redacted form; the raw value never leaves this function */
        char *red = mm_redact(f->arena, e->secret, e->secret_len);
        mm_buf_put(&vars, "value", 6);
        mm_buf_put(&vars, red, strlen(red) + 1);
        mm_secret_span sp = {e->secret_start, e->secret_end, red, {0}};
        mm_sha256_hex(e->secret, e->secret_len, sp.sha);
        if (sp.end > sp.start)
            mm_vec_push(&f->secrets, sp);
    }
    mm_buf_putc(&vars, 0);
    fd.vars = vars.data;
    mm_vec_push(&f->findings, fd);
}

void mm_file_fact(mm_file *f, const char *fact)
{
    for (size_t i = 0; i < f->hints.n; i++) {
        if (!strcmp(f->hints.v[i].key, "fact") && !strcmp(f->hints.v[i].value, fact))
            return;
    }
    mm_kv kv = {mm_xstrdup("fact"), mm_xstrdup(fact)};
    mm_vec_push(&f->hints, kv);
}

mm_notice mm_notice_vmake(const char *path, unsigned line, mm_notice_level level,
                          const char *code, const char *fmt, va_list ap)
{
    mm_buf b = {0};
    mm_buf_vprintf(&b, fmt, ap);
    return (mm_notice){path ? mm_xstrdup(path) : NULL, line, line ? 1 : 0, level,
                       mm_xstrdup(code), mm_buf_cstr(&b)};
}

void mm_file_notice(mm_file *f, unsigned line, mm_notice_level level, const char *code,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mm_notice n = mm_notice_vmake(f->path, line, level, code, fmt, ap);
    va_end(ap);
    mm_vec_push(&f->notices, n);
}

/* --- classification ------------------------------------------------------------------------------ */

static mm_file_kind classify(const char *path, const char *data, size_t len)
{
    size_t probe = len < 8192 ? len : 8192;
    if (memchr(data, 0, probe))
        return MM_KIND_BINARY;
    const char *base = mm_path_base(path);
    const char *dot = strrchr(base, '.');
    if (!dot)
        return MM_KIND_OTHER;
    const char *ext = dot + 1;
    if (!strcmp(ext, "c") || !strcmp(ext, "h"))
        return MM_KIND_C;
    static const char *const cpp[] = {"cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", "h++",
                                      "ino", "pde", "C", "H", "ipp", "tpp"};
    for (size_t i = 0; i < MM_ARRAY_LEN(cpp); i++) {
        if (!strcmp(ext, cpp[i]))
            return MM_KIND_CPP;
    }
    return MM_KIND_OTHER;
}

static bool rule_applies(const mm_rule *r, const mm_file *f)
{
    if (r->files.n) {
        bool hit = false;
        for (size_t i = 0; i < r->files.n && !hit; i++)
            hit = mm_glob_match(r->files.v[i], f->path);
        if (!hit)
            return false;
    }
    if (r->languages.n) {
        const char *lang = f->kind == MM_KIND_C ? "c" : f->kind == MM_KIND_CPP ? "cpp" : "";
        bool hit = false;
        for (size_t i = 0; i < r->languages.n && !hit; i++)
            hit = !strcmp(r->languages.v[i], lang);
        if (!hit)
            return false;
    }
    if ((r->needs & MM_NEED_TEXT) && f->kind == MM_KIND_BINARY)
        return false;
    return true;
}

/* A rule may fire in a file it applies to when one of its triggers hit there; a rule without
 * triggers (file rules, configuration rules that judge absent keys) looks at every such file. */
static bool may_fire(const mm_rule *r, size_t idx, const mm_file *f)
{
    return (!r->triggers.n || f->rule_hit[idx]) && rule_applies(r, f); /* the cheap test first */
}

/* --- front ends --------------------------------------------------------------------------------
 * The one list of front ends: which files each reads and which facts (MM_NEED_*) it makes. */

static bool reads_c(const mm_file *f)
{
    return f->kind == MM_KIND_C || f->kind == MM_KIND_CPP;
}

static void run_c(mm_worker *w, mm_file *f)
{
    mm_cfront_run(w->cfront, f, false);
}

static bool config_made(const mm_file *f)
{
    return f->kc != NULL; /* a .conf that is not Kconfig-style gets no config rules */
}

static bool reads_config(const mm_file *f)
{
    return f->kind == MM_KIND_OTHER && f->len && mm_kconfig_candidate(f->path);
}

static void run_config(mm_worker *w, mm_file *f)
{
    (void)w;
    mm_kconfig_run(f);
}

static bool reads_dt(const mm_file *f)
{
    return f->kind != MM_KIND_BINARY && mm_dtfront_reads(f->path);
}

static void run_dt(mm_worker *w, mm_file *f)
{
    if (!w->dtfront)
        w->dtfront = mm_dtfront_new();
    mm_dtfront_run(w->dtfront, f);
}

static bool reads_text(const mm_file *f)
{
    return f->kind != MM_KIND_BINARY;
}

static void run_records(mm_worker *w, mm_file *f)
{
    (void)w;
    mm_records_run(f);
}

static void run_commands(mm_worker *w, mm_file *f)
{
    (void)w;
    mm_commands_run(f);
}

static void run_uci(mm_worker *w, mm_file *f)
{
    (void)w;
    mm_uci_run(f);
}

static void run_inventory(mm_worker *w, mm_file *f)
{
    (void)w;
    mm_inventory_run(f);
}

static const struct frontend {
    const char *name;
    unsigned provides;
    bool (*reads)(const mm_file *f);
    void (*run)(mm_worker *w, mm_file *f);
    bool (*made)(const mm_file *f); /* did it find what it reads? (NULL: always) */
} frontends[] = {
    {"tree-sitter C/C++",      MM_NEED_CFACTS,   reads_c,      run_c,        NULL},
    {"Kconfig",                MM_NEED_CONFIG,   reads_config, run_config,   config_made},
    {"tree-sitter devicetree", MM_NEED_DTFACTS,  reads_dt,     run_dt,       NULL},
    {"colon records",          MM_NEED_RECORDS,  reads_text,   run_records,  NULL},
    {"shell commands",         MM_NEED_COMMANDS, reads_text,   run_commands, NULL},
    {"OpenWrt UCI",            MM_NEED_UCI,      reads_text,   run_uci,      NULL},
    {"component inventory",    MM_NEED_COMPONENTS, mm_inventory_reads, run_inventory, NULL},
};

/* --- prefilter ------------------------------------------------------------------------------------ */

enum { MAX_HITS = 1 << 20 };

typedef struct hitvec {
    mm_hit *v;
    size_t n, cap;
    bool full;
} hitvec;

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
                    void *ctx)
{
    (void)from;
    (void)flags;
    hitvec *h = ctx;
    if (h->n == MAX_HITS) {
        h->full = true;
        return 1;
    }
    /* a trigger that matches at every position (\w+ runs) reports each end: keep one per line
     * and trigger by collapsing consecutive duplicates */
    if (h->n && h->v[h->n - 1].trigger == id && h->v[h->n - 1].end + 1 == to) {
        h->v[h->n - 1].end = (uint32_t)to;
        return 0;
    }
    mm_vec_push(h, ((mm_hit){id, (uint32_t)to}));
    return 0;
}

static int cmp_hit(const void *a, const void *b)
{
    const mm_hit *x = a, *y = b;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return x->trigger < y->trigger ? -1 : x->trigger > y->trigger;
}

/* `mamori-ignore[rule-a, rule-b]: reason` */
static void parse_suppression(mm_file *f, uint32_t end)
{
    unsigned line, col;
    mm_file_pos(f, end ? end - 1 : 0, &line, &col);
    uint32_t ls = mm_file_line_start(f, line), le = mm_file_line_end(f, line);
    const char *p = f->data + end;
    const char *stop = f->data + le;
    /* the marker is "mamori-ignore" and `end` is just after it */
    const char *marker = p - strlen("mamori-ignore");
    if (p >= stop || *p != '[')
        return; /* prose mentioning the word, not a suppression */
    const char *close = memchr(p, ']', (size_t)(stop - p));
    if (!close)
        return;
    mm_suppression s;
    memset(&s, 0, sizeof s);
    s.path = mm_xstrdup(f->path);
    s.line = line;
    s.col = mm_utf8_col(f->data + ls, (size_t)(marker - (f->data + ls)));
    s.rules = mm_xstrndup(p + 1, (size_t)(close - p - 1));
    const char *r = close + 1;
    if (r < stop && *r == ':') {
        r++;
        while (r < stop && (*r == ' ' || *r == '\t'))
            r++;
        const char *re = stop;
        /* trim a closing comment and trailing space */
        while (re > r && (re[-1] == ' ' || re[-1] == '\t' || re[-1] == '\r'))
            re--;
        if (re - r >= 2 && re[-1] == '/' && re[-2] == '*') {
            re -= 2;
            while (re > r && (re[-1] == ' ' || re[-1] == '\t'))
                re--;
        }
        if (re - r >= 3) /* a reason is a few words, not a stray character */
            s.reason = mm_xstrndup(r, (size_t)(re - r));
    }
    mm_vec_push(&f->supps, s);
}

/* --- the per-file pipeline ----------------------------------------------------------------------------- */

/* Base names of the headers a C/C++ file includes, for macros that shadow libc names. */
static void collect_includes(mm_file *f)
{
    const char *p = f->data, *end = f->data + f->len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t'))
            q++;
        if (q < eol && *q == '#') {
            q++;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            if (eol - q > 7 && !strncmp(q, "include", 7)) {
                q += 7;
                while (q < eol && (*q == ' ' || *q == '\t'))
                    q++;
                if (q < eol && (*q == '"' || *q == '<')) {
                    char close = *q == '"' ? '"' : '>';
                    const char *s = ++q;
                    while (q < eol && *q != close)
                        q++;
                    if (q < eol) {
                        const char *b = s;
                        for (const char *k = s; k < q; k++) {
                            if (*k == '/')
                                b = k + 1;
                        }
                        mm_vec_push(&f->includes, mm_xstrndup(b, (size_t)(q - b)));
                    }
                }
            }
        }
        p = eol + 1;
    }
}

/* Whether the line holding off is over the cap. [*ls, *le] caches the last line measured:
 * hits come sorted, so each line is measured once, and most files with a hit never need the
 * line table (it is built only when a finding or a pattern rule asks for positions). */
static bool line_too_long(mm_file *f, uint32_t off, uint32_t *ls, uint32_t *le)
{
    if (off < *ls || off > *le) {
        const char *nl = off ? memrchr(f->data, '\n', off) : NULL;
        *ls = nl ? (uint32_t)(nl - f->data) + 1 : 0;
        const char *e = memchr(f->data + off, '\n', f->len - off);
        *le = e ? (uint32_t)(e - f->data) : (uint32_t)f->len;
    }
    return *le - *ls > f->scan->opts.max_line_len;
}

void mm_scan_file(mm_worker *w, mm_file *f)
{
    const mm_ruleset *rs = f->scan->rules;
    f->worker = w;
    f->kind = classify(f->path, f->data, f->len);
    mm_project_probe(f);

    size_t nrules = rs->rules.n;
    f->rule_hit = mm_arena_calloc(f->arena, nrules ? nrules : 1, 1);
    if (f->kind != MM_KIND_BINARY && f->len) {
        hitvec h = {0};
        hs_scan(rs->db, f->data, (unsigned)f->len, 0, w->scratch, on_match, &h);
        if (h.full)
            mm_file_notice(f, 0, MM_NOTICE_WARNING, "too-many-hits",
                           "more than %d prefilter hits; the rest of the file was not checked",
                           MAX_HITS);
        mm_sort(h.v, h.n, sizeof *h.v, cmp_hit);
        /* drop hits of rules that read C facts in files no C front end reads (an API name in
         * a text file: nothing to parse, and a large text file's lines are not worth indexing
         * for it), and hits on overlong lines (minified or generated text), with one note */
        size_t k = 0;
        unsigned long_line = 0;
        uint32_t ls = 1, le = 0; /* no line measured yet */
        bool c_file = f->kind == MM_KIND_C || f->kind == MM_KIND_CPP;
        for (size_t i = 0; i < h.n; i++) {
            uint32_t hr = rs->trig_rule.v[h.v[i].trigger];
            if (!c_file && hr != UINT32_MAX && (rs->rules.v[hr]->needs & MM_NEED_CFACTS))
                continue;
            if (line_too_long(f, h.v[i].end ? h.v[i].end - 1 : 0, &ls, &le)) {
                if (!long_line) {
                    unsigned col;
                    mm_file_pos(f, h.v[i].end - 1, &long_line, &col);
                }
                continue;
            }
            h.v[k++] = h.v[i];
        }
        h.n = k;
        if (long_line)
            mm_file_notice(f, long_line, MM_NOTICE_NOTE, "long-line",
                           "lines longer than %zu bytes are not checked (first at line %u)",
                           f->scan->opts.max_line_len, long_line);
        f->hits = mm_arena_alloc(f->arena, (h.n ? h.n : 1) * sizeof *f->hits);
        if (h.n)
            memcpy(f->hits, h.v, h.n * sizeof *h.v);
        f->nhits = h.n;
        free(h.v);
        if (f->scope && f->nhits)
            mm_scope_trim_hits(f); /* history, --diff: parse only what the change touched */
        for (size_t i = 0; i < f->nhits; i++) {
            uint32_t t = f->hits[i].trigger;
            uint32_t r = rs->trig_rule.v[t];
            if (r == UINT32_MAX) {
                if (t == MM_TRIG_SUPPRESS)
                    parse_suppression(f, f->hits[i].end);
                else if (t < 32)
                    f->internal_hits |= 1u << t;
            } else {
                f->rule_hit[r] = 1;
            }
        }
    }

    /* front ends: each runs when a rule that reads its facts may fire in this file */
    for (size_t fe = 0; fe < MM_ARRAY_LEN(frontends); fe++) {
        if (!frontends[fe].reads(f))
            continue;
        for (size_t r = 0; r < nrules; r++) {
            const mm_rule *rule = rs->rules.v[r];
            if ((rule->needs & frontends[fe].provides) && may_fire(rule, r, f)) {
                frontends[fe].run(w, f);
                if (!frontends[fe].made || frontends[fe].made(f))
                    f->ready |= frontends[fe].provides;
                break;
            }
        }
    }
    for (size_t r = 0; r < nrules; r++) {
        const mm_rule *rule = rs->rules.v[r];
        /* an analyzer that also runs per project collects its facts here (run_file) */
        if (!rule->run)
            continue;
        if (rule->needs & MM_NEED_FACTS & ~f->ready)
            continue; /* its front end does not read this file (checked first: it is cheap) */
        if (!may_fire(rule, r, f))
            continue;
        rule->run(rule, f);
    }
    for (size_t i = 0; i < f->findings.n; i++) {
        if (f->findings.v[i].callee) {
            collect_includes(f);
            break;
        }
    }
    mm_scan_finalize_file(f);
}

/* --- workers --------------------------------------------------------------------------------------- */

static void process_input(mm_worker *w, const mm_input *in, mm_file_result *res)
{
    mm_scan *s = w->scan;
    mm_file f;
    memset(&f, 0, sizeof f);
    f.scan = s;
    f.path = in->rel;
    f.arena = &w->arena;
    uint8_t key[MM_CACHE_KEY];
    bool store = false;
    if (in->size > s->opts.max_file_size) {
        /* bytes below 1 MiB: "0.0 MiB, over the 0.0 MiB cap" would say nothing */
        if (s->opts.max_file_size < 1048576)
            mm_file_notice(&f, 0, MM_NOTICE_NOTE, "too-large",
                           "file is %llu bytes, over the %zu-byte cap (--max-file-size); not "
                           "scanned",
                           (unsigned long long)in->size, s->opts.max_file_size);
        else
            mm_file_notice(&f, 0, MM_NOTICE_NOTE, "too-large",
                           "file is %.1f MiB, over the %.1f MiB cap (--max-file-size); not "
                           "scanned",
                           (double)in->size / 1048576.0,
                           (double)s->opts.max_file_size / 1048576.0);
        res->skipped = true;
    } else {
        /* a tracked file the index vouches for: its results may be in the cache */
        if (s->cache && in->clean) {
            mm_cache_key(key, MM_CACHE_WORKTREE, in->oid, in->rel, in->size);
            if (mm_cache_get_result(s->cache, key, s->rules, res)) {
                atomic_fetch_add(&s->from_cache, 1);
                mm_arena_reset(&w->arena);
                return;
            }
        }
        char *data;
        size_t len;
        mm_err err;
        if (mm_read_file(in->abs, s->opts.max_file_size, &data, &len, &err) < 0) {
            mm_file_notice(&f, 0, MM_NOTICE_WARNING, "unreadable", "%s", err.msg);
            res->skipped = true;
        } else {
            f.data = data;
            f.len = len;
            mm_scan_file(w, &f);
            res->bytes = len;
            res->binary = f.kind == MM_KIND_BINARY;
            if (res->binary)
                mm_file_notice(&f, 0, MM_NOTICE_NOTE, "binary",
                               "binary file: only file-level rules (key files) were applied");
            free(data);
            store = s->cache && in->clean && len == in->size;
        }
    }
    mm_file_result_take(res, &f);
    if (store)
        mm_cache_put_result(s->cache, key, res);
    mm_arena_reset(&w->arena);
}

static void *worker_main(void *arg)
{
    mm_worker *w = arg;
    for (;;) {
        size_t i = atomic_fetch_add(w->next, 1);
        if (i >= w->inputs->files.n)
            break;
        process_input(w, &w->inputs->files.v[i], &w->results[i]);
    }
    return NULL;
}

int mm_worker_init(mm_worker *w, mm_scan *s, mm_err *err)
{
    memset(w, 0, sizeof *w);
    w->scan = s;
    if (hs_alloc_scratch(s->rules->db, &w->scratch) != HS_SUCCESS)
        return mm_err_set(err, 3, NULL, 0, 0, "cannot allocate prefilter scratch space");
    w->cfront = mm_cfront_new();
    return 0;
}

void mm_worker_free(mm_worker *w)
{
    if (w->scratch)
        hs_free_scratch(w->scratch);
    mm_cfront_free(w->cfront);
    mm_dtfront_free(w->dtfront);
    mm_arena_free(&w->arena);
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How text output names files: relative to the current directory, as a compiler would. When
 * the current directory is inside the root, cwd_rel is its path there (paths below it lose that
 * prefix, others get "../"); otherwise a prefix leads from it to the root. */
void mm_scan_display_paths(mm_scan *s, const char *root)
{
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) {
        s->display_prefix = mm_xasprintf("%s/", root);
        return;
    }
    char *real = realpath(cwd, NULL);
    const char *c = real ? real : cwd;
    size_t rn = strlen(root), n = strlen(c);
    if (!strcmp(c, root)) {
        s->display_prefix = mm_xstrdup("");
    } else if (!strncmp(c, root, rn) && (c[rn] == '/' || rn == 1)) {
        s->display_prefix = mm_xstrdup("");
        s->cwd_rel = mm_xstrdup(c + (rn == 1 ? 1 : rn + 1));
    } else if (!strncmp(root, c, n) && root[n] == '/') {
        s->display_prefix = mm_xasprintf("%s/", root + n + 1);
    } else {
        s->display_prefix = mm_xasprintf("%s/", root);
    }
    free(real);
}

int mm_scan_run(mm_scan *s, mm_err *err)
{
    mm_inputs in;
    memset(&in, 0, sizeof in);
    if (s->opts.inputs) {
        for (size_t i = 0; i < s->opts.ninputs; i++) {
            mm_input copy = {mm_xstrdup(s->opts.inputs[i].rel), mm_xstrdup(s->opts.inputs[i].abs),
                             s->opts.inputs[i].size};
            mm_vec_push(&in.files, copy);
        }
        in.root = mm_xstrdup(s->opts.root ? s->opts.root : ".");
    } else if (mm_inputs_collect(s->opts.paths, s->opts.npaths,
                                 s->policy ? mm_policy_excludes : NULL, s->policy, &in,
                                 &s->notices, err) < 0) {
        return -1;
    }
    s->root = mm_xstrdup(in.root);
    mm_scan_display_paths(s, in.root);
    if (in.git)
        mm_scan_cache_open(s, in.gitdir);
    s->git = in.git;
    s->whole_root = s->opts.inputs ? s->opts.whole_root : in.whole_root;
    for (size_t i = 0; i < in.files.n; i++)
        mm_vec_push(&s->paths, mm_xstrdup(in.files.v[i].rel));
    mm_sort(s->paths.v, s->paths.n, sizeof *s->paths.v, cmp_path);

    size_t n = in.files.n;
    mm_file_result *results = mm_xcalloc(n ? n : 1, sizeof *results);
    int jobs = s->opts.jobs > 0 ? s->opts.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    mm_worker *workers = mm_xcalloc((size_t)jobs, sizeof *workers);
    atomic_size_t next = 0;
    int rc = 0;
    for (int j = 0; j < jobs; j++) {
        if (mm_worker_init(&workers[j], s, err) < 0) {
            rc = -1;
            jobs = j;
            break;
        }
        workers[j].next = &next;
        workers[j].inputs = &in;
        workers[j].results = results;
    }
    if (rc == 0) {
        if (jobs == 1) {
            worker_main(&workers[0]);
        } else {
            pthread_t *th = mm_xcalloc((size_t)jobs, sizeof *th);
            for (int j = 0; j < jobs; j++)
                pthread_create(&th[j], NULL, worker_main, &workers[j]);
            for (int j = 0; j < jobs; j++)
                pthread_join(th[j], NULL);
            free(th);
        }
    }
    for (int j = 0; j < jobs; j++)
        mm_worker_free(&workers[j]);
    free(workers);
    if (rc == 0)
        mm_scan_merge(s, results, n);
    else
        for (size_t i = 0; i < n; i++)
            mm_file_result_free(&results[i]);
    free(results);
    mm_inputs_free(&in);
    mm_scan_cache_close(s);
    return rc;
}
