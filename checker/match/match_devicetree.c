/* match_devicetree.c: the `devicetree` matcher — conditions on the nodes and properties of a
 * devicetree source (facts from dtfront.c), such as a chosen entry that routes a shell to a
 * UART or a trace unit switched on with status = "okay".
 *
 *   "match": {
 *     "kind": "devicetree",
 *     "node": {                        (every field given must hold)
 *       "path": "^/chosen$",           (regex over the node's path; "&label" when unresolved)
 *       "name": "regex over the last component of the path",
 *       "label": "regex over a label defined on it or the label it is written as (&itm)",
 *       "compatible": "regex over any string of its compatible property",
 *       "has": {property condition},   (some property of the node satisfies it)
 *       "lacks": {property condition}, (no property of the node does)
 *       "any": [{node condition}, ...] (at least one holds)
 *     },
 *     "property": {                    (the finding is on each property that satisfies this)
 *       "name": "regex", "value": "regex over the raw value text",
 *       "string": "regex over any string value", "ref": "regex over any &reference"
 *     },
 *     "trigger": "prefilter regex: files without a hit are not parsed"
 *   }
 *
 * A node written more than once in a file (`&itm { ... }` twice) is judged as one; what a
 * later statement of the same file undoes (a second assignment, /delete-property/,
 * /delete-node/) no longer counts. Without "property" the finding is on the node's name. */
#include <stdlib.h>
#include <string.h>

#include "front/dtfront.h"
#include "match/matchers.h"

typedef struct prop_cond {
    mm_regex *name, *value, *string, *ref;
} prop_cond;

typedef struct node_cond {
    mm_regex *path, *name, *label, *compatible;
    prop_cond *has, *lacks;
    struct node_cond *any;
    size_t nany;
} node_cond;

typedef struct dt_match {
    node_cond node;
    prop_cond *prop;
} dt_match;

static void prop_cond_free(prop_cond *p)
{
    if (!p)
        return;
    mm_regex_free(p->name);
    mm_regex_free(p->value);
    mm_regex_free(p->string);
    mm_regex_free(p->ref);
    free(p);
}

static void node_cond_clear(node_cond *c)
{
    mm_regex_free(c->path);
    mm_regex_free(c->name);
    mm_regex_free(c->label);
    mm_regex_free(c->compatible);
    prop_cond_free(c->has);
    prop_cond_free(c->lacks);
    for (size_t i = 0; i < c->nany; i++)
        node_cond_clear(&c->any[i]);
    free(c->any);
}

void mm_match_devicetree_free(void *m)
{
    dt_match *dm = m;
    node_cond_clear(&dm->node);
    prop_cond_free(dm->prop);
    free(dm);
}

/* --- compiling ------------------------------------------------------------------------------- */

static int compile_prop(mm_compile_ctx *cx, const cJSON *obj, const char *what, prop_cond **out)
{
    if (!cJSON_IsObject(obj))
        return mm_json_err(cx->doc, obj, cx->err,
                           "%s is an object with name, value, string or ref", what);
    static const char *const keys[] = {"name", "value", "string", "ref", NULL};
    if (mm_json_only_keys(cx->doc, obj, keys, what, cx->err) < 0)
        return -1;
    prop_cond *p = mm_xcalloc(1, sizeof *p);
    *out = p;
    if (mm_json_regex(cx, obj, "name", false, &p->name) < 0 ||
        mm_json_regex(cx, obj, "value", false, &p->value) < 0 ||
        mm_json_regex(cx, obj, "string", false, &p->string) < 0 ||
        mm_json_regex(cx, obj, "ref", false, &p->ref) < 0)
        return -1;
    if (!p->name && !p->value && !p->string && !p->ref)
        return mm_json_err(cx->doc, obj, cx->err, "%s needs name, value, string or ref", what);
    return 0;
}

