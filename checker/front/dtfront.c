/* dtfront.c: devicetree sources to facts with tree-sitter-devicetree. Walks nodes (through
 * preprocessor conditionals, both branches, and through error recovery), records properties
 * with their raw value, strings and phandle references, resolves `&label { }` to the path of
 * the node that defines the label in the same file, and marks what later statements of the
 * file undo (a second assignment, /delete-property/, /delete-node/). */
#include "front/dtfront.h"

#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "front/cfront.h"

const TSLanguage *tree_sitter_devicetree(void);

enum {
    K_NONE = 0,
    K_NODE,
    K_PROPERTY,
    K_DELETE_NODE,
    K_DELETE_PROP,
    K_REFERENCE,
    K_STRING,
    K_DESCEND, /* containers of node members: #if/#ifdef branches, /omit-if-no-ref/ */
};

static const struct {
    const char *name;
    int kind;
} kind_names[] = {
    {"node", K_NODE},
    {"property", K_PROPERTY},
    {"delete_node", K_DELETE_NODE},
    {"delete_property", K_DELETE_PROP},
    {"reference", K_REFERENCE},
    {"string_literal", K_STRING},
    {"preproc_if", K_DESCEND},
    {"preproc_ifdef", K_DESCEND},
    {"preproc_else", K_DESCEND},
    {"preproc_elif", K_DESCEND},
    {"preproc_elifdef", K_DESCEND},
    {"omit_if_no_ref", K_DESCEND},
};

enum { MAX_DEPTH = 200 }; /* nesting beyond this is hostile input, not a device */

struct mm_dtfront {
    TSParser *parser;
    uint8_t *kinds; /* symbol -> K_* */
    uint32_t nsyms;
    TSFieldId f_name, f_value, f_label;
};

mm_dtfront *mm_dtfront_new(void)
{
    mm_dtfront *df = mm_xcalloc(1, sizeof *df);
    const TSLanguage *ts = tree_sitter_devicetree();
    df->parser = ts_parser_new();
    ts_parser_set_language(df->parser, ts);
    df->nsyms = ts_language_symbol_count(ts);
    df->kinds = mm_xcalloc(df->nsyms, 1);
    for (uint32_t s = 0; s < df->nsyms; s++) {
        if (ts_language_symbol_type(ts, (TSSymbol)s) != TSSymbolTypeRegular)
            continue;
        const char *name = ts_language_symbol_name(ts, (TSSymbol)s);
        for (size_t k = 0; k < MM_ARRAY_LEN(kind_names); k++) {
            if (!strcmp(name, kind_names[k].name))
                df->kinds[s] = (uint8_t)kind_names[k].kind;
        }
    }
    df->f_name = ts_language_field_id_for_name(ts, "name", 4);
    df->f_value = ts_language_field_id_for_name(ts, "value", 5);
    df->f_label = ts_language_field_id_for_name(ts, "label", 5);
    return df;
}

void mm_dtfront_free(mm_dtfront *df)
{
    if (!df)
        return;
    ts_parser_delete(df->parser);
    free(df->kinds);
    free(df);
}

bool mm_dtfront_reads(const char *path)
{
    const char *dot = strrchr(mm_path_base(path), '.');
    return dot && (!strcmp(dot, ".dts") || !strcmp(dot, ".dtsi") || !strcmp(dot, ".overlay") ||
                   !strcmp(dot, ".dtso"));
}

/* --- building ------------------------------------------------------------------------------- */

typedef MM_VEC(const char *) strvec;

typedef struct del {
    int32_t parent;     /* node it was written in; -1 at the top */
    const char *target; /* node name, or the label/path of a reference */
    bool is_ref;
    bool prop;          /* /delete-property/ */
    uint32_t start;
    uint32_t cond;      /* preprocessor branch it sits in; 0: none */
} del;

