/* cdecl.c: declarations outside function bodies, from the token view (see cdecl.h). A small
 * statement reader: it splits the file at `;`, `{` and `}`, descends into struct, union and
 * class bodies (and extern "C" / namespace blocks), skips function bodies and initializers,
 * and reads each declarator's name, type, pointer level, first dimension and string
 * initializer. Anything it does not understand it skips: a missing declaration only means a
 * size stays unknown. */
#define _GNU_SOURCE
#include "front/cdecl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "front/cfront.h"

enum { MAX_SCOPE_DEPTH = 16 };

typedef struct alias {
    const char *name;  /* a tag or typedef name */
    const char *scope; /* the aggregate's scope id */
} alias;

struct mm_cdecls {
    mm_cdecl *v;
    uint32_t n;
    alias *aliases;
    uint32_t naliases;
};

typedef struct P {
    mm_file *f;
    const char *s;
    const mm_ctok *t;
    uint32_t n;
    MM_VEC(mm_cdecl) out;
    MM_VEC(alias) aliases;
    unsigned anon;
    bool cpp;
} P;

static bool is(const P *p, uint32_t i, const char *w)
{
    size_t n = strlen(w);
    return i < p->n && p->t[i].len == n && !memcmp(p->s + p->t[i].start, w, n);
}

static bool ispunct_tok(const P *p, uint32_t i, char c)
{
    return i < p->n && p->t[i].kind == 'p' && p->t[i].len == 1 && p->s[p->t[i].start] == c;
}

static const char *text(P *p, uint32_t i)
{
    return mm_arena_strndup(p->f->arena, p->s + p->t[i].start, p->t[i].len);
}

/* Index after the preprocessor line starting at i (a '#' at the start of a line). */
static uint32_t skip_pp(const P *p, uint32_t i)
{
    i++;
    while (i < p->n && !p->t[i].line_start)
        i++;
    return i;
}

static bool at_pp(const P *p, uint32_t i)
{
    return p->t[i].line_start && ispunct_tok(p, i, '#');
}

/* i at an opening bracket: the index of its match, or n. */
static uint32_t match(const P *p, uint32_t i, char open, char close)
{
    int depth = 0;
    for (uint32_t k = i; k < p->n; k++) {
        if (at_pp(p, k)) {
            k = skip_pp(p, k) - 1;
            continue;
        }
        if (ispunct_tok(p, k, open))
            depth++;
        else if (ispunct_tok(p, k, close) && --depth == 0)
            return k;
    }
    return p->n;
}

static bool storage_or_qualifier(const P *p, uint32_t i)
{
    static const char *const kw[] = {"static", "extern", "const", "volatile", "register",
                                     "inline", "typedef", "constexpr", "mutable", "restrict",
                                     "__restrict", "thread_local", "_Thread_local", "__inline",
                                     "__inline__", "__volatile__", "__const", "consteval",
                                     "constinit", "__extension__", NULL};
    for (const char *const *k = kw; *k; k++) {
        if (is(p, i, *k))
            return true;
    }
    return false;
}

static bool all_caps(const P *p, uint32_t i)
{
    const mm_ctok *t = &p->t[i];
    if (t->kind != 'i')
        return false;
    bool letter = false;
    for (uint32_t k = 0; k < t->len; k++) {
        char c = p->s[t->start + k];
        if (islower((unsigned char)c))
            return false;
        letter |= isupper((unsigned char)c);
    }
    return letter;
}

/* The format attribute among tokens [a, b): format(printf, N, M), __printflike(N, M),
 * __printf_like(N, M); *kind 'p' or 's', *arg from 0. */
static bool format_attr(const P *p, uint32_t a, uint32_t b, char *kind, int *arg)
{
    for (uint32_t i = a; i + 3 < b; i++) {
        if (p->t[i].kind != 'i')
            continue;
        uint32_t k;
        if ((is(p, i, "format") || is(p, i, "__format__")) && ispunct_tok(p, i + 1, '(')) {
            k = i + 2;
            if (is(p, k, "printf") || is(p, k, "__printf__"))
                *kind = 'p';
            else if (is(p, k, "scanf") || is(p, k, "__scanf__"))
                *kind = 's';
            else
                continue;
            k++;
            if (!ispunct_tok(p, k, ','))
                continue;
            k++;
        } else if ((is(p, i, "__printflike") || is(p, i, "__printf_like") ||
                    is(p, i, "__scanflike") || is(p, i, "__scanf_like")) &&
                   ispunct_tok(p, i + 1, '(')) {
            *kind = memmem(p->s + p->t[i].start, p->t[i].len, "scanf", 5) ? 's' : 'p';
            k = i + 2;
        } else {
            continue;
        }
        int64_t v;
        if (k < b && p->t[k].kind == 'n' && mm_c_number(p->s + p->t[k].start, p->t[k].len, &v) &&
            v >= 1 && v <= 32) {
            *arg = (int)v - 1;
            return true;
        }
    }
    return false;
}

