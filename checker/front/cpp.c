/* cpp.c: the preprocessor view of a C/C++ file (see cpp.h). One pass over the directives of the
 * file's token view: each #define, #undef and #include is recorded with the state of the branch
 * it lies in, and each #if/#ifdef/#ifndef/#elif/#else is evaluated with what is known at that
 * point — the macros recorded so far, those of the project headers included so far, and the
 * CONFIG_ symbols of the configuration that applies to the file. A condition that depends on
 * anything else stays undecided and both branches stay live. */
#define _GNU_SOURCE
#include "front/cpp.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "front/cfront.h"
#include "front/cproject.h"

enum { MAX_CLOSURE = 256, MAX_DEPTH = 10, MAX_LOOKUP = 32 };

struct mm_ppview {
    mm_file *f;
    const mm_clex *x;
    struct mm_cproject *proj;
    bool header_mode;          /* a header the project loaded: no includes followed */
    mm_ppmacro *macros;
    uint32_t nmacros;
    uint32_t *index;           /* open addressing: name -> last definition's index + 1 */
    uint32_t icap;
    mm_ppinclude *incs;
    uint32_t nincs;
    mm_cregion *regions;
    uint32_t nregions;
    /* the configuration of the file's place (on first need) */
    bool cfg_done;
    const mm_kconfig *cfg;
    const char *cfg_path;
    /* project headers included, directly or not: extended as includes are met */
    mm_file **closure;
    uint32_t nclosure, capclosure;
    uint32_t incs_seen;        /* includes already followed into the closure */
    bool closure_full;
    /* the first build reads only the file (and its configuration): a condition that would
     * need the project headers stays undecided, and the view is built again with them when a
     * question falls in such a place (mm_pp_cond_at) */
    bool defer_headers;
    bool deferred;  /* some lookup was put off */
    mm_strset missed; /* names mm_pp_lookup found nowhere (its heap table: mm_pp_release) */
};

static bool punct(const char *s, const mm_ctok *t, const char *p)
{
    return t->kind == 'p' && mm_ctok_is(s, t, p);
}

static uint32_t line_end(const mm_ctok *t, uint32_t n, uint32_t i)
{
    while (i < n && !t[i].line_start)
        i++;
    return i;
}

/* Source text of tokens [a, b), one space between tokens, at most 96 bytes. */
static const char *toks_text(mm_arena *ar, const char *s, const mm_ctok *t, uint32_t a, uint32_t b)
{
    mm_buf out = {0};
    for (uint32_t i = a; i < b && out.len < 96; i++) {
        bool tight = i > a && ((t[i].kind == 'p' && strchr("),", s[t[i].start])) ||
                               (i == a + 1 && t[a].kind == 'p' && s[t[a].start] == '#') ||
                               (t[i - 1].kind == 'p' && s[t[i - 1].start] == '(') ||
                               (t[i].kind == 'p' && s[t[i].start] == '(' && t[i - 1].kind == 'i'));
        if (i > a && !tight)
            mm_buf_putc(&out, ' ');
        mm_buf_put(&out, s + t[i].start, t[i].len);
    }
    if (out.len >= 96)
        mm_buf_puts(&out, "...");
    const char *r = mm_arena_strndup(ar, out.data ? out.data : "", out.len);
    mm_buf_free(&out);
    return r;
}

/* --- the configuration and the include closure -------------------------------------------- */

static void need_cfg(struct mm_ppview *v)
{
    if (v->cfg_done)
        return;
    v->cfg_done = true;
    if (v->proj) {
        v->cfg = mm_cproject_config(v->proj, v->f->path, &v->cfg_path);
        v->f->tree_dependent = true;
    }
}

static bool in_closure(const struct mm_ppview *v, const mm_file *h)
{
    for (uint32_t i = 0; i < v->nclosure; i++) {
        if (v->closure[i] == h)
            return true;
    }
    return h == v->f;
}

static void closure_add(struct mm_ppview *v, mm_file *h)
{
    if (v->nclosure == v->capclosure) {
        uint32_t cap = v->capclosure ? v->capclosure * 2 : 16;
        mm_file **grown = mm_arena_alloc(v->f->arena, cap * sizeof *grown);
        if (v->nclosure)
            memcpy(grown, v->closure, v->nclosure * sizeof *grown);
        v->closure = grown;
        v->capclosure = cap;
    }
    v->closure[v->nclosure++] = h;
}

/* Follows the includes met since the last call, breadth first. */
static void extend_closure(struct mm_ppview *v)
{
    if (v->header_mode || !v->proj || v->closure_full)
        return;
    if (v->incs_seen < v->nincs)
        v->f->tree_dependent = true; /* what it finds depends on the tree, found or not */
    for (; v->incs_seen < v->nincs; v->incs_seen++) {
        const mm_ppinclude *inc = &v->incs[v->incs_seen];
        if (inc->state == MM_COND_DEAD || inc->state == MM_COND_OFF)
            continue;
        mm_file *h = mm_cproject_include(v->proj, v->f->path, inc->name, inc->quoted);
        if (!h || in_closure(v, h))
            continue;
        uint32_t first = v->nclosure;
        closure_add(v, h);
        /* the headers it includes, level by level */
        for (uint32_t k = first; k < v->nclosure && v->nclosure < MAX_CLOSURE; k++) {
            mm_file *hk = v->closure[k];
            uint32_t nhi;
            const mm_cinclude *his = mm_cproject_includes(hk, &nhi);
            for (uint32_t j = 0; j < nhi && v->nclosure < MAX_CLOSURE; j++) {
                const mm_cinclude *hi = &his[j];
                mm_file *h2 = mm_cproject_include(v->proj, hk->path, hi->name, hi->quoted);
                if (h2 && !in_closure(v, h2))
                    closure_add(v, h2);
            }
        }
        v->f->tree_dependent = true;
        if (v->nclosure >= MAX_CLOSURE) {
            v->closure_full = true;
            break;
        }
    }
}

/* --- lookups -------------------------------------------------------------------------------- */

typedef enum { LK_UNKNOWN = 0, LK_DEFINED, LK_UNDEFINED } lk_kind;

typedef struct lookup {
    lk_kind kind;
    const mm_ppmacro *m; /* LK_DEFINED by a #define */
    bool cfg;            /* decided by the configuration */
    const char *cfg_value; /* LK_DEFINED by the configuration: its value */
    const char *why;     /* LK_UNKNOWN: why ("which the tree does not set") */
} lookup;

/* --- the index of macro names ------------------------------------------------------------ */

static uint32_t name_hash(const char *s, size_t n)
{
    return (uint32_t)mm_hash64(s, n);
}