typedef struct build {
    mm_dtfront *df;
    mm_arena *a;
    const char *src;
    MM_VEC(mm_dt_node) nodes;
    MM_VEC(mm_dt_prop) props;
    MM_VEC(del) dels;
    strvec labels;               /* label strings in node order; label_node says whose */
    MM_VEC(uint32_t) label_node;
    MM_VEC(uint32_t) prop_cond;   /* per property: preprocessor branch, 0: none */
    uint32_t cond, nconds;        /* the branch being walked; branches so far */
    uint32_t errors;
    uint32_t first_error; /* byte offset, valid when errors */
} build;

static int kind_of(const build *b, TSNode n)
{
    TSSymbol s = ts_node_symbol(n);
    return s < b->df->nsyms ? b->df->kinds[s] : K_NONE;
}

static bool is_error(TSNode n)
{
    return !strcmp(ts_node_type(n), "ERROR");
}

static const char *text(build *b, TSNode n)
{
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    return mm_arena_strndup(b->a, b->src + s, e - s);
}

/* The text of [s, e) with runs of blanks collapsed to one space. */
static const char *collapsed(build *b, uint32_t s, uint32_t e)
{
    return mm_arena_collapse(b->a, b->src + s, e - s);
}

/* A DTS string literal ("...", C escapes) decoded; an embedded NUL ends it, as dtc does. */
static const char *string_value(build *b, TSNode n)
{
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    if (e - s < 2 || b->src[s] != '"')
        return mm_arena_strdup(b->a, "");
    s++;
    if (b->src[e - 1] == '"')
        e--;
    char *out = mm_arena_alloc(b->a, e - s + 1);
    size_t k = 0;
    for (uint32_t i = s; i < e; i++) {
        char c = b->src[i];
        if (c != '\\' || i + 1 >= e) {
            out[k++] = c;
            continue;
        }
        char x = b->src[++i];
        int v;
        switch (x) {
        case 'n': out[k++] = '\n'; break;
        case 't': out[k++] = '\t'; break;
        case 'r': out[k++] = '\r'; break;
        case 'a': out[k++] = '\a'; break;
        case 'b': out[k++] = '\b'; break;
        case 'f': out[k++] = '\f'; break;
        case 'v': out[k++] = '\v'; break;
        case 'x':
            v = 0;
            for (int d = 0; d < 2 && i + 1 < e && mm_hex_value(b->src[i + 1]) >= 0; d++)
                v = v * 16 + mm_hex_value(b->src[++i]);
            out[k++] = (char)v;
            break;
        default:
            if (x >= '0' && x <= '7') {
                v = x - '0';
                for (int d = 0; d < 2 && i + 1 < e && b->src[i + 1] >= '0' && b->src[i + 1] <= '7';
                     d++)
                    v = v * 8 + (b->src[++i] - '0');
                out[k++] = (char)v;
            } else {
                out[k++] = x; /* \" \\ and anything else stands for itself */
            }
        }
        if (k && out[k - 1] == 0) {
            k--;
            break;
        }
    }
    out[k] = 0;
    return out;
}

/* What a reference names: "uart0" for &uart0, "/soc/uart@1" for &{/soc/uart@1}. */
static const char *ref_target(build *b, TSNode ref)
{
    TSNode lab = ts_node_child_by_field_id(ref, b->df->f_label);
    if (!ts_node_is_null(lab))
        return text(b, lab);
    uint32_t n = ts_node_named_child_count(ref);
    for (uint32_t i = 0; i < n; i++) {
        TSNode c = ts_node_named_child(ref, i);
        if (!strcmp(ts_node_type(c), "path"))
            return collapsed(b, ts_node_start_byte(c), ts_node_end_byte(c));
    }
    return collapsed(b, ts_node_start_byte(ref), ts_node_end_byte(ref));
}

static void note_error(build *b, TSNode n)
{
    if (!b->errors++)
        b->first_error = ts_node_start_byte(n);
}

