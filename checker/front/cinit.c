/* cinit.c: struct objects of the types some rule watches, and the fields their initializers and
 * assignments set (designators, nested initializers, member assignments). */
#include "front/cfront_int.h"

#include <stdlib.h>
#include <string.h>

/* --- struct objects and fields (initializer facts) ----------------------------------------------
 * Recorded only for the types and field names that some rule reads (mm_ruleset types/fields),
 * so that a file with many initializers costs nothing when no such rule is loaded. */

/* The type of a declaration as written, without qualifiers: "T", "ns::T", "struct s". NULL for
 * a type that defines a body (struct s { ... } x) or one no rule watches. */
static const char *watched_type(cf_ctx *c, TSNode type)
{
    if (ts_node_is_null(type))
        return NULL;
    uint32_t s = ts_node_start_byte(type), e = ts_node_end_byte(type);
    int k = cf_kind_of(c, type);
    if (k == K_TYPE_IDENT) {
        if (!mm_wants_type(c->f->wants, c->src + s, e - s))
            return NULL;
        return mm_arena_strndup(c->f->arena, c->src + s, e - s);
    }
    if (k != K_QUALIFIED && strcmp(ts_node_type(type), "struct_specifier") != 0)
        return NULL; /* int, unsigned long, enum e: no struct a rule watches */
    if (e - s > 256 || memchr(c->src + s, '{', e - s))
        return NULL;
    const char *t = cf_text_of(c, type);
    return mm_wants_type(c->f->wants, t, strlen(t)) ? t : NULL;
}

static mm_object *push_object(cf_ctx *c)
{
    mm_cfacts *fa = c->facts;
    if (fa->nobjects == fa->capobjects)
        fa->objects = cf_arena_grow(c, fa->objects, fa->nobjects, &fa->capobjects, 8,
                                 sizeof *fa->objects);
    mm_object *o = &fa->objects[fa->nobjects++];
    memset(o, 0, sizeof *o);
    return o;
}

/* What an initializer tells about the fields it sets: `{ .a = 1 }` designates them, `{0}` and
 * `{}` set none, anything else (positional members, a copy, a call) sets fields we cannot name. */
static void initializer_shape(cf_ctx *c, TSNode value, mm_object *o)
{
    o->has_init = true;
    if (cf_kind_of(c, value) != K_INIT_LIST) {
        o->positional = true;
        return;
    }
    uint32_t cnt = ts_node_named_child_count(value);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode m = ts_node_named_child(value, i);
        if (ts_node_is_extra(m) || cf_kind_of(c, m) == K_INIT_PAIR)
            continue;
        /* {0}, {NULL}, {false}: zero-initialised */
        const char *t = cf_text_of(c, m);
        if (cnt == 1 && (!strcmp(t, "0") || cf_kind_of(c, m) == K_NULL || !strcmp(t, "false")))
            continue;
        o->positional = true;
    }
}

void cf_handle_object_decl(cf_ctx *c, TSNode decl, const mm_func *func)
{
    TSNode type = ts_node_child_by_field_id(decl, c->l->f_type);
    const char *tname = watched_type(c, type);
    if (!tname)
        return;
    uint32_t cnt = ts_node_named_child_count(decl);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode d = ts_node_named_child(decl, i);
        if (ts_node_eq(d, type))
            continue;
        int dk = cf_kind_of(c, d);
        TSNode target = d, value = {0};
        if (dk == K_INIT_DECL) {
            target = ts_node_child_by_field_id(d, c->l->f_declarator);
            value = ts_node_child_by_field_id(d, c->l->f_value);
        }
        if (ts_node_is_null(target))
            continue;
        int tk = cf_kind_of(c, target);
        if (tk != K_IDENT && tk != K_POINTER_DECL && tk != K_ARRAY_DECL && tk != K_REFERENCE_DECL)
            continue; /* function declarators, storage specifiers, qualifiers */
        TSNode id = cf_declarator_ident(c, target);
        if (ts_node_is_null(id) || cf_kind_of(c, id) != K_IDENT)
            continue;
        mm_object *o = push_object(c);
        o->span = cf_span_of(c, d);
        o->name_span = cf_span_of(c, id);
        o->type = tname;
        o->name = cf_text_of(c, id);
        o->func = func;
        o->is_pointer = tk == K_POINTER_DECL || tk == K_REFERENCE_DECL;
        o->is_array = tk == K_ARRAY_DECL;
        if (!ts_node_is_null(value))
            initializer_shape(c, value, o);
    }
}

void cf_handle_compound_literal(cf_ctx *c, TSNode n, const mm_func *func)
{
    TSNode td = ts_node_child_by_field_id(n, c->l->f_type);
    if (ts_node_is_null(td))
        return;
    TSNode t = ts_node_child_by_field_id(td, c->l->f_type);
    const char *tname = watched_type(c, ts_node_is_null(t) ? td : t);
    if (!tname)
        return;
    mm_object *o = push_object(c);
    o->span = cf_span_of(c, n);
    o->name_span = cf_span_of(c, td);
    o->type = tname;
    o->func = func;
    TSNode value = ts_node_child_by_field_id(n, c->l->f_value);
    if (!ts_node_is_null(value))
        initializer_shape(c, value, o);
}

