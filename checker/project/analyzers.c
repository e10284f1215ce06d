/* analyzers.c: the one list of analyzers — rules that need code rather than a matcher: per file
 * (run_file, on the facts of the files their triggers hit) or once per scan after the policy
 * stage (run_project). Each is still described by a JSON rule file
 * ("match": {"kind": "analyzer", "name": "<name>"}). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "match/matchers.h"
#include "project/analyzers.h"
#include "project/hygiene.h"
#include "project/inventory.h"

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
        if (!s->supps.v[i].reason && !s->supps.v[i].context)
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
        if (!sp->reason || sp->used || sp->context)
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

/* name, what, needs, run_file, run_project, then the optional fields by name. An analyzer with
 * both functions collects facts per file (hints) and judges them once per scan. */
static const mm_analyzer analyzers[] = {
    {"suppression-without-reason", "inline suppressions that give no reason", MM_NEED_PROJECT,
     NULL, run_suppression_without_reason, .partial = true, .last = true},
    {"suppression-unused", "inline suppressions that match no finding", MM_NEED_PROJECT, NULL,
     run_suppression_unused, .partial = true, .last = true},
    {"stm32-debug-without-rdp",
     "CubeMX projects that keep SWD/JTAG while nothing in the repository raises readout protection",
     MM_NEED_TEXT, mm_an_stm32_debug_without_rdp, NULL, .triggers = mm_an_stm32_triggers},
    {"dropbear-empty-root",
     "OpenWrt dropbear accepting root password logins where the overlay gives root no password",
     MM_NEED_TEXT, mm_an_dropbear_empty_root, NULL, .triggers = mm_an_dropbear_triggers},
    /* update paths (analyzer_update.c): one rule holds the catalogue of update APIs and
     * collects each file's call-graph facts; the others judge the same graph */
    {"update-path", "an image written and made bootable on a path of the project's call graph "
     "with no signature check; the rule file holds the catalogue of update APIs",
     MM_NEED_TEXT | MM_NEED_PROJECT, mm_update_collect, mm_update_unverified_image,
     .keys = mm_update_path_keys, .compile = mm_update_path_compile,
     .free_data = mm_update_path_free},
    {"update-md5", "an update path whose only check of the image is an MD5 digest",
     MM_NEED_PROJECT, NULL, mm_update_md5},
    {"update-endpoint", "a route registered in the project whose handler reaches an image write "
     "with no authentication check on the way", MM_NEED_PROJECT, NULL, mm_update_endpoint},
    {"update-password", "a library update endpoint (ArduinoOTA, HTTPUpdateServer, ElegantOTA) "
     "started without a password", MM_NEED_PROJECT, NULL, mm_update_password,
     .keys = mm_update_password_keys, .compile = mm_update_password_compile,
     .free_data = mm_update_password_free},
    /* repository hygiene (hygiene.c): judged on the whole tree only */
    {"security-policy-missing", "a project root without a security policy (SECURITY.md, "
     "security.txt, or a README/CONTRIBUTING section that names a contact)",
     MM_NEED_TEXT | MM_NEED_PROJECT, mm_hygiene_collect_security_section,
     mm_hygiene_security_policy_missing},
    {"security-policy-contact", "a SECURITY.md that does not say how to report", MM_NEED_TEXT,
     mm_hygiene_security_policy_contact, NULL},
    {"security-txt", "an RFC 9116 security.txt without Contact or with a past Expires",
     MM_NEED_TEXT, mm_hygiene_security_txt, NULL},
    {"support-period", "a project root with no support period, or one that ended",
     MM_NEED_TEXT | MM_NEED_PROJECT, mm_hygiene_collect_support_period,
     mm_hygiene_support_period},
    {"threat-model", "a project root with no threat model naming assets and threats",
     MM_NEED_TEXT | MM_NEED_PROJECT, mm_hygiene_collect_threat_model, mm_hygiene_threat_model},
    {"codeowners-missing", "a project root with key, bootloader or release files and no "
     "CODEOWNERS", MM_NEED_PROJECT, NULL, mm_hygiene_codeowners_missing},
    {"codeowners-coverage", "CODEOWNERS that leaves key, bootloader or release files unowned",
     MM_NEED_TEXT | MM_NEED_PROJECT, mm_hygiene_collect_codeowners,
     mm_hygiene_codeowners_coverage},
    /* the policy's own accepted risks: the same whatever part of the tree is scanned */
    {"accepted-risk-incomplete", "accepted risks of the policy without owner or expiry",
     MM_NEED_PROJECT, NULL, mm_hygiene_risk_incomplete, .partial = true},
    {"accepted-risk-expired", "accepted risks of the policy whose expiry has passed",
     MM_NEED_PROJECT, NULL, mm_hygiene_risk_expired, .partial = true},
    /* components (inventory.c, components.c): judged on the whole tree only */
    {"component-undeclared", "third-party components that no SBOM or policy entry declares",
     COMPONENTS, NULL, mm_component_undeclared},
    {"component-sbom-missing", "a project with components and no SBOM", COMPONENTS, NULL,
     mm_component_sbom_missing},
    {"component-declared-absent", "declared components the tree does not have", COMPONENTS,
     NULL, mm_component_declared_absent},
    {"component-version-mismatch", "components whose declared version differs", COMPONENTS,
     NULL, mm_component_version_mismatch},
    {"component-incomplete", "declarations without version, supplier or license; components "
     "without a version", COMPONENTS, NULL, mm_component_incomplete},
    {"component-unpinned", "references to branches, any version or ranges nothing locks",
     COMPONENTS, NULL, mm_component_unpinned},
    {"component-support-ended", "components past the support end the policy declares",
     COMPONENTS, NULL, mm_component_support_ended},
    {"component-known-advisory", "components an offline OSV advisory names", COMPONENTS, NULL,
     mm_component_known_advisory},
};

