/* clex.c: the whole-file token view of C/C++ text (see clex.h). The tree-sitter front end
 * parses only the items around prefilter hits; the questions here are about the whole file
 * ("does it call a signature check anywhere?", "what is VERIFY #defined to?"), and a lexer
 * answers them for a fraction of a parse. Built on demand, once per file, in its arena. */
#define _GNU_SOURCE
#include "front/clex.h"

#include <ctype.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#include "front/cfront.h"
#include "front/cpp.h"
#include "model/policy.h"

typedef MM_VEC(mm_ctok) tokvec;

static bool ident_start(char c)
{
    return isalpha((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Tokens of s[0..n): comments dropped, string and char literals one token each (raw strings
 * included), two-character operators that matter here (-> :: == !=) kept whole. */
static void lex(const char *s, size_t n, tokvec *out)
{
    size_t i = 0;
    bool line_start = true;
    while (i < n) {
        char c = s[i];
        if (c == '\n') {
            line_start = true;
            i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
            continue;
        }
        if (c == '\\' && i + 1 < n && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
            i += 2; /* continuation: the logical line goes on */
            if (i < n && s[i - 1] == '\r' && s[i] == '\n')
                i++;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            while (i < n && s[i] != '\n') {
                if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\n')
                    i++;
                i++;
            }
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            const char *e = n - i > 2 ? memmem(s + i + 2, n - i - 2, "*/", 2) : NULL;
            size_t end = e ? (size_t)(e - s) + 2 : n;
            if (memchr(s + i, '\n', end - i))
                line_start = true; /* what follows starts a line as far as directives go */
            i = end;
            continue;
        }
        mm_ctok t = {(uint32_t)i, 0, 'p', line_start};
        line_start = false;
        size_t j = i;
        /* string prefixes L u U u8 R */
        size_t k = i;
        while (k < n && k - i < 3 && (s[k] == 'L' || s[k] == 'u' || s[k] == 'U' || s[k] == '8'))
            k++;
        bool raw = k < n && s[k] == 'R' && k + 1 < n && s[k + 1] == '"';
        if (raw) {
            size_t d = k + 2, ds = d;
            while (d < n && s[d] != '(' && d - ds < 16)
                d++;
            size_t dl = d - ds;
            size_t e = d + 1;
            for (; e < n; e++) {
                if (s[e] == ')' && e + 1 + dl < n && !memcmp(s + e + 1, s + ds, dl) &&
                    s[e + 1 + dl] == '"')
                    break;
            }
            j = e < n ? e + dl + 2 : n;
            t.kind = 's';
        } else if ((k < n && (s[k] == '"' || s[k] == '\'')) && (k == i || s[i] != '8')) {
            char q = s[k];
            j = k + 1;
            while (j < n && s[j] != q && s[j] != '\n') {
                if (s[j] == '\\' && j + 1 < n)
                    j++;
                j++;
            }
            if (j < n && s[j] == q)
                j++;
            t.kind = 's';
        } else if (ident_start(c)) {
            while (j < n && ident_char(s[j]))
                j++;
            t.kind = 'i';
        } else if (isdigit((unsigned char)c) || (c == '.' && i + 1 < n && isdigit((unsigned char)s[i + 1]))) {
            while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '.' || s[j] == '\'' ||
                             ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E' ||
                                                               s[j - 1] == 'p' || s[j - 1] == 'P'))))
                j++;
            t.kind = 'n';
        } else {
            j = i + 1;
            if (i + 1 < n) {
                char d = s[i + 1];
                if ((c == '-' && d == '>') || (c == ':' && d == ':') || (c == '=' && d == '=') ||
                    (c == '!' && d == '=') || (c == '&' && d == '&') || (c == '|' && d == '|'))
                    j = i + 2;
            }
        }
        t.len = (uint32_t)(j - i);
        mm_vec_push(out, t);
        i = j;
    }
}

mm_ctok *mm_clex_tokens(mm_arena *a, const char *s, size_t n, uint32_t *count)
{
    tokvec tv = {0};
    lex(s, n, &tv);
    mm_ctok *out = mm_arena_alloc(a, (tv.n ? tv.n : 1) * sizeof *out);
    if (tv.n)
        memcpy(out, tv.v, tv.n * sizeof *tv.v);
    *count = (uint32_t)tv.n;
    mm_vec_free(&tv);
    return out;
}

const char *mm_c_printf_term(mm_arena *a, const char *fmt, const char *const *args, size_t n)
{
    mm_buf b = {0};
    mm_buf_puts(&b, "printf(");
    for (size_t i = 0; i <= n; i++) {
        const char *t = i ? args[i - 1] : fmt;
        if (i)
            mm_buf_putc(&b, ',');
        for (; *t; t++) {
            if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
                mm_buf_putc(&b, *t);
        }
    }
    mm_buf_putc(&b, ')');
    const char *out = mm_arena_strndup(a, b.data, b.len);
    mm_buf_free(&b);
    return out;
}

