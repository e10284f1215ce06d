/* yaml.c: the node tree of a YAML document, built from libyaml's parser events (see yaml.h).
 * libyaml scans and parses; here a stack of open collections turns events into nodes, anchors
 * are remembered when their node is complete (so an alias can never point into its own node),
 * an alias is a copy of its anchor's node, and merge keys are applied when their mapping ends.
 * Every node made counts against MM_YAML_MAX_NODES. */
#define _GNU_SOURCE
#include "base/yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

/* The key of a plain `<<` entry: a merge key (YAML 1.1), told from a quoted "<<" by identity. */
static const char merge_key[] = "<<";

typedef struct anchor {
    const char *name;
    const mm_ynode *node;
} anchor;

typedef struct frame {
    mm_ynode *node;
    mm_ynode **tail;
    const char *anchor; /* the collection's anchor, remembered when it ends */
    bool as_key;        /* a collection in key position: read, then dropped */
    /* maps: the key of the entry whose value comes next */
    bool have_key;
    const char *key;
    unsigned kline, kcol;
    uint32_t kstart;
    bool merges; /* a `<<` entry was seen */
} frame;

typedef struct ctx {
    mm_arena *a;
    const char *t;
    size_t len;
    /* libyaml's marks count characters: a cursor maps them to bytes */
    size_t ci, bi;
    uint32_t *nl; /* offsets of the '\n's */
    size_t nnl;
    MM_VEC(anchor) anchors;
    size_t nodes;
    frame stack[MM_YAML_MAX_DEPTH + 1];
    int depth;
    mm_ynode *root;
    mm_yaml_error *err;
    bool stop;
} ctx;

/* --- positions --------------------------------------------------------------------------------- */

static size_t char_len(const char *t, size_t len, size_t b)
{
    unsigned char ch = (unsigned char)t[b];
    size_t n = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
    return b + n <= len ? n : len - b;
}

/* The byte offset of character index ci (libyaml's mark.index). */
static size_t byte_of(ctx *c, size_t ci)
{
    while (c->ci < ci && c->bi < c->len) {
        c->bi += char_len(c->t, c->len, c->bi);
        c->ci++;
    }
    while (c->ci > ci && c->bi > 0) {
        c->bi--;
        while (c->bi > 0 && ((unsigned char)c->t[c->bi] & 0xC0) == 0x80)
            c->bi--;
        c->ci--;
    }
    return c->bi;
}

