/* facts.c: what the repository shows of the product and of each of METI's six measures, for
 * the sign-off report (`mamori report`): the product's name and version as the tree states
 * them, its support period and security contact, and the files that carry a security policy,
 * owners, a threat model, an SBOM, mamori in CI, a change log. Built once after the scan from
 * what the hygiene analyzers collected (s->hints), the policy and the component inventory, as
 * a JSON object the JSON report writes under "project". Never a secret: paths, dates, a
 * contact address the project publishes. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "project/facts.h"
#include "project/inventory.h"
#include "project/osv.h"

static void evidence(cJSON *list, int measure, const char *kind, const char *path, unsigned line,
                     const char *detail)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "measure", measure);
    cJSON_AddStringToObject(e, "kind", kind);
    if (path)
        cJSON_AddStringToObject(e, "path", path);
    if (line)
        cJSON_AddNumberToObject(e, "line", line);
    if (detail)
        cJSON_AddStringToObject(e, "detail", detail);
    cJSON_AddItemToArray(list, e);
}

static bool ieq(const char *a, const char *b)
{
    return !strcasecmp(a, b);
}

/* a root-level or .github/docs/.gitlab file of that base name (case-insensitive, any of exts) */
static bool doc_named(const char *path, const char *stem)
{
    const char *base = mm_path_base(path);
    size_t dl = (size_t)(base - path);
    if (dl && strncmp(path, ".github/", dl) && strncmp(path, "docs/", dl) &&
        strncmp(path, ".gitlab/", dl) && strncmp(path, "doc/", dl))
        return false;
    size_t sl = strlen(stem);
    if (strncasecmp(base, stem, sl))
        return false;
    return !base[sl] || base[sl] == '.';
}

/* reads a small file of the tree (the worktree's bytes); NULL when it cannot */
static char *read_small(const mm_scan *s, const char *rel, size_t *len)
{
    char *abs = mm_xasprintf("%s/%s", s->root, rel);
    char *data = NULL;
    mm_err err;
    memset(&err, 0, sizeof err);
    if (mm_read_file(abs, 1 << 20, &data, len, &err) < 0)
        data = NULL;
    free(abs);
    return data;
}

static bool mentions_mamori(const mm_scan *s, const char *rel)
{
    size_t n = 0;
    char *d = read_small(s, rel, &n);
    bool yes = d && memmem(d, n, "mamori", 6);
    free(d);
    return yes;
}

static bool is_ci_file(const char *p)
{
    if (mm_str_starts(p, ".github/workflows/") && !strchr(p + 18, '/'))
        return mm_str_ends(p, ".yml") || mm_str_ends(p, ".yaml");
    return !strcmp(p, ".gitlab-ci.yml") || !strcmp(p, "Jenkinsfile") ||
           !strcmp(p, ".circleci/config.yml") || !strcmp(p, "azure-pipelines.yml") ||
           !strcmp(p, "bitbucket-pipelines.yml") || !strcmp(p, ".travis.yml");
}

static bool is_build_file(const char *p)
{
    const char *b = mm_path_base(p);
    if (strchr(p, '/') && !mm_str_starts(p, "cmake/"))
        return false;
    return !strcmp(b, "CMakeLists.txt") || !strcmp(b, "Makefile") || !strcmp(b, "GNUmakefile") ||
           mm_str_ends(b, ".cmake") || mm_str_ends(b, ".mk");
}