/* The slot of name in the view's index (empty or holding it). */
static uint32_t *index_slot(const struct mm_ppview *v, const mm_ppmacro *m, const char *name,
                            size_t len)
{
    uint32_t i = name_hash(name, len) & (v->icap - 1);
    for (;;) {
        uint32_t x = v->index[i];
        if (!x || (strlen(m[x - 1].name) == len && !memcmp(m[x - 1].name, name, len)))
            return &v->index[i];
        i = (i + 1) & (v->icap - 1);
    }
}

/* Adds macro k (the newest of m) to the index; a chain links definitions of the same name. */
static void index_add(struct mm_ppview *v, mm_ppmacro *m, uint32_t k)
{
    if ((k + 1) * 2 > v->icap) {
        uint32_t cap = v->icap ? v->icap * 2 : 64;
        while ((k + 1) * 2 > cap)
            cap *= 2;
        uint32_t *old = v->index, ocap = v->icap;
        v->index = mm_xcalloc(cap, sizeof *v->index);
        v->icap = cap;
        for (uint32_t i = 0; i < ocap; i++) {
            if (old[i]) {
                const char *nm = m[old[i] - 1].name;
                *index_slot(v, m, nm, strlen(nm)) = old[i];
            }
        }
        free(old);
    }
    uint32_t *slot = index_slot(v, m, m[k].name, strlen(m[k].name));
    m[k].prev_same = *slot ? (int32_t)*slot - 1 : -1;
    *slot = k + 1;
}

/* The newest definition of name in view v, or -1. */
static int32_t index_last(const struct mm_ppview *v, const char *name, size_t len)
{
    if (!v->icap)
        return -1;
    uint32_t x = *index_slot(v, v->macros, name, len);
    return x ? (int32_t)x - 1 : -1;
}

/* The last definition of name in v that is compiled, or NULL; *off_seen tells whether one was
 * skipped because the configuration compiles it out. */
static const mm_ppmacro *last_def(const struct mm_ppview *v, const char *name, size_t len,
                                  bool *off_seen)
{
    for (int32_t i = index_last(v, name, len); i >= 0; i = v->macros[i].prev_same) {
        const mm_ppmacro *m = &v->macros[i];
        if (m->state == MM_COND_DEAD)
            continue;
        if (m->state == MM_COND_OFF) {
            *off_seen = true;
            continue;
        }
        return m;
    }
    return NULL;
}

static bool is_config_name(const char *name, size_t len)
{
    return len > 7 && !memcmp(name, "CONFIG_", 7);
}

/* What name stands for at this point of the view being built (the macros recorded so far). */
static lookup lookup_name(struct mm_ppview *v, const char *name, size_t len)
{
    lookup r = {LK_UNKNOWN, NULL, false, NULL, NULL};
    bool off = false;
    const mm_ppmacro *m = last_def(v, name, len, &off);
    if (!m && v->defer_headers && v->proj && v->nincs && !is_config_name(name, len)) {
        v->deferred = true;
    } else if (!m && v->missed.n && mm_strset_hasn(&v->missed, name, len)) {
        /* asked before: no header defines it */
    } else if (!m) {
        extend_closure(v);
        for (uint32_t i = 0; i < v->nclosure && !m; i++) {
            if (!mm_cproject_mentions(v->closure[i], name, len))
                continue; /* not even the word: no need to read its tokens */
            const mm_ppview *hv = mm_cproject_view(v->proj, v->closure[i]);
            if (hv)
                m = last_def(hv, name, len, &off);
        }
    }
    if (!m && !v->defer_headers && v->proj && !is_config_name(name, len) &&
        !(v->missed.n && mm_strset_hasn(&v->missed, name, len)))
        mm_strset_add(&v->missed, mm_arena_strndup(v->f->arena, name, len));
    if (m) {
        if (m->state == MM_COND_UNKNOWN) {
            r.why = m->is_default && m->nbody
                        ? mm_arena_printf(v->f->arena, _("which %s sets to %s unless the build "
                                                         "defines it"),
                                          m->file, toks_text(v->f->arena, m->src, m->body, 0,
                                                             m->nbody))
                        : _("which is defined only under a condition not decided here");
            return r;
        }
        r.kind = m->undef ? LK_UNDEFINED : LK_DEFINED;
        r.m = m->undef ? NULL : m;
        r.cfg = off;
        return r;
    }
    if (is_config_name(name, len)) {
        need_cfg(v);
        char key[128];
        if (len >= sizeof key)
            return r;
        memcpy(key, name, len);
        key[len] = 0;
        if (!v->cfg) {
            r.why = _("which the tree does not set");
            return r;
        }
        const mm_kc_entry *e = mm_kconfig_get(v->cfg, key);
        if (!e) {
            if (v->cfg->role == MM_KC_RESOLVED) {
                r.kind = LK_UNDEFINED; /* a resolved configuration lists every symbol it sets */
                r.cfg = true;
                return r;
            }
            r.why = mm_arena_printf(v->f->arena, _("which %s does not set"), v->cfg_path);
            return r;
        }
        r.cfg = true;
        if (e->state == MM_KC_UNSET) {
            r.kind = LK_UNDEFINED;
        } else {
            r.kind = LK_DEFINED;
            r.cfg_value = !strcmp(e->value, "y") ? "1" : e->value;
            if (e->quoted)
                r.cfg_value = "\"\""; /* a string: defined, no integer value */
        }
        return r;
    }
    if (len == 11 && !memcmp(name, "__cplusplus", 11)) {
        const char *dot = strrchr(v->f->path, '.');
        bool header = dot && (dot[1] == 'h' || dot[1] == 'H');
        if (!header) {
            r.kind = v->f->kind == MM_KIND_CPP ? LK_DEFINED : LK_UNDEFINED;
            r.cfg_value = "201103";
            return r;
        }
    }
    r.why = v->header_mode || !v->proj ? _("which this file does not define")
                                       : _("which neither the file nor its headers define");
    return r;
}

/* A CONFIG_ symbol met in code (an array dimension), not in a directive: its value in the
 * configuration of the file's place, read without touching the view (a header's view is
 * shared by the workers). Only a set symbol counts: code has no `defined`. */
static lookup config_value(mm_file *f, const char *name, size_t len)
{
    lookup r = {LK_UNKNOWN, NULL, false, NULL, NULL};
    const struct mm_ppview *v = f->cf ? f->cf->pp : NULL;
    char key[128];
    if (!v || !v->proj || len >= sizeof key)
        return r;
    memcpy(key, name, len);
    key[len] = 0;
    const char *where;
    const mm_kconfig *kc = mm_cproject_config(v->proj, f->path, &where);
    if (f->cproject)
        f->tree_dependent = true; /* a file of the scan: its result reads the configuration */
    const mm_kc_entry *ke = kc ? mm_kconfig_get(kc, key) : NULL;
    if (!ke || ke->state == MM_KC_UNSET || ke->quoted)
        return r;
    r.kind = LK_DEFINED;
    r.cfg = true;
    r.cfg_value = !strcmp(ke->value, "y") ? "1" : ke->value;
    return r;
}