static int32_t object_at(const cf_ctx *c, TSNode n)
{
    uint32_t start = cf_span_of(c, n).start;
    for (uint32_t i = c->facts->nobjects; i-- > 0;) {
        if (c->facts->objects[i].span.start == start)
            return (int32_t)i;
    }
    return -1;
}

static mm_field *push_field(cf_ctx *c)
{
    mm_cfacts *fa = c->facts;
    if (fa->nfields == fa->capfields)
        fa->fields = cf_arena_grow(c, fa->fields, fa->nfields, &fa->capfields, 16,
                                sizeof *fa->fields);
    mm_field *fd = &fa->fields[fa->nfields++];
    memset(fd, 0, sizeof *fd);
    fd->object = -1;
    return fd;
}

typedef MM_VEC(const char *) name_parts;

/* Field designators of one initializer pair, in order, appended to parts; false when the pair
 * designates an array element ([i] = ...), whose path we do not name. */
static bool pair_designators(cf_ctx *c, TSNode pair, name_parts *parts)
{
    uint32_t cnt = ts_node_named_child_count(pair);
    TSNode value = ts_node_child_by_field_id(pair, c->l->f_value);
    bool any = false;
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode d = ts_node_named_child(pair, i);
        if (!ts_node_is_null(value) && ts_node_eq(d, value))
            break;
        int dk = cf_kind_of(c, d);
        if (dk == K_FIELD_DESIGNATOR) {
            TSNode fid = ts_node_named_child(d, 0);
            if (ts_node_is_null(fid))
                return false;
            mm_vec_push(parts, cf_text_of(c, fid));
            any = true;
        } else if (dk == K_SUBSCRIPT_DESIGNATOR) {
            return false;
        }
    }
    return any;
}

static const char *join_parts(cf_ctx *c, const char *const *v, size_t n)
{
    mm_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i)
            mm_buf_putc(&b, '.');
        mm_buf_puts(&b, v[i]);
    }
    const char *out = mm_arena_strndup(c->f->arena, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
    return out;
}

/* `.a.b = v` inside an initializer: the path climbs the enclosing pairs up to the object. */
void cf_handle_init_pair(cf_ctx *c, TSNode pair, const mm_func *func)
{
    TSNode value = ts_node_child_by_field_id(pair, c->l->f_value);
    if (ts_node_is_null(value) || cf_kind_of(c, value) == K_INIT_LIST)
        return; /* the pairs inside say what it sets */
    /* the last designator is the field; check it before building anything */
    TSNode last = {0};
    uint32_t cnt = ts_node_named_child_count(pair);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode d = ts_node_named_child(pair, i);
        if (ts_node_eq(d, value))
            break;
        last = d;
    }
    if (ts_node_is_null(last) || cf_kind_of(c, last) != K_FIELD_DESIGNATOR)
        return;
    TSNode lid = ts_node_named_child(last, 0);
    if (ts_node_is_null(lid))
        return;
    uint32_t ls = ts_node_start_byte(lid), le = ts_node_end_byte(lid);
    if (!mm_wants_field(c->f->wants, c->src + ls, le - ls))
        return;
    MM_VEC(name_parts) levels = {0}; /* designators per pair, innermost first */
    name_parts mine = {0};
    if (!pair_designators(c, pair, &mine)) {
        mm_vec_free(&mine);
        return;
    }
    mm_vec_push(&levels, mine);
    const char *var = NULL;
    int32_t object = -1;
    bool ok = true;
    for (TSNode q = ts_node_parent(pair); !ts_node_is_null(q) && ok; q = ts_node_parent(q)) {
        int qk = cf_kind_of(c, q);
        if (qk == K_INIT_LIST)
            continue;
        if (qk == K_INIT_PAIR) {
            name_parts up = {0};
            ok = pair_designators(c, q, &up);
            mm_vec_push(&levels, up);
            continue;
        }
        if (qk == K_INIT_DECL) {
            TSNode id = cf_declarator_ident(c, ts_node_child_by_field_id(q, c->l->f_declarator));
            if (!ts_node_is_null(id))
                var = cf_text_of(c, id);
            object = object_at(c, q);
        } else if (qk == K_COMPOUND_LIT) {
            object = object_at(c, q);
        } else if (qk == K_ASSIGN) {
            TSNode left = ts_node_child_by_field_id(q, c->l->f_left);
            if (!ts_node_is_null(left))
                var = cf_text_of(c, left);
        }
        break;
    }
    if (ok) {
        name_parts all = {0};
        for (size_t i = levels.n; i-- > 0;) {
            for (size_t k = 0; k < levels.v[i].n; k++)
                mm_vec_push(&all, levels.v[i].v[k]);
        }
        mm_field *fd = push_field(c);
        fd->span = cf_span_of(c, pair);
        /* from the first designator: a directive inside the initializer list (#ifdef X before
         * the member) parses into the pair, and the finding belongs on the member's line */
        for (uint32_t i = 0; i < cnt; i++) {
            TSNode d = ts_node_named_child(pair, i);
            int dk = cf_kind_of(c, d);
            if (dk == K_FIELD_DESIGNATOR || dk == K_SUBSCRIPT_DESIGNATOR) {
                fd->span.start = cf_span_of(c, d).start;
                break;
            }
        }
        fd->var = var;
        fd->path = join_parts(c, all.v, all.n);
        fd->leaf = all.v[all.n - 1];
        cf_fill_arg(c, value, &fd->value);
        fd->object = object;
        fd->func = func;
        mm_vec_free(&all);
    }
    for (size_t i = 0; i < levels.n; i++)
        mm_vec_free(&levels.v[i]);
    mm_vec_free(&levels);
}

