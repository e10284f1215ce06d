/* policy.h (model): what a project's mamori.json says — rule settings, accepted risks, the
 * product, declared components, release configurations — and the questions every stage may
 * ask of it. Loading it and applying it to findings is core's (core/policy.c). */
#ifndef MM_MODEL_POLICY_H
#define MM_MODEL_POLICY_H

#include "base/json.h"
#include "model/role.h"
#include "model/rule.h"

typedef struct mm_rule_setting {
    char *id;
    bool off;
    mm_severity severity; /* MM_SEV_NONE: unchanged */
    const cJSON *where;   /* for errors; valid while the policy's document lives */
} mm_rule_setting;

typedef struct mm_accepted_risk {
    char *fingerprint;
    char *rule;    /* optional: the rule it is for */
    char *path;    /* optional: a glob the finding's path must match */
    char *reason;
    char *owner;
    char *expires; /* YYYY-MM-DD, optional */
    bool used;
    const cJSON *where;         /* the entry, and its "expires" value: for findings about them */
    const cJSON *where_expires; /* (valid while the policy's document lives) */
} mm_accepted_risk;

/* "product": what the repository ships, for the repository-hygiene rules (hygiene.c). Each
 * field may be NULL; `where_*` point at the values for findings at the policy's line. */
typedef struct mm_product {
    char *name;
    char *support_until;    /* YYYY-MM-DD: end of the declared support period */
    char *security_contact; /* e-mail, mailto: or https:// URL: where vulnerabilities go */
    char *threat_model;     /* https:// URL, or a root-relative path of the threat model */
    const cJSON *where, *where_support_until, *where_threat_model;
} mm_product;
/* A third-party component the policy declares ("components": [...]). */
typedef struct mm_policy_component {
    char *name, *version, *supplier, *license, *purl, *cpe;
    char *path;          /* its directory in the tree, when declared */
    char *support_until; /* YYYY-MM-DD: the end of its support, from its supplier */
    unsigned line, col;  /* of the entry in the policy file */
} mm_policy_component;

/* A path pattern with the role it gives ("roles": {"test": {"paths": [...]}}, and
 * "product": {"sources": [...]}). */
typedef struct mm_role_glob {
    char *glob;
    mm_role role;
    unsigned line, col; /* where the pattern is written in the policy file */
} mm_role_glob;

typedef struct mm_policy {
    char *path;  /* NULL when the scan has no policy */
    char *dir;   /* directory of the policy file: relative paths inside it start there */
    mm_json_doc doc;
    bool has_fail_on;
    mm_severity fail_on;
    MM_VEC(char *) exclude;
    MM_VEC(mm_rule_setting) rules;
    bool cat_off[MM_CAT__COUNT];
    mm_severity cat_severity[MM_CAT__COUNT];
    size_t max_file_size; /* 0 = default */
    MM_VEC(mm_accepted_risk) risks;
    MM_VEC(char *) rule_packs; /* resolved against dir */
    bool has_release;          /* "profiles": {"release": {"configs": [...]}} was given */
    MM_VEC(char *) release_configs; /* globs of the release configuration files */
    bool has_product;          /* "product" was given */
    mm_product product;
    MM_VEC(mm_policy_component) components; /* "components": declared third-party components */
    bool sbom_required;        /* "sbom": {"required": true}: every component must be declared */
    unsigned sbom_line, sbom_col; /* where "sbom" is written */
    MM_VEC(char *) advisories; /* "advisories": OSV directories, resolved against dir */
    MM_VEC(char *) toolchain_include; /* "toolchain_include": the cross toolchain's header
                                         directories for the deep tier, resolved against dir */
    MM_VEC(mm_role_glob) role_globs; /* "roles" paths and product.sources, in written order */
    /* "roles": {"<role>": {"severity": ...}}: the highest severity a finding of that role
     * gets, and such findings count for fail_on; NONE: a note that does not count */
    mm_severity role_severity[MM_ROLE__COUNT];
} mm_policy;

/* The role the policy gives path ("roles" and product.sources; the longest matching pattern
 * wins, the first written on a tie), or NULL when it says nothing of it. */
const mm_role_glob *mm_policy_role_of(const mm_policy *p, const char *path);
/* The profile a configuration file (or code) at path belongs to: "release", "debug" or
 * "other" (see model/policy.c); p may be NULL. */
const char *mm_profile_of(const mm_policy *p, const char *path);
/* Would the loader take s as product.security_contact (e-mail, mailto:, https://, tel:)? */
bool mm_policy_contact_ok(const char *s);
/* Is rel (a directory when is_dir) excluded by the policy (p may be NULL)? */
bool mm_policy_excludes(const char *rel, bool is_dir, void *policy);
/* Severity of a finding of rule r after the policy's overrides. */
mm_severity mm_policy_severity(const mm_policy *p, const mm_rule *r, mm_severity found);
/* The policy file's path relative to root ("../x/mamori.json" when it lies outside), for
 * findings about it; NULL without a policy file. The caller frees it. */
char *mm_policy_rel_path(const mm_policy *p, const char *root);

#endif
