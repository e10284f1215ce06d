/* yaml.c: the manifest subset of YAML, read line by line (see yaml.h). Lines are first cut into
 * (indentation, content) records; blocks are then built by indentation, a sequence item's
 * "- " counting as indentation of what follows it. */
#define _GNU_SOURCE
#include "base/yaml.h"

#include <string.h>

enum { MAX_DEPTH = 64, MAX_FLOW = 1 << 16 };

typedef struct yline {
    uint32_t start;   /* of the physical line */
    uint32_t content; /* first byte of the content (moves past "- " for sequence items) */
    uint32_t end;     /* end of the content: before a comment-free trailing blank and '\n' */
    uint32_t eol;     /* the newline (or end of text) */
    unsigned indent;  /* column of the content, 0-based */
    unsigned lineno;
} yline;

typedef struct ctx {
    const char *t;
    size_t len;
    yline *l;
    size_t n, i;
    mm_arena *a;
} ctx;

/* Gives y the position of line l (the column of its indentation), or the document's start. */
static void place(mm_ynode *y, const yline *l)
{
    y->line = l ? l->lineno : 1;
    y->col = l ? l->indent + 1 : 1;
    y->start = l ? l->start : 0;
    y->end = l ? l->eol : 0;
}

static mm_ynode *node(ctx *c, mm_ykind kind, const yline *l)
{
    mm_ynode *y = mm_arena_calloc(c->a, 1, sizeof *y);
    y->kind = kind;
    place(y, l);
    return y;
}

/* --- lines ---------------------------------------------------------------------------------- */

static void cut_lines(ctx *c)
{
    size_t cap = 64;
    c->l = mm_arena_alloc(c->a, cap * sizeof *c->l);
    unsigned lineno = 0;
    size_t p = 0;
    while (p < c->len) {
        lineno++;
        const char *nl = memchr(c->t + p, '\n', c->len - p);
        size_t eol = nl ? (size_t)(nl - c->t) : c->len;
        size_t q = p;
        unsigned indent = 0;
        while (q < eol && (c->t[q] == ' ' || c->t[q] == '\t')) {
            q++;
            indent++;
        }
        size_t e = eol;
        while (e > q && (c->t[e - 1] == ' ' || c->t[e - 1] == '\t' || c->t[e - 1] == '\r'))
            e--;
        bool skip = q == e || c->t[q] == '#' ||
                    (e - q == 3 && (!memcmp(c->t + q, "---", 3) || !memcmp(c->t + q, "...", 3))) ||
                    (indent == 0 && c->t[q] == '%') ||
                    (e - q > 3 && !memcmp(c->t + q, "--- ", 4));
        if (!skip) {
            if (c->n == cap) {
                yline *bigger = mm_arena_alloc(c->a, cap * 2 * sizeof *bigger);
                memcpy(bigger, c->l, cap * sizeof *bigger);
                c->l = bigger;
                cap *= 2;
            }
            c->l[c->n++] = (yline){(uint32_t)p, (uint32_t)q, (uint32_t)e, (uint32_t)eol, indent,
                                   lineno};
        }
        p = eol + 1;
    }
}

static bool is_seq_item(const ctx *c, const yline *l)
{
    const char *s = c->t + l->content;
    size_t n = l->end - l->content;
    return n >= 1 && s[0] == '-' && (n == 1 || s[1] == ' ' || s[1] == '\t');
}

/* --- scalars -------------------------------------------------------------------------------- */

/* Where a plain scalar's comment starts (" #"), or e. */
static size_t plain_end(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        if (t[i] == '#' && i > s && (t[i - 1] == ' ' || t[i - 1] == '\t')) {
            while (i > s && (t[i - 1] == ' ' || t[i - 1] == '\t'))
                i--;
            return i;
        }
    }
    return e;
}

/* Reads a scalar at t[s, e): quoted or plain; *stop is set after it (for flow parsing, where
 * `,`, `]` and `}` end a plain scalar too). */
