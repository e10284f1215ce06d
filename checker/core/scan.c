/* scan.c: one set of files to sorted, policy-applied findings. Files are scanned in parallel
 * (one worker per core), each through classify -> prefilter -> front ends -> matchers; the
 * results are merged in path order, so the output never depends on timing. Which files, and
 * whether earlier results of them are kept, is the input set's (inputs/). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "core/roles.h"
#include "core/scan.h"
#include "front/ccdb.h"
#include "front/cdeep.h"
#include "front/libclang.h"
#include "front/cfront.h"
#include "front/cproject.h"
#include "front/clex.h"
#include "front/dtfront.h"
#include "front/kconfig.h"
#include "front/libcprobe.h"
#include "front/linefront.h"
#include "project/inventory.h"

/* --- classification ------------------------------------------------------------------------------ */

/* Does a .h file hold C++? The header of an Arduino sketch or a C++ library (a class, a
 * namespace, a template, access specifiers, a raw string literal) read with the C grammar is
 * one long parse error: its facts are lost and tree-sitter spends its time recovering. A line
 * that starts with one of these words decides (an `extern "C"` guard does not). */
static bool cpp_header(const char *data, size_t len)
{
    static const char *const lead[] = {"class ", "namespace ", "template<", "template <",
                                       "public:", "private:", "protected:", "using namespace ",
                                       "#include <Arduino.h>", "#include \"Arduino.h\""};
    size_t n = len < (256u << 10) ? len : (256u << 10);
    for (size_t i = 0; i < n;) {
        while (i < n && (data[i] == ' ' || data[i] == '\t'))
            i++;
        const char *line = data + i;
        const char *nl = memchr(line, '\n', n - i);
        size_t ll = nl ? (size_t)(nl - line) : n - i;
        for (size_t k = 0; k < MM_ARRAY_LEN(lead); k++) {
            size_t kl = strlen(lead[k]);
            if (ll >= kl && !memcmp(line, lead[k], kl))
                return true;
        }
        /* PROGMEM = R"=====( ... )=====": a C++11 raw string */
        const char *r = ll > 3 ? memmem(line, ll, "R\"", 2) : NULL;
        if (r && r > line && (r[-1] == ' ' || r[-1] == '=' || r[-1] == '(') &&
            memchr(r + 2, '(', (size_t)(line + ll - (r + 2))))
            return true;
        i += ll + 1;
    }
    return false;
}

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
    if (!strcmp(ext, "c"))
        return MM_KIND_C;
    if (!strcmp(ext, "h"))
        return cpp_header(data, len) ? MM_KIND_CPP : MM_KIND_C;
    static const char *const cpp[] = {"cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", "h++",
                                      "ino", "pde", "C", "H", "ipp", "tpp"};
    for (size_t i = 0; i < MM_ARRAY_LEN(cpp); i++) {
        if (!strcmp(ext, cpp[i]))
            return MM_KIND_CPP;
    }
    return MM_KIND_OTHER;
}

/* Generated data (a web UI as a byte array, protocol bindings) holds nothing to fix by hand:
 * only what could leak is looked for, and the C front end does not parse it. */
static bool role_allows(const mm_rule *r, const mm_file *f)
{
    return f->role != MM_ROLE_GENERATED ||
           (r->category == MM_CAT_CREDENTIALS && !(r->needs & MM_NEED_CFACTS));
}

static bool rule_applies(const mm_rule *r, const mm_file *f)
{
    if (!role_allows(r, f))
        return false;
    for (size_t i = 0; i < r->files_exclude.n; i++) {
        if (mm_glob_match(r->files_exclude.v[i], f->path))
            return false;
    }
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
    if (f->ccmd) {
        /* a translation unit of the build: the libclang deep tier, else (a fatal error, with
         * a notice) the tree-sitter tier */
        if (!w->cdeep)
            w->cdeep = mm_cdeep_new();
        if (mm_cdeep_run(w->cdeep, w->cfront, f, f->ccmd)) {
            atomic_fetch_add(&w->scan->deep_units, 1);
            return;
        }
        atomic_fetch_add(&w->scan->deep_fallbacks, 1);
    }
    mm_cfront_run(w->cfront, f, false);
}

