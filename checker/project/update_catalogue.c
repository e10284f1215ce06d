/* update_catalogue.c: the catalogue of update APIs, as a rule file gives it (rules/README.md,
 * `update-path`): per API family the calls that write an image, make it boot, or do both, and
 * what makes that family's images authentic; across families the signature checks, digests,
 * sources of bytes, authentication checks, reboots and route registrations. Compiled once when
 * the rule loads. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project/update_int.h"

static int parse_spec(const mm_json_doc *doc, const cJSON *v, const char *text, unsigned role,
                      int family, uc_spec *out, mm_err *err)
{
    memset(out, 0, sizeof *out);
    out->min_args = out->max_args = -1;
    out->role = role;
    out->family = family;
    char *s = mm_xstrdup(text);
    char *slash = strchr(s, '/');
    if (slash) {
        *slash = 0;
        char *end;
        long n = strtol(slash + 1, &end, 10);
        if (end == slash + 1 || n < 0 || n > 64 || (*end && strcmp(end, "+") != 0)) {
            free(s);
            return mm_json_err(doc, v, err, "\"%s\": a call's arity is /N or /N+", text);
        }
        out->min_args = (int)n;
        out->max_args = *end ? -1 : (int)n;
    }
    char *dot = strchr(s, '.');
    char *name = s;
    if (dot) {
        *dot = 0;
        out->object = mm_xstrdup(s);
        name = dot + 1;
    }
    size_t nl = strlen(name);
    if (nl && name[nl - 1] == '*') {
        out->prefix = true;
        name[--nl] = 0;
    }
    bool ok = nl > 0 && (!out->object || out->object[0]);
    for (size_t i = 0; ok && name[i]; i++)
        ok = name[i] == '_' || (name[i] >= '0' && name[i] <= '9') ||
             (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z');
    out->name = mm_xstrdup(name);
    free(s);
    if (!ok) {
        free(out->name);
        free(out->object);
        return mm_json_err(doc, v, err,
                           "\"%s\": a call is name, Obj.method or *.method (a trailing * for a "
                           "prefix, /N or /N+ for its arguments)",
                           text);
    }
    return 0;
}

static void spec_free(uc_spec *s)
{
    free(s->name);
    free(s->object);
    for (size_t i = 0; i < s->types.n; i++)
        free(s->types.v[i]);
    mm_vec_free(&s->types);
}

/* One call: a string, or {"call": "...", "types": [...]} for methods of declared types. */
static int parse_call(const mm_json_doc *doc, const cJSON *it, unsigned role, int family,
                      uc_spec *sp, mm_err *err)
{
    if (cJSON_IsString(it))
        return parse_spec(doc, it, it->valuestring, role, family, sp, err);
    if (!cJSON_IsObject(it))
        return mm_json_err(doc, it, err, "a catalogue call is a string or an object");
    static const char *const keys[] = {"call", "types", NULL};
    const char *call = NULL;
    if (mm_json_only_keys(doc, it, keys, "a catalogue call", err) < 0 ||
        mm_json_get_str(doc, it, "call", &call, err) < 0)
        return -1;
    if (!call)
        return mm_json_err(doc, it, err, "a catalogue call needs \"call\"");
    if (parse_spec(doc, it, call, role, family, sp, err) < 0)
        return -1;
    if (mm_json_copy_strs(doc, it, "types", &sp->types, err) < 0) {
        spec_free(sp);
        return -1;
    }
    if (sp->types.n && !sp->object) {
        spec_free(sp);
        return mm_json_err(doc, it, err, "\"types\" needs a method call (*.method)");
    }
    return 0;
}

/* A list of calls under key. */
static int parse_calls(const mm_json_doc *doc, const cJSON *obj, const char *key, unsigned role,
                       int family, void *vecp, mm_err *err)
{
    MM_VEC(uc_spec) *vec = vecp;
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!list)
        return 0;
    if (!cJSON_IsArray(list))
        return mm_json_err(doc, list, err, "\"%s\" must be a list of calls", key);
    const cJSON *it;
    cJSON_ArrayForEach(it, list) {
        uc_spec sp;
        if (parse_call(doc, it, role, family, &sp, err) < 0)
            return -1;
        mm_vec_push(vec, sp);
    }
    return 0;
}

