/* cflow.c: what the tree-sitter tier can prove about the arguments of a recorded call, from
 * the function the call is in, the file's declarations and those of its project headers:
 *
 *   - the room a destination has: a local, global or struct-field array (its size through
 *     #defines and sizeof), a pointer that the function only ever points at such arrays or at
 *     an allocation of a size it computes (malloc(strlen(s) + 1), alloca(N), new char[N]);
 *   - the longest string a source can hold: a literal, an array's size, a buffer the function
 *     fills only with literals, the bound a check before the call puts on strlen();
 *   - what a destination already holds before a strcat (what the function copied into it);
 *   - whether a value is program text only (konst), and the range of an integer from its
 *     declared type or its expression (x % 10, (uint8_t)x, x & 0xff).
 *
 * Same-function and flow-insensitive, with two exceptions that keep it sound: what happens after
 * the call does not count unless a loop brings it back around, and a buffer that escapes to a
 * function that may write it is no longer known. What it cannot prove it leaves unknown. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "front/cdecl.h"
#include "base/i18n.h"
#include "front/cfront_int.h"
#include "front/cpp.h"
#include "front/cproject.h"

enum { EV_DECL, EV_ASSIGN, EV_ARG, EV_MODIFY };
enum { F_PLAIN, F_OFFSET, F_ADDR };
enum { MAX_Q_DEPTH = 6, MAX_BOUNDS = 8 };

typedef struct fev {
    uint8_t kind;
    uint8_t form;       /* EV_ARG: F_* */
    bool param;         /* EV_DECL of a parameter */
    bool is_static;
    bool nul;           /* EV_MODIFY: a NUL store (x[i] = 0) */
    bool array;         /* EV_DECL: an array */
    bool at_zero;       /* EV_MODIFY: x[0] = ... */
    bool lvalue;        /* EV_ASSIGN to a member or through a pointer (name is its text) */
    int pointer;        /* EV_DECL */
    int index;          /* EV_ARG: argument index */
    const char *name;
    const char *type;   /* EV_DECL */
    TSNode dim;         /* EV_DECL: array size (null for [] or not an array) */
    TSNode value;       /* EV_DECL initializer, EV_ASSIGN right side */
    TSNode call;        /* EV_ARG */
    const char *callee; /* EV_ARG */
    uint32_t off;
    uint32_t block_s, block_e; /* innermost compound statement */
    uint32_t loop_s, loop_e;   /* innermost loop; 0, 0: none */
} fev;

struct cf_flow {
    const char *src;
    uint32_t fn_start;
    TSNode fn;
    MM_VEC(fev) ev;
};

typedef struct q {
    cf_ctx *c;
    struct cf_flow *fl;
    TSNode call;
    uint32_t at;        /* the call's start (parse coordinates) */
    int depth;
    mm_len *bounds;
    uint32_t nbounds;
    bool size;          /* sizes are asked for too (else only program text: no header lookups
                           for what only sizes need) */
} q;

/* --- helpers ------------------------------------------------------------------------------- */

static uint32_t sb(TSNode n)
{
    return ts_node_start_byte(n);
}

static uint32_t eb(TSNode n)
{
    return ts_node_end_byte(n);
}

static bool node_is(const cf_ctx *c, TSNode n, const char *text)
{
    size_t len = strlen(text);
    return !ts_node_is_null(n) && eb(n) - sb(n) == len && !memcmp(c->src + sb(n), text, len);
}

static const char *callee_name(cf_ctx *c, TSNode call)
{
    TSNode fn = ts_node_child_by_field_id(call, c->l->f_function);
    if (ts_node_is_null(fn))
        return NULL;
    int k = cf_kind_of(c, fn);
    if (k == K_FIELD_EXPR) {
        TSNode fld = ts_node_child_by_field_id(fn, c->l->f_field);
        return ts_node_is_null(fld) ? NULL : cf_text_of(c, fld);
    }
    if (k == K_QUALIFIED) {
        TSNode nm = ts_node_child_by_field_id(fn, c->l->f_name);
        return ts_node_is_null(nm) ? NULL : cf_text_of(c, nm);
    }
    return k == K_IDENT ? cf_text_of(c, fn) : NULL;
}

static TSNode arg_node(cf_ctx *c, TSNode call, int idx)
{
    TSNode args = ts_node_child_by_field_id(call, c->l->f_arguments);
    TSNode null = {0};
    if (ts_node_is_null(args))
        return null;
    int k = 0;
    uint32_t cnt = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (ts_node_is_extra(a))
            continue;
        if (k++ == idx)
            return a;
    }
    return null;
}

static uint32_t nargs(cf_ctx *c, TSNode call)
{
    TSNode args = ts_node_child_by_field_id(call, c->l->f_arguments);
    if (ts_node_is_null(args))
        return 0;
    uint32_t k = 0, cnt = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < cnt; i++)
        k += !ts_node_is_extra(ts_node_named_child(args, i));
    return k;
}

static bool is_null_value(cf_ctx *c, TSNode v)
{
    v = cf_unwrap(c, v);
    return ts_node_is_null(v) || cf_kind_of(c, v) == K_NULL || node_is(c, v, "NULL") ||
           node_is(c, v, "0") || node_is(c, v, "nullptr");
}

static bool is_literal(cf_ctx *c, TSNode v)
{
    v = cf_unwrap(c, v);
    int k = ts_node_is_null(v) ? K_NONE : cf_kind_of(c, v);
    return k == K_STRING || k == K_RAW_STRING || k == K_CONCAT;
}

static bool is_nul_char(cf_ctx *c, TSNode v)
{
    v = cf_unwrap(c, v);
    return node_is(c, v, "0") || node_is(c, v, "'\\0'") || node_is(c, v, "'\\x00'") ||
           node_is(c, v, "'\\000'");
}

static mm_len unknown_len(void)
{
    mm_len l;
    memset(&l, 0, sizeof l);
    return l;
}

static mm_len num_len(int64_t k, const char *why)
{
    mm_len l = unknown_len();
    l.known = true;
    l.k = k;
    l.why = why;
    return l;
}

static mm_len term_len(cf_ctx *c, const char *expr, int64_t k)
{
    mm_len l = num_len(k, NULL);
    l.terms = mm_arena_alloc(c->f->arena, sizeof *l.terms);
    l.terms[0] = expr;
    l.nterms = 1;
    return l;
}

static bool numeric(const mm_len *l)
{
    return l->known && !l->nterms;
}

/* a + b: constants add, terms join */
static mm_len len_add(cf_ctx *c, mm_len a, mm_len b)
{
    if (!a.known || !b.known)
        return unknown_len();
    mm_len r = num_len(a.k + b.k, NULL);
    r.nterms = a.nterms + b.nterms;
    if (r.nterms) {
        r.terms = mm_arena_alloc(c->f->arena, r.nterms * sizeof *r.terms);
        for (uint32_t i = 0; i < a.nterms; i++)
            r.terms[i] = a.terms[i];
        for (uint32_t i = 0; i < b.nterms; i++)
            r.terms[a.nterms + i] = b.terms[i];
    }
    return r;
}

/* Are a's terms among b's, as multisets (each of a's matched once in b; used[k]: b's term k
 * matched)? used has room for 64; b with more is never matched. */
static bool terms_within(const mm_len *a, const mm_len *b, bool used[64])
{
    memset(used, 0, 64 * sizeof *used);
    if (b->nterms > 64)
        return false;
    for (uint32_t i = 0; i < a->nterms; i++) {
        bool found = false;
        for (uint32_t k = 0; k < b->nterms && !found; k++) {
            if (!used[k] && !strcmp(a->terms[i], b->terms[k]))
                used[k] = found = true;
        }
        if (!found)
            return false;
    }
    return true;
}

static bool same_terms(const mm_len *a, const mm_len *b)
{
    bool used[64];
    return a->nterms == b->nterms && terms_within(a, b, used);
}

/* a - b when b's terms are among a's (ln + cmd_len less cmd_len); unknown otherwise */
static mm_len len_minus(cf_ctx *c, mm_len a, mm_len b)
{
    bool used[64];
    if (!a.known || !b.known || !terms_within(&b, &a, used))
        return unknown_len();
    mm_len r = num_len(a.k - b.k, NULL);
    r.terms = mm_arena_alloc(c->f->arena, (a.nterms - b.nterms + 1) * sizeof *r.terms);
    for (uint32_t k = 0; k < a.nterms; k++) {
        if (!used[k])
            r.terms[r.nterms++] = a.terms[k];
    }
    return r;
}

/* --- the function summary ----------------------------------------------------------------------- */

static fev *push_ev(struct cf_flow *fl, uint8_t kind, const char *name, uint32_t off)
{
    fev e;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.name = name;
    e.off = off;
    mm_vec_push(&fl->ev, e);
    return &fl->ev.v[fl->ev.n - 1];
}

/* A call of a function that allocates, as written (malloc, calloc, a macro named *ALLOC*): only
 * to decide what to record; the allocator table decides the size. */
static bool is_alloc_call(cf_ctx *c, TSNode v)
{
    v = cf_unwrap(c, v);
    if (ts_node_is_null(v) || cf_kind_of(c, v) != K_CALL)
        return false;
    const char *callee = callee_name(c, v);
    return callee && (strcasestr(callee, "alloc") != NULL || strcasestr(callee, "ALLOC") != NULL);
}

/* The plain identifier an expression is about: `x` for x, (char *)x, (x); NULL otherwise. */
static const char *plain_ident(cf_ctx *c, TSNode n)
{
    n = cf_unwrap(c, n);
    if (!ts_node_is_null(n) && cf_kind_of(c, n) == K_IDENT)
        return cf_text_of(c, n);
    return NULL;
}

/* The base identifier of x[i], *x, *(x + i). */
static const char *store_base(cf_ctx *c, TSNode n, bool *at_zero)
{
    n = cf_unwrap(c, n);
    *at_zero = false;
    for (int guard = 0; guard < 8 && !ts_node_is_null(n); guard++) {
        int k = cf_kind_of(c, n);
        if (k == K_IDENT)
            return cf_text_of(c, n);
        if (k == K_SUBSCRIPT) {
            TSNode idx = ts_node_named_child(n, 1);
            if (!ts_node_is_null(idx) && !strcmp(ts_node_type(idx), "subscript_argument_list"))
                idx = ts_node_named_child(idx, 0); /* C++ */
            *at_zero = node_is(c, cf_unwrap(c, idx), "0");
            n = cf_unwrap(c, ts_node_child_by_field_id(n, c->l->f_argument));
        } else if (k == K_POINTER_EXPR) {
            n = cf_unwrap(c, ts_node_child_by_field_id(n, c->l->f_argument));
            *at_zero = cf_kind_of(c, n) == K_IDENT;
        } else if (k == K_BINARY) {
            n = cf_unwrap(c, ts_node_child_by_field_id(n, c->l->f_left));
            *at_zero = false;
        } else {
            return NULL;
        }
    }
    return NULL;
}

static void add_decl(cf_ctx *c, struct cf_flow *fl, TSNode decl, bool param, uint32_t bs,
                     uint32_t be, uint32_t ls, uint32_t le)
{
    TSNode type = ts_node_child_by_field_id(decl, c->l->f_type);
    const char *tname = ts_node_is_null(type) ? "" : cf_text_of(c, type);
    bool is_static = false;
    uint32_t cnt = ts_node_named_child_count(decl);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode ch = ts_node_named_child(decl, i);
        if (cf_kind_of(c, ch) == K_STORAGE && node_is(c, ch, "static"))
            is_static = true;
    }
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode d = ts_node_named_child(decl, i);
        if (ts_node_eq(d, type))
            continue;
        int dk = cf_kind_of(c, d);
        TSNode target = d, value = {0};
        if (dk == K_INIT_DECL) {
            target = ts_node_child_by_field_id(d, c->l->f_declarator);
            value = ts_node_child_by_field_id(d, c->l->f_value);
        } else if (dk != K_IDENT && dk != K_POINTER_DECL && dk != K_ARRAY_DECL &&
                   dk != K_REFERENCE_DECL) {
            continue;
        }
        int pointer = 0;
        bool array = false;
        TSNode dim = {0};
        TSNode t = target;
        for (int guard = 0; guard < 16 && !ts_node_is_null(t); guard++) {
            int tk = cf_kind_of(c, t);
            if (tk == K_POINTER_DECL) {
                pointer++;
                t = ts_node_child_by_field_id(t, c->l->f_declarator);
            } else if (tk == K_ARRAY_DECL) {
                if (!array)
                    dim = ts_node_child_by_field_id(t, c->l->f_size);
                array = true;
                t = ts_node_child_by_field_id(t, c->l->f_declarator);
            } else if (tk == K_REFERENCE_DECL) {
                t = ts_node_named_child(t, 0);
            } else {
                break;
            }
        }
        if (ts_node_is_null(t) || cf_kind_of(c, t) != K_IDENT)
            continue;
        fev *e = push_ev(fl, EV_DECL, cf_text_of(c, t), sb(d));
        e->param = param;
        e->is_static = is_static;
        e->type = tname;
        e->pointer = pointer;
        e->array = array;
        e->dim = dim;
        e->value = value;
        e->block_s = bs;
        e->block_e = be;
        e->loop_s = ls;
        e->loop_e = le;
    }
}

typedef struct open_scope {
    uint32_t s, e;
    bool loop;
} open_scope;