static bool config_made(const mm_file *f)
{
    return f->kc != NULL; /* a .conf that is not Kconfig-style gets no config rules */
}

static bool reads_config(const mm_file *f)
{
    return f->kind == MM_KIND_OTHER && f->len &&
           (mm_kconfig_candidate(f->path) || mm_kc_ctx_ref(f->kctx, f->path));
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
    return *le - *ls > f->max_line_len;
}

/* A rule whose findings count only when the tree calls one of its consumers (a configuration
 * option of a library function: CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP and esp_https_ota): a C/C++
 * source file (not a header: prototypes) that calls one states "consumer:<rule id>". */
static void state_consumers(mm_file *f, const mm_ruleset *rs, const uint8_t *hit)
{
    if (f->kind != MM_KIND_C && f->kind != MM_KIND_CPP)
        return;
    const char *dot = strrchr(mm_path_base(f->path), '.');
    if (dot && (dot[1] == 'h' || dot[1] == 'H'))
        return;
    const mm_clex *x = NULL;
    for (size_t r = 0; r < rs->rules.n; r++) {
        const mm_rule *rule = rs->rules.v[r];
        if (!hit[r])
            continue;
        if (!x)
            x = mm_clex_get(f);
        for (size_t k = 0; k < rule->consumers.n; k++) {
            if (mm_clex_calls(x, rule->consumers.v[k])) {
                char *fact = mm_xasprintf("consumer:%s", rule->id);
                mm_file_fact(f, fact);
                free(fact);
                break;
            }
        }
    }
}

/* The role decides the verdict (core/resolve.c), and that an example's configuration is not a
 * release one (mm_emit_finding). */
static void set_role(mm_file *f, const mm_role_decision *d)
{
    f->role = d->role;
    f->role_by = d->by;
}

void mm_scan_prepare_file(const mm_scan *s, mm_file *f)
{
    f->wants = &s->rules->wants;
    f->policy = s->policy;
    f->profile = mm_profile_of(s->policy, f->path);
    if (s->roles) {
        mm_role_decision d = mm_roles_decide(s->roles, f->path, MM_ROLE_PRODUCT, NULL);
        set_role(f, &d);
    }
    f->max_line_len = s->opts.max_line_len;
    if (s->mode == MM_INPUT_WORKTREE) {
        f->tree_paths = s->paths.v;
        f->ntree_paths = s->paths.n;
        f->cproject = s->cproject;
        f->kctx = s->kctx;
        /* a file CI or a build script makes its builds with is a release configuration,
         * whatever its name, unless the name says debug */
        const mm_kc_ref *ref = mm_kc_ctx_ref(s->kctx, f->path);
        if (ref && ref->release && f->profile && strcmp(f->profile, "debug") != 0)
            f->profile = "release";
        /* ... and one they copy another file over is no build's configuration (a developer's
         * sdkconfig that CI replaces), unless the policy names it */
        else if (ref && ref->overwritten && f->profile && !strcmp(f->profile, "release") &&
                 !(s->policy && s->policy->has_release))
            f->profile = "other";
        if (s->ccdb && s->root) {
            char *full = mm_xasprintf("%s/%s", s->root, f->path);
            char *abs = realpath(full, NULL);
            f->ccmd = mm_ccdb_find(s->ccdb, abs);
            free(abs);
            free(full);
        }
    }
}

/* A line that is `#define NAME` and more. */
static bool define_line(const mm_file *f, uint32_t off)
{
    uint32_t ls = off;
    while (ls > 0 && f->data[ls - 1] != '\n')
        ls--;
    const char *p = f->data + ls, *end = f->data + off;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != '#')
        return false;
    p++;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return end - p > 7 && !strncmp(p, "define", 6) && (p[6] == ' ' || p[6] == '\t');
}