/* References anywhere in a property value (<&gpio0 5 0>, &uart0, (&x)...). */
static void collect_refs(build *b, TSNode n, strvec *out, int depth)
{
    if (depth > 32)
        return;
    if (kind_of(b, n) == K_REFERENCE) {
        mm_vec_push(out, ref_target(b, n));
        return;
    }
    uint32_t cnt = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < cnt; i++)
        collect_refs(b, ts_node_named_child(n, i), out, depth + 1);
}

static const char **arena_list(build *b, const char *const *v, size_t n)
{
    if (!n)
        return NULL;
    const char **out = mm_arena_alloc(b->a, n * sizeof *out);
    memcpy(out, v, n * sizeof *out);
    return out;
}

static void add_property(build *b, TSNode n, int32_t parent)
{
    if (parent < 0) {
        note_error(b, n); /* a property outside any node is not devicetree */
        return;
    }
    mm_dt_prop p;
    memset(&p, 0, sizeof p);
    p.node = (uint32_t)parent;
    p.span = (mm_span){ts_node_start_byte(n), ts_node_end_byte(n)};
    TSNode nm = ts_node_child_by_field_id(n, b->df->f_name);
    if (ts_node_is_null(nm))
        return;
    p.name = text(b, nm);
    p.name_span = (mm_span){ts_node_start_byte(nm), ts_node_end_byte(nm)};
    strvec strs = {0};
    strvec refs = {0};
    uint32_t vs = 0, ve = 0;
    /* the values are the named children after '=' (field lookups miss repeated fields in
     * tree-sitter 0.20) */
    bool after_eq = false;
    uint32_t cnt = ts_node_child_count(n);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode v = ts_node_child(n, i);
        if (!ts_node_is_named(v)) {
            after_eq |= !strcmp(ts_node_type(v), "=");
            continue;
        }
        const char *type = ts_node_type(v);
        if (!after_eq || !strcmp(type, "comment") || !strcmp(type, "integer_literal"))
            continue; /* labels and the name come before '='; /bits/ N is not a value */
        if (!p.has_value)
            vs = ts_node_start_byte(v);
        ve = ts_node_end_byte(v);
        p.has_value = true;
        if (kind_of(b, v) == K_STRING)
            mm_vec_push(&strs, string_value(b, v));
        collect_refs(b, v, &refs, 0);
    }
    p.raw = p.has_value ? collapsed(b, vs, ve) : "";
    p.value_span = (mm_span){vs, ve};
    p.strings = arena_list(b, strs.v, strs.n);
    p.nstrings = (uint32_t)strs.n;
    p.refs = arena_list(b, refs.v, refs.n);
    p.nrefs = (uint32_t)refs.n;
    mm_vec_free(&strs);
    mm_vec_free(&refs);
    mm_vec_push(&b->props, p);
    mm_vec_push(&b->prop_cond, b->cond);
}

static void add_delete(build *b, TSNode n, int32_t parent, bool prop)
{
    TSNode nm = ts_node_child_by_field_id(n, b->df->f_name);
    if (ts_node_is_null(nm))
        return;
    del d = {parent, NULL, false, prop, ts_node_start_byte(n), b->cond};
    if (kind_of(b, nm) == K_REFERENCE) {
        d.target = ref_target(b, nm);
        d.is_ref = true;
    } else {
        /* the name with its unit address: everything from the name to the ';' */
        uint32_t s = ts_node_start_byte(nm), e = ts_node_end_byte(n);
        while (e > s && (b->src[e - 1] == ';' || b->src[e - 1] == ' ' || b->src[e - 1] == '\t' ||
                         b->src[e - 1] == '\n' || b->src[e - 1] == '\r'))
            e--;
        d.target = collapsed(b, s, e);
    }
    mm_vec_push(&b->dels, d);
}

static void walk_members(build *b, TSNode container, int32_t parent, int depth);

