/* inv_git.c: components pinned by git — .gitmodules entries (with esp-idf-sbom's "sbom-" keys)
 * and west.yml projects. */
#define _GNU_SOURCE
#include "project/inventory_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* Is a submodule a hardware design (schematics, board layout, enclosure) rather than code? Its
 * path has a directory named for hardware, or its repository's name ends so ("Watch-HW",
 * "sensor-pcb", "case-hardware"). */
static bool hardware_design(const char *dir, const char *url)
{
    static const char *const dirs[] = {"hardware", "hw", "pcb", "pcbs", "kicad", "schematics",
                                       "enclosure", "mechanical", "cad"};
    for (const char *seg = dir; seg && *seg;) {
        size_t n = strcspn(seg, "/");
        for (size_t i = 0; i < MM_ARRAY_LEN(dirs); i++) {
            if (strlen(dirs[i]) == n && !strncasecmp(seg, dirs[i], n))
                return true;
        }
        seg = seg[n] ? seg + n + 1 : NULL;
    }
    char *name = inv_name_of_url(url ? url : dir);
    bool hw = false;
    static const char *const ends[] = {"-hw", "_hw", "-hardware", "_hardware", "-pcb", "_pcb",
                                       "-kicad", "_kicad"};
    for (size_t i = 0; name && i < MM_ARRAY_LEN(ends) && !hw; i++) {
        size_t nl = strlen(name), el = strlen(ends[i]);
        hw = nl > el && !strcasecmp(name + nl - el, ends[i]);
    }
    free(name);
    return hw;
}

void inv_on_submodule(mm_file *f, inv_ini_section *sec, void *arg)
{
    (void)arg;
    if (strncmp(sec->name, "submodule", 9) != 0)
        return;
    const inv_ini_kv *path = inv_ini_get(sec, "path"), *url = inv_ini_get(sec, "url");
    const inv_ini_kv *branch = inv_ini_get(sec, "branch");
    if (!path)
        return;
    mm_component c = {0};
    c.role = MM_COMP_FOUND;
    c.source = "gitmodules";
    c.evidence = MM_EV_MANIFEST;
    /* paths are relative to the .gitmodules file (a vendored tree may have its own) */
    char *base = inv_dir_of(f->path);
    char *joined = inv_join(base, inv_ini_text(path->value, NULL));
    char *dir = inv_norm_path(joined);
    free(joined);
    free(base);
    if (!dir)
        return;
    const char *url_text = url ? inv_ini_text(url->value, NULL) : NULL;
    if (hardware_design(dir, url_text)) {
        free(dir);
        return; /* a circuit board or enclosure: no software of the firmware */
    }
    c.dir = dir;
    c.url = url ? mm_url_strip_credentials(inv_ini_text(url->value, NULL)) : NULL;
    c.name = inv_name_of_url(c.url);
    if (!c.name)
        c.name = mm_xstrdup(mm_path_base(c.dir));
    c.key = mm_xasprintf("dir:%s", c.dir);
    inv_at_line(&c, f, sec->line, 1);
    /* the superproject's gitlink pins a commit (read from HEAD's tree later, components.c);
     * `branch =` only says what `git submodule update --remote` would move it to */
    c.pin = MM_PIN_COMMIT;
    c.pin_text = branch ? mm_xasprintf("(gitlink; branch %s for update --remote)",
                                       inv_ini_text(branch->value, NULL))
                        : mm_xstrdup("(gitlink)");
    /* the purl is made with the gitlink's commit (components.c) */
    char *sub_dir = mm_xstrdup(c.dir);
    char *sub_name = mm_xstrdup(c.name);
    char *sub_url = c.url ? mm_xstrdup(c.url) : NULL;
    inv_push(f, &c);

    /* esp-idf-sbom: "sbom-version", "sbom-cpe", ... declare the submodule */
    const inv_ini_kv *first = NULL;
    mm_component d = {0};
    d.role = MM_COMP_DECLARED;
    d.source = "gitmodules-sbom";
    for (size_t i = 0; i < sec->kv.n; i++) {
        const inv_ini_kv *kv = &sec->kv.v[i];
        if (strncasecmp(kv->key, "sbom-", 5) != 0)
            continue;
        if (!first)
            first = kv;
        const char *k = kv->key + 5, *v = inv_ini_text(kv->value, NULL);
        if (!strcasecmp(k, "name"))
            inv_set(&d.name, v);
        else if (!strcasecmp(k, "version"))
            inv_set(&d.version, v);
        else if (!strcasecmp(k, "cpe") && !d.cpe)
            inv_set(&d.cpe, v);
        else if (!strcasecmp(k, "supplier")) {
            free(d.supplier);
            d.supplier = inv_spdx_actor(v);
        }
        else if (!strcasecmp(k, "license"))
            inv_set(&d.license, v);
        else if (!strcasecmp(k, "url") || !strcasecmp(k, "repository")) {
            free(d.url);
            d.url = mm_url_strip_credentials(v);
        }
    }
    if (first) {
        char *cpe = inv_cpe_with_version(d.cpe, d.version);
        free(d.cpe);
        d.cpe = cpe;
        if (!d.name)
            d.name = mm_xstrdup(sub_name);
        if (!d.url && sub_url)
            d.url = mm_xstrdup(sub_url);
        d.dir = mm_xstrdup(sub_dir);
        inv_at_line(&d, f, first->line, first->col);
        inv_push(f, &d);
    }
    mm_component_free(&d);
    free(sub_dir);
    free(sub_name);
    free(sub_url);
}