static void summarise(cf_ctx *c, struct cf_flow *fl, TSNode fn)
{
    fl->ev.n = 0;
    TSTreeCursor cur = ts_tree_cursor_new(fn);
    MM_VEC(open_scope) st = {0};
    uint32_t fs = sb(fn), fe = eb(fn);
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cur);
        uint32_t ns = sb(n);
        while (st.n && ns >= st.v[st.n - 1].e)
            st.n--;
        uint32_t bs = fs, be = fe, ls = 0, le = 0;
        for (size_t i = st.n; i-- > 0;) {
            if (!st.v[i].loop && bs == fs) {
                bs = st.v[i].s;
                be = st.v[i].e;
            }
            if (st.v[i].loop && !le) {
                ls = st.v[i].s;
                le = st.v[i].e;
            }
        }
        int k = cf_kind_of(c, n);
        switch (k) {
        case K_BLOCK:
        case K_LOOP:
            mm_vec_push(&st, ((open_scope){ns, eb(n), k == K_LOOP}));
            break;
        case K_DECLARATION:
            add_decl(c, fl, n, false, bs, be, ls, le);
            break;
        case K_PARAM_DECL:
            add_decl(c, fl, n, true, fs, fe, 0, 0);
            break;
        case K_ASSIGN: {
            TSNode left = cf_unwrap(c, ts_node_child_by_field_id(n, c->l->f_left));
            TSNode right = ts_node_child_by_field_id(n, c->l->f_right);
            TSNode op = ts_node_child_by_field_id(n, c->l->f_operator);
            bool plain = ts_node_is_null(op) || node_is(c, op, "=");
            if (ts_node_is_null(left))
                break;
            int lk = cf_kind_of(c, left);
            fev *e = NULL;
            bool deref = lk == K_POINTER_EXPR &&
                         cf_kind_of(c, cf_unwrap(c, ts_node_child_by_field_id(left, c->l->f_argument))) ==
                             K_IDENT &&
                         node_is(c, ts_node_child_by_field_id(left, c->l->f_operator), "*");
            if (lk == K_IDENT) {
                e = push_ev(fl, plain ? EV_ASSIGN : EV_MODIFY, cf_text_of(c, left), ns);
                e->value = right;
            } else if (plain && (lk == K_FIELD_EXPR || deref) && is_alloc_call(c, right)) {
                /* p->buf = malloc(...), *out = malloc(...): the pointer stored there, named by
                 * the text of where it is stored */
                e = push_ev(fl, EV_ASSIGN, cf_text_of(c, left), ns);
                e->value = right;
                e->lvalue = true;
            } else if (lk == K_SUBSCRIPT || lk == K_POINTER_EXPR) {
                bool z;
                const char *base = store_base(c, left, &z);
                if (base) {
                    e = push_ev(fl, EV_MODIFY, base, ns);
                    e->nul = plain && is_nul_char(c, right);
                    e->at_zero = z;
                }
            }
            if (e) {
                e->block_s = bs;
                e->block_e = be;
                e->loop_s = ls;
                e->loop_e = le;
            }
            break;
        }
        case K_UPDATE: {
            bool z;
            const char *base = store_base(c, ts_node_child_by_field_id(n, c->l->f_argument), &z);
            if (base) {
                fev *e = push_ev(fl, EV_MODIFY, base, ns);
                e->loop_s = ls;
                e->loop_e = le;
            }
            break;
        }
        case K_CALL: {
            const char *callee = callee_name(c, n);
            uint32_t na = nargs(c, n);
            for (uint32_t i = 0; i < na && i < 32; i++) {
                TSNode a = cf_unwrap(c, arg_node(c, n, (int)i));
                if (ts_node_is_null(a))
                    continue;
                int ak = cf_kind_of(c, a);
                const char *name = NULL;
                uint8_t form = F_PLAIN;
                if (ak == K_IDENT) {
                    name = cf_text_of(c, a);
                } else if (ak == K_BINARY) {
                    name = plain_ident(c, ts_node_child_by_field_id(a, c->l->f_left));
                    if (!name)
                        name = plain_ident(c, ts_node_child_by_field_id(a, c->l->f_right));
                    form = F_OFFSET;
                } else if (ak == K_POINTER_EXPR) {
                    TSNode op = ts_node_child_by_field_id(a, c->l->f_operator);
                    TSNode inner = cf_unwrap(c, ts_node_child_by_field_id(a, c->l->f_argument));
                    if (node_is(c, op, "&") && !ts_node_is_null(inner)) {
                        if (cf_kind_of(c, inner) == K_IDENT) {
                            name = cf_text_of(c, inner);
                            form = F_ADDR;
                        } else if (cf_kind_of(c, inner) == K_SUBSCRIPT) {
                            bool z;
                            name = store_base(c, inner, &z);
                            form = F_OFFSET;
                        }
                    }
                }
                if (!name)
                    continue;
                fev *e = push_ev(fl, EV_ARG, name, ns);
                e->form = form;
                e->index = (int)i;
                e->call = n;
                e->callee = callee;
                e->block_s = bs;
                e->block_e = be;
                e->loop_s = ls;
                e->loop_e = le;
            }
            break;
        }
        default:
            break;
        }
        if (ts_tree_cursor_goto_first_child(&cur))
            continue;
        for (;;) {
            if (ts_tree_cursor_goto_next_sibling(&cur))
                break;
            if (!ts_tree_cursor_goto_parent(&cur))
                goto done;
        }
    }
done:
    ts_tree_cursor_delete(&cur);
    mm_vec_free(&st);
}

void cf_flow_free(cf_ctx *c)
{
    if (!c->flow)
        return;
    mm_vec_free(&c->flow->ev);
    free(c->flow);
    c->flow = NULL;
}

static struct cf_flow *flow_of(cf_ctx *c, TSNode call)
{
    /* the walk knows the function it is in (asking tree-sitter for parents is slow) */
    TSNode fn = c->fn_node;
    (void)call;
    if (ts_node_is_null(fn) || cf_kind_of(c, fn) != K_FUNC_DEF)
        return NULL;
    if (c->flow && c->flow->src == c->src && c->flow->fn_start == sb(fn))
        return c->flow;
    if (!c->flow)
        c->flow = mm_xcalloc(1, sizeof *c->flow);
    c->flow->src = c->src;
    c->flow->fn_start = sb(fn);
    c->flow->fn = fn;
    summarise(c, c->flow, fn);
    return c->flow;
}

/* --- declarations: local, file scope, project headers ------------------------------------------ */

/* Does this event count for a call at `at`: before it, or in a loop that holds the call too. */
static bool before(const q *Q, const fev *e)
{
    return e->off < Q->at || (e->loop_e && e->loop_s <= Q->at && Q->at < e->loop_e);
}

static const fev *local_decl(const q *Q, const char *name)
{
    const fev *found = NULL;
    for (size_t i = 0; i < Q->fl->ev.n; i++) {
        const fev *e = &Q->fl->ev.v[i];
        if (e->kind != EV_DECL || e->off > Q->at || strcmp(e->name, name) != 0)
            continue;
        if (e->block_s <= Q->at && Q->at < e->block_e)
            found = e;
    }
    return found;
}

/* A file-scope declaration of name: the file's own, else the first project header (of those
 * it includes) that declares it. */
static const mm_cdecl *global_decl(cf_ctx *c, const char *name, mm_file **where)
{
    const mm_cdecls *d = mm_cdecl_get(c->f);
    const mm_cdecl *g = mm_cdecl_global(d, name);
    *where = c->f;
    if (g)
        return g;
    uint32_t n = 0;
    mm_file *const *hs = c->f->cproject ? mm_pp_closure(c->f, &n) : NULL;
    for (uint32_t i = 0; i < n; i++) {
        const mm_cdecls *hd = mm_cproject_decls(c->f->cproject, hs[i]);
        g = hd ? mm_cdecl_global(hd, name) : NULL;
        if (g) {
            *where = hs[i];
            return g;
        }
    }
    return NULL;
}

/* The member `field` of aggregate type `type`, in the file or its headers. */
static const mm_cdecl *member_decl(cf_ctx *c, const char *type, const char *field, mm_file **where)
{
    const mm_cdecls *d = mm_cdecl_get(c->f);
    const mm_cdecl *m = mm_cdecl_member(d, type, field);
    *where = c->f;
    if (m || mm_cdecl_has_type(d, type))
        return m;
    uint32_t n = 0;
    mm_file *const *hs = c->f->cproject ? mm_pp_closure(c->f, &n) : NULL;
    for (uint32_t i = 0; i < n; i++) {
        const mm_cdecls *hd = mm_cproject_decls(c->f->cproject, hs[i]);
        if (!hd || !mm_cdecl_has_type(hd, type))
            continue;
        *where = hs[i];
        return mm_cdecl_member(hd, type, field);
    }
    return NULL;
}

/* A type written as text without qualifiers and storage: "const char" -> "char". */
static const char *bare_type(cf_ctx *c, const char *t)
{
    for (;;) {
        if (mm_str_starts(t, "const "))
            t += 6;
        else if (mm_str_starts(t, "volatile "))
            t += 9;
        else if (mm_str_starts(t, "static "))
            t += 7;
        else
            break;
    }
    const char *colon = strrchr(t, ':');
    if (colon && colon > t && colon[-1] == ':' && !strchr(colon, '<'))
        t = colon + 1;
    (void)c;
    return t;
}

/* Elements of a dimension written as text in file f (through its macros and sizeof). */
static bool sizeof_hook(void *arg, const char *name, int64_t *bytes);

static int64_t dim_value(q *Q, mm_file *f, const char *dim)
{
    if (!dim || !dim[0])
        return -1;
    int64_t v;
    /* a header's dimension is read in the scanned file's view, which sees that header's
     * macros (it includes it) and the configuration: the header's own view is shared by the
     * workers and must not be written */
    (void)f;
    if (mm_pp_int(Q->c->f, dim, strlen(dim), sizeof_hook, Q, &v) && v > 0)
        return v;
    return -1;
}

/* The value of a constant expression of the function: numbers, sizeof, the file's and its
 * headers' macros; false at once when it names a local or a parameter (no macro lookup then). */
static bool const_expr(q *Q, TSNode n, int64_t *out)
{
    cf_ctx *c = Q->c;
    n = cf_unwrap(c, n);
    if (ts_node_is_null(n))
        return false;
    TSTreeCursor cur = ts_tree_cursor_new(n);
    bool local = false;
    for (int steps = 0; steps < 256 && !local;) {
        TSNode x = ts_tree_cursor_current_node(&cur);
        if (cf_kind_of(c, x) == K_IDENT) {
            const char *name = cf_text_of(c, x);
            TSNode p = ts_node_parent(x);
            bool in_sizeof = !ts_node_is_null(p) && cf_kind_of(c, p) == K_SIZEOF;
            if (!in_sizeof && Q->fl && local_decl(Q, name))
                local = true;
        }
        steps++;
        if (ts_tree_cursor_goto_first_child(&cur))
            continue;
        bool up = false;
        while (!ts_tree_cursor_goto_next_sibling(&cur)) {
            if (!ts_tree_cursor_goto_parent(&cur) || ts_node_eq(ts_tree_cursor_current_node(&cur), n)) {
                up = true;
                break;
            }
        }
        if (up)
            break;
    }
    ts_tree_cursor_delete(&cur);
    if (local)
        return false;
    const char *t = cf_text_of(c, n);
    return mm_pp_int(c->f, t, strlen(t), sizeof_hook, Q, out);
}

/* --- integer ranges ----------------------------------------------------------------------------- */

typedef struct range {
    bool ok;
    int64_t lo, hi;
    uint8_t real;
} range;

static range type_range(cf_ctx *c, const char *type, int depth)
{
    static const struct {
        const char *name;
        int64_t lo, hi;
    } tab[] = {
        {"uint8_t", 0, 255},        {"u8", 0, 255},          {"unsigned char", 0, 255},
        {"uint8", 0, 255},          {"u_char", 0, 255},      {"byte", 0, 255},
        {"int8_t", -128, 127},      {"s8", -128, 127},       {"signed char", -128, 127},
        {"int8", -128, 127},        {"char", -128, 255},     {"bool", 0, 1},
        {"_Bool", 0, 1},            {"boolean", 0, 1},       {"uint16_t", 0, 65535},
        {"u16", 0, 65535},          {"unsigned short", 0, 65535}, {"uint16", 0, 65535},
        {"unsigned short int", 0, 65535}, {"int16_t", -32768, 32767}, {"s16", -32768, 32767},
        {"short", -32768, 32767},   {"short int", -32768, 32767}, {"int16", -32768, 32767},
        {"uint32_t", 0, 4294967295LL}, {"u32", 0, 4294967295LL}, {"unsigned", 0, 4294967295LL},
        {"unsigned int", 0, 4294967295LL}, {"uint32", 0, 4294967295LL},
        {"int32_t", -2147483648LL, 2147483647LL}, {"s32", -2147483648LL, 2147483647LL},
        {"int", -2147483648LL, 2147483647LL}, {"int32", -2147483648LL, 2147483647LL},
        {"signed", -2147483648LL, 2147483647LL},
    };
    range r = {false, 0, 0, 0};
    type = bare_type(c, type);
    for (size_t i = 0; i < MM_ARRAY_LEN(tab); i++) {
        if (!strcmp(type, tab[i].name)) {
            r.ok = true;
            r.lo = tab[i].lo;
            r.hi = tab[i].hi;
            return r;
        }
    }
    if (!strcmp(type, "float")) {
        r.real = 1;
        return r;
    }
    if (!strcmp(type, "double") || !strcmp(type, "long double")) {
        r.real = 2;
        return r;
    }
    /* a typedef of the file or its headers: typedef uint8_t u8_t; */
    if (depth < 3) {
        const mm_cdecls *d = mm_cdecl_get(c->f);
        const mm_cdecl *td = mm_cdecl_typedef(d, type);
        uint32_t n = 0;
        mm_file *const *hs = !td && c->f->cproject ? mm_pp_closure(c->f, &n) : NULL;
        for (uint32_t i = 0; i < n && !td; i++)
            td = mm_cdecl_typedef(mm_cproject_decls(c->f->cproject, hs[i]), type);
        if (td && !td->pointer && !td->dim)
            return type_range(c, td->type, depth + 1);
    }
    return r;
}