/* `#define NAME callee` lines (MM_TRIG_ALIAS): the rules that watch the callee read the file. */
static void alias_hits(mm_file *f, const mm_ruleset *rs)
{
    for (size_t i = 0; i < f->nhits; i++) {
        if (f->hits[i].rule || f->hits[i].trigger != MM_TRIG_ALIAS)
            continue;
        if (!define_line(f, f->hits[i].end ? f->hits[i].end - 1 : 0)) {
            f->hits[i].trigger = UINT32_MAX; /* a line that only ends in the name */
            continue;
        }
        /* the last word of the line the hit ends on */
        uint32_t e = f->hits[i].end;
        while (e > 0 && (f->data[e - 1] == ' ' || f->data[e - 1] == '\t' || f->data[e - 1] == '\r'))
            e--;
        uint32_t b = e;
        while (b > 0 && mm_ident_char(f->data[b - 1]))
            b--;
        if (e == b || e - b > 127)
            continue;
        char name[128];
        memcpy(name, f->data + b, e - b);
        name[e - b] = 0;
        for (size_t r = 0; r < rs->rules.n; r++) {
            const mm_rule *rule = rs->rules.v[r];
            for (size_t k = 0; k < rule->callees.n && !f->rule_hit[r]; k++) {
                if (!strcmp(rule->callees.v[k], name) && (rule->needs & MM_NEED_CFACTS))
                    f->rule_hit[r] = 1;
            }
        }
    }
}

/* The names some project header exports (a macro that stands for a watched call, a printf-like
 * declaration) that a C/C++ file calls, for the rules of their targets that a trigger of theirs
 * sent to the file: the C front end follows them (f->export_uses). */
static void find_exports(mm_file *f, const mm_ruleset *rs)
{
    size_t nx;
    const mm_cexport *xs = mm_cproject_exports(f->cproject, &nx);
    for (size_t i = 0; i < nx; i++) {
        /* only for a rule whose own triggers hit the file: it is read anyway, and one search
         * per exported name over every file would cost as much as the prefilter */
        bool wanted = false;
        for (size_t r = 0; r < rs->rules.n && !wanted; r++) {
            const mm_rule *rule = rs->rules.v[r];
            if (!f->rule_hit[r] || !(rule->needs & MM_NEED_CFACTS))
                continue;
            for (size_t t = 0; t < xs[i].ntargets && !wanted; t++) {
                wanted = rule->forwards && (!strcmp(xs[i].targets[t], "printf") ||
                                            !strcmp(xs[i].targets[t], "scanf"));
                for (size_t k = 0; k < rule->callees.n && !wanted; k++)
                    wanted = !strcmp(rule->callees.v[k], xs[i].targets[t]);
            }
        }
        if (!wanted)
            continue;
        const char *name = xs[i].name;
        size_t nl = strlen(name);
        const char *p = f->data, *end = f->data + f->len;
        bool used = false;
        while (!used && (p = memmem(p, (size_t)(end - p), name, nl))) {
            const char *q = p + nl;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            used = q < end && *q == '(' && (p == f->data || !mm_ident_char(p[-1]));
            p += nl;
        }
        if (!used)
            continue;
        if (!f->export_uses)
            f->export_uses = mm_arena_alloc(f->arena, nx * sizeof *f->export_uses);
        f->export_uses[f->nexport_uses++] = name;
    }
}