/* --- west.yml -------------------------------------------------------------------------------- */

void inv_read_west(mm_file *f)
{
    const mm_ynode *root = inv_yaml(f);
    const mm_ynode *man = mm_yaml_get(root, "manifest");
    if (!man || man->kind != MM_Y_MAP)
        return;
    const mm_ynode *defaults = mm_yaml_get(man, "defaults");
    const char *def_remote = mm_yaml_str(defaults, "remote");
    const char *def_rev = mm_yaml_str(defaults, "revision");
    const mm_ynode *remotes = mm_yaml_get(man, "remotes");
    const mm_ynode *projects = mm_yaml_get(man, "projects");
    if (!projects || projects->kind != MM_Y_SEQ)
        return;
    for (const mm_ynode *p = projects->child; p; p = p->next) {
        const char *name = mm_yaml_str(p, "name");
        if (!name || !*name)
            continue;
        mm_component c = {0};
        c.role = MM_COMP_FOUND;
        c.source = "west";
        c.evidence = MM_EV_MANIFEST;
        c.name = mm_xstrdup(name);
        const char *url = mm_yaml_str(p, "url");
        if (url) {
            c.url = mm_url_strip_credentials(url);
        } else {
            const char *rname = mm_yaml_str(p, "remote");
            if (!rname)
                rname = def_remote;
            const char *base = NULL;
            for (const mm_ynode *r = remotes ? remotes->child : NULL; r && rname; r = r->next) {
                const char *n = mm_yaml_str(r, "name");
                if (n && !strcmp(n, rname))
                    base = mm_yaml_str(r, "url-base");
            }
            const char *repo = mm_yaml_str(p, "repo-path");
            if (base) {
                char *u = mm_xasprintf("%s/%s", base, repo ? repo : name);
                c.url = mm_url_strip_credentials(u);
                free(u);
            }
        }
        const char *path = mm_yaml_str(p, "path");
        c.dir = inv_norm_path(path ? path : name);
        const mm_ynode *rev = mm_yaml_get(p, "revision");
        const char *r = rev && rev->kind == MM_Y_SCALAR ? rev->value : def_rev;
        /* west's default revision is the remote's "master" branch */
        inv_pin_git(&c, r ? r : "master", false);
        inv_at_line(&c, f, p->line, p->col);
        if (rev)
            inv_pin_at_line(&c, f, rev->line, rev->col);
        c.purl = mm_purl_of_url(c.url, c.version);
        c.key = c.dir ? mm_xasprintf("dir:%s", c.dir) : mm_xasprintf("west:%s", name);
        inv_push(f, &c);
    }
}