static const struct {
    const char *key;
    unsigned role;
} family_roles[] = {
    {"write", UC_WRITE},   {"write_generic", UC_WRITE_GENERIC}, {"commit", UC_COMMIT},
    {"update", UC_UPDATE}, {"verify", UC_VERIFY},               {"signed_by", UC_SIGNED_BY},
    {"md5", UC_MD5 | UC_DIGEST}, /* an MD5 the family's API checks the image against */
};

static const struct {
    const char *key;
    unsigned role;
} shared_roles[] = {
    {"reboot", UC_REBOOT}, {"verify", UC_VERIFY}, {"digest", UC_DIGEST}, {"md5", UC_MD5 | UC_DIGEST},
    {"source", UC_SOURCE}, {"auth", UC_AUTH},
};

static int parse_family(const mm_json_doc *doc, const cJSON *fo, mm_update_catalogue *c,
                        mm_err *err)
{
    static const char *const keys[] = {"name",   "write",     "write_generic", "commit",
                                       "update", "verify",    "signed_by",     "md5",
                                       "signed_when", "signed_unless", NULL};
    if (!cJSON_IsObject(fo))
        return mm_json_err(doc, fo, err, "a family is an object");
    if (mm_json_only_keys(doc, fo, keys, "an API family", err) < 0)
        return -1;
    const char *name = NULL;
    if (mm_json_get_str(doc, fo, "name", &name, err) < 0)
        return -1;
    if (!name)
        return mm_json_err(doc, fo, err, "a family needs \"name\"");
    uc_family fam;
    memset(&fam, 0, sizeof fam);
    fam.name = mm_xstrdup(name);
    mm_vec_push(&c->families, fam);
    int idx = (int)c->families.n - 1;
    uc_family *f = &c->families.v[idx];
    for (size_t i = 0; i < MM_ARRAY_LEN(family_roles); i++) {
        if (parse_calls(doc, fo, family_roles[i].key, family_roles[i].role, idx, &c->specs,
                        err) < 0)
            return -1;
    }
    if (mm_json_copy_strs(doc, fo, "signed_when", &f->signed_when, err) < 0 ||
        mm_json_copy_strs(doc, fo, "signed_unless", &f->signed_unless, err) < 0)
        return -1;
    for (size_t i = 0; i < f->signed_when.n; i++)
        mm_vec_push(&c->config_keys, mm_xstrdup(f->signed_when.v[i]));
    for (size_t i = 0; i < f->signed_unless.n; i++)
        mm_vec_push(&c->config_keys, mm_xstrdup(f->signed_unless.v[i]));
    return 0;
}

static int get_int(const mm_json_doc *doc, const cJSON *o, const char *key, int *out, mm_err *err)
{
    double d = -1;
    if (mm_json_get_num(doc, o, key, &d, err) < 0)
        return -1;
    if (d < -1 || d > 63 || (double)(int)d != d)
        return mm_json_err(doc, cJSON_GetObjectItemCaseSensitive(o, key), err,
                           "\"%s\" is an argument index from 0", key);
    *out = (int)d;
    return 0;
}