static void push(P *p, mm_cdecl d)
{
    mm_vec_push(&p->out, d);
}

/* One declarator in [a, b) with the base type given; returns false when it is not a plain
 * one (a function pointer, a function). */
static void declarator(P *p, uint32_t a, uint32_t b, const char *type, const char *scope,
                       bool is_static, bool const_base, bool typedef_, bool first_seg,
                       uint32_t type_end)
{
    /* the initializer */
    uint32_t q = a;
    int depth = 0;
    for (; q < b; q++) {
        if (ispunct_tok(p, q, '(') || ispunct_tok(p, q, '[') || ispunct_tok(p, q, '{'))
            depth++;
        else if (ispunct_tok(p, q, ')') || ispunct_tok(p, q, ']') || ispunct_tok(p, q, '}'))
            depth--;
        else if (!depth && (ispunct_tok(p, q, '=') || ispunct_tok(p, q, ':')))
            break;
    }
    uint32_t start = first_seg ? type_end : a;
    /* a function declarator: `name (` at depth 0, before any `[` (after the dimensions, an
     * ALL_CAPS `_INIT("")` or `ALIGN(4)` is a macro of the declaration, not a function) */
    for (uint32_t k = start; k + 1 < q && !ispunct_tok(p, k, '['); k++) {
        if (p->t[k].kind == 'i' && ispunct_tok(p, k + 1, '(') && !is(p, k, "__attribute__") &&
            !is(p, k, "__declspec") && !is(p, k, "alignas") && !is(p, k, "_Alignas")) {
            mm_cdecl d;
            memset(&d, 0, sizeof d);
            d.name = text(p, k);
            d.type = type;
            d.scope = scope;
            d.function = true;
            d.off = p->t[k].start;
            uint32_t close = match(p, k + 1, '(', ')');
            for (uint32_t j = k + 2; j < close && j < b; j++) {
                if (is(p, j, "va_list") ||
                    (ispunct_tok(p, j, '.') && ispunct_tok(p, j + 1, '.') && ispunct_tok(p, j + 2, '.')))
                    d.variadic = true;
            }
            format_attr(p, first_seg ? a : start, b, &d.format, &d.format_arg);
            if (!d.format && first_seg)
                format_attr(p, a, b, &d.format, &d.format_arg);
            push(p, d);
            return;
        }
        if (ispunct_tok(p, k, '('))
            return; /* (*fp)(...) and the like */
    }
    /* the name: before the first '[' at depth 0, else the last identifier (an attribute macro
     * after it, PROGMEM, is not the name) */
    int32_t name = -1, lb = -1;
    int pointer = 0;
    bool ptr_const = false;
    for (uint32_t k = start; k < q; k++) {
        if (ispunct_tok(p, k, '[')) {
            lb = (int32_t)k;
            break;
        }
        if (ispunct_tok(p, k, '*')) {
            pointer++;
            continue;
        }
        if (ispunct_tok(p, k, '&'))
            continue;
        if (is(p, k, "const") && pointer)
            ptr_const = true;
        if (p->t[k].kind == 'i' && !storage_or_qualifier(p, k)) {
            if (name >= 0 && all_caps(p, k) && name != (int32_t)start - 1)
                continue;
            name = (int32_t)k;
        }
    }
    if (name < 0)
        return;
    mm_cdecl d;
    memset(&d, 0, sizeof d);
    d.name = text(p, (uint32_t)name);
    d.type = type;
    d.scope = scope;
    d.pointer = pointer;
    d.is_static = is_static;
    d.off = p->t[name].start;
    if (lb >= 0) {
        uint32_t rb = match(p, (uint32_t)lb, '[', ']');
        if (rb < q)
            d.dim = mm_arena_collapse(p->f->arena, p->s + p->t[lb].start + 1,
                                      p->t[rb].start - p->t[lb].start - 1);
    }
    d.is_const = (const_base && !pointer) || ptr_const;
    if (q < b && ispunct_tok(p, q, '=')) {
        uint32_t i = q + 1, e = b;
        /* F("..."), PSTR("..."), _("..."): a literal in a marker macro */
        if (i + 2 < e && p->t[i].kind == 'i' && ispunct_tok(p, i + 1, '(') &&
            ispunct_tok(p, e - 1, ')') && p->t[i + 2].kind == 's') {
            i += 2;
            e--;
        }
        if (i < e && ispunct_tok(p, i, '{') && ispunct_tok(p, e - 1, '}')) {
            i++; /* char x[] = { "abc" } */
            e--;
        }
        mm_buf v = {0};
        bool any = false, exact = true, ok = i < e;
        for (uint32_t k = i; k < e && ok; k++) {
            if (p->t[k].kind == 's' && p->s[p->t[k].start + p->t[k].len - 1] == '"') {
                any = true;
                mm_c_string_decode(p->s + p->t[k].start, p->t[k].len, &v);
            } else if (p->t[k].kind == 'i' && all_caps(p, k)) {
                exact = false;
                mm_buf_putc(&v, MM_STR_GAP);
            } else {
                ok = false;
            }
        }
        if (ok && any) {
            d.init = mm_arena_strndup(p->f->arena, v.data ? v.data : "", v.len);
            d.init_len = (uint32_t)v.len;
            d.init_exact = exact;
        }
        mm_buf_free(&v);
    }
    if (typedef_)
        d.scope = "typedef";
    push(p, d);
}