/* --- integer constant expressions ---------------------------------------------------------- */

typedef struct ival {
    int64_t v;
    bool known;
    bool cfg;        /* depends on the configuration */
} ival;

typedef struct ev {
    struct mm_ppview *v; /* NULL: no view (sizes of a header's text without one) */
    mm_file *f;
    bool cond;           /* #if semantics: defined(), identifiers through the strict lookup */
    int depth;
    const char *src;
    const mm_ctok *t;
    uint32_t i, n;
    bool bad;            /* a syntax we do not read */
    const char *why;     /* the first undecided name's reason */
    const char *undecided; /* and that name */
    mm_pp_sizeof_fn sizeof_ident;
    void *arg;
} ev;

static ival unknown(void)
{
    return (ival){0, false, false};
}

static ival known(int64_t x)
{
    return (ival){x, true, false};
}

static ival cond_expr(ev *e);
static ival eval_toks(ev *parent, const char *src, const mm_ctok *t, uint32_t n);

static bool at(ev *e, const char *p)
{
    return e->i < e->n && punct(e->src, &e->t[e->i], p);
}

static bool at2(ev *e, const char *p)
{
    /* a two-character operator the lexer splits: << >> <= >= */
    return e->i + 1 < e->n && punct(e->src, &e->t[e->i], (char[]){p[0], 0}) &&
           punct(e->src, &e->t[e->i + 1], (char[]){p[1], 0}) &&
           e->t[e->i].start + 1 == e->t[e->i + 1].start;
}

static void note_undecided(ev *e, const char *name, size_t len, const char *why)
{
    if (!e->undecided) {
        e->undecided = mm_arena_strndup(e->f->arena, name, len);
        e->why = why;
    }
}

/* sizeof of a type written as text */
int64_t mm_pp_type_size(const char *type)
{
    static const struct {
        const char *name;
        int64_t size;
    } sizes[] = {
        {"char", 1},          {"signed char", 1},    {"unsigned char", 1}, {"int8_t", 1},
        {"uint8_t", 1},       {"u8", 1},             {"s8", 1},            {"bool", 1},
        {"_Bool", 1},         {"u_char", 1},         {"int16_t", 2},       {"uint16_t", 2},
        {"short", 2},         {"unsigned short", 2}, {"short int", 2},     {"u16", 2},
        {"s16", 2},           {"int32_t", 4},        {"uint32_t", 4},      {"int", 4},
        {"unsigned", 4},      {"unsigned int", 4},   {"signed", 4},        {"u32", 4},
        {"s32", 4},           {"float", 4},          {"int64_t", 8},       {"uint64_t", 8},
        {"long long", 8},     {"unsigned long long", 8}, {"u64", 8},       {"s64", 8},
        {"double", 8},        {"char16_t", 2},       {"char32_t", 4},
    };
    while (!strncmp(type, "const ", 6) || !strncmp(type, "volatile ", 9))
        type = strchr(type, ' ') + 1;
    for (size_t i = 0; i < MM_ARRAY_LEN(sizes); i++) {
        if (!strcmp(type, sizes[i].name))
            return sizes[i].size;
    }
    return -1;
}

/* sizeof( ... ) with e->i just after `sizeof` */
static ival eval_sizeof(ev *e)
{
    bool paren = at(e, "(");
    uint32_t a = e->i + (paren ? 1 : 0), b = a;
    if (paren) {
        int depth = 0;
        for (b = e->i; b < e->n; b++) {
            if (punct(e->src, &e->t[b], "("))
                depth++;
            else if (punct(e->src, &e->t[b], ")") && --depth == 0)
                break;
        }
        if (b >= e->n) {
            e->bad = true;
            return unknown();
        }
        e->i = b + 1;
    } else {
        b = a + 1;
        if (b > e->n) {
            e->bad = true;
            return unknown();
        }
        e->i = b;
    }
    /* a string literal: its length and the NUL */
    bool lits = b > a;
    for (uint32_t k = a; k < b && lits; k++)
        lits = e->t[k].kind == 's' && e->src[e->t[k].start + e->t[k].len - 1] == '"';
    if (lits) {
        mm_buf val = {0};
        for (uint32_t k = a; k < b; k++)
            mm_c_string_decode(e->src + e->t[k].start, e->t[k].len, &val);
        int64_t n = (int64_t)val.len + 1;
        bool wide = e->src[e->t[a].start] == 'L' || e->src[e->t[a].start] == 'U';
        mm_buf_free(&val);
        return wide ? unknown() : known(n);
    }
    /* a type: words only */
    bool words = b > a, path = b > a;
    for (uint32_t k = a; k < b; k++) {
        words &= e->t[k].kind == 'i';
        path &= e->t[k].kind == 'i' || punct(e->src, &e->t[k], ".") ||
                punct(e->src, &e->t[k], "->");
    }
    if (words) {
        const char *ty = toks_text(e->f->arena, e->src, e->t, a, b);
        int64_t sz = mm_pp_type_size(ty);
        if (sz > 0)
            return known(sz);
    }
    /* a variable or a member: what the caller knows of it (cflow.c) */
    if (path && e->sizeof_ident && e->t[a].kind == 'i') {
        mm_buf nm = {0};
        for (uint32_t k = a; k < b; k++)
            mm_buf_put(&nm, e->src + e->t[k].start, e->t[k].len);
        int64_t bytes;
        bool ok = e->sizeof_ident(e->arg, mm_buf_cstr(&nm), &bytes);
        mm_buf_free(&nm);
        if (ok)
            return known(bytes);
    }
    return unknown();
}

/* A function-like macro used in an expression: its body with the arguments put in, as text,
 * evaluated again. */