static int parse_route(const mm_json_doc *doc, const cJSON *ro, mm_update_catalogue *c,
                       mm_err *err)
{
    static const char *const keys[] = {"call",          "route_arg",   "struct_arg",
                                       "route_field",   "handler_field", "route_pos",
                                       "handler_pos",   NULL};
    if (!cJSON_IsObject(ro) || mm_json_only_keys(doc, ro, keys, "a route registration", err) < 0)
        return cJSON_IsObject(ro) ? -1 : mm_json_err(doc, ro, err, "a route is an object");
    const char *call = NULL, *rf = NULL, *hf = NULL;
    uc_route r;
    memset(&r, 0, sizeof r);
    r.route_arg = r.struct_arg = r.route_pos = r.handler_pos = -1;
    if (mm_json_get_str(doc, ro, "call", &call, err) < 0 ||
        mm_json_get_str(doc, ro, "route_field", &rf, err) < 0 ||
        mm_json_get_str(doc, ro, "handler_field", &hf, err) < 0 ||
        get_int(doc, ro, "route_arg", &r.route_arg, err) < 0 ||
        get_int(doc, ro, "struct_arg", &r.struct_arg, err) < 0 ||
        get_int(doc, ro, "route_pos", &r.route_pos, err) < 0 ||
        get_int(doc, ro, "handler_pos", &r.handler_pos, err) < 0)
        return -1;
    if (!call)
        return mm_json_err(doc, ro, err, "a route registration needs \"call\"");
    if (parse_spec(doc, ro, call, 0, -1, &r.call, err) < 0)
        return -1;
    r.route_field = rf ? mm_xstrdup(rf) : NULL;
    r.handler_field = hf ? mm_xstrdup(hf) : NULL;
    mm_vec_push(&c->routes, r);
    return 0;
}

static int parse_endpoint(const mm_json_doc *doc, const cJSON *eo, mm_update_catalogue *c,
                          mm_err *err)
{
    static const char *const keys[] = {"name", "call", "password_arg", "password_calls", NULL};
    if (!cJSON_IsObject(eo))
        return mm_json_err(doc, eo, err, "an endpoint is an object");
    if (mm_json_only_keys(doc, eo, keys, "a library endpoint", err) < 0)
        return -1;
    const char *name = NULL;
    const cJSON *call = cJSON_GetObjectItemCaseSensitive(eo, "call");
    if (mm_json_get_str(doc, eo, "name", &name, err) < 0)
        return -1;
    if (!name || !call)
        return mm_json_err(doc, eo, err, "a library endpoint needs \"name\" and \"call\"");
    uc_endpoint ep;
    memset(&ep, 0, sizeof ep);
    for (size_t i = 0; i < MM_ARRAY_LEN(ep.password_arg); i++)
        ep.password_arg[i] = -1;
    if (parse_call(doc, call, UC_UPDATE, -1, &ep.call, err) < 0)
        return -1;
    ep.name = mm_xstrdup(name);
    mm_vec_push(&c->endpoints, ep);
    uc_endpoint *e = &c->endpoints.v[c->endpoints.n - 1];
    const cJSON *pa = cJSON_GetObjectItemCaseSensitive(eo, "password_arg");
    if (pa) {
        if (!cJSON_IsObject(pa))
            return mm_json_err(doc, pa, err,
                               "\"password_arg\" maps a number of arguments to the password's "
                               "index: {\"3\": 2}");
        const cJSON *it;
        cJSON_ArrayForEach(it, pa) {
            char *end;
            long n = strtol(it->string, &end, 10);
            if (*end || n < 0 || n >= (long)MM_ARRAY_LEN(e->password_arg) ||
                !cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble >= (double)n)
                return mm_json_err(doc, it, err,
                                   "\"password_arg\": \"N\": index, for N below %zu and an index "
                                   "below N",
                                   MM_ARRAY_LEN(e->password_arg));
            e->password_arg[n] = (int)it->valuedouble;
        }
    }
    return parse_calls(doc, eo, "password_calls", UC_PASSWORD, -1, &e->password_calls, err);
}

static void add_site_name(mm_update_catalogue *c, const uc_spec *s)
{
    if (s->prefix && !s->object) {
        mm_vec_push(&c->site_prefixes, mm_xstrdup(s->name));
        return;
    }
    char *k = s->object ? mm_xasprintf("%s.%s", s->object, s->name) : mm_xstrdup(s->name);
    if (!s->prefix && !mm_strset_has(&c->site_names, k))
        mm_strset_add(&c->site_names, k); /* the set keeps the pointer */
    else
        free(k);
}

static const mm_update_catalogue *cmp_specs; /* the catalogue being sorted (compile only) */