static const char *decl_type_of(q *Q, TSNode n, int *pointer, bool *array, const char **dim,
                                mm_file **where);

/* The method of a call WiFi.method(...) of the Arduino cores' WiFi object, or NULL (another
 * call, or the project declares a WiFi of its own). wifi_text_max: the longest text an SSID
 * (32 bytes) or a MAC address (17 characters) method gives, or -1. */
static const char *wifi_method(cf_ctx *c, TSNode call)
{
    TSNode fn = ts_node_child_by_field_id(call, c->l->f_function);
    if (ts_node_is_null(fn) || cf_kind_of(c, fn) != K_FIELD_EXPR)
        return NULL;
    TSNode fld = ts_node_child_by_field_id(fn, c->l->f_field);
    if (!node_is(c, ts_node_child_by_field_id(fn, c->l->f_argument), "WiFi") ||
        ts_node_is_null(fld) || mm_cdecl_any(mm_cdecl_get(c->f), "WiFi"))
        return NULL;
    return cf_text_of(c, fld);
}

static int64_t wifi_text_max(cf_ctx *c, TSNode call)
{
    static const struct {
        const char *method;
        int64_t max;
    } texts[] = {{"SSID", 32}, {"softAPSSID", 32}, {"macAddress", 17},
                 {"softAPmacAddress", 17}, {"BSSIDstr", 17}};
    const char *m = wifi_method(c, call);
    for (size_t i = 0; m && i < MM_ARRAY_LEN(texts); i++) {
        if (!strcmp(m, texts[i].method))
            return texts[i].max;
    }
    return -1;
}

/* A file-scope declaration or definition of the function name, in the file or its headers;
 * NULL when there is none, or when the file declares a variable of that name (a pointer to a
 * function). */
static const mm_cdecl *function_decl(cf_ctx *c, const char *name)
{
    const mm_cdecls *d = mm_cdecl_get(c->f);
    if (mm_cdecl_global(d, name))
        return NULL;
    const mm_cdecl *g = mm_cdecl_function(d, name);
    if (g)
        return g;
    uint32_t n = 0;
    mm_file *const *hs = c->f->cproject ? mm_pp_closure(c->f, &n) : NULL;
    for (uint32_t i = 0; i < n && !g; i++) {
        const mm_cdecls *hd = mm_cproject_decls(c->f->cproject, hs[i]);
        g = hd ? mm_cdecl_function(hd, name) : NULL;
    }
    return g;
}

static range range_of(q *Q, TSNode n)
{
    cf_ctx *c = Q->c;
    range r = {false, 0, 0, 0};
    TSNode u = n;
    /* a cast gives its type's range */
    for (int guard = 0; guard < 8 && !ts_node_is_null(u); guard++) {
        int k = cf_kind_of(c, u);
        if (k == K_PAREN) {
            u = ts_node_named_child(u, 0);
        } else if (k == K_CAST) {
            TSNode t = ts_node_child_by_field_id(u, c->l->f_type);
            range tr = ts_node_is_null(t) ? r : type_range(c, cf_text_of(c, t), 0);
            if (tr.ok || tr.real)
                return tr;
            u = ts_node_child_by_field_id(u, c->l->f_value);
        } else {
            break;
        }
    }
    if (ts_node_is_null(u) || Q->depth > MAX_Q_DEPTH)
        return r;
    int k = cf_kind_of(c, u);
    if (k == K_IDENT || k == K_BINARY) {
        /* a constant expression, macros included: TUREAD + TUWRITE + TUEXEC */
        int64_t v;
        Q->depth++;
        bool kv = const_expr(Q, u, &v);
        Q->depth--;
        if (kv) {
            r.ok = true;
            r.lo = r.hi = v;
            return r;
        }
    }
    if (k == K_CALL) {
        /* Arduino's WiFi.RSSI(): a signal level in dBm, a signed byte */
        const char *wm = wifi_method(c, u);
        if (wm && !strcmp(wm, "RSSI"))
            return type_range(c, "int8_t", 0);
        /* a function the project declares returns its type's range: uint16_t dmap_read_u16() */
        TSNode fn = ts_node_child_by_field_id(u, c->l->f_function);
        if (!ts_node_is_null(fn) && cf_kind_of(c, fn) == K_IDENT) {
            const mm_cdecl *g = function_decl(c, cf_text_of(c, fn));
            if (g && !g->pointer && !g->dim)
                return type_range(c, g->type, 0);
        }
        return r;
    }
    if (k == K_NUMBER) {
        const char *t = cf_text_of(c, u);
        int64_t v;
        if (mm_c_number(t, strlen(t), &v)) {
            r.ok = true;
            r.lo = r.hi = v;
        } else {
            size_t tl = strlen(t);
            r.real = tl && (t[tl - 1] == 'f' || t[tl - 1] == 'F') && !strstr(t, "0x") ? 1 : 2;
        }
        return r;
    }
    if (k == K_CHAR) {
        r.ok = true;
        r.lo = -128;
        r.hi = 255;
        return r;
    }
    if (k == K_SIZEOF) {
        r.ok = true;
        r.lo = 0;
        r.hi = 4294967295LL;
        return r;
    }
    if (k == K_IDENT || k == K_FIELD_EXPR || k == K_SUBSCRIPT) {
        int pointer;
        bool array;
        const char *dim;
        mm_file *where;
        const char *t = decl_type_of(Q, u, &pointer, &array, &dim, &where);
        if (t && !pointer && (!array || k == K_SUBSCRIPT))
            return type_range(c, t, 0);
        return r;
    }
    if (k == K_CONDITIONAL) {
        range a = range_of(Q, ts_node_child_by_field_id(u, c->l->f_consequence));
        range b = range_of(Q, ts_node_child_by_field_id(u, c->l->f_alternative));
        if (a.ok && b.ok) {
            r.ok = true;
            r.lo = a.lo < b.lo ? a.lo : b.lo;
            r.hi = a.hi > b.hi ? a.hi : b.hi;
        }
        r.real = a.real > b.real ? a.real : b.real;
        return r;
    }
    if (k == K_BINARY) {
        TSNode op = ts_node_child_by_field_id(u, c->l->f_operator);
        TSNode right = ts_node_child_by_field_id(u, c->l->f_right);
        Q->depth++;
        range a = range_of(Q, ts_node_child_by_field_id(u, c->l->f_left));
        range b = range_of(Q, right);
        Q->depth--;
        if (a.real || b.real) {
            r.real = a.real > b.real ? a.real : b.real;
            if (node_is(c, op, "+") || node_is(c, op, "-") || node_is(c, op, "*") ||
                node_is(c, op, "/"))
                r.real = 2;
            return r;
        }
        int64_t kv = 0;
        bool konst_r = const_expr(Q, right, &kv);
        if (node_is(c, op, "%") && konst_r && kv > 0) {
            r.ok = true;
            r.lo = a.ok && a.lo >= 0 ? 0 : -(kv - 1);
            r.hi = kv - 1;
        } else if (node_is(c, op, "&") && konst_r && kv >= 0) {
            r.ok = true;
            r.lo = 0;
            r.hi = kv;
        } else if (node_is(c, op, ">>") && konst_r && a.ok && kv >= 0 && kv < 63) {
            r.ok = true;
            r.lo = a.lo >> kv;
            r.hi = a.hi >> kv;
        } else if (node_is(c, op, "/") && konst_r && a.ok && kv > 0) {
            r.ok = true;
            r.lo = a.lo / kv;
            r.hi = a.hi / kv;
        } else if ((node_is(c, op, "==") || node_is(c, op, "!=") || node_is(c, op, "<") ||
                    node_is(c, op, ">") || node_is(c, op, "<=") || node_is(c, op, ">=") ||
                    node_is(c, op, "&&") || node_is(c, op, "||"))) {
            r.ok = true;
            r.lo = 0;
            r.hi = 1;
        } else if (a.ok && b.ok && (node_is(c, op, "+") || node_is(c, op, "-"))) {
            bool plus = node_is(c, op, "+");
            r.ok = true;
            r.lo = plus ? a.lo + b.lo : a.lo - b.hi;
            r.hi = plus ? a.hi + b.hi : a.hi - b.lo;
        }
        return r;
    }
    if (k == K_UNARY) {
        TSNode op = ts_node_child_by_field_id(u, c->l->f_operator);
        if (node_is(c, op, "!")) {
            r.ok = true;
            r.lo = 0;
            r.hi = 1;
        } else if (node_is(c, op, "-")) {
            range a = range_of(Q, ts_node_child_by_field_id(u, c->l->f_argument));
            if (a.ok) {
                r.ok = true;
                r.lo = -a.hi;
                r.hi = -a.lo;
            }
            r.real = a.real;
        }
        return r;
    }
    return r;
}

/* --- what an expression designates ---------------------------------------------------------- */

/* The class a C++ member function belongs to: X of `void X::f() {...}` (ns::X: X), or the class
 * whose body it is written in; NULL for a free function. */
static const char *method_class(cf_ctx *c, TSNode fn)
{
    if (ts_node_is_null(fn) || cf_kind_of(c, fn) != K_FUNC_DEF)
        return NULL;
    TSNode d = ts_node_child_by_field_id(fn, c->l->f_declarator);
    for (int hops = 0; !ts_node_is_null(d) && cf_kind_of(c, d) != K_FUNC_DECL && hops < 4; hops++)
        d = ts_node_child_by_field_id(d, c->l->f_declarator); /* T *X::f(), T &X::f() */
    TSNode id = ts_node_is_null(d) ? d : ts_node_child_by_field_id(d, c->l->f_declarator);
    if (!ts_node_is_null(id) && cf_kind_of(c, id) == K_QUALIFIED) {
        TSNode scope = ts_node_child_by_field_id(id, c->l->f_scope);
        for (int hops = 0; !ts_node_is_null(scope) && cf_kind_of(c, scope) == K_QUALIFIED &&
                           hops < 4; hops++)
            scope = ts_node_child_by_field_id(scope, c->l->f_name); /* a::b::X */
        if (ts_node_is_null(scope))
            return NULL;
        const char *name = cf_text_of(c, scope); /* a namespace_identifier: a plain name */
        for (const char *ch = name; *ch; ch++) {
            if (!isalnum((unsigned char)*ch) && *ch != '_')
                return NULL; /* X<T>: a template's members are not looked up */
        }
        return *name ? name : NULL;
    }
    for (TSNode p = ts_node_parent(fn); !ts_node_is_null(p); p = ts_node_parent(p)) {
        if (cf_kind_of(c, p) == K_CLASS) {
            TSNode name = ts_node_child_by_field_id(p, c->l->f_name);
            return ts_node_is_null(name) ? NULL : cf_text_of(c, name);
        }
        if (cf_kind_of(c, p) == K_FUNC_DEF)
            return NULL; /* a lambda's or a local class's enclosing function */
    }
    return NULL;
}

/* The element type of x[i] for an object x of class type: a standard container's
 * (std::vector<T>, std::array<T, N>, std::deque<T>: T), or Arduino's IPAddress, whose
 * operator[] gives an address byte (uint8_t) unless the project declares its own IPAddress.
 * NULL for any other class. */
static const char *subscript_type(cf_ctx *c, const char *type)
{
    const char *t = type; /* as declared, namespace dropped (front/cdecl.c) */
    if (mm_str_starts(t, "std::"))
        t += 5;
    static const char *const containers[] = {"vector<", "array<", "deque<"};
    for (size_t i = 0; i < MM_ARRAY_LEN(containers); i++) {
        size_t n = strlen(containers[i]);
        if (strncmp(t, containers[i], n) != 0)
            continue;
        const char *a = t + n, *e = a;
        while (*e && *e != ',' && *e != '>' && *e != '<')
            e++;
        while (e > a && e[-1] == ' ')
            e--;
        while (*a == ' ')
            a++;
        if (e == a || (*e != ',' && *e != '>') || memchr(a, '*', (size_t)(e - a)))
            return NULL; /* nested templates and pointers are not followed */
        return mm_arena_strndup(c->f->arena, a, (size_t)(e - a));
    }
    if (!strcmp(type, "IPAddress") && !mm_cdecl_has_type(mm_cdecl_get(c->f), "IPAddress"))
        return "uint8_t";
    return NULL;
}

/* The declaration a name not declared in the function refers to: in a C++ member function, a
 * member of its class (declared in its header) before a global of the same name. */
static const mm_cdecl *scope_decl(q *Q, const char *name, mm_file **where)
{
    cf_ctx *c = Q->c;
    const char *cls = Q->fl ? method_class(c, Q->fl->fn) : NULL;
    const mm_cdecl *m = cls ? member_decl(c, cls, name, where) : NULL;
    return m ? m : global_decl(c, name, where);
}

/* The declared type of an identifier, a member access or an array element (the element's type
 * for x[i]); pointer level and array-ness of the declaration. */