static ival expand_call(ev *e, const mm_ppmacro *m)
{
    /* arguments: e->i is at '(' */
    const mm_ctok *t = e->t;
    uint32_t args[16][2];
    uint32_t na = 0;
    int depth = 0;
    uint32_t start = e->i + 1;
    uint32_t k = e->i;
    for (; k < e->n; k++) {
        if (punct(e->src, &t[k], "(")) {
            depth++;
        } else if (punct(e->src, &t[k], ")")) {
            if (--depth == 0)
                break;
        } else if (depth == 1 && punct(e->src, &t[k], ",")) {
            if (na < 16) {
                args[na][0] = start;
                args[na][1] = k;
                na++;
            }
            start = k + 1;
        }
    }
    if (k >= e->n) {
        e->bad = true;
        return unknown();
    }
    if (k > start || na) {
        if (na < 16) {
            args[na][0] = start;
            args[na][1] = k;
            na++;
        }
    }
    e->i = k + 1;
    if ((int)na != m->nparams || m->variadic || e->depth >= MAX_DEPTH)
        return unknown();
    mm_buf text = {0};
    for (uint32_t b = 0; b < m->nbody; b++) {
        const mm_ctok *bt = &m->body[b];
        int p = -1;
        for (int q = 0; bt->kind == 'i' && q < m->nparams; q++) {
            if (mm_ctok_is(m->src, bt, m->params[q]))
                p = q;
        }
        mm_buf_putc(&text, ' ');
        if (p >= 0) {
            mm_buf_putc(&text, '(');
            for (uint32_t a = args[p][0]; a < args[p][1]; a++) {
                mm_buf_putc(&text, ' ');
                mm_buf_put(&text, e->src + t[a].start, t[a].len);
            }
            mm_buf_putc(&text, ')');
        } else {
            mm_buf_put(&text, m->src + bt->start, bt->len);
        }
    }
    char *s = mm_arena_strndup(e->f->arena, text.data ? text.data : "", text.len);
    mm_buf_free(&text);
    uint32_t nt;
    mm_ctok *toks = mm_clex_tokens(e->f->arena, s, strlen(s), &nt);
    return eval_toks(e, s, toks, nt);
}

static ival eval_ident(ev *e)
{
    const mm_ctok *tk = &e->t[e->i++];
    const char *name = e->src + tk->start;
    size_t len = tk->len;
    if ((len == 4 && !memcmp(name, "true", 4)))
        return known(1);
    if ((len == 5 && !memcmp(name, "false", 5)))
        return known(0);
    if (len == 6 && !memcmp(name, "sizeof", 6))
        return eval_sizeof(e);
    if (e->cond && len == 7 && !memcmp(name, "defined", 7)) {
        bool paren = at(e, "(");
        if (paren)
            e->i++;
        if (e->i >= e->n || e->t[e->i].kind != 'i') {
            e->bad = true;
            return unknown();
        }
        const mm_ctok *nt = &e->t[e->i++];
        if (paren) {
            if (!at(e, ")")) {
                e->bad = true;
                return unknown();
            }
            e->i++;
        }
        if (!e->v)
            return unknown();
        lookup r = lookup_name(e->v, e->src + nt->start, nt->len);
        if (r.kind == LK_UNKNOWN) {
            note_undecided(e, e->src + nt->start, nt->len, r.why);
            return unknown();
        }
        ival out = known(r.kind == LK_DEFINED);
        out.cfg = r.cfg;
        return out;
    }
    bool call = at(e, "(");
    /* IS_ENABLED(CONFIG_X) (Zephyr, Linux): 1 when the option is y */
    if (call && e->cond && e->v && len == 10 && !memcmp(name, "IS_ENABLED", 10) &&
        e->i + 2 < e->n && e->t[e->i + 1].kind == 'i' && punct(e->src, &e->t[e->i + 2], ")")) {
        const mm_ctok *nt = &e->t[e->i + 1];
        e->i += 3;
        lookup r = lookup_name(e->v, e->src + nt->start, nt->len);
        if (r.kind == LK_UNKNOWN) {
            note_undecided(e, e->src + nt->start, nt->len, r.why);
            return unknown();
        }
        ival out = known(r.kind == LK_DEFINED && r.cfg_value && !strcmp(r.cfg_value, "1"));
        if (r.kind == LK_DEFINED && r.m) {
            ival x = eval_toks(e, r.m->src, r.m->body, r.m->nbody);
            out = known(x.known && x.v == 1);
        }
        out.cfg = r.cfg;
        return out;
    }
    if (e->depth >= MAX_DEPTH)
        return unknown();
    const mm_ppmacro *m = NULL;
    lookup r = {LK_UNKNOWN, NULL, false, NULL, NULL};
    if (e->cond && e->v) {
        r = lookup_name(e->v, name, len);
        m = r.m;
    } else {
        uint32_t nm = 0;
        const mm_ppmacro *const *ms = mm_pp_lookup(e->f, name, len, &nm);
        /* several definitions (#if branches): they must agree */
        if (ms && nm) {
            int64_t first = 0;
            bool same = true;
            for (uint32_t k = 0; k < nm && same; k++) {
                if (ms[k]->undef || ms[k]->nparams != ms[0]->nparams) {
                    same = false;
                    break;
                }
                if (ms[k]->nparams >= 0)
                    continue;
                ival x = eval_toks(e, ms[k]->src, ms[k]->body, ms[k]->nbody);
                if (!x.known)
                    same = false;
                else if (k == 0)
                    first = x.v;
                else
                    same = x.v == first;
            }
            if (same)
                m = ms[0];
            r.kind = m ? LK_DEFINED : LK_UNKNOWN;
        } else if (is_config_name(name, len)) {
            r = config_value(e->f, name, len); /* `char name[CONFIG_NAME_LEN]` */
        }
    }
    if (r.kind == LK_UNDEFINED) {
        ival out = known(0); /* an undefined name in #if is 0 */
        out.cfg = r.cfg;
        return out;
    }
    if (r.kind == LK_DEFINED && !m && r.cfg_value) {
        int64_t x;
        ival out = mm_c_number(r.cfg_value, strlen(r.cfg_value), &x) ? known(x) : unknown();
        out.cfg = true;
        if (!out.known)
            note_undecided(e, name, len, _("which the configuration sets to a string"));
        return out;
    }
    if (!m) {
        note_undecided(e, name, len, r.why ? r.why : _("which is not a known constant"));
        return unknown();
    }
    if (m->nparams >= 0) {
        if (!call)
            return unknown();
        ival out = expand_call(e, m);
        out.cfg |= r.cfg;
        return out;
    }
    ival out = eval_toks(e, m->src, m->body, m->nbody);
    out.cfg |= r.cfg;
    if (!out.known)
        note_undecided(e, name, len, _("which is not a constant here"));
    return out;
}

