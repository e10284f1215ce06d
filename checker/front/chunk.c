/* chunk.c: splits C/C++ text into top-level items with a cheap lexical pass, so that the
 * tree-sitter front end parses only the items that hold a prefilter hit. Parsing is the
 * expensive step of a scan (about 8 MB/s a core); most items of a large tree hold no hit.
 *
 * A boundary is the start of a line where brace depth is 0 and the previous top-level item is
 * complete (ended by ';' or by the '}' that closed it, or a preprocessor line). Branches of
 * #if/#else are lexed with the depth restored at each #else/#elif, so that the classic
 * "#if A / if (x) { / #else / if (y) { / #endif" keeps its balance. `extern "C" {` and
 * `namespace n {` are transparent: what is inside them is still top level. When the text does
 * not balance, the caller parses the whole file. */
#include "front/chunk.h"

#include <string.h>

enum { MAX_DEPTH = 512, MAX_IF = 64 };

typedef struct tok {
    uint32_t start, len;
    char kind; /* 'i' identifier, 's' string, 'p' punctuation */
} tok;

static bool tok_is(const char *s, const tok *t, const char *word)
{
    size_t n = strlen(word);
    return t->kind == 'i' && t->len == n && memcmp(s + t->start, word, n) == 0;
}

static int finish(mm_chunks *out, uint32_t *starts, size_t n, size_t len, size_t covered,
                  bool whole)
{
    out->starts = starts;
    out->n = n;
    out->len = (uint32_t)len;
    out->covered = (uint32_t)covered;
    out->whole = whole;
    return 0;
}