static const char *decl_type_of(q *Q, TSNode n, int *pointer, bool *array, const char **dim,
                                mm_file **where)
{
    cf_ctx *c = Q->c;
    *pointer = 0;
    *array = false;
    *dim = NULL;
    *where = c->f;
    n = cf_unwrap(c, n);
    if (ts_node_is_null(n) || Q->depth > MAX_Q_DEPTH)
        return NULL;
    int k = cf_kind_of(c, n);
    if (k == K_IDENT) {
        const char *name = cf_text_of(c, n);
        const fev *d = local_decl(Q, name);
        if (d) {
            *pointer = d->pointer;
            *array = d->array;
            *dim = ts_node_is_null(d->dim) ? (d->array ? "" : NULL) : cf_text_of(c, d->dim);
            return d->type;
        }
        const mm_cdecl *g = scope_decl(Q, name, where);
        if (g) {
            *pointer = g->pointer;
            *array = g->dim != NULL;
            *dim = g->dim;
            return g->type;
        }
        return NULL;
    }
    if (k == K_SUBSCRIPT) {
        Q->depth++;
        const char *t = decl_type_of(Q, ts_node_child_by_field_id(n, c->l->f_argument), pointer,
                                     array, dim, where);
        Q->depth--;
        if (!t)
            return NULL;
        if (*array) {
            *array = false; /* one dimension is read; more would need the next ones */
            *dim = NULL;
        } else if (*pointer) {
            (*pointer)--;
        } else {
            return subscript_type(c, t);
        }
        return t;
    }
    if (k == K_FIELD_EXPR) {
        TSNode base = ts_node_child_by_field_id(n, c->l->f_argument);
        TSNode fld = ts_node_child_by_field_id(n, c->l->f_field);
        if (ts_node_is_null(fld))
            return NULL;
        int bp;
        bool ba;
        const char *bd;
        mm_file *bw;
        Q->depth++;
        const char *bt = decl_type_of(Q, base, &bp, &ba, &bd, &bw);
        Q->depth--;
        if (!bt || ba)
            return NULL;
        const mm_cdecl *m = member_decl(c, bare_type(c, bt), cf_text_of(c, fld), where);
        if (!m)
            return NULL;
        *pointer = m->pointer;
        *array = m->dim != NULL;
        *dim = m->dim;
        return m->type;
    }
    return NULL;
}

static bool sizeof_hook(void *arg, const char *name, int64_t *bytes)
{
    q *Q = arg;
    cf_ctx *c = Q->c;
    if (Q->depth > MAX_Q_DEPTH)
        return false;
    /* the declaration of `a`, `a.b` or `a->b.c` */
    char part[128];
    const char *p = name;
    size_t n = strcspn(p, ".-");
    if (n >= sizeof part)
        return false;
    memcpy(part, p, n);
    part[n] = 0;
    p += n;
    const char *type = NULL, *dim = NULL;
    int pointer = 0;
    mm_file *where = c->f;
    const fev *d = Q->fl ? local_decl(Q, part) : NULL;
    if (d) {
        type = d->type;
        pointer = d->pointer;
        dim = ts_node_is_null(d->dim) ? (d->array ? "" : NULL) : cf_text_of(c, d->dim);
    } else {
        const mm_cdecl *g = scope_decl(Q, part, &where);
        if (!g)
            return false;
        type = g->type;
        pointer = g->pointer;
        dim = g->dim;
    }
    while (*p) {
        bool arrow = p[0] == '-' && p[1] == '>';
        if (!(arrow || p[0] == '.') || dim || pointer != (arrow ? 1 : 0))
            return false;
        p += arrow ? 2 : 1;
        n = strcspn(p, ".-");
        if (!n || n >= sizeof part)
            return false;
        memcpy(part, p, n);
        part[n] = 0;
        p += n;
        const mm_cdecl *m = member_decl(c, bare_type(c, type), part, &where);
        if (!m)
            return false;
        type = m->type;
        pointer = m->pointer;
        dim = m->dim;
    }
    if (pointer || !dim)
        return false;
    int64_t el = mm_pp_type_size(bare_type(c, type));
    Q->depth++;
    int64_t count = el > 0 ? dim_value(Q, where, dim) : -1;
    Q->depth--;
    if (count <= 0)
        return false;
    *bytes = count * el;
    return true;
}

static mm_len len_of(q *Q, TSNode n, bool *konst);

/* Elements of an array declared with `dim` and element type `type` (initializer: a literal). */
static mm_len array_cap(q *Q, const char *type, const char *name, const char *dim, mm_file *f,
                        TSNode init)
{
    cf_ctx *c = Q->c;
    int64_t v = dim && dim[0] ? dim_value(Q, f, dim) : -1;
    if (v < 0 && dim && !dim[0] && !ts_node_is_null(init) && is_literal(c, init)) {
        bool k;
        mm_len l = len_of(Q, init, &k);
        if (numeric(&l))
            v = l.k + 1;
    }
    if (v <= 0)
        return unknown_len();
    if (f != c->f)
        c->f->tree_dependent = true;
    return num_len(v, mm_arena_printf(c->f->arena, "%s %s[%s]", bare_type(c, type), name,
                                      dim && dim[0] ? dim : mm_arena_printf(c->f->arena, "%lld",
                                                                            (long long)v)));
}

static bool allocator_macro(q *Q, const mm_ppmacro *m, int *size_arg, int *count_arg);

/* Is `callee` (or the macro it is) an allocator; *size_arg, *count_arg its size arguments. */
static bool allocator(q *Q, const char *callee, int *size_arg, int *count_arg)
{
    static const struct {
        const char *name;
        int size, count;
    } tab[] = {
        {"malloc", 0, -1},        {"alloca", 0, -1},         {"__builtin_alloca", 0, -1},
        {"_alloca", 0, -1},       {"calloc", 1, 0},          {"realloc", 1, -1},
        {"pvPortMalloc", 0, -1},  {"os_malloc", 0, -1},      {"os_zalloc", 0, -1},
        {"heap_caps_malloc", 0, -1}, {"heap_caps_calloc", 1, 0}, {"heap_caps_realloc", 1, -1},
        {"heap_caps_malloc_prefer", 0, -1}, {"k_malloc", 0, -1}, {"k_calloc", 1, 0},
        {"kmalloc", 0, -1},       {"kzalloc", 0, -1},        {"vmalloc", 0, -1},
        {"zalloc", 0, -1},        {"rt_malloc", 0, -1},      {"mem_malloc", 0, -1},
        {"mem_calloc", 1, 0},     {"lv_mem_alloc", 0, -1},   {"os_calloc", 1, 0},
        {"esp_malloc", 0, -1},    {"ps_malloc", 0, -1},      {"g_malloc", 0, -1},
        {"xmalloc", 0, -1},       {"zmalloc", 0, -1},        {"mp_malloc", 0, -1},
    };
    if (!callee)
        return false;
    for (size_t i = 0; i < MM_ARRAY_LEN(tab); i++) {
        if (!strcmp(callee, tab[i].name)) {
            *size_arg = tab[i].size;
            *count_arg = tab[i].count;
            return true;
        }
    }
    /* a macro standing for one: #define ALLOCA alloca, #define MEM_ALLOC(s) heap_caps_malloc(s, X) */
    if (Q->depth > 2)
        return false;
    uint32_t nm = 0;
    const mm_ppmacro *const *ms = mm_pp_lookup(Q->c->f, callee, strlen(callee), &nm);
    if (!ms || !nm)
        return false;
    /* several definitions (#if branches): every one must be an allocator, the same way */
    int sa0 = -2, ca0 = -2;
    for (uint32_t i = 0; i < nm; i++) {
        int sa1, ca1;
        if (!allocator_macro(Q, ms[i], &sa1, &ca1))
            return false;
        if (sa0 != -2 && (sa1 != sa0 || ca1 != ca0))
            return false;
        sa0 = sa1;
        ca0 = ca1;
    }
    *size_arg = sa0;
    *count_arg = ca0;
    return true;
}

/* A macro that stands for an allocator: #define ALLOCA alloca, #define MEM_ALLOC(s)
 * heap_caps_malloc(s, X). */
static bool allocator_macro(q *Q, const mm_ppmacro *m, int *size_arg, int *count_arg)
{
    if (m->nbody < 1 || m->body[0].kind != 'i')
        return false;
    char inner[64];
    if (m->body[0].len >= sizeof inner)
        return false;
    memcpy(inner, m->src + m->body[0].start, m->body[0].len);
    inner[m->body[0].len] = 0;
    int sa, ca;
    Q->depth++;
    bool ok = allocator(Q, inner, &sa, &ca);
    Q->depth--;
    if (!ok)
        return false;
    if (m->nparams < 0) {
        *size_arg = sa;
        *count_arg = ca;
        return true;
    }
    /* function-like: the body's size argument must be one of the macro's parameters */
    if (m->nbody < 3 || m->body[1].kind != 'p' || m->src[m->body[1].start] != '(')
        return false;
    int argi = 0, depth = 0;
    for (uint32_t b = 2; b < m->nbody; b++) {
        const mm_ctok *t = &m->body[b];
        if (t->kind == 'p' && (m->src[t->start] == '(' || m->src[t->start] == '['))
            depth++;
        else if (t->kind == 'p' && (m->src[t->start] == ')' || m->src[t->start] == ']'))
            depth--;
        if (depth < 0)
            break;
        if (!depth && t->kind == 'p' && m->src[t->start] == ',') {
            argi++;
            continue;
        }
        if (argi == sa && t->kind == 'i' && ca < 0) {
            for (int p = 0; p < m->nparams; p++) {
                if (strlen(m->params[p]) == t->len && !memcmp(m->src + t->start, m->params[p], t->len)) {
                    *size_arg = p;
                    *count_arg = -1;
                    return true;
                }
            }
        }
    }
    return false;
}

/* A size expression as elements of `elem` bytes each: constants, strlen() terms, sums,
 * `N * sizeof(T)`. */
static mm_len size_expr(q *Q, TSNode n, int64_t elem, const char *elem_type)
{
    cf_ctx *c = Q->c;
    n = cf_unwrap(c, n);
    if (ts_node_is_null(n) || Q->depth > MAX_Q_DEPTH)
        return unknown_len();
    const char *text = cf_text_of(c, n);
    int64_t v;
    if (const_expr(Q, n, &v)) {
        if (elem == 1)
            return num_len(v, NULL);
        return unknown_len();
    }
    int k = cf_kind_of(c, n);
    if (k == K_IDENT && Q->fl) {
        /* a variable: the value it was last given before the call (size_t len = strlen(s) + 1) */
        const fev *last = NULL;
        for (size_t i = 0; i < Q->fl->ev.n; i++) {
            const fev *e = &Q->fl->ev.v[i];
            if ((e->kind == EV_ASSIGN || e->kind == EV_DECL || e->kind == EV_MODIFY) &&
                e->off < Q->at && !strcmp(e->name, text))
                last = e;
        }
        if (!last || last->kind == EV_MODIFY || ts_node_is_null(last->value) ||
            (last->loop_e && !(last->loop_s <= Q->at && Q->at < last->loop_e)))
            return unknown_len();
        Q->depth++;
        mm_len l = size_expr(Q, last->value, elem, elem_type);
        Q->depth--;
        return l;
    }
    if (k == K_CALL) {
        const char *callee = callee_name(c, n);
        if (callee && (!strcmp(callee, "strlen") || !strcmp(callee, "wcslen")) && elem > 0) {
            TSNode a = arg_node(c, n, 0);
            if (ts_node_is_null(a))
                return unknown_len();
            bool konst;
            Q->depth++;
            mm_len l = len_of(Q, a, &konst);
            Q->depth--;
            if (numeric(&l))
                return l;
            return term_len(c, cf_text_of(c, cf_unwrap(c, a)), 0);
        }
        /* vsnprintf(NULL, 0, fmt, va): the length the same format writes (the measure before
         * an allocation: malloc(vsnprintf(NULL, 0, fmt, va) + 1), then vsprintf(buf, fmt, va)) */
        uint32_t na = nargs(c, n);
        if (callee && (!strcmp(callee, "vsnprintf") || !strcmp(callee, "snprintf")) && na >= 3 &&
            elem == 1) {
            TSNode a0 = cf_unwrap(c, arg_node(c, n, 0)), a1 = cf_unwrap(c, arg_node(c, n, 1));
            bool null0 = !ts_node_is_null(a0) && (cf_kind_of(c, a0) == K_NULL ||
                                                  node_is(c, a0, "NULL") || node_is(c, a0, "0"));
            if (null0 && node_is(c, a1, "0") && na - 3 <= 16) {
                const char *rest[16];
                for (uint32_t i = 3; i < na; i++)
                    rest[i - 3] = cf_text_of(c, arg_node(c, n, i));
                return term_len(c, mm_c_printf_term(c->f->arena,
                                                    cf_text_of(c, arg_node(c, n, 2)), rest,
                                                    na - 3),
                                0);
            }
        }
        return unknown_len();
    }
    if (k == K_BINARY) {
        TSNode op = ts_node_child_by_field_id(n, c->l->f_operator);
        TSNode l = ts_node_child_by_field_id(n, c->l->f_left);
        TSNode r = ts_node_child_by_field_id(n, c->l->f_right);
        if (node_is(c, op, "+")) {
            Q->depth++;
            mm_len a = size_expr(Q, l, elem, elem_type), b = size_expr(Q, r, elem, elem_type);
            Q->depth--;
            return len_add(c, a, b);
        }
        if (node_is(c, op, "-")) {
            Q->depth++;
            mm_len a = size_expr(Q, l, elem, elem_type), b = size_expr(Q, r, elem, elem_type);
            Q->depth--;
            if (!a.known || !numeric(&b))
                return unknown_len();
            a.k -= b.k;
            return a;
        }
        if (node_is(c, op, "*")) {
            /* N * sizeof(T): N elements of T */
            for (int side = 0; side < 2; side++) {
                TSNode s = cf_unwrap(c, side ? l : r), o = side ? r : l;
                if (cf_kind_of(c, s) != K_SIZEOF)
                    continue;
                TSNode t = ts_node_child_by_field_id(s, c->l->f_type);
                if (ts_node_is_null(t)) /* sizeof(wchar_t): a name the grammar takes for a value */
                    t = cf_unwrap(c, ts_node_child_by_field_id(s, c->l->f_value));
                if (ts_node_is_null(t))
                    continue;
                const char *tt = cf_text_of(c, t);
                int64_t sz = mm_pp_type_size(bare_type(c, tt));
                bool same = elem_type && !strcmp(bare_type(c, tt), bare_type(c, elem_type));
                if (same || (sz > 0 && sz == elem)) {
                    Q->depth++;
                    mm_len el = size_expr(Q, o, 1, NULL);
                    Q->depth--;
                    return el;
                }
            }
        }
    }
    return unknown_len();
}

