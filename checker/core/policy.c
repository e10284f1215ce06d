/* policy.c: loading mamori.json and applying it — overrides, exclusions, inline suppressions and
 * accepted risks. */
#define _GNU_SOURCE
#include "core/policy.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/i18n.h"

static int parse_size(const mm_json_doc *doc, const cJSON *v, size_t *out, mm_err *err)
{
    if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble <= 1e12) {
        *out = (size_t)v->valuedouble;
        return 0;
    }
    if (cJSON_IsString(v)) {
        char *end;
        double d = strtod(v->valuestring, &end);
        double mult = 1;
        if (!strcmp(end, "KiB") || !strcmp(end, "K"))
            mult = 1024;
        else if (!strcmp(end, "MiB") || !strcmp(end, "M"))
            mult = 1024 * 1024;
        else if (!strcmp(end, "GiB") || !strcmp(end, "G"))
            mult = 1024.0 * 1024 * 1024;
        else if (*end)
            mult = -1;
        if (end != v->valuestring && mult > 0 && d * mult >= 1 && d * mult <= 1e12) {
            *out = (size_t)(d * mult);
            return 0;
        }
    }
    return mm_json_err(doc, v, err,
                       "max_file_size must be a byte count or a size such as \"4MiB\"");
}

static bool valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    }
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static char *dup_field(const mm_json_doc *doc, const cJSON *obj, const char *key, bool required,
                       mm_err *err, int *rc)
{
    const char *v = NULL;
    if (mm_json_get_str(doc, obj, key, &v, err) < 0) {
        *rc = -1;
        return NULL;
    }
    if (!v || !v[0]) {
        if (required) {
            mm_json_err(doc, obj, err, "accepted risk needs a non-empty \"%s\"", key);
            *rc = -1;
        }
        return NULL;
    }
    return mm_xstrdup(v);
}

/* 1-based line and column of value v in the policy text */
static void policy_pos(const mm_policy *p, const cJSON *v, unsigned *line, unsigned *col);

/* A list of path patterns that give role; each pattern is non-empty. */
static int load_role_globs(mm_policy *p, const cJSON *list, mm_role role, const char *what,
                           mm_err *err)
{
    const mm_json_doc *doc = &p->doc;
    if (!cJSON_IsArray(list))
        return mm_json_err(doc, list, err, "%s is a list of path patterns", what);
    for (const cJSON *c = list->child; c; c = c->next) {
        if (!cJSON_IsString(c) || !c->valuestring[0])
            return mm_json_err(doc, c, err, "%s holds non-empty path patterns (\"tests/**\")",
                               what);
        mm_role_glob g = {mm_xstrdup(c->valuestring), role, 0, 0};
        policy_pos(p, c, &g.line, &g.col);
        mm_vec_push(&p->role_globs, g);
    }
    return 0;
}

/* "roles": {"<role>": {"paths": [patterns], "severity": "error"|"warning"|"note"}} */
static int load_roles(mm_policy *p, const cJSON *v, mm_err *err)
{
    const mm_json_doc *doc = &p->doc;
    if (!cJSON_IsObject(v))
        return mm_json_err(doc, v, err,
                           "\"roles\" maps roles to {\"paths\": [patterns], \"severity\": ...}");
    for (const cJSON *c = v->child; c; c = c->next) {
        mm_role role;
        if (mm_role_parse(c->string, &role) < 0)
            return mm_json_err(doc, c, err,
                               "unknown role \"%s\" (product, example, test, tool, simulator, "
                               "vendored, generated or docs)",
                               c->string);
        static const char *const keys[] = {"paths", "severity", NULL};
        if (!cJSON_IsObject(c))
            return mm_json_err(doc, c, err,
                               "roles.%s is {\"paths\": [patterns], \"severity\": ...}",
                               c->string);
        if (mm_json_only_keys(doc, c, keys, "role", err) < 0)
            return -1;
        const cJSON *paths = cJSON_GetObjectItemCaseSensitive(c, "paths");
        char what[64];
        snprintf(what, sizeof what, "roles.%s.paths", c->string);
        if (paths && load_role_globs(p, paths, role, what, err) < 0)
            return -1;
        const cJSON *sev = cJSON_GetObjectItemCaseSensitive(c, "severity");
        if (!sev)
            continue;
        if (role == MM_ROLE_PRODUCT)
            return mm_json_err(doc, sev, err,
                               "product findings have their rules' severities; set them in "
                               "\"rules\" or \"categories\"");
        if (!cJSON_IsString(sev) ||
            mm_severity_parse(sev->valuestring, false, &p->role_severity[role]) < 0)
            return mm_json_err(doc, sev, err,
                               "roles.%s.severity must be \"error\", \"warning\" or \"note\"",
                               c->string);
    }
    return 0;
}

