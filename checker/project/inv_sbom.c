/* inv_sbom.c: declared components — CycloneDX and SPDX documents, ESP-IDF sbom.yml. */
#define _GNU_SOURCE
#include "project/inventory_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* --- declared components: CycloneDX, SPDX, ESP-IDF sbom.yml --------------------------------- */

static void sbom_doc(mm_file *f, const char *format)
{
    mm_component d = {0};
    d.role = MM_COMP_SBOM_DOC;
    d.source = format;
    d.name = mm_xstrdup(f->path);
    inv_at_line(&d, f, 1, 1);
    inv_push(f, &d);
}

static void declared_at(mm_component *d, mm_file *f, const mm_json_doc *doc, const cJSON *v,
                        size_t *hint)
{
    size_t off = mm_json_offset(doc, v, hint);
    if (off == SIZE_MAX)
        inv_at_line(d, f, 1, 1);
    else
        inv_at_offset(d, f, (uint32_t)off);
}

/* A supplier as stated ("Organization: Acme (x@y)", "Person: Ken", "Acme"); NOASSERTION and
 * NONE state nothing. The SBOM writers keep or drop the SPDX actor type. */
static char *spdx_license(const char *s)
{
    if (!s || !*s || !strcmp(s, "NOASSERTION") || !strcmp(s, "NONE"))
        return NULL;
    return mm_xstrdup(s);
}

static void cdx_components(mm_file *f, const mm_json_doc *doc, const cJSON *list, size_t *hint,
                           int depth)
{
    if (!cJSON_IsArray(list) || depth > 16)
        return;
    for (const cJSON *c = list->child; c; c = c->next) {
        if (!cJSON_IsObject(c))
            continue;
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
        if (!cJSON_IsString(name))
            continue;
        mm_component d = {0};
        d.role = MM_COMP_DECLARED;
        d.source = "cyclonedx";
        d.name = mm_xstrdup(name->valuestring);
#define STR(obj, key) (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, key)) ? \
                       cJSON_GetObjectItemCaseSensitive(obj, key)->valuestring : NULL)
        inv_set(&d.group, STR(c, "group"));
        inv_set(&d.version, STR(c, "version"));
        inv_set(&d.purl, STR(c, "purl"));
        inv_set(&d.cpe, STR(c, "cpe"));
        const cJSON *sup = cJSON_GetObjectItemCaseSensitive(c, "supplier");
        if (cJSON_IsObject(sup))
            inv_set(&d.supplier, STR(sup, "name"));
        if (!d.supplier) {
            const cJSON *man = cJSON_GetObjectItemCaseSensitive(c, "manufacturer");
            if (cJSON_IsObject(man))
                inv_set(&d.supplier, STR(man, "name"));
        }
        if (!d.supplier)
            inv_set(&d.supplier, STR(c, "publisher"));
        const cJSON *lics = cJSON_GetObjectItemCaseSensitive(c, "licenses");
        mm_buf lb = {0};
        for (const cJSON *l = cJSON_IsArray(lics) ? lics->child : NULL; l; l = l->next) {
            const char *expr = STR(l, "expression");
            const cJSON *lic = cJSON_GetObjectItemCaseSensitive(l, "license");
            const char *id = expr ? expr : cJSON_IsObject(lic) ? STR(lic, "id") : NULL;
            if (!id && cJSON_IsObject(lic))
                id = STR(lic, "name");
            if (id)
                mm_buf_printf(&lb, "%s%s", lb.len ? " AND " : "", id);
        }
        if (lb.len)
            d.license = mm_buf_cstr(&lb);
        const cJSON *refs = cJSON_GetObjectItemCaseSensitive(c, "externalReferences");
        for (const cJSON *r = cJSON_IsArray(refs) ? refs->child : NULL; r && !d.url; r = r->next) {
            const char *type = STR(r, "type"), *url = STR(r, "url");
            if (url && type && (!strcmp(type, "vcs") || !strcmp(type, "distribution") ||
                                !strcmp(type, "website")))
                d.url = mm_url_strip_credentials(url);
        }
#undef STR
        declared_at(&d, f, doc, c, hint);
        inv_push(f, &d);
        cdx_components(f, doc, cJSON_GetObjectItemCaseSensitive(c, "components"), hint,
                       depth + 1);
    }
}