/* The room a pointer local has: what every assignment before the call points it at. */
static mm_len pointer_cap(q *Q, const char *name, const fev *decl)
{
    cf_ctx *c = Q->c;
    mm_len best = unknown_len();
    bool any = false;
    int64_t elem = mm_pp_type_size(bare_type(c, decl->type));
    const char *elem_type = decl->type;
    for (size_t i = 0; i < Q->fl->ev.n; i++) {
        const fev *e = &Q->fl->ev.v[i];
        if (strcmp(e->name, name) != 0)
            continue;
        if (e->kind == EV_MODIFY && !e->nul && !e->at_zero && e->loop_e == 0 && e->off < Q->at) {
            /* p++ or p += n moved it: unless it is a store through it */
            return unknown_len();
        }
        if (!(e->kind == EV_ASSIGN || (e->kind == EV_DECL && e->off == decl->off)) ||
            !before(Q, e))
            continue;
        if (e->kind == EV_DECL && ts_node_is_null(e->value))
            continue;
        TSNode v = cf_unwrap(c, e->value);
        if (is_null_value(c, v))
            continue;
        mm_len here = unknown_len();
        int vk = cf_kind_of(c, v);
        if (vk == K_IDENT && Q->depth < MAX_Q_DEPTH) {
            const char *y = cf_text_of(c, v);
            if (strcmp(y, name) != 0) {
                const fev *yd = local_decl(Q, y);
                Q->depth++;
                if (yd && yd->array) {
                    here = array_cap(Q, yd->type, y, ts_node_is_null(yd->dim) ? "" : cf_text_of(c, yd->dim),
                                     c->f, yd->value);
                } else if (yd && yd->pointer && !yd->param) {
                    here = pointer_cap(Q, y, yd);
                } else if (!yd) {
                    mm_file *w;
                    const mm_cdecl *g = scope_decl(Q, y, &w);
                    if (g && g->dim && !g->pointer) {
                        TSNode none = {0};
                        here = array_cap(Q, g->type, y, g->dim, w, none);
                    }
                }
                Q->depth--;
            }
        } else if (vk == K_CALL) {
            const char *callee = callee_name(c, v);
            int sa, ca;
            bool alloc = allocator(Q, callee, &sa, &ca);
            if (alloc && ca < 0) {
                TSNode sz = arg_node(c, v, sa);
                Q->depth++;
                here = size_expr(Q, sz, elem > 0 ? elem : 1, elem_type);
                Q->depth--;
                if (elem != 1 && !here.known)
                    here = unknown_len();
                if (here.known)
                    here.why = mm_arena_printf(c->f->arena, "%s(%s)", callee, cf_text_of(c, sz));
            } else if (alloc) {
                /* calloc(count, size): both numbers */
                TSNode cn = arg_node(c, v, ca), sz = arg_node(c, v, sa);
                Q->depth++;
                mm_len nc = size_expr(Q, cn, 1, NULL), ns = size_expr(Q, sz, 1, NULL);
                Q->depth--;
                int64_t el = elem > 0 ? elem : 1;
                if (numeric(&nc) && numeric(&ns) && nc.k > 0 && ns.k > 0 &&
                    nc.k <= INT32_MAX / ns.k)
                    here = num_len(nc.k * ns.k / el,
                                   mm_arena_printf(c->f->arena, "%s(%s, %s)", callee,
                                                   cf_text_of(c, cn), cf_text_of(c, sz)));
            }
        } else if (vk == K_NEW) {
            /* new char[N] */
            const char *t = cf_text_of(c, v);
            const char *lb = strchr(t, '['), *rb = strrchr(t, ']');
            int64_t nv;
            if (lb && rb && rb > lb && elem == 1 &&
                mm_pp_int(c->f, lb + 1, (size_t)(rb - lb - 1), sizeof_hook, Q, &nv) && nv > 0)
                here = num_len(nv, t);
        }
        if (!here.known)
            return unknown_len();
        if (!any) {
            best = here;
            any = true;
        } else if (numeric(&best) && numeric(&here)) {
            if (here.k < best.k)
                best = here;
        } else if (!(same_terms(&best, &here) && best.k == here.k)) {
            return unknown_len();
        }
    }
    return any ? best : unknown_len();
}

/* The last plain assignment to `name` before the call, in a block that holds the call (so it
 * runs on every way to the call) and not in a loop the call is outside of. */
static const fev *enclosing_assign(const q *Q, const char *name)
{
    const fev *found = NULL;
    for (size_t i = 0; i < Q->fl->ev.n; i++) {
        const fev *e = &Q->fl->ev.v[i];
        if (e->kind != EV_ASSIGN || e->lvalue || e->off >= Q->at || strcmp(e->name, name) != 0)
            continue;
        if (e->block_s <= Q->at && Q->at < e->block_e)
            found = e;
    }
    return found;
}

/* A local pointer declared with the value of a call without arguments (`const char *name =
 * CFG_GetDeviceName();`) and never assigned, changed or taken the address of in the function:
 * that call, else a null node. */
static TSNode single_call_value(const q *Q, const char *name, const fev *decl)
{
    cf_ctx *c = Q->c;
    TSNode none = {0};
    if (!decl->pointer || decl->array)
        return none;
    /* declared with the call, or declared bare and given it by its one assignment before the
     * call (const char *a, *b; ... b = CFG_GetMQTTClientId();) */
    const fev *only = NULL;
    if (ts_node_is_null(decl->value)) {
        for (size_t i = 0; i < Q->fl->ev.n; i++) {
            const fev *e = &Q->fl->ev.v[i];
            if (e->kind == EV_ASSIGN && e != decl && !strcmp(e->name, name) && !only &&
                e->off < Q->at && !ts_node_is_null(e->value))
                only = e;
        }
        if (!only)
            return none;
    }
    TSNode v = cf_unwrap(c, only ? only->value : decl->value);
    if (cf_kind_of(c, v) != K_CALL || nargs(c, v) != 0 || !callee_name(c, v))
        return none;
    for (size_t i = 0; i < Q->fl->ev.n; i++) {
        const fev *e = &Q->fl->ev.v[i];
        if (strcmp(e->name, name) != 0 || e == decl || e == only)
            continue;
        if (e->kind == EV_ASSIGN || e->kind == EV_MODIFY || e->kind == EV_DECL ||
            (e->kind == EV_ARG && e->form == F_ADDR))
            return none;
    }
    return v;
}

/* Is d the buffer of a Linux sysfs show callback — (struct kobject|device|... *, struct
 * <x>_attribute *, char *buf), its three parameters? The kernel hands it one page
 * (Documentation/filesystems/sysfs.rst: "the buffer is always PAGE_SIZE bytes"), at least 4096
 * bytes on every architecture. */
static bool sysfs_show_buf(const q *Q, const fev *d)
{
    if (!Q->fl || !d->param || d->pointer != 1 || d->array || !d->type ||
        strcmp(d->type, "char") != 0)
        return false;
    const fev *params[4];
    size_t np = 0;
    for (size_t i = 0; i < Q->fl->ev.n && np < 4; i++) {
        const fev *e = &Q->fl->ev.v[i];
        if (e->kind == EV_DECL && e->param)
            params[np++] = e;
    }
    if (np != 3 || params[2] != d || params[0]->pointer != 1 || params[1]->pointer != 1)
        return false;
    const char *t = params[1]->type;
    size_t tl = t ? strlen(t) : 0;
    return tl > 10 && !strcmp(t + tl - 10, "_attribute") && !strncmp(t, "struct ", 7);
}

/* The room an argument has. */
static mm_len cap_of(q *Q, TSNode n);

/* buf + n where n is no constant: the room of buf less n, when buf's room was sized with n's
 * terms (buf = malloc(ln + cmd_len), then buf + cmd_len has room ln). */
static mm_len symbolic_offset(q *Q, TSNode n)
{
    cf_ctx *c = Q->c;
    TSNode r = ts_node_child_by_field_id(n, c->l->f_right);
    Q->depth++;
    mm_len off = size_expr(Q, r, 1, NULL);
    mm_len base = off.known && off.nterms ? cap_of(Q, ts_node_child_by_field_id(n, c->l->f_left))
                                          : unknown_len();
    Q->depth--;
    mm_len out = len_minus(c, base, off);
    if (!out.known || (!out.nterms && out.k <= 0))
        return unknown_len();
    out.why = mm_arena_printf(c->f->arena, "%s, %s in", base.why ? base.why : "",
                              cf_text_of(c, r));
    return out;
}

static mm_len cap_of(q *Q, TSNode n)
{
    cf_ctx *c = Q->c;
    n = cf_unwrap(c, n);
    if (ts_node_is_null(n) || Q->depth > MAX_Q_DEPTH)
        return unknown_len();
    int k = cf_kind_of(c, n);
    if (k == K_IDENT) {
        const char *name = cf_text_of(c, n);
        const fev *d = local_decl(Q, name);
        if (d) {
            if (d->array)
                return array_cap(Q, d->type, name, ts_node_is_null(d->dim) ? "" : cf_text_of(c, d->dim),
                                 c->f, d->value);
            if (d->pointer && !d->param)
                return pointer_cap(Q, name, d);
            if (sysfs_show_buf(Q, d))
                return num_len(4096, _("the sysfs show buffer (PAGE_SIZE, at least 4096)"));
            return unknown_len();
        }
        mm_file *w;
        const mm_cdecl *g = scope_decl(Q, name, &w);
        if (g && g->dim && !g->pointer) {
            TSNode none = {0};
            return array_cap(Q, g->type, name, g->dim, w, none);
        }
        /* a global pointer, or (C++) a member named without this->, that this function pointed
         * at an allocation in a block around the call: what it points at there */
        const fev *set = Q->fl && (!g || (g->pointer == 1 && !g->dim)) ? enclosing_assign(Q, name)
                                                                      : NULL;
        if (set) {
            fev as_decl = *set;
            as_decl.type = g ? g->type : "char";
            as_decl.pointer = 1;
            return pointer_cap(Q, name, &as_decl);
        }
        return unknown_len();
    }
    if (k == K_FIELD_EXPR || k == K_SUBSCRIPT || k == K_POINTER_EXPR) {
        /* a member or *p this function stored an allocation in */
        if (k != K_SUBSCRIPT && Q->fl) {
            const char *text = cf_text_of(c, n);
            for (size_t i = 0; i < Q->fl->ev.n; i++) {
                const fev *e = &Q->fl->ev.v[i];
                if (e->lvalue && e->off < Q->at && !strcmp(e->name, text)) {
                    fev as_decl = *e;
                    as_decl.type = "char";
                    as_decl.pointer = 1;
                    return pointer_cap(Q, text, &as_decl);
                }
            }
        }
        int pointer;
        bool array;
        const char *dim;
        mm_file *where;
        const char *t = k == K_POINTER_EXPR ? NULL
                                            : decl_type_of(Q, n, &pointer, &array, &dim, &where);
        if (t && array && !pointer) {
            TSNode none = {0};
            return array_cap(Q, t, cf_text_of(c, n), dim, where, none);
        }
        return unknown_len();
    }
    if (k == K_BINARY) {
        /* buf + n */
        TSNode op = ts_node_child_by_field_id(n, c->l->f_operator);
        if (!node_is(c, op, "+"))
            return unknown_len();
        TSNode r = ts_node_child_by_field_id(n, c->l->f_right);
        int64_t off;
        if (!const_expr(Q, r, &off) || off < 0)
            return symbolic_offset(Q, n);
        Q->depth++;
        mm_len base = cap_of(Q, ts_node_child_by_field_id(n, c->l->f_left));
        Q->depth--;
        if (!numeric(&base) || off >= base.k)
            return unknown_len();
        base.k -= off;
        base.why = mm_arena_printf(c->f->arena, "%s, %lld in", base.why ? base.why : "",
                                   (long long)off);
        return base;
    }
    return unknown_len();
}

/* --- program text (konst) and string lengths ---------------------------------------------------- */

static bool read_only_arg(const char *callee, int idx)
{
    static const char *const ro[] = {
        "strlen", "strnlen", "strcmp", "strncmp", "strcasecmp", "strncasecmp", "strchr", "strrchr",
        "strstr", "strcasestr", "strspn", "strcspn", "strpbrk", "atoi", "atol", "atoll", "atof",
        "strtol", "strtoul", "strtoll", "strtoull", "strtod", "strtof", "printf", "puts", "putchar",
        "memcmp", "strdup", "strndup", "wcslen", "wcscmp", "wprintf", "free", "perror", "fputs",
        "system", "popen", "execl", "execlp", "execv", "execvp", "syslog", "vprintf", "fprintf",
        "dprintf", "vfprintf", "fopen", "open", "unlink", "remove", "stat", "access", "opendir",
        "mkdir", "rmdir", "getenv", "setenv", "inet_addr", "inet_aton", "strcoll", NULL};
    if (!callee)
        return false;
    for (const char *const *r = ro; *r; r++) {
        if (!strcmp(callee, *r))
            return true;
    }
    /* the sources of copies and formats */
    static const char *const src1[] = {"strcpy", "strcat", "stpcpy", "wcscpy", "wcscat", "strncpy",
                                       "strncat", "strlcpy", "strlcat", "memcpy", "memmove",
                                       "sprintf", "vsprintf", NULL};
    for (const char *const *r = src1; *r; r++) {
        if (!strcmp(callee, *r))
            return idx >= 1;
    }
    if (!strcmp(callee, "snprintf") || !strcmp(callee, "vsnprintf"))
        return idx >= 2;
    return false;
}