static void line_col(const ctx *c, size_t off, unsigned *line, unsigned *col)
{
    size_t lo = 0, hi = c->nnl; /* the number of '\n' before off */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->nl[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t start = lo ? c->nl[lo - 1] + 1 : 0;
    *line = (unsigned)lo + 1;
    *col = (unsigned)(off - start) + 1;
}

static void place(ctx *c, mm_ynode *y, yaml_mark_t m)
{
    size_t off = byte_of(c, m.index);
    y->start = (uint32_t)off;
    line_col(c, off, &y->line, &y->col);
}

static void fail_at(ctx *c, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail_at(ctx *c, size_t off, const char *fmt, ...)
{
    c->stop = true;
    if (!c->err || c->err->failed)
        return;
    c->err->failed = true;
    line_col(c, off > c->len ? c->len : off, &c->err->line, &c->err->col);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err->msg, sizeof c->err->msg, fmt, ap);
    va_end(ap);
}

/* --- nodes ------------------------------------------------------------------------------------- */

static mm_ynode *make(ctx *c, mm_ykind kind, yaml_mark_t m)
{
    if (++c->nodes > MM_YAML_MAX_NODES) {
        fail_at(c, byte_of(c, m.index), "more than %d nodes (aliases expanding without end?)",
                MM_YAML_MAX_NODES);
        return NULL;
    }
    mm_ynode *y = mm_arena_calloc(c->a, 1, sizeof *y);
    y->kind = kind;
    place(c, y, m);
    return y;
}

/* A copy of n and what it holds (an alias, a merged entry), positions kept. */
static mm_ynode *copy(ctx *c, const mm_ynode *n, yaml_mark_t at)
{
    if (++c->nodes > MM_YAML_MAX_NODES) {
        fail_at(c, byte_of(c, at.index), "more than %d nodes (aliases expanding without end?)",
                MM_YAML_MAX_NODES);
        return NULL;
    }
    mm_ynode *y = mm_arena_alloc(c->a, sizeof *y);
    *y = *n;
    y->next = y->child = NULL;
    mm_ynode **tail = &y->child;
    for (const mm_ynode *ch = n->child; ch; ch = ch->next) {
        mm_ynode *cc = copy(c, ch, at);
        if (!cc)
            return NULL;
        *tail = cc;
        tail = &cc->next;
    }
    return y;
}

static void remember(ctx *c, const char *name, const mm_ynode *node)
{
    if (!name || !node)
        return;
    /* a later anchor of the same name wins, as in YAML */
    anchor an = {mm_arena_strdup(c->a, name), node};
    mm_vec_push(&c->anchors, an);
}

static const mm_ynode *anchored(const ctx *c, const char *name)
{
    for (size_t i = c->anchors.n; i > 0; i--) {
        if (!strcmp(c->anchors.v[i - 1].name, name))
            return c->anchors.v[i - 1].node;
    }
    return NULL;
}

/* The '-' of a block sequence item whose content starts at y: its position is the entry's. */
static void to_dash(ctx *c, mm_ynode *y)
{
    size_t b = y->start;
    while (b > 0 && (c->t[b - 1] == ' ' || c->t[b - 1] == '\t'))
        b--;
    if (b > 0 && c->t[b - 1] == '-' && b < y->start) {
        y->start = (uint32_t)(b - 1);
        line_col(c, b - 1, &y->line, &y->col);
    }
}

/* Hangs a complete node (or a collection just opened) where the parser stands. is_key_text:
 * when the node is a key, its text (NULL for a collection or a null key). Returns false when
 * the node must not be linked (a collection in key position). */
static bool attach(ctx *c, mm_ynode *y, const char *key_text, bool plain)
{
    if (c->depth == 0) {
        if (!c->root)
            c->root = y;
        return true;
    }
    frame *p = &c->stack[c->depth - 1];
    if (p->node->kind == MM_Y_SEQ) {
        to_dash(c, y);
        *p->tail = y;
        p->tail = &y->next;
        return true;
    }
    if (!p->have_key) {
        p->have_key = true;
        p->key = key_text && plain && !strcmp(key_text, "<<") ? merge_key : key_text;
        p->merges |= p->key == merge_key;
        p->kline = y->line;
        p->kcol = y->col;
        p->kstart = y->start;
        return false;
    }
    p->have_key = false;
    y->key = p->key;
    y->line = p->kline;
    y->col = p->kcol;
    y->start = p->kstart;
    *p->tail = y;
    p->tail = &y->next;
    return true;
}

static bool has_key(const mm_ynode *map, const char *key)
{
    for (const mm_ynode *e = map->child; e; e = e->next) {
        if (e->key && e->key != merge_key && !strcmp(e->key, key))
            return true;
    }
    return false;
}

/* Applies the `<<` entries of a map that ended: their maps' entries join it, unless it has
 * the key already (its own entries first, then earlier merged maps). */
static void merge(ctx *c, mm_ynode *map, yaml_mark_t at)
{
    mm_ynode *merges = NULL, **mt = &merges, **tail = &map->child;
    for (mm_ynode *e = map->child; e;) {
        mm_ynode *next = e->next;
        e->next = NULL;
        if (e->key == merge_key) {
            *mt = e;
            mt = &e->next;
        } else {
            *tail = e;
            tail = &e->next;
        }
        e = next;
    }
    for (const mm_ynode *m = merges; m && !c->stop; m = m->next) {
        const mm_ynode *one = m->kind == MM_Y_MAP ? m : NULL;
        const mm_ynode *src = m->kind == MM_Y_SEQ ? m->child : one;
        if (!src && m->kind != MM_Y_SEQ) {
            fail_at(c, m->start, "a merge key (<<) takes a mapping or a list of mappings");
            return;
        }
        for (; src && !c->stop; src = one ? NULL : src->next) {
            if (src->kind != MM_Y_MAP) {
                fail_at(c, m->start, "a merge key (<<) takes a mapping or a list of mappings");
                return;
            }
            for (const mm_ynode *e = src->child; e && !c->stop; e = e->next) {
                if (!e->key || e->key == merge_key || has_key(map, e->key))
                    continue;
                mm_ynode *cp = copy(c, e, at);
                if (!cp)
                    return;
                *tail = cp;
                tail = &cp->next;
            }
        }
    }
}

/* --- events ------------------------------------------------------------------------------------ */

static bool null_text(const char *v, size_t n)
{
    return n == 0 || (n == 1 && v[0] == '~') ||
           (n == 4 && (!memcmp(v, "null", 4) || !memcmp(v, "Null", 4) || !memcmp(v, "NULL", 4)));
}

static void on_scalar(ctx *c, const yaml_event_t *ev)
{
    const char *v = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    bool null = plain && null_text(v, n);
    mm_ynode *y = make(c, null ? MM_Y_NULL : MM_Y_SCALAR, ev->start_mark);
    if (!y)
        return;
    y->value = null ? NULL : mm_arena_strndup(c->a, v, n);
    const char *text = null ? (n ? NULL : "") : y->value;
    attach(c, y, text, plain);
    remember(c, (const char *)ev->data.scalar.anchor, y);
}

static void on_alias(ctx *c, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    const mm_ynode *target = anchored(c, name);
    if (!target) {
        fail_at(c, byte_of(c, ev->start_mark.index),
                "alias *%s names no anchor defined before it", name);
        return;
    }
    mm_ynode *y = copy(c, target, ev->start_mark);
    if (!y)
        return;
    y->key = NULL;
    place(c, y, ev->start_mark);
    attach(c, y, y->kind == MM_Y_SCALAR ? y->value : NULL, false);
}

static void on_open(ctx *c, const yaml_event_t *ev, mm_ykind kind, const yaml_char_t *anchor_name)
{
    if (c->depth >= MM_YAML_MAX_DEPTH) {
        fail_at(c, byte_of(c, ev->start_mark.index), "nested deeper than %d levels",
                MM_YAML_MAX_DEPTH);
        return;
    }
    mm_ynode *y = make(c, kind, ev->start_mark);
    if (!y)
        return;
    bool linked = attach(c, y, NULL, false);
    frame *f = &c->stack[c->depth++];
    memset(f, 0, sizeof *f);
    f->node = y;
    f->tail = &y->child;
    f->as_key = !linked;
    f->anchor = anchor_name ? mm_arena_strdup(c->a, (const char *)anchor_name) : NULL;
}

static void on_close(ctx *c, const yaml_event_t *ev)
{
    if (c->depth == 0)
        return;
    frame *f = &c->stack[--c->depth];
    if (f->node->kind == MM_Y_MAP && f->merges)
        merge(c, f->node, ev->start_mark);
    remember(c, f->anchor, f->node);
}

static void yaml_problem(ctx *c, const yaml_parser_t *p)
{
    size_t off = p->error == YAML_READER_ERROR ? p->problem_offset
                                               : byte_of(c, p->problem_mark.index);
    const char *what = p->problem ? p->problem : "not valid YAML";
    if (p->error == YAML_READER_ERROR && p->problem_value != -1)
        fail_at(c, off, "%s (byte 0x%02X)", what, (unsigned)p->problem_value & 0xFF);
    else if (p->context)
        fail_at(c, off, "%s %s", what, p->context);
    else
        fail_at(c, off, "%s", what);
}

mm_ynode *mm_yaml_parse(mm_arena *a, const char *text, size_t len, mm_yaml_error *err)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.t = text;
    c.len = len;
    c.err = err;
    if (err)
        memset(err, 0, sizeof *err);
    yaml_mark_t origin = {0, 0, 0};
    if (len > MM_YAML_MAX_LEN) {
        fail_at(&c, 0, "larger than %d MiB", MM_YAML_MAX_LEN >> 20);
        return make(&c, MM_Y_NULL, origin);
    }
    size_t cap = 0;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + len - p))); p++) {
        if (c.nnl == cap) {
            cap = cap ? 2 * cap : 64;
            c.nl = mm_xrealloc(c.nl, cap * sizeof *c.nl);
        }
        c.nl[c.nnl++] = (uint32_t)(p - text);
    }
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        free(c.nl);
        fail_at(&c, 0, "libyaml could not start (out of memory)");
        return make(&c, MM_Y_NULL, origin);
    }
    /* UTF-8 only: a UTF-16 byte order mark is then an error, not a silent re-encoding that
     * would break the byte positions findings need */
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    unsigned documents = 0;
    while (!c.stop) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            yaml_problem(&c, &p);
            break;
        }
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) {
                if (err) {
                    err->documents = documents;
                    line_col(&c, byte_of(&c, ev.start_mark.index), &err->second_line,
                             &err->second_col);
                }
                c.stop = true;
            }
            break;
        case YAML_SCALAR_EVENT: on_scalar(&c, &ev); break;
        case YAML_ALIAS_EVENT: on_alias(&c, &ev); break;
        case YAML_SEQUENCE_START_EVENT:
            on_open(&c, &ev, MM_Y_SEQ, ev.data.sequence_start.anchor);
            break;
        case YAML_MAPPING_START_EVENT:
            on_open(&c, &ev, MM_Y_MAP, ev.data.mapping_start.anchor);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: on_close(&c, &ev); break;
        case YAML_STREAM_END_EVENT: c.stop = true; break;
        default: break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    if (err && !err->documents)
        err->documents = documents;
    mm_vec_free(&c.anchors);
    mm_ynode *root = c.root;
    if (!root) {
        c.stop = false;
        c.nodes = 0;
        root = make(&c, MM_Y_NULL, origin);
    }
    free(c.nl);
    return root;
}

const mm_ynode *mm_yaml_get(const mm_ynode *map, const char *key)
{
    if (!map || map->kind != MM_Y_MAP)
        return NULL;
    const mm_ynode *hit = NULL;
    for (const mm_ynode *e = map->child; e; e = e->next) {
        if (e->key && !strcmp(e->key, key))
            hit = e;
    }
    return hit;
}

const char *mm_yaml_str(const mm_ynode *map, const char *key)
{
    const mm_ynode *e = mm_yaml_get(map, key);
    return e && e->kind == MM_Y_SCALAR ? e->value : NULL;
}