/* "product": {"name", "support_until", "security_contact", "threat_model", "sources"} */
static int load_product(mm_policy *p, const cJSON *v, mm_err *err)
{
    const mm_json_doc *doc = &p->doc;
    static const char *const keys[] = {"name", "support_until", "security_contact",
                                       "threat_model", "sources", NULL};
    if (!cJSON_IsObject(v))
        return mm_json_err(doc, v, err,
                           "\"product\" is an object: {\"name\", \"support_until\", "
                           "\"security_contact\", \"threat_model\", \"sources\"}");
    if (mm_json_only_keys(doc, v, keys, "product", err) < 0)
        return -1;
    mm_product *pr = &p->product;
    pr->where = v;
    p->has_product = true;
    const cJSON *sources = cJSON_GetObjectItemCaseSensitive(v, "sources");
    if (sources && load_role_globs(p, sources, MM_ROLE_PRODUCT, "product.sources", err) < 0)
        return -1;
    char **fields[] = {&pr->name, &pr->support_until, &pr->security_contact, &pr->threat_model};
    for (size_t i = 0; i < MM_ARRAY_LEN(fields); i++) {
        const char *s = NULL;
        if (mm_json_get_str(doc, v, keys[i], &s, err) < 0)
            return -1;
        if (!s)
            continue;
        const cJSON *at = cJSON_GetObjectItemCaseSensitive(v, keys[i]);
        if (!s[0])
            return mm_json_err(doc, at, err, "product.%s must not be empty", keys[i]);
        *fields[i] = mm_xstrdup(s);
    }
    pr->where_support_until = cJSON_GetObjectItemCaseSensitive(v, "support_until");
    pr->where_threat_model = cJSON_GetObjectItemCaseSensitive(v, "threat_model");
    if (pr->support_until && !valid_date(pr->support_until))
        return mm_json_err(doc, pr->where_support_until, err,
                           "product.support_until must be a date YYYY-MM-DD");
    if (pr->security_contact && !mm_policy_contact_ok(pr->security_contact))
        return mm_json_err(doc, cJSON_GetObjectItemCaseSensitive(v, "security_contact"), err,
                           "product.security_contact must be an e-mail address, or a mailto:, "
                           "https:// or tel: URI");
    const char *tm = pr->threat_model;
    if (tm && strncmp(tm, "https://", 8) != 0 && strncmp(tm, "http://", 7) != 0 &&
        (tm[0] == '/' || !strcmp(tm, "..") || !strncmp(tm, "../", 3) || strstr(tm, "/../") ||
         mm_str_ends(tm, "/..")))
        return mm_json_err(doc, pr->where_threat_model, err,
                           "product.threat_model must be a URL, or a path inside the repository "
                           "relative to its root");
    return 0;
}

static int load_setting(const mm_json_doc *doc, const cJSON *v, bool *off, mm_severity *sev,
                        mm_err *err)
{
    *off = false;
    *sev = MM_SEV_NONE;
    const char *s = NULL;
    if (cJSON_IsString(v)) {
        s = v->valuestring;
    } else if (cJSON_IsFalse(v)) {
        *off = true;
        return 0;
    } else if (cJSON_IsObject(v)) {
        static const char *const keys[] = {"severity", "enabled", NULL};
        if (mm_json_only_keys(doc, v, keys, "rule setting", err) < 0)
            return -1;
        bool enabled = true;
        if (mm_json_get_bool(doc, v, "enabled", &enabled, err) < 0 ||
            mm_json_get_str(doc, v, "severity", &s, err) < 0)
            return -1;
        *off = !enabled;
        if (!s)
            return 0;
        v = cJSON_GetObjectItemCaseSensitive(v, "severity");
    } else {
        return mm_json_err(doc, v, err,
                           "a rule or category setting is \"off\", a severity, or an object");
    }
    if (!strcmp(s, "off")) {
        *off = true;
        return 0;
    }
    if (mm_severity_parse(s, false, sev) < 0)
        return mm_json_err(doc, v, err,
                           "setting must be \"off\", \"error\", \"warning\" or \"note\"");
    return 0;
}