static void add_node(build *b, TSNode n, int32_t parent, int depth)
{
    mm_dt_node nd;
    memset(&nd, 0, sizeof nd);
    nd.parent = parent;
    nd.span = (mm_span){ts_node_start_byte(n), ts_node_end_byte(n)};
    TSNode nm = ts_node_child_by_field_id(n, b->df->f_name);
    if (ts_node_is_null(nm)) {
        note_error(b, n);
        return;
    }
    nd.name_span = (mm_span){ts_node_start_byte(nm), ts_node_end_byte(nm)};
    size_t first_label = b->labels.n;
    const char *addr = NULL;
    /* labels are the identifiers before the name; the unit address follows '@' */
    uint32_t name_start = ts_node_start_byte(nm);
    uint32_t cnt = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode c = ts_node_named_child(n, i);
        const char *type = ts_node_type(c);
        if (ts_node_start_byte(c) < name_start && !strcmp(type, "identifier")) {
            mm_vec_push(&b->labels, text(b, c));
        } else if (!strcmp(type, "unit_address") && !addr) {
            addr = text(b, c);
            nd.name_span.end = ts_node_end_byte(c);
        }
    }
    if (kind_of(b, nm) == K_REFERENCE) {
        nd.ref = ref_target(b, nm);
        nd.name = text(b, nm);
    } else {
        nd.name = addr ? mm_arena_printf(b->a, "%s@%s", text(b, nm), addr) : text(b, nm);
    }
    uint32_t idx = (uint32_t)b->nodes.n;
    for (size_t i = first_label; i < b->labels.n; i++)
        mm_vec_push(&b->label_node, idx);
    mm_vec_push(&b->nodes, nd);
    walk_members(b, n, (int32_t)idx, depth + 1);
}

static void walk_members(build *b, TSNode container, int32_t parent, int depth)
{
    if (depth > MAX_DEPTH) {
        note_error(b, container);
        return;
    }
    uint32_t cnt = ts_node_named_child_count(container);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode c = ts_node_named_child(container, i);
        if (ts_node_is_missing(c))
            note_error(b, c);
        switch (kind_of(b, c)) {
        case K_NODE: add_node(b, c, parent, depth); break;
        case K_PROPERTY: add_property(b, c, parent); break;
        case K_DELETE_NODE: add_delete(b, c, parent, false); break;
        case K_DELETE_PROP: add_delete(b, c, parent, true); break;
        case K_DESCEND: {
            /* each #if/#else branch is one of several builds: its statements do not undo
             * what another branch says */
            uint32_t saved = b->cond;
            if (strcmp(ts_node_type(c), "omit_if_no_ref"))
                b->cond = ++b->nconds;
            walk_members(b, c, parent, depth + 1);
            b->cond = saved;
            break;
        }
        default:
            if (is_error(c)) {
                /* error recovery may wrap whole valid nodes: keep what is inside */
                note_error(b, c);
                walk_members(b, c, parent, depth + 1);
            }
        }
    }
}

/* --- resolution ------------------------------------------------------------------------------ */

static int32_t label_node(const build *b, const char *label)
{
    for (size_t i = 0; i < b->labels.n; i++) {
        if (!strcmp(b->labels.v[i], label))
            return (int32_t)b->label_node.v[i];
    }
    return -1;
}

static const char *join(build *b, const char *parent, const char *name)
{
    if (!strcmp(parent, "/"))
        return mm_arena_printf(b->a, "/%s", name);
    return mm_arena_printf(b->a, "%s/%s", parent, name);
}

/* The path of node i (memoised in nodes[i].path); a chain of references that loops is left as
 * the reference itself. */