bool mm_c_text_konst(const char *text)
{
    tokvec tv = {0};
    lex(text, strlen(text), &tv);
    bool ok = tv.n > 0, any_str = false;
    for (size_t i = 0; i < tv.n && ok; i++) {
        const mm_ctok *t = &tv.v[i];
        const char *p = text + t->start;
        if (t->kind == 's') {
            any_str |= p[t->len - 1] == '"';
        } else if (t->kind == 'i') {
            for (uint32_t k = 0; k < t->len && ok; k++)
                ok = isupper((unsigned char)p[k]) || isdigit((unsigned char)p[k]) || p[k] == '_';
        } else if (t->kind == 'p') {
            ok = t->len == 1 && strchr("(),#", p[0]);
        }
    }
    mm_vec_free(&tv);
    return ok && any_str;
}

bool mm_ctok_is(const char *src, const mm_ctok *t, const char *w)
{
    size_t n = strlen(w);
    return t->len == n && !memcmp(src + t->start, w, n);
}

static bool is_punct(const char *s, const mm_ctok *t, const char *p)
{
    return t->kind == 'p' && mm_ctok_is(s, t, p);
}

/* Keywords after which `name(` is a call, not a declaration. */
static bool call_keyword(const char *s, const mm_ctok *t)
{
    static const char *const kw[] = {"return", "else", "do", "case", "sizeof", "typeof",
                                     "alignof", "throw", "co_return", "co_await", "co_yield",
                                     "and", "or", "not", "defined", "__typeof__", NULL};
    for (const char *const *k = kw; *k; k++) {
        if (mm_ctok_is(s, t, *k))
            return true;
    }
    return false;
}

/* A macro name that says its branch is built for debugging (+1) or for release (-1). */
static int debug_word(const char *s, size_t n)
{
    if (n == 6 && !memcmp(s, "NDEBUG", 6))
        return -1;
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == '_')
            i++;
        size_t st = i;
        while (i < n && s[i] != '_')
            i++;
        size_t wl = i - st;
        if ((wl == 5 && !strncasecmp(s + st, "DEBUG", 5)) || (wl == 3 && !strncasecmp(s + st, "DBG", 3)))
            return 1;
        if ((wl == 7 && !strncasecmp(s + st, "RELEASE", 7)) ||
            (wl == 10 && !strncasecmp(s + st, "PRODUCTION", 10)))
            return -1;
    }
    return 0;
}

/* The debug sense of a #if/#elif condition, tokens [a, b): `X`, `defined(X)`, `defined X`,
 * `!X`, `X == 0`, `X != 0`, `0` (dead code: not what ships either). */
static int condition_sense(const char *s, const mm_ctok *t, uint32_t a, uint32_t b)
{
    int neg = 1;
    uint32_t i = a;
    while (i < b && is_punct(s, &t[i], "!")) {
        neg = -neg;
        i++;
    }
    if (i < b && t[i].kind == 'i' && mm_ctok_is(s, &t[i], "defined")) {
        i++;
        bool paren = i < b && is_punct(s, &t[i], "(");
        if (paren)
            i++;
        if (i >= b || t[i].kind != 'i')
            return 0;
        uint32_t x = i++;
        if (paren && (i >= b || !is_punct(s, &t[i++], ")")))
            return 0;
        return i == b ? neg * debug_word(s + t[x].start, t[x].len) : 0;
    }
    if (i + 1 == b && t[i].kind == 'n' && mm_ctok_is(s, &t[i], "0") && neg == 1)
        return 1;
    if (i < b && t[i].kind == 'i') {
        uint32_t x = i++;
        int w = debug_word(s + t[x].start, t[x].len);
        if (i == b)
            return neg * w;
        if (i + 2 == b && t[i + 1].kind == 'n') {
            bool zero = mm_ctok_is(s, &t[i + 1], "0");
            if (is_punct(s, &t[i], "=="))
                return neg * (zero ? -w : w);
            if (is_punct(s, &t[i], "!="))
                return neg * (zero ? w : -w);
        }
    }
    return 0;
}

static uint32_t line_end_tok(const mm_ctok *t, uint32_t n, uint32_t i)
{
    while (i < n && !t[i].line_start)
        i++;
    return i;
}

