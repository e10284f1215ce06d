/* inv_idf.c: the ESP-IDF component manager — idf_component.yml dependencies (and sbom dicts),
 * dependencies.lock. */
#define _GNU_SOURCE
#include "project/inventory_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* --- ESP-IDF component manager: idf_component.yml, dependencies.lock, managed_components ---- */

/* "led_strip" -> "espressif/led_strip": the registry's default namespace */
static char *idf_full_name(const char *n)
{
    if (strchr(n, '/'))
        return mm_xstrdup(n);
    return mm_xasprintf("espressif/%s", n);
}

static void idf_split(mm_component *c, const char *full)
{
    const char *slash = strchr(full, '/');
    c->name = mm_xstrdup(slash ? slash + 1 : full);
    c->group = slash ? mm_xstrndup(full, (size_t)(slash - full)) : NULL;
    char *lower = mm_xstrdup(full);
    for (char *k = lower; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    c->key = mm_xasprintf("idf:%s", lower);
    free(lower);
}

/* the "sbom" dictionary of a managed component's manifest (esp-idf-sbom reads it too) */
static void idf_sbom_dict(mm_file *f, const mm_ynode *sbom, const mm_component *of)
{
    if (!sbom || sbom->kind != MM_Y_MAP)
        return;
    mm_component d = {0};
    d.role = MM_COMP_DECLARED;
    d.source = "idf-component-sbom";
    d.name = mm_xstrdup(mm_yaml_str(sbom, "name") ? mm_yaml_str(sbom, "name") : of->name);
    inv_set(&d.group, of->group);
    inv_set(&d.version, mm_yaml_str(sbom, "version") ? mm_yaml_str(sbom, "version") : of->version);
    d.supplier = inv_spdx_actor(mm_yaml_str(sbom, "supplier"));
    inv_set(&d.license, mm_yaml_str(sbom, "license") ? mm_yaml_str(sbom, "license") : of->license);
    d.cpe = inv_cpe_with_version(mm_yaml_str(sbom, "cpe"), d.version);
    inv_set(&d.dir, of->dir);
    inv_at_line(&d, f, sbom->line, sbom->col);
    inv_push(f, &d);
}

void inv_read_idf_manifest(mm_file *f)
{
    const mm_ynode *root = inv_yaml(f);
    if (!root || root->kind != MM_Y_MAP)
        return;
    /* managed_components/<ns>__<name>/idf_component.yml: the downloaded component itself */
    const char *mc = strstr(f->path, "managed_components/");
    if (mc && (mc == f->path || mc[-1] == '/')) {
        const char *d = mc + strlen("managed_components/");
        const char *slash = strchr(d, '/');
        if (slash && !strcmp(slash + 1, "idf_component.yml")) {
            char *dname = mm_xstrndup(d, (size_t)(slash - d));
            char *sep = strstr(dname, "__");
            char *full = sep ? mm_xasprintf("%.*s/%s", (int)(sep - dname), dname, sep + 2)
                             : idf_full_name(dname);
            mm_component c = {0};
            c.role = MM_COMP_FOUND;
            c.source = "idf-managed";
            c.evidence = MM_EV_MANIFEST;
            idf_split(&c, full);
            inv_set(&c.version, mm_yaml_str(root, "version"));
            c.pin = c.version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
            inv_set(&c.pin_text, c.version);
            const char *url = mm_yaml_str(root, "repository");
            if (!url)
                url = mm_yaml_str(root, "url");
            c.url = url ? mm_url_strip_credentials(url) : NULL;
            inv_set(&c.license, mm_yaml_str(root, "license"));
            c.dir = mm_xstrndup(f->path, (size_t)(slash - f->path));
            const mm_ynode *v = mm_yaml_get(root, "version");
            inv_at_line(&c, f, v ? v->line : 1, v ? v->col : 1);
            idf_sbom_dict(f, mm_yaml_get(root, "sbom"), &c);
            inv_push(f, &c);
            free(full);
            free(dname);
            return;
        }
    }
    /* a component of the tree that states its own version (one it publishes, or a vendored
     * copy of a registry component): the component itself, named by its directory as ESP-IDF
     * names components; whether it is the project's own is decided with the whole tree */
    const mm_ynode *own = mm_yaml_get(root, "version");
    char *dir = inv_dir_of(f->path);
    if (own && own->kind == MM_Y_SCALAR && *dir && strcmp(mm_path_base(dir), "main") != 0) {
        mm_component c = {0};
        c.role = MM_COMP_FOUND;
        c.source = "idf-component";
        c.evidence = MM_EV_MANIFEST;
        c.name = mm_xstrdup(mm_path_base(dir));
        inv_set(&c.version, own->value);
        c.pin = MM_PIN_VERSION;
        const char *url = mm_yaml_str(root, "repository");
        if (!url)
            url = mm_yaml_str(root, "url");
        c.url = url ? mm_url_strip_credentials(url) : NULL;
        inv_set(&c.license, mm_yaml_str(root, "license"));
        c.dir = mm_xstrdup(dir);
        c.key = mm_xasprintf("dir:%s", dir);
        inv_at_line(&c, f, own->line, own->col);
        inv_push(f, &c);
    }
    free(dir);
    const mm_ynode *deps = mm_yaml_get(root, "dependencies");
    if (!deps || deps->kind != MM_Y_MAP)
        return;
    for (const mm_ynode *d = deps->child; d; d = d->next) {
        if (!d->key || !strcmp(d->key, "idf"))
            continue; /* the framework itself: the lock file records which one */
        const char *spec = d->kind == MM_Y_SCALAR ? d->value : mm_yaml_str(d, "version");
        const mm_ynode *vnode = d->kind == MM_Y_MAP ? mm_yaml_get(d, "version") : NULL;
        const char *git = d->kind == MM_Y_MAP ? mm_yaml_str(d, "git") : NULL;
        if (d->kind == MM_Y_MAP && !git &&
            (mm_yaml_get(d, "path") || mm_yaml_get(d, "override_path")))
            continue; /* a local component: part of the project */
        mm_component c = {0};
        c.role = MM_COMP_FOUND;
        c.source = "idf-manifest";
        c.evidence = MM_EV_MANIFEST;
        if (git) {
            c.url = mm_url_strip_credentials(git);
            char *full = idf_full_name(d->key);
            idf_split(&c, full);
            free(full);
            inv_pin_git(&c, spec, !spec);
        } else {
            char *full = idf_full_name(d->key);
            idf_split(&c, full);
            free(full);
            c.pin = inv_classify_spec(spec);
            inv_set(&c.pin_text, spec && *spec ? spec : "(no version)");
            if (c.pin == MM_PIN_VERSION)
                inv_set(&c.version, spec[0] == '=' ? spec + strspn(spec, "= ") : spec);
        }
        inv_at_line(&c, f, d->line, d->col);
        if (vnode)
            inv_pin_at_line(&c, f, vnode->line, vnode->col);
        c.purl = mm_purl_of_url(c.url, c.version);
        inv_push(f, &c);
    }
}

void inv_read_idf_lock(mm_file *f)
{
    const mm_ynode *root = inv_yaml(f);
    const mm_ynode *deps = mm_yaml_get(root, "dependencies");
    if (!deps || deps->kind != MM_Y_MAP)
        return;
    mm_component lock = {0};
    lock.role = MM_COMP_LOCK;
    lock.source = "idf-lock";
    lock.name = mm_xstrdup("dependencies.lock");
    lock.dir = inv_dir_of(f->path);
    inv_at_line(&lock, f, 1, 1);
    inv_push(f, &lock);
    for (const mm_ynode *d = deps->child; d; d = d->next) {
        if (!d->key || d->kind != MM_Y_MAP)
            continue;
        const mm_ynode *src = mm_yaml_get(d, "source");
        const char *type = mm_yaml_str(src, "type");
        const char *version = mm_yaml_str(d, "version");
        if (type && !strcmp(type, "local"))
            continue;
        mm_component c = {0};
        c.role = MM_COMP_FOUND;
        c.source = "idf-lock";
        c.evidence = MM_EV_MANIFEST | MM_EV_LOCKED;
        if ((type && !strcmp(type, "idf")) || !strcmp(d->key, "idf")) {
            c.name = mm_xstrdup("esp-idf");
            c.group = mm_xstrdup("espressif");
            c.key = mm_xstrdup("idf:esp-idf");
            c.url = mm_xstrdup("https://github.com/espressif/esp-idf");
            inv_set(&c.version, version);
            c.pin = version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
            if (version) {
                char *tag = mm_xasprintf("v%s", version);
                c.purl = mm_purl_of_url(c.url, tag);
                free(tag);
            }
        } else {
            char *full = idf_full_name(d->key);
            idf_split(&c, full);
            free(full);
            const char *git = mm_yaml_str(src, "git");
            if (git) {
                c.url = mm_url_strip_credentials(git);
                inv_pin_git(&c, version, !version);
            } else {
                inv_set(&c.version, version);
                c.pin = version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
            }
            c.purl = mm_purl_of_url(c.url, c.version);
        }
        inv_set(&c.pin_text, version);
        inv_at_line(&c, f, d->line, d->col);
        inv_push(f, &c);
    }
}