/* A declaration statement [a, b) (no ';'), members of `scope` (NULL: file scope). `agg` is
 * the type an aggregate body just read gave (then [a, b) are the declarators after its '}'). */
static void declaration(P *p, uint32_t a, uint32_t b, const char *scope, const char *agg,
                        uint32_t head_a)
{
    bool is_static = false, const_base = false, typedef_ = false;
    uint32_t h0 = agg ? head_a : a;
    for (uint32_t k = h0; k < b; k++) {
        if (is(p, k, "static"))
            is_static = true;
        else if (is(p, k, "typedef"))
            typedef_ = true;
        else if (is(p, k, "constexpr"))
            const_base = true;
        if (ispunct_tok(p, k, '=') || ispunct_tok(p, k, '['))
            break;
    }
    /* the base type: the specifier words up to the first declarator */
    uint32_t type_end = a;
    const char *type = agg;
    if (!agg) {
        mm_buf ty = {0};
        uint32_t k = a;
        for (; k < b; k++) {
            if (at_pp(p, k))
                break;
            if (is(p, k, "__attribute__") && ispunct_tok(p, k + 1, '(')) {
                k = match(p, k + 1, '(', ')');
                continue;
            }
            if (storage_or_qualifier(p, k)) {
                if (is(p, k, "const"))
                    const_base = true;
                continue;
            }
            if (ty.len && ispunct_tok(p, k, '<')) {
                /* a template's arguments are part of the type: std::vector<WiFiConfig> */
                uint32_t close = match(p, k, '<', '>');
                if (close >= b)
                    break;
                for (uint32_t j = k; j <= close; j++) {
                    if (j > k && p->t[j].kind == 'i' && p->t[j - 1].kind == 'i')
                        mm_buf_putc(&ty, ' ');
                    mm_buf_put(&ty, p->s + p->t[j].start, p->t[j].len);
                }
                k = close;
                continue;
            }
            if (p->t[k].kind != 'i' && !(p->t[k].kind == 'p' && p->t[k].len == 2 &&
                                         !memcmp(p->s + p->t[k].start, "::", 2)))
                break;
            /* the declarator name is the last word before *, [, =, ',', ( or the end */
            uint32_t nx = k + 1;
            while (nx < b && storage_or_qualifier(p, nx))
                nx++;
            bool scoped = nx < b && p->t[nx].kind == 'p' && p->t[nx].len == 2 &&
                          !memcmp(p->s + p->t[nx].start, "::", 2); /* std::string */
            bool last_word =
                nx >= b || (p->t[nx].kind != 'i' && !ispunct_tok(p, nx, '<') && !scoped);
            bool struct_kw = is(p, k, "struct") || is(p, k, "union") || is(p, k, "enum") ||
                             is(p, k, "class");
            bool type_word = struct_kw || is(p, k, "unsigned") || is(p, k, "signed") ||
                             is(p, k, "short") || is(p, k, "long");
            if (last_word && ty.len && !type_word && !(k > a && (is(p, k - 1, "struct") ||
                                                              is(p, k - 1, "union") ||
                                                              is(p, k - 1, "enum") ||
                                                              is(p, k - 1, "class"))))
                break;
            if (ty.len && !(p->t[k].kind == 'p' || (k > a && p->t[k - 1].kind == 'p' &&
                                                     p->t[k - 1].len == 2)))
                mm_buf_putc(&ty, ' ');
            mm_buf_put(&ty, p->s + p->t[k].start, p->t[k].len);
        }
        if (!ty.len) {
            mm_buf_free(&ty);
            return;
        }
        /* namespaced types: the last part (std::vector<a::T>: vector<a::T>) */
        const char *full = mm_buf_cstr(&ty);
        const char *args = strchr(full, '<');
        const char *colon = NULL;
        for (const char *q = full; *q && (!args || q < args); q++) {
            if (*q == ':')
                colon = q;
        }
        type = mm_arena_strdup(p->f->arena, colon ? colon + 1 : full);
        mm_buf_free(&ty);
        type_end = k;
    }
    /* declarators, split at ',' */
    uint32_t seg = agg ? a : type_end;
    int depth = 0;
    bool first = true;
    for (uint32_t k = seg; k <= b; k++) {
        if (k < b) {
            if (ispunct_tok(p, k, '(') || ispunct_tok(p, k, '[') || ispunct_tok(p, k, '{') ||
                (ispunct_tok(p, k, '<') && !agg))
                depth++;
            else if (ispunct_tok(p, k, ')') || ispunct_tok(p, k, ']') || ispunct_tok(p, k, '}') ||
                     (ispunct_tok(p, k, '>') && depth > 0))
                depth--;
            if (depth > 0 || !ispunct_tok(p, k, ','))
                continue;
        }
        if (k > seg || first) {
            uint32_t from = first && !agg ? a : seg;
            declarator(p, from, k, type, scope, is_static, const_base, typedef_, first && !agg,
                       first && !agg ? type_end : seg);
            if (typedef_ && agg && k > seg) {
                /* typedef struct { ... } NAME: NAME names the aggregate */
                for (uint32_t j = k; j-- > seg;) {
                    if (p->t[j].kind == 'i' && !storage_or_qualifier(p, j)) {
                        alias al = {text(p, j), agg};
                        mm_vec_push(&p->aliases, al);
                        break;
                    }
                    if (!ispunct_tok(p, j, '*') && p->t[j].kind != 'i')
                        break;
                }
            }
        }
        first = false;
        seg = k + 1;
    }
}

