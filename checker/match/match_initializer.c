/* match_initializer.c: the `initializer` matcher — struct fields given a value in C/C++
 * designated initializers or member assignments, and struct objects initialised without any
 * of a set of fields.
 *
 *   "match": {
 *     "kind": "initializer",
 *     "fields": ["skip_cert_common_name_check"],  field paths, matched at the end of the path
 *     "values": ["true", "1"],                    the value is one of these (through #defines)
 *     "value_regex": "(?i)^http://",              or its constant text matches
 *     "types": ["esp_http_client_config_t"],      only fields of objects of these types
 *     "without": ["cert_pem", "crt_bundle_attach"], instead of fields: objects of `types` that
 *                                                  set none of these
 *     "when": [conditions], "unless": [conditions],
 *     "trigger": "optional prefilter regex; derived from fields (or types) when absent"
 *   }
 *
 * A condition has one or more parts, all of which must hold: {"field": path, "values" | "regex" |
 * "set": bool} (a field of the same object), "calls": [names] (the file calls one),
 * "types": [...] (the object's type), "test_code": true (the file is test code). `when` needs
 * one of its conditions to hold, `unless` none. */
#include <stdlib.h>
#include <string.h>

#include "front/clex.h"
#include "match/matchers.h"

/* A condition holds when all its parts hold. */
typedef struct cond {
    char *field;           /* a field of the same object: a path, or NULL */
    MM_VEC(char *) values; /* ... whose value is one of these */
    mm_regex *regex;       /* ... or whose constant text matches */
    int set;               /* ... or that is set (1) or not set (0); -1 not asked */
    MM_VEC(char *) calls;  /* the file calls one of these */
    MM_VEC(char *) types;  /* the object's type is one of these */
    bool test_code;        /* the file is test code */
} cond;

typedef MM_VEC(cond) cond_list;

typedef struct init_match {
    MM_VEC(char *) fields;
    MM_VEC(char *) values;
    mm_regex *value_regex;
    MM_VEC(char *) types;
    MM_VEC(char *) without;
    cond_list when, unless;
} init_match;

static void free_strs(void *vecp)
{
    MM_VEC(char *) *v = vecp;
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    mm_vec_free(v);
}

static void free_conds(cond_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].field);
        free_strs(&l->v[i].values);
        mm_regex_free(l->v[i].regex);
        free_strs(&l->v[i].calls);
        free_strs(&l->v[i].types);
    }
    mm_vec_free(l);
}

void mm_match_initializer_free(void *m)
{
    init_match *im = m;
    free_strs(&im->fields);
    free_strs(&im->values);
    mm_regex_free(im->value_regex);
    free_strs(&im->types);
    free_strs(&im->without);
    free_conds(&im->when);
    free_conds(&im->unless);
    free(im);
}

/* A field path: C names joined with '.'. Its last part is what the front end watches. */
static int add_path(mm_compile_ctx *cx, const cJSON *at, const char *path, void *vecp)
{
    MM_VEC(char *) *vec = vecp;
    bool start = true;
    for (const char *p = path;; p++) {
        bool name_char = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
                         (!start && *p >= '0' && *p <= '9');
        if (name_char) {
            start = false;
            continue;
        }
        if ((*p == '.' || *p == 0) && !start) {
            if (!*p)
                break;
            start = true;
            continue;
        }
        return mm_json_err(cx->doc, at, cx->err,
                           "\"%s\" is not a field path (C names joined with '.')", path);
    }
    if (vec)
        mm_vec_push(vec, mm_xstrdup(path));
    const char *dot = strrchr(path, '.');
    mm_vec_push(&cx->rule->fields, mm_xstrdup(dot ? dot + 1 : path));
    return 0;
}

static int get_paths(mm_compile_ctx *cx, const cJSON *obj, const char *key, void *vecp)
{
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(cx->doc, obj, key, &items, &n, cx->err) < 0)
        return -1;
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (items && n == 0) {
        free(items);
        return mm_json_err(cx->doc, at, cx->err, "\"%s\" needs at least one field", key);
    }
    for (size_t i = 0; i < n; i++) {
        if (add_path(cx, at, items[i], vecp) < 0) {
            free(items);
            return -1;
        }
    }
    free(items);
    return 0;
}

static int get_names(mm_compile_ctx *cx, const cJSON *obj, const char *key, void *vecp)
{
    int n = mm_json_copy_strs(cx->doc, obj, key, vecp, cx->err);
    if (n < 0)
        return -1;
    if (cJSON_GetObjectItemCaseSensitive(obj, key) && !n)
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(obj, key), cx->err,
                           "\"%s\" needs at least one entry", key);
    return 0;
}