static void policy_pos(const mm_policy *p, const cJSON *v, unsigned *line, unsigned *col)
{
    size_t off = mm_json_offset(&p->doc, v, NULL);
    *line = 1;
    *col = 1;
    if (off == SIZE_MAX)
        return;
    size_t ls = 0;
    for (size_t i = 0; i < off && i < p->doc.len; i++) {
        if (p->doc.text[i] == '\n') {
            (*line)++;
            ls = i + 1;
        }
    }
    *col = mm_utf8_col(p->doc.text + ls, off - ls);
}

/* "sbom": {"required": true} and "components": [{"name": ..., "version": ..., ...}] */
static int load_components(mm_policy *p, mm_err *err)
{
    const mm_json_doc *doc = &p->doc;
    const cJSON *root = doc->root;
    const cJSON *sbom = cJSON_GetObjectItemCaseSensitive(root, "sbom");
    if (sbom) {
        static const char *const skeys[] = {"required", NULL};
        if (!cJSON_IsObject(sbom))
            return mm_json_err(doc, sbom, err, "\"sbom\" is {\"required\": true}");
        if (mm_json_only_keys(doc, sbom, skeys, "sbom", err) < 0 ||
            mm_json_get_bool(doc, sbom, "required", &p->sbom_required, err) < 0)
            return -1;
        policy_pos(p, sbom, &p->sbom_line, &p->sbom_col); /* where its object opens */
    }
    const cJSON *comps = cJSON_GetObjectItemCaseSensitive(root, "components");
    if (!comps)
        return 0;
    if (!cJSON_IsArray(comps))
        return mm_json_err(doc, comps, err, "\"components\" must be a list of components");
    static const char *const ckeys[] = {"name",    "version", "supplier", "license",
                                        "purl",    "cpe",     "path",     "support_until",
                                        NULL};
    for (const cJSON *c = comps->child; c; c = c->next) {
        if (!cJSON_IsObject(c))
            return mm_json_err(doc, c, err, "a component is an object with at least \"name\"");
        if (mm_json_only_keys(doc, c, ckeys, "component", err) < 0)
            return -1;
        const char *v[8] = {NULL};
        for (int k = 0; k < 8; k++) {
            if (mm_json_get_str(doc, c, ckeys[k], &v[k], err) < 0)
                return -1;
        }
        if (!v[0] || !v[0][0])
            return mm_json_err(doc, c, err, "a component needs a non-empty \"name\"");
        if (v[7] && !valid_date(v[7]))
            return mm_json_err(doc, cJSON_GetObjectItemCaseSensitive(c, "support_until"), err,
                               "support_until must be a date YYYY-MM-DD");
        mm_policy_component pc = {0};
        char **fields[8] = {&pc.name, &pc.version, &pc.supplier, &pc.license,
                            &pc.purl, &pc.cpe,     &pc.path,     &pc.support_until};
        for (int k = 0; k < 8; k++)
            *fields[k] = v[k] && v[k][0] ? mm_xstrdup(v[k]) : NULL;
        policy_pos(p, c, &pc.line, &pc.col);
        mm_vec_push(&p->components, pc);
    }
    return 0;
}

/* Field key of obj, a list of paths, onto the end of vec (an MM_VEC(char *)), each relative
 * to the policy's directory unless absolute. */
static int load_paths(mm_policy *p, const cJSON *obj, const char *key, void *vec, mm_err *err)
{
    MM_VEC(char *) *v = vec;
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(&p->doc, obj, key, &items, &n, err) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char *d = items[i][0] == '/' ? mm_xstrdup(items[i])
                                      : mm_xasprintf("%s/%s", p->dir, items[i]);
        mm_vec_push(v, d);
    }
    free(items);
    return 0;
}

