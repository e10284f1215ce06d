/* cgraph.c: the call-graph facts of a C/C++ file (see cgraph.h), read from clex.c's tokens in
 * one pass with a stack of brace scopes: the file or a namespace/class body (where functions are
 * defined), a function or lambda body, a statement block, a braced initializer. Preprocessor
 * lines are left out (a macro body runs where it is used, not where it is written). */
#define _GNU_SOURCE
#include "front/cgraph.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/clex.h"

enum { SNIPPET_MAX = 300 };

typedef enum { SC_FILE, SC_CONTAINER, SC_FUNC, SC_BLOCK, SC_INIT } sckind;

typedef struct scope {
    sckind kind;
    uint32_t open, close; /* its braces (close: n when unmatched) */
    int32_t func;         /* the function the scope is in (-1: none) */
    int32_t route;        /* a route comparison's block (-1: none) */
    const char *cls;      /* a class or struct body: its name */
    const char *ns;       /* the namespaces around (a namespace body adds its name) */
    bool anon;            /* inside an anonymous namespace: its functions are file-local */
    /* initializers: the variable, the element of an array of structs, the item counter */
    const char *var;
    uint32_t elem, level, pos;
} scope;

typedef struct pending {
    uint32_t tok; /* a `{` ... */
    int32_t func; /* ... that opens this function's body, or -1 ... */
    int32_t route;/* ... or that a route comparison guards */
} pending;

typedef struct open_call {
    int32_t call;
    uint32_t close;
} open_call;

typedef struct ctx {
    mm_file *f;
    const mm_cg_want *w;
    mm_cg_file *g;
    const char *s;
    mm_ctok *t;     /* the tokens outside preprocessor lines */
    uint32_t n;
    int32_t *match; /* each bracket's partner, or -1 */
    MM_VEC(scope) scopes;
    MM_VEC(pending) pend;
    MM_VEC(open_call) calls;
    int32_t stmt_route;      /* a route comparison guarding one statement ... */
    uint32_t stmt_route_end; /* ... up to this token */
    int32_t stmt_route_func;
    size_t words_from;       /* the current function's first word (dedup) */
    MM_VEC(mm_cg_decl) cand; /* `T name` pairs: kept for the names member calls use */
    MM_VEC(bool) cand_paren; /* ... followed by `(` (a prototype, or an object constructed) */
} ctx;

/* --- tokens ------------------------------------------------------------------------------------- */

static bool is_p(const ctx *c, uint32_t i, const char *p)
{
    if (i >= c->n || c->t[i].kind != 'p' || c->s[c->t[i].start] != p[0])
        return false;
    uint32_t n = p[1] ? (uint32_t)strlen(p) : 1;
    return c->t[i].len == n && !memcmp(c->s + c->t[i].start, p, n);
}

static bool is_id(const ctx *c, uint32_t i)
{
    return i < c->n && c->t[i].kind == 'i';
}

static bool is_word(const ctx *c, uint32_t i, const char *w)
{
    if (!is_id(c, i) || c->s[c->t[i].start] != w[0])
        return false;
    size_t n = strlen(w);
    return c->t[i].len == n && !memcmp(c->s + c->t[i].start, w, n);
}

static const char *tok_str(ctx *c, uint32_t i)
{
    return mm_arena_strndup(c->f->arena, c->s + c->t[i].start, c->t[i].len);
}

static bool in_list(const ctx *c, uint32_t i, const char *const *list)
{
    if (!is_id(c, i))
        return false;
    for (const char *const *k = list; *k; k++) {
        if (is_word(c, i, *k))
            return true;
    }
    return false;
}

/* words before `(` that make no call */
static const char *const not_calls[] = {
    "if", "while", "for", "switch", "catch", "sizeof", "alignof", "_Alignof", "decltype",
    "typeof", "__typeof__", "defined", "__attribute__", "__declspec", "static_assert",
    "_Static_assert", "__asm__", "asm", "__asm", "return", "operator", "noexcept", "alignas",
    "_Alignas", "throw", "__extension__", "do", "else", "case", "goto", "new", "delete",
    "template", "typename", "using", NULL};

/* words before `name(` after which it is still a call, not a declaration `T name(...)` */
static const char *const call_after[] = {"return", "else", "do", "case", "throw", "co_return",
                                         "co_await", "co_yield", "and", "or", "not", "new",
                                         "delete", "sizeof", NULL};

/* names that are no function when used as a value */
static const char *const not_refs[] = {"true", "false", "NULL", "nullptr", "this", "void",
                                       "int", "char", "bool", "unsigned", "signed", "const",
                                       "static", "struct", "sizeof", "return", "auto", NULL};

static bool all_caps(const ctx *c, uint32_t i)
{
    const char *p = c->s + c->t[i].start;
    bool letter = false;
    for (uint32_t k = 0; k < c->t[i].len; k++) {
        if (islower((unsigned char)p[k]))
            return false;
        letter |= isupper((unsigned char)p[k]) != 0;
    }
    return letter;
}