void mm_scan_file(mm_worker *w, mm_file *f)
{
    const mm_ruleset *rs = w->scan->rules;
    f->kind = classify(f->path, f->data, f->len);
    mm_project_probe(f);

    size_t nrules = rs->rules.n;
    f->rule_hit = mm_arena_calloc(f->arena, nrules ? nrules : 1, 1);
    uint8_t *consumer_hit = NULL;
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
            uint32_t cr = rs->trig_consumer.v[h.v[i].trigger];
            if (cr != UINT32_MAX) {
                /* a rule's consumer is called here (maybe): checked below, never parsed for */
                if (!consumer_hit)
                    consumer_hit = mm_arena_calloc(f->arena, nrules ? nrules : 1, 1);
                consumer_hit[cr] = 1;
                continue;
            }
            h.v[i].rule = hr == UINT32_MAX ? NULL : rs->rules.v[hr];
            if (!c_file && h.v[i].rule && (h.v[i].rule->needs & MM_NEED_CFACTS))
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
                           f->max_line_len, long_line);
        f->hits = mm_arena_alloc(f->arena, (h.n ? h.n : 1) * sizeof *f->hits);
        if (h.n)
            memcpy(f->hits, h.v, h.n * sizeof *h.v);
        f->nhits = h.n;
        free(h.v);
        if (f->scope && f->nhits)
            mm_scope_trim_hits(f); /* history, --diff: parse only what the change touched */
        for (size_t i = 0; i < f->nhits; i++) {
            uint32_t t = f->hits[i].trigger;
            const mm_rule *r = f->hits[i].rule;
            if (!r) {
                if (t == MM_TRIG_SUPPRESS)
                    parse_suppression(f, f->hits[i].end);
                else if (t < 32)
                    f->internal_hits |= 1u << t;
            } else {
                f->rule_hit[r->index] = 1;
            }
        }
    }

    /* a translation unit of the build is read by the compiler: a call a macro hides from the
     * prefilter (a header outside the tree, token pasting) is found there, so every rule that
     * reads C facts may fire */
    if (f->ccmd && (f->kind == MM_KIND_C || f->kind == MM_KIND_CPP) && f->len) {
        for (size_t r = 0; r < nrules; r++) {
            if (rs->rules.v[r]->needs & MM_NEED_CFACTS)
                f->rule_hit[r] = 1;
        }
    }
    /* what the file's own bytes say of its role, when the path left it to them (before the
     * front ends: generated data is not parsed) */
    if (w->scan->roles && f->role_by != MM_ROLE_BY_POLICY) {
        f->role_content = mm_roles_content(f);
        if (f->role_content != MM_ROLE_PRODUCT) {
            mm_role_decision d =
                mm_roles_decide(w->scan->roles, f->path, f->role_content, f->role_why);
            set_role(f, &d);
        }
    }
    if ((f->internal_hits & (1u << MM_TRIG_ALIAS)) && (f->kind == MM_KIND_C || f->kind == MM_KIND_CPP))
        alias_hits(f, rs);
    if ((f->kind == MM_KIND_C || f->kind == MM_KIND_CPP) && f->len &&
        mm_cproject_has_exports(f->cproject)) {
        bool c_hit = false;
        for (size_t i = 0; i < f->nhits && !c_hit; i++)
            c_hit = f->hits[i].rule && (f->hits[i].rule->needs & MM_NEED_CFACTS);
        if (c_hit)
            find_exports(f, rs);
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
    if (consumer_hit)
        state_consumers(f, rs, consumer_hit);
    for (size_t i = 0; i < f->findings.n; i++) {
        if (f->findings.v[i].callee) {
            collect_includes(f);
            break;
        }
    }
    if (f->role == MM_ROLE_PRODUCT)
        mm_roles_mark_host_code(f); /* #ifdef _WIN32 blocks of a product file */
    mm_scan_finalize_file(f);
}

/* --- workers --------------------------------------------------------------------------------------- */

/* What a deep result is keyed by besides the file: the libclang library (its file, not loaded)
 * and the command as the compiler gets it (its arguments, the toolchain's include directories
 * among them). */
static char *deep_identity(const mm_ccmd *c)
{
    mm_buf b = {0};
    mm_buf_printf(&b, "%s\n%s\n%s", mm_libclang_identity(), c->file, c->dir ? c->dir : "");
    for (size_t i = 0; i < c->nargs; i++) {
        mm_buf_putc(&b, '\n');
        mm_buf_puts(&b, c->args[i]);
    }
    return mm_buf_cstr(&b);
}

