/* rule.c: loading and validating rule files (the schema is rules/rule.schema.json). */
#include "model/rule.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const mm_category_info mm_categories[MM_CAT__COUNT] = {
    [MM_CAT_CREDENTIALS] = {"credentials", "cred-"},
    [MM_CAT_DEBUG_INTERFACE] = {"debug-interface", "debug-"},
    [MM_CAT_UNSAFE_FUNCTION] = {"unsafe-function", "unsafe-"},
    [MM_CAT_UPDATE_INTEGRITY] = {"update-integrity", "update-"},
    [MM_CAT_CRYPTO] = {"crypto", "crypto-"},
    [MM_CAT_COMPONENT] = {"component", "component-"},
    [MM_CAT_POLICY] = {"policy", "policy-"},
};

int mm_category_parse(const char *s, mm_category *out)
{
    for (int i = 0; i < MM_CAT__COUNT; i++) {
        if (strcmp(s, mm_categories[i].name) == 0) {
            *out = (mm_category)i;
            return 0;
        }
    }
    return -1;
}

const char *mm_severity_name(mm_severity s)
{
    switch (s) {
    case MM_SEV_ERROR: return "error";
    case MM_SEV_WARNING: return "warning";
    case MM_SEV_NOTE: return "note";
    default: return "never";
    }
}

int mm_severity_parse(const char *s, bool allow_never, mm_severity *out)
{
    if (strcmp(s, "error") == 0)
        *out = MM_SEV_ERROR;
    else if (strcmp(s, "warning") == 0)
        *out = MM_SEV_WARNING;
    else if (strcmp(s, "note") == 0)
        *out = MM_SEV_NOTE;
    else if (allow_never && strcmp(s, "never") == 0)
        *out = MM_SEV_NONE;
    else
        return -1;
    return 0;
}

void mm_rule_add_trigger(mm_rule *r, const char *regex, bool caseless)
{
    mm_trigger t = {mm_xstrdup(regex), caseless};
    mm_vec_push(&r->triggers, t);
}

const char *mm_rule_replacement(const mm_rule *r, const char *libc)
{
    const char *def = NULL;
    for (size_t i = 0; i < r->replacement.n; i++) {
        if (libc && strcmp(r->replacement.v[i].key, libc) == 0)
            return r->replacement.v[i].value;
        if (strcmp(r->replacement.v[i].key, "default") == 0)
            def = r->replacement.v[i].value;
    }
    return def;
}

static bool kebab(const char *s)
{
    if (!*s || *s == '-')
        return false;
    for (const char *p = s; *p; p++) {
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
            return false;
        if (*p == '-' && (p[1] == '-' || p[1] == 0))
            return false;
    }
    return true;
}

static int get_required_str(const mm_json_doc *doc, const cJSON *obj, const char *key,
                            const char **out, mm_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return mm_json_err(doc, obj, err, "missing required field \"%s\"", key);
    if (!cJSON_IsString(v) || !v->valuestring[0])
        return mm_json_err(doc, v, err, "field \"%s\" must be a non-empty string", key);
    *out = v->valuestring;
    return 0;
}

/* Message placeholders a rule may use; matchers fill those that apply to them. */
static const char *const message_vars[] = {"callee", "name", "replacement", "value", "libc",
                                           "detail", "arg0", "arg1", "arg2", "arg3", "path",
                                           "provider", "profile", "node", "why", "condition", NULL};

static int check_message(const mm_json_doc *doc, const cJSON *v, const char *msg, mm_err *err)
{
    for (const char *p = strchr(msg, '{'); p; p = strchr(p + 1, '{')) {
        const char *e = strchr(p, '}');
        if (!e)
            return mm_json_err(doc, v, err, "message has an unclosed '{'");
        bool known = false;
        for (const char *const *k = message_vars; *k; k++) {
            if (strlen(*k) == (size_t)(e - p - 1) && strncmp(*k, p + 1, (size_t)(e - p - 1)) == 0)
                known = true;
        }
        if (!known)
            return mm_json_err(doc, v, err, "message uses unknown placeholder {%.*s}",
                               (int)(e - p - 1), p + 1);
    }
    return 0;
}

/* Titles and messages are sentences shown after a position; they end without a period. */
static int check_no_period(const mm_json_doc *doc, const cJSON *v, const char *key, mm_err *err)
{
    size_t n = strlen(v->valuestring);
    if (n && v->valuestring[n - 1] == '.')
        return mm_json_err(doc, v, err, "field \"%s\" must not end with a period", key);
    return 0;
}

/* "0.0" to "10.0": one digit or 10, with an optional fraction, as GitHub reads
 * security-severity (rules/rule.schema.json has the same pattern). */