static void scope_body(P *p, uint32_t i, uint32_t end, const char *scope, int level);

/* The statement starting at i (in a scope ending at end): returns the index after it. */
static uint32_t statement(P *p, uint32_t i, uint32_t end, const char *scope, int level)
{
    uint32_t j = i;
    int depth = 0;
    bool has_eq = false, has_paren = false;
    int32_t agg_kw = -1;
    for (; j < end; j++) {
        if (at_pp(p, j)) {
            j = skip_pp(p, j) - 1;
            continue;
        }
        if (ispunct_tok(p, j, '(') || ispunct_tok(p, j, '[')) {
            if (!depth && ispunct_tok(p, j, '(') && !(j > i && is(p, j - 1, "__attribute__")) &&
                !(j > i && is(p, j - 1, "alignas")))
                has_paren = true;
            depth++;
        } else if (ispunct_tok(p, j, ')') || ispunct_tok(p, j, ']')) {
            depth--;
        } else if (!depth) {
            if (ispunct_tok(p, j, ';') || ispunct_tok(p, j, '{') || ispunct_tok(p, j, '}'))
                break;
            if (ispunct_tok(p, j, '='))
                has_eq = true;
            if (!has_eq && !has_paren &&
                (is(p, j, "struct") || is(p, j, "union") || is(p, j, "class") || is(p, j, "enum")))
                agg_kw = (int32_t)j;
        }
    }
    if (j >= end)
        return end;
    if (ispunct_tok(p, j, ';')) {
        if (j > i)
            declaration(p, i, j, scope, NULL, i);
        return j + 1;
    }
    if (ispunct_tok(p, j, '}'))
        return j + 1; /* unbalanced: leave it */
    /* '{' */
    uint32_t close = match(p, j, '{', '}');
    if (close >= p->n)
        return p->n;
    if (has_eq) {
        /* an initializer: the declaration goes on to its ';' */
        uint32_t k = close + 1;
        int d = 0;
        for (; k < end; k++) {
            if (ispunct_tok(p, k, '{') || ispunct_tok(p, k, '(') || ispunct_tok(p, k, '['))
                d++;
            else if (ispunct_tok(p, k, '}') || ispunct_tok(p, k, ')') || ispunct_tok(p, k, ']'))
                d--;
            else if (!d && ispunct_tok(p, k, ';'))
                break;
        }
        declaration(p, i, k, scope, NULL, i);
        return k + 1;
    }
    if (agg_kw >= 0 && !has_paren) {
        bool is_enum = is(p, (uint32_t)agg_kw, "enum");
        const char *kw = text(p, (uint32_t)agg_kw);
        const char *tag = NULL;
        if (p->t[agg_kw + 1].kind == 'i' && (uint32_t)agg_kw + 1 < j)
            tag = text(p, (uint32_t)agg_kw + 1);
        const char *id = tag ? mm_arena_printf(p->f->arena, "%s %s", kw, tag)
                             : mm_arena_printf(p->f->arena, "@%u", ++p->anon);
        if (tag) {
            alias al = {tag, id};
            mm_vec_push(&p->aliases, al); /* C++: the tag names the type */
        }
        if (!is_enum && level < MAX_SCOPE_DEPTH)
            scope_body(p, j + 1, close, id, level + 1);
        /* declarators after the body */
        uint32_t k = close + 1;
        int d = 0;
        for (; k < end; k++) {
            if (ispunct_tok(p, k, '{') || ispunct_tok(p, k, '(') || ispunct_tok(p, k, '['))
                d++;
            else if (ispunct_tok(p, k, '}') || ispunct_tok(p, k, ')') || ispunct_tok(p, k, ']'))
                d--;
            else if (!d && ispunct_tok(p, k, ';'))
                break;
        }
        if (!is_enum && k > close + 1)
            declaration(p, close + 1, k, scope, id, i);
        return k < end ? k + 1 : end;
    }
    /* extern "C" { ... } and namespace x { ... }: the same scope goes on inside */
    bool transparent = false;
    for (uint32_t k = i; k < j; k++)
        transparent |= is(p, k, "namespace") || (is(p, k, "extern") && k + 1 < j &&
                                                 p->t[k + 1].kind == 's');
    if (transparent && level < MAX_SCOPE_DEPTH) {
        scope_body(p, j + 1, close, scope, level + 1);
        return close + 1;
    }
    /* a function body (or something else): its declaration, then skip it */
    if (has_paren && scope == NULL) {
        uint32_t b = j;
        declaration(p, i, b, scope, NULL, i);
    } else if (has_paren) {
        declaration(p, i, j, scope, NULL, i); /* an inline member function */
    }
    return close + 1;
}