/* The copies that write their first argument: 'r' replaces its text, 'a' appends to it. */
static char copy_kind(const char *callee)
{
    static const char *const resets[] = {"strcpy", "wcscpy", "stpcpy", "strncpy", "wcsncpy",
                                         "strlcpy", NULL};
    static const char *const appends[] = {"strcat", "wcscat", "strncat", "wcsncat", "strlcat",
                                          NULL};
    if (!callee)
        return 0;
    for (const char *const *r = resets; *r; r++) {
        if (!strcmp(callee, *r))
            return 'r';
    }
    for (const char *const *r = appends; *r; r++) {
        if (!strcmp(callee, *r))
            return 'a';
    }
    return 0;
}

static bool in_set(const char **set, uint32_t n, const char *name)
{
    for (uint32_t i = 0; i < n; i++) {
        if (!strcmp(set[i], name))
            return true;
    }
    return false;
}

/* Does the call of event e only read its argument: a function that only reads that argument,
 * through a macro that stands for it, or a printf-like wrapper of the file (it reads its
 * format and its other arguments)? */
static bool reads_only(cf_ctx *c, const fev *e)
{
    const char *callee = cf_callee_target(c, e->callee);
    if (read_only_arg(callee, e->index))
        return true;
    for (uint32_t i = 0; e->callee && i < c->facts->nforwards; i++) {
        if (!strcmp(c->facts->forwards[i].func, e->callee))
            return true;
    }
    return false;
}

/* Is v program text (*len its longest length, -1 when not known): a literal, a macro of
 * literals, F("..."), a constant, another buffer of the set (then 0: its own text counts where
 * it is written)? */
static bool konst_value(q *Q, TSNode v, const char **set, uint32_t ns, int64_t *len)
{
    cf_ctx *c = Q->c;
    v = cf_unwrap(c, v);
    if (ts_node_is_null(v))
        return false;
    const char *y = plain_ident(c, v);
    if (y && in_set(set, ns, y)) {
        *len = 0;
        return true;
    }
    bool k = false;
    Q->depth++;
    mm_len l = len_of(Q, v, &k);
    Q->depth--;
    if (!k)
        return false;
    *len = numeric(&l) ? l.k : -1;
    return true;
}

/* The locals that alias the buffer `name`: p = buf, char *q = p, and back. */
static uint32_t alias_set(q *Q, const char *name, const char **set, uint32_t cap)
{
    cf_ctx *c = Q->c;
    uint32_t n = 0;
    set[n++] = name;
    for (int round = 0; round < 4; round++) {
        uint32_t before_n = n;
        for (size_t i = 0; i < Q->fl->ev.n && n < cap; i++) {
            const fev *e = &Q->fl->ev.v[i];
            if (e->kind != EV_ASSIGN && e->kind != EV_DECL)
                continue;
            const char *y = ts_node_is_null(e->value) ? NULL : plain_ident(c, e->value);
            if (!y)
                continue;
            bool has_e = in_set(set, n, e->name), has_y = in_set(set, n, y);
            if (has_e && !has_y && local_decl(Q, y))
                set[n++] = y;
            else if (has_y && !has_e)
                set[n++] = e->name;
        }
        if (n == before_n)
            break;
    }
    return n;
}

/* Is the local buffer `name` (with its aliases) filled only with program text before the call?
 * *maxlen: the longest text it can then hold. */
static bool local_konst(q *Q, const char *name, int64_t *maxlen)
{
    cf_ctx *c = Q->c;
    const char *set[16];
    uint32_t ns = alias_set(Q, name, set, 16);
    int64_t reset = 0, appended = 0;
    bool any_text = false, unbounded = false;
    for (size_t i = 0; i < Q->fl->ev.n; i++) {
        const fev *e = &Q->fl->ev.v[i];
        if (!in_set(set, ns, e->name))
            continue;
        switch (e->kind) {
        case EV_DECL:
            if (e->param || (e->is_static && !e->array))
                return false;
            if (!local_decl(Q, e->name) && e->off < Q->at)
                break;
            if (!ts_node_is_null(e->value)) {
                TSNode v = cf_unwrap(c, e->value);
                int64_t vl;
                if (konst_value(Q, v, set, ns, &vl)) {
                    if (vl < 0)
                        unbounded = true;
                    else if (vl > reset)
                        reset = vl;
                    any_text = true;
                } else if (cf_kind_of(c, v) == K_INIT_LIST) {
                    /* {0}, { '\0' } */
                    uint32_t cnt = ts_node_named_child_count(v);
                    for (uint32_t k = 0; k < cnt; k++) {
                        TSNode m = ts_node_named_child(v, k);
                        if (!ts_node_is_extra(m) && !is_nul_char(c, m))
                            return false;
                    }
                } else if (!is_null_value(c, v) && !(plain_ident(c, v) &&
                                                     in_set(set, ns, plain_ident(c, v)))) {
                    return false;
                }
            } else if (e->pointer && !e->array) {
                /* a pointer declared without a value: it must be pointed at the buffer later */
            }
            break;
        case EV_ASSIGN: {
            TSNode v = cf_unwrap(c, e->value);
            const char *y = plain_ident(c, v);
            int64_t vl;
            if (y && in_set(set, ns, y)) {
                /* another name of the buffer */
            } else if (konst_value(Q, v, set, ns, &vl)) {
                if (vl < 0)
                    unbounded = true;
                else if (vl > reset)
                    reset = vl;
                any_text = true;
            } else if (!is_null_value(c, v)) {
                return false;
            }
            break;
        }
        case EV_MODIFY:
            if (!e->nul)
                return false;
            break;
        case EV_ARG: {
            if (sb(e->call) == sb(Q->call) && eb(e->call) == eb(Q->call)) {
                /* the call being judged: appending in a loop, it is the loop that decides how
                 * much text the buffer holds, not the program */
                if (e->index == 0 && e->loop_e && copy_kind(cf_callee_target(c, e->callee)) == 'a')
                    return false;
                break;
            }
            if (!before(Q, e))
                break; /* after it, and no loop brings it back */
            if (reads_only(c, e))
                break;
            char ck = copy_kind(cf_callee_target(c, e->callee));
            if (ck && e->index == 0 && e->form == F_PLAIN) {
                TSNode src = arg_node(c, e->call, 1);
                int64_t vl;
                if (!konst_value(Q, src, set, ns, &vl))
                    return false;
                if (vl < 0)
                    unbounded = true;
                else if (ck == 'r' && vl > reset)
                    reset = vl;
                else if (ck == 'a')
                    appended += vl;
                any_text = true;
                break;
            }
            if (e->callee && !strcmp(e->callee, "memset") && e->index == 0)
                break; /* cleared */
            return false;
        }
        default:
            break;
        }
    }
    if (!any_text)
        return false; /* never given any text here: what it holds is not the function's */
    *maxlen = unbounded ? -1 : reset + appended;
    return true;
}

/* A file-scope variable that holds program text: `const char x[] = "..."`, `static constexpr
 * char fmt[] = "%d"`, or a pointer initialised with a literal that nothing else assigns. */
static bool global_konst(cf_ctx *c, const char *name, const mm_cdecl *g, int64_t *maxlen)
{
    if (!g || !g->init)
        return false;
    if (!g->is_const) {
        /* a pointer or array nobody assigns again in this file */
        if (!g->is_static || g->dim)
            return false;
        const mm_clex *x = mm_clex_toks(c->f);
        size_t nl = strlen(name);
        for (uint32_t i = 0; i + 1 < x->n; i++) {
            const mm_ctok *t = &x->toks[i];
            if (t->kind != 'i' || t->len != nl || memcmp(x->src + t->start, name, nl) != 0 ||
                t->start == g->off)
                continue;
            const mm_ctok *nx = &x->toks[i + 1];
            if (nx->kind == 'p' && nx->len == 1 && x->src[nx->start] == '=')
                return false;
            if (i && x->toks[i - 1].kind == 'p' && x->src[x->toks[i - 1].start] == '&')
                return false;
        }
    }
    *maxlen = g->init_exact ? (int64_t)g->init_len : -1;
    return true;
}

static void apply_bounds(q *Q, mm_len *l)
{
    if (!l->known || !l->nterms)
        return;
    for (uint32_t i = 0; i < Q->nbounds; i++) {
        const mm_len *b = &Q->bounds[i];
        if (same_terms(b, l)) {
            *l = num_len(b->k + l->k, mm_arena_printf(Q->c->f->arena, _("checked before: %s"),
                                                       b->why ? b->why : "a length check"));
            return;
        }
    }
}

/* Is every declaration of `name` outside functions a constant initialised with literals
 * (`static constexpr char Format[] = "%d";`, once per specialisation)? *maxlen: the longest. */
static bool const_member(cf_ctx *c, const char *name, int64_t *maxlen)
{
    uint32_t n = 0;
    const mm_cdecl *ds = mm_cdecl_all(mm_cdecl_get(c->f), &n);
    bool any = false;
    *maxlen = 0;
    for (uint32_t i = 0; i < n; i++) {
        const mm_cdecl *d = &ds[i];
        if (d->function || strcmp(d->name, name) != 0 || (d->scope && !strcmp(d->scope, "typedef")))
            continue;
        if (!d->is_const)
            return false;
        if (!d->init)
            continue; /* `constexpr char X<int>::Format[];`: the member defined again, no value */
        any = true;
        if (!d->init_exact)
            *maxlen = -1;
        else if (*maxlen >= 0 && (int64_t)d->init_len > *maxlen)
            *maxlen = (int64_t)d->init_len;
    }
    return any;
}

/* Does the macro `name` stand for literals in every definition that may apply (the file's,
 * else a header's)? *maxlen: the longest, -1 when some piece is not known. */
static bool macro_text(q *Q, const char *name, int64_t *maxlen)
{
    cf_ctx *c = Q->c;
    uint32_t nm = 0;
    const mm_ppmacro *const *ms = mm_pp_lookup(c->f, name, strlen(name), &nm);
    if (!ms || !nm)
        return false;
    *maxlen = 0;
    for (uint32_t i = 0; i < nm; i++) {
        const mm_ppmacro *m = ms[i];
        if (m->undef || m->nparams >= 0 || !m->nbody)
            return false;
        mm_buf v = {0};
        bool exact = true;
        for (uint32_t k = 0; k < m->nbody; k++) {
            const mm_ctok *t = &m->body[k];
            bool lit = t->kind == 's' && m->src[t->start + t->len - 1] == '"';
            bool paren = t->kind == 'p' && (m->src[t->start] == '(' || m->src[t->start] == ')');
            if (lit) {
                mm_c_string_decode(m->src + t->start, t->len, &v);
            } else if (t->kind == 'i' && Q->depth < MAX_Q_DEPTH) {
                char inner[128];
                int64_t il;
                if (t->len >= sizeof inner) {
                    mm_buf_free(&v);
                    return false;
                }
                memcpy(inner, m->src + t->start, t->len);
                inner[t->len] = 0;
                Q->depth++;
                bool ok = strcmp(inner, name) != 0 && macro_text(Q, inner, &il);
                Q->depth--;
                if (!ok) {
                    mm_buf_free(&v);
                    return false;
                }
                if (il < 0)
                    exact = false;
                else
                    for (int64_t z = 0; z < il; z++)
                        mm_buf_putc(&v, 'x');
            } else if (!paren) {
                mm_buf_free(&v);
                return false;
            }
        }
        if (!exact)
            *maxlen = -1;
        else if (*maxlen >= 0 && (int64_t)v.len > *maxlen)
            *maxlen = (int64_t)v.len;
        mm_buf_free(&v);
    }
    if (ms[0]->file != c->f->path)
        c->f->tree_dependent = true;
    return true;
}

/* The longest string an expression holds (known, or strlen() of itself), and whether it is
 * program text. */