static int cmp_spec_name(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    int c = strcmp(cmp_specs->specs.v[x].name, cmp_specs->specs.v[y].name);
    return c ? c : (x > y) - (x < y);
}

void mm_uc_specs_named(const mm_update_catalogue *c, const char *name,
                       void (*f)(int32_t spec, void *arg), void *arg)
{
    size_t lo = 0, hi = c->by_name.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(c->specs.v[c->by_name.v[mid]].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < c->by_name.n && !strcmp(c->specs.v[c->by_name.v[i]].name, name); i++)
        f(c->by_name.v[i], arg);
    for (size_t i = 0; i < c->prefixed.n; i++) {
        const uc_spec *s = &c->specs.v[c->prefixed.v[i]];
        if (!strncmp(name, s->name, strlen(s->name)))
            f(c->prefixed.v[i], arg);
    }
}

int mm_update_catalogue_compile(const mm_json_doc *doc, const cJSON *cat,
                                mm_update_catalogue *c, mm_err *err)
{
    memset(c, 0, sizeof *c);
    static const char *const keys[] = {"families", "reboot",   "verify",     "digest",
                                       "md5",      "source",   "auth",       "routes",
                                       "endpoints", "auth_words", "route_names", "update_words",
                                       "signature_names", "update_strings", "verify_strings",
                                       NULL};
    if (!cJSON_IsObject(cat))
        return mm_json_err(doc, cat, err, "\"catalogue\" is an object");
    if (mm_json_only_keys(doc, cat, keys, "the update catalogue", err) < 0)
        return -1;
    const cJSON *fams = cJSON_GetObjectItemCaseSensitive(cat, "families");
    if (fams && !cJSON_IsArray(fams))
        return mm_json_err(doc, fams, err, "\"families\" is a list");
    const cJSON *it;
    cJSON_ArrayForEach(it, fams) {
        if (parse_family(doc, it, c, err) < 0)
            return -1;
    }
    for (size_t i = 0; i < MM_ARRAY_LEN(shared_roles); i++) {
        if (parse_calls(doc, cat, shared_roles[i].key, shared_roles[i].role, -1, &c->specs,
                        err) < 0)
            return -1;
    }
    const cJSON *routes = cJSON_GetObjectItemCaseSensitive(cat, "routes");
    if (routes && !cJSON_IsArray(routes))
        return mm_json_err(doc, routes, err, "\"routes\" is a list");
    cJSON_ArrayForEach(it, routes) {
        if (parse_route(doc, it, c, err) < 0)
            return -1;
    }
    const cJSON *eps = cJSON_GetObjectItemCaseSensitive(cat, "endpoints");
    if (eps && !cJSON_IsArray(eps))
        return mm_json_err(doc, eps, err, "\"endpoints\" is a list");
    cJSON_ArrayForEach(it, eps) {
        if (parse_endpoint(doc, it, c, err) < 0)
            return -1;
    }
    if (mm_json_copy_strs(doc, cat, "auth_words", &c->auth_words, err) < 0 ||
        mm_json_copy_strs(doc, cat, "route_names", &c->route_names, err) < 0 ||
        mm_json_copy_strs(doc, cat, "update_words", &c->update_words, err) < 0 ||
        mm_json_copy_strs(doc, cat, "update_strings", &c->update_strings, err) < 0 ||
        mm_json_copy_strs(doc, cat, "verify_strings", &c->verify_strings, err) < 0)
        return -1;
    const cJSON *sn = cJSON_GetObjectItemCaseSensitive(cat, "signature_names");
    if (sn) {
        static const char *const skeys[] = {"verbs", "nouns", NULL};
        if (!cJSON_IsObject(sn) || mm_json_only_keys(doc, sn, skeys, "signature_names", err) < 0)
            return cJSON_IsObject(sn) ? -1
                                      : mm_json_err(doc, sn, err,
                                                    "\"signature_names\" is {verbs, nouns}");
        if (mm_json_copy_strs(doc, sn, "verbs", &c->sig_verbs, err) < 0 ||
            mm_json_copy_strs(doc, sn, "nouns", &c->sig_nouns, err) < 0)
            return -1;
    }
    /* what the front end notes */
    for (size_t i = 0; i < c->specs.n; i++) {
        const uc_spec *s = &c->specs.v[i];
        if (s->role & (UC_WRITE | UC_WRITE_GENERIC | UC_UPDATE | UC_MD5 | UC_COMMIT))
            add_site_name(c, s);
        for (size_t k = 0; k < s->types.n; k++) {
            if (!mm_strset_has(&c->type_set, s->types.v[k]))
                mm_strset_add(&c->type_set, mm_xstrdup(s->types.v[k]));
        }
    }
    for (size_t i = 0; i < c->routes.n; i++)
        add_site_name(c, &c->routes.v[i].call);
    for (size_t i = 0; i < c->endpoints.n; i++) {
        const uc_endpoint *e = &c->endpoints.v[i];
        add_site_name(c, &e->call);
        for (size_t k = 0; k < e->call.types.n; k++) {
            if (!mm_strset_has(&c->type_set, e->call.types.v[k]))
                mm_strset_add(&c->type_set, mm_xstrdup(e->call.types.v[k]));
        }
    }
    for (size_t i = 0; i < c->specs.n; i++)
        if (c->specs.v[i].prefix)
            mm_vec_push(&c->prefixed, (int32_t)i);
        else
            mm_vec_push(&c->by_name, (int32_t)i);
    cmp_specs = c;
    mm_sort(c->by_name.v, c->by_name.n, sizeof *c->by_name.v, cmp_spec_name);
    cmp_specs = NULL;
    c->want.sites = &c->site_names;
    c->want.site_prefixes = c->site_prefixes.v;
    c->want.nsite_prefixes = c->site_prefixes.n;
    c->want.types = &c->type_set;
    c->want.words = c->auth_words.v;
    c->want.nwords = c->auth_words.n;
    c->want.route_names = c->route_names.v;
    c->want.nroute_names = c->route_names.n;
    c->want.path_literal_sites = true;
    c->want.site_strings = c->update_strings.v;
    c->want.nsite_strings = c->update_strings.n;
    return 0;
}