const mm_analyzer *mm_analyzer_find(const char *name)
{
    for (size_t i = 0; i < MM_ARRAY_LEN(analyzers); i++) {
        if (!strcmp(analyzers[i].name, name))
            return &analyzers[i];
    }
    return NULL;
}

/* A rule's compiled analyzer matcher: the analyzer first (rule->match reads as one), then what
 * its compile made of the rule file. */
typedef struct analyzer_match {
    mm_analyzer an;
    void *data;
} analyzer_match;

const mm_analyzer *mm_rule_analyzer(const mm_rule *rule)
{
    const mm_analyzer *an = rule->match;
    return (rule->needs & MM_NEED_PROJECT) && an && an->run_project ? an : NULL;
}

void *mm_rule_analyzer_data(const mm_rule *rule)
{
    return rule->match ? ((const analyzer_match *)rule->match)->data : NULL;
}

void mm_match_analyzer_free(void *match)
{
    analyzer_match *m = match;
    if (m && m->data && m->an.free_data)
        m->an.free_data(m->data);
    free(m);
}

int mm_match_analyzer_compile(mm_compile_ctx *cx, const cJSON *match)
{
    const char *name = NULL;
    if (mm_json_get_str(cx->doc, match, "name", &name, cx->err) < 0)
        return -1;
    if (!name)
        return mm_json_err(cx->doc, match, cx->err, "analyzer matcher needs \"name\"");
    const mm_analyzer *an = mm_analyzer_find(name);
    if (!an)
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "name"), cx->err,
                           "unknown analyzer \"%s\"", name);
    const char *keys[16] = {"kind", "name", "trigger"};
    size_t nk = 3;
    for (const char *const *k = an->keys; k && *k && nk + 1 < MM_ARRAY_LEN(keys); k++)
        keys[nk++] = *k;
    keys[nk] = NULL;
    if (mm_json_only_keys(cx->doc, match, keys, "analyzer matcher", cx->err) < 0)
        return -1;
    analyzer_match *m = mm_xcalloc(1, sizeof *m);
    m->an = *an;
    cx->rule->match = m;
    if (an->compile && an->compile(cx, match, &m->data) < 0)
        return -1;
    cx->rule->needs = an->needs;
    cx->rule->run = an->run_file;
    for (const char *const *t = an->triggers; t && *t; t++)
        mm_rule_add_trigger(cx->rule, *t, false);
    for (const char *const *c = an->callees; c && *c; c++)
        mm_vec_push(&cx->rule->callees, mm_xstrdup(*c));
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(cx->doc, match, "trigger", &items, &n, cx->err) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        mm_rule_add_trigger(cx->rule, items[i], false);
    free(items);
    return 0;
}