static ival primary(ev *e)
{
    if (e->i >= e->n) {
        e->bad = true;
        return unknown();
    }
    const mm_ctok *tk = &e->t[e->i];
    if (punct(e->src, tk, "(")) {
        e->i++;
        /* a cast: (type) value */
        uint32_t k = e->i;
        bool words = false;
        while (k < e->n && (e->t[k].kind == 'i' || punct(e->src, &e->t[k], "*"))) {
            words = true;
            k++;
        }
        const mm_ctok *after = k + 1 < e->n ? &e->t[k + 1] : NULL;
        if (words && k < e->n && punct(e->src, &e->t[k], ")") && after &&
            (after->kind != 'p' || punct(e->src, after, "(") || punct(e->src, after, "~") ||
             punct(e->src, after, "!") || punct(e->src, after, "-"))) {
            /* only when the words look like a type, not a macro name in parentheses */
            const char *ty = toks_text(e->f->arena, e->src, e->t, e->i, k);
            if (mm_pp_type_size(ty) > 0 || strstr(ty, "_t") || strchr(ty, '*') ||
                strstr(ty, "unsigned") || strstr(ty, "long") || strstr(ty, "int") ||
                strstr(ty, "char") || strstr(ty, "short")) {
                e->i = k + 1;
                return primary(e);
            }
        }
        ival v = cond_expr(e);
        if (!at(e, ")")) {
            e->bad = true;
            return unknown();
        }
        e->i++;
        return v;
    }
    if (tk->kind == 'n') {
        e->i++;
        int64_t x;
        if (mm_c_number(e->src + tk->start, tk->len, &x))
            return known(x);
        e->bad = true; /* a floating-point number */
        return unknown();
    }
    if (tk->kind == 's' && e->src[tk->start] == '\'') {
        e->i++;
        mm_buf b = {0};
        bool ok = mm_c_string_decode(e->src + tk->start, tk->len, &b) && b.len == 1;
        ival out = ok ? known((unsigned char)b.data[0]) : unknown();
        mm_buf_free(&b);
        return out;
    }
    if (tk->kind == 'i')
        return eval_ident(e);
    e->bad = true;
    return unknown();
}

static ival unary(ev *e)
{
    if (at(e, "!")) {
        e->i++;
        ival v = unary(e);
        return v.known ? (ival){!v.v, true, v.cfg} : v;
    }
    if (at(e, "-")) {
        e->i++;
        ival v = unary(e);
        return v.known ? (ival){-v.v, true, v.cfg} : v;
    }
    if (at(e, "+")) {
        e->i++;
        return unary(e);
    }
    if (at(e, "~")) {
        e->i++;
        ival v = unary(e);
        return v.known ? (ival){~v.v, true, v.cfg} : v;
    }
    return primary(e);
}

static ival binop(ival a, ival b, const char *op)
{
    ival r = {0, a.known && b.known, a.cfg || b.cfg};
    if (!r.known)
        return r;
    int64_t x = a.v, y = b.v;
    switch (op[0]) {
    case '*': r.v = (int64_t)((uint64_t)x * (uint64_t)y); break;
    case '/': if (!y) return unknown(); r.v = x / y; break;
    case '%': if (!y) return unknown(); r.v = x % y; break;
    case '+': r.v = (int64_t)((uint64_t)x + (uint64_t)y); break;
    case '-': r.v = (int64_t)((uint64_t)x - (uint64_t)y); break;
    case '<':
        if (op[1] == '<')
            r.v = y >= 0 && y < 63 ? (int64_t)((uint64_t)x << y) : 0;
        else
            r.v = op[1] == '=' ? x <= y : x < y;
        break;
    case '>':
        if (op[1] == '>')
            r.v = y >= 0 && y < 63 ? x >> y : 0;
        else
            r.v = op[1] == '=' ? x >= y : x > y;
        break;
    case '=': r.v = x == y; break;
    case '!': r.v = x != y; break;
    case '&': r.v = x & y; break;
    case '^': r.v = x ^ y; break;
    case '|': r.v = x | y; break;
    default: return unknown();
    }
    return r;
}

static ival mul(ev *e)
{
    ival a = unary(e);
    for (;;) {
        const char *op = at(e, "*") ? "*" : at(e, "/") ? "/" : at(e, "%") ? "%" : NULL;
        if (!op)
            return a;
        e->i++;
        a = binop(a, unary(e), op);
    }
}

static ival add(ev *e)
{
    ival a = mul(e);
    for (;;) {
        const char *op = at(e, "+") ? "+" : at(e, "-") ? "-" : NULL;
        if (!op)
            return a;
        e->i++;
        a = binop(a, mul(e), op);
    }
}

static ival shift(ev *e)
{
    ival a = add(e);
    for (;;) {
        const char *op = at2(e, "<<") ? "<<" : at2(e, ">>") ? ">>" : NULL;
        if (!op)
            return a;
        e->i += 2;
        a = binop(a, add(e), op);
    }
}

static ival rel(ev *e)
{
    ival a = shift(e);
    for (;;) {
        const char *op = at2(e, "<=") ? "<=" : at2(e, ">=") ? ">=" : NULL;
        if (op) {
            e->i += 2;
        } else if (at(e, "<") || at(e, ">")) {
            op = at(e, "<") ? "<" : ">";
            e->i++;
        } else {
            return a;
        }
        a = binop(a, shift(e), op);
    }
}

static ival eq(ev *e)
{
    ival a = rel(e);
    for (;;) {
        const char *op = at(e, "==") ? "==" : at(e, "!=") ? "!=" : NULL;
        if (!op)
            return a;
        e->i++;
        a = binop(a, rel(e), op);
    }
}

static ival band(ev *e)
{
    ival a = eq(e);
    while (at(e, "&")) {
        e->i++;
        a = binop(a, eq(e), "&");
    }
    return a;
}

static ival bxor(ev *e)
{
    ival a = band(e);
    while (at(e, "^")) {
        e->i++;
        a = binop(a, band(e), "^");
    }
    return a;
}

static ival bor(ev *e)
{
    ival a = bxor(e);
    while (at(e, "|")) {
        e->i++;
        a = binop(a, bxor(e), "|");
    }
    return a;
}

static ival land(ev *e)
{
    ival a = bor(e);
    while (at(e, "&&")) {
        e->i++;
        ival b = bor(e);
        if ((a.known && !a.v) || (b.known && !b.v))
            a = (ival){0, true, (a.known && !a.v ? a.cfg : false) || (b.known && !b.v ? b.cfg : false)};
        else if (a.known && b.known)
            a = (ival){1, true, a.cfg || b.cfg};
        else
            a = unknown();
    }
    return a;
}

static ival lor(ev *e)
{
    ival a = land(e);
    while (at(e, "||")) {
        e->i++;
        ival b = land(e);
        if ((a.known && a.v) || (b.known && b.v))
            a = (ival){1, true, (a.known && a.v ? a.cfg : false) || (b.known && b.v ? b.cfg : false)};
        else if (a.known && b.known)
            a = (ival){0, true, a.cfg || b.cfg};
        else
            a = unknown();
    }
    return a;
}

static ival cond_expr(ev *e)
{
    ival c = lor(e);
    if (!at(e, "?"))
        return c;
    e->i++;
    ival a = cond_expr(e);
    if (!at(e, ":")) {
        e->bad = true;
        return unknown();
    }
    e->i++;
    ival b = cond_expr(e);
    if (!c.known)
        return a.known && b.known && a.v == b.v ? a : unknown();
    ival r = c.v ? a : b;
    r.cfg |= c.cfg;
    return r;
}