static void build_tokens(ctx *c, const mm_clex *x)
{
    c->t = mm_arena_alloc(c->f->arena, (x->n ? x->n : 1) * sizeof *c->t);
    uint32_t k = 0;
    for (uint32_t i = 0; i < x->n; i++) {
        const mm_ctok *t = &x->toks[i];
        if (t->line_start && t->kind == 'p' && t->len == 1 && c->s[t->start] == '#') {
            i++;
            while (i < x->n && !x->toks[i].line_start)
                i++;
            i--;
            continue;
        }
        c->t[k++] = *t;
    }
    c->n = k;
    c->match = mm_arena_alloc(c->f->arena, (k ? k : 1) * sizeof *c->match);
    MM_VEC(uint32_t) st = {0};
    for (uint32_t i = 0; i < k; i++) {
        c->match[i] = -1;
        if (c->t[i].kind != 'p' || c->t[i].len != 1)
            continue;
        char ch = c->s[c->t[i].start];
        if (ch == '(' || ch == '[' || ch == '{') {
            mm_vec_push(&st, i);
        } else if (ch == ')' || ch == ']' || ch == '}') {
            char open = ch == ')' ? '(' : ch == ']' ? '[' : '{';
            /* a closer pops to its opener; one with no opener open is ignored */
            size_t d = st.n;
            while (d && c->s[c->t[st.v[d - 1]].start] != open)
                d--;
            if (!d)
                continue;
            st.n = d - 1;
            c->match[st.v[d - 1]] = (int32_t)i;
            c->match[i] = (int32_t)st.v[d - 1];
        }
    }
    mm_vec_free(&st);
}

/* --- names -------------------------------------------------------------------------------------- */

void mm_cg_norm(char *out, size_t cap, const char *in, size_t n)
{
    size_t k = 0;
    bool sep = false;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        unsigned char ch = (unsigned char)in[i];
        if (!isalnum(ch)) {
            sep = k > 0;
            continue;
        }
        if (isupper(ch) && i > 0 && k > 0 && out[k - 1] != '_') {
            unsigned char p = (unsigned char)in[i - 1];
            unsigned char nx = i + 1 < n ? (unsigned char)in[i + 1] : 0;
            if (islower(p) || isdigit(p) || (isupper(p) && islower(nx)))
                sep = true;
        }
        if (sep && k > 0 && out[k - 1] != '_')
            out[k++] = '_';
        sep = false;
        out[k++] = (char)tolower(ch);
    }
    out[k] = 0;
}

bool mm_cg_has_parts(const char *norm, const char *seq)
{
    size_t sl = strlen(seq);
    if (!sl)
        return false;
    for (const char *p = norm; (p = strstr(p, seq)); p++) {
        bool left = p == norm || p[-1] == '_';
        bool right = p[sl] == 0 || p[sl] == '_';
        if (left && right)
            return true;
    }
    return false;
}

static bool name_has(const ctx *c, uint32_t i, char *const *list, size_t n)
{
    if (!n || !is_id(c, i) || c->t[i].len > 120)
        return false;
    /* most names hold none: the first two letters of some entry, in any case, first */
    const char *p = c->s + c->t[i].start;
    bool maybe = false;
    for (uint32_t k = 0; k + 1 < c->t[i].len && !maybe; k++) {
        char a = (char)tolower((unsigned char)p[k]), b = (char)tolower((unsigned char)p[k + 1]);
        for (size_t w = 0; w < n && !maybe; w++)
            maybe = list[w][0] == a && list[w][1] == b;
    }
    if (!maybe)
        return false;
    char norm[256];
    mm_cg_norm(norm, sizeof norm, c->s + c->t[i].start, c->t[i].len);
    for (size_t k = 0; k < n; k++) {
        if (mm_cg_has_parts(norm, list[k]))
            return true;
    }
    return false;
}

/* --- positions and sites ------------------------------------------------------------------------ */

static void pos(ctx *c, uint32_t off, uint32_t *line, uint32_t *col)
{
    unsigned l, co;
    mm_file_pos(c->f, off, &l, &co);
    *line = l;
    *col = co;
}

static int32_t add_site(ctx *c, uint32_t start, uint32_t end)
{
    mm_cg_site s;
    pos(c, start, &s.line, &s.col);
    pos(c, end, &s.end_line, &s.end_col);
    if (s.end_line == s.line && s.end_col <= s.col)
        s.end_col = s.col + 1;
    uint32_t ls = mm_file_line_start(c->f, s.line), le = mm_file_line_end(c->f, s.line);
    if (le > ls && c->s[le - 1] == '\r')
        le--;
    if (le - ls > SNIPPET_MAX) {
        uint32_t ws = start > ls + SNIPPET_MAX / 3 ? start - SNIPPET_MAX / 3 : ls;
        while (ws > ls && ((uint8_t)c->s[ws] & 0xC0) == 0x80)
            ws--;
        uint32_t we = ws + SNIPPET_MAX < le ? ws + SNIPPET_MAX : le;
        while (we < le && ((uint8_t)c->s[we] & 0xC0) == 0x80)
            we++;
        s.snippet = mm_arena_printf(c->f->arena, "%s%.*s%s", ws > ls ? "..." : "",
                                    (int)(we - ws), c->s + ws, we < le ? "..." : "");
    } else {
        s.snippet = mm_arena_strndup(c->f->arena, c->s + ls, le - ls);
    }
    mm_vec_push(&c->g->sites, s);
    return (int32_t)c->g->sites.n - 1;
}

static bool wants_site(const ctx *c, const char *name, const char *object)
{
    for (size_t i = 0; !object && i < c->w->nsite_prefixes; i++) {
        if (!strncmp(name, c->w->site_prefixes[i], strlen(c->w->site_prefixes[i])))
            return true;
    }
    const mm_strset *w = c->w->sites;
    if (!w || !w->n)
        return false;
    if (!object)
        return mm_strset_has(w, name);
    char buf[256];
    snprintf(buf, sizeof buf, "*.%s", name);
    if (mm_strset_has(w, buf))
        return true;
    snprintf(buf, sizeof buf, "%s.%s", object, name);
    return mm_strset_has(w, buf);
}

/* --- scopes ------------------------------------------------------------------------------------- */

static scope *top(ctx *c)
{
    return &c->scopes.v[c->scopes.n - 1];
}

static int32_t cur_func(ctx *c)
{
    return top(c)->func;
}