int mm_chunks_find(const char *s, size_t len, size_t until, mm_arena *a, mm_chunks *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 64;
    uint32_t *starts = mm_arena_alloc(a, cap * sizeof *starts);
    size_t n = 0;
    starts[n++] = 0;

    int depth = 0;
    bool transparent[MAX_DEPTH];
    int raw_depth = 0; /* braces including transparent ones */
    int if_stack[MAX_IF];
    int if_top = 0;
    int paren = 0;
    bool pending = false; /* a top-level item has started and not ended */
    bool broken = false;
    tok prev1 = {0, 0, 0}, prev2 = {0, 0, 0};
    bool line_start = true;

    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '\n') {
            i++;
            line_start = true;
            if (depth == 0 && paren == 0 && !pending && i < len && starts[n - 1] != i) {
                if (n == cap) {
                    uint32_t *grown = mm_arena_alloc(a, cap * 2 * sizeof *starts);
                    memcpy(grown, starts, cap * sizeof *starts);
                    starts = grown;
                    cap *= 2;
                }
                starts[n++] = (uint32_t)i;
                if (i > until) /* the chunk holding `until` is complete: the rest is not needed */
                    return finish(out, starts, n, len, i, broken);
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
            continue;
        }
        if (line_start && c == '#') {
            /* a preprocessor line, continuations included; conditionals adjust depth */
            size_t j = i + 1;
            while (j < len && (s[j] == ' ' || s[j] == '\t'))
                j++;
            size_t w = j;
            while (w < len && s[w] >= 'a' && s[w] <= 'z')
                w++;
            size_t wl = w - j;
            const char *word = s + j;
            if ((wl == 2 && !memcmp(word, "if", 2)) || (wl == 5 && !memcmp(word, "ifdef", 5)) ||
                (wl == 6 && !memcmp(word, "ifndef", 6))) {
                if (if_top < MAX_IF)
                    if_stack[if_top] = depth;
                if_top++;
            } else if ((wl == 4 && (!memcmp(word, "else", 4) || !memcmp(word, "elif", 4))) ||
                       (wl == 7 && (!memcmp(word, "elifdef", 7))) ||
                       (wl == 8 && !memcmp(word, "elifndef", 8))) {
                if (if_top > 0 && if_top <= MAX_IF)
                    depth = if_stack[if_top - 1];
            } else if (wl == 5 && !memcmp(word, "endif", 5)) {
                if (if_top > 0)
                    if_top--;
            }
            /* skip to the end of the directive, minding comments and continuations */
            i = w;
            while (i < len && s[i] != '\n') {
                if (s[i] == '\\' && i + 1 < len && s[i + 1] == '\n') {
                    i += 2;
                    continue;
                }
                if (s[i] == '\\' && i + 2 < len && s[i + 1] == '\r' && s[i + 2] == '\n') {
                    i += 3;
                    continue;
                }
                if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
                    i += 2;
                    while (i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'))
                        i++;
                    i += 2;
                    continue;
                }
                i++;
            }
            continue;
        }
        line_start = false;
        if (c == '/' && i + 1 < len && s[i + 1] == '/') {
            while (i < len && s[i] != '\n') {
                if (s[i] == '\\' && i + 1 < len && s[i + 1] == '\n')
                    i++;
                i++;
            }
            continue;
        }
        if (c == '/' && i + 1 < len && s[i + 1] == '*') {
            i += 2;
            while (i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'))
                i++;
            i += 2;
            continue;
        }
        if (c == '"' || c == '\'') {
            size_t st = i;
            /* C++ raw string R"delim( ... )delim" */
            if (c == '"' && i > 0 && s[i - 1] == 'R') {
                size_t d = i + 1;
                while (d < len && s[d] != '(' && d - i < 18)
                    d++;
                size_t dl = d - i - 1;
                size_t k = d + 1;
                while (k < len) {
                    if (s[k] == ')' && k + dl + 1 < len && !memcmp(s + k + 1, s + i + 1, dl) &&
                        s[k + 1 + dl] == '"')
                        break;
                    k++;
                }
                i = k + dl + 2;
            } else {
                i++;
                while (i < len && s[i] != c && s[i] != '\n') {
                    if (s[i] == '\\' && i + 1 < len)
                        i++;
                    i++;
                }
                i++;
            }
            if (c == '"') {
                prev2 = prev1;
                prev1 = (tok){(uint32_t)st, (uint32_t)((i > len ? len : i) - st), 's'};
            }
            if (depth == 0 && paren == 0)
                pending = true;
            continue;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
            (unsigned char)c >= 0x80) {
            size_t st = i;
            while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                               (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
                               (unsigned char)s[i] >= 0x80))
                i++;
            /* a string prefix (L"", u8"", R"") belongs to the string */
            if (i < len && s[i] == '"' && i - st <= 3)
                continue;
            prev2 = prev1;
            prev1 = (tok){(uint32_t)st, (uint32_t)(i - st), 'i'};
            if (depth == 0 && paren == 0)
                pending = true;
            continue;
        }
        i++;
        switch (c) {
        case '{': {
            bool transp = false;
            if (depth == 0 && paren == 0) {
                /* extern "C" {  /  namespace name {  /  namespace { */
                if (prev1.kind == 's' && tok_is(s, &prev2, "extern"))
                    transp = true;
                else if (tok_is(s, &prev1, "namespace") ||
                         (prev1.kind == 'i' && tok_is(s, &prev2, "namespace")))
                    transp = true;
            }
            if (raw_depth >= MAX_DEPTH) {
                broken = true;
                break;
            }
            transparent[raw_depth++] = transp;
            if (transp)
                pending = false;
            else
                depth++;
            break;
        }
        case '}':
            if (raw_depth == 0) {
                broken = true;
                break;
            }
            if (transparent[--raw_depth]) {
                pending = false;
            } else {
                depth--;
                if (depth < 0) {
                    broken = true;
                    depth = 0;
                }
                if (depth == 0 && paren == 0)
                    pending = false;
            }
            break;
        case '(':
            paren++;
            break;
        case ')':
            if (paren > 0)
                paren--;
            break;
        case ';':
            if (depth == 0)
                pending = false, paren = 0;
            break;
        default:
            if (depth == 0 && paren == 0)
                pending = true;
        }
        prev2 = prev1;
        prev1 = (tok){(uint32_t)(i - 1), 1, 'p'};
    }
    return finish(out, starts, n, len, len, depth != 0 || broken);
}