static void free_strs(void *vecp)
{
    MM_VEC(char *) *v = vecp;
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    mm_vec_free(v);
}

void mm_update_catalogue_free(mm_update_catalogue *c)
{
    for (size_t i = 0; i < c->families.n; i++) {
        free(c->families.v[i].name);
        free_strs(&c->families.v[i].signed_when);
        free_strs(&c->families.v[i].signed_unless);
    }
    mm_vec_free(&c->families);
    for (size_t i = 0; i < c->specs.n; i++)
        spec_free(&c->specs.v[i]);
    mm_vec_free(&c->specs);
    mm_vec_free(&c->by_name);
    mm_vec_free(&c->prefixed);
    for (size_t i = 0; i < c->routes.n; i++) {
        spec_free(&c->routes.v[i].call);
        free(c->routes.v[i].route_field);
        free(c->routes.v[i].handler_field);
    }
    mm_vec_free(&c->routes);
    for (size_t i = 0; i < c->endpoints.n; i++) {
        uc_endpoint *e = &c->endpoints.v[i];
        free(e->name);
        spec_free(&e->call);
        for (size_t k = 0; k < e->password_calls.n; k++)
            spec_free(&e->password_calls.v[k]);
        mm_vec_free(&e->password_calls);
    }
    mm_vec_free(&c->endpoints);
    free_strs(&c->auth_words);
    free_strs(&c->route_names);
    free_strs(&c->update_words);
    free_strs(&c->sig_verbs);
    free_strs(&c->sig_nouns);
    free_strs(&c->update_strings);
    free_strs(&c->verify_strings);
    free_strs(&c->config_keys);
    free_strs(&c->site_prefixes);
    for (size_t i = 0; i < c->site_names.cap; i++)
        free((char *)c->site_names.slots[i]);
    mm_strset_free(&c->site_names);
    for (size_t i = 0; i < c->type_set.cap; i++)
        free((char *)c->type_set.slots[i]);
    mm_strset_free(&c->type_set);
}