/* `x.a.b = v;`, `p->a = v;` */
void cf_handle_field_assign(cf_ctx *c, TSNode n, const mm_func *func)
{
    TSNode left = ts_node_child_by_field_id(n, c->l->f_left);
    TSNode right = ts_node_child_by_field_id(n, c->l->f_right);
    if (ts_node_is_null(left) || ts_node_is_null(right) || cf_kind_of(c, left) != K_FIELD_EXPR)
        return;
    TSNode op = ts_node_child_by_field_id(n, c->l->f_operator);
    if (!ts_node_is_null(op) && ts_node_end_byte(op) - ts_node_start_byte(op) != 1)
        return; /* |=, +=: not a plain value */
    TSNode fld = ts_node_child_by_field_id(left, c->l->f_field);
    if (ts_node_is_null(fld))
        return;
    uint32_t fs = ts_node_start_byte(fld), fe = ts_node_end_byte(fld);
    if (!mm_wants_field(c->f->wants, c->src + fs, fe - fs))
        return;
    name_parts parts = {0}; /* outermost field first */
    bool arrow = false;
    TSNode base = left;
    for (int guard = 0; guard < 64 && cf_kind_of(c, base) == K_FIELD_EXPR; guard++) {
        TSNode f2 = ts_node_child_by_field_id(base, c->l->f_field);
        TSNode arg = ts_node_child_by_field_id(base, c->l->f_argument);
        if (ts_node_is_null(f2) || ts_node_is_null(arg))
            break;
        mm_vec_push(&parts, cf_text_of(c, f2));
        /* the operator sits between the object and the field: "->" or "." */
        uint32_t gs = ts_node_end_byte(arg), ge = ts_node_start_byte(f2);
        if (ge > gs && memchr(c->src + gs, '>', ge - gs))
            arrow = true;
        base = arg;
    }
    if (!parts.n) {
        mm_vec_free(&parts);
        return;
    }
    /* reverse into path order */
    for (size_t i = 0, j = parts.n - 1; i < j; i++, j--) {
        const char *t = parts.v[i];
        parts.v[i] = parts.v[j];
        parts.v[j] = t;
    }
    mm_field *fd = push_field(c);
    fd->span = cf_span_of(c, n);
    TSNode b = cf_unwrap(c, base);
    fd->var = cf_text_of(c, ts_node_is_null(b) ? base : b);
    fd->path = join_parts(c, parts.v, parts.n);
    fd->leaf = parts.v[parts.n - 1];
    cf_fill_arg(c, right, &fd->value);
    fd->assign = true;
    fd->arrow = arrow;
    fd->func = func;
    fd->object = -1;
    TSNode list = ts_node_parent(n);
    if (!ts_node_is_null(list) && cf_kind_of(c, list) == K_INIT_LIST && !arrow) {
        /* `#ifdef X` and the next line's `.member = v` inside an initializer list parse as the
         * assignment `X.member = v`: it is a designated member of the object being
         * initialised, on the member's line */
        TSNode first = left;
        while (cf_kind_of(c, ts_node_child_by_field_id(first, c->l->f_argument)) == K_FIELD_EXPR)
            first = ts_node_child_by_field_id(first, c->l->f_argument);
        TSNode f1 = ts_node_child_by_field_id(first, c->l->f_field);
        uint32_t start = cf_span_of(c, f1).start;
        if (start && c->f->data[start - 1] == '.')
            start--;
        fd->span.start = start;
        fd->assign = false;
        fd->var = NULL;
        for (TSNode q = ts_node_parent(list); !ts_node_is_null(q); q = ts_node_parent(q)) {
            int qk = cf_kind_of(c, q);
            if (qk == K_INIT_LIST || qk == K_INIT_PAIR)
                continue;
            if (qk == K_INIT_DECL) {
                TSNode id = cf_declarator_ident(c, ts_node_child_by_field_id(q, c->l->f_declarator));
                if (!ts_node_is_null(id))
                    fd->var = cf_text_of(c, id);
                fd->object = object_at(c, q);
            } else if (qk == K_COMPOUND_LIT) {
                fd->object = object_at(c, q);
            }
            break;
        }
    }
    mm_vec_free(&parts);
}

/* Walks a tree depth-first with a cursor (no recursion, no O(n^2) child access). */