static const char *resolve(build *b, uint32_t i, int depth)
{
    mm_dt_node *nd = &b->nodes.v[i];
    if (nd->path)
        return nd->path;
    const char *path;
    if (!nd->ref && nd->parent >= 0 && !strcmp(nd->name, "__overlay__")) {
        /* a Linux overlay fragment: fragment@0 { target = <&uart0>; __overlay__ { ... }; } */
        for (size_t k = 0; k < b->props.n; k++) {
            const mm_dt_prop *p = &b->props.v[k];
            if (p->node != (uint32_t)nd->parent)
                continue;
            if (!strcmp(p->name, "target") && p->nrefs)
                nd->ref = p->refs[0];
            else if (!strcmp(p->name, "target-path") && p->nstrings)
                nd->ref = p->strings[0];
        }
    }
    if (depth > 64) {
        path = nd->ref ? mm_arena_printf(b->a, "&%s", nd->ref) : nd->name;
    } else if (nd->ref) {
        if (nd->ref[0] == '/') {
            path = nd->ref;
        } else {
            int32_t t = label_node(b, nd->ref);
            path = t >= 0 && (uint32_t)t != i ? resolve(b, (uint32_t)t, depth + 1)
                                              : mm_arena_printf(b->a, "&%s", nd->ref);
        }
    } else if (nd->parent < 0) {
        path = !strcmp(nd->name, "/") ? "/" : join(b, "/", nd->name);
    } else {
        path = join(b, resolve(b, (uint32_t)nd->parent, depth + 1), nd->name);
    }
    b->nodes.v[i].path = path;
    return path;
}

/* Where a /delete-node/ or /delete-property/ points. */
static const char *del_target(build *b, const del *d)
{
    if (d->prop)
        return d->parent >= 0 ? b->nodes.v[d->parent].path : "";
    if (d->is_ref) {
        if (d->target[0] == '/')
            return d->target;
        int32_t t = label_node(b, d->target);
        return t >= 0 ? b->nodes.v[t].path : mm_arena_printf(b->a, "&%s", d->target);
    }
    return join(b, d->parent >= 0 ? b->nodes.v[d->parent].path : "/", d->target);
}

/* Is path at or below target? "name" without a unit address also removes "name@addr". */
static bool covers(const char *target, const char *path)
{
    size_t n = strlen(target);
    if (!strncmp(target, path, n) && (path[n] == 0 || path[n] == '/'))
        return true;
    if (strchr(mm_path_base(target), '@'))
        return false;
    return !strncmp(target, path, n) && path[n] == '@';
}

/* A small open-addressing table: (node path, property name, branch) -> start of the last
 * statement that sets or deletes it there. */
typedef struct last_slot {
    const char *path, *name;
    uint32_t cond;
    uint32_t start;
    bool used;
} last_slot;

static size_t slot_of(last_slot *t, size_t cap, const char *path, const char *name, uint32_t cond)
{
    uint64_t h = (mm_hash64(path, strlen(path)) * 31 + mm_hash64(name, strlen(name))) * 31 + cond;
    size_t i = (size_t)h & (cap - 1);
    while (t[i].used && (t[i].cond != cond || strcmp(t[i].path, path) || strcmp(t[i].name, name)))
        i = (i + 1) & (cap - 1);
    return i;
}

static void note_last(last_slot *t, size_t cap, const char *path, const char *name, uint32_t cond,
                      uint32_t start)
{
    size_t s = slot_of(t, cap, path, name, cond);
    if (!t[s].used || t[s].start < start)
        t[s] = (last_slot){path, name, cond, start, true};
}

/* Is something set at `start` in branch `cond` undone later: by an unconditional statement,
 * or by one in the same branch? */
static bool undone(last_slot *t, size_t cap, const char *path, const char *name, uint32_t cond,
                   uint32_t start)
{
    size_t s = slot_of(t, cap, path, name, 0);
    if (t[s].used && t[s].start > start)
        return true;
    if (!cond)
        return false;
    s = slot_of(t, cap, path, name, cond);
    return t[s].used && t[s].start > start;
}

