/* match_call.c: the `call` matcher — calls to named functions or methods, with conditions on
 * their arguments ("where") and severity adjustments ("severity_when").
 *
 *   "match": {
 *     "kind": "call",
 *     "callees": {"sprintf": {"dest_arg": 0, "format_arg": 1}, "vsprintf": {...}},
 *     "where": [{"check": "format-not-constant"}],
 *     "severity_when": [{"severity": "note", "where": [{"check": "fits-destination"}]}],
 *     "trigger": "optional prefilter regex; derived from the callee names when absent"
 *   }
 *
 * The derived trigger is `\bname\s*\(` (calls, prototypes, definitions, function-like macros)
 * plus `#\s*define\s+name\b` (object-like macros that rename the function).
 *
 * A plain name matches plain calls and `::name` / `std::name`, never `obj.name()` or
 * `ns::name()`. "Obj.method" matches that object's method; "*.method" any object's. A suffix
 * "/N" (or "/N+") restricts a callee to calls with exactly N (at least N) arguments; the first
 * callee entry that matches a call and whose "where" holds decides the finding.
 *
 *   "through_functions": {"fields": ["password", "psk"]}
 *
 * also follows the project's own functions (issue 21, item 2): a function that passes one of
 * its parameters as it is to a callee's "arg" (`WiFi.begin(ssid, pass)`), copies it into a
 * field of those names (`strlcpy((char *)cfg.sta.password, pass, ...)`) or assigns it to one
 * (`mqtt_cfg.password = pass`, `{.password = pass}`) states a fact, "through:<rule>:<name>/<i>:"
 * (its own name: `connect` for `Net::connect`);
 * a call of that name anywhere in the tree whose argument i passes the checks is a finding,
 * kept when the scan merges only if some file stated the fact. One level: a wrapper of a
 * wrapper is not followed. */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "front/clex.h"
#include "match/matchers.h"

typedef struct sev_when {
    mm_severity severity;
    mm_check_list where;
} sev_when;

typedef struct call_match {
    MM_VEC(mm_callee) callees;
    MM_VEC(mm_check_list) callee_where; /* per callee: its own "where", with the matcher's */
    mm_check_list where;
    MM_VEC(sev_when) sev;
    bool shadow_by_signature; /* "shadowed_by": "other-signature" */
    bool wrappers;            /* "wrappers": true: callers of printf-like wrappers too */
    bool through;             /* "through_functions" */
    MM_VEC(char *) through_fields;
} call_match;

/* the copies whose destination is argument 0 and source argument 1 */
static const char *const copy_fns[] = {"strcpy", "strncpy", "strlcpy", "memcpy", "memmove",
                                       "stpcpy", "stpncpy", "strcpy_s", "strncpy_s", NULL};