static int compile_node(mm_compile_ctx *cx, const cJSON *obj, node_cond *c, int depth)
{
    if (!cJSON_IsObject(obj))
        return mm_json_err(cx->doc, obj, cx->err, "a node condition is an object");
    if (depth > 8)
        return mm_json_err(cx->doc, obj, cx->err, "node conditions nest at most 8 deep");
    static const char *const keys[] = {"path", "name", "label", "compatible",
                                       "has",  "lacks", "any",  NULL};
    if (mm_json_only_keys(cx->doc, obj, keys, "node condition", cx->err) < 0)
        return -1;
    if (mm_json_regex(cx, obj, "path", false, &c->path) < 0 ||
        mm_json_regex(cx, obj, "name", false, &c->name) < 0 ||
        mm_json_regex(cx, obj, "label", false, &c->label) < 0 ||
        mm_json_regex(cx, obj, "compatible", false, &c->compatible) < 0)
        return -1;
    const cJSON *has = cJSON_GetObjectItemCaseSensitive(obj, "has");
    if (has && compile_prop(cx, has, "\"has\"", &c->has) < 0)
        return -1;
    const cJSON *lacks = cJSON_GetObjectItemCaseSensitive(obj, "lacks");
    if (lacks && compile_prop(cx, lacks, "\"lacks\"", &c->lacks) < 0)
        return -1;
    const cJSON *any = cJSON_GetObjectItemCaseSensitive(obj, "any");
    if (any) {
        if (!cJSON_IsArray(any) || !any->child)
            return mm_json_err(cx->doc, any, cx->err,
                               "\"any\" is a non-empty list of node conditions");
        c->nany = (size_t)cJSON_GetArraySize(any);
        c->any = mm_xcalloc(c->nany, sizeof *c->any);
        size_t i = 0;
        for (const cJSON *e = any->child; e; e = e->next, i++) {
            if (compile_node(cx, e, &c->any[i], depth + 1) < 0)
                return -1;
        }
    }
    if (!c->path && !c->name && !c->label && !c->compatible && !c->has && !c->lacks && !c->nany)
        return mm_json_err(cx->doc, obj, cx->err,
                           "a node condition needs path, name, label, compatible, has, lacks "
                           "or any");
    return 0;
}

int mm_match_devicetree_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind", "node", "property", "trigger", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "devicetree matcher", cx->err) < 0)
        return -1;
    dt_match *dm = mm_xcalloc(1, sizeof *dm);
    cx->rule->match = dm;
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(match, "node");
    const cJSON *prop = cJSON_GetObjectItemCaseSensitive(match, "property");
    if (!node && !prop)
        return mm_json_err(cx->doc, match, cx->err,
                           "devicetree matcher needs \"node\", \"property\" or both");
    if (node && compile_node(cx, node, &dm->node, 0) < 0)
        return -1;
    if (prop && compile_prop(cx, prop, "\"property\"", &dm->prop) < 0)
        return -1;
    return mm_json_triggers(cx, match, "trigger", false) < 0 ? -1 : 0;
}

/* --- matching -------------------------------------------------------------------------------- */

static bool re(const mm_regex *r, const char *s)
{
    return mm_regex_test(r, s, strlen(s));
}

static bool prop_holds(const prop_cond *c, const mm_dt_prop *p)
{
    if (p->overridden)
        return false;
    if (c->name && !re(c->name, p->name))
        return false;
    if (c->value && !(p->has_value && re(c->value, p->raw)))
        return false;
    if (c->string) {
        bool hit = false;
        for (uint32_t i = 0; i < p->nstrings && !hit; i++)
            hit = re(c->string, p->strings[i]);
        if (!hit)
            return false;
    }
    if (c->ref) {
        bool hit = false;
        for (uint32_t i = 0; i < p->nrefs && !hit; i++)
            hit = re(c->ref, p->refs[i]);
        if (!hit)
            return false;
    }
    return true;
}

/* Does some property of the node (all of its occurrences in the file) satisfy c? */
static bool node_has(const mm_dtfacts *dt, uint32_t node, const prop_cond *c)
{
    for (int32_t n = (int32_t)dt->nodes[node].same; n >= 0; n = dt->nodes[n].next_same) {
        if (dt->nodes[n].deleted)
            continue;
        for (int32_t p = dt->nodes[n].first_prop; p >= 0; p = dt->props[p].next) {
            if (prop_holds(c, &dt->props[p]))
                return true;
        }
    }
    return false;
}