static void mark_overrides(build *b)
{
    size_t cap = 16;
    while (cap < b->props.n * 2 + 2 * b->dels.n + 2)
        cap *= 2;
    last_slot *t = mm_xcalloc(cap, sizeof *t);
    for (size_t i = 0; i < b->props.n; i++) {
        mm_dt_prop *p = &b->props.v[i];
        note_last(t, cap, b->nodes.v[p->node].path, p->name, b->prop_cond.v[i], p->span.start);
    }
    const char **targets = mm_arena_alloc(b->a, (b->dels.n ? b->dels.n : 1) * sizeof *targets);
    for (size_t k = 0; k < b->dels.n; k++) {
        del *d = &b->dels.v[k];
        targets[k] = del_target(b, d);
        if (d->prop)
            note_last(t, cap, targets[k], d->target, d->cond, d->start);
    }
    for (size_t i = 0; i < b->nodes.n; i++) {
        mm_dt_node *nd = &b->nodes.v[i];
        for (size_t k = 0; k < b->dels.n && !nd->deleted; k++) {
            const del *d = &b->dels.v[k];
            nd->deleted = !d->prop && !d->cond && d->start > nd->span.start &&
                          covers(targets[k], nd->path);
        }
    }
    for (size_t i = 0; i < b->props.n; i++) {
        mm_dt_prop *p = &b->props.v[i];
        const mm_dt_node *nd = &b->nodes.v[p->node];
        uint32_t cond = b->prop_cond.v[i];
        p->overridden = undone(t, cap, nd->path, p->name, cond, p->span.start);
        for (size_t k = 0; k < b->dels.n && !p->overridden; k++) {
            const del *d = &b->dels.v[k];
            p->overridden = !d->prop && (!d->cond || d->cond == cond) &&
                            d->start > p->span.start && covers(targets[k], nd->path);
        }
    }
    free(t);
}

/* Chains of the nodes that share a path and of each node's properties. */
static void link(build *b)
{
    size_t cap = 16;
    while (cap < b->nodes.n * 2)
        cap *= 2;
    int32_t *first = mm_xcalloc(cap, sizeof *first), *last = mm_xcalloc(cap, sizeof *last);
    for (size_t i = 0; i < cap; i++)
        first[i] = last[i] = -1;
    for (size_t i = 0; i < b->nodes.n; i++) {
        mm_dt_node *nd = &b->nodes.v[i];
        nd->first_prop = -1;
        nd->next_same = -1;
        size_t h = (size_t)mm_hash64(nd->path, strlen(nd->path)) & (cap - 1);
        while (first[h] >= 0 && strcmp(b->nodes.v[first[h]].path, nd->path))
            h = (h + 1) & (cap - 1);
        if (first[h] < 0) {
            first[h] = (int32_t)i;
        } else {
            b->nodes.v[last[h]].next_same = (int32_t)i;
        }
        nd->same = (uint32_t)first[h];
        last[h] = (int32_t)i;
    }
    free(first);
    free(last);
    int32_t *tail = mm_xcalloc(b->nodes.n ? b->nodes.n : 1, sizeof *tail);
    for (size_t i = 0; i < b->props.n; i++) {
        mm_dt_prop *p = &b->props.v[i];
        mm_dt_node *nd = &b->nodes.v[p->node];
        p->next = -1;
        if (nd->first_prop < 0)
            nd->first_prop = (int32_t)i;
        else
            b->props.v[tail[p->node]].next = (int32_t)i;
        tail[p->node] = (int32_t)i;
    }
    free(tail);
}

/* --- entry points ---------------------------------------------------------------------------- */