/* at: the callee's entry, for error positions; params: its parameters object, or NULL. */
static int parse_callee(mm_compile_ctx *cx, const char *spec, const cJSON *at, const cJSON *params,
                        mm_callee *out)
{
    memset(out, 0, sizeof *out);
    out->format_arg = out->dest_arg = out->src_arg = out->arg = out->size_arg = -1;
    out->nargs = -1;
    /* "name/N" or "name/N+": one overload by its number of arguments, so that a callee can be
     * listed once per overload with the argument index that overload uses */
    const char *slash = strchr(spec, '/');
    size_t len = slash ? (size_t)(slash - spec) : strlen(spec);
    if (slash) {
        char *end;
        long n = strtol(slash + 1, &end, 10);
        if (end == slash + 1 || n < 0 || n > 32 || (*end && strcmp(end, "+")))
            return mm_json_err(cx->doc, at, cx->err,
                               "callee \"%s\": after '/' comes a number of arguments (3, 3+)",
                               spec);
        out->nargs = (int)n;
        out->nargs_min = *end == '+';
    }
    const char *dot = NULL, *colons = NULL;
    for (const char *p = spec; p < spec + len; p++) {
        if (*p == '.')
            dot = p;
        else if (*p == ':' && p + 1 < spec + len && p[1] == ':')
            colons = p;
    }
    if (colons && !dot) {
        /* "NimBLEDevice::setSecurityPasskey": that scope's function, called qualified */
        if (colons == spec || colons + 2 == spec + len)
            return mm_json_err(cx->doc, at, cx->err, "callee \"%s\" is not Scope::name", spec);
        out->name = mm_xstrndup(colons + 2, (size_t)(spec + len - colons - 2));
        out->scope = mm_xstrndup(spec, (size_t)(colons - spec));
    } else if (dot) {
        if (dot == spec || dot + 1 == spec + len)
            return mm_json_err(cx->doc, at, cx->err, "callee \"%s\" is not Obj.method",
                               spec);
        out->name = mm_xstrndup(dot + 1, (size_t)(spec + len - dot - 1));
        if (dot - spec == 1 && spec[0] == '*')
            out->any_object = true;
        else
            out->object = mm_xstrndup(spec, (size_t)(dot - spec));
    } else {
        out->name = mm_xstrndup(spec, len);
    }
    if (!out->name[0])
        return mm_json_err(cx->doc, at, cx->err, "a callee is a function name, not \"\"");
    for (const char *p = out->name; *p; p++) {
        if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9')))
            return mm_json_err(cx->doc, at, cx->err, "callee \"%s\" is not a C name", spec);
    }
    if (!params)
        return 0;
    static const char *const keys[] = {"format_arg", "dest_arg", "src_arg", "arg", "size_arg",
                                       "append", "where", NULL};
    if (mm_json_only_keys(cx->doc, params, keys, "callee parameters", cx->err) < 0)
        return -1;
    struct {
        const char *k;
        int *v;
    } fields[] = {{"format_arg", &out->format_arg},
                  {"dest_arg", &out->dest_arg},
                  {"src_arg", &out->src_arg},
                  {"arg", &out->arg},
                  {"size_arg", &out->size_arg}};
    for (size_t i = 0; i < MM_ARRAY_LEN(fields); i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(params, fields[i].k);
        if (!v)
            continue;
        if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 32 ||
            v->valuedouble != (int)v->valuedouble)
            return mm_json_err(cx->doc, v, cx->err, "\"%s\" is an argument index from 0 to 32",
                               fields[i].k);
        *fields[i].v = (int)v->valuedouble;
    }
    if (mm_json_get_bool(cx->doc, params, "append", &out->append, cx->err) < 0)
        return -1;
    if (out->append && (out->dest_arg < 0 || out->src_arg < 0))
        return mm_json_err(cx->doc, params, cx->err,
                           "callee %s: \"append\" needs \"dest_arg\" and \"src_arg\"", spec);
    return 0;
}

static void free_callee(mm_callee *c)
{
    free(c->name);
    free(c->object);
    free(c->scope);
}

void mm_match_call_free(void *m)
{
    call_match *cm = m;
    for (size_t i = 0; i < cm->callees.n; i++)
        free_callee(&cm->callees.v[i]);
    mm_vec_free(&cm->callees);
    for (size_t i = 0; i < cm->callee_where.n; i++)
        mm_check_list_free(&cm->callee_where.v[i]);
    mm_vec_free(&cm->callee_where);
    mm_check_list_free(&cm->where);
    for (size_t i = 0; i < cm->through_fields.n; i++)
        free(cm->through_fields.v[i]);
    mm_vec_free(&cm->through_fields);
    for (size_t i = 0; i < cm->sev.n; i++)
        mm_check_list_free(&cm->sev.v[i].where);
    mm_vec_free(&cm->sev);
    free(cm);
}

static int check_fit(mm_compile_ctx *cx, const cJSON *where, const mm_check_list *l,
                     const call_match *cm)
{
    for (size_t i = 0; i < l->n; i++) {
        for (size_t k = 0; k < cm->callees.n; k++) {
            if (mm_check_fits_callee(cx, where, &l->v[i], &cm->callees.v[k]) < 0)
                return -1;
        }
    }
    return 0;
}