int mm_policy_load(mm_policy *p, const char *path, mm_err *err)
{
    memset(p, 0, sizeof *p);
    char *text;
    size_t len;
    if (mm_read_file(path, 4 << 20, &text, &len, err) < 0)
        return -1;
    p->path = mm_xstrdup(path);
    char *slash = strrchr(p->path, '/');
    p->dir = slash ? mm_xstrndup(p->path, (size_t)(slash - p->path)) : mm_xstrdup(".");
    int rc = mm_json_parse(&p->doc, p->path, text, len, true, err);
    free(text);
    if (rc < 0)
        return -1;
    const mm_json_doc *doc = &p->doc;
    const cJSON *root = doc->root;
    if (!cJSON_IsObject(root))
        return mm_json_err(doc, root, err, "mamori.json must hold one JSON object");
    static const char *const keys[] = {"$schema",       "version",        "fail_on",
                                       "exclude",       "rules",          "categories",
                                       "max_file_size", "accepted_risks", "rule_packs",
                                       "profiles",      "product",        "components",
                                       "sbom",          "advisories",     "roles",
                                       "toolchain_include", NULL};
    if (mm_json_only_keys(doc, root, keys, "mamori.json", err) < 0)
        return -1;
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (ver && !(cJSON_IsNumber(ver) && ver->valuedouble == 1))
        return mm_json_err(doc, ver, err, "this mamori reads policy version 1");
    const char *fail = NULL;
    if (mm_json_get_str(doc, root, "fail_on", &fail, err) < 0)
        return -1;
    if (fail) {
        if (mm_severity_parse(fail, true, &p->fail_on) < 0)
            return mm_json_err(doc, cJSON_GetObjectItemCaseSensitive(root, "fail_on"), err,
                               "fail_on must be \"error\", \"warning\", \"note\" or \"never\"");
        p->has_fail_on = true;
    }
    if (mm_json_copy_strs(doc, root, "exclude", &p->exclude, err) < 0 ||
        load_paths(p, root, "rule_packs", &p->rule_packs, err) < 0 ||
        load_paths(p, root, "advisories", &p->advisories, err) < 0 ||
        load_paths(p, root, "toolchain_include", &p->toolchain_include, err) < 0)
        return -1;
    if (load_components(p, err) < 0)
        return -1;

    const cJSON *profiles = cJSON_GetObjectItemCaseSensitive(root, "profiles");
    if (profiles) {
        static const char *const pkeys[] = {"release", NULL};
        static const char *const rkeys[] = {"configs", NULL};
        if (!cJSON_IsObject(profiles))
            return mm_json_err(doc, profiles, err,
                               "\"profiles\" is {\"release\": {\"configs\": [globs]}}");
        if (mm_json_only_keys(doc, profiles, pkeys, "profiles", err) < 0)
            return -1;
        const cJSON *rel = cJSON_GetObjectItemCaseSensitive(profiles, "release");
        if (rel) {
            if (!cJSON_IsObject(rel) || mm_json_only_keys(doc, rel, rkeys, "profile", err) < 0)
                return cJSON_IsObject(rel) ? -1
                                           : mm_json_err(doc, rel, err,
                                                         "a profile is {\"configs\": [globs]}");
            if (!cJSON_GetObjectItemCaseSensitive(rel, "configs"))
                return mm_json_err(doc, rel, err, "the release profile needs \"configs\"");
            if (mm_json_copy_strs(doc, rel, "configs", &p->release_configs, err) < 0)
                return -1;
            p->has_release = true;
        }
    }
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(root, "rules");
    if (rules) {
        if (!cJSON_IsObject(rules))
            return mm_json_err(doc, rules, err, "\"rules\" must map rule ids to settings");
        for (const cJSON *c = rules->child; c; c = c->next) {
            mm_rule_setting s = {mm_xstrdup(c->string), false, MM_SEV_NONE, c};
            if (load_setting(doc, c, &s.off, &s.severity, err) < 0) {
                free(s.id);
                return -1;
            }
            mm_vec_push(&p->rules, s);
        }
    }
    const cJSON *cats = cJSON_GetObjectItemCaseSensitive(root, "categories");
    if (cats) {
        if (!cJSON_IsObject(cats))
            return mm_json_err(doc, cats, err, "\"categories\" must map categories to settings");
        for (const cJSON *c = cats->child; c; c = c->next) {
            mm_category cat;
            if (mm_category_parse(c->string, &cat) < 0)
                return mm_json_err(doc, c, err, "unknown category \"%s\"", c->string);
            if (load_setting(doc, c, &p->cat_off[cat], &p->cat_severity[cat], err) < 0)
                return -1;
        }
    }
    const cJSON *product = cJSON_GetObjectItemCaseSensitive(root, "product");
    if (product && load_product(p, product, err) < 0)
        return -1;
    const cJSON *roles = cJSON_GetObjectItemCaseSensitive(root, "roles");
    if (roles && load_roles(p, roles, err) < 0)
        return -1;
    const cJSON *mfs = cJSON_GetObjectItemCaseSensitive(root, "max_file_size");
    if (mfs && parse_size(doc, mfs, &p->max_file_size, err) < 0)
        return -1;
    const cJSON *risks = cJSON_GetObjectItemCaseSensitive(root, "accepted_risks");
    if (risks) {
        if (!cJSON_IsArray(risks))
            return mm_json_err(doc, risks, err, "\"accepted_risks\" must be a list");
        for (const cJSON *c = risks->child; c; c = c->next) {
            if (!cJSON_IsObject(c))
                return mm_json_err(doc, c, err, "an accepted risk is an object");
            static const char *const rkeys[] = {"fingerprint", "rule", "reason", "owner",
                                                "expires", "path", NULL};
            if (mm_json_only_keys(doc, c, rkeys, "accepted risk", err) < 0)
                return -1;
            int frc = 0;
            mm_accepted_risk r = {0};
            r.where = c;
            r.where_expires = cJSON_GetObjectItemCaseSensitive(c, "expires");
            r.fingerprint = dup_field(doc, c, "fingerprint", true, err, &frc);
            if (frc == 0)
                r.reason = dup_field(doc, c, "reason", true, err, &frc);
            if (frc == 0)
                r.owner = dup_field(doc, c, "owner", false, err, &frc);
            if (frc == 0)
                r.rule = dup_field(doc, c, "rule", false, err, &frc);
            if (frc == 0)
                r.expires = dup_field(doc, c, "expires", false, err, &frc);
            if (frc == 0)
                r.path = dup_field(doc, c, "path", false, err, &frc);
            if (frc == 0 && r.expires && !valid_date(r.expires))
                frc = mm_json_err(doc, cJSON_GetObjectItemCaseSensitive(c, "expires"), err,
                                  "expires must be a date YYYY-MM-DD");
            if (frc == 0 && strlen(r.fingerprint) != 32)
                frc = mm_json_err(doc, cJSON_GetObjectItemCaseSensitive(c, "fingerprint"), err,
                                  "fingerprint must be the 32 hex digits a report shows");
            mm_vec_push(&p->risks, r);
            if (frc < 0)
                return -1;
        }
    }
    return 0;
}