static void index_file(mm_file *f, mm_clex *x)
{
    const char *s = x->src;
    mm_ctok *t = x->toks;
    uint32_t n = x->n;
    MM_VEC(int8_t) if_sense = {0}; /* per open #if: the sense of its first branch; 2 after #elif */
    for (uint32_t i = 0; i < n; i++) {
        if (t[i].kind == 'p' && t[i].line_start && mm_ctok_is(s, &t[i], "#") && i + 1 < n &&
            t[i + 1].kind == 'i' && !t[i + 1].line_start) {
            const mm_ctok *d = &t[i + 1];
            uint32_t end = line_end_tok(t, n, i + 2);
            if (mm_ctok_is(s, d, "define") && i + 2 < end && t[i + 2].kind == 'i') {
                const mm_ctok *nm = &t[i + 2];
                bool fnlike = nm->start + nm->len < f->len && s[nm->start + nm->len] == '(';
                if (!fnlike) {
                    mm_cdefine def = {mm_arena_strndup(f->arena, s + nm->start, nm->len), i + 3,
                                      end, end < n ? t[end].start : (uint32_t)f->len};
                    mm_vec_push(&x->defines, def);
                }
                continue; /* calls in the body count: they run where the macro is used */
            }
            mm_cdirective dir = {t[i].start, 0, 0};
            if (mm_ctok_is(s, d, "if") || mm_ctok_is(s, d, "ifdef") || mm_ctok_is(s, d, "ifndef")) {
                dir.what = 'i';
                if (mm_ctok_is(s, d, "if"))
                    dir.debug = (int8_t)condition_sense(s, t, i + 2, end);
                else if (i + 2 < end && t[i + 2].kind == 'i')
                    dir.debug = (int8_t)((mm_ctok_is(s, d, "ifdef") ? 1 : -1) *
                                         debug_word(s + t[i + 2].start, t[i + 2].len));
                mm_vec_push(&if_sense, dir.debug);
            } else if (mm_ctok_is(s, d, "elif") || mm_ctok_is(s, d, "elifdef") || mm_ctok_is(s, d, "elifndef")) {
                dir.what = 'e';
                if (mm_ctok_is(s, d, "elif"))
                    dir.debug = (int8_t)condition_sense(s, t, i + 2, end);
                else if (i + 2 < end && t[i + 2].kind == 'i')
                    dir.debug = (int8_t)((mm_ctok_is(s, d, "elifdef") ? 1 : -1) *
                                         debug_word(s + t[i + 2].start, t[i + 2].len));
                if (if_sense.n)
                    if_sense.v[if_sense.n - 1] = 2;
            } else if (mm_ctok_is(s, d, "else")) {
                dir.what = 'l';
                int8_t first = if_sense.n ? if_sense.v[if_sense.n - 1] : 0;
                dir.debug = (int8_t)(first == 2 ? 0 : -first);
            } else if (mm_ctok_is(s, d, "endif")) {
                dir.what = 'n';
                if (if_sense.n)
                    if_sense.n--;
            }
            if (dir.what)
                mm_vec_push(&x->directives, dir);
            continue;
        }
        if (t[i].kind != 'i')
            continue;
        if (!mm_strset_hasn(&x->idents, s + t[i].start, t[i].len))
            mm_strset_add(&x->idents, mm_arena_strndup(f->arena, s + t[i].start, t[i].len));
        if (i + 1 >= n || !is_punct(s, &t[i + 1], "("))
            continue;
        const mm_ctok *prev = i ? &t[i - 1] : NULL;
        if (prev && (is_punct(s, prev, ".") || is_punct(s, prev, "->"))) {
            const mm_ctok *obj = i >= 2 ? &t[i - 2] : NULL;
            char *any = mm_arena_printf(f->arena, "*.%.*s", (int)t[i].len, s + t[i].start);
            mm_strset_add(&x->member_calls, any);
            if (obj && obj->kind == 'i') {
                char *m = mm_arena_printf(f->arena, "%.*s.%.*s", (int)obj->len, s + obj->start,
                                          (int)t[i].len, s + t[i].start);
                mm_strset_add(&x->member_calls, m);
            }
            continue;
        }
        /* `T name(` and `T Class::name(` declare or define; anything else calls */
        const mm_ctok *before = prev;
        if (prev && is_punct(s, prev, "::") && i >= 3 && t[i - 2].kind == 'i')
            before = &t[i - 3];
        else if (prev && is_punct(s, prev, "::"))
            before = NULL;
        if (before && before->kind == 'i' && !call_keyword(s, before))
            continue;
        if (!mm_strset_hasn(&x->called, s + t[i].start, t[i].len))
            mm_strset_add(&x->called, mm_arena_strndup(f->arena, s + t[i].start, t[i].len));
    }
    mm_vec_free(&if_sense);
}

const mm_clex *mm_clex_toks(mm_file *f)
{
    if (f->cf && f->cf->lex)
        return f->cf->lex;
    mm_clex *x = mm_arena_calloc(f->arena, 1, sizeof *x);
    x->src = f->data;
    tokvec tv = {0};
    lex(f->data, f->len, &tv);
    x->n = (uint32_t)tv.n;
    x->toks = mm_arena_alloc(f->arena, (tv.n ? tv.n : 1) * sizeof *x->toks);
    if (tv.n)
        memcpy(x->toks, tv.v, tv.n * sizeof *tv.v);
    mm_vec_free(&tv);
    if (!f->cf)
        f->cf = mm_arena_calloc(f->arena, 1, sizeof *f->cf);
    f->cf->lex = x;
    return x;
}