int mm_match_call_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind",          "callees",     "where",
                                       "severity_when", "trigger",     "shadowed_by",
                                       "wrappers",      "through_functions", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "call matcher", cx->err) < 0)
        return -1;
    call_match *cm = mm_xcalloc(1, sizeof *cm);
    cx->rule->match = cm;
    const cJSON *callees = cJSON_GetObjectItemCaseSensitive(match, "callees");
    if (!callees || !(cJSON_IsObject(callees) || cJSON_IsArray(callees)) || !callees->child)
        return mm_json_err(cx->doc, callees ? callees : match, cx->err,
                           "\"callees\" must list function names, or map them to parameters");
    for (const cJSON *c = callees->child; c; c = c->next) {
        const char *spec = cJSON_IsArray(callees) ? c->valuestring : c->string;
        if (!spec)
            return mm_json_err(cx->doc, c, cx->err, "a callee is a function name");
        if (cJSON_IsObject(callees) && !cJSON_IsObject(c))
            return mm_json_err(cx->doc, c, cx->err,
                               "callee %s: its parameters are an object such as {\"dest_arg\": 0}",
                               spec);
        mm_callee ce;
        if (parse_callee(cx, spec, c, cJSON_IsObject(c) ? c : NULL, &ce) < 0) {
            free_callee(&ce);
            return -1;
        }
        mm_vec_push(&cm->callees, ce);
        mm_vec_push(&cx->rule->callees, mm_xstrdup(ce.name));
        if (!ce.object && !ce.any_object)
            mm_vec_push(&cx->rule->plain_callees, mm_xstrdup(ce.name));
        mm_check_list cw = {0};
        int rc = cJSON_IsObject(c) ? mm_check_list_compile(cx, c, "where", &cw) : 0;
        mm_vec_push(&cm->callee_where, cw);
        if (rc < 0)
            return -1;
        for (size_t i = 0; i < cw.n; i++) {
            if (mm_check_fits_callee(cx, cJSON_GetObjectItemCaseSensitive(c, "where"), &cw.v[i],
                                     &cm->callees.v[cm->callees.n - 1]) < 0)
                return -1;
        }
    }
    const char *shadow = "any-definition";
    if (mm_json_get_str(cx->doc, match, "shadowed_by", &shadow, cx->err) < 0)
        return -1;
    if (!strcmp(shadow, "other-signature"))
        cm->shadow_by_signature = true;
    else if (strcmp(shadow, "any-definition") != 0)
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "shadowed_by"),
                           cx->err, "shadowed_by is \"any-definition\" or \"other-signature\"");
    if (mm_json_get_bool(cx->doc, match, "wrappers", &cm->wrappers, cx->err) < 0)
        return -1;
    cx->rule->forwards = cm->wrappers;
    const cJSON *th = cJSON_GetObjectItemCaseSensitive(match, "through_functions");
    if (th) {
        static const char *const tkeys[] = {"fields", NULL};
        if (!cJSON_IsObject(th))
            return mm_json_err(cx->doc, th, cx->err,
                               "\"through_functions\" is an object such as {\"fields\": [\"password\"]}");
        if (mm_json_only_keys(cx->doc, th, tkeys, "through_functions", cx->err) < 0)
            return -1;
        bool has_arg = false;
        for (size_t k = 0; k < cm->callees.n; k++)
            has_arg |= cm->callees.v[k].arg >= 0;
        if (!has_arg)
            return mm_json_err(cx->doc, th, cx->err,
                               "through_functions follows a parameter to a callee's \"arg\": "
                               "give the callees one");
        const cJSON *fl = cJSON_GetObjectItemCaseSensitive(th, "fields");
        if (fl && !cJSON_IsArray(fl))
            return mm_json_err(cx->doc, fl, cx->err, "\"fields\" is a list of field names");
        for (const cJSON *x = fl ? fl->child : NULL; x; x = x->next) {
            bool ok = cJSON_IsString(x) && x->valuestring[0];
            for (const char *p = ok ? x->valuestring : ""; *p && ok; p++)
                ok = *p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9');
            if (!ok)
                return mm_json_err(cx->doc, x, cx->err, "a field is a C name");
            mm_vec_push(&cm->through_fields, mm_xstrdup(x->valuestring));
            mm_vec_push(&cx->rule->fields, mm_xstrdup(x->valuestring));
        }
        if (cm->through_fields.n) {
            for (const char *const *c = copy_fns; *c; c++)
                mm_vec_push(&cx->rule->callees, mm_xstrdup(*c));
        }
        cm->through = true;
        cx->rule->literal_calls = true;
    }
    if (mm_check_list_compile(cx, match, "where", &cm->where) < 0)
        return -1;
    if (check_fit(cx, cJSON_GetObjectItemCaseSensitive(match, "where"), &cm->where, cm) < 0)
        return -1;
    const cJSON *sw = cJSON_GetObjectItemCaseSensitive(match, "severity_when");
    if (sw) {
        if (!cJSON_IsArray(sw))
            return mm_json_err(cx->doc, sw, cx->err,
                               "\"severity_when\" is a list of {severity, where}");
        for (const cJSON *c = sw->child; c; c = c->next) {
            static const char *const skeys[] = {"severity", "where", NULL};
            if (!cJSON_IsObject(c) ||
                mm_json_only_keys(cx->doc, c, skeys, "severity_when entry", cx->err) < 0)
                return cJSON_IsObject(c) ? -1
                                         : mm_json_err(cx->doc, c, cx->err,
                                                       "a severity_when entry is an object");
            const char *sev = NULL;
            if (mm_json_get_str(cx->doc, c, "severity", &sev, cx->err) < 0)
                return -1;
            sev_when s = {MM_SEV_NONE, {0}};
            if (!sev || mm_severity_parse(sev, false, &s.severity) < 0)
                return mm_json_err(cx->doc, c, cx->err,
                                   "severity_when needs \"severity\": error, warning or note");
            int rc = mm_check_list_compile(cx, c, "where", &s.where);
            mm_vec_push(&cm->sev, s);
            if (rc < 0)
                return -1;
            if (check_fit(cx, cJSON_GetObjectItemCaseSensitive(c, "where"), &s.where, cm) < 0)
                return -1;
        }
    }
    /* what the front end must work out for these callees' arguments */
    for (size_t i = 0; i < cm->where.n; i++)
        cx->rule->facts |= mm_check_facts(&cm->where.v[i]);
    for (size_t i = 0; i < cm->callee_where.n; i++)
        for (size_t k = 0; k < cm->callee_where.v[i].n; k++)
            cx->rule->facts |= mm_check_facts(&cm->callee_where.v[i].v[k]);
    for (size_t i = 0; i < cm->sev.n; i++)
        for (size_t k = 0; k < cm->sev.v[i].where.n; k++)
            cx->rule->facts |= mm_check_facts(&cm->sev.v[i].where.v[k]);
    /* a call whose checks read only its own text can be judged from its statement alone */
    /* (following a parameter through the project's functions reads the enclosing function) */
    bool local = mm_check_list_local(&cm->where) && !cm->shadow_by_signature && !cm->wrappers;
    for (size_t i = 0; i < cm->callee_where.n && local; i++)
        local = mm_check_list_local(&cm->callee_where.v[i]);
    for (size_t i = 0; i < cm->sev.n && local; i++)
        local = mm_check_list_local(&cm->sev.v[i].where);
    cx->rule->statement_local = local && !cm->through;
    /* a file judged alone neither states nor meets facts of parameters passed on */
    cx->rule->statement_local_alone = local;
    int nt = mm_json_triggers(cx, match, "trigger", false);
    if (nt < 0)
        return -1;
    if (cm->wrappers) {
        /* declarations that make a function printf-like */
        mm_rule_add_trigger(cx->rule, "\\b(?:__)?format(?:__)?\\s*\\(\\s*(?:__)?(?:printf|scanf)(?:__)?\\s*,",
                            false);
        mm_rule_add_trigger(cx->rule, "\\b__(?:printf|scanf)_?like\\s*\\(", false);
    }
    if (nt == 0) {
        /* \bname\s*\(  for plain calls, (\.|->)\s*method\s*\(  for methods */
        mm_buf plain = {0}, member = {0};
        for (size_t i = 0; i < cm->callees.n; i++) {
            const mm_callee *ce = &cm->callees.v[i];
            bool is_member = ce->object || ce->any_object, seen = false;
            /* a callee listed once per overload (name/N) needs one alternative */
            for (size_t k = 0; k < i && !seen; k++) {
                const mm_callee *pe = &cm->callees.v[k];
                seen = !strcmp(pe->name, ce->name) && (pe->object || pe->any_object) == is_member;
            }
            if (seen)
                continue;
            mm_buf *b = is_member ? &member : &plain;
            mm_buf_printf(b, "%s%s", b->len ? "|" : "", ce->name);
        }
        if (plain.len) {
            char *t = mm_xasprintf("\\b(?:%s)\\s*\\(", plain.data);
            mm_rule_add_trigger(cx->rule, t, false);
            free(t);
            /* `#define strcpy my_strcpy` must be parsed too: it shadows libc's function */
            t = mm_xasprintf("#\\s*define\\s+(?:%s)\\b", plain.data);
            mm_rule_add_trigger(cx->rule, t, false);
            free(t);
        }
        if (member.len) {
            char *t = mm_xasprintf("(?:\\.|->)\\s*(?:%s)\\s*\\(", member.data);
            mm_rule_add_trigger(cx->rule, t, false);
            free(t);
        }
        mm_buf_free(&plain);
        mm_buf_free(&member);
    }
    if (cm->through) {
        /* the wrapper's file: a field of those names given a value; the caller's file: any
         * call given a string literal */
        mm_buf fb = {0};
        for (size_t i = 0; i < cm->through_fields.n; i++)
            mm_buf_printf(&fb, "%s%s", i ? "|" : "", cm->through_fields.v[i]);
        if (fb.len) {
            char *t = mm_xasprintf("(?:\\.|->)\\s*(?:%s)\\b", fb.data);
            mm_rule_add_trigger(cx->rule, t, false);
            free(t);
        }
        mm_buf_free(&fb);
        /* the caller's side: a name and its password side by side, `f("lab", "pw")` (a
         * trigger on every literal argument would parse every file: twice the scan's time) */
        mm_rule_add_trigger(cx->rule, "\\w\\s*\\(\\s*\"[^\"\\n]*\"\\s*,\\s*\"", false);
    }
    return 0;
}