static int32_t cur_route(ctx *c, uint32_t i)
{
    for (size_t k = c->scopes.n; k-- > 0;) {
        const scope *sc = &c->scopes.v[k];
        if (sc->route >= 0)
            return sc->route;
        if (sc->kind == SC_FUNC || sc->kind == SC_FILE || sc->kind == SC_CONTAINER)
            break;
    }
    if (c->stmt_route >= 0 && i < c->stmt_route_end && c->stmt_route_func == cur_func(c))
        return c->stmt_route;
    return -1;
}

/* The bodies and blocks still ahead are few: the list is compacted as the walk passes them. */
static pending *pending_at(ctx *c, uint32_t tok)
{
    if (c->pend.n > 32) {
        size_t k = 0;
        for (size_t i = 0; i < c->pend.n; i++) {
            if (c->pend.v[i].tok >= tok)
                c->pend.v[k++] = c->pend.v[i];
        }
        c->pend.n = k;
    }
    for (size_t k = c->pend.n; k-- > 0;) {
        if (c->pend.v[k].tok == tok)
            return &c->pend.v[k];
    }
    return NULL;
}

static void push_scope(ctx *c, sckind kind, uint32_t open, int32_t func)
{
    scope sc;
    memset(&sc, 0, sizeof sc);
    sc.kind = kind;
    sc.open = open;
    sc.close = c->match[open] >= 0 ? (uint32_t)c->match[open] : c->n;
    sc.func = func;
    sc.route = -1;
    mm_vec_push(&c->scopes, sc);
}

/* The name before `= {`, `x[] = {`, `x[N] = {` or C++'s `T x{`, or NULL. */
static const char *init_var(ctx *c, uint32_t brace)
{
    if (!brace)
        return NULL;
    uint32_t j = brace - 1;
    if (is_p(c, j, "=")) {
        if (!j)
            return NULL;
        j--;
        while (is_p(c, j, "]") && c->match[j] > 0)
            j = (uint32_t)c->match[j] - 1;
        return is_id(c, j) ? tok_str(c, j) : NULL;
    }
    return is_id(c, j) ? tok_str(c, j) : NULL;
}

/* A namespace body opening at brace: sets *name (NULL for an anonymous one); false if none. */
static bool namespace_at(ctx *c, uint32_t brace, const char **name)
{
    uint32_t j = brace;
    for (int steps = 0; j > 0 && steps < 16; steps++) {
        j--;
        if (is_p(c, j, ";") || is_p(c, j, "}") || is_p(c, j, "{"))
            return false;
        if (is_word(c, j, "namespace")) {
            /* namespace a::b { */
            mm_buf b = {0};
            for (uint32_t k = j + 1; k < brace; k++)
                mm_buf_put(&b, c->s + c->t[k].start, c->t[k].len);
            *name = b.len ? mm_arena_strdup(c->f->arena, mm_buf_cstr(&b)) : NULL;
            mm_buf_free(&b);
            return true;
        }
    }
    return false;
}

/* The name of the class or struct whose body opens at brace, or NULL. */
static const char *class_name(ctx *c, uint32_t brace)
{
    uint32_t j = brace;
    for (int steps = 0; j > 0 && steps < 64; steps++) {
        j--;
        if (is_p(c, j, ";") || is_p(c, j, "}") || is_p(c, j, "{"))
            return NULL;
        if ((is_word(c, j, "class") || is_word(c, j, "struct")) && is_id(c, j + 1)) {
            uint32_t k = j + 1;
            /* class ATTR Name : public Base: the last name before ':' or '{' */
            while (is_id(c, k + 1) && !is_word(c, k + 1, "final"))
                k++;
            return tok_str(c, k);
        }
    }
    return NULL;
}

/* At file or namespace scope: does this `{` open a namespace, class or `extern "C"` body
 * (functions inside), or data? */
static sckind container_kind(ctx *c, uint32_t brace)
{
    uint32_t j = brace;
    for (int steps = 0; j > 0 && steps < 64; steps++) {
        j--;
        if (is_p(c, j, ";") || is_p(c, j, "}") || is_p(c, j, "{"))
            break;
        if (is_p(c, j, "="))
            return SC_INIT;
        if (is_word(c, j, "enum"))
            return SC_INIT;
        if (is_word(c, j, "namespace") || is_word(c, j, "class") || is_word(c, j, "struct") ||
            is_word(c, j, "union") || (is_word(c, j, "extern") && c->t[j + 1].kind == 's'))
            return SC_CONTAINER;
    }
    return brace && is_id(c, brace - 1) ? SC_INIT : SC_CONTAINER;
}

/* --- function definitions ----------------------------------------------------------------------- */

/* After `name(...)` at close: the `{` of a body (specifiers, a trailing return type or a
 * constructor's member initializers in between), or 0. */
static uint32_t body_after(ctx *c, uint32_t close)
{
    uint32_t j = close + 1;
    while (j < c->n) {
        if (is_p(c, j, "{"))
            return j;
        if (is_p(c, j, "&") || is_p(c, j, "&&")) {
            j++;
            continue;
        }
        if (is_id(c, j) && !is_word(c, j, "return")) {
            /* const, override, noexcept(...), __attribute__((...)), IRAM_ATTR, throw(...) */
            j++;
            if (is_p(c, j, "(") && c->match[j] > 0)
                j = (uint32_t)c->match[j] + 1;
            continue;
        }
        if (is_p(c, j, "->")) {
            j++;
            while (j < c->n && (is_id(c, j) || is_p(c, j, "::") || is_p(c, j, "<") ||
                                is_p(c, j, ">") || is_p(c, j, "*") || is_p(c, j, "&") ||
                                is_p(c, j, ",")))
                j++;
            continue;
        }
        if (is_p(c, j, ":")) {
            /* member initializers: name(args) or name{args}, separated by commas */
            j++;
            while (j < c->n) {
                while (j < c->n && (is_id(c, j) || is_p(c, j, "::") || is_p(c, j, "<") ||
                                    is_p(c, j, ">")))
                    j++;
                if ((is_p(c, j, "(") || is_p(c, j, "{")) && c->match[j] > 0) {
                    bool brace_init = is_p(c, j, "{");
                    uint32_t after = (uint32_t)c->match[j] + 1;
                    if (brace_init && !is_id(c, j - 1))
                        return j; /* no member name before it: the body */
                    j = after;
                }
                if (is_p(c, j, ",")) {
                    j++;
                    continue;
                }
                break;
            }
            continue;
        }
        return 0;
    }
    return 0;
}