static const char *scalar(ctx *c, const char *t, size_t s, size_t e, bool flow, size_t *stop)
{
    while (s < e && (t[s] == ' ' || t[s] == '\t'))
        s++;
    /* anchors and tags before the value: "&base value", "!!str 1.0" */
    while (s < e && (t[s] == '&' || t[s] == '!')) {
        size_t k = s;
        while (k < e && t[k] != ' ' && t[k] != '\t')
            k++;
        if (k >= e)
            break;
        s = k;
        while (s < e && (t[s] == ' ' || t[s] == '\t'))
            s++;
    }
    mm_buf b = {0};
    size_t i = s;
    if (s < e && (t[s] == '"' || t[s] == '\'')) {
        char q = t[s];
        for (i = s + 1; i < e; i++) {
            if (q == '\'' && t[i] == '\'') {
                if (i + 1 < e && t[i + 1] == '\'') {
                    mm_buf_putc(&b, '\'');
                    i++;
                    continue;
                }
                break;
            }
            if (q == '"' && t[i] == '"')
                break;
            if (q == '"' && t[i] == '\\' && i + 1 < e) {
                char x = t[++i];
                mm_buf_putc(&b, x == 'n' ? '\n' : x == 't' ? '\t' : x == '0' ? ' ' : x);
                continue;
            }
            mm_buf_putc(&b, t[i]);
        }
        if (i < e)
            i++; /* the closing quote */
    } else {
        size_t pe = plain_end(t, s, e);
        if (flow) {
            for (i = s; i < pe && t[i] != ',' && t[i] != ']' && t[i] != '}'; i++)
                ;
            pe = i;
        }
        size_t k = pe;
        while (k > s && (t[k - 1] == ' ' || t[k - 1] == '\t'))
            k--;
        mm_buf_put(&b, t + s, k - s);
        i = pe;
    }
    if (stop)
        *stop = i;
    const char *out = mm_arena_strndup(c->a, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
    return out;
}

/* --- flow collections: [a, b], {k: v} on one line (or joined lines) --------------------------- */

static size_t skip_blank(const char *t, size_t i, size_t e)
{
    while (i < e && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

static mm_ynode *flow(ctx *c, const char *t, size_t *pi, size_t e, const yline *at, int depth)
{
    size_t i = skip_blank(t, *pi, e);
    if (i >= e || depth > MAX_DEPTH) {
        *pi = e;
        return node(c, MM_Y_NULL, at);
    }
    if (t[i] != '[' && t[i] != '{') {
        mm_ynode *y = node(c, MM_Y_SCALAR, at);
        y->value = scalar(c, t, i, e, true, pi);
        return y;
    }
    bool map = t[i] == '{';
    char close = map ? '}' : ']';
    mm_ynode *y = node(c, map ? MM_Y_MAP : MM_Y_SEQ, at);
    mm_ynode **tail = &y->child;
    i++;
    while (i < e) {
        i = skip_blank(t, i, e);
        if (i < e && t[i] == close) {
            i++;
            break;
        }
        if (i < e && t[i] == ',') {
            i++;
            continue;
        }
        const char *key = NULL;
        if (map) {
            key = scalar(c, t, i, e, true, &i);
            /* the key ends at ':' */
            const char *colon = memchr(key, ':', strlen(key));
            if (colon) {
                /* a plain key read up to ',': split it at ':' */
                size_t back = strlen(colon);
                i -= back;
                key = mm_arena_strndup(c->a, key, (size_t)(colon - key));
            }
            i = skip_blank(t, i, e);
            if (i < e && t[i] == ':')
                i++;
        }
        size_t before = i;
        mm_ynode *v = flow(c, t, &i, e, at, depth + 1);
        v->key = key;
        *tail = v;
        tail = &v->next;
        if (i == before)
            i++; /* no progress: skip a stray character */
    }
    *pi = i;
    return y;
}

/* --- blocks ------------------------------------------------------------------------------------ */

static mm_ynode *block(ctx *c, unsigned indent, int depth);

/* Skips lines deeper than indent (content the reader does not understand). */
static void skip_deeper(ctx *c, unsigned indent)
{
    while (c->i < c->n && c->l[c->i].indent > indent)
        c->i++;
}

/* A value after "key:" or "- " on line l, starting at byte s. */
static mm_ynode *value_at(ctx *c, yline *l, size_t s, unsigned indent, int depth)
{
    const char *t = c->t;
    size_t e = l->end;
    while (s < e && (t[s] == ' ' || t[s] == '\t'))
        s++;
    if (s < e && t[s] == '#')
        s = e; /* "key: # comment" */
    if (s >= e) {
        c->i++;
        /* the value is the block below, or an indentless sequence at the same indentation */
        if (c->i < c->n && c->l[c->i].indent > indent)
            return block(c, c->l[c->i].indent, depth + 1);
        if (c->i < c->n && c->l[c->i].indent == indent && is_seq_item(c, &c->l[c->i]))
            return block(c, indent, depth + 1);
        return node(c, MM_Y_NULL, l);
    }
    if (t[s] == '|' || t[s] == '>') {
        bool fold = t[s] == '>';
        mm_buf b = {0};
        c->i++;
        while (c->i < c->n && c->l[c->i].indent > indent) {
            const yline *bl = &c->l[c->i++];
            if (b.len)
                mm_buf_putc(&b, fold ? ' ' : '\n');
            mm_buf_put(&b, t + bl->content, bl->end - bl->content);
        }
        mm_ynode *y = node(c, MM_Y_SCALAR, l);
        y->value = mm_arena_strndup(c->a, b.data ? b.data : "", b.len);
        mm_buf_free(&b);
        return y;
    }
    if (t[s] == '[' || t[s] == '{') {
        /* a flow collection, possibly over several lines: join until the brackets balance */
        mm_buf b = {0};
        int bal = 0;
        size_t first = c->i;
        for (size_t k = c->i; k < c->n && b.len < MAX_FLOW; k++) {
            const yline *fl = &c->l[k];
            size_t from = k == first ? s : fl->content;
            for (size_t q = from; q < fl->end; q++) {
                char ch = t[q];
                if (ch == '[' || ch == '{')
                    bal++;
                else if (ch == ']' || ch == '}')
                    bal--;
            }
            mm_buf_put(&b, t + from, fl->end - from);
            mm_buf_putc(&b, '\n');
            c->i = k + 1;
            if (bal <= 0)
                break;
        }
        size_t pos = 0;
        mm_ynode *y = flow(c, b.data, &pos, b.len, l, depth);
        mm_buf_free(&b);
        return y;
    }
    mm_ynode *y = node(c, MM_Y_SCALAR, l);
    y->value = scalar(c, t, s, e, false, NULL);
    c->i++;
    /* a plain scalar continued on deeper lines: keep the first line only */
    skip_deeper(c, indent);
    return y;
}

/* Splits "key: value" at content s; returns the offset just after ':' or 0 when the line holds
 * no key. *key receives the key. */
static size_t split_key(ctx *c, const yline *l, const char **key)
{
    const char *t = c->t;
    size_t s = l->content, e = l->end;
    if (s < e && (t[s] == '"' || t[s] == '\'')) {
        size_t stop;
        const char *k = scalar(c, t, s, e, false, &stop);
        while (stop < e && (t[stop] == ' ' || t[stop] == '\t'))
            stop++;
        if (stop < e && t[stop] == ':') {
            *key = k;
            return stop + 1;
        }
        return 0;
    }
    if (s < e && (t[s] == '[' || t[s] == '{' || t[s] == '?'))
        return 0;
    for (size_t i = s; i < e; i++) {
        if (t[i] == '#' && i > s && (t[i - 1] == ' ' || t[i - 1] == '\t'))
            return 0;
        if (t[i] == ':' && (i + 1 == e || t[i + 1] == ' ' || t[i + 1] == '\t')) {
            size_t k = i;
            while (k > s && (t[k - 1] == ' ' || t[k - 1] == '\t'))
                k--;
            *key = mm_arena_strndup(c->a, t + s, k - s);
            return i + 1;
        }
    }
    return 0;
}

static mm_ynode *seq(ctx *c, unsigned indent, int depth)
{
    mm_ynode *y = node(c, MM_Y_SEQ, &c->l[c->i]);
    mm_ynode **tail = &y->child;
    while (c->i < c->n && c->l[c->i].indent == indent && is_seq_item(c, &c->l[c->i])) {
        yline *l = &c->l[c->i];
        yline at = *l; /* the item's position: its dash */
        size_t s = l->content + 1;
        while (s < l->end && (c->t[s] == ' ' || c->t[s] == '\t'))
            s++;
        mm_ynode *item;
        if (s >= l->end) {
            item = value_at(c, l, s, indent, depth);
        } else {
            /* what follows "- " is indented by the dash: read it as a block at its column */
            l->indent = indent + (unsigned)(s - l->content);
            l->content = (uint32_t)s;
            const char *key;
            if (!is_seq_item(c, l) && !split_key(c, l, &key)) {
                item = value_at(c, l, s, l->indent, depth);
            } else {
                item = block(c, l->indent, depth + 1);
            }
        }
        place(item, &at);
        *tail = item;
        tail = &item->next;
    }
    return y;
}

static mm_ynode *map(ctx *c, unsigned indent, int depth)
{
    mm_ynode *y = node(c, MM_Y_MAP, &c->l[c->i]);
    mm_ynode **tail = &y->child;
    while (c->i < c->n && c->l[c->i].indent >= indent) {
        yline *l = &c->l[c->i];
        if (l->indent > indent) {
            c->i++; /* a line this reader cannot place */
            continue;
        }
        if (is_seq_item(c, l))
            break;
        const char *key = NULL;
        size_t after = split_key(c, l, &key);
        if (!after) {
            c->i++;
            skip_deeper(c, indent);
            continue;
        }
        yline at = *l;
        mm_ynode *v = value_at(c, l, after, indent, depth);
        v->key = key;
        place(v, &at);
        *tail = v;
        tail = &v->next;
    }
    return y;
}

static mm_ynode *block(ctx *c, unsigned indent, int depth)
{
    if (c->i >= c->n)
        return node(c, MM_Y_NULL, NULL);
    if (depth > MAX_DEPTH) {
        const yline *l = &c->l[c->i];
        c->i++;
        skip_deeper(c, indent);
        return node(c, MM_Y_NULL, l);
    }
    if (is_seq_item(c, &c->l[c->i]))
        return seq(c, indent, depth);
    const char *key;
    if (!split_key(c, &c->l[c->i], &key))
        return value_at(c, &c->l[c->i], c->l[c->i].content, indent, depth);
    return map(c, indent, depth);
}

mm_ynode *mm_yaml_parse(mm_arena *a, const char *text, size_t len)
{
    ctx c = {text, len, NULL, 0, 0, a};
    cut_lines(&c);
    if (!c.n)
        return node(&c, MM_Y_NULL, NULL);
    mm_ynode *root = block(&c, c.l[0].indent, 0);
    /* lines left over (a dedent below the first line): read them into the root if it is a
     * collection of the same kind, else drop them */
    while (c.i < c.n) {
        size_t before = c.i;
        mm_ynode *more = block(&c, c.l[c.i].indent, 0);
        if (more->kind == root->kind && (root->kind == MM_Y_MAP || root->kind == MM_Y_SEQ)) {
            mm_ynode **tail = &root->child;
            while (*tail)
                tail = &(*tail)->next;
            *tail = more->child;
        }
        if (c.i == before)
            c.i++;
    }
    return root;
}

const mm_ynode *mm_yaml_get(const mm_ynode *map, const char *key)
{
    if (!map || map->kind != MM_Y_MAP)
        return NULL;
    for (const mm_ynode *e = map->child; e; e = e->next) {
        if (e->key && !strcmp(e->key, key))
            return e;
    }
    return NULL;
}

const char *mm_yaml_str(const mm_ynode *map, const char *key)
{
    const mm_ynode *e = mm_yaml_get(map, key);
    return e && e->kind == MM_Y_SCALAR ? e->value : NULL;
}