static bool node_label(const mm_dtfacts *dt, uint32_t node, const mm_regex *r)
{
    for (int32_t n = (int32_t)dt->nodes[node].same; n >= 0; n = dt->nodes[n].next_same) {
        const mm_dt_node *nd = &dt->nodes[n];
        for (uint32_t i = 0; i < nd->nlabels; i++) {
            if (re(r, nd->labels[i]))
                return true;
        }
        if (nd->ref && nd->ref[0] != '/' && re(r, nd->ref))
            return true;
    }
    return false;
}

static bool node_compatible(const mm_dtfacts *dt, uint32_t node, const mm_regex *r)
{
    for (int32_t n = (int32_t)dt->nodes[node].same; n >= 0; n = dt->nodes[n].next_same) {
        if (dt->nodes[n].deleted)
            continue;
        for (int32_t p = dt->nodes[n].first_prop; p >= 0; p = dt->props[p].next) {
            const mm_dt_prop *pp = &dt->props[p];
            if (pp->overridden || strcmp(pp->name, "compatible"))
                continue;
            for (uint32_t i = 0; i < pp->nstrings; i++) {
                if (re(r, pp->strings[i]))
                    return true;
            }
        }
    }
    return false;
}

static bool node_holds(const node_cond *c, const mm_dtfacts *dt, uint32_t node)
{
    const mm_dt_node *nd = &dt->nodes[node];
    if (c->path && !re(c->path, nd->path))
        return false;
    if (c->name && !re(c->name, mm_path_base(nd->path)))
        return false;
    if (c->label && !node_label(dt, node, c->label))
        return false;
    if (c->compatible && !node_compatible(dt, node, c->compatible))
        return false;
    if (c->has && !node_has(dt, node, c->has))
        return false;
    if (c->lacks && node_has(dt, node, c->lacks))
        return false;
    if (c->nany) {
        bool hit = false;
        for (size_t i = 0; i < c->nany && !hit; i++)
            hit = node_holds(&c->any[i], dt, node);
        if (!hit)
            return false;
    }
    return true;
}

static bool empty_cond(const node_cond *c)
{
    return !c->path && !c->name && !c->label && !c->compatible && !c->has && !c->lacks &&
           !c->nany;
}

void mm_match_devicetree_run(const mm_rule *rule, mm_file *f)
{
    const dt_match *dm = rule->match;
    const mm_dtfacts *dt = f->dt;
    if (!dt)
        return;
    bool any_node = empty_cond(&dm->node);
    if (dm->prop) {
        /* per node: 0 unknown, 1 holds, 2 does not */
        uint8_t *memo = mm_arena_calloc(f->arena, dt->nnodes ? dt->nnodes : 1, 1);
        for (uint32_t i = 0; i < dt->nprops; i++) {
            const mm_dt_prop *p = &dt->props[i];
            const mm_dt_node *nd = &dt->nodes[p->node];
            if (nd->deleted || !prop_holds(dm->prop, p))
                continue;
            if (!any_node) {
                uint32_t g = nd->same;
                if (!memo[g])
                    memo[g] = node_holds(&dm->node, dt, g) ? 1 : 2;
                if (memo[g] != 1)
                    continue;
            }
            mm_emit e = {0};
            e.start = p->span.start;
            e.end = p->span.end;
            const char *vars[] = {"name", p->name, "detail", p->has_value ? p->raw : "",
                                  "node", nd->path, NULL};
            e.vars = vars;
            mm_emit_finding(f, rule, &e);
        }
        return;
    }
    /* one finding per node, at its first occurrence that no later statement deletes */
    uint8_t *done = mm_arena_calloc(f->arena, dt->nnodes ? dt->nnodes : 1, 1);
    for (uint32_t i = 0; i < dt->nnodes; i++) {
        const mm_dt_node *nd = &dt->nodes[i];
        if (nd->deleted || done[nd->same])
            continue;
        done[nd->same] = 1;
        if (!node_holds(&dm->node, dt, i))
            continue;
        mm_emit e = {0};
        e.start = nd->name_span.start;
        e.end = nd->name_span.end;
        const char *vars[] = {"name", nd->name, "detail", nd->path, "node", nd->path, NULL};
        e.vars = vars;
        mm_emit_finding(f, rule, &e);
    }
}