/* An SBOM that does not parse declares nothing: say so, or its components would all look
 * undeclared for no visible reason. */
static void sbom_unreadable(mm_file *f, const mm_err *err)
{
    mm_file_notice(f, err->line, MM_NOTICE_WARNING, "sbom-invalid",
                   "%s at line %u, column %u; its components are not read as declared", err->msg,
                   err->line, err->col);
}

/* Parses f as a JSON SBOM: true with an object in doc for the caller to free, false with
 * nothing to free (a document that does not parse is a notice). */
static bool sbom_json(mm_file *f, mm_json_doc *doc)
{
    mm_err err;
    if (mm_json_parse(doc, f->path, f->data, f->len, false, &err) < 0) {
        sbom_unreadable(f, &err);
        mm_json_free(doc);
        return false;
    }
    if (!cJSON_IsObject(doc->root)) {
        mm_json_free(doc);
        return false;
    }
    return true;
}

void inv_read_cyclonedx(mm_file *f)
{
    mm_json_doc doc;
    if (!sbom_json(f, &doc))
        return;
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(doc.root, "bomFormat");
    if (cJSON_IsString(fmt) && !strcmp(fmt->valuestring, "CycloneDX")) {
        sbom_doc(f, "CycloneDX");
        size_t hint = 0;
        cdx_components(f, &doc, cJSON_GetObjectItemCaseSensitive(doc.root, "components"), &hint,
                       0);
    }
    mm_json_free(&doc);
}

void inv_read_spdx_json(mm_file *f)
{
    mm_json_doc doc;
    if (!sbom_json(f, &doc))
        return;
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(doc.root, "spdxVersion");
    if (!cJSON_IsString(ver) || !mm_str_starts(ver->valuestring, "SPDX-")) {
        mm_json_free(&doc);
        return;
    }
    sbom_doc(f, "SPDX");
    /* the packages the document describes are the product itself, not its components */
    mm_strset roots = {0};
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(doc.root, "documentDescribes");
    for (const cJSON *d = cJSON_IsArray(desc) ? desc->child : NULL; d; d = d->next) {
        if (cJSON_IsString(d))
            mm_strset_add(&roots, d->valuestring);
    }
    const cJSON *rels = cJSON_GetObjectItemCaseSensitive(doc.root, "relationships");
    for (const cJSON *r = cJSON_IsArray(rels) ? rels->child : NULL; r; r = r->next) {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(r, "relationshipType");
        const cJSON *from = cJSON_GetObjectItemCaseSensitive(r, "spdxElementId");
        const cJSON *to = cJSON_GetObjectItemCaseSensitive(r, "relatedSpdxElement");
        if (cJSON_IsString(type) && !strcmp(type->valuestring, "DESCRIBES") &&
            cJSON_IsString(from) && !strcmp(from->valuestring, "SPDXRef-DOCUMENT") &&
            cJSON_IsString(to))
            mm_strset_add(&roots, to->valuestring);
    }
    const cJSON *pkgs = cJSON_GetObjectItemCaseSensitive(doc.root, "packages");
    size_t hint = 0;
    for (const cJSON *p = cJSON_IsArray(pkgs) ? pkgs->child : NULL; p; p = p->next) {
#define STR(obj, key) (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, key)) ? \
                       cJSON_GetObjectItemCaseSensitive(obj, key)->valuestring : NULL)
        const char *name = STR(p, "name"), *id = STR(p, "SPDXID");
        if (!name || (id && mm_strset_has(&roots, id)))
            continue;
        mm_component d = {0};
        d.role = MM_COMP_DECLARED;
        d.source = "spdx";
        d.name = mm_xstrdup(name);
        inv_set(&d.version, STR(p, "versionInfo"));
        d.supplier = inv_spdx_actor(STR(p, "supplier"));
        d.license = spdx_license(STR(p, "licenseDeclared"));
        if (!d.license)
            d.license = spdx_license(STR(p, "licenseConcluded"));
        const char *until = STR(p, "validUntilDate");
        if (until && strlen(until) >= 10)
            d.support_until = mm_xstrndup(until, 10);
        const char *dl = STR(p, "downloadLocation");
        if (dl && strcmp(dl, "NOASSERTION") && strcmp(dl, "NONE"))
            d.url = mm_url_strip_credentials(dl);
        const cJSON *refs = cJSON_GetObjectItemCaseSensitive(p, "externalRefs");
        for (const cJSON *r = cJSON_IsArray(refs) ? refs->child : NULL; r; r = r->next) {
            const char *type = STR(r, "referenceType"), *loc = STR(r, "referenceLocator");
            if (!type || !loc)
                continue;
            if (!strcmp(type, "purl") && !d.purl)
                d.purl = mm_xstrdup(loc);
            else if ((!strcmp(type, "cpe23Type") || !strcmp(type, "cpe22Type")) && !d.cpe)
                d.cpe = mm_xstrdup(loc);
        }
#undef STR
        declared_at(&d, f, &doc, p, &hint);
        inv_push(f, &d);
    }
    mm_strset_free(&roots);
    mm_json_free(&doc);
}