static int compile_conds(mm_compile_ctx *cx, const cJSON *match, const char *key, cond_list *out)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(match, key);
    if (!list)
        return 0;
    if (!cJSON_IsArray(list) || !list->child)
        return mm_json_err(cx->doc, list, cx->err, "\"%s\" is a non-empty list of conditions",
                           key);
    for (const cJSON *c = list->child; c; c = c->next) {
        static const char *const keys[] = {"field", "values", "regex", "set", "calls", "types",
                                           "test_code", NULL};
        if (!cJSON_IsObject(c))
            return mm_json_err(cx->doc, c, cx->err,
                               "a condition is an object: {\"field\": ..., \"values\": [...]}, "
                               "{\"calls\": [...]}, {\"types\": [...]} or {\"test_code\": true}");
        if (mm_json_only_keys(cx->doc, c, keys, "condition", cx->err) < 0)
            return -1;
        cond cd;
        memset(&cd, 0, sizeof cd);
        cd.set = -1;
        mm_vec_push(out, cd);
        cond *k = &out->v[out->n - 1];
        const char *field = NULL;
        if (mm_json_get_str(cx->doc, c, "field", &field, cx->err) < 0 ||
            get_names(cx, c, "values", &k->values) < 0 ||
            mm_json_regex(cx, c, "regex", false, &k->regex) < 0 ||
            get_names(cx, c, "calls", &k->calls) < 0 || get_names(cx, c, "types", &k->types) < 0)
            return -1;
        const cJSON *set = cJSON_GetObjectItemCaseSensitive(c, "set");
        if (set) {
            if (!cJSON_IsBool(set))
                return mm_json_err(cx->doc, set, cx->err, "\"set\" is true or false");
            k->set = cJSON_IsTrue(set);
        }
        const cJSON *test = cJSON_GetObjectItemCaseSensitive(c, "test_code");
        if (test) {
            if (!cJSON_IsTrue(test))
                return mm_json_err(cx->doc, test, cx->err, "\"test_code\" is true");
            k->test_code = true;
        }
        int judge = (k->values.n > 0) + (k->regex != NULL) + (k->set >= 0);
        if (field) {
            k->field = mm_xstrdup(field);
            if (add_path(cx, cJSON_GetObjectItemCaseSensitive(c, "field"), field, NULL) < 0)
                return -1;
            if (judge != 1)
                return mm_json_err(cx->doc, c, cx->err,
                                   "a field condition takes one of \"values\", \"regex\", \"set\"");
        } else if (judge) {
            return mm_json_err(cx->doc, c, cx->err,
                               "\"values\", \"regex\" and \"set\" judge a \"field\"");
        } else if (!k->calls.n && !k->types.n && !k->test_code) {
            return mm_json_err(cx->doc, c, cx->err,
                               "a condition names a \"field\", \"calls\", \"types\" or "
                               "\"test_code\"");
        }
        for (size_t i = 0; i < k->types.n; i++)
            mm_vec_push(&cx->rule->types, mm_xstrdup(k->types.v[i]));
    }
    return 0;
}

int mm_match_initializer_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind", "fields", "values", "value_regex", "types",
                                       "without", "when", "unless", "trigger", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "initializer matcher", cx->err) < 0)
        return -1;
    init_match *im = mm_xcalloc(1, sizeof *im);
    cx->rule->match = im;
    if (get_paths(cx, match, "fields", &im->fields) < 0 ||
        get_paths(cx, match, "without", &im->without) < 0 ||
        get_names(cx, match, "values", &im->values) < 0 ||
        get_names(cx, match, "types", &im->types) < 0 ||
        mm_json_regex(cx, match, "value_regex", false, &im->value_regex) < 0)
        return -1;
    for (size_t i = 0; i < im->types.n; i++)
        mm_vec_push(&cx->rule->types, mm_xstrdup(im->types.v[i]));
    if (!im->fields.n == !im->without.n)
        return mm_json_err(cx->doc, match, cx->err,
                           "initializer matcher needs \"fields\" (a field given a value) or "
                           "\"without\" (objects that set none of these fields), not both");
    if (im->without.n && !im->types.n)
        return mm_json_err(cx->doc, match, cx->err,
                           "\"without\" needs \"types\": the struct types to look at");
    if (im->without.n && (im->values.n || im->value_regex))
        return mm_json_err(cx->doc, match, cx->err,
                           "\"values\" and \"value_regex\" judge \"fields\", not \"without\"");
    if (compile_conds(cx, match, "when", &im->when) < 0 ||
        compile_conds(cx, match, "unless", &im->unless) < 0)
        return -1;
    int nt = mm_json_triggers(cx, match, "trigger", false);
    if (nt < 0)
        return -1;
    if (nt == 0) {
        /* `.field =` and `x.field =`, or the type's name where objects are declared */
        mm_buf b = {0};
        if (im->fields.n) {
            for (size_t i = 0; i < im->fields.n; i++) {
                const char *dot = strrchr(im->fields.v[i], '.');
                mm_buf_printf(&b, "%s%s", i ? "|" : "", dot ? dot + 1 : im->fields.v[i]);
            }
            char *t = mm_xasprintf("\\b(?:%s)\\s*=", b.data);
            mm_rule_add_trigger(cx->rule, t, false);
            free(t);
        } else {
            for (size_t i = 0; i < im->types.n; i++) {
                const char *sp = strrchr(im->types.v[i], ' '); /* "struct x": its name */
                mm_buf_printf(&b, "%s%s", i ? "|" : "", sp ? sp + 1 : im->types.v[i]);
            }
            char *t = mm_xasprintf("\\b(?:%s)\\b", b.data);
            mm_rule_add_trigger(cx->rule, t, false);
            free(t);
        }
        mm_buf_free(&b);
    }
    return 0;
}