static bool callee_matches(const mm_callee *ce, const mm_call *call)
{
    if (strcmp(ce->name, call->name) != 0)
        return false;
    if (ce->nargs >= 0 && (ce->nargs_min ? (int)call->nargs < ce->nargs
                                         : (int)call->nargs != ce->nargs))
        return false;
    if (ce->scope) {
        size_t sl = strlen(ce->scope);
        return call->qualified && !strncmp(call->callee, ce->scope, sl) &&
               call->callee[sl] == ':' && call->callee[sl + 1] == ':' &&
               !strcmp(call->callee + sl + 2, ce->name);
    }
    if (ce->any_object)
        return call->member;
    if (ce->object)
        return call->member && call->object && !strcmp(ce->object, call->object);
    return !call->member && !call->qualified;
}

/* Content of a string literal span (inside the quotes), for redaction. */
static void literal_content(const mm_file *f, mm_span sp, uint32_t *s, uint32_t *e)
{
    uint32_t a = sp.start, b = sp.end;
    while (a < b && f->data[a] != '"')
        a++;
    while (b > a && f->data[b - 1] != '"')
        b--;
    *s = a < b ? a + 1 : sp.start;
    *e = b > a + 1 ? b - 1 : sp.end;
}

/* A call of a printf-like wrapper of the file (or a header's declaration) that forwards its
 * parameter to a callee's format argument: that callee, with the wrapper's parameter as its
 * format. *fwd names what it forwards to. */