static void process_input(mm_worker *w, const mm_input *in, mm_file_result *res)
{
    mm_scan *s = w->scan;
    const mm_result_store *store = s->store;
    mm_file f;
    memset(&f, 0, sizeof f);
    f.path = in->rel;
    f.arena = &w->arena;
    mm_scan_prepare_file(s, &f);
    size_t read = 0;
    char *deep_id = NULL; /* a unit of the build: what its deep result is keyed by */
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
        /* results of an earlier run, when the input set can vouch for the bytes (and, for a
         * translation unit read deep, for what the compiler read) */
        deep_id = f.ccmd ? deep_identity(f.ccmd) : NULL;
        bool hit = store && (deep_id ? store->get_deep && store->get_deep(store->arg, in, f.role,
                                                                         deep_id, res)
                                     : store->get(store->arg, in, f.role, res));
        if (hit) {
            atomic_fetch_add(&s->from_cache, 1);
            if (deep_id)
                atomic_fetch_add(&s->deep_units, 1);
            res->path = mm_xstrdup(in->rel);
            free(deep_id);
            mm_arena_reset(&w->arena);
            return;
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
            read = len;
        }
    }
    /* a unit the deep tier read: kept under its command with the files the compiler read; one
     * that fell back to tree-sitter is read again next time */
    bool deep = f.cf && f.cf->engine && !strcmp(f.cf->engine, MM_ENGINE_DEEP);
    const char **deps = f.deep_deps;
    size_t ndeps = f.ndeep_deps;
    mm_file_result_take(res, &f);
    if (store && read && deep && deep_id && store->put_deep)
        store->put_deep(store->arg, in, f.role, read, deep_id, deps, ndeps, res);
    else if (store && read && !f.ccmd)
        store->put(store->arg, in, f.role, read, res);
    free(deep_id);
    mm_arena_reset(&w->arena);
}

static void *worker_main(void *arg)
{
    mm_worker *w = arg;
    for (;;) {
        size_t i = atomic_fetch_add(w->next, 1);
        if (i >= w->nfiles)
            break;
        if (w->order)
            i = w->order[i];
        process_input(w, &w->files[i], &w->results[i]);
    }
    return NULL;
}

static bool is_c_header(const char *path)
{
    const char *dot = strrchr(mm_path_base(path), '.');
    return dot && (!strcmp(dot, ".h") || !strcmp(dot, ".hpp") || !strcmp(dot, ".hh") ||
                   !strcmp(dot, ".hxx") || !strcmp(dot, ".h++") || !strcmp(dot, ".H"));
}

/* Runs the workers over order[0, n) of the files. */
static void run_phase(mm_worker *workers, int jobs, const size_t *order, size_t n)
{
    atomic_size_t next = 0;
    for (int j = 0; j < jobs; j++) {
        workers[j].next = &next;
        workers[j].order = order;
        workers[j].nfiles = n;
    }
    if (jobs == 1) {
        worker_main(&workers[0]);
        return;
    }
    pthread_t *th = mm_xcalloc((size_t)jobs, sizeof *th);
    for (int j = 0; j < jobs; j++)
        pthread_create(&th[j], NULL, worker_main, &workers[j]);
    for (int j = 0; j < jobs; j++)
        pthread_join(th[j], NULL);
    free(th);
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
    mm_cdeep_free(w->cdeep);
    mm_arena_free(&w->arena);
}