/* "project(name VERSION 1.2.3" in the root CMakeLists.txt */
static char *cmake_version(const mm_scan *s, char **name)
{
    size_t n = 0;
    char *d = read_small(s, "CMakeLists.txt", &n);
    if (!d)
        return NULL;
    char *out = NULL;
    for (char *p = d; (p = strcasestr(p, "project(")) != NULL; p += 8) {
        if (p > d && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        char *q = p + 8;
        while (*q == ' ' || *q == '\t')
            q++;
        char *nm = q;
        while (*q && (isalnum((unsigned char)*q) || *q == '_' || *q == '-' || *q == '.'))
            q++;
        size_t nl = (size_t)(q - nm);
        char *close = strchr(q, ')');
        char *v = strstr(q, "VERSION");
        if (nl && name && !*name)
            *name = mm_xstrndup(nm, nl);
        if (v && close && v < close) {
            v += 7;
            while (*v == ' ' || *v == '\t' || *v == '\n')
                v++;
            char *e = v;
            while (isdigit((unsigned char)*e) || *e == '.')
                e++;
            if (e > v)
                out = mm_xstrndup(v, (size_t)(e - v));
        }
        break;
    }
    free(d);
    return out;
}

/* the first line of VERSION / version.txt at the root, when it looks like a version */
static char *version_file(const mm_scan *s, const char **src)
{
    static const char *const names[] = {"VERSION", "version.txt", "VERSION.txt"};
    for (size_t i = 0; i < MM_ARRAY_LEN(names); i++) {
        bool have = false;
        for (size_t k = 0; k < s->paths.n && !have; k++)
            have = !strcmp(s->paths.v[k], names[i]);
        if (!have)
            continue;
        size_t n = 0;
        char *d = read_small(s, names[i], &n);
        if (!d)
            continue;
        size_t l = 0;
        while (l < n && l < 40 && d[l] != '\n' && d[l] != '\r')
            l++;
        bool ok = l > 0 && l < 40 && (isdigit((unsigned char)d[0]) || d[0] == 'v');
        for (size_t k = 0; k < l && ok; k++)
            ok = isalnum((unsigned char)d[k]) || strchr(".-+_", d[k]);
        char *v = ok ? mm_xstrndup(d, l) : NULL;
        free(d);
        if (v) {
            *src = names[i];
            return v;
        }
    }
    return NULL;
}

/* hint fields separated by US (0x1f) */
static size_t fields(char *v, char **out, size_t max)
{
    size_t n = 0;
    while (n < max) {
        out[n++] = v;
        char *us = strchr(v, 0x1f);
        if (!us)
            break;
        *us = 0;
        v = us + 1;
    }
    return n;
}

void mm_project_facts_collect(mm_scan *s)
{
    if (s->project || !s->whole_root || s->mode != MM_INPUT_WORKTREE)
        return;
    cJSON *p = cJSON_CreateObject();
    const mm_product *prod = s->policy && s->policy->has_product ? &s->policy->product : NULL;
    const mm_inventory *inv = mm_inventory_of(s);

    /* the product: the policy names it, else the component of this repository, else the
     * build, else the repository's name */
    char *name = NULL, *version = NULL;
    const char *name_src = NULL, *version_src = NULL;
    if (prod && prod->name) {
        name = mm_xstrdup(prod->name);
        name_src = "policy";
    }
    for (size_t i = 0; inv && i < inv->found.n; i++) {
        const mm_comp *c = &inv->found.v[i];
        if (!c->first_party)
            continue;
        if (!name && c->c.name) {
            name = mm_xstrdup(c->c.name);
            name_src = c->at && c->at->path ? c->at->path : "manifest";
        }
        if (!version && c->c.version) {
            version = mm_xstrdup(c->c.version);
            version_src = c->at && c->at->path ? c->at->path : "manifest";
        }
        break;
    }
    if (!version)
        version = version_file(s, &version_src);
    char *cm_name = NULL;
    if (!version) {
        version = cmake_version(s, &cm_name);
        if (version)
            version_src = "CMakeLists.txt";
    }
    if (!name && inv && inv->repo_name) {
        name = mm_xstrdup(inv->repo_name);
        name_src = s->vcs_uri ? "git remote" : "directory";
    }
    if (!name && cm_name) {
        name = cm_name;
        cm_name = NULL;
        name_src = "CMakeLists.txt";
    }
    if (!name) {
        name = mm_xstrdup(mm_path_base(s->root));
        name_src = "directory";
    }
    free(cm_name);
    cJSON_AddStringToObject(p, "name", name);
    cJSON_AddStringToObject(p, "name_source", name_src);
    if (version) {
        cJSON_AddStringToObject(p, "version", version);
        cJSON_AddStringToObject(p, "version_source", version_src);
    } else {
        cJSON_AddNullToObject(p, "version");
    }
    free(name);
    free(version);
    if (s->vcs_uri)
        cJSON_AddStringToObject(p, "repository", s->vcs_uri);

    cJSON *ev = cJSON_CreateArray();
    char *policy_rel = s->policy ? mm_policy_rel_path(s->policy, s->root) : NULL;

    /* support period: the policy's date, else the latest the documents state */
    const char *support = NULL, *support_src = NULL;
    unsigned support_line = 0;
    char *best = NULL, *best_path = NULL;
    if (prod && prod->support_until) {
        support = prod->support_until;
        support_src = policy_rel;
    }
    /* measure 1: the security policy, its contact */
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *path = s->paths.v[i];
        if (doc_named(path, "SECURITY"))
            evidence(ev, 1, "security-policy", path, 0, NULL);
        else if (!strcmp(path, "security.txt") || !strcmp(path, ".well-known/security.txt"))
            evidence(ev, 1, "security-txt", path, 0, NULL);
    }
    const char *contact = prod ? prod->security_contact : NULL;
    for (size_t i = 0; i < s->hints.n; i++) {
        const mm_kv *h = &s->hints.v[i];
        char *copy = mm_xstrdup(h->value);
        char *fl[4];
        size_t nf = fields(copy, fl, 4);
        if (!strcmp(h->key, "security-policy-missing") && nf == 2) {
            evidence(ev, 1, "security-section", fl[1], (unsigned)strtoul(fl[0], NULL, 10), NULL);
        } else if (!strcmp(h->key, "threat-model") && nf == 3 && !strcmp(fl[1], "AT")) {
            evidence(ev, 3, "threat-model", fl[2], (unsigned)strtoul(fl[0], NULL, 10), NULL);
        } else if (!strcmp(h->key, "support-period") && nf == 4 && !prod) {
            /* the latest end date the documents state ("duration": no date) */
            if (strcmp(fl[2], "duration") && (!best || strcmp(fl[2], best) > 0)) {
                free(best);
                free(best_path);
                best = mm_xstrdup(fl[2]);
                best_path = mm_xstrdup(fl[3]);
                support_line = (unsigned)strtoul(fl[0], NULL, 10);
            } else if (!best && !best_path) {
                best_path = mm_xstrdup(fl[3]);
                support_line = (unsigned)strtoul(fl[0], NULL, 10);
            }
        }
        free(copy);
    }
    if (!support && best_path) {
        support = best ? best : "stated as a duration";
        support_src = best_path;
    }
    if (contact)
        evidence(ev, 1, "security-contact", policy_rel, 0, contact);
    /* measure 2: owners */
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *path = s->paths.v[i];
        if (!strcmp(mm_path_base(path), "CODEOWNERS") &&
            (!strcmp(path, "CODEOWNERS") || !strcmp(path, ".github/CODEOWNERS") ||
             !strcmp(path, "docs/CODEOWNERS") || !strcmp(path, ".gitlab/CODEOWNERS")))
            evidence(ev, 2, "codeowners", path, 0, NULL);
    }
    if (contact)
        evidence(ev, 2, "security-contact", policy_rel, 0, contact);
    /* measure 3: the threat model the policy names */
    if (prod && prod->threat_model)
        evidence(ev, 3, "threat-model", policy_rel, 0, prod->threat_model);
    /* measure 4: inventory, SBOM, advisories, support period, accepted risks */
    size_t third = 0, first = 0;
    for (size_t i = 0; inv && i < inv->found.n; i++) {
        if (inv->found.v[i].first_party)
            first++;
        else
            third++;
    }
    if (third) {
        char n[24];
        snprintf(n, sizeof n, "%zu", third);
        evidence(ev, 4, "components", NULL, 0, n);
    }
    for (size_t i = 0; inv && i < inv->sbom_docs.n; i++)
        evidence(ev, 4, "sbom", inv->sbom_docs.v[i]->path, 0, inv->sbom_docs.v[i]->name);
    if (s->policy && s->policy->components.n)
        evidence(ev, 4, "policy-components", policy_rel, 0, NULL);
    if (s->policy && s->policy->advisories.n)
        evidence(ev, 4, "advisories", policy_rel, 0, NULL);
    if (support)
        evidence(ev, 4, "support-period", support_src, support_line, support);
    if (s->policy) {
        for (size_t i = 0; i < s->policy->risks.n; i++) {
            const mm_accepted_risk *r = &s->policy->risks.v[i];
            mm_buf d = {0};
            mm_buf_printf(&d, "%s; owner: %s; expires: %s", r->rule ? r->rule : "*",
                          r->owner ? r->owner : "-", r->expires ? r->expires : "-");
            evidence(ev, 4, "accepted-risk", policy_rel, 0, mm_buf_cstr(&d));
            mm_buf_free(&d);
        }
    }
    /* measure 5: mamori in CI, hooks, the build */
    if (policy_rel)
        evidence(ev, 5, "policy", policy_rel, 0, NULL);
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *path = s->paths.v[i];
        const char *kind = is_ci_file(path)                          ? "ci"
                           : !strcmp(path, ".pre-commit-config.yaml") ? "pre-commit"
                           : is_build_file(path)                      ? "build"
                                                                      : NULL;
        if (kind && mentions_mamori(s, path))
            evidence(ev, 5, kind, path, 0, NULL);
    }
    /* measure 6: change log, support period */
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *path = s->paths.v[i];
        if (strchr(path, '/'))
            continue;
        if (doc_named(path, "CHANGELOG") || doc_named(path, "CHANGES") ||
            doc_named(path, "RELEASE_NOTES") || doc_named(path, "NEWS") || ieq(path, "HISTORY.md"))
            evidence(ev, 6, "changelog", path, 0, NULL);
    }
    if (support)
        evidence(ev, 6, "support-period", support_src, support_line, support);

    if (support) {
        cJSON_AddStringToObject(p, "support_until", support);
        cJSON_AddStringToObject(p, "support_source", support_src ? support_src : "");
    } else {
        cJSON_AddNullToObject(p, "support_until");
    }
    if (contact)
        cJSON_AddStringToObject(p, "security_contact", contact);
    else
        cJSON_AddNullToObject(p, "security_contact");
    cJSON *comp = cJSON_AddObjectToObject(p, "components");
    cJSON_AddNumberToObject(comp, "third_party", (double)third);
    cJSON_AddNumberToObject(comp, "first_party", (double)first);
    cJSON_AddNumberToObject(comp, "sbom_documents", inv ? (double)inv->sbom_docs.n : 0);
    cJSON_AddNumberToObject(comp, "declared", inv ? (double)inv->declared.n : 0);
    cJSON_AddNumberToObject(comp, "advisories_loaded",
                            s->advisories ? (double)s->advisories->n : 0);
    cJSON_AddItemToObject(p, "evidence", ev);
    free(best);
    free(best_path);
    free(policy_rel);
    s->project = p;
}