static bool is_static_decl(ctx *c, uint32_t name)
{
    uint32_t j = name;
    for (int steps = 0; j > 0 && steps < 32; steps++) {
        j--;
        if (is_p(c, j, ";") || is_p(c, j, "}") || is_p(c, j, "{") || is_p(c, j, ")"))
            return false;
        if (is_word(c, j, "static"))
            return true;
    }
    return false;
}

static int32_t add_func(ctx *c, uint32_t name_tok, const char *name, bool lambda)
{
    mm_cg_func fn;
    memset(&fn, 0, sizeof fn);
    fn.name = name;
    pos(c, c->t[name_tok].start, &fn.line, &fn.col);
    fn.lambda = lambda;
    fn.parent = lambda ? cur_func(c) : -1;
    if (!lambda) {
        fn.ns = top(c)->ns;
        fn.is_static = is_static_decl(c, name_tok) || top(c)->anon;
        if (name_tok >= 2 && is_p(c, name_tok - 1, "::") && is_id(c, name_tok - 2))
            fn.cls = tok_str(c, name_tok - 2);
        else if (top(c)->kind == SC_CONTAINER)
            fn.cls = top(c)->cls; /* a method written in its class */
    }
    mm_vec_push(&c->g->funcs, fn);
    return (int32_t)c->g->funcs.n - 1;
}

/* --- calls -------------------------------------------------------------------------------------- */

/* The last name of `name`, `&name`, `A::name`, `&A::B::name`, or std::bind(&A::name, ...) — an
 * argument that can only be a function or a variable: [a, b). */
static int32_t lone_name(ctx *c, uint32_t a, uint32_t b)
{
    if (a < b && is_p(c, a, "&"))
        a++;
    if (a + 3 < b && is_word(c, a, "std") && is_p(c, a + 1, "::") && is_word(c, a + 2, "bind") &&
        is_p(c, a + 3, "(") && c->match[a + 3] > 0) {
        /* std::bind(&Class::method, this, ...): the method */
        uint32_t e = (uint32_t)c->match[a + 3];
        uint32_t k = a + 4;
        uint32_t end = k;
        while (end < e && !is_p(c, end, ","))
            end++;
        return (uint32_t)c->match[a + 3] + 1 == b ? lone_name(c, k, end) : -1;
    }
    if (a >= b || !is_id(c, a))
        return -1;
    uint32_t last = a;
    uint32_t k = a + 1;
    while (k + 1 < b && is_p(c, k, "::") && is_id(c, k + 1)) {
        last = k + 1;
        k += 2;
    }
    if (k != b || in_list(c, last, not_refs) || all_caps(c, last))
        return -1;
    return (int32_t)last;
}

/* The first identifier of an argument (`server` of server, `up` of &up, `uris` of &uris[i]). */
static int32_t arg_base(ctx *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++) {
        if (is_id(c, k) && !is_word(c, k, "const") && !is_word(c, k, "struct") &&
            !is_word(c, k, "sizeof"))
            return (int32_t)k;
        if (is_p(c, k, "(") && c->match[k] > 0 && is_id(c, k + 1) && !is_p(c, k + 2, ")"))
            continue; /* (x) or a cast (T *)x: go on */
        if (!is_p(c, k, "&") && !is_p(c, k, "*") && !is_p(c, k, "("))
            return -1;
    }
    return -1;
}

/* The first string literal of [a, b), not inside a brace group (a lambda body). */
static int32_t first_str(ctx *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++) {
        if (is_p(c, k, "{") && c->match[k] > 0) {
            k = (uint32_t)c->match[k];
            continue;
        }
        if (c->t[k].kind == 's' && c->s[c->t[k].start + c->t[k].len - 1] == '"')
            return (int32_t)k;
    }
    return -1;
}

/* A literal's text between its quotes (prefixes L, u8, R"(...)" read roughly). */
static const char *lit_text(ctx *c, uint32_t k)
{
    const char *p = c->s + c->t[k].start;
    uint32_t n = c->t[k].len;
    const char *q = memchr(p, '"', n);
    if (!q)
        return "";
    size_t off = (size_t)(q - p) + 1;
    size_t len = n > off ? n - off - 1 : 0;
    if (len > 200)
        len = 200;
    return mm_arena_strndup(c->f->arena, q + 1, len);
}

