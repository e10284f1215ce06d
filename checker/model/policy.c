/* policy.c (model): the questions every stage may ask of a loaded policy — a path's profile,
 * whether a path is excluded, a rule's severity, where the policy file is. */
#define _GNU_SOURCE
#include "model/policy.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Where vulnerability reports go: an e-mail address, or a mailto:, https:// or tel: URI. */
bool mm_policy_contact_ok(const char *s)
{
    if (strpbrk(s, " \t\r\n<>\"") != NULL)
        return false;
    if (!strncmp(s, "https://", 8))
        return s[8] && s[8] != '/';
    if (!strncmp(s, "tel:", 4))
        return s[4] != 0;
    if (!strncmp(s, "mailto:", 7))
        s += 7;
    const char *at = strchr(s, '@');
    return at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' &&
           s[strlen(s) - 1] != '.';
}

/* --- profiles -----------------------------------------------------------------------------------
 * Most firmware projects keep debug and release configurations side by side. The policy may
 * name the release ones; otherwise a file's name decides (then its directory's): words like
 * release/prod make it release, debug/dev/test/sim make it debug, and a configuration with no
 * such word (the one sdkconfig, prj.conf, a board fragment every build uses) counts as release,
 * so that what a product build gets is judged strictly. */

static int name_hint(const char *name, size_t n)
{
    static const char *const release[] = {"release", "rel", "prod", "production", "final",
                                          "ship", NULL};
    static const char *const debug[] = {"debug", "dbg", "dev", "devel", "development", "test",
                                        "testing", "tests", "sim", "simulation", "qemu", "native",
                                        "factory", "bringup", "lab", NULL};
    size_t i = 0;
    while (i < n) {
        while (i < n && !((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z')))
            i++;
        size_t st = i;
        while (i < n && ((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z')))
            i++;
        size_t wl = i - st;
        for (const char *const *w = release; *w; w++) {
            if (strlen(*w) == wl && !strncasecmp(name + st, *w, wl))
                return 1;
        }
        for (const char *const *w = debug; *w; w++) {
            if (strlen(*w) == wl && !strncasecmp(name + st, *w, wl))
                return -1;
        }
    }
    return 0;
}

const char *mm_profile_of(const mm_policy *p, const char *path)
{
    const char *base = mm_path_base(path);
    int hint = name_hint(base, strlen(base));
    /* then the directories, nearest first: configs/debug/sdkconfig, and a root filesystem
     * overlay's name above its etc/ (board/acme/rootfs-overlay-debug/etc/inittab) */
    for (const char *d = base > path ? base - 1 : path; !hint && d > path;) {
        const char *ds = d;
        while (ds > path && ds[-1] != '/')
            ds--;
        hint = name_hint(ds, (size_t)(d - ds));
        d = ds > path ? ds - 1 : path;
    }
    if (p && p->has_release) {
        for (size_t i = 0; i < p->release_configs.n; i++) {
            if (mm_glob_match(p->release_configs.v[i], path))
                return "release";
        }
        return hint < 0 ? "debug" : "other";
    }
    return hint < 0 ? "debug" : "release";
}

const mm_role_glob *mm_policy_role_of(const mm_policy *p, const char *path)
{
    const mm_role_glob *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; p && i < p->role_globs.n; i++) {
        const mm_role_glob *g = &p->role_globs.v[i];
        size_t n = strlen(g->glob);
        if ((!best || n > best_len) && mm_glob_match(g->glob, path)) {
            best = g;
            best_len = n;
        }
    }
    return best;
}

bool mm_policy_excludes(const char *rel, bool is_dir, void *arg)
{
    const mm_policy *p = arg;
    if (!p)
        return false;
    char *dir = is_dir ? mm_xasprintf("%s/", rel) : NULL;
    bool hit = false;
    for (size_t i = 0; i < p->exclude.n && !hit; i++)
        hit = mm_glob_match(p->exclude.v[i], dir ? dir : rel);
    free(dir);
    return hit;
}

mm_severity mm_policy_severity(const mm_policy *p, const mm_rule *r, mm_severity found)
{
    if (!p)
        return found;
    for (size_t i = 0; i < p->rules.n; i++) {
        if (!strcmp(p->rules.v[i].id, r->id) && p->rules.v[i].severity)
            return p->rules.v[i].severity;
    }
    if (p->cat_severity[r->category])
        return p->cat_severity[r->category];
    return found;
}

char *mm_policy_rel_path(const mm_policy *p, const char *root_dir)
{
    if (!p || !p->path)
        return NULL;
    char *abs = realpath(p->path, NULL);
    char *root = realpath(root_dir, NULL);
    if (!abs || !root) {
        free(abs);
        free(root);
        return mm_xstrdup(mm_path_base(p->path));
    }
    /* the longest common directory, then one ".." for each of root's components below it */
    size_t common = 0;
    for (size_t i = 0; abs[i] && abs[i] == root[i]; i++) {
        if (abs[i] == '/')
            common = i;
    }
    size_t rl = strlen(root);
    if (!strncmp(abs, root, rl) && abs[rl] == '/')
        common = rl;
    mm_buf b = {0};
    for (const char *q = root + common; *q; q++) {
        if (*q == '/')
            mm_buf_puts(&b, "../");
    }
    mm_buf_puts(&b, abs + common + 1);
    free(abs);
    free(root);
    return mm_buf_cstr(&b);
}
