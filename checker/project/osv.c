/* osv.c: reading OSV advisories from a directory and matching them to components (osv.h). */
#define _GNU_SOURCE
#include "project/osv.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_FILES = 200000, MAX_DEPTH = 8, MAX_FILE = 8 << 20 };

/* --- loading ---------------------------------------------------------------------------------- */

static void free_range(mm_osv_range *r)
{
    free(r->repo);
    for (size_t i = 0; i < r->events.n; i++)
        free(r->events.v[i].value);
    mm_vec_free(&r->events);
}

static void free_affected(mm_osv_affected *a)
{
    free(a->ecosystem);
    free(a->name);
    free(a->purl);
    for (size_t i = 0; i < a->versions.n; i++)
        free(a->versions.v[i]);
    mm_vec_free(&a->versions);
    for (size_t i = 0; i < a->ranges.n; i++)
        free_range(&a->ranges.v[i]);
    mm_vec_free(&a->ranges);
}

static void free_vuln(mm_osv_vuln *v)
{
    free(v->id);
    free(v->alias);
    free(v->summary);
    free(v->file);
    for (size_t i = 0; i < v->affected.n; i++)
        free_affected(&v->affected.v[i]);
    mm_vec_free(&v->affected);
}

void mm_osv_free(mm_osv_db *db)
{
    for (size_t i = 0; i < db->v.n; i++)
        free_vuln(&db->v.v[i]);
    mm_vec_free(&db->v);
    db->n = db->files = 0;
}

static int opt_str(const mm_json_doc *doc, const cJSON *obj, const char *key, char **out,
                   mm_err *err)
{
    const char *v = NULL;
    if (mm_json_get_str(doc, obj, key, &v, err) < 0)
        return -1;
    *out = v && *v ? mm_xstrdup(v) : NULL;
    return 0;
}

static int load_range(const mm_json_doc *doc, const cJSON *r, mm_osv_range *out, mm_err *err)
{
    if (!cJSON_IsObject(r))
        return mm_json_err(doc, r, err, "a range is an object with \"type\" and \"events\"");
    const char *type = NULL;
    if (mm_json_get_str(doc, r, "type", &type, err) < 0)
        return -1;
    if (!type)
        return mm_json_err(doc, r, err, "a range needs a \"type\" (SEMVER, ECOSYSTEM or GIT)");
    if (!strcmp(type, "SEMVER"))
        out->type = MM_OSV_SEMVER;
    else if (!strcmp(type, "ECOSYSTEM"))
        out->type = MM_OSV_ECOSYSTEM;
    else if (!strcmp(type, "GIT"))
        out->type = MM_OSV_GIT;
    else
        return mm_json_err(doc, cJSON_GetObjectItemCaseSensitive(r, "type"), err,
                           "unknown range type \"%s\" (SEMVER, ECOSYSTEM or GIT)", type);
    if (opt_str(doc, r, "repo", &out->repo, err) < 0)
        return -1;
    const cJSON *events = cJSON_GetObjectItemCaseSensitive(r, "events");
    if (!cJSON_IsArray(events))
        return mm_json_err(doc, events ? events : r, err, "a range needs a list of \"events\"");
    static const char *const kinds[] = {"introduced", "fixed", "last_affected", "limit"};
    for (const cJSON *e = events->child; e; e = e->next) {
        if (!cJSON_IsObject(e) || !e->child || e->child->next)
            return mm_json_err(doc, e, err,
                               "an event is one of {\"introduced\": v}, {\"fixed\": v}, "
                               "{\"last_affected\": v}, {\"limit\": v}");
        int k = -1;
        for (int i = 0; i < 4; i++) {
            if (!strcmp(e->child->string, kinds[i]))
                k = i;
        }
        if (k < 0 || !cJSON_IsString(e->child))
            return mm_json_err(doc, e->child, err, "unknown event \"%s\" or not a string",
                               e->child->string);
        mm_osv_event ev = {(mm_osv_ev)k, mm_xstrdup(e->child->valuestring)};
        mm_vec_push(&out->events, ev);
    }
    return 0;
}