static void add_call(ctx *c, uint32_t i)
{
    uint32_t open = i + 1, close = (uint32_t)c->match[open];
    mm_cg_call call;
    memset(&call, 0, sizeof call);
    call.func = cur_func(c);
    call.name = tok_str(c, i);
    call.str_arg = -1;
    call.site = -1;
    if (i && (is_p(c, i - 1, ".") || is_p(c, i - 1, "->"))) {
        uint32_t o = i - 2;
        if (i < 2)
            call.object = "?";
        else if (is_id(c, o))
            call.object = tok_str(c, o);
        else if (is_p(c, o, ")"))
            call.object = "()";
        else if (is_p(c, o, "]"))
            call.object = "[]";
        else
            call.object = "?";
    }
    else if (i >= 2 && is_p(c, i - 1, "::") && is_id(c, i - 2))
        call.qual = tok_str(c, i - 2);
    pos(c, c->t[i].start, &call.line, &call.col);
    /* arguments: split at commas outside brackets */
    mm_buf refs = {0}, bases = {0};
    uint32_t a = open + 1;
    uint16_t argi = 0;
    for (uint32_t k = open + 1; k <= close; k++) {
        bool end = k == close || is_p(c, k, ",");
        if (!end) {
            if ((is_p(c, k, "(") || is_p(c, k, "[") || is_p(c, k, "{")) && c->match[k] > 0)
                k = (uint32_t)c->match[k];
            continue;
        }
        if (k > a || argi) {
            int32_t sl = first_str(c, a, k);
            if (sl >= 0 && call.str_arg < 0) {
                call.str_arg = (int16_t)argi;
                call.str = lit_text(c, (uint32_t)sl);
            }
            if (k == a + 1 && c->t[a].kind == 's' && c->t[a].len >= 2 &&
                c->s[c->t[a].start + c->t[a].len - 2] == '"' &&
                c->s[c->t[a].start + c->t[a].len - 1] == '"' &&
                (c->t[a].len == 2 || c->s[c->t[a].start + c->t[a].len - 3] == '"'))
                call.empty_args |= argi < 32 ? 1u << argi : 0;
            int32_t ln = lone_name(c, a, k);
            if (ln >= 0) {
                mm_buf_printf(&refs, "%s%.*s", refs.len ? " " : "", (int)c->t[ln].len,
                              c->s + c->t[ln].start);
            }
            int32_t bs = arg_base(c, a, k);
            if (bs >= 0)
                mm_buf_printf(&bases, "%s%.*s", bases.len ? " " : "", (int)c->t[bs].len,
                              c->s + c->t[bs].start);
            else
                mm_buf_printf(&bases, "%s-", bases.len ? " " : "");
            argi++;
        }
        a = k + 1;
    }
    call.nargs = argi;
    if (refs.len)
        call.refs = mm_arena_strdup(c->f->arena, mm_buf_cstr(&refs));
    if (bases.len)
        call.bases = mm_arena_strdup(c->f->arena, mm_buf_cstr(&bases));
    mm_buf_free(&refs);
    mm_buf_free(&bases);
    call.route = cur_route(c, i);
    bool str_site = false;
    for (size_t k = 0; call.str && k < c->w->nsite_strings && !str_site; k++)
        str_site = strstr(call.str, c->w->site_strings[k]) != NULL;
    if (wants_site(c, call.name, call.object) || str_site ||
        (c->w->path_literal_sites && call.str && call.str[0] == '/'))
        call.site = add_site(c, c->t[i].start, c->t[close].start + 1);
    mm_vec_push(&c->g->calls, call);
    open_call oc = {(int32_t)c->g->calls.n - 1, close};
    mm_vec_push(&c->calls, oc);
}

/* Appends " #<func>" (a lambda written as an argument) to the innermost open call's names. */
static void call_takes_lambda(ctx *c, uint32_t at, int32_t func)
{
    for (size_t k = c->calls.n; k-- > 0;) {
        if (c->calls.v[k].close > at) {
            mm_cg_call *call = &c->g->calls.v[c->calls.v[k].call];
            call->refs = call->refs
                             ? mm_arena_printf(c->f->arena, "%s #%d", call->refs, (int)func)
                             : mm_arena_printf(c->f->arena, "#%d", (int)func);
            return;
        }
    }
    mm_cg_ref r = {cur_func(c), mm_arena_printf(c->f->arena, "#%d", (int)func)};
    mm_vec_push(&c->g->refs, r);
}

/* Inside the arguments of an open call of this function? */
static bool in_call_args(ctx *c, uint32_t i)
{
    for (size_t k = c->calls.n; k-- > 0;) {
        const open_call *oc = &c->calls.v[k];
        if (oc->close > i)
            return c->g->calls.v[oc->call].func == cur_func(c);
    }
    return false;
}

/* `if (... url ... "literal" ...)`: a route. */
static void route_if(ctx *c, uint32_t i)
{
    uint32_t open = i + 1;
    if (c->match[open] < 0 || !c->w->nroute_names)
        return;
    uint32_t close = (uint32_t)c->match[open];
    int32_t lit = -1;
    bool named = false;
    for (uint32_t k = open + 1; k < close; k++) {
        if (lit < 0 && c->t[k].kind == 's' && c->s[c->t[k].start + c->t[k].len - 1] == '"' &&
            c->t[k].len > 2)
            lit = (int32_t)k;
        if (!named && name_has(c, k, c->w->route_names, c->w->nroute_names))
            named = true;
    }
    if (lit < 0 || !named || strstr(lit_text(c, (uint32_t)lit), "://"))
        return;
    mm_cg_route r = {cur_func(c), lit_text(c, (uint32_t)lit),
                     add_site(c, c->t[lit].start, c->t[lit].start + c->t[lit].len)};
    mm_vec_push(&c->g->routes, r);
    int32_t idx = (int32_t)c->g->routes.n - 1;
    uint32_t after = close + 1;
    if (is_p(c, after, "{")) {
        pending p = {after, -1, idx};
        mm_vec_push(&c->pend, p);
        return;
    }
    /* one statement: up to its `;` */
    uint32_t k = after;
    while (k < c->n && !is_p(c, k, ";")) {
        if ((is_p(c, k, "(") || is_p(c, k, "[") || is_p(c, k, "{")) && c->match[k] > 0)
            k = (uint32_t)c->match[k];
        k++;
    }
    c->stmt_route = idx;
    c->stmt_route_end = k;
    c->stmt_route_func = cur_func(c);
}