/* SPDX tag-value: "Tag: value" lines, <text>...</text> values skipped */
void inv_read_spdx_tv(mm_file *f)
{
    const char *p = f->data, *end = f->data + f->len;
    if (f->len < 12 || !memmem(f->data, f->len < 4096 ? f->len : 4096, "SPDXVersion:", 12))
        return;
    sbom_doc(f, "SPDX");
    mm_component_vec pk = {0};
    MM_VEC(char *) ids = {0};
    mm_strset roots = {0};
    MM_VEC(char *) root_owned = {0};
    unsigned line = 0;
    bool in_text = false;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *e = eol;
        while (e > p && (e[-1] == '\r' || e[-1] == ' '))
            e--;
        if (in_text) {
            if (memmem(p, (size_t)(e - p), "</text>", 7))
                in_text = false;
            p = eol + 1;
            continue;
        }
        const char *colon = memchr(p, ':', (size_t)(e - p));
        if (colon && colon > p) {
            size_t kl = (size_t)(colon - p);
            const char *v = colon + 1;
            while (v < e && (*v == ' ' || *v == '\t'))
                v++;
            if (memmem(v, (size_t)(e - v), "<text>", 6) && !memmem(v, (size_t)(e - v), "</text>", 7)) {
                in_text = true;
                p = eol + 1;
                continue;
            }
            char *val = mm_xstrndup(v, (size_t)(e - v));
#define KEY(k) (kl == strlen(k) && !strncmp(p, k, kl))
            mm_component *cur = pk.n ? &pk.v[pk.n - 1] : NULL;
            if (KEY("PackageName")) {
                mm_component d = {0};
                d.role = MM_COMP_DECLARED;
                d.source = "spdx";
                d.name = mm_xstrdup(val);
                inv_at_line(&d, f, line, 1);
                mm_vec_push(&pk, d);
                mm_vec_push(&ids, NULL);
            } else if (KEY("SPDXID") && cur) {
                free(ids.v[ids.n - 1]);
                ids.v[ids.n - 1] = mm_xstrdup(val);
            } else if (KEY("PackageVersion") && cur) {
                inv_set(&cur->version, val);
            } else if (KEY("PackageSupplier") && cur) {
                free(cur->supplier);
                cur->supplier = inv_spdx_actor(val);
            } else if (KEY("PackageLicenseDeclared") && cur) {
                free(cur->license);
                cur->license = spdx_license(val);
            } else if (KEY("ValidUntilDate") && cur && strlen(val) >= 10) {
                free(cur->support_until);
                cur->support_until = mm_xstrndup(val, 10);
            } else if (KEY("PackageLicenseConcluded") && cur && !cur->license) {
                cur->license = spdx_license(val);
            } else if (KEY("PackageDownloadLocation") && cur && strcmp(val, "NOASSERTION") &&
                       strcmp(val, "NONE")) {
                free(cur->url);
                cur->url = mm_url_strip_credentials(val);
            } else if (KEY("ExternalRef") && cur) {
                /* "PACKAGE-MANAGER purl pkg:..." / "SECURITY cpe23Type cpe:2.3:..." */
                char *s1 = strchr(val, ' ');
                char *s2 = s1 ? strchr(s1 + 1, ' ') : NULL;
                if (s2) {
                    *s2 = 0;
                    if (!strcmp(s1 + 1, "purl") && !cur->purl)
                        cur->purl = mm_xstrdup(s2 + 1);
                    else if ((!strcmp(s1 + 1, "cpe23Type") || !strcmp(s1 + 1, "cpe22Type")) &&
                             !cur->cpe)
                        cur->cpe = mm_xstrdup(s2 + 1);
                }
            } else if (KEY("DocumentDescribes")) {
                char *o = mm_xstrdup(val);
                mm_vec_push(&root_owned, o);
                mm_strset_add(&roots, o);
            } else if (KEY("Relationship")) {
                /* "SPDXRef-DOCUMENT DESCRIBES SPDXRef-x" */
                char a[128], rel[64], b[128];
                if (sscanf(val, "%127s %63s %127s", a, rel, b) == 3 &&
                    !strcmp(a, "SPDXRef-DOCUMENT") && !strcmp(rel, "DESCRIBES")) {
                    char *o = mm_xstrdup(b);
                    mm_vec_push(&root_owned, o);
                    mm_strset_add(&roots, o);
                }
            }
#undef KEY
            free(val);
        }
        p = eol + 1;
    }
    for (size_t i = 0; i < pk.n; i++) {
        if (ids.v[i] && mm_strset_has(&roots, ids.v[i]))
            mm_component_free(&pk.v[i]);
        else
            inv_push(f, &pk.v[i]);
        free(ids.v[i]);
    }
    mm_vec_free(&pk);
    mm_vec_free(&ids);
    mm_strset_free(&roots);
    for (size_t i = 0; i < root_owned.n; i++)
        free(root_owned.v[i]);
    mm_vec_free(&root_owned);
}