static int load_vuln(mm_osv_db *db, const mm_json_doc *doc, const cJSON *o, const char *file,
                     mm_err *err)
{
    if (!cJSON_IsObject(o))
        return mm_json_err(doc, o, err, "an OSV advisory is a JSON object");
    mm_osv_vuln v;
    memset(&v, 0, sizeof v);
    int rc = -1;
    if (opt_str(doc, o, "id", &v.id, err) < 0)
        goto done;
    if (!v.id) {
        mm_json_err(doc, o, err, "an OSV advisory needs an \"id\"");
        goto done;
    }
    const cJSON *withdrawn = cJSON_GetObjectItemCaseSensitive(o, "withdrawn");
    if (withdrawn) {
        rc = 0; /* withdrawn advisories affect nothing */
        goto done;
    }
    if (opt_str(doc, o, "summary", &v.summary, err) < 0)
        goto done;
    if (!v.summary) {
        char *details = NULL;
        if (opt_str(doc, o, "details", &details, err) < 0)
            goto done;
        if (details) {
            details[strcspn(details, "\r\n")] = 0;
            v.summary = details;
        }
    }
    if (v.summary && strlen(v.summary) > 160)
        strcpy(v.summary + 157, "...");
    const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(o, "aliases");
    for (const cJSON *a = cJSON_IsArray(aliases) ? aliases->child : NULL; a; a = a->next) {
        if (cJSON_IsString(a) && (!v.alias || mm_str_starts(a->valuestring, "CVE-"))) {
            free(v.alias);
            v.alias = mm_xstrdup(a->valuestring);
        }
    }
    const cJSON *aff = cJSON_GetObjectItemCaseSensitive(o, "affected");
    if (aff && !cJSON_IsArray(aff)) {
        mm_json_err(doc, aff, err, "\"affected\" must be a list");
        goto done;
    }
    for (const cJSON *a = aff ? aff->child : NULL; a; a = a->next) {
        if (!cJSON_IsObject(a)) {
            mm_json_err(doc, a, err, "an \"affected\" entry is an object");
            goto done;
        }
        mm_osv_affected af;
        memset(&af, 0, sizeof af);
        mm_vec_push(&v.affected, af);
        mm_osv_affected *ap = &v.affected.v[v.affected.n - 1];
        const cJSON *pkg = cJSON_GetObjectItemCaseSensitive(a, "package");
        if (pkg && (!cJSON_IsObject(pkg) || opt_str(doc, pkg, "ecosystem", &ap->ecosystem, err) < 0 ||
                    opt_str(doc, pkg, "name", &ap->name, err) < 0 ||
                    opt_str(doc, pkg, "purl", &ap->purl, err) < 0)) {
            if (!cJSON_IsObject(pkg))
                mm_json_err(doc, pkg, err, "\"package\" must be an object");
            goto done;
        }
        const cJSON *vers = cJSON_GetObjectItemCaseSensitive(a, "versions");
        for (const cJSON *x = cJSON_IsArray(vers) ? vers->child : NULL; x; x = x->next) {
            if (cJSON_IsString(x))
                mm_vec_push(&ap->versions, mm_xstrdup(x->valuestring));
        }
        const cJSON *ranges = cJSON_GetObjectItemCaseSensitive(a, "ranges");
        if (ranges && !cJSON_IsArray(ranges)) {
            mm_json_err(doc, ranges, err, "\"ranges\" must be a list");
            goto done;
        }
        for (const cJSON *r = ranges ? ranges->child : NULL; r; r = r->next) {
            mm_osv_range rg;
            memset(&rg, 0, sizeof rg);
            int lr = load_range(doc, r, &rg, err);
            mm_vec_push(&ap->ranges, rg);
            if (lr < 0)
                goto done;
        }
    }
    v.file = mm_xstrdup(file);
    mm_vec_push(&db->v, v);
    db->n++;
    return 0;
done:
    free_vuln(&v);
    return rc;
}