static void scope_body(P *p, uint32_t i, uint32_t end, const char *scope, int level)
{
    while (i < end) {
        if (at_pp(p, i)) {
            i = skip_pp(p, i);
            continue;
        }
        if (ispunct_tok(p, i, ';')) {
            i++;
            continue;
        }
        /* C++ access specifiers */
        if ((is(p, i, "public") || is(p, i, "private") || is(p, i, "protected")) &&
            ispunct_tok(p, i + 1, ':')) {
            i += 2;
            continue;
        }
        uint32_t next = statement(p, i, end, scope, level);
        i = next > i ? next : i + 1;
    }
}

const mm_cdecls *mm_cdecl_get(mm_file *f)
{
    if (!f->cf)
        f->cf = mm_arena_calloc(f->arena, 1, sizeof *f->cf);
    if (f->cf->decls)
        return f->cf->decls;
    const mm_clex *x = mm_clex_toks(f);
    P p;
    memset(&p, 0, sizeof p);
    p.f = f;
    p.s = x->src;
    p.t = x->toks;
    p.n = x->n;
    p.cpp = f->kind == MM_KIND_CPP;
    scope_body(&p, 0, p.n, NULL, 0);
    mm_cdecls *d = mm_arena_calloc(f->arena, 1, sizeof *d);
    d->n = (uint32_t)p.out.n;
    d->v = mm_arena_alloc(f->arena, (p.out.n ? p.out.n : 1) * sizeof *d->v);
    if (p.out.n)
        memcpy(d->v, p.out.v, p.out.n * sizeof *p.out.v);
    d->naliases = (uint32_t)p.aliases.n;
    d->aliases = mm_arena_alloc(f->arena, (p.aliases.n ? p.aliases.n : 1) * sizeof *d->aliases);
    if (p.aliases.n)
        memcpy(d->aliases, p.aliases.v, p.aliases.n * sizeof *p.aliases.v);
    mm_vec_free(&p.out);
    mm_vec_free(&p.aliases);
    f->cf->decls = d;
    return d;
}