static bool severity_score(const char *s)
{
    bool ten = s[0] == '1' && s[1] == '0';
    const char *p = ten ? s + 2 : s + 1;
    if (!isdigit((unsigned char)s[0]))
        return false;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (ten ? *p == '0' : isdigit((unsigned char)*p))
            p++;
    }
    return *p == 0;
}

static int load_standards(const mm_json_doc *doc, const cJSON *obj, mm_rule *r, mm_err *err)
{
    if (!cJSON_IsObject(obj))
        return mm_json_err(doc, obj, err, "field \"standards\" must be an object");
    static const char *const keys[] = {"meti", "etsi", "jcstar", "cra", NULL};
    if (mm_json_only_keys(doc, obj, keys, "standards", err) < 0)
        return -1;
    const cJSON *meti = cJSON_GetObjectItemCaseSensitive(obj, "meti");
    if (meti) {
        if (!cJSON_IsArray(meti))
            return mm_json_err(doc, meti, err, "field \"meti\" must be a list of measures 1-6");
        for (const cJSON *c = meti->child; c; c = c->next) {
            if (!cJSON_IsNumber(c) || c->valuedouble < 1 || c->valuedouble > 6 ||
                c->valuedouble != (int)c->valuedouble)
                return mm_json_err(doc, c, err, "METI measure must be an integer from 1 to 6");
            mm_vec_push(&r->standards.meti, c->valueint);
        }
    }
    if (mm_json_copy_strs(doc, obj, "etsi", &r->standards.etsi, err) < 0 ||
        mm_json_copy_strs(doc, obj, "jcstar", &r->standards.jcstar, err) < 0 ||
        mm_json_copy_strs(doc, obj, "cra", &r->standards.cra, err) < 0)
        return -1;
    return 0;
}