/* `[captures](params) specifiers {`: a lambda whose body opens at the returned `{`, or 0. */
static uint32_t lambda_body(ctx *c, uint32_t j)
{
    if (c->match[j] < 0 || is_p(c, j + 1, "["))
        return 0;
    if (j == 0)
        return 0;
    uint32_t p = j - 1;
    if (!(is_p(c, p, "(") || is_p(c, p, ",") || is_p(c, p, "=") || is_p(c, p, "{") ||
          is_p(c, p, ";") || is_p(c, p, "}") || is_p(c, p, "?") || is_p(c, p, ":") ||
          is_word(c, p, "return")))
        return 0;
    uint32_t k = (uint32_t)c->match[j] + 1;
    if (is_p(c, k, "(") && c->match[k] > 0)
        k = (uint32_t)c->match[k] + 1;
    while (k < c->n && (is_word(c, k, "mutable") || is_word(c, k, "constexpr") ||
                        is_word(c, k, "noexcept") || is_word(c, k, "consteval")))
        k++;
    if (is_p(c, k, "->")) {
        k++;
        while (k < c->n && (is_id(c, k) || is_p(c, k, "::") || is_p(c, k, "<") ||
                            is_p(c, k, ">") || is_p(c, k, "*") || is_p(c, k, "&")))
            k++;
    }
    return is_p(c, k, "{") ? k : 0;
}

static void add_word(ctx *c, uint32_t i)
{
    int32_t fn = cur_func(c);
    if (fn < 0)
        return;
    const char *p = c->s + c->t[i].start;
    uint32_t n = c->t[i].len;
    int32_t route = cur_route(c, i);
    for (size_t k = c->words_from; k < c->g->words.n; k++) {
        if (c->g->words.v[k].func == fn && c->g->words.v[k].route == route &&
            strlen(c->g->words.v[k].word) == n && !memcmp(c->g->words.v[k].word, p, n))
            return;
    }
    mm_cg_word w = {fn, tok_str(c, i), route};
    mm_vec_push(&c->g->words, w);
}

static void add_init(ctx *c, const scope *sc, const char *field, uint32_t v)
{
    if (!sc->var)
        return;
    /* the element: the level-1 brace this item is in (0 for one struct) */
    uint32_t elem = 0;
    for (size_t k = c->scopes.n; k-- > 0;) {
        const scope *s = &c->scopes.v[k];
        if (s->kind != SC_INIT)
            break;
        if (s->level == 1) {
            elem = s->elem;
            break;
        }
    }
    bool str = c->t[v].kind == 's';
    const char *val = str ? lit_text(c, v) : tok_str(c, v);
    int32_t site = str && val[0] == '/' ? add_site(c, c->t[v].start, c->t[v].start + c->t[v].len)
                                        : -1;
    mm_cg_init in = {sc->var, site, elem, field, val, str};
    mm_vec_push(&c->g->inits, in);
}

/* A name used alone (not called): a callback passed, a handler stored, a field's value. */
static void value_name(ctx *c, uint32_t i)
{
    scope *sc = top(c);
    uint32_t p = i;
    while (p >= 2 && is_p(c, p - 1, "::") && is_id(c, p - 2))
        p -= 2;
    if (!p)
        return;
    uint32_t before = p - 1;
    bool addr = is_p(c, before, "&");
    if (addr && before)
        before--;
    bool next_ok = is_p(c, i + 1, ",") || is_p(c, i + 1, ")") || is_p(c, i + 1, ";") ||
                   is_p(c, i + 1, "}");
    if (!next_ok)
        return;
    /* designated initializer `.field = name` and positional items of an initializer */
    if (sc->kind == SC_INIT && (is_p(c, i + 1, ",") || is_p(c, i + 1, "}"))) {
        if (p >= 3 && is_p(c, p - 1, "=") && is_id(c, p - 2) && is_p(c, p - 3, ".") &&
            p == i)
            add_init(c, sc, tok_str(c, p - 2), i);
        else if (p == i && (is_p(c, p - 1, "{") || is_p(c, p - 1, ",")))
            add_init(c, sc, mm_arena_printf(c->f->arena, "#%u", sc->pos), i);
    }
    if (!(is_p(c, before, "=") || is_p(c, before, ",") || is_p(c, before, "(") ||
          is_p(c, before, "{") || is_word(c, before, "return") || addr))
        return;
    if (in_list(c, i, not_refs) || all_caps(c, i))
        return;
    if (is_p(c, before, "(") || is_p(c, before, ",") || addr) {
        if (in_call_args(c, i))
            return; /* the call's own names (add_call) */
    }
    if (c->g->refs.n && c->g->refs.v[c->g->refs.n - 1].func == cur_func(c) &&
        !strncmp(c->g->refs.v[c->g->refs.n - 1].name, c->s + c->t[i].start, c->t[i].len) &&
        !c->g->refs.v[c->g->refs.n - 1].name[c->t[i].len])
        return;
    mm_cg_ref r = {cur_func(c), tok_str(c, i)};
    mm_vec_push(&c->g->refs, r);
}

static const char *const not_types[] = {
    "return", "else", "case", "goto", "throw", "new", "delete", "sizeof", "typedef", "using",
    "namespace", "class", "struct", "union", "enum", "public", "private", "protected", "const",
    "static", "extern", "volatile", "inline", "virtual", "auto", "void", "int", "char", "bool",
    "short", "long", "float", "double", "unsigned", "signed", "operator", "template", "typename",
    "co_return", "co_await", "co_yield", "if", "while", "for", "switch", "do", NULL};