/* --- running --------------------------------------------------------------------------------- */

/* "verification.certificate" matches the path "broker.verification.certificate" */
static bool path_matches(const char *spec, const char *path)
{
    size_t sl = strlen(spec), pl = strlen(path);
    if (sl > pl || strcmp(path + pl - sl, spec) != 0)
        return false;
    return sl == pl || path[pl - sl - 1] == '.';
}

static bool in_list(char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++) {
        if (!strcmp(v[i], s))
            return true;
    }
    return false;
}

/* The object a fact talks about: an mm_object when one was found, else the variable's name in
 * its function (an object declared where no rule's trigger led the front end). */
typedef struct view {
    int32_t object;
    const char *var;
    const mm_func *func;
    bool file_scope; /* the object is declared at file scope: assignments anywhere count */
} view;

static bool fact_in_view(const mm_cfacts *cf, const view *v, const mm_field *fd)
{
    if (v->object >= 0 && fd->object == v->object)
        return true;
    if (!fd->assign || !v->var || !fd->var || strcmp(fd->var, v->var) != 0 || fd->arrow)
        return false;
    (void)cf;
    return v->file_scope || fd->func == v->func;
}

static void value_of(mm_file *f, const mm_field *fd, mm_cvalue *out)
{
    if (fd->value.kind == MM_ARG_STRING) {
        memset(out, 0, sizeof *out);
        out->kind = MM_CV_STRING;
        out->text = fd->value.text;
        out->str = fd->value.str;
        out->str_len = fd->value.str_len;
        out->str_exact = fd->value.str_exact;
        out->is_null = fd->value.str_exact && fd->value.str_len == 0;
        return;
    }
    mm_c_value(f, fd->value.text, out);
}

static bool value_matches(const mm_cvalue *v, char *const *values, size_t nvalues,
                          const mm_regex *re)
{
    if (nvalues && !mm_cvalue_in(v, values, nvalues))
        return false;
    if (re) {
        if (v->ambiguous)
            return false;
        const char *s = v->kind == MM_CV_STRING ? v->str : v->text;
        size_t n = v->kind == MM_CV_STRING ? v->str_len : strlen(v->text ? v->text : "");
        if (!s || !mm_regex_test(re, s, n))
            return false;
    }
    return true;
}

/* Is `spec` set to a value that is not NULL/0/false/"" in the view? */
static bool field_set(mm_file *f, const view *v, const char *spec)
{
    for (uint32_t i = 0; i < f->cf->nfields; i++) {
        const mm_field *fd = &f->cf->fields[i];
        if (!path_matches(spec, fd->path) || !fact_in_view(f->cf, v, fd))
            continue;
        mm_cvalue val;
        value_of(f, fd, &val);
        if (!val.is_null || val.ambiguous)
            return true;
    }
    return false;
}

static bool field_cond(mm_file *f, const cond *c, const view *v)
{
    if (c->set >= 0)
        return field_set(f, v, c->field) == (c->set == 1);
    for (uint32_t i = 0; i < f->cf->nfields; i++) {
        const mm_field *fd = &f->cf->fields[i];
        if (!path_matches(c->field, fd->path) || !fact_in_view(f->cf, v, fd))
            continue;
        mm_cvalue val;
        value_of(f, fd, &val);
        if (value_matches(&val, c->values.v, c->values.n, c->regex))
            return true;
    }
    return false;
}

static bool cond_holds(mm_file *f, const cond *c, const view *v, const char *type)
{
    if (c->types.n && !in_list(c->types.v, c->types.n, type))
        return false;
    if (c->test_code && !mm_path_is_test(f->path))
        return false;
    if (c->calls.n) {
        const mm_clex *x = mm_clex_get(f);
        bool any = false;
        for (size_t i = 0; i < c->calls.n && !any; i++)
            any = mm_clex_calls(x, c->calls.v[i]);
        if (!any)
            return false;
    }
    return !c->field || field_cond(f, c, v);
}