static bool wrapper_callee(const call_match *cm, const mm_file *f, const mm_call *call,
                           size_t k, mm_callee *out, const mm_forward **fwd)
{
    if (!cm->wrappers || call->member || call->qualified || !f->cf->nforwards)
        return false;
    const mm_callee *ce = &cm->callees.v[k];
    if (ce->format_arg < 0 || ce->object || ce->any_object)
        return false;
    for (uint32_t i = 0; i < f->cf->nforwards; i++) {
        const mm_forward *fw = &f->cf->forwards[i];
        if (strcmp(fw->func, call->name) != 0 || strcmp(fw->callee, ce->name) != 0 ||
            fw->arg != ce->format_arg)
            continue;
        memset(out, 0, sizeof *out);
        out->name = ce->name;
        out->format_arg = fw->param;
        out->dest_arg = out->src_arg = out->arg = out->size_arg = -1;
        out->nargs = -1;
        *fwd = fw;
        return true;
    }
    return false;
}

/* The index of the parameter of fn that the argument is, as it is (`pass`, `(char *)pass`,
 * `pass.c_str()`), or -1. */
static int param_index(const mm_func *fn, const mm_arg *a)
{
    if (!fn || !a)
        return -1;
    const char *t = a->text ? a->text : "";
    for (uint32_t i = 0; i < fn->nparams; i++) {
        const char *pn = fn->params[i];
        if (!pn)
            continue;
        if (a->kind == MM_ARG_IDENT && a->base && a->name && !strcmp(a->name, pn) &&
            !strcmp(a->base, pn))
            return (int)i;
        /* an Arduino String or std::string parameter: pass.c_str() */
        size_t pl = strlen(pn);
        if (!strncmp(t, pn, pl) && !strcmp(t + pl, ".c_str()"))
            return (int)i;
    }
    return -1;
}