int mm_osv_load_text(mm_osv_db *db, const char *name, const char *text, size_t len, mm_err *err)
{
    mm_json_doc doc;
    if (mm_json_parse(&doc, name, text, len, false, err) < 0) {
        mm_json_free(&doc);
        return -1;
    }
    int rc = 0;
    const cJSON *root = doc.root;
    const cJSON *list = cJSON_IsArray(root) ? root
                        : cJSON_IsObject(root) && cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "vulns"))
                            ? cJSON_GetObjectItemCaseSensitive(root, "vulns")
                            : NULL;
    if (list) {
        for (const cJSON *o = list->child; o && rc == 0; o = o->next)
            rc = load_vuln(db, &doc, o, name, err);
    } else {
        rc = load_vuln(db, &doc, root, name, err);
    }
    mm_json_free(&doc);
    db->files++;
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(mm_osv_db *db, const char *dir, int depth, mm_err *err)
{
    if (depth > MAX_DEPTH)
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return depth == 0 ? mm_err_set(err, 2, dir, 0, 0, "cannot read the advisory directory")
                          : 0;
    MM_VEC(char *) names = {0};
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] != '.')
            mm_vec_push(&names, mm_xstrdup(e->d_name));
    }
    closedir(d);
    mm_sort(names.v, names.n, sizeof *names.v, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *p = mm_xasprintf("%s/%s", dir, names.v[i]);
        struct stat st;
        if (lstat(p, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                rc = walk(db, p, depth + 1, err);
            } else if (S_ISREG(st.st_mode) && mm_str_ends(names.v[i], ".json")) {
                if (db->files >= MAX_FILES) {
                    rc = mm_err_set(err, 2, dir, 0, 0, "more than %d advisory files", MAX_FILES);
                } else {
                    char *text;
                    size_t len;
                    rc = mm_read_file(p, MAX_FILE, &text, &len, err);
                    if (rc == 0) {
                        rc = mm_osv_load_text(db, p, text, len, err);
                        free(text);
                    }
                }
            }
        }
        free(p);
    }
    for (size_t i = 0; i < names.n; i++)
        free(names.v[i]);
    mm_vec_free(&names);
    return rc;
}

int mm_osv_load_dir(mm_osv_db *db, const char *dir, mm_err *err)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return mm_err_set(err, 2, dir, 0, 0, "advisory directory not found");
    return walk(db, dir, 0, err);
}

/* --- matching --------------------------------------------------------------------------------- */