const mm_clex *mm_clex_get(mm_file *f)
{
    mm_clex *x = (mm_clex *)mm_clex_toks(f);
    if (!x->indexed) {
        x->indexed = true;
        index_file(f, x);
    }
    return x;
}

void mm_clex_release(mm_file *f)
{
    if (!f->cf || !f->cf->lex)
        return;
    mm_clex *x = f->cf->lex;
    mm_strset_free(&x->called);
    mm_strset_free(&x->member_calls);
    mm_strset_free(&x->idents);
    mm_vec_free(&x->defines);
    mm_vec_free(&x->directives);
    f->cf->lex = NULL;
}

bool mm_clex_calls(const mm_clex *x, const char *spec)
{
    size_t n = strlen(spec);
    if (!n)
        return false;
    if (spec[n - 1] != '*')
        return mm_strset_has(strchr(spec, '.') ? &x->member_calls : &x->called, spec);
    /* a prefix: look through the names called, not through the tokens */
    const mm_strset *set = strchr(spec, '.') ? &x->member_calls : &x->called;
    for (size_t i = 0; i < set->cap; i++) {
        if (set->slots[i] && !strncmp(set->slots[i], spec, n - 1))
            return true;
    }
    return false;
}

uint32_t mm_clex_call_at(const mm_clex *x, const char *spec)
{
    size_t n = strlen(spec);
    bool prefix = n && spec[n - 1] == '*';
    const char *dot = strchr(spec, '.');
    if (!prefix) {
        const mm_strset *set = dot ? &x->member_calls : &x->called;
        if (!mm_strset_has(set, spec))
            return UINT32_MAX;
    }
    /* find where: the first token sequence that makes the call */
    const char *s = x->src;
    const char *name = dot ? dot + 1 : spec;
    size_t nl = strlen(name) - (prefix ? 1 : 0);
    for (uint32_t i = 0; i + 1 < x->n; i++) {
        const mm_ctok *t = &x->toks[i];
        if (t->kind != 'i' || t->len < nl || memcmp(s + t->start, name, nl) != 0 ||
            (!prefix && t->len != nl) || !is_punct(s, &x->toks[i + 1], "("))
            continue;
        bool member = i && (is_punct(s, &x->toks[i - 1], ".") || is_punct(s, &x->toks[i - 1], "->"));
        if (dot) {
            if (!member)
                continue;
            if (!(dot - spec == 1 && spec[0] == '*')) {
                const mm_ctok *o = i >= 2 ? &x->toks[i - 2] : NULL;
                if (!o || o->kind != 'i' || o->len != (size_t)(dot - spec) ||
                    memcmp(s + o->start, spec, o->len) != 0)
                    continue;
            }
            return t->start;
        }
        if (member)
            continue;
        if (prefix) {
            char buf[128];
            if (t->len >= sizeof buf)
                continue;
            memcpy(buf, s + t->start, t->len);
            buf[t->len] = 0;
            if (!mm_strset_has(&x->called, buf))
                continue;
        } else {
            const mm_ctok *prev = i ? &x->toks[i - 1] : NULL;
            if (prev && prev->kind == 'i' && !call_keyword(s, prev))
                continue; /* a declaration */
        }
        return t->start;
    }
    return UINT32_MAX;
}

bool mm_clex_mentions(const mm_clex *x, const char *ident)
{
    return mm_strset_has(&x->idents, ident);
}

/* --- constant values ---------------------------------------------------------------------------- */

enum { MAX_DEPTH = 8 };

bool mm_c_number(const char *s, size_t n, int64_t *out)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\'')
            buf[k++] = s[i]; /* C++14 digit separators */
    }
    buf[k] = 0;
    while (k && (buf[k - 1] == 'u' || buf[k - 1] == 'U' || buf[k - 1] == 'l' || buf[k - 1] == 'L'))
        buf[--k] = 0;
    if (!k)
        return false;
    char *end;
    long long v;
    if (k > 2 && buf[0] == '0' && (buf[1] == 'b' || buf[1] == 'B'))
        v = strtoll(buf + 2, &end, 2);
    else
        v = strtoll(buf, &end, 0);
    if (*end)
        return false;
    *out = v;
    return true;
}

/* A value text as a number: 0x10, 1UL, true, false. */
static bool text_number(const char *s, int64_t *out)
{
    if (!strcmp(s, "true") || !strcmp(s, "TRUE")) {
        *out = 1;
        return true;
    }
    if (!strcmp(s, "false") || !strcmp(s, "FALSE")) {
        *out = 0;
        return true;
    }
    bool neg = *s == '-';
    if (neg)
        s++;
    if (!mm_c_number(s, strlen(s), out))
        return false;
    if (neg)
        *out = -*out;
    return true;
}