const mm_chunks *mm_chunks_of(mm_file *f, size_t until)
{
    mm_chunks *c = f->chunks;
    if (c && (c->covered >= c->len || c->covered > until))
        return c;
    if (!c)
        c = f->chunks = mm_arena_alloc(f->arena, sizeof *c);
    mm_chunks_find(f->data, f->len, until, f->arena, c);
    return c;
}

size_t mm_chunks_index(const mm_chunks *c, uint32_t off)
{
    return mm_u32_floor(c->starts, c->n, off);
}

uint32_t mm_chunks_end(const mm_chunks *c, size_t idx)
{
    return idx + 1 < c->n ? c->starts[idx + 1] : c->len;
}

/* --- the statement around an offset ----------------------------------------------------------
 *
 * A second, narrower cut for the front end: the one simple statement of a chunk that holds an
 * offset, so that a rule which only reads a literal and the name it goes to (a declaration, an
 * assignment, a copy call, a designated initializer) need not have a whole function or class
 * body parsed. Lexical and conservative: it answers false whenever the statement is not a plain
 * one ending with ';' (compound statements, returns, labels, preprocessor lines inside, brace
 * forms it cannot classify), and the caller then parses the whole chunk. Initializer braces
 * (after '=', ',', '(', '[', another initializer brace or `return`) belong to the statement;
 * other braces open blocks. */

enum { ST_MAX = 256 };

static bool st_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || (unsigned char)c >= 0x80;
}

/* The end of the string or character literal starting at i (quote at s[i]). */
static size_t st_skip_quoted(const char *s, size_t i, size_t hi)
{
    char q = s[i];
    if (q == '"' && i > 0 && s[i - 1] == 'R') {
        size_t d = i + 1;
        while (d < hi && s[d] != '(' && d - i < 18)
            d++;
        size_t dl = d - i - 1;
        for (size_t k = d + 1; k < hi; k++) {
            if (s[k] == ')' && k + dl + 1 < hi && !memcmp(s + k + 1, s + i + 1, dl) &&
                s[k + 1 + dl] == '"')
                return k + dl + 2;
        }
        return hi;
    }
    i++;
    while (i < hi && s[i] != q && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < hi)
            i++;
        i++;
    }
    return i < hi ? i + 1 : hi;
}

