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

int mm_chunks_find(const char *s, size_t len, mm_arena *a, mm_chunks *out)
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
    if (depth != 0 || broken)
        out->whole = true;
    out->starts = starts;
    out->n = n;
    out->len = (uint32_t)len;
    return 0;
}

size_t mm_chunks_index(const mm_chunks *c, uint32_t off)
{
    return mm_u32_floor(c->starts, c->n, off);
}

uint32_t mm_chunks_end(const mm_chunks *c, size_t idx)
{
    return idx + 1 < c->n ? c->starts[idx + 1] : c->len;
}