const mm_cdecl *mm_cdecl_all(const mm_cdecls *d, uint32_t *n)
{
    *n = d->n;
    return d->v;
}

const mm_cdecl *mm_cdecl_global(const mm_cdecls *d, const char *name)
{
    const mm_cdecl *found = NULL;
    for (uint32_t i = 0; i < d->n; i++) {
        const mm_cdecl *c = &d->v[i];
        if (!c->scope && !c->function && !strcmp(c->name, name))
            found = c;
    }
    return found;
}

const mm_cdecl *mm_cdecl_function(const mm_cdecls *d, const char *name)
{
    const mm_cdecl *found = NULL;
    for (uint32_t i = 0; i < d->n; i++) {
        const mm_cdecl *c = &d->v[i];
        if (!c->scope && c->function && !strcmp(c->name, name))
            found = c;
    }
    return found;
}

const mm_cdecl *mm_cdecl_any(const mm_cdecls *d, const char *name)
{
    const mm_cdecl *found = NULL;
    for (uint32_t i = 0; i < d->n; i++) {
        const mm_cdecl *c = &d->v[i];
        if (c->function || strcmp(c->name, name) != 0 ||
            (c->scope && !strcmp(c->scope, "typedef")))
            continue;
        if (found && (strcmp(found->type, c->type) != 0 || found->pointer != c->pointer ||
                      (found->init == NULL) != (c->init == NULL) ||
                      (found->init && strcmp(found->init, c->init) != 0)))
            return NULL;
        found = c;
    }
    return found;
}

/* The scope id of an aggregate named `type` in this file, or NULL. */
static const char *scope_of(const mm_cdecls *d, const char *type)
{
    if (type[0] == '@')
        return type;
    for (uint32_t i = 0; i < d->naliases; i++) {
        if (!strcmp(d->aliases[i].name, type))
            return d->aliases[i].scope;
    }
    const char *sp = strchr(type, ' ');
    if (sp && (mm_str_starts(type, "struct ") || mm_str_starts(type, "union ") ||
               mm_str_starts(type, "class "))) {
        /* "struct foo": declared as such, or (C++) known by its tag */
        for (uint32_t i = 0; i < d->n; i++) {
            if (d->v[i].scope && !strcmp(d->v[i].scope, type))
                return type;
        }
        return scope_of(d, sp + 1);
    }
    return NULL;
}

bool mm_cdecl_has_type(const mm_cdecls *d, const char *type)
{
    return scope_of(d, type) != NULL;
}

const mm_cdecl *mm_cdecl_member(const mm_cdecls *d, const char *type, const char *field)
{
    const char *scope = scope_of(d, type);
    if (!scope)
        return NULL;
    for (uint32_t i = 0; i < d->n; i++) {
        const mm_cdecl *c = &d->v[i];
        if (c->scope && !strcmp(c->scope, scope) && !c->function && !strcmp(c->name, field))
            return c;
    }
    return NULL;
}

const mm_cdecl *mm_cdecl_typedef(const mm_cdecls *d, const char *name)
{
    for (uint32_t i = 0; i < d->n; i++) {
        const mm_cdecl *c = &d->v[i];
        if (c->scope && !strcmp(c->scope, "typedef") && !strcmp(c->name, name))
            return c;
    }
    return NULL;
}