int mm_chunks_statement(const char *s, uint32_t lo, uint32_t hi, uint32_t at, uint32_t *start,
                        uint32_t *end, bool *opens)
{
    *opens = false;
    bool init[ST_MAX]; /* per open brace: an initializer (true) or a block */
    int nb = 0, paren = 0;
    size_t stmt = lo;   /* where the statement being read began (its first token) */
    bool have = false;  /* a token of the statement has been read */
    bool tainted = false; /* a preprocessor line inside it, or a form it cannot window */
    tok prev = {0, 0, 0}, first = {0, 0, 0};
    int at_nb = -1;     /* the brace depth of the statement holding `at`, once reached */
    int stmt_nb = 0;    /* the brace depth where the statement being read began */
    bool line_start = true;
    bool ternary = false; /* a '?' in the statement so far */
    size_t i = lo;
    while (i < hi) {
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
        if (line_start && c == '#') {
            size_t d = i;
            while (i < hi && s[i] != '\n') {
                if (s[i] == '\\' && i + 1 < hi && (s[i + 1] == '\n' || s[i + 1] == '\r'))
                    i++;
                i++;
            }
            if (at_nb >= 0 || (at >= d && at < i))
                return -1; /* a directive inside the statement, or the place is in one */
            if (have)
                tainted = true;
            continue;
        }
        line_start = false;
        if (c == '/' && i + 1 < hi && (s[i + 1] == '/' || s[i + 1] == '*')) {
            size_t cs = i;
            if (s[i + 1] == '/') {
                while (i < hi && s[i] != '\n')
                    i++;
            } else {
                i += 2;
                while (i + 1 < hi && !(s[i] == '*' && s[i + 1] == '/'))
                    i++;
                i += 2;
            }
            if (at_nb < 0 && at >= cs && at < i)
                return 0; /* the place is in a comment: no code to read there */
            continue;
        }
        size_t ts = i;
        tok t;
        if (c == '"' || c == '\'') {
            i = st_skip_quoted(s, i, hi);
            t = (tok){(uint32_t)ts, (uint32_t)(i - ts), 's'};
        } else if (st_ident(c)) {
            while (i < hi && st_ident(s[i]))
                i++;
            if (i < hi && (s[i] == '"' || s[i] == '\'') && i - ts <= 3) {
                i = st_skip_quoted(s, i, hi); /* L"", u8"", R"()" */
                t = (tok){(uint32_t)ts, (uint32_t)(i - ts), 's'};
            } else {
                t = (tok){(uint32_t)ts, (uint32_t)(i - ts), 'i'};
            }
        } else {
            i++;
            t = (tok){(uint32_t)ts, 1, 'p'};
        }
        if (!have) {
            stmt = ts;
            stmt_nb = nb;
            first = t;
            have = true;
            tainted = false;
            ternary = false;
        }
        /* the token holding `at` (or the first one after it) fixes the statement */
        if (at_nb < 0 && at < i) {
            if (at < stmt || tainted || tok_is(s, &first, "return") ||
                tok_is(s, &first, "case") || tok_is(s, &first, "goto"))
                return -1;
            at_nb = stmt_nb;
        }
        if (t.kind == 'p') {
            switch (c) {
            case '(':
            case '[':
                paren++;
                break;
            case ')':
            case ']':
                if (paren > 0)
                    paren--;
                break;
            case '{': {
                bool is_init = paren > 0 || (nb > 0 && init[nb - 1]) || tok_is(s, &prev, "return") ||
                               (prev.kind == 'p' && s[prev.start] && strchr("=,([", s[prev.start]));
                if (nb >= ST_MAX)
                    return -1;
                if (!is_init && at_nb >= 0) {
                    /* the head of a compound statement (if, while, for, switch): the head and
                     * an empty body, which the caller closes */
                    if (nb == at_nb && paren == 0 &&
                        (tok_is(s, &first, "if") || tok_is(s, &first, "while") ||
                         tok_is(s, &first, "for") || tok_is(s, &first, "switch"))) {
                        *start = (uint32_t)stmt;
                        *end = (uint32_t)i;
                        *opens = true;
                        return 1;
                    }
                    return -1; /* the statement holds a block: not a simple one */
                }
                init[nb++] = is_init;
                if (!is_init)
                    have = false; /* a block begins: the next token starts a statement */
                break;
            }
            case '}':
                if (nb == 0)
                    return -1;
                nb--;
                if (!init[nb]) {
                    if (at_nb >= 0)
                        return -1; /* its block closed before a ';' */
                    have = false;
                }
                break;
            case ';':
                if (paren == 0 && (nb == 0 || !init[nb - 1])) {
                    if (at_nb >= 0) {
                        if (nb != at_nb)
                            return -1;
                        *start = (uint32_t)stmt;
                        *end = (uint32_t)i;
                        return 1;
                    }
                    have = false;
                }
                break;
            case ':':
                /* public: / private: / protected: / default: / case X: end nothing but start a
                 * statement (not `::`, nor a ternary's ':' after `case`'s '?') */
                if (at_nb < 0 && paren == 0 && !(i < hi && s[i] == ':') &&
                    !(ts > lo && s[ts - 1] == ':') &&
                    ((prev.kind == 'i' && first.start == prev.start &&
                      (tok_is(s, &prev, "public") || tok_is(s, &prev, "private") ||
                       tok_is(s, &prev, "protected") || tok_is(s, &prev, "default"))) ||
                     (tok_is(s, &first, "case") && !ternary)))
                    have = false;
                break;
            case '?':
                ternary = true;
                break;
            default:
                break;
            }
        } else if (t.kind == 'i' && at_nb < 0 && paren == 0 && tok_is(s, &t, "else") &&
                   first.start == t.start) {
            have = false; /* `else x = "..."`: the statement is what follows */
        }
        prev = t;
    }
    return -1;
}
