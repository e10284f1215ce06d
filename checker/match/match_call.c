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
 * callee entry that matches a call and whose "where" holds decides the finding. */
#include <stdlib.h>
#include <string.h>

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
} call_match;

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
    const char *dot = NULL;
    for (const char *p = spec; p < spec + len; p++) {
        if (*p == '.')
            dot = p;
    }
    if (dot) {
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
                                       "where", NULL};
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
    return 0;
}

static void free_callee(mm_callee *c)
{
    free(c->name);
    free(c->object);
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
    static const char *const keys[] = {"kind",    "callees",     "where", "severity_when",
                                       "trigger", "shadowed_by", NULL};
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
    /* a call whose checks read only its own text can be judged from its statement alone */
    bool local = mm_check_list_local(&cm->where) && !cm->shadow_by_signature;
    for (size_t i = 0; i < cm->callee_where.n && local; i++)
        local = mm_check_list_local(&cm->callee_where.v[i]);
    for (size_t i = 0; i < cm->sev.n && local; i++)
        local = mm_check_list_local(&cm->sev.v[i].where);
    cx->rule->statement_local = local;
    int nt = mm_json_triggers(cx, match, "trigger", false);
    if (nt < 0)
        return -1;
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
    return 0;
}

static bool callee_matches(const mm_callee *ce, const mm_call *call)
{
    if (strcmp(ce->name, call->name) != 0)
        return false;
    if (ce->nargs >= 0 && (ce->nargs_min ? (int)call->nargs < ce->nargs
                                         : (int)call->nargs != ce->nargs))
        return false;
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

void mm_match_call_run(const mm_rule *rule, mm_file *f)
{
    const call_match *cm = rule->match;
    for (uint32_t i = 0; i < f->cf->ncalls; i++) {
        const mm_call *call = &f->cf->calls[i];
        for (size_t k = 0; k < cm->callees.n; k++) {
            const mm_callee *ce = &cm->callees.v[k];
            if (!callee_matches(ce, call))
                continue;
            mm_check_env env = {f, call, ce, NULL, NULL};
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
            const char *vars[] = {"callee", call->callee, "name", call->name,
                                  "arg0", args[0], "arg1", args[1], "arg2", args[2],
                                  "arg3", args[3], "detail", env.detail ? env.detail : "",
                                  NULL};
            mm_emit e = {0};
            e.start = call->span.start;
            e.end = call->span.end;
            e.severity = sev;
            e.vars = vars;
            if (rule->profile_severity[0])
                e.profile = mm_code_profile(f, call->span.start); /* #ifdef DEBUG, test code */
            /* a plain call may be the project's own function of that name; `std::` may not */
            if (!call->member && !call->qualified_libc) {
                e.callee = call->name;
                e.shadow_by_signature = cm->shadow_by_signature;
            }
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