static ival eval_toks(ev *parent, const char *src, const mm_ctok *t, uint32_t n)
{
    ev e = *parent;
    e.src = src;
    e.t = t;
    e.i = 0;
    e.n = n;
    e.depth = parent->depth + 1;
    e.bad = false;
    if (!n)
        return unknown();
    ival r = cond_expr(&e);
    if (e.bad || e.i != e.n)
        r = unknown();
    if (!parent->undecided && e.undecided) {
        parent->undecided = e.undecided;
        parent->why = e.why;
    }
    return r;
}

bool mm_pp_int_toks(mm_file *f, const char *src, const mm_ctok *t, uint32_t n,
                    mm_pp_sizeof_fn sizeof_ident, void *arg, int64_t *out)
{
    ev e;
    memset(&e, 0, sizeof e);
    e.f = f;
    e.sizeof_ident = sizeof_ident;
    e.arg = arg;
    e.depth = 0;
    ival r = eval_toks(&e, src, t, n);
    if (r.known)
        *out = r.v;
    return r.known;
}

bool mm_pp_int(mm_file *f, const char *text, size_t len, mm_pp_sizeof_fn sizeof_ident, void *arg,
               int64_t *out)
{
    uint32_t n;
    mm_ctok *t = mm_clex_tokens(f->arena, text, len, &n);
    return mm_pp_int_toks(f, text, t, n, sizeof_ident, arg, out);
}

/* --- the pass over the directives -------------------------------------------------------------- */

typedef struct grp {
    uint8_t branch;      /* state of the branch being read (its own, not the enclosing ones) */
    const char *why;     /* ... and why, when UNKNOWN or OFF */
    bool taken;          /* an earlier branch (or this one) holds */
    bool taken_cfg;      /* ... by the configuration */
    bool undecided;      /* an earlier branch (or this one) was not decided */
    const char *head;    /* the #if line, for the message of an #else */
    const char *und_name, *und_why; /* what the first undecided branch could not decide */
} grp;

typedef MM_VEC(grp) grpvec;

static uint8_t effective(const grpvec *g, const char **why)
{
    uint8_t st = MM_COND_LIVE;
    *why = NULL;
    for (size_t i = 0; i < g->n; i++) {
        if (g->v[i].branch >= st && g->v[i].branch != MM_COND_LIVE) {
            st = g->v[i].branch;
            *why = g->v[i].why;
        }
    }
    return st;
}

/* Does the directive text name nothing but `name` (#ifdef X, #if !defined(X), #if X)? */
static bool only_names(const char *head, const char *name)
{
    const char *p = strchr(head, ' ');
    if (!p)
        return false;
    size_t nl = strlen(name);
    bool seen = false;
    while (*p) {
        while (*p == ' ' || *p == '!' || *p == '(' || *p == ')')
            p++;
        if (!*p)
            break;
        if (!strncmp(p, "defined", 7) && !isalnum((unsigned char)p[7]) && p[7] != '_') {
            p += 7;
            continue;
        }
        if (!strncmp(p, name, nl) && !isalnum((unsigned char)p[nl]) && p[nl] != '_') {
            p += nl;
            seen = true;
            continue;
        }
        return false;
    }
    return seen;
}

static const char *reason(struct mm_ppview *v, const char *head, const char *name,
                          const char *why, bool cfg_off, bool else_of)
{
    mm_arena *a = v->f->arena;
    if (cfg_off) {
        need_cfg(v);
        const char *by = v->cfg_path ? v->cfg_path : _("the configuration");
        return else_of ? mm_arena_printf(a, _("compiled out by %s: the #else of %s"), by, head)
                       : mm_arena_printf(a, _("compiled out by %s: %s"), by, head);
    }
    if (name && only_names(head, name))
        return else_of ? mm_arena_printf(a, _("under the #else of %s, %s"), head, why)
                       : mm_arena_printf(a, _("under %s, %s"), head, why);
    if (name)
        return else_of ? mm_arena_printf(a, _("under the #else of %s (%s, %s)"), head, name, why)
                       : mm_arena_printf(a, _("under %s (%s, %s)"), head, name, why);
    return else_of ? mm_arena_printf(a, _("under the #else of %s, which is not decided here"), head)
                   : mm_arena_printf(a, _("under %s, which is not decided here"), head);
}

typedef MM_VEC(mm_cregion) regionvec;

static void push_region(regionvec *out, uint32_t start, uint8_t st, const char *why)
{
    if (out->n && out->v[out->n - 1].state == st && out->v[out->n - 1].why == why)
        return;
    if (out->n && out->v[out->n - 1].start == start) {
        out->v[out->n - 1].state = st;
        out->v[out->n - 1].why = why;
        return;
    }
    mm_vec_push(out, ((mm_cregion){start, st, why}));
}