/* ESP-IDF sbom.yml and the sbom_*.yml files they reference */
void inv_read_sbom_yml(mm_file *f)
{
    const mm_ynode *root = inv_yaml(f);
    if (!root || root->kind != MM_Y_MAP)
        return;
    char *dir = inv_dir_of(f->path);
    const mm_ynode *mans = mm_yaml_get(root, "manifests");
    for (const mm_ynode *m = mans && mans->kind == MM_Y_SEQ ? mans->child : NULL; m;
         m = m->next) {
        const char *path = mm_yaml_str(m, "path"), *dest = mm_yaml_str(m, "dest");
        if (!path || !dest)
            continue;
        char *pj = inv_join(dir, path), *dj = inv_join(dir, dest);
        mm_component r = {0};
        r.role = MM_COMP_REDIRECT;
        r.source = "idf-sbom";
        r.name = inv_norm_path(pj);
        r.dir = inv_norm_path(dj);
        inv_at_line(&r, f, m->line, m->col);
        if (r.name && r.dir)
            inv_push(f, &r);
        else
            mm_component_free(&r);
        free(pj);
        free(dj);
    }
    bool any = mm_yaml_get(root, "name") || mm_yaml_get(root, "version") ||
               mm_yaml_get(root, "cpe") || mm_yaml_get(root, "supplier") ||
               mm_yaml_get(root, "license");
    if (!any) {
        free(dir);
        return;
    }
    mm_component d = {0};
    d.role = MM_COMP_DECLARED;
    d.source = "idf-sbom";
    const char *name = mm_yaml_str(root, "name");
    d.name = name && *name ? mm_xstrdup(name) : mm_xstrdup(*dir ? mm_path_base(dir) : "project");
    inv_set(&d.version, mm_yaml_str(root, "version"));
    d.supplier = inv_spdx_actor(mm_yaml_str(root, "supplier"));
    inv_set(&d.license, mm_yaml_str(root, "license"));
    const mm_ynode *cpe = mm_yaml_get(root, "cpe");
    const char *cpe1 = cpe && cpe->kind == MM_Y_SCALAR ? cpe->value
                       : cpe && cpe->kind == MM_Y_SEQ && cpe->child ? cpe->child->value
                                                                    : NULL;
    d.cpe = inv_cpe_with_version(cpe1, d.version);
    const char *url = mm_yaml_str(root, "repository");
    if (!url)
        url = mm_yaml_str(root, "url");
    d.url = url ? mm_url_strip_credentials(url) : NULL;
    d.dir = dir;
    const mm_ynode *first = root->child;
    inv_at_line(&d, f, first ? first->line : 1, 1);
    inv_push(f, &d);
}