static const mm_cdefine *find_define(mm_file *f, const mm_clex *x, const char *name, size_t n,
                                     bool *ambiguous)
{
    const mm_cdefine *found = NULL;
    *ambiguous = false;
    for (size_t i = 0; i < x->defines.n; i++) {
        const mm_cdefine *d = &x->defines.v[i];
        if (strlen(d->name) != n || memcmp(d->name, name, n) != 0)
            continue;
        /* a #define in code that is never compiled defines nothing */
        const char *why;
        int st = mm_pp_cond_at(f, x->toks[d->body_first ? d->body_first - 1 : 0].start, &why);
        if (st == MM_COND_DEAD || st == MM_COND_OFF)
            continue;
        if (!found) {
            found = d;
            continue;
        }
        /* a second definition: the same body, or we cannot tell which one applies */
        uint32_t a = found->body_first, b = d->body_first;
        bool same = found->body_end - a == d->body_end - b;
        for (; same && a < found->body_end; a++, b++) {
            const mm_ctok *p = &x->toks[a], *q = &x->toks[b];
            same = p->len == q->len && !memcmp(x->src + p->start, x->src + q->start, p->len);
        }
        if (!same)
            *ambiguous = true;
    }
    return found;
}

typedef struct vctx {
    mm_file *f;
    const mm_clex *x; /* built when a name must be looked up */
    mm_buf via;
    bool ambiguous;
} vctx;