static mm_len len_of(q *Q, TSNode n, bool *konst)
{
    cf_ctx *c = Q->c;
    *konst = false;
    n = cf_unwrap(c, n);
    if (ts_node_is_null(n))
        return unknown_len();
    const char *text = cf_text_of(c, n);
    if (Q->depth > MAX_Q_DEPTH)
        return term_len(c, text, 0);
    int k = cf_kind_of(c, n);
    if (k == K_STRING || k == K_RAW_STRING || k == K_CONCAT) {
        *konst = true;
        mm_buf v = {0};
        bool exact;
        mm_span first;
        bool ok = cf_string_value(c, n, &v, &exact, &first, MM_STR_GAP);
        mm_len l = unknown_len();
        int64_t extra = 0;
        if (ok && !exact && k == K_CONCAT && Q->size) {
            /* literals joined with macros: each macro's longest text */
            exact = true;
            uint32_t cnt = ts_node_named_child_count(n);
            for (uint32_t i = 0; i < cnt && exact; i++) {
                TSNode part = ts_node_named_child(n, i);
                if (cf_kind_of(c, part) != K_IDENT)
                    continue;
                int64_t ml;
                if (!macro_text(Q, cf_text_of(c, part), &ml) || ml < 0)
                    exact = false;
                else
                    extra += ml;
            }
            if (exact) {
                /* the gaps stood for the macros: take them out */
                size_t kept = 0;
                for (size_t i = 0; i < v.len; i++)
                    kept += v.data[i] != MM_STR_GAP;
                extra -= (int64_t)(v.len - kept);
            }
        }
        if (ok && exact) {
            /* wide and UTF-16/32 literals count characters, as their arrays do */
            bool wide = text[0] == 'L' || text[0] == 'U' || (text[0] == 'u' && text[1] != '8');
            int64_t chars = (int64_t)v.len + extra;
            if (wide) {
                chars = 0;
                for (size_t i = 0; i < v.len; i++)
                    chars += ((unsigned char)v.data[i] & 0xC0) != 0x80;
            }
            l = num_len(chars, mm_arena_printf(c->f->arena, _("a %lld-char literal"), (long long)chars));
        }
        mm_buf_free(&v);
        return l;
    }
    if (k == K_CONDITIONAL) {
        bool ka, kb;
        Q->depth++;
        mm_len a = len_of(Q, ts_node_child_by_field_id(n, c->l->f_consequence), &ka);
        mm_len b = len_of(Q, ts_node_child_by_field_id(n, c->l->f_alternative), &kb);
        Q->depth--;
        *konst = ka && kb;
        if (numeric(&a) && numeric(&b))
            return a.k >= b.k ? a : b;
        return term_len(c, text, 0);
    }
    if (k == K_CALL) {
        const char *callee = callee_name(c, n);
        TSNode a0 = arg_node(c, n, 0);
        /* a literal in a marker macro: F("..."), PSTR("..."), _("..."), gettext("...") */
        if (nargs(c, n) == 1 && is_literal(c, a0) && cf_marker_macro(callee)) {
            Q->depth++;
            mm_len l = len_of(Q, a0, konst);
            Q->depth--;
            return l;
        }
        /* the text form of an address: "255.255.255.255" is 15 characters; lwIP's
         * ipaddr_ntoa may print an IPv6 address, at most 45 */
        static const struct {
            const char *name;
            int64_t max;
        } texts[] = {{"inet_ntoa", 15},    {"ip4addr_ntoa", 15}, {"ip4addr_ntoa_r", 15},
                     {"ipaddr_ntoa", 45},  {"ip6addr_ntoa", 45}, {"ipaddr_ntoa_r", 45}};
        for (size_t i = 0; callee && i < MM_ARRAY_LEN(texts); i++) {
            if (!strcmp(callee, texts[i].name) && !mm_cdecl_any(mm_cdecl_get(c->f), callee))
                return num_len(texts[i].max,
                               mm_arena_printf(c->f->arena, _("%s() gives at most %lld chars"),
                                               callee, (long long)texts[i].max));
        }
        /* a macro that pastes literals: LOG_FORMAT(E, "...") */
        if (mm_c_text_konst(text)) {
            *konst = true;
            return term_len(c, text, 0);
        }
        /* Arduino's WiFi: an SSID is at most 32 bytes (IEEE 802.11), a MAC address or a BSSID
         * as text 17 characters */
        TSNode fn = ts_node_child_by_field_id(n, c->l->f_function);
        int64_t wmax = wifi_text_max(c, n);
        if (wmax >= 0)
            return num_len(wmax, mm_arena_printf(c->f->arena, _("WiFi.%s() gives at most %lld chars"),
                                                 callee, (long long)wmax));
        /* x.c_str() of a String that holds program text, or of a call whose text is bounded */
        if (cf_kind_of(c, fn) == K_FIELD_EXPR && callee && !strcmp(callee, "c_str")) {
            TSNode obj = ts_node_child_by_field_id(fn, c->l->f_argument);
            const char *on = plain_ident(c, obj);
            if (!on && cf_kind_of(c, cf_unwrap(c, obj)) == K_CALL) {
                bool ko;
                Q->depth++;
                mm_len l = len_of(Q, obj, &ko);
                Q->depth--;
                if (numeric(&l))
                    return l;
            }
            if (on) {
                bool ko;
                Q->depth++;
                mm_len l = len_of(Q, obj, &ko);
                Q->depth--;
                if (ko) {
                    *konst = true;
                    return l;
                }
            }
        }
        return term_len(c, text, 0);
    }
    if (k == K_IDENT) {
        const char *name = text;
        const fev *d = local_decl(Q, name);
        if (d) {
            int64_t maxlen;
            if (!d->param && local_konst(Q, name, &maxlen)) {
                /* only program text, and we know how long */
                *konst = true;
                if (maxlen >= 0)
                    return num_len(maxlen, mm_arena_printf(c->f->arena,
                                                           _("%s holds only literals (at most %lld chars)"),
                                                           name, (long long)maxlen));
            }
            if (Q->size && (d->array || (d->pointer && !d->param))) {
                Q->depth++;
                mm_len cap = cap_of(Q, n);
                Q->depth--;
                if (numeric(&cap) && cap.k > 0)
                    return num_len(cap.k - 1, cap.why);
            }
            TSNode from = d->param ? (TSNode){0} : single_call_value(Q, name, d);
            if (!ts_node_is_null(from)) {
                Q->depth++;
                mm_len l = len_of(Q, from, konst);
                Q->depth--;
                return l; /* strlen(F()): the project's F may bound it (core/resolve.c) */
            }
            mm_len l = term_len(c, name, 0);
            apply_bounds(Q, &l);
            return l;
        }
        mm_file *w;
        bool caps = true;
        for (const char *p = name; *p && caps; p++)
            caps = !islower((unsigned char)*p);
        /* program text only: a lower-case name is a variable of the file (a macro would be in
         * capitals), looked up here without the headers */
        const mm_cdecl *g = Q->size || caps ? global_decl(c, name, &w)
                                            : mm_cdecl_global(mm_cdecl_get(c->f), name);
        if (!Q->size && !caps)
            w = c->f;
        if (g) {
            int64_t maxlen;
            if (global_konst(c, name, g, &maxlen)) {
                *konst = true;
                if (maxlen >= 0)
                    return num_len(maxlen, mm_arena_printf(c->f->arena, _("%s = a %lld-char literal"),
                                                           name, (long long)maxlen));
            }
            if (Q->size && g->dim && !g->pointer) {
                TSNode none = {0};
                mm_len cap = array_cap(Q, g->type, name, g->dim, w, none);
                if (numeric(&cap) && cap.k > 0)
                    return num_len(cap.k - 1, cap.why);
            }
        } else {
            /* a Kconfig option: a constant of the build, with its value when the tree's
             * configuration sets it */
            if (!strncmp(name, "CONFIG_", 7)) {
                *konst = true;
                const char *where = NULL;
                const mm_kconfig *kc =
                    c->f->cproject ? mm_cproject_config(c->f->cproject, c->f->path, &where) : NULL;
                const mm_kc_entry *e = kc ? mm_kconfig_get(kc, name) : NULL;
                if (kc)
                    c->f->tree_dependent = true;
                if (e && e->quoted)
                    return num_len((int64_t)e->vlen, mm_arena_printf(c->f->arena,
                                                                     _("%s is \"%s\" in %s"), name,
                                                                     e->value, where));
                return term_len(c, name, 0);
            }
            /* a macro that stands for literals (in each #if branch that defines it) */
            int64_t ml;
            if ((Q->size || caps) && macro_text(Q, name, &ml)) {
                *konst = true;
                if (ml >= 0)
                    return num_len(ml, mm_arena_printf(c->f->arena, _("%s is at most %lld chars"),
                                                       name, (long long)ml));
            }
            /* a C++ class member: static constexpr char fmt[] = "%d" */
            int64_t cl;
            if (const_member(c, name, &cl)) {
                *konst = true;
                if (cl >= 0)
                    return num_len(cl, NULL);
            }
        }
        mm_len l = term_len(c, name, 0);
        apply_bounds(Q, &l);
        return l;
    }
    if (k == K_QUALIFIED) {
        /* Class::member: a constant member */
        TSNode nm = ts_node_child_by_field_id(n, c->l->f_name);
        int64_t cl;
        if (!ts_node_is_null(nm) && cf_kind_of(c, nm) == K_IDENT &&
            const_member(c, cf_text_of(c, nm), &cl)) {
            *konst = true;
            if (cl >= 0)
                return num_len(cl, NULL);
        }
        return term_len(c, text, 0);
    }
    if ((k == K_FIELD_EXPR || k == K_SUBSCRIPT) && Q->size) {
        Q->depth++;
        mm_len cap = cap_of(Q, n);
        Q->depth--;
        if (numeric(&cap) && cap.k > 0)
            return num_len(cap.k - 1, cap.why);
        mm_len l = term_len(c, text, 0);
        apply_bounds(Q, &l);
        return l;
    }
    if (k == K_BINARY) {
        /* s + n: the rest of s */
        TSNode op = ts_node_child_by_field_id(n, c->l->f_operator);
        TSNode r = ts_node_child_by_field_id(n, c->l->f_right);
        int64_t off;
        if (node_is(c, op, "+") && const_expr(Q, r, &off) && off >= 0) {
            bool kb;
            Q->depth++;
            mm_len base = len_of(Q, ts_node_child_by_field_id(n, c->l->f_left), &kb);
            Q->depth--;
            *konst = kb;
            if (base.known) {
                base.k -= off;
                if (!base.nterms && base.k < 0)
                    base.k = 0;
                return base;
            }
        }
    }
    return term_len(c, text, 0);
}

/* What the destination already holds before the call (for an append). */
static mm_len held_of(q *Q, TSNode n)
{
    cf_ctx *c = Q->c;
    const char *name = plain_ident(c, n);
    if (!name)
        return unknown_len();
    const fev *d = local_decl(Q, name);
    /* a parameter holds what the caller gave, except the sysfs show buffer: the kernel zeroes
     * the page before it calls show (fs/sysfs/file.c) */
    bool zeroed = d && d->param && sysfs_show_buf(Q, d);
    if (!d || (d->param && !zeroed))
        return unknown_len();
    const char *set[16];
    uint32_t ns = alias_set(Q, name, set, 16);
    mm_len cur = zeroed ? num_len(0, NULL) : unknown_len();
    for (size_t i = 0; i < Q->fl->ev.n; i++) {
        const fev *e = &Q->fl->ev.v[i];
        if (!in_set(set, ns, e->name))
            continue;
        if (e->off >= Q->at) {
            if (e->loop_e && e->loop_s <= Q->at && Q->at < e->loop_e &&
                !(e->kind == EV_ARG && reads_only(c, e)) && e->kind != EV_DECL)
                return unknown_len(); /* a loop writes it again before the call comes back */
            continue;
        }
        /* does the event surely run before the call (its block holds the call)? */
        bool sure = e->block_s <= Q->at && Q->at < e->block_e && !(e->loop_e && !(e->loop_s <= Q->at && Q->at < e->loop_e));
        mm_len val = unknown_len();
        char what = 0; /* 'r' replace, 'a' append */
        switch (e->kind) {
        case EV_DECL:
            if (ts_node_is_null(e->value)) {
                if (e->array && !e->is_static)
                    continue; /* no text yet: a later write must set it */
                continue;
            }
            bool kv = false;
            Q->depth++;
            mm_len lv = len_of(Q, e->value, &kv);
            Q->depth--;
            if (kv || is_literal(c, e->value)) {
                val = lv;
                what = 'r';
            } else if (cf_kind_of(c, cf_unwrap(c, e->value)) == K_INIT_LIST) {
                val = num_len(0, NULL);
                what = 'r';
            } else {
                /* p = malloc(...): no text until written */
                continue;
            }
            break;
        case EV_ASSIGN:
            continue; /* a pointer pointed at the buffer: its text is the buffer's */
        case EV_MODIFY:
            if (e->nul && e->at_zero) {
                val = num_len(0, NULL);
                what = 'r';
                break;
            }
            if (e->nul)
                continue; /* a NUL later in the text only shortens it */
            return unknown_len();
        case EV_ARG: {
            if (sb(e->call) == sb(Q->call))
                continue;
            if (reads_only(c, e))
                continue;
            char ck = copy_kind(cf_callee_target(c, e->callee));
            if (ck && e->index == 0 && e->form == F_PLAIN) {
                TSNode src = arg_node(c, e->call, 1);
                bool k;
                Q->depth++;
                val = len_of(Q, src, &k);
                Q->depth--;
                /* strncpy/strncat(d, s, n): at most n of it */
                if (!strcmp(e->callee, "strncpy") || !strcmp(e->callee, "strncat")) {
                    TSNode nn = arg_node(c, e->call, 2);
                    int64_t nv;
                    if (const_expr(Q, nn, &nv) && nv >= 0 &&
                        (!numeric(&val) || nv < val.k))
                        val = num_len(nv, NULL);
                }
                what = ck;
                break;
            }
            if (e->callee && !strcmp(e->callee, "memset") && e->index == 0 && e->form == F_PLAIN) {
                val = num_len(0, NULL);
                what = 'r';
                break;
            }
            return unknown_len();
        }
        default:
            continue;
        }
        if (!val.known)
            return unknown_len();
        if (e->loop_e && !(e->loop_s <= Q->at && Q->at < e->loop_e) && what == 'a')
            return unknown_len(); /* appended over and over */
        if (what == 'r') {
            if (sure || !cur.known)
                cur = sure ? val : unknown_len();
            else if (numeric(&cur) && numeric(&val))
                cur = cur.k >= val.k ? cur : val;
            else if (!(same_terms(&cur, &val) && cur.k == val.k))
                cur = unknown_len();
            if (!sure && !cur.known)
                return unknown_len();
        } else {
            if (!cur.known)
                return unknown_len();
            cur = len_add(c, cur, val);
        }
    }
    return cur;
}

