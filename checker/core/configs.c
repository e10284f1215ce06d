/* configs.c: which configuration files of the tree are judged. A fragment (prj.conf,
 * sdkconfig.defaults) whose build also left a resolved configuration (build/zephyr/.config,
 * sdkconfig) is not: the resolved one says what the build got. The Kconfig front end
 * (front/kconfig.c) leaves the hints this reads. */
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"

static const char *hint_of(const mm_file_result *r, const char *key)
{
    for (size_t k = 0; k < r->hints.n; k++) {
        if (!strcmp(r->hints.v[k].key, key))
            return r->hints.v[k].value;
    }
    return NULL;
}

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
                            mm_xasprintf("%zu configuration finding%s of this fragment left out: "
                                         "%s, the configuration the build resolved, is judged "
                                         "instead",
                                         dropped, dropped == 1 ? "" : "s", opath)};
            mm_vec_push(&r->notices, nt);
        }
    }
    mm_vec_free(&keys);
    mm_vec_free(&owner);
}