/* `T name` (also `T *name`, `T &name`, `X<T> name`) ending at the name i: a declaration
 * whose type may tell which class a member call on name goes to. */
static void candidate_decl(ctx *c, uint32_t i, int32_t func)
{
    if (!(is_p(c, i + 1, ";") || is_p(c, i + 1, "=") || is_p(c, i + 1, "(") ||
          is_p(c, i + 1, "{") || is_p(c, i + 1, "[") || is_p(c, i + 1, ",") ||
          is_p(c, i + 1, ")")))
        return;
    uint32_t k = i;
    while (k > 0 && (is_p(c, k - 1, "*") || is_p(c, k - 1, "&") || is_p(c, k - 1, "&&") ||
                     is_p(c, k - 1, ">")))
        k--;
    if (k == i && !is_id(c, k - 1))
        return;
    if (k == 0 || !is_id(c, k - 1) || in_list(c, k - 1, not_types) || all_caps(c, k - 1))
        return;
    mm_cg_decl d = {tok_str(c, i), tok_str(c, k - 1), func};
    mm_vec_push(&c->cand, d);
    mm_vec_push(&c->cand_paren, is_p(c, i + 1, "("));
}

/* A definition's parameters: `(AsyncWebServer &server, Updater *u)`. */
static void param_decls(ctx *c, uint32_t open, int32_t func)
{
    if (c->match[open] < 0)
        return;
    uint32_t close = (uint32_t)c->match[open];
    for (uint32_t k = open + 1; k < close; k++) {
        if (is_id(c, k) && (is_p(c, k + 1, ",") || is_p(c, k + 1, ")") || is_p(c, k + 1, "=")))
            candidate_decl(c, k, func);
    }
}

/* `T name`, `T *name`, `extern T name;` of a type asked about. */
static void maybe_decl(ctx *c, uint32_t i)
{
    if (!c->w->types || !c->w->types->n ||
        !mm_strset_hasn(c->w->types, c->s + c->t[i].start, c->t[i].len))
        return;
    uint32_t k = i + 1;
    while (is_p(c, k, "*") || is_p(c, k, "&") || is_p(c, k, ">"))
        k++;
    if (!is_id(c, k))
        return;
    if (!(is_p(c, k + 1, ";") || is_p(c, k + 1, "(") || is_p(c, k + 1, "=") ||
          is_p(c, k + 1, "{") || is_p(c, k + 1, ",") || is_p(c, k + 1, ")") ||
          is_p(c, k + 1, "[")))
        return;
    mm_cg_decl d = {tok_str(c, k), tok_str(c, i), cur_func(c)};
    mm_vec_push(&c->g->decls, d);
}

static void open_brace(ctx *c, uint32_t j)
{
    pending *p = pending_at(c, j);
    if (p && p->func >= 0) {
        push_scope(c, SC_FUNC, j, p->func);
        c->words_from = c->g->words.n;
        return;
    }
    scope *sc = top(c);
    int32_t fn = sc->func;
    if (sc->kind == SC_FILE || sc->kind == SC_CONTAINER) {
        const char *outer = sc->cls, *outer_ns = sc->ns;
        bool outer_anon = sc->anon;
        sckind k = container_kind(c, j);
        push_scope(c, k, j, -1);
        scope *nw = top(c);
        if (k == SC_INIT) {
            nw->var = init_var(c, j);
            return;
        }
        const char *nsname = NULL;
        nw->ns = outer_ns;
        nw->anon = outer_anon;
        if (namespace_at(c, j, &nsname)) {
            if (!nsname)
                nw->anon = true;
            else
                nw->ns = outer_ns ? mm_arena_printf(c->f->arena, "%s::%s", outer_ns, nsname)
                                  : nsname;
            nw->cls = NULL;
        } else {
            nw->cls = class_name(c, j) ? class_name(c, j) : outer;
        }
        return;
    }
    if (sc->kind == SC_INIT) {
        scope parent = *sc;
        push_scope(c, SC_INIT, j, fn);
        scope *nw = top(c);
        nw->var = parent.var;
        nw->level = parent.level + 1;
        nw->elem = parent.level == 0 ? parent.pos : parent.elem;
        return;
    }
    bool init = j && (is_p(c, j - 1, "=") || is_p(c, j - 1, "(") || is_p(c, j - 1, ",") ||
                      is_word(c, j - 1, "return"));
    push_scope(c, init ? SC_INIT : SC_BLOCK, j, fn);
    if (init)
        top(c)->var = init_var(c, j);
    if (p && p->route >= 0)
        top(c)->route = p->route;
}

static void close_brace(ctx *c, uint32_t j)
{
    for (size_t k = c->scopes.n; k-- > 1;) {
        if (c->scopes.v[k].close == j) {
            c->scopes.n = k;
            return;
        }
    }
}

