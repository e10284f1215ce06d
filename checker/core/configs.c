/* configs.c: the tree's configurations as a whole. Before any file is judged, the context
 * (mm_kc_ctx) is read: which files the build and CI name as configurations (front/cfgref.c),
 * the base configurations fragments are layered on, and the project's own Kconfig files
 * (front/kclang.c). After the files are judged, which configuration findings stand: a fragment
 * (prj.conf, sdkconfig.defaults) whose build also left a resolved configuration
 * (build/zephyr/.config, sdkconfig) is not judged, the resolved one says what the build got.
 * The Kconfig front end (front/kconfig.c) leaves the hints this reads. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/scan.h"
#include "front/kclang.h"
#include "front/kconfig.h"

enum { MAX_CONTEXT_FILE = 1 << 20 };

/* --- before the scan: the context ----------------------------------------------------------- */

static bool kconfig_language_file(const char *path)
{
    const char *b = mm_path_base(path);
    return !strcmp(b, "Kconfig") || mm_str_starts(b, "Kconfig.") || !strcmp(b, "Config.in") ||
           (mm_str_starts(b, "Config-") && mm_str_ends(b, ".in"));
}

static int cmp_ref(const void *a, const void *b)
{
    const mm_kc_ref *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    return strcmp(x->by, y->by);
}

static int cmp_layer(const void *a, const void *b)
{
    return strcmp(((const mm_kc_layer *)a)->path, ((const mm_kc_layer *)b)->path);
}

