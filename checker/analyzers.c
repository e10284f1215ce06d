/* analyzers.c: the one list of analyzers — rules that need code rather than a matcher, run once
 * per scan after the policy stage. Each is still described by a JSON rule file
 * ("match": {"kind": "analyzer", "name": "<name>"}). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "inventory.h"
#include "matchers.h"

/* Emits a project-level finding at a suppression comment. */
static void emit_at_suppression(const mm_rule *rule, mm_scan *s, const mm_suppression *sp)
{
    mm_finding f;
    memset(&f, 0, sizeof f);
    f.rule = rule;
    f.path = mm_xstrdup(sp->path);
    f.line = f.end_line = sp->line;
    f.col = sp->col;
    f.end_col = sp->col + (unsigned)strlen("mamori-ignore[]") + (unsigned)strlen(sp->rules);
    f.severity = rule->severity;
    f.engine = "analyzer";
    f.snippet = mm_xstrdup(sp->snippet ? sp->snippet : "");
    mm_buf vars = {0};
    mm_buf_put(&vars, "detail", 7);
    mm_buf_put(&vars, sp->rules, strlen(sp->rules) + 1);
    mm_buf_putc(&vars, 0);
    f.vars = vars.data;
    char key[65];
    char *k = mm_xasprintf("%s\n%s\n%s\n%s", rule->id, sp->path, sp->rules,
                           sp->reason ? sp->reason : "");
    mm_sha256_hex(k, strlen(k), key);
    free(k);
    memcpy(f.fingerprint, key, 32);
    f.fingerprint[32] = 0;
    mm_vec_push(&s->findings, f);
}

static void run_suppression_without_reason(const mm_rule *rule, mm_scan *s)
{
    for (size_t i = 0; i < s->supps.n; i++) {
        if (!s->supps.v[i].reason)
            emit_at_suppression(rule, s, &s->supps.v[i]);
    }
}

/* A suppression is unused when it matched nothing although a rule it names ran, or when it
 * names no rule mamori knows (a typo). One naming only rules this scan did not run (turned off
 * by the policy or --category) is left alone. */
static void run_suppression_unused(const mm_rule *rule, mm_scan *s)
{
    for (size_t i = 0; i < s->supps.n; i++) {
        const mm_suppression *sp = &s->supps.v[i];
        if (!sp->reason || sp->used)
            continue;
        bool ran = false, unknown = false;
        char *list = mm_xstrdup(sp->rules);
        for (char *save = NULL, *id = strtok_r(list, ", ", &save); id;
             id = strtok_r(NULL, ", ", &save)) {
            if (!strcmp(id, "*") || mm_ruleset_find(s->rules, id))
                ran = true;
            else if (!mm_strset_has(&s->rules->known_ids, id))
                unknown = true;
        }
        free(list);
        if (ran || unknown)
            emit_at_suppression(rule, s, sp);
    }
}

/* the component rules read the inventory's records (checker/inventory.h, components.c) */
#define COMPONENTS (MM_NEED_PROJECT | MM_NEED_COMPONENTS)

static const mm_analyzer analyzers[] = {
    {"suppression-without-reason", "inline suppressions that give no reason", MM_NEED_PROJECT,
     NULL, run_suppression_without_reason, NULL, false},
    {"suppression-unused", "inline suppressions that match no finding", MM_NEED_PROJECT, NULL,
     run_suppression_unused, NULL, false},
    {"component-undeclared", "third-party components that no SBOM or policy entry declares",
     COMPONENTS, NULL, mm_component_undeclared, NULL, true},
    {"component-sbom-missing", "a project with components and no SBOM", COMPONENTS, NULL,
     mm_component_sbom_missing, NULL, true},
    {"component-declared-absent", "declared components the tree does not have", COMPONENTS,
     NULL, mm_component_declared_absent, NULL, true},
    {"component-version-mismatch", "components whose declared version differs", COMPONENTS,
     NULL, mm_component_version_mismatch, NULL, true},
    {"component-incomplete", "declarations without version, supplier or license; components "
     "without a version", COMPONENTS, NULL, mm_component_incomplete, NULL, true},
    {"component-unpinned", "references to branches, any version or ranges nothing locks",
     COMPONENTS, NULL, mm_component_unpinned, NULL, true},
    {"component-support-ended", "components past the support end the policy declares",
     COMPONENTS, NULL, mm_component_support_ended, NULL, true},
    {"component-known-advisory", "components an offline OSV advisory names", COMPONENTS, NULL,
     mm_component_known_advisory, NULL, true},
};

const mm_analyzer *mm_analyzer_find(const char *name)
{
    for (size_t i = 0; i < MM_ARRAY_LEN(analyzers); i++) {
        if (!strcmp(analyzers[i].name, name))
            return &analyzers[i];
    }
    return NULL;
}

const mm_analyzer *mm_rule_analyzer(const mm_rule *rule)
{
    const mm_analyzer *an = rule->match;
    return (rule->needs & MM_NEED_PROJECT) && an && an->run_project ? an : NULL;
}

int mm_match_analyzer_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind", "name", "trigger", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "analyzer matcher", cx->err) < 0)
        return -1;
    const char *name = NULL;
    if (mm_json_get_str(cx->doc, match, "name", &name, cx->err) < 0)
        return -1;
    if (!name)
        return mm_json_err(cx->doc, match, cx->err, "analyzer matcher needs \"name\"");
    const mm_analyzer *an = mm_analyzer_find(name);
    if (!an)
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "name"), cx->err,
                           "unknown analyzer \"%s\"", name);
    cx->rule->match = (void *)an; /* static: the kind has no free function */
    cx->rule->needs = an->needs;
    cx->rule->run = an->run_file;
    for (const char *const *t = an->triggers; t && *t; t++)
        mm_rule_add_trigger(cx->rule, *t, false);
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(cx->doc, match, "trigger", &items, &n, cx->err) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        mm_rule_add_trigger(cx->rule, items[i], false);
    free(items);
    return 0;
}