static const char *toks_text(mm_arena *a, const char *s, const mm_ctok *t, uint32_t n)
{
    mm_buf b = {0};
    for (uint32_t i = 0; i < n; i++) {
        if (i && !(t[i].kind == 'p' && (mm_ctok_is(s, &t[i], ")") || mm_ctok_is(s, &t[i], "]"))) &&
            !(t[i - 1].kind == 'p' && (mm_ctok_is(s, &t[i - 1], "(") || mm_ctok_is(s, &t[i - 1], "["))))
            mm_buf_putc(&b, ' ');
        mm_buf_put(&b, s + t[i].start, t[i].len);
    }
    const char *out = mm_arena_strndup(a, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
    return out;
}

static void eval(vctx *c, const char *s, const mm_ctok *t, uint32_t n, int depth, mm_cvalue *out);

/* Strips what does not change a value: parentheses around it, casts, C++ named casts. */
static void strip(const char *s, const mm_ctok **tp, uint32_t *np)
{
    const mm_ctok *t = *tp;
    uint32_t n = *np;
    for (int guard = 0; guard < 16 && n >= 2; guard++) {
        if (is_punct(s, &t[0], "(")) {
            /* the parentheses enclose everything? */
            int depth = 0;
            uint32_t close = 0;
            for (uint32_t i = 0; i < n; i++) {
                if (is_punct(s, &t[i], "("))
                    depth++;
                else if (is_punct(s, &t[i], ")") && --depth == 0) {
                    close = i;
                    break;
                }
            }
            if (close == n - 1 && is_punct(s, &t[n - 1], ")")) {
                t++;
                n -= 2;
                continue;
            }
            /* a cast: (type words and *) followed by the value */
            bool cast = close > 1;
            for (uint32_t i = 1; i < close && cast; i++)
                cast = t[i].kind == 'i' || is_punct(s, &t[i], "*") || is_punct(s, &t[i], "::");
            /* (x) - 1 subtracts: after a cast comes an operand, not an operator */
            if (cast && close + 1 < n && t[close + 1].kind == 'p' &&
                !is_punct(s, &t[close + 1], "("))
                cast = false;
            if (cast && close + 1 < n) {
                t += close + 1;
                n -= close + 1;
                continue;
            }
            break;
        }
        /* static_cast<T>(v) and friends */
        if (n >= 5 && t[0].kind == 'i' &&
            (mm_ctok_is(s, &t[0], "static_cast") || mm_ctok_is(s, &t[0], "reinterpret_cast") ||
             mm_ctok_is(s, &t[0], "const_cast")) &&
            is_punct(s, &t[n - 1], ")")) {
            uint32_t i = 1;
            while (i < n && !is_punct(s, &t[i], "("))
                i++;
            if (i + 1 < n) {
                t += i;
                n -= i;
                continue;
            }
        }
        break;
    }
    *tp = t;
    *np = n;
}

static void eval_name(vctx *c, const char *s, const mm_ctok *t, int depth, mm_cvalue *out)
{
    const char *name = s + t->start;
    size_t n = t->len;
    out->kind = MM_CV_IDENT;
    out->text = mm_arena_strndup(c->f->arena, name, n);
    if ((n == 4 && !memcmp(name, "true", 4)) || (n == 4 && !memcmp(name, "TRUE", 4))) {
        out->kind = MM_CV_NUMBER;
        out->num = 1;
        return;
    }
    if ((n == 5 && !memcmp(name, "false", 5)) || (n == 5 && !memcmp(name, "FALSE", 5))) {
        out->kind = MM_CV_NUMBER;
        out->is_null = true;
        return;
    }
    if ((n == 4 && !memcmp(name, "NULL", 4)) || (n == 7 && !memcmp(name, "nullptr", 7))) {
        out->kind = MM_CV_NUMBER;
        out->is_null = true;
        return;
    }
    if (depth >= MAX_DEPTH)
        return;
    if (!c->x)
        c->x = mm_clex_get(c->f);
    bool amb;
    const mm_cdefine *d = find_define(c->f, c->x, name, n, &amb);
    if (!d || d->body_end <= d->body_first)
        return;
    c->ambiguous |= amb;
    if (c->via.len)
        mm_buf_puts(&c->via, " -> ");
    mm_buf_put(&c->via, name, n);
    mm_cvalue inner;
    eval(c, c->x->src, &c->x->toks[d->body_first], d->body_end - d->body_first, depth + 1, &inner);
    *out = inner;
}

static void eval(vctx *c, const char *s, const mm_ctok *t, uint32_t n, int depth, mm_cvalue *out)
{
    memset(out, 0, sizeof *out);
    strip(s, &t, &n);
    out->text = toks_text(c->f->arena, s, t, n);
    if (n == 0)
        return;
    if (n == 1 && t[0].kind == 'i') {
        eval_name(c, s, &t[0], depth, out);
        return;
    }
    if (n == 1 && t[0].kind == 'n') {
        if (mm_c_number(s + t[0].start, t[0].len, &out->num)) {
            out->kind = MM_CV_NUMBER;
            out->is_null = out->num == 0;
        }
        return;
    }
    if (n == 2 && is_punct(s, &t[0], "-") && t[1].kind == 'n') {
        if (mm_c_number(s + t[1].start, t[1].len, &out->num)) {
            out->kind = MM_CV_NUMBER;
            out->num = -out->num;
        }
        return;
    }
    /* string literals, possibly joined with macros that stand for literals */
    bool any_str = false, all = true;
    for (uint32_t i = 0; i < n && all; i++) {
        if (t[i].kind == 's' && s[t[i].start + t[i].len - 1] == '"')
            any_str = true;
        else if (t[i].kind != 'i')
            all = false;
    }
    if (!any_str || !all)
        return;
    mm_buf v = {0};
    bool exact = true;
    for (uint32_t i = 0; i < n; i++) {
        if (t[i].kind == 's') {
            mm_c_string_decode(s + t[i].start, t[i].len, &v);
            continue;
        }
        mm_cvalue piece;
        eval_name(c, s, &t[i], depth + 1, &piece);
        if (piece.kind == MM_CV_STRING) {
            mm_buf_put(&v, piece.str, piece.str_len);
            exact &= piece.str_exact;
        } else {
            mm_buf_putc(&v, MM_STR_GAP);
            exact = false;
        }
    }
    out->kind = MM_CV_STRING;
    out->str = mm_arena_strndup(c->f->arena, v.data ? v.data : "", v.len);
    out->str_len = (uint32_t)v.len;
    out->str_exact = exact;
    out->is_null = exact && v.len == 0;
    mm_buf_free(&v);
}

void mm_c_value(mm_file *f, const char *text, mm_cvalue *out)
{
    tokvec tv = {0};
    lex(text, strlen(text), &tv);
    vctx c = {f, NULL, {0}, false};
    eval(&c, text, tv.v, (uint32_t)tv.n, 0, out);
    out->ambiguous = c.ambiguous;
    out->via = c.via.len ? mm_arena_strndup(f->arena, c.via.data, c.via.len) : NULL;
    mm_buf_free(&c.via);
    mm_vec_free(&tv);
}

bool mm_cvalue_in(const mm_cvalue *v, char *const *values, size_t n)
{
    if (v->ambiguous)
        return false; /* #if A / #define X 0 / #else / #define X 1: which one is built is unknown */
    for (size_t i = 0; i < n; i++) {
        const char *want = values[i];
        if (v->text && !strcmp(v->text, want))
            return true;
        int64_t num;
        if (v->kind == MM_CV_NUMBER && text_number(want, &num) && num == v->num)
            return true;
        /* a macro on the way: #define MODE MBEDTLS_SSL_VERIFY_NONE resolves through MODE */
        if (v->via) {
            size_t wl = strlen(want);
            for (const char *p = v->via; (p = strstr(p, want)); p += wl) {
                bool left = p == v->via || p[-1] == ' ';
                bool right = p[wl] == 0 || p[wl] == ' ';
                if (left && right)
                    return true;
            }
        }
    }
    return false;
}

/* --- profiles of code ------------------------------------------------------------------------- */

bool mm_path_is_test(const char *path)
{
    static const char *const dirs[] = {"test", "tests", "testing", "unittest", "unittests",
                                       "unit_tests", "unit-tests", "mock", "mocks", "__tests__",
                                       "test_apps", "host_test", NULL};
    const char *seg = path;
    for (const char *p = path;; p++) {
        if (*p == '/' || *p == 0) {
            size_t n = (size_t)(p - seg);
            if (*p == '/') {
                for (const char *const *d = dirs; *d; d++) {
                    if (strlen(*d) == n && !strncasecmp(seg, *d, n))
                        return true;
                }
            } else {
                /* the file name: test_x.c, x_test.cc, x_tests.c, xTest.cpp, x_unittest.cc */
                const char *dot = memrchr(seg, '.', n);
                size_t stem = dot ? (size_t)(dot - seg) : n;
                if ((stem > 5 && !strncmp(seg, "test_", 5)) ||
                    (stem > 5 && !strncmp(seg + stem - 5, "_test", 5)) ||
                    (stem > 6 && !strncmp(seg + stem - 6, "_tests", 6)) ||
                    (stem > 4 && !strncmp(seg + stem - 4, "Test", 4)) ||
                    (stem > 9 && !strncmp(seg + stem - 9, "_unittest", 9)))
                    return true;
            }
            if (!*p)
                break;
            seg = p + 1;
        }
    }
    return false;
}

const char *mm_code_profile(mm_file *f, uint32_t off)
{
    if (!strcmp((f->profile ? f->profile : mm_profile_of(f->policy, f->path)), "debug") || mm_path_is_test(f->path))
        return "debug";
    const mm_clex *x = mm_clex_get(f);
    MM_VEC(int8_t) stack = {0};
    for (size_t i = 0; i < x->directives.n && x->directives.v[i].off < off; i++) {
        const mm_cdirective *d = &x->directives.v[i];
        if (d->what == 'i')
            mm_vec_push(&stack, d->debug);
        else if ((d->what == 'e' || d->what == 'l') && stack.n)
            stack.v[stack.n - 1] = d->debug;
        else if (d->what == 'n' && stack.n)
            stack.n--;
    }
    bool debug = false;
    for (size_t i = 0; i < stack.n; i++)
        debug |= stack.v[i] > 0;
    mm_vec_free(&stack);
    return debug ? "debug" : "release";
}

/* --- lexical queries ------------------------------------------------------------------------------ */

/* First token at or after off (binary search). */
static uint32_t tok_index(const mm_clex *x, uint32_t off)
{
    uint32_t lo = 0, hi = x->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (x->toks[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool tok_eq(const mm_clex *x, const mm_ctok *t, const char *name, size_t n)
{
    return t->kind == 'i' && t->len == n && !memcmp(x->src + t->start, name, n);
}

const char *mm_clex_last_value(mm_file *f, const char *name, uint32_t from, uint32_t to)
{
    const mm_clex *x = mm_clex_get(f);
    size_t nl = strlen(name);
    uint32_t a = tok_index(x, from), b = tok_index(x, to);
    for (uint32_t i = b; i-- > a;) {
        const mm_ctok *t = &x->toks[i];
        if (!tok_eq(x, t, name, nl) || i + 2 >= x->n)
            continue;
        if (i > 0 && (is_punct(x->src, &x->toks[i - 1], ".") || is_punct(x->src, &x->toks[i - 1], "->")))
            continue; /* a member of another object */
        const mm_ctok *op = &x->toks[i + 1];
        const char *close = NULL;
        if (is_punct(x->src, op, "="))
            close = ";";
        else if (is_punct(x->src, op, "{"))
            close = "}";
        if (!close)
            continue;
        uint32_t k = i + 2, depth = 0;
        for (; k < x->n; k++) {
            const mm_ctok *e = &x->toks[k];
            if (e->kind == 'p' && (mm_ctok_is(x->src, e, "(") || mm_ctok_is(x->src, e, "[") ||
                                   (mm_ctok_is(x->src, e, "{") && *close == ';')))
                depth++;
            else if (e->kind == 'p' && depth &&
                     (mm_ctok_is(x->src, e, ")") || mm_ctok_is(x->src, e, "]") || mm_ctok_is(x->src, e, "}")))
                depth--;
            else if (!depth && e->kind == 'p' &&
                     (mm_ctok_is(x->src, e, close) || mm_ctok_is(x->src, e, ",") || mm_ctok_is(x->src, e, ";")))
                break;
        }
        if (k == i + 2 || k - i > 64)
            continue;
        return toks_text(f->arena, x->src, &x->toks[i + 2], k - i - 2);
    }
    return NULL;
}

/* The type a declaration of the identifier at token i gives it (`T name;`, `T *name = ...`,
 * `unique_ptr<ns::T> name(...)`), or NULL when the token is no declared name. */
static const char *decl_type_at(mm_file *f, const mm_clex *x, uint32_t i)
{
    static const char *const not_types[] = {"return", "case", "else", "goto", "sizeof", "new",
                                            "delete", "throw", "typedef", "using", "co_return",
                                            "struct", "class", "enum", "union", NULL};
    const char *s = x->src;
    const mm_ctok *t = &x->toks[i];
    if (t->kind != 'i' || i < 1 || i + 1 >= x->n)
        return NULL;
    const mm_ctok *nx = &x->toks[i + 1];
    if (nx->kind != 'p' || !(mm_ctok_is(s, nx, ";") || mm_ctok_is(s, nx, "=") || mm_ctok_is(s, nx, "(") ||
                             mm_ctok_is(s, nx, "{") || mm_ctok_is(s, nx, "[") || mm_ctok_is(s, nx, ",") ||
                             mm_ctok_is(s, nx, ")")))
        return NULL;
    uint32_t p = i - 1;
    while (p > 0 && (is_punct(s, &x->toks[p], "*") || is_punct(s, &x->toks[p], "&")))
        p--;
    const mm_ctok *ty = &x->toks[p];
    if (is_punct(s, ty, ">")) {
        /* a template: the last type named inside it (unique_ptr<BearSSL::WiFiClientSecure>),
         * looked for within 256 tokens (a run of `>` must not make every lookup go back to the
         * start of the file) */
        int depth = 0;
        const mm_ctok *inner = NULL;
        for (uint32_t q = p; q > 0 && p - q < 256; q--) {
            const mm_ctok *u = &x->toks[q];
            if (is_punct(s, u, ">"))
                depth++;
            else if (is_punct(s, u, "<") && --depth == 0)
                break;
            else if (!inner && u->kind == 'i')
                inner = u;
        }
        return inner ? mm_arena_strndup(f->arena, s + inner->start, inner->len) : NULL;
    }
    if (ty->kind != 'i')
        return NULL;
    for (const char *const *k = not_types; *k; k++) {
        if (mm_ctok_is(s, ty, *k))
            return NULL;
    }
    return mm_arena_strndup(f->arena, s + ty->start, ty->len);
}

typedef struct mm_cdecl {
    uint32_t tok; /* the declared name's token */
    const char *type;
} mm_cdecl;

static const mm_clex *decl_sort_lex; /* for cmp_decl (mm_sort takes no context) */

static int cmp_decl(const void *a, const void *b)
{
    const mm_cdecl *x = a, *y = b;
    const mm_ctok *tx = &decl_sort_lex->toks[x->tok], *ty = &decl_sort_lex->toks[y->tok];
    uint32_t n = tx->len < ty->len ? tx->len : ty->len;
    int c = memcmp(decl_sort_lex->src + tx->start, decl_sort_lex->src + ty->start, n);
    if (c)
        return c;
    if (tx->len != ty->len)
        return tx->len < ty->len ? -1 : 1;
    return x->tok < y->tok ? -1 : x->tok > y->tok;
}

/* Every declaration of the file, found once: asking per call went through the whole file before
 * it each time (a file of 70 000 calls took minutes). */
static void build_decls(mm_file *f, mm_clex *x)
{
    MM_VEC(mm_cdecl) v = {0};
    for (uint32_t i = 1; i + 1 < x->n; i++) {
        const char *type = decl_type_at(f, x, i);
        if (type)
            mm_vec_push(&v, ((mm_cdecl){i, type}));
    }
    static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&sort_lock);
    decl_sort_lex = x;
    mm_sort(v.v, v.n, sizeof *v.v, cmp_decl);
    decl_sort_lex = NULL;
    pthread_mutex_unlock(&sort_lock);
    x->decls = mm_arena_alloc(f->arena, (v.n ? v.n : 1) * sizeof *x->decls);
    if (v.n)
        memcpy(x->decls, v.v, v.n * sizeof *v.v);
    x->ndecls = (uint32_t)v.n;
    x->decls_built = true;
    mm_vec_free(&v);
}

const char *mm_clex_declared_type(mm_file *f, const char *name, uint32_t before)
{
    mm_clex_get(f);
    mm_clex *x = f->cf->lex;
    if (!x->decls_built)
        build_decls(f, x);
    size_t nl = strlen(name);
    uint32_t bound = tok_index(x, before); /* declarations at tokens before it count */
    /* the last declaration of name at a token below bound: first the entries of name, then the
     * last of them below bound */
    uint32_t lo = 0, hi = x->ndecls;
    while (lo < hi) { /* first entry whose (name, tok) >= (name, bound) */
        uint32_t mid = lo + (hi - lo) / 2;
        const mm_ctok *t = &x->toks[x->decls[mid].tok];
        size_t n = t->len < nl ? t->len : nl;
        int c = memcmp(x->src + t->start, name, n);
        if (!c)
            c = t->len < nl ? -1 : t->len > nl ? 1 : 0;
        if (c < 0 || (c == 0 && x->decls[mid].tok < bound))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || !tok_eq(x, &x->toks[x->decls[lo - 1].tok], name, nl))
        return NULL;
    return x->decls[lo - 1].type;
}