static bool through_field(const call_match *cm, const char *leaf)
{
    for (size_t i = 0; leaf && i < cm->through_fields.n; i++) {
        if (!strcmp(cm->through_fields.v[i], leaf))
            return true;
    }
    return false;
}

/* The function's own name: `connect` of `Net::connect`. */
static const char *plain_name(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static void state_through(const mm_rule *rule, mm_file *f, const mm_func *fn, int param)
{
    if (!fn || !fn->name || param < 0)
        return;
    char *fact = mm_xasprintf("through:%s:%s/%d:", rule->id, plain_name(fn->name), param);
    mm_file_fact(f, fact);
    free(fact);
}

static bool is_copy_fn(const char *name)
{
    for (const char *const *c = copy_fns; *c; c++) {
        if (!strcmp(*c, name))
            return true;
    }
    return false;
}

/* The wrapper's side: the functions of this file that pass a parameter on to a sink. */
static void through_facts(const mm_rule *rule, const call_match *cm, mm_file *f)
{
    for (uint32_t i = 0; i < f->cf->ncalls; i++) {
        const mm_call *call = &f->cf->calls[i];
        if (!call->func || call->in_macro)
            continue;
        for (size_t k = 0; k < cm->callees.n; k++) {
            const mm_callee *ce = &cm->callees.v[k];
            if (ce->arg < 0 || (uint32_t)ce->arg >= call->nargs || !callee_matches(ce, call))
                continue;
            int p = param_index(call->func, &call->args[ce->arg]);
            if (p >= 0) {
                state_through(rule, f, call->func, p);
                break;
            }
        }
        /* strlcpy((char *)cfg.sta.password, pass, sizeof ...) */
        if (cm->through_fields.n && !call->member && is_copy_fn(call->name) && call->nargs >= 2 &&
            through_field(cm, call->args[0].name)) {
            int p = param_index(call->func, &call->args[1]);
            if (p >= 0)
                state_through(rule, f, call->func, p);
        }
    }
    /* mqtt_cfg.password = pass; esp_mqtt_client_config_t cfg = {.password = pass} */
    for (uint32_t i = 0; i < f->cf->nfields; i++) {
        const mm_field *fd = &f->cf->fields[i];
        if (!fd->func || !through_field(cm, fd->leaf))
            continue;
        int p = param_index(fd->func, &fd->value);
        if (p >= 0)
            state_through(rule, f, fd->func, p);
    }
}

/* A call of a project function given a literal that passes the checks: a finding that holds
 * when some file says the function passes that parameter on (through_facts). */
static void through_call(const mm_rule *rule, const call_match *cm, mm_file *f,
                         const mm_call *call)
{
    if (call->qualified_libc || is_copy_fn(call->name))
        return;
    /* a macro by the naming convention (F, PSTR, EXPECT_EQ, DEBUG_PRINT): only functions
     * state facts, so a macro's call can never be one; and a text conversion, whose value is
     * another call's argument (String("..."), tr("...")) */
    bool upper = true;
    for (const char *p = call->name; *p && upper; p++)
        upper = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
    if (upper || (call->nargs == 1 && call->ctx == MM_CTX_ARG))
        return;
    for (uint32_t a = 0; a < call->nargs && a < 32; a++) {
        if (call->args[a].kind != MM_ARG_STRING)
            continue;
        mm_callee ce;
        memset(&ce, 0, sizeof ce);
        ce.format_arg = ce.dest_arg = ce.src_arg = ce.size_arg = -1;
        ce.nargs = -1;
        ce.arg = (int)a;
        ce.name = (char *)call->name;
        mm_check_env env = {f, call, &ce, NULL, NULL};
        if (!mm_check_list_eval(&cm->where, &env) || !env.secret_arg)
            continue;
        char *req = mm_xasprintf("through:%s:%s/%u:", rule->id, call->name, a);
        const char *vars[] = {"callee", call->callee, "name", call->name,
                              "=detail", N_(", which passes it on as a credential"), NULL};
        mm_emit e = {0};
        e.start = call->span.start;
        e.end = call->span.end;
        e.vars = vars;
        e.requires_fact = req;
        if (rule->profile_severity[0])
            e.profile = mm_code_profile(f, call->span.start);
        const mm_arg *sa = env.secret_arg;
        e.secret = sa->str;
        e.secret_len = sa->str_len;
        literal_content(f, sa->span, &e.secret_start, &e.secret_end);
        mm_emit_finding(f, rule, &e);
        free(req);
    }
}

void mm_match_call_run(const mm_rule *rule, mm_file *f)
{
    const call_match *cm = rule->match;
    /* a file judged alone states facts no other file reads, and meets none */
    bool through = cm->through && !f->alone;
    if (through)
        through_facts(rule, cm, f);
    for (uint32_t i = 0; i < f->cf->ncalls; i++) {
        const mm_call *call = &f->cf->calls[i];
        bool known = false;
        for (size_t k = 0; k < cm->callees.n && !known; k++)
            known = callee_matches(&cm->callees.v[k], call);
        if (through && !known)
            through_call(rule, cm, f, call);
        for (size_t k = 0; k < cm->callees.n; k++) {
            const mm_callee *ce = &cm->callees.v[k];
            mm_callee wrapped;
            const mm_forward *fwd = NULL;
            if (!callee_matches(ce, call)) {
                if (!wrapper_callee(cm, f, call, k, &wrapped, &fwd))
                    continue;
                ce = &wrapped;
            }
            mm_check_env env = {f, call, ce, NULL, NULL, NULL, NULL};
            if (!mm_check_list_eval(&cm->callee_where.v[k], &env) ||
                !mm_check_list_eval(&cm->where, &env))
                continue;
            mm_severity sev = MM_SEV_NONE; /* the rule's own, or its profile's */
            for (size_t s = 0; s < cm->sev.n; s++) {
                mm_check_env env2 = env;
                if (mm_check_list_eval(&cm->sev.v[s].where, &env2)) {
                    sev = cm->sev.v[s].severity;
                    break;
                }
            }
            const char *args[4] = {"", "", "", ""};
            for (uint32_t a = 0; a < 4 && a < call->nargs; a++)
                args[a] = call->args[a].text;
            /* the callee as the reader sees it: through a macro, or a wrapper of it */
            const char *callee = call->callee;
            if (fwd)
                callee = mm_arena_printf(f->arena, _("%s (which passes its format to %s)"),
                                         call->name, fwd->callee);
            else if (call->via)
                callee = mm_arena_printf(f->arena, _("%s (through the macro %s)"), call->callee,
                                         call->via);
            const char *vars[] = {"callee", callee, "name", call->name,
                                  "arg0", args[0], "arg1", args[1], "arg2", args[2],
                                  "arg3", args[3], "detail", env.detail ? env.detail : "",
                                  "why", env.why ? env.why : "", NULL};
            mm_emit e = {0};
            e.start = call->span.start;
            e.end = call->span.end;
            e.severity = sev;
            e.vars = vars;
            if (rule->profile_severity[0])
                e.profile = mm_code_profile(f, call->span.start); /* #ifdef DEBUG, test code */
            /* a plain call may be the project's own function of that name; `std::` may not */
            if (!call->member && !call->qualified_libc && !fwd) {
                e.callee = call->name;
                e.shadow_by_signature = cm->shadow_by_signature;
            }
            mm_check_fits_pending(&cm->where, &env, &e.fits_calls, &e.fits_k, &e.fits_room);
            if (env.secret_arg) {
                const mm_arg *sa = env.secret_arg;
                e.secret = sa->str;
                e.secret_len = sa->str_len;
                literal_content(f, sa->span, &e.secret_start, &e.secret_end);
            }
            mm_emit_finding(f, rule, &e);
            break;
        }
    }
}