static bool conditions_allow(mm_file *f, const init_match *im, const view *v, const char *type)
{
    if (im->when.n) {
        bool any = false;
        for (size_t i = 0; i < im->when.n && !any; i++)
            any = cond_holds(f, &im->when.v[i], v, type);
        if (!any)
            return false;
    }
    for (size_t i = 0; i < im->unless.n; i++) {
        if (cond_holds(f, &im->unless.v[i], v, type))
            return false;
    }
    return true;
}

/* The declared object a member assignment is about: the last one of that name before it, in
 * its function or at file scope. */
static int32_t object_named(const mm_cfacts *cf, const char *name, const mm_func *func,
                            uint32_t before)
{
    int32_t best = -1;
    for (uint32_t i = 0; i < cf->nobjects; i++) {
        const mm_object *o = &cf->objects[i];
        if (!o->name || strcmp(o->name, name) != 0 || o->span.start > before)
            continue;
        if (o->func && o->func != func)
            continue;
        if (best < 0 || !cf->objects[best].func || o->func)
            best = (int32_t)i;
    }
    return best;
}

static void emit(const mm_rule *rule, mm_file *f, mm_span at, const char *name, const char *detail,
                 const char *path, const char *value, const char *type)
{
    const char *vars[] = {"name", name ? name : "", "detail", detail ? detail : "",
                          "arg0", path ? path : "", "arg1", value ? value : "",
                          "arg2", type ? type : "", NULL};
    mm_emit e = {0};
    e.start = at.start;
    e.end = at.end;
    e.vars = vars;
    if (rule->profile_severity[0])
        e.profile = mm_code_profile(f, at.start);
    mm_emit_finding(f, rule, &e);
}

static void run_fields(const mm_rule *rule, const init_match *im, mm_file *f)
{
    const mm_cfacts *cf = f->cf;
    for (uint32_t i = 0; i < cf->nfields; i++) {
        const mm_field *fd = &cf->fields[i];
        bool wanted = false;
        for (size_t k = 0; k < im->fields.n && !wanted; k++)
            wanted = path_matches(im->fields.v[k], fd->path);
        if (!wanted)
            continue;
        mm_cvalue val;
        value_of(f, fd, &val);
        if (!value_matches(&val, im->values.v, im->values.n, im->value_regex))
            continue;
        view v = {fd->object, fd->var, fd->func, false};
        if (fd->object < 0 && fd->assign && fd->var && !fd->arrow)
            v.object = object_named(cf, fd->var, fd->func, fd->span.start);
        const mm_object *o = v.object >= 0 ? &cf->objects[v.object] : NULL;
        if (o) {
            v.var = o->name;
            v.func = o->func;
            v.file_scope = !o->func;
        }
        const char *type = o ? o->type : NULL;
        if (im->types.n && !in_list(im->types.v, im->types.n, type))
            continue;
        if (!conditions_allow(f, im, &v, type))
            continue;
        const char *detail =
            val.via ? mm_arena_printf(f->arena, "%s = %s (through %s)", fd->path, val.text, val.via)
                    : mm_arena_printf(f->arena, "%s = %s", fd->path, fd->value.text);
        emit(rule, f, fd->span, fd->var ? fd->var : type, detail, fd->path, fd->value.text, type);
    }
}

static void run_without(const mm_rule *rule, const init_match *im, mm_file *f)
{
    const mm_cfacts *cf = f->cf;
    for (uint32_t i = 0; i < cf->nobjects; i++) {
        const mm_object *o = &cf->objects[i];
        if (!in_list(im->types.v, im->types.n, o->type) || o->is_pointer || o->is_array ||
            o->positional)
            continue;
        view v = {(int32_t)i, o->name, o->func, !o->func};
        bool known = o->has_init;
        for (uint32_t k = 0; k < cf->nfields && !known; k++)
            known = fact_in_view(cf, &v, &cf->fields[k]);
        if (!known)
            continue; /* declared, then filled where we cannot see */
        if (o->name) {
            /* assigned as a whole after its declaration (cfg = *defaults;): unknown fields */
            uint32_t end = o->func ? o->func->body.end : (uint32_t)f->len;
            if (mm_clex_last_value(f, o->name, o->span.end, end))
                continue;
        }
        bool set = false;
        for (size_t k = 0; k < im->without.n && !set; k++)
            set = field_set(f, &v, im->without.v[k]);
        if (set || !conditions_allow(f, im, &v, o->type))
            continue;
        mm_span at = {o->name_span.start, o->span.end};
        emit(rule, f, at, o->name ? o->name : o->type, o->type, NULL, NULL, o->type);
    }
}

void mm_match_initializer_run(const mm_rule *rule, mm_file *f)
{
    const init_match *im = rule->match;
    if (im->fields.n)
        run_fields(rule, im, f);
    else
        run_without(rule, im, f);
}