bool mm_uc_spec_matches(const uc_spec *s, const char *name, const char *object, unsigned nargs)
{
    if (s->object) {
        if (!object)
            return false;
        if (strcmp(s->object, "*") != 0 && strcmp(s->object, object) != 0)
            return false;
    } else if (object) {
        return false;
    }
    if (s->prefix ? strncmp(name, s->name, strlen(s->name)) != 0 : strcmp(name, s->name) != 0)
        return false;
    if (s->min_args >= 0 && (int)nargs < s->min_args)
        return false;
    if (s->max_args >= 0 && (int)nargs > s->max_args)
        return false;
    return true;
}

/* Triggers are literals (the prefilter compiles and scans plain strings far more cheaply than
 * regexes): a call's name ("esp_ota_write", also where it is declared or #defined), a method of
 * a named object with its dot ("Update.write": a global object, never a pointer), a method of any object with its dot and
 * parenthesis (".setup("). A method of a declared type (MD5Builder.add) is found by the type's
 * name instead, except the library endpoints' (httpUpdater.setup in a file that only includes
 * the updater's header). Characters a regex would read are escaped. */
static void add_literal(void *vecp, const char *lit)
{
    MM_VEC(char *) *out = vecp;
    mm_buf b = {0};
    for (const char *p = lit; *p; p++) {
        if (strchr("\\.^$|?*+()[]{}/", *p))
            mm_buf_putc(&b, '\\');
        mm_buf_putc(&b, *p);
    }
    char *t = mm_buf_cstr(&b);
    for (size_t i = 0; i < out->n; i++) {
        if (!strcmp(out->v[i], t)) {
            mm_buf_free(&b);
            return;
        }
    }
    mm_vec_push(out, t);
}

static void spec_trigger(void *out, const uc_spec *s, bool typed_too)
{
    char lit[300];
    if (s->object && strcmp(s->object, "*") != 0) {
        snprintf(lit, sizeof lit, "%s.%s", s->object, s->name); /* Update.write: an object */
        add_literal(out, lit);
    } else if (s->object) {
        if (s->types.n && !typed_too)
            return;
        snprintf(lit, sizeof lit, ".%s(", s->name);
        add_literal(out, lit);
        snprintf(lit, sizeof lit, "->%s(", s->name);
        add_literal(out, lit);
    } else {
        add_literal(out, s->name);
    }
}

void mm_update_catalogue_triggers(const mm_update_catalogue *c, void *out)
{
    /* the calls that make an update path (a file with only a digest or a reboot is not one) */
    for (size_t i = 0; i < c->specs.n; i++) {
        const uc_spec *s = &c->specs.v[i];
        if (s->role & (UC_WRITE | UC_WRITE_GENERIC | UC_UPDATE | UC_COMMIT | UC_SIGNED_BY |
                       UC_MD5))
            spec_trigger(out, s, (s->role & UC_UPDATE) != 0);
    }
    for (size_t i = 0; i < c->endpoints.n; i++) {
        spec_trigger(out, &c->endpoints.v[i].call, true);
        for (size_t k = 0; k < c->endpoints.v[i].password_calls.n; k++)
            spec_trigger(out, &c->endpoints.v[i].password_calls.v[k], true);
    }
    /* commands that update by themselves */
    for (size_t i = 0; i < c->update_strings.n; i++)
        add_literal(out, c->update_strings.v[i]);
    /* the declarations of the typed objects (a header that declares the updater) */
    for (size_t i = 0; i < c->type_set.cap; i++) {
        if (c->type_set.slots[i])
            add_literal(out, c->type_set.slots[i]);
    }
    /* configuration that makes images checked at boot */
    for (size_t i = 0; i < c->config_keys.n; i++)
        add_literal(out, c->config_keys.v[i]);
}