/* --- checks before the call (bounds) ---------------------------------------------------------- */

/* The strlen() terms of an expression: strlen(x), a variable assigned strlen(x) before the
 * call, sums of them and constants. */
static bool sum_terms(q *Q, TSNode n, mm_len *out, int depth)
{
    cf_ctx *c = Q->c;
    n = cf_unwrap(c, n);
    if (ts_node_is_null(n) || depth > 6)
        return false;
    int k = cf_kind_of(c, n);
    const char *text = cf_text_of(c, n);
    int64_t v;
    if (k == K_NUMBER && mm_c_number(text, strlen(text), &v)) {
        *out = num_len(v, NULL);
        return true;
    }
    if (k == K_CALL) {
        const char *callee = callee_name(c, n);
        if (callee && (!strcmp(callee, "strlen") || !strcmp(callee, "wcslen"))) {
            TSNode a = arg_node(c, n, 0);
            if (ts_node_is_null(a))
                return false;
            *out = term_len(c, cf_text_of(c, cf_unwrap(c, a)), 0);
            return true;
        }
        return false;
    }
    if (k == K_IDENT) {
        /* len = strlen(x), the last such assignment before the call */
        const fev *last = NULL;
        for (size_t i = 0; i < Q->fl->ev.n; i++) {
            const fev *e = &Q->fl->ev.v[i];
            if ((e->kind == EV_ASSIGN || e->kind == EV_DECL || e->kind == EV_MODIFY) &&
                e->off < Q->at && !strcmp(e->name, text))
                last = e;
        }
        if (!last || last->kind == EV_MODIFY || ts_node_is_null(last->value))
            return false;
        return sum_terms(Q, last->value, out, depth + 1);
    }
    if (k == K_BINARY) {
        TSNode op = ts_node_child_by_field_id(n, c->l->f_operator);
        TSNode ln = ts_node_child_by_field_id(n, c->l->f_left);
        TSNode rn = ts_node_child_by_field_id(n, c->l->f_right);
        mm_len a, b;
        bool ha = sum_terms(Q, ln, &a, depth + 1), hb = sum_terms(Q, rn, &b, depth + 1);
        if (ha != hb && ((ha && a.nterms) || (hb && b.nterms))) {
            /* strlen(a) + HEADER_LEN: the constant side through macros */
            TSNode cside = ha ? rn : ln;
            int64_t cv;
            if (!const_expr(Q, cside, &cv))
                return false;
            if (ha)
                b = num_len(cv, NULL);
            else
                a = num_len(cv, NULL);
        } else if (!ha || !hb) {
            return false;
        }
        if (node_is(c, op, "+")) {
            *out = len_add(c, a, b);
            return true;
        }
        if (node_is(c, op, "-") && numeric(&b)) {
            a.k -= b.k;
            *out = a;
            return true;
        }
    }
    return false;
}

static void add_bound(q *Q, mm_len b, TSNode cond)
{
    if (Q->nbounds >= MAX_BOUNDS || !b.nterms)
        return;
    if (!Q->bounds)
        Q->bounds = mm_arena_alloc(Q->c->f->arena, MAX_BOUNDS * sizeof *Q->bounds);
    unsigned line, col;
    mm_file_pos(Q->c->f, (uint32_t)((int64_t)sb(cond) + Q->c->delta), &line, &col);
    b.why = mm_arena_printf(Q->c->f->arena, _("line %u"), line);
    Q->bounds[Q->nbounds++] = b;
}

/* What a condition tells about lengths when it is `truth`. */
static void cond_facts(q *Q, TSNode n, bool truth, int depth)
{
    cf_ctx *c = Q->c;
    n = cf_unwrap(c, n);
    if (ts_node_is_null(n) || depth > 8)
        return;
    int k = cf_kind_of(c, n);
    if (k == K_COND_CLAUSE) {
        cond_facts(Q, ts_node_child_by_field_id(n, c->l->f_value), truth, depth + 1);
        return;
    }
    if (k == K_UNARY) {
        TSNode op = ts_node_child_by_field_id(n, c->l->f_operator);
        if (node_is(c, op, "!"))
            cond_facts(Q, ts_node_child_by_field_id(n, c->l->f_argument), !truth, depth + 1);
        return;
    }
    if (k != K_BINARY)
        return;
    TSNode op = ts_node_child_by_field_id(n, c->l->f_operator);
    TSNode l = ts_node_child_by_field_id(n, c->l->f_left), r = ts_node_child_by_field_id(n, c->l->f_right);
    if ((node_is(c, op, "&&") && truth) || (node_is(c, op, "||") && !truth)) {
        cond_facts(Q, l, truth, depth + 1);
        cond_facts(Q, r, truth, depth + 1);
        return;
    }
    const char *ops[] = {"<", "<=", ">", ">=", "==", "!="};
    int which = -1;
    for (int i = 0; i < 6; i++) {
        if (node_is(c, op, ops[i]))
            which = i;
    }
    if (which < 0)
        return;
    /* one side holds strlen() terms; the other is a constant (through macros, sizeof): only
     * then is the constant worth evaluating */
    mm_len a, b;
    bool ha = sum_terms(Q, l, &a, 0), hb = sum_terms(Q, r, &b, 0);
    if (ha == hb && !(ha && (numeric(&a) != numeric(&b))))
        return;
    if (!ha || !hb) {
        TSNode cside = ha ? r : l;
        int64_t v;
        if (!const_expr(Q, cside, &v))
            return;
        if (ha)
            b = num_len(v, NULL);
        else
            a = num_len(v, NULL);
    }
    /* terms on the left: a OP b with b a constant */
    if (!numeric(&b)) {
        if (!numeric(&a))
            return;
        mm_len t = a;
        a = b;
        b = t;
        static const int flip[] = {2, 3, 0, 1, 4, 5};
        which = flip[which];
    }
    if (!a.nterms)
        return;
    if (!truth) {
        static const int neg[] = {3, 2, 1, 0, 5, 4};
        which = neg[which];
    }
    /* sum(terms) + a.k OP b.k: an upper bound when OP is < <= == */
    int64_t bound;
    if (which == 0)
        bound = b.k - 1 - a.k;
    else if (which == 1 || which == 4)
        bound = b.k - a.k;
    else
        return;
    mm_len res = a;
    res.k = bound;
    add_bound(Q, res, n);
}

static bool exits(cf_ctx *c, TSNode s)
{
    if (ts_node_is_null(s))
        return false;
    int k = cf_kind_of(c, s);
    if (k == K_RETURN || k == K_JUMP)
        return true;
    if (k == K_BLOCK) {
        uint32_t cnt = ts_node_named_child_count(s);
        for (uint32_t i = cnt; i-- > 0;) {
            TSNode ch = ts_node_named_child(s, i);
            if (ts_node_is_extra(ch))
                continue;
            return exits(c, ch);
        }
        return false;
    }
    if (k == K_EXPR_STMT) {
        TSNode e = ts_node_named_child(s, 0);
        if (!ts_node_is_null(e) && cf_kind_of(c, e) == K_CALL) {
            const char *callee = callee_name(c, e);
            return callee && (!strcmp(callee, "exit") || !strcmp(callee, "abort") ||
                              !strcmp(callee, "_exit"));
        }
    }
    return false;
}

static void collect_bounds(q *Q)
{
    cf_ctx *c = Q->c;
    TSNode child = Q->call;
    for (TSNode p = ts_node_parent(child); !ts_node_is_null(p) && Q->nbounds < MAX_BOUNDS;
         child = p, p = ts_node_parent(p)) {
        int k = cf_kind_of(c, p);
        if (k == K_FUNC_DEF)
            break;
        if (k == K_IF) {
            TSNode cons = ts_node_child_by_field_id(p, c->l->f_consequence);
            if (!ts_node_is_null(cons) && sb(cons) <= sb(Q->call) && eb(Q->call) <= eb(cons))
                cond_facts(Q, ts_node_child_by_field_id(p, c->l->f_condition), true, 0);
        } else if (k == K_ELSE) {
            TSNode ifs = ts_node_parent(p);
            if (!ts_node_is_null(ifs) && cf_kind_of(c, ifs) == K_IF)
                cond_facts(Q, ts_node_child_by_field_id(ifs, c->l->f_condition), false, 0);
        } else if (k == K_LOOP) {
            TSNode body = ts_node_child_by_field_id(p, c->l->f_body);
            if (!ts_node_is_null(body) && sb(body) <= sb(Q->call) && eb(Q->call) <= eb(body) &&
                strcmp(ts_node_type(p), "do_statement") != 0)
                cond_facts(Q, ts_node_child_by_field_id(p, c->l->f_condition), true, 0);
        } else if (k == K_BLOCK) {
            /* if (...) return; before the statement that holds the call */
            uint32_t cnt = ts_node_named_child_count(p);
            for (uint32_t i = 0; i < cnt; i++) {
                TSNode s = ts_node_named_child(p, i);
                if (sb(s) >= sb(child))
                    break;
                if (cf_kind_of(c, s) != K_IF)
                    continue;
                TSNode alt = ts_node_child_by_field_id(s, c->l->f_alternative);
                if (!ts_node_is_null(alt))
                    continue;
                if (exits(c, ts_node_child_by_field_id(s, c->l->f_consequence)))
                    cond_facts(Q, ts_node_child_by_field_id(s, c->l->f_condition), false, 0);
            }
        }
    }
}

/* --- the facts of a call ------------------------------------------------------------------------- */

/* A question at node `at` of the function being read (c->fn_node): its flow facts, or `empty`
 * (cleared here) at file scope, an initializer with no locals. Returns the flow, or NULL. */
static struct cf_flow *q_at(q *Q, cf_ctx *c, TSNode at, struct cf_flow *empty)
{
    struct cf_flow *fl = flow_of(c, at);
    memset(empty, 0, sizeof *empty);
    memset(Q, 0, sizeof *Q);
    Q->c = c;
    Q->fl = fl ? fl : empty;
    Q->call = at;
    Q->at = sb(at);
    return fl;
}

int64_t cf_return_len(cf_ctx *c, TSNode ret)
{
    TSNode v = {0};
    uint32_t cnt = ts_node_named_child_count(ret);
    for (uint32_t i = 0; i < cnt && ts_node_is_null(v); i++) {
        TSNode x = ts_node_named_child(ret, i);
        if (!ts_node_is_extra(x))
            v = x;
    }
    if (ts_node_is_null(v))
        return -1;
    if (is_null_value(c, cf_unwrap(c, v)))
        return 6; /* printf's "(null)" */
    struct cf_flow empty;
    q Q;
    q_at(&Q, c, ret, &empty);
    Q.size = true;
    bool konst = false;
    mm_len l = len_of(&Q, v, &konst);
    return numeric(&l) && l.k >= 0 ? l.k : -1;
}

void cf_call_facts(cf_ctx *c, TSNode call, mm_call *out, unsigned need)
{
    if (c->in_macro || !out->nargs)
        return;
    if (!(need & MM_FACT_SIZE)) {
        /* program text only: literals say so themselves; the function is read only for an
         * argument that is not one */
        bool plain = true;
        for (uint32_t i = 0; i < out->nargs && plain; i++)
            plain = out->args[i].kind == MM_ARG_STRING || out->args[i].kind == MM_ARG_NUMBER;
        if (plain)
            return;
    }
    struct cf_flow empty;
    q Q;
    struct cf_flow *fl = q_at(&Q, c, call, &empty);
    TSNode args = ts_node_child_by_field_id(call, c->l->f_arguments);
    uint32_t cnt = ts_node_is_null(args) ? 0 : ts_node_named_child_count(args);
    uint32_t ai = 0;
    for (uint32_t i = 0; i < cnt && ai < out->nargs; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (ts_node_is_extra(a))
            continue;
        mm_arg *arg = &out->args[ai++];
        Q.depth = 0;
        Q.size = need & MM_FACT_SIZE;
        if (!Q.size && (arg->kind == MM_ARG_NUMBER || (arg->kind == MM_ARG_STRING && arg->str_exact)))
            continue; /* its own text says it */
        bool konst = false;
        arg->len = len_of(&Q, a, &konst);
        arg->konst = arg->konst || konst;
        if (!(need & MM_FACT_SIZE))
            continue;
        Q.depth = 0;
        arg->cap = cap_of(&Q, a);
        Q.depth = 0;
        if (plain_ident(c, a) && fl) {
            arg->held = held_of(&Q, a);
            Q.depth = 0;
            const fev *d = local_decl(&Q, plain_ident(c, a));
            int64_t ml;
            arg->held_konst = d && !d->param && local_konst(&Q, plain_ident(c, a), &ml);
        }
        Q.depth = 0;
        range r = range_of(&Q, a);
        arg->ranged = r.ok;
        arg->imin = r.lo;
        arg->imax = r.hi;
        arg->real = r.real;
    }
    if (!(need & MM_FACT_SIZE))
        return;
    /* checks before the call, when some length is only known as strlen() of something */
    bool terms = false;
    for (uint32_t i = 0; i < out->nargs; i++)
        terms |= (out->args[i].len.known && out->args[i].len.nterms) ||
                 (out->args[i].held.known && out->args[i].held.nterms);
    if (fl && terms) {
        Q.depth = 0;
        collect_bounds(&Q);
        for (uint32_t i = 0; i < out->nargs; i++)
            apply_bounds(&Q, &out->args[i].len);
    }
    out->bounds = Q.bounds;
    out->nbounds = Q.nbounds;
}