void mm_cg_extract(mm_file *f, const mm_cg_want *w, mm_cg_file *out)
{
    memset(out, 0, sizeof *out);
    const mm_clex *x = mm_clex_get(f);
    ctx c;
    memset(&c, 0, sizeof c);
    c.f = f;
    c.w = w;
    c.g = out;
    c.s = x->src;
    c.stmt_route = -1;
    build_tokens(&c, x);
    scope file;
    memset(&file, 0, sizeof file);
    file.kind = SC_FILE;
    file.close = c.n;
    file.func = -1;
    file.route = -1;
    mm_vec_push(&c.scopes, file);
    for (uint32_t i = 0; i < c.n; i++) {
        while (c.calls.n && c.calls.v[c.calls.n - 1].close < i)
            c.calls.n--;
        const mm_ctok *t = &c.t[i];
        if (t->kind == 'p' && t->len == 1) {
            char ch = c.s[t->start];
            if (ch == '{') {
                open_brace(&c, i);
                continue;
            }
            if (ch == '}') {
                close_brace(&c, i);
                continue;
            }
            if (ch == ',' && top(&c)->kind == SC_INIT) {
                /* an item of the initializer at its own level, not inside a call */
                bool inner = false;
                for (size_t k = c.calls.n; k-- > 0 && !inner;)
                    inner = c.calls.v[k].close > i;
                if (!inner)
                    top(&c)->pos++;
                continue;
            }
            if (ch == '[') {
                uint32_t body = lambda_body(&c, i);
                if (body) {
                    int32_t fn = add_func(&c, i, "lambda", true);
                    pending p = {body, fn, -1};
                    mm_vec_push(&c.pend, p);
                    call_takes_lambda(&c, i, fn);
                }
            }
            continue;
        }
        if (t->kind == 's' && i && is_p(&c, i - 1, "=") && is_p(&c, i + 1, ";")) {
            /* `const char ROUTE[] PROGMEM = "/update";`: a name for a literal */
            uint32_t k = i >= 2 ? i - 2 : 0; /* before the `=` */
            /* NAME[] PROGMEM: a macro after the name or its brackets */
            if (k >= 1 && is_id(&c, k) && all_caps(&c, k) &&
                (is_p(&c, k - 1, "]") || is_id(&c, k - 1)))
                k--;
            while (k >= 1 && is_p(&c, k, "]") && c.match[k] > 0)
                k = (uint32_t)c.match[k] - 1;
            if (i >= 2 && is_id(&c, k)) {
                mm_cg_init in = {tok_str(&c, k), -1, 0, "=", lit_text(&c, i), true};
                mm_vec_push(&c.g->inits, in);
            }
            continue;
        }
        if (t->kind == 's' && top(&c)->kind == SC_INIT && i &&
            (is_p(&c, i + 1, ",") || is_p(&c, i + 1, "}"))) {
            scope *sc = top(&c);
            if (i >= 3 && is_p(&c, i - 1, "=") && is_id(&c, i - 2) && is_p(&c, i - 3, "."))
                add_init(&c, sc, tok_str(&c, i - 2), i);
            else if (is_p(&c, i - 1, "{") || is_p(&c, i - 1, ","))
                add_init(&c, sc, mm_arena_printf(f->arena, "#%u", sc->pos), i);
            continue;
        }
        if (t->kind != 'i')
            continue;
        sckind k = top(&c)->kind;
        bool at_file = k == SC_FILE || k == SC_CONTAINER;
        maybe_decl(&c, i);
        if (i)
            candidate_decl(&c, i, cur_func(&c));
        if (!at_file && !all_caps(&c, i) &&
            name_has(&c, i, (char *const *)w->words, w->nwords))
            add_word(&c, i);
        if (!is_p(&c, i + 1, "(")) {
            if (!at_file || k == SC_INIT)
                value_name(&c, i);
            continue;
        }
        if (c.match[i + 1] < 0)
            continue;
        if (is_word(&c, i, "if")) {
            if (!at_file)
                route_if(&c, i);
            continue;
        }
        if (in_list(&c, i, not_calls))
            continue;
        if (at_file) {
            uint32_t body = body_after(&c, (uint32_t)c.match[i + 1]);
            if (body && !(i && (is_p(&c, i - 1, ".") || is_p(&c, i - 1, "->")))) {
                int32_t fn = add_func(&c, i, tok_str(&c, i), false);
                param_decls(&c, i + 1, fn);
                pending p = {body, fn, -1};
                mm_vec_push(&c.pend, p);
                i = (uint32_t)c.match[i + 1]; /* parameters hold no calls */
                continue;
            }
            /* a macro invocation at file scope (K_THREAD_DEFINE(...);) still names callbacks */
            if (i == 0 || is_p(&c, i - 1, ";") || is_p(&c, i - 1, "}") || is_p(&c, i - 1, "{"))
                add_call(&c, i);
            continue;
        }
        /* `T name(args)` declares (an object with constructor arguments) */
        if (i && is_id(&c, i - 1) && !in_list(&c, i - 1, call_after))
            continue;
        add_call(&c, i);
    }
    /* the declarations of the names member calls are made on */
    mm_strset objs = {0}, called = {0};
    for (size_t i = 0; i < out->calls.n; i++) {
        const char *o = out->calls.v[i].object;
        if (o && strcmp(o, "this") != 0 && strcmp(o, "()") != 0 && strcmp(o, "[]") != 0 &&
            strcmp(o, "?") != 0 && !mm_strset_has(&objs, o))
            mm_strset_add(&objs, o);
        /* a plain call through a parameter or variable (a callback) is no function's name */
        if (!o && !out->calls.v[i].qual && !mm_strset_has(&called, out->calls.v[i].name))
            mm_strset_add(&called, out->calls.v[i].name);
    }
    for (size_t i = 0; i < c.cand.n; i++) {
        const mm_cg_decl *d = &c.cand.v[i];
        bool dup = false;
        for (size_t k = 0; k < out->decls.n && !dup; k++)
            dup = out->decls.v[k].func == d->func && !strcmp(out->decls.v[k].var, d->var) &&
                  !strcmp(out->decls.v[k].type, d->type);
        bool keep = mm_strset_has(&objs, d->var) ||
                    (d->func >= 0 && !c.cand_paren.v[i] && mm_strset_has(&called, d->var));
        if (!dup && keep)
            mm_vec_push(&out->decls, *d);
    }
    mm_strset_free(&objs);
    mm_strset_free(&called);
    mm_vec_free(&c.cand);
    mm_vec_free(&c.cand_paren);
    mm_vec_free(&c.scopes);
    mm_vec_free(&c.pend);
    mm_vec_free(&c.calls);
}