int mm_policy_validate(mm_policy *p, const mm_ruleset *rs, mm_err *err)
{
    for (size_t i = 0; i < p->rules.n; i++) {
        if (!mm_ruleset_find(rs, p->rules.v[i].id))
            return mm_json_err(&p->doc, p->rules.v[i].where, err,
                               "unknown rule id \"%s\" (see `mamori rules list`)",
                               p->rules.v[i].id);
    }
    return 0;
}

bool mm_policy_keeps_rule(const mm_rule *r, void *arg)
{
    const mm_policy *p = arg;
    for (size_t i = 0; i < p->rules.n; i++) {
        if (!strcmp(p->rules.v[i].id, r->id))
            return !p->rules.v[i].off;
    }
    return !p->cat_off[r->category];
}

void mm_policy_free(mm_policy *p)
{
    free(p->path);
    free(p->dir);
    mm_json_free(&p->doc);
    for (size_t i = 0; i < p->exclude.n; i++)
        free(p->exclude.v[i]);
    mm_vec_free(&p->exclude);
    for (size_t i = 0; i < p->role_globs.n; i++)
        free(p->role_globs.v[i].glob);
    mm_vec_free(&p->role_globs);
    for (size_t i = 0; i < p->rules.n; i++)
        free(p->rules.v[i].id);
    mm_vec_free(&p->rules);
    for (size_t i = 0; i < p->risks.n; i++) {
        mm_accepted_risk *r = &p->risks.v[i];
        free(r->fingerprint);
        free(r->rule);
        free(r->path);
        free(r->reason);
        free(r->owner);
        free(r->expires);
    }
    mm_vec_free(&p->risks);
    for (size_t i = 0; i < p->rule_packs.n; i++)
        free(p->rule_packs.v[i]);
    mm_vec_free(&p->rule_packs);
    for (size_t i = 0; i < p->toolchain_include.n; i++)
        free(p->toolchain_include.v[i]);
    mm_vec_free(&p->toolchain_include);
    for (size_t i = 0; i < p->release_configs.n; i++)
        free(p->release_configs.v[i]);
    mm_vec_free(&p->release_configs);
    free(p->product.name);
    free(p->product.support_until);
    free(p->product.security_contact);
    free(p->product.threat_model);
    for (size_t i = 0; i < p->components.n; i++) {
        mm_policy_component *c = &p->components.v[i];
        free(c->name);
        free(c->version);
        free(c->supplier);
        free(c->license);
        free(c->purl);
        free(c->cpe);
        free(c->path);
        free(c->support_until);
    }
    mm_vec_free(&p->components);
    for (size_t i = 0; i < p->advisories.n; i++)
        free(p->advisories.v[i]);
    mm_vec_free(&p->advisories);
}