int mm_scan_files(mm_scan *s, const mm_input *files, size_t n, mm_err *err)
{
    if (!s->roles)
        mm_roles_prepare(s); /* before any file: each asks it for its role */
    mm_file_result *results = mm_xcalloc(n ? n : 1, sizeof *results);
    int jobs = s->opts.jobs > 0 ? s->opts.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    mm_worker *workers = mm_xcalloc((size_t)jobs, sizeof *workers);
    int rc = 0;
    /* a tree's C headers first: what they export (macros that stand for watched calls,
     * printf-like declarations) is known before the sources that use it are read */
    bool tree = s->mode == MM_INPUT_WORKTREE && s->root;
    if (tree)
        s->cproject = mm_cproject_new(s->root, s->paths.v, s->paths.n);
    for (int j = 0; j < jobs; j++) {
        if (mm_worker_init(&workers[j], s, err) < 0) {
            rc = -1;
            jobs = j;
            break;
        }
        workers[j].files = files;
        workers[j].results = results;
    }
    if (rc == 0) {
        size_t *order = mm_xcalloc(n ? n : 1, sizeof *order);
        size_t k = 0;
        for (size_t i = 0; tree && i < n; i++) {
            if (is_c_header(files[i].rel))
                order[k++] = i;
        }
        size_t nfirst = k;
        for (size_t i = 0; i < n; i++) {
            if (!(tree && is_c_header(files[i].rel)))
                order[k++] = i;
        }
        run_phase(workers, jobs, order, nfirst);
        for (size_t i = 0; i < nfirst; i++) {
            const mm_file_result *r = &results[order[i]];
            for (size_t h = 0; h < r->hints.n; h++) {
                const char *v = r->hints.v[h].value;
                if (strcmp(r->hints.v[h].key, "fact") != 0 || !mm_str_starts(v, "c-export:"))
                    continue;
                /* c-export:NAME:TARGET */
                const char *name = v + strlen("c-export:");
                const char *colon = strchr(name, ':');
                if (!colon)
                    continue;
                char *nm = mm_xstrndup(name, (size_t)(colon - name));
                mm_cproject_add_export(s->cproject, files[order[i]].rel, nm, colon + 1);
                free(nm);
            }
        }
        run_phase(workers, jobs, order + nfirst, n - nfirst);
        free(order);
    }
    for (int j = 0; j < jobs; j++)
        mm_worker_free(&workers[j]);
    free(workers);
    mm_cproject_free(s->cproject);
    s->cproject = NULL;
    if (rc == 0 && s->ccdb) {
        /* how much of the build the compiler read */
        const mm_ccdb *db = s->ccdb;
        size_t deep = atomic_load(&s->deep_units), back = atomic_load(&s->deep_fallbacks);
        const char *shown = db->path;
        size_t rl = s->root ? strlen(s->root) : 0;
        if (rl && !strncmp(shown, s->root, rl) && shown[rl] == '/')
            shown += rl + 1;
        mm_buf m = {0};
        mm_buf_printf(&m, _("%s: libclang read %zu of the %zu translation units scanned deep"), shown,
                      deep, deep + back);
        if (back)
            mm_buf_printf(&m, _("; %zu fell back to the tree-sitter tier (their notices name the "
                                "first fatal error)"),
                          back);
        if (db->dropped) {
            unsigned named = db->dropped_examples ? 1 : 0;
            for (const char *p = db->dropped_examples; p && *p; p++)
                named += *p == ',';
            mm_buf_printf(&m, _("; %u flags of its commands were left out for clang (gcc-only "
                                "or code generation: %s%s)"),
                          db->dropped, db->dropped_examples ? db->dropped_examples : "",
                          named < db->dropped ? ", ..." : "");
        }
        if (db->driver_note)
            mm_buf_printf(&m, "; %s", db->driver_note);
        mm_notice nt = {NULL, 0, 0, back ? MM_NOTICE_WARNING : MM_NOTICE_NOTE,
                        mm_xstrdup("deep-tier"), mm_xstrdup(m.data)};
        mm_buf_free(&m);
        mm_vec_push(&s->notices, nt);
    }
    if (rc == 0)
        mm_scan_merge(s, results, n);
    else
        for (size_t i = 0; i < n; i++)
            mm_file_result_free(&results[i]);
    free(results);
    return rc;
}