int mm_rule_load(const char *source, const char *text, size_t len, bool builtin,
                 const mm_matcher_kind *(*find)(const char *kind), mm_rule **out, mm_err *err)
{
    mm_json_doc doc;
    mm_rule *r = mm_xcalloc(1, sizeof *r);
    r->source = mm_xstrdup(source);
    r->builtin = builtin;
    mm_sha256_hex(text, len, r->text_sha);
    int rc = -1;
    if (mm_json_parse(&doc, source, text, len, true, err) < 0)
        goto done;
    const cJSON *root = doc.root;
    if (!cJSON_IsObject(root)) {
        mm_json_err(&doc, root, err, "a rule file must hold one JSON object");
        goto done;
    }
    static const char *const keys[] = {"$schema", "id", "title", "category", "severity", "cwe",
                                       "standards", "help", "message", "files",
                                       "files_exclude", "languages",
                                       "replacement", "security_severity", "profile_severity", "match",
                                       "roles", NULL};
    if (mm_json_only_keys(&doc, root, keys, "rule", err) < 0)
        goto done;

    const char *id, *title, *cat, *sev, *help, *msg;
    if (get_required_str(&doc, root, "id", &id, err) < 0 ||
        get_required_str(&doc, root, "title", &title, err) < 0 ||
        get_required_str(&doc, root, "category", &cat, err) < 0 ||
        get_required_str(&doc, root, "severity", &sev, err) < 0 ||
        get_required_str(&doc, root, "help", &help, err) < 0 ||
        get_required_str(&doc, root, "message", &msg, err) < 0)
        goto done;
    const cJSON *idv = cJSON_GetObjectItemCaseSensitive(root, "id");
    if (!kebab(id)) {
        mm_json_err(&doc, idv, err, "rule id \"%s\" must be kebab-case (a-z, 0-9, '-')", id);
        goto done;
    }
    r->id = mm_xstrdup(id);
    r->title = mm_xstrdup(title);
    r->help = mm_xstrdup(help);
    r->message = mm_xstrdup(msg);
    if (mm_category_parse(cat, &r->category) < 0) {
        mm_buf names = {0};
        for (int i = 0; i < MM_CAT__COUNT; i++)
            mm_buf_printf(&names, "%s%s", i ? ", " : "", mm_categories[i].name);
        mm_json_err(&doc, cJSON_GetObjectItemCaseSensitive(root, "category"), err,
                    "unknown category \"%s\" (one of: %s)", cat, names.data);
        mm_buf_free(&names);
        goto done;
    }
    const char *prefix = mm_categories[r->category].id_prefix;
    if (!mm_str_starts(id, prefix)) {
        mm_json_err(&doc, idv, err, "rule id \"%s\" of category %s must start with \"%s\"", id,
                    cat, prefix);
        goto done;
    }
    if (mm_severity_parse(sev, false, &r->severity) < 0) {
        mm_json_err(&doc, cJSON_GetObjectItemCaseSensitive(root, "severity"), err,
                    "severity must be \"error\", \"warning\" or \"note\"");
        goto done;
    }
    if (check_message(&doc, cJSON_GetObjectItemCaseSensitive(root, "message"), msg, err) < 0 ||
        check_no_period(&doc, cJSON_GetObjectItemCaseSensitive(root, "message"), "message", err) < 0 ||
        check_no_period(&doc, cJSON_GetObjectItemCaseSensitive(root, "title"), "title", err) < 0)
        goto done;

    const cJSON *cwe = cJSON_GetObjectItemCaseSensitive(root, "cwe");
    if (!cwe || !cJSON_IsArray(cwe) || !cwe->child) {
        mm_json_err(&doc, cwe ? cwe : root, err,
                    "field \"cwe\" must be a non-empty list of CWE numbers");
        goto done;
    }
    for (const cJSON *c = cwe->child; c; c = c->next) {
        /* range first: converting an out-of-range double to int is undefined */
        if (!cJSON_IsNumber(c) || c->valuedouble < 1 || c->valuedouble > INT_MAX ||
            c->valuedouble != (int)c->valuedouble) {
            mm_json_err(&doc, c, err, "a CWE must be a positive integer such as 798");
            goto done;
        }
        mm_vec_push(&r->cwe, c->valueint);
    }
    const cJSON *std = cJSON_GetObjectItemCaseSensitive(root, "standards");
    if (!std) {
        mm_json_err(&doc, root, err, "missing required field \"standards\"");
        goto done;
    }
    if (load_standards(&doc, std, r, err) < 0)
        goto done;
    if (mm_json_copy_strs(&doc, root, "files", &r->files, err) < 0 ||
        mm_json_copy_strs(&doc, root, "files_exclude", &r->files_exclude, err) < 0 ||
        mm_json_copy_strs(&doc, root, "languages", &r->languages, err) < 0)
        goto done;
    for (size_t i = 0; i < r->languages.n; i++) {
        if (strcmp(r->languages.v[i], "c") && strcmp(r->languages.v[i], "cpp")) {
            mm_json_err(&doc, cJSON_GetObjectItemCaseSensitive(root, "languages"), err,
                        "unknown language \"%s\" (c or cpp)", r->languages.v[i]);
            goto done;
        }
    }
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(root, "profile_severity");
    if (ps) {
        static const char *const pkeys[] = {"release", "other", NULL};
        if (!cJSON_IsObject(ps)) {
            mm_json_err(&doc, ps, err,
                        "profile_severity maps \"release\" and \"other\" to severities");
            goto done;
        }
        if (mm_json_only_keys(&doc, ps, pkeys, "profile_severity", err) < 0)
            goto done;
        for (const cJSON *c = ps->child; c; c = c->next) {
            mm_severity sv;
            if (!cJSON_IsString(c) || mm_severity_parse(c->valuestring, false, &sv) < 0) {
                mm_json_err(&doc, c, err, "a profile's severity is error, warning or note");
                goto done;
            }
            r->profile_severity[strcmp(c->string, "release") == 0 ? 0 : 1] = sv;
        }
        if (!r->profile_severity[0] || !r->profile_severity[1]) {
            mm_json_err(&doc, ps, err, "profile_severity needs both \"release\" and \"other\"");
            goto done;
        }
    }

    /* roles whose findings keep the rule's severity; product's always do */
    r->keep_roles = 1u << MM_ROLE_PRODUCT;
    const cJSON *roles = cJSON_GetObjectItemCaseSensitive(root, "roles");
    if (roles) {
        if (!cJSON_IsArray(roles)) {
            mm_json_err(&doc, roles, err,
                        "\"roles\" lists the roles whose findings keep the rule's severity");
            goto done;
        }
        for (const cJSON *c = roles->child; c; c = c->next) {
            mm_role role;
            if (cJSON_IsString(c) && !strcmp(c->valuestring, "all")) {
                r->keep_roles = (1u << MM_ROLE__COUNT) - 1;
            } else if (!cJSON_IsString(c) || mm_role_parse(c->valuestring, &role) < 0) {
                mm_json_err(&doc, c, err,
                            "unknown role (product, example, test, tool, simulator, vendored, "
                            "generated, docs, or all)");
                goto done;
            } else {
                r->keep_roles |= 1u << role;
            }
        }
    }

    const cJSON *repl = cJSON_GetObjectItemCaseSensitive(root, "replacement");
    if (repl) {
        if (!cJSON_IsObject(repl)) {
            mm_json_err(&doc, repl, err,
                        "field \"replacement\" must map a libc name (or \"default\") to text");
            goto done;
        }
        static const char *const libcs[] = {"default", "newlib", "picolibc", "glibc", "musl",
                                            "uclibc", "avr-libc", "zephyr-minimal", NULL};
        if (mm_json_only_keys(&doc, repl, libcs, "replacement (libc names)", err) < 0)
            goto done;
        bool has_default = false;
        for (const cJSON *c = repl->child; c; c = c->next) {
            if (!cJSON_IsString(c)) {
                mm_json_err(&doc, c, err, "a replacement must be a string");
                goto done;
            }
            if (strcmp(c->string, "default") == 0)
                has_default = true;
            mm_kv kv = {mm_xstrdup(c->string), mm_xstrdup(c->valuestring)};
            mm_vec_push(&r->replacement, kv);
        }
        if (!has_default) {
            mm_json_err(&doc, repl, err, "field \"replacement\" needs a \"default\" entry");
            goto done;
        }
    }
    if (strstr(msg, "{replacement}") && !repl) {
        mm_json_err(&doc, cJSON_GetObjectItemCaseSensitive(root, "message"), err,
                    "message uses {replacement} but the rule has no \"replacement\" field");
        goto done;
    }
    const char *secsev = NULL;
    if (mm_json_get_str(&doc, root, "security_severity", &secsev, err) < 0)
        goto done;
    if (secsev) {
        if (!severity_score(secsev)) {
            mm_json_err(&doc, cJSON_GetObjectItemCaseSensitive(root, "security_severity"), err,
                        "security_severity must be a number from 0.0 to 10.0, as a string");
            goto done;
        }
        r->security_severity = mm_xstrdup(secsev);
    } else {
        /* GitHub's bands: >= 7 high, 4-6.9 medium, < 4 low */
        r->security_severity = mm_xstrdup(r->severity == MM_SEV_ERROR     ? "8.0"
                                          : r->severity == MM_SEV_WARNING ? "5.5"
                                                                          : "3.0");
    }

    const cJSON *match = cJSON_GetObjectItemCaseSensitive(root, "match");
    if (!match) {
        mm_json_err(&doc, root, err, "missing required field \"match\"");
        goto done;
    }
    if (!cJSON_IsObject(match)) {
        mm_json_err(&doc, match, err, "field \"match\" must be an object");
        goto done;
    }
    const char *kind = NULL;
    if (mm_json_get_str(&doc, match, "kind", &kind, err) < 0)
        goto done;
    if (!kind) {
        mm_json_err(&doc, match, err, "field \"match\" needs a \"kind\"");
        goto done;
    }
    r->kind = find(kind);
    if (!r->kind) {
        mm_json_err(&doc, cJSON_GetObjectItemCaseSensitive(match, "kind"), err,
                    "unknown matcher kind \"%s\"", kind);
        goto done;
    }
    r->needs = r->kind->needs;
    r->run = r->kind->run;
    mm_compile_ctx cx = {&doc, r, err};
    if (r->kind->compile(&cx, match) < 0)
        goto done;
    rc = 0;
done:
    mm_json_free(&doc);
    if (rc < 0) {
        mm_rule_free(r);
        r = NULL;
    }
    *out = r;
    return rc;
}