/* The policy file's path relative to the scan's root, or NULL when it is not under it. */
static char *policy_rel_path(const mm_scan *s)
{
    char *abs = realpath(s->policy->path, NULL);
    char *rel = NULL;
    size_t n = strlen(s->root);
    if (abs && !strncmp(abs, s->root, n) && abs[n] == '/')
        rel = mm_xstrdup(abs + n + 1);
    free(abs);
    return rel;
}

/* --- applying suppressions ------------------------------------------------------------------ */

bool mm_suppression_names(const char *list, const char *id)
{
    size_t idl = strlen(id);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *e = p;
        while (*e && *e != ',' && *e != ' ')
            e++;
        if ((size_t)(e - p) == idl && !strncmp(p, id, idl))
            return true;
        if (e - p == 1 && *p == '*')
            return true;
        p = e;
    }
    return false;
}

static void accept_from(mm_scan *s, size_t from, const char *now)
{
    for (size_t r = 0; r < s->policy->risks.n; r++) {
        mm_accepted_risk *ar = &s->policy->risks.v[r];
        bool expired = ar->expires && strcmp(ar->expires, now) < 0;
        for (size_t i = from; i < s->findings.n; i++) {
            mm_finding *f = &s->findings.v[i];
            if (strcmp(f->fingerprint, ar->fingerprint) != 0)
                continue;
            if (ar->rule && strcmp(ar->rule, f->rule->id) != 0)
                continue;
            if (ar->path && !mm_glob_match(ar->path, f->path))
                continue;
            ar->used = true;
            if (expired || f->suppressed)
                continue;
            f->suppressed = MM_SUPP_POLICY;
            f->supp_reason = mm_xstrdup(ar->reason);
        }
    }
}

/* mm_policy_apply(), mm_policy_apply_late() and history scans differ only in how they find the
 * candidates. */
bool mm_suppression_apply(mm_suppression *sp, mm_finding *f)
{
    if (!sp->reason)
        return false; /* reported by policy-suppression-without-reason; it does not count */
    if (!(f->line == sp->line || f->line == sp->line + 1))
        return false;
    if (!mm_suppression_names(sp->rules, f->rule->id))
        return false;
    sp->used = true;
    f->suppressed = MM_SUPP_INLINE;
    f->supp_reason = mm_xstrdup(sp->reason);
    return true;
}