static mm_dtfacts *finish(build *b)
{
    mm_dtfacts *dt = mm_arena_calloc(b->a, 1, sizeof *dt);
    for (size_t i = 0; i < b->nodes.n; i++)
        resolve(b, (uint32_t)i, 0);
    /* labels per node */
    for (size_t i = 0; i < b->labels.n; i++)
        b->nodes.v[b->label_node.v[i]].nlabels++;
    for (size_t i = 0; i < b->nodes.n; i++) {
        mm_dt_node *nd = &b->nodes.v[i];
        if (nd->nlabels) {
            nd->labels = mm_arena_alloc(b->a, nd->nlabels * sizeof *nd->labels);
            nd->nlabels = 0;
        }
    }
    for (size_t i = 0; i < b->labels.n; i++) {
        mm_dt_node *nd = &b->nodes.v[b->label_node.v[i]];
        nd->labels[nd->nlabels++] = b->labels.v[i];
    }
    mark_overrides(b);
    link(b);
    dt->nnodes = (uint32_t)b->nodes.n;
    dt->nprops = (uint32_t)b->props.n;
    if (b->nodes.n) {
        dt->nodes = mm_arena_alloc(b->a, b->nodes.n * sizeof *dt->nodes);
        memcpy(dt->nodes, b->nodes.v, b->nodes.n * sizeof *dt->nodes);
    }
    if (b->props.n) {
        dt->props = mm_arena_alloc(b->a, b->props.n * sizeof *dt->props);
        memcpy(dt->props, b->props.v, b->props.n * sizeof *dt->props);
    }
    dt->errors = b->errors;
    mm_vec_free(&b->nodes);
    mm_vec_free(&b->props);
    mm_vec_free(&b->dels);
    mm_vec_free(&b->labels);
    mm_vec_free(&b->label_node);
    mm_vec_free(&b->prop_cond);
    return dt;
}

static mm_dtfacts *parse(mm_dtfront *df, mm_arena *arena, const char *data, size_t len,
                         bool *gave_up, uint32_t *first_error)
{
    build b;
    memset(&b, 0, sizeof b);
    b.df = df;
    b.a = arena;
    b.src = data;
    *gave_up = false;
    TSTree *tree = mm_ts_parse(df->parser, data, (uint32_t)len, 5);
    if (!tree) {
        *gave_up = true;
        return finish(&b);
    }
    TSNode root = ts_tree_root_node(tree);
    walk_members(&b, root, -1, 0);
    if (ts_node_has_error(root)) {
        /* the first error in source order, wherever it is (also inside a value) */
        TSNode n = root;
        for (int guard = 0; guard < 100000; guard++) {
            if (is_error(n) || ts_node_is_missing(n))
                break;
            uint32_t cnt = ts_node_child_count(n), i = 0;
            for (; i < cnt; i++) {
                TSNode c = ts_node_child(n, i);
                if (ts_node_has_error(c) || ts_node_is_missing(c)) {
                    n = c;
                    break;
                }
            }
            if (i == cnt)
                break;
        }
        if (!b.errors)
            b.errors = 1;
        b.first_error = ts_node_start_byte(n);
    }
    *first_error = b.first_error;
    ts_tree_delete(tree);
    return finish(&b);
}

mm_dtfacts *mm_dt_parse(mm_dtfront *df, mm_arena *arena, const char *data, size_t len)
{
    bool gave_up;
    uint32_t first;
    return parse(df, arena, data, len, &gave_up, &first);
}

void mm_dtfront_run(mm_dtfront *df, mm_file *f)
{
    bool gave_up;
    uint32_t first = 0;
    f->dt = parse(df, f->arena, f->data, f->len, &gave_up, &first);
    if (gave_up) {
        mm_file_notice(f, 0, MM_NOTICE_WARNING, "parse-timeout",
                       "the devicetree parser gave up on this file (time limit); its "
                       "devicetree rules were not checked");
    } else if (f->dt->errors) {
        unsigned line, col;
        mm_file_pos(f, first, &line, &col);
        mm_file_notice(f, line, MM_NOTICE_NOTE, "parse-error",
                       "devicetree syntax error at line %u, column %u; rules saw the parts "
                       "that parse",
                       line, col);
    }
}