static void free_strs(void *vecp)
{
    MM_VEC(char *) *vec = vecp;
    for (size_t i = 0; i < vec->n; i++)
        free(vec->v[i]);
    mm_vec_free(vec);
}

void mm_rule_free(mm_rule *r)
{
    if (!r)
        return;
    if (r->kind && r->kind->free && r->match)
        r->kind->free(r->match);
    free(r->id);
    free(r->title);
    free(r->message);
    free(r->help);
    free(r->source);
    free(r->security_severity);
    mm_vec_free(&r->cwe);
    mm_vec_free(&r->standards.meti);
    free_strs(&r->standards.etsi);
    free_strs(&r->standards.jcstar);
    free_strs(&r->standards.cra);
    free_strs(&r->files);
    free_strs(&r->languages);
    for (size_t i = 0; i < r->replacement.n; i++) {
        free(r->replacement.v[i].key);
        free(r->replacement.v[i].value);
    }
    mm_vec_free(&r->replacement);
    for (size_t i = 0; i < r->triggers.n; i++)
        free(r->triggers.v[i].regex);
    mm_vec_free(&r->triggers);
    free_strs(&r->callees);
    free_strs(&r->plain_callees);
    free_strs(&r->copy_calls);
    free_strs(&r->fields);
    free_strs(&r->types);
    free_strs(&r->consumers);
    free_strs(&r->files_exclude);
    free(r);
}