void mm_policy_apply(mm_scan *s)
{
    /* inline: findings and suppressions are both sorted by path; match per path */
    size_t si = 0;
    for (size_t i = 0; i < s->findings.n; i++) {
        mm_finding *f = &s->findings.v[i];
        while (si < s->supps.n && strcmp(s->supps.v[si].path, f->path) < 0)
            si++;
        for (size_t k = si; k < s->supps.n && !strcmp(s->supps.v[k].path, f->path); k++) {
            if (mm_suppression_apply(&s->supps.v[k], f))
                break;
        }
    }
    if (!s->policy)
        return;
    char now[11];
    mm_today(now);
    accept_from(s, 0, now);
    /* an expired risk is a finding at its line in the policy (hygiene.c); when that rule is
     * turned off, the scan still says that the risk's findings count again */
    if (mm_ruleset_find(s->rules, "policy-accepted-risk-expired"))
        return;
    for (size_t r = 0; r < s->policy->risks.n; r++) {
        mm_accepted_risk *ar = &s->policy->risks.v[r];
        if (!ar->expires || strcmp(ar->expires, now) >= 0)
            continue;
        /* notice paths are root-relative; a policy elsewhere is named in the message */
        char *rel = policy_rel_path(s);
        mm_notice n = {rel, 0, 0, MM_NOTICE_WARNING, mm_xstrdup("risk-expired"),
                       mm_xasprintf(_("accepted risk %s%s%s expired on %s; its findings "
                                      "count again"),
                                    ar->fingerprint, rel ? "" : " in ",
                                    rel ? "" : s->policy->path, ar->expires)};
        mm_vec_push(&s->notices, n);
    }
}

/* A path that names one file, not a pattern: only such a path can tell whether a partial scan
 * read the file an accepted risk is about. */
static bool literal_path(const char *p)
{
    return p && !strpbrk(p, "*?[");
}

void mm_policy_report_unmatched(mm_scan *s, bool (*covers)(const char *path, void *arg),
                                void *arg)
{
    if (!s->policy)
        return;
    char *rel = NULL;
    bool rel_done = false;
    for (size_t r = 0; r < s->policy->risks.n; r++) {
        const mm_accepted_risk *ar = &s->policy->risks.v[r];
        if (ar->used)
            continue;
        if (ar->rule && !mm_ruleset_find(s->rules, ar->rule))
            continue; /* its rule did not run (off, another category): nothing to tell */
        if (covers && !(literal_path(ar->path) && covers(ar->path, arg)))
            continue; /* a partial scan that did not read its file */
        if (!rel_done) {
            rel = policy_rel_path(s);
            rel_done = true;
        }
        unsigned line = 0, col = 0;
        if (ar->where)
            mm_json_where(&s->policy->doc, ar->where, &line, &col, NULL);
        mm_buf m = {0};
        mm_buf_printf(&m, "accepted risk %s", ar->fingerprint);
        if (ar->rule)
            mm_buf_printf(&m, " (%s%s%s)", ar->rule, ar->path ? " in " : "",
                          ar->path ? ar->path : "");
        else if (ar->path)
            mm_buf_printf(&m, " (in %s)", ar->path);
        if (!rel)
            mm_buf_printf(&m, " in %s", s->policy->path);
        mm_buf_puts(&m, " no longer matches a finding (fixed, or the code changed); remove it "
                        "from the policy");
        mm_notice n = {rel ? mm_xstrdup(rel) : NULL, line, col, MM_NOTICE_WARNING,
                       mm_xstrdup("risk-unmatched"), mm_buf_cstr(&m)};
        mm_vec_push(&s->notices, n);
    }
    free(rel);
}

void mm_policy_apply_late(mm_scan *s, size_t from)
{
    for (size_t i = from; i < s->findings.n; i++) {
        mm_finding *f = &s->findings.v[i];
        for (size_t k = 0; k < s->supps.n; k++) {
            if (!strcmp(s->supps.v[k].path, f->path) && mm_suppression_apply(&s->supps.v[k], f))
                break;
        }
    }
    if (!s->policy)
        return;
    char now[11];
    mm_today(now);
    accept_from(s, from, now);
}