static struct mm_ppview *build(mm_file *f, struct mm_cproject *proj, bool header_mode,
                               bool defer)
{
    struct mm_ppview *v = mm_arena_calloc(f->arena, 1, sizeof *v);
    v->f = f;
    v->proj = proj;
    v->header_mode = header_mode;
    v->defer_headers = defer && !header_mode && proj;
    v->x = mm_clex_toks(f);
    f->cf->pp = v; /* lookups during the pass see what is recorded so far */
    const char *s = v->x->src;
    const mm_ctok *t = v->x->toks;
    uint32_t n = v->x->n;
    MM_VEC(mm_ppmacro) macros = {0};
    MM_VEC(mm_ppinclude) incs = {0};
    regionvec regions = {0};
    grpvec groups = {0};
    bool seen_directive = false; /* a directive other than #pragma once came before */
    const char *prev_ifndef_name = NULL; /* the name of the #ifndef just before, if any */
    mm_vec_push(&regions, ((mm_cregion){0, MM_COND_LIVE, NULL}));
    for (uint32_t i = 0; i < n; i++) {
        if (!(t[i].line_start && punct(s, &t[i], "#")) || i + 1 >= n || t[i + 1].line_start ||
            t[i + 1].kind != 'i')
            continue;
        const mm_ctok *d = &t[i + 1];
        uint32_t end = line_end(t, n, i + 2);
        uint32_t next_line = end < n ? t[end].start : (uint32_t)f->len;
        const char *why;
        uint8_t here = effective(&groups, &why);
        bool first_directive = !seen_directive;
        if (!mm_ctok_is(s, d, "pragma"))
            seen_directive = true;
        if (mm_ctok_is(s, d, "define") || mm_ctok_is(s, d, "undef")) {
            if (i + 2 >= end || t[i + 2].kind != 'i')
                continue;
            const mm_ctok *nm = &t[i + 2];
            mm_ppmacro m;
            memset(&m, 0, sizeof m);
            m.name = mm_arena_strndup(f->arena, s + nm->start, nm->len);
            m.file = f->path;
            m.off = t[i].start;
            m.nparams = -1;
            m.src = s;
            m.state = here;
            m.undef = mm_ctok_is(s, d, "undef");
            /* `#ifndef X` right before: a default the build may override */
            m.is_default = i >= 3 && groups.n && !m.undef && prev_ifndef_name &&
                           strlen(prev_ifndef_name) == nm->len &&
                           !memcmp(prev_ifndef_name, s + nm->start, nm->len);
            uint32_t b = i + 3;
            if (!m.undef && nm->start + nm->len < f->len && s[nm->start + nm->len] == '(' &&
                b < end) {
                /* parameters */
                MM_VEC(const char *) ps = {0};
                uint32_t k = b + 1;
                for (; k < end && !punct(s, &t[k], ")"); k++) {
                    if (t[k].kind == 'i') {
                        mm_vec_push(&ps, mm_arena_strndup(f->arena, s + t[k].start, t[k].len));
                        if (k + 1 < end && punct(s, &t[k + 1], ".")) /* GNU args... */
                            m.variadic = true;
                    } else if (punct(s, &t[k], ".") && k + 2 < end && punct(s, &t[k + 1], ".")) {
                        m.variadic = true;
                        if (!(k && t[k - 1].kind == 'i'))
                            mm_vec_push(&ps, "__VA_ARGS__");
                        k += 2;
                    }
                }
                m.nparams = (int)ps.n;
                m.params = mm_arena_alloc(f->arena, (ps.n ? ps.n : 1) * sizeof *m.params);
                if (ps.n)
                    memcpy(m.params, ps.v, ps.n * sizeof *ps.v);
                mm_vec_free(&ps);
                b = k + 1;
            }
            if (b > end)
                b = end;
            m.body = &t[b];
            m.nbody = end - b;
            prev_ifndef_name = NULL;
            mm_vec_push(&macros, m);
            v->macros = macros.v;
            v->nmacros = (uint32_t)macros.n;
            index_add(v, macros.v, v->nmacros - 1);
            continue;
        }
        if (mm_ctok_is(s, d, "include") || mm_ctok_is(s, d, "include_next") || mm_ctok_is(s, d, "import")) {
            if (i + 2 >= end)
                continue;
            mm_ppinclude inc = {NULL, false, t[i].start, here};
            const mm_ctok *a = &t[i + 2];
            if (a->kind == 's' && s[a->start] == '"' && a->len >= 2) {
                inc.name = mm_arena_strndup(f->arena, s + a->start + 1, a->len - 2);
                inc.quoted = true;
            } else if (punct(s, a, "<")) {
                uint32_t k = i + 3;
                while (k < end && !punct(s, &t[k], ">"))
                    k++;
                if (k < end && k > i + 3)
                    inc.name = mm_arena_strndup(f->arena, s + t[i + 3].start,
                                                t[k].start - t[i + 3].start);
            }
            if (inc.name && inc.name[0]) {
                mm_vec_push(&incs, inc);
                v->incs = incs.v;
                v->nincs = (uint32_t)incs.n;
            }
            continue;
        }
        bool is_if = mm_ctok_is(s, d, "if"), is_ifdef = mm_ctok_is(s, d, "ifdef"),
             is_ifndef = mm_ctok_is(s, d, "ifndef");
        prev_ifndef_name = is_ifndef && i + 2 < end && t[i + 2].kind == 'i'
                               ? mm_arena_strndup(f->arena, s + t[i + 2].start, t[i + 2].len)
                               : NULL;
        bool is_elif = mm_ctok_is(s, d, "elif"), is_elifdef = mm_ctok_is(s, d, "elifdef"),
             is_elifndef = mm_ctok_is(s, d, "elifndef");
        if (is_if || is_ifdef || is_ifndef || is_elif || is_elifdef || is_elifndef) {
            const char *head = toks_text(f->arena, s, t, i, end);
            bool opening = is_if || is_ifdef || is_ifndef;
            if (!opening && !groups.n)
                continue; /* a stray #elif */
            if (opening) {
                grp g = {MM_COND_LIVE, NULL, false, false, false, head, NULL, NULL};
                mm_vec_push(&groups, g);
            }
            grp *g = &groups.v[groups.n - 1];
            if (!opening && g->taken) {
                g->branch = g->taken_cfg ? MM_COND_OFF : MM_COND_DEAD;
                g->why = g->taken_cfg ? reason(v, head, NULL, NULL, true, false) : NULL;
            } else {
                ev e;
                memset(&e, 0, sizeof e);
                e.v = v;
                e.f = f;
                e.cond = true;
                ival r;
                if (is_if || is_elif) {
                    r = eval_toks(&e, s, &t[i + 2], end - (i + 2));
                } else {
                    bool neg = is_ifndef || is_elifndef;
                    r = unknown();
                    if (i + 2 < end && t[i + 2].kind == 'i') {
                        const mm_ctok *nt = &t[i + 2];
                        /* an include guard: the file's first directive is #ifndef X, right
                         * before #define X (a later `#ifndef X / #define X 0` gives a default
                         * the build may override: not decided) */
                        bool guard = false;
                        if (is_ifndef && first_directive && end + 2 < n && punct(s, &t[end], "#") &&
                            mm_ctok_is(s, &t[end + 1], "define") && end + 2 < n &&
                            t[end + 2].kind == 'i' && t[end + 2].len == nt->len &&
                            !memcmp(s + t[end + 2].start, s + nt->start, nt->len)) {
                            bool off = false;
                            guard = !last_def(v, s + nt->start, nt->len, &off);
                        }
                        if (guard) {
                            r = known(1);
                        } else {
                            lookup lk = lookup_name(v, s + nt->start, nt->len);
                            if (lk.kind == LK_UNKNOWN) {
                                note_undecided(&e, s + nt->start, nt->len, lk.why);
                            } else {
                                r = known((lk.kind == LK_DEFINED) != neg);
                                r.cfg = lk.cfg;
                            }
                        }
                    }
                }
                if (r.known && r.v && g->undecided) {
                    /* an earlier branch may hold: this one is not decided either */
                    g->branch = MM_COND_UNKNOWN;
                    g->why = reason(v, head, g->und_name, g->und_why, false, false);
                } else if (r.known && r.v) {
                    g->branch = MM_COND_LIVE;
                    g->why = NULL;
                    g->taken = true;
                    g->taken_cfg = r.cfg;
                } else if (r.known) {
                    g->branch = r.cfg ? MM_COND_OFF : MM_COND_DEAD;
                    g->why = r.cfg ? reason(v, head, NULL, NULL, true, false) : NULL;
                } else {
                    g->branch = MM_COND_UNKNOWN;
                    g->why = reason(v, head, e.undecided, e.why, false, false);
                    if (!g->undecided) {
                        g->und_name = e.undecided;
                        g->und_why = e.why;
                    }
                    g->undecided = true;
                }
            }
        } else if (mm_ctok_is(s, d, "else")) {
            if (!groups.n)
                continue;
            grp *g = &groups.v[groups.n - 1];
            if (g->taken) {
                g->branch = g->taken_cfg ? MM_COND_OFF : MM_COND_DEAD;
                g->why = g->taken_cfg ? reason(v, g->head, NULL, NULL, true, true) : NULL;
            } else if (g->undecided) {
                g->branch = MM_COND_UNKNOWN;
                g->why = reason(v, g->head, g->und_name, g->und_why, false, true);
            } else {
                g->branch = MM_COND_LIVE;
                g->why = NULL;
            }
        } else if (mm_ctok_is(s, d, "endif")) {
            if (groups.n)
                groups.n--;
        } else {
            continue;
        }
        uint8_t st = effective(&groups, &why);
        push_region(&regions, next_line, st, why);
    }
    mm_vec_free(&groups);
    /* into the arena: the vectors' heap copies go */
    v->macros = mm_arena_alloc(f->arena, (macros.n ? macros.n : 1) * sizeof *v->macros);
    if (macros.n)
        memcpy(v->macros, macros.v, macros.n * sizeof *macros.v);
    v->nmacros = (uint32_t)macros.n;
    if (v->icap) {
        uint32_t *ix = mm_arena_alloc(f->arena, v->icap * sizeof *ix);
        memcpy(ix, v->index, v->icap * sizeof *ix);
        free(v->index);
        v->index = ix;
    }
    v->incs = mm_arena_alloc(f->arena, (incs.n ? incs.n : 1) * sizeof *v->incs);
    if (incs.n)
        memcpy(v->incs, incs.v, incs.n * sizeof *incs.v);
    v->nincs = (uint32_t)incs.n;
    v->regions = mm_arena_alloc(f->arena, regions.n * sizeof *v->regions);
    memcpy(v->regions, regions.v, regions.n * sizeof *regions.v);
    v->nregions = (uint32_t)regions.n;
    mm_vec_free(&macros);
    mm_vec_free(&incs);
    mm_vec_free(&regions);
    f->cf->regions = v->regions;
    f->cf->nregions = v->nregions;
    return v;
}