static bool tree_has(const mm_scan *s, const char *p)
{
    size_t lo = 0, hi = s->paths.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int r = strcmp(s->paths.v[mid], p);
        if (!r)
            return true;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* A fragment named by the build without a base: the project's prj.conf or sdkconfig.defaults
 * in its directory or up to two above (an app's configs/ or boards/ directory). */
static void guess_base(const mm_scan *s, mm_kc_ref *r)
{
    if (r->base || r->role != MM_KC_PARTIAL)
        return;
    const char *name = r->family == MM_KC_ESP_IDF ? "sdkconfig.defaults" : "prj.conf";
    char *dir = mm_xstrdup(r->path);
    for (int up = 0; up < 3; up++) {
        char *sl = strrchr(dir, '/');
        if (sl)
            *sl = 0;
        else
            dir[0] = 0;
        char *cand = dir[0] ? mm_xasprintf("%s/%s", dir, name) : mm_xstrdup(name);
        if (strcmp(cand, r->path) && tree_has(s, cand)) {
            r->base = cand;
            break;
        }
        free(cand);
        if (!dir[0])
            break;
    }
    free(dir);
}

void mm_kconfig_context_build(mm_scan *s, const mm_input *files, size_t n)
{
    if (s->mode != MM_INPUT_WORKTREE || s->kctx)
        return;
    mm_kc_ctx *c = mm_xcalloc(1, sizeof *c);
    size_t cap = s->opts.max_file_size && s->opts.max_file_size < MAX_CONTEXT_FILE
                     ? s->opts.max_file_size
                     : MAX_CONTEXT_FILE;
    /* 1. what the build and CI name as configurations */
    for (size_t i = 0; i < n; i++) {
        if (!mm_cfgref_candidate(files[i].rel) || files[i].size > cap)
            continue;
        char *data;
        size_t len;
        mm_err err;
        if (mm_read_file(files[i].abs, cap, &data, &len, &err) < 0)
            continue;
        mm_cfgref_scan(files[i].rel, data, len, s->paths.v, s->paths.n, &c->refs);
        free(data);
    }
    mm_sort(c->refs.v, c->refs.n, sizeof *c->refs.v, cmp_ref);
    size_t kept = 0;
    for (size_t i = 0; i < c->refs.n; i++) {
        mm_kc_ref *r = &c->refs.v[i];
        if (kept && !strcmp(c->refs.v[kept - 1].path, r->path)) {
            /* named twice: the first reference (in path order of the referrers) describes it;
             * a release claim of any holds */
            c->refs.v[kept - 1].release |= r->release;
            c->refs.v[kept - 1].overwritten |= r->overwritten;
            free((char *)r->path);
            free((char *)r->by);
            free((char *)r->what);
            free((char *)r->base);
            continue;
        }
        c->refs.v[kept++] = *r;
    }
    c->refs.n = kept;
    for (size_t i = 0; i < c->refs.n; i++)
        guess_base(s, &c->refs.v[i]);
    /* 2. the base and resolved configurations: the layers fragments sit on, and the project
     * directories the Kconfig files belong to */
    MM_VEC(char *) roots = {0};
    mm_buf dig = {0};
    for (size_t i = 0; i < c->refs.n; i++)
        mm_buf_printf(&dig, "ref %s %d %d %d %d %s\n", c->refs.v[i].path,
                      (int)c->refs.v[i].family, c->refs.v[i].role, (int)c->refs.v[i].release,
                      (int)c->refs.v[i].overwritten,
                      c->refs.v[i].base ? c->refs.v[i].base : "");
    for (size_t i = 0; i < n; i++) {
        const mm_kc_ref *ref = mm_kc_ctx_ref(c, files[i].rel);
        if ((!ref && !mm_kconfig_candidate(files[i].rel)) || files[i].size > cap ||
            !files[i].size)
            continue;
        char *data;
        size_t len;
        mm_err err;
        if (mm_read_file(files[i].abs, cap, &data, &len, &err) < 0)
            continue;
        if (memchr(data, 0, len < 8192 ? len : 8192)) {
            free(data);
            continue; /* binary */
        }
        mm_kconfig *kc = mm_kconfig_read(&c->arena, files[i].rel, data, len, ref);
        if (kc && (kc->role == MM_KC_BASE || kc->role == MM_KC_RESOLVED)) {
            char sha[65];
            mm_sha256_hex(data, len, sha);
            mm_buf_printf(&dig, "layer %s %s\n", files[i].rel, sha);
            if (kc->role == MM_KC_BASE) {
                mm_kc_layer l = {mm_xstrdup(files[i].rel), kc};
                mm_vec_push(&c->layers, l);
            }
            const char *proj = kc->project;
            char *own = NULL;
            if (!proj) {
                const char *sl = strrchr(files[i].rel, '/');
                own = sl ? mm_xstrndup(files[i].rel, (size_t)(sl - files[i].rel)) : mm_xstrdup("");
                proj = own;
            }
            bool seen = false;
            for (size_t k = 0; k < roots.n && !seen; k++)
                seen = !strcmp(roots.v[k], proj);
            if (!seen)
                mm_vec_push(&roots, own ? own : mm_xstrdup(proj));
            else
                free(own);
        }
        free(data);
    }
    mm_sort(c->layers.v, c->layers.n, sizeof *c->layers.v, cmp_layer);
    /* 3. the project's own Kconfig files */
    MM_VEC(mm_kcl_src) srcs = {0};
    MM_VEC(char *) datas = {0};
    for (size_t i = 0; i < n; i++) {
        if (!kconfig_language_file(files[i].rel) || files[i].size > cap)
            continue;
        char *data;
        size_t len;
        mm_err err;
        if (mm_read_file(files[i].abs, cap, &data, &len, &err) < 0)
            continue;
        mm_kcl_src src = {files[i].rel, data, len};
        mm_vec_push(&srcs, src);
        mm_vec_push(&datas, data);
    }
    c->lang = mm_kclang_build(srcs.v, srcs.n, roots.v, roots.n);
    mm_buf_printf(&dig, "kconfig %s\n", mm_kclang_digest(c->lang));
    for (size_t i = 0; i < datas.n; i++)
        free(datas.v[i]);
    mm_vec_free(&datas);
    mm_vec_free(&srcs);
    for (size_t i = 0; i < roots.n; i++)
        free(roots.v[i]);
    mm_vec_free(&roots);
    mm_sha256_hex(dig.data ? dig.data : "", dig.len, c->digest);
    mm_buf_free(&dig);
    s->kctx = c;
}

/* --- after the scan: which configuration findings stand ------------------------------------ */

static const char *hint_of(const mm_file_result *r, const char *key)
{
    for (size_t k = 0; k < r->hints.n; k++) {
        if (!strcmp(r->hints.v[k].key, key))
            return r->hints.v[k].value;
    }
    return NULL;
}

static void prefer_sysbuild(mm_file_result *results, size_t n);

void mm_kconfig_prefer_resolved(mm_file_result *results, size_t n)
{
    /* "ns\timage\tproject" of every resolved configuration, with the result that has it */
    MM_VEC(const char *) keys = {0};
    MM_VEC(size_t) owner = {0};
    for (size_t i = 0; i < n; i++) {
        const char *h = hint_of(&results[i], "kconfig");
        if (h && mm_str_starts(h, "resolved\t")) {
            mm_vec_push(&keys, h + strlen("resolved\t"));
            mm_vec_push(&owner, i);
        }
    }
    for (size_t i = 0; i < n && keys.n; i++) {
        mm_file_result *r = &results[i];
        const char *h = hint_of(r, "kconfig");
        if (!h || mm_str_starts(h, "resolved\t"))
            continue;
        const char *key = strchr(h, '\t') + 1;
        size_t by = SIZE_MAX;
        for (size_t k = 0; k < keys.n && by == SIZE_MAX; k++) {
            if (!strcmp(keys.v[k], key))
                by = owner.v[k];
        }
        if (by == SIZE_MAX)
            continue;
        size_t kept = 0, dropped = 0;
        for (size_t k = 0; k < r->findings.n; k++) {
            mm_finding *fd = &r->findings.v[k];
            if (!strcmp(fd->rule->kind->name, "config")) {
                dropped++;
                mm_finding_free(fd);
                continue;
            }
            r->findings.v[kept++] = *fd;
        }
        r->findings.n = kept;
        const char *path = hint_of(r, "kconfig-file"), *opath = hint_of(&results[by], "kconfig-file");
        if (dropped && path && opath) {
            mm_notice nt = {mm_xstrdup(path), 0, 0, MM_NOTICE_NOTE,
                            mm_xstrdup("config-superseded"),
                            mm_xasprintf(mm_ntr("%zu configuration finding of this fragment "
                                                "left out: %s, the configuration the build "
                                                "resolved, is judged instead",
                                                "%zu configuration findings of this fragment "
                                                "left out: %s, the configuration the build "
                                                "resolved, is judged instead",
                                                dropped),
                                         dropped, opath)};
            mm_vec_push(&r->notices, nt);
        }
    }
    mm_vec_free(&keys);
    mm_vec_free(&owner);
    prefer_sysbuild(results, n);
}

/* Sysbuild passes its choices down to the MCUboot image (SB_CONFIG_BOOT_SIGNATURE_TYPE_NONE
 * becomes the image's CONFIG_BOOT_SIGNATURE_TYPE_NONE): when a rule reports the project's
 * sysbuild configuration, its finding in the same project's MCUboot image configuration is the
 * same choice seen twice, and is left out with a note. */
static void prefer_sysbuild(mm_file_result *results, size_t n)
{
    /* "<rule id>\t<project>" of every config finding in a sysbuild configuration */
    MM_VEC(char *) keys = {0};
    MM_VEC(size_t) owner = {0};
    for (size_t i = 0; i < n; i++) {
        const char *h = hint_of(&results[i], "kconfig");
        if (!h)
            continue;
        char role[16], ns[16], image[64], project[1024];
        if (sscanf(h, "%15[^\t]\t%15[^\t]\t%63[^\t]\t%1023[^\n]", role, ns, image, project) < 3)
            continue;
        if (strcmp(image, "sysbuild") != 0)
            continue;
        const char *proj = strchr(strchr(strchr(h, '\t') + 1, '\t') + 1, '\t') + 1;
        for (size_t k = 0; k < results[i].findings.n; k++) {
            const mm_finding *fd = &results[i].findings.v[k];
            if (!strcmp(fd->rule->kind->name, "config")) {
                mm_vec_push(&keys, mm_xasprintf("%s\t%s", fd->rule->id, proj));
                mm_vec_push(&owner, i);
            }
        }
    }
    for (size_t i = 0; i < n && keys.n; i++) {
        mm_file_result *r = &results[i];
        const char *h = hint_of(r, "kconfig");
        if (!h)
            continue;
        const char *t1 = strchr(h, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL,
                   *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
        if (!t3 || (size_t)(t3 - t2 - 1) != strlen("mcuboot") || strncmp(t2 + 1, "mcuboot", 7))
            continue;
        size_t kept = 0, dropped = 0, by = SIZE_MAX;
        for (size_t k = 0; k < r->findings.n; k++) {
            mm_finding *fd = &r->findings.v[k];
            size_t hit = SIZE_MAX;
            if (!strcmp(fd->rule->kind->name, "config")) {
                char *key = mm_xasprintf("%s\t%s", fd->rule->id, t3 + 1);
                for (size_t q = 0; q < keys.n && hit == SIZE_MAX; q++) {
                    if (!strcmp(keys.v[q], key))
                        hit = owner.v[q];
                }
                free(key);
            }
            if (hit != SIZE_MAX) {
                by = hit;
                dropped++;
                mm_finding_free(fd);
                continue;
            }
            r->findings.v[kept++] = *fd;
        }
        r->findings.n = kept;
        const char *path = hint_of(r, "kconfig-file"), *opath = hint_of(&results[by == SIZE_MAX ? i : by], "kconfig-file");
        if (dropped && path && opath) {
            mm_notice nt = {mm_xstrdup(path), 0, 0, MM_NOTICE_NOTE,
                            mm_xstrdup("config-superseded"),
                            mm_xasprintf(mm_ntr("%zu configuration finding of the MCUboot image "
                                                "left out: %s, whose choice sysbuild passes "
                                                "down to the image, is judged instead",
                                                "%zu configuration findings of the MCUboot image "
                                                "left out: %s, whose choice sysbuild passes "
                                                "down to the image, is judged instead",
                                                dropped),
                                         dropped, opath)};
            mm_vec_push(&r->notices, nt);
        }
    }
    for (size_t i = 0; i < keys.n; i++)
        free(keys.v[i]);
    mm_vec_free(&keys);
    mm_vec_free(&owner);
}