/* type/namespace/name of a purl, lower case, without version, qualifiers or subpath */
static char *purl_base(const char *p)
{
    size_t n = strcspn(p, "@?#");
    char *o = mm_xstrndup(p, n);
    for (char *k = o; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    return o;
}

/* "https://github.com/Mbed-TLS/mbedtls.git/" -> "github.com/mbed-tls/mbedtls" */
static char *repo_key(const char *u)
{
    const char *s = strstr(u, "://");
    s = s ? s + 3 : u;
    const char *at = strchr(s, '@');
    const char *slash = strchr(s, '/');
    if (at && (!slash || at < slash))
        s = at + 1;
    if (mm_str_starts(s, "www."))
        s += 4;
    char *o = mm_xstrdup(s);
    for (char *k = o; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    size_t n = strlen(o);
    while (n && o[n - 1] == '/')
        o[--n] = 0;
    if (n > 4 && !strcmp(o + n - 4, ".git"))
        o[n - 4] = 0;
    return o;
}

static bool same_commit(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la < 7 || lb < 7)
        return false;
    return !strncasecmp(a, b, la < lb ? la : lb);
}

static int cmp_event(const void *pa, const void *pb)
{
    const mm_osv_event *a = *(const mm_osv_event *const *)pa;
    const mm_osv_event *b = *(const mm_osv_event *const *)pb;
    bool za = a->kind == MM_OSV_INTRODUCED && !strcmp(a->value, "0");
    bool zb = b->kind == MM_OSV_INTRODUCED && !strcmp(b->value, "0");
    if (za != zb)
        return za ? -1 : 1;
    return mm_version_cmp(a->value, b->value);
}

/* Evaluates a SEMVER or ECOSYSTEM range for version v: walk the events in order and let each
 * one at or below v set the state. *fixed receives the fix that ends the interval v is in. */
static bool in_range(const mm_osv_range *r, const char *v, const char **fixed)
{
    size_t n = r->events.n;
    const mm_osv_event **ev = mm_xcalloc(n ? n : 1, sizeof *ev);
    for (size_t i = 0; i < n; i++)
        ev[i] = &r->events.v[i];
    mm_sort(ev, n, sizeof *ev, cmp_event);
    bool affected = false;
    *fixed = NULL;
    for (size_t i = 0; i < n; i++) {
        const mm_osv_event *e = ev[i];
        bool zero = e->kind == MM_OSV_INTRODUCED && !strcmp(e->value, "0");
        int c = zero ? 1 : mm_version_cmp(v, e->value);
        switch (e->kind) {
        case MM_OSV_INTRODUCED:
            if (c >= 0)
                affected = true;
            break;
        case MM_OSV_FIXED:
        case MM_OSV_LIMIT:
            if (c >= 0)
                affected = false;
            else if (affected && !*fixed && e->kind == MM_OSV_FIXED)
                *fixed = e->value;
            break;
        case MM_OSV_LAST_AFFECTED:
            if (c > 0)
                affected = false;
            break;
        }
        if (c < 0 && affected && *fixed)
            break;
    }
    free(ev);
    if (!affected)
        *fixed = NULL;
    return affected;
}

/* The component's version as releases are numbered: "v3.6.2" -> "3.6.2"; NULL for commits. */
static const char *release_of(const mm_component *c)
{
    const char *v = c->version;
    if (!v || (c->commit && !strcmp(v, c->commit)))
        return NULL;
    if ((v[0] == 'v' || v[0] == 'V') && isdigit((unsigned char)v[1]))
        v++;
    return isdigit((unsigned char)v[0]) ? v : NULL;
}

static bool versions_list(const mm_osv_affected *a, const mm_component *c)
{
    for (size_t i = 0; i < a->versions.n; i++) {
        const char *x = a->versions.v[i];
        if (c->version && mm_component_same_version(x, c->version))
            return true;
        if (c->commit && same_commit(x, c->commit))
            return true;
    }
    return false;
}

void mm_osv_match(const mm_osv_db *db, const mm_component *c, void *hitsp)
{
    MM_VEC(mm_osv_hit) *hits = hitsp;
    char *cpurl = c->purl ? purl_base(c->purl) : NULL;
    char *crepo = c->url ? repo_key(c->url) : NULL;
    const char *rel = release_of(c);
    for (size_t i = 0; i < db->v.n; i++) {
        const mm_osv_vuln *v = &db->v.v[i];
        bool affected = false;
        const char *fixed = NULL;
        for (size_t k = 0; k < v->affected.n && !affected; k++) {
            const mm_osv_affected *a = &v->affected.v[k];
            bool pkg = false;
            if (a->purl && cpurl) {
                char *ap = purl_base(a->purl);
                pkg = !strcmp(ap, cpurl);
                free(ap);
            } else if (!a->purl && a->name &&
                       (!a->ecosystem || !strcmp(a->ecosystem, "GIT") ||
                        !strcmp(a->ecosystem, "OSS-Fuzz"))) {
                pkg = mm_component_same_name(a->name, c->name);
            }
            for (size_t r = 0; r < a->ranges.n && !affected; r++) {
                const mm_osv_range *rg = &a->ranges.v[r];
                if (rg->type == MM_OSV_GIT) {
                    /* a commit range: the component's commit is an event of it, in a repository
                     * that is the component's own */
                    bool repo = rg->repo && crepo;
                    if (repo) {
                        char *rk = repo_key(rg->repo);
                        repo = !strcmp(rk, crepo);
                        free(rk);
                    }
                    if (!(repo || pkg) || !c->commit)
                        continue;
                    for (size_t e = 0; e < rg->events.n; e++) {
                        const mm_osv_event *ev = &rg->events.v[e];
                        if (!same_commit(ev->value, c->commit))
                            continue;
                        if (ev->kind == MM_OSV_INTRODUCED || ev->kind == MM_OSV_LAST_AFFECTED)
                            affected = true;
                        break;
                    }
                    if (affected) {
                        for (size_t e = 0; e < rg->events.n; e++) {
                            if (rg->events.v[e].kind == MM_OSV_FIXED)
                                fixed = rg->events.v[e].value;
                        }
                    }
                } else if (pkg && rel) {
                    affected = in_range(rg, rel, &fixed);
                }
            }
            if (!affected && pkg && versions_list(a, c))
                affected = true;
        }
        if (!affected)
            continue;
        mm_osv_hit h = {mm_xstrdup(v->id), v->alias ? mm_xstrdup(v->alias) : NULL,
                        v->summary ? mm_xstrdup(v->summary) : NULL,
                        fixed ? mm_xstrndup(fixed, strlen(fixed) >= 40 ? 12 : strlen(fixed))
                              : NULL};
        mm_vec_push(hits, h);
    }
    free(cpurl);
    free(crepo);
}

void mm_osv_hit_free(mm_osv_hit *h)
{
    free(h->id);
    free(h->alias);
    free(h->summary);
    free(h->fixed);
}