const mm_ppview *mm_pp_get(mm_file *f)
{
    if (!f->cf)
        f->cf = mm_arena_calloc(f->arena, 1, sizeof *f->cf);
    if (f->cf->pp)
        return f->cf->pp;
    return build(f, f->cproject, false, true);
}

void mm_pp_build_header(mm_file *f, struct mm_cproject *p)
{
    if (!f->cf)
        f->cf = mm_arena_calloc(f->arena, 1, sizeof *f->cf);
    if (!f->cf->pp)
        build(f, p, true, false);
}

void mm_pp_release(mm_file *f)
{
    if (f->cf && f->cf->pp)
        mm_strset_free(&f->cf->pp->missed);
}

const mm_cregion *mm_pp_regions(mm_file *f, uint32_t *n)
{
    const mm_ppview *v = mm_pp_get(f);
    *n = v->nregions;
    return v->regions;
}

static uint32_t region_at(const struct mm_ppview *v, uint32_t off)
{
    uint32_t lo = 0, hi = v->nregions;
    while (lo + 1 < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (v->regions[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int mm_pp_cond_at(mm_file *f, uint32_t off, const char **why)
{
    const struct mm_ppview *v = mm_pp_get(f);
    uint32_t r = region_at(v, off);
    if (v->regions[r].state == MM_COND_UNKNOWN && v->deferred) {
        /* the place depends on a condition the project headers may decide: read them now */
        mm_strset_free(&((struct mm_ppview *)v)->missed);
        v = build(f, f->cproject, false, false);
        r = region_at(v, off);
    }
    *why = v->regions[r].why;
    return v->regions[r].state;
}

const mm_ppmacro *mm_pp_macros(const mm_ppview *v, uint32_t *n)
{
    *n = v->nmacros;
    return v->macros;
}

const mm_ppinclude *mm_pp_includes(const mm_ppview *v, uint32_t *n)
{
    *n = v->nincs;
    return v->incs;
}

mm_file *const *mm_pp_closure(mm_file *f, uint32_t *n)
{
    struct mm_ppview *v = (struct mm_ppview *)mm_pp_get(f);
    extend_closure(v);
    *n = v->nclosure;
    return v->closure;
}

/* All compiled definitions of name in v, in file order, into out (at most max). */
static uint32_t defs_of(const struct mm_ppview *v, const char *name, size_t len,
                        const mm_ppmacro **out, uint32_t max)
{
    uint32_t k = 0;
    for (int32_t i = index_last(v, name, len); i >= 0 && k < max; i = v->macros[i].prev_same) {
        const mm_ppmacro *m = &v->macros[i];
        if (m->state != MM_COND_DEAD && m->state != MM_COND_OFF)
            out[k++] = m;
    }
    for (uint32_t a = 0, b = k ? k - 1 : 0; a < b; a++, b--) {
        const mm_ppmacro *t = out[a];
        out[a] = out[b];
        out[b] = t;
    }
    return k;
}

const mm_ppmacro *const *mm_pp_lookup_in(mm_file *f, const mm_ppview *v, const char *name,
                                         size_t len, uint32_t *n)
{
    const mm_ppmacro *found[MAX_LOOKUP];
    uint32_t k = defs_of(v, name, len, found, MAX_LOOKUP);
    *n = k;
    if (!k)
        return NULL;
    const mm_ppmacro **out = mm_arena_alloc(f->arena, k * sizeof *out);
    memcpy(out, found, k * sizeof *out);
    return out;
}

const mm_ppmacro *const *mm_pp_lookup(mm_file *f, const char *name, size_t len, uint32_t *n)
{
    struct mm_ppview *v = (struct mm_ppview *)mm_pp_get(f);
    const mm_ppmacro *found[MAX_LOOKUP];
    uint32_t k = defs_of(v, name, len, found, MAX_LOOKUP);
    if (!k && v->missed.n && mm_strset_hasn(&v->missed, name, len)) {
        *n = 0;
        return NULL; /* asked before: neither the file nor its headers define it */
    }
    if (!k) {
        extend_closure(v);
        for (uint32_t i = 0; i < v->nclosure && !k; i++) {
            if (!mm_cproject_mentions(v->closure[i], name, len))
                continue;
            const mm_ppview *hv = mm_cproject_view(v->proj, v->closure[i]);
            if (hv)
                k = defs_of(hv, name, len, found, MAX_LOOKUP);
        }
    }
    *n = k;
    if (!k) {
        /* remembered in a file's own view only: a header's view is shared by the workers */
        if (!v->header_mode)
            mm_strset_add(&v->missed, mm_arena_strndup(f->arena, name, len));
        return NULL;
    }
    const mm_ppmacro **out = mm_arena_alloc(f->arena, k * sizeof *out);
    memcpy(out, found, k * sizeof *out);
    return out;
}
