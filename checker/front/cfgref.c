/* cfgref.c: configuration files found by reference. A U-Boot, Linux or BusyBox fragment takes
 * the format of what names it, whatever its own name: Buildroot's *_CONFIG_FRAGMENT_FILES and
 * custom configuration files, Yocto `SRC_URI += "file://x.cfg"` in a u-boot, linux or busybox
 * recipe, Zephyr OVERLAY_CONFIG/EXTRA_CONF_FILE/CONF_FILE in CMake (and per image under
 * sysbuild), ESP-IDF SDKCONFIG_DEFAULTS. And a file a CI workflow or build script copies to
 * `sdkconfig`, passes as SDKCONFIG_DEFAULTS (`idf.py -D`) or as a Zephyr `-DEXTRA_CONF_FILE=`
 * is the configuration of the builds it makes: a release configuration whatever its name.
 *
 * Each referring file is read line by line; a path with a variable in it (`${TARGET}`) stands
 * for every file of the tree it can name. Nothing here runs or evaluates a build: a reference
 * under a CMake `if()` still counts, but is not called a release configuration. */
#define _GNU_SOURCE
#include "front/kconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool in_dir(const char *path, const char *dir)
{
    return strstr(path, dir) != NULL;
}

bool mm_cfgref_candidate(const char *path)
{
    const char *b = mm_path_base(path);
    if (!strcmp(b, "CMakeLists.txt") || mm_str_ends(b, ".cmake"))
        return true; /* Zephyr and ESP-IDF builds */
    if (mm_str_ends(b, ".bbappend") || mm_str_ends(b, ".bb") || mm_str_ends(b, ".inc"))
        return mm_str_starts(b, "u-boot") || mm_str_starts(b, "linux") ||
               mm_str_starts(b, "busybox");
    if (mm_str_ends(b, "_defconfig") || !strcmp(b, ".config"))
        return true; /* Buildroot (checked by its keys) */
    if (mm_str_ends(b, ".sh") || mm_str_ends(b, ".bash") || !strcmp(b, "Makefile") ||
        !strcmp(b, "makefile") || !strcmp(b, "GNUmakefile") || mm_str_ends(b, ".mk") ||
        !strcmp(b, "Jenkinsfile") || !strcmp(b, "justfile") || !strcmp(b, "Justfile"))
        return true;
    bool yml = mm_str_ends(b, ".yml") || mm_str_ends(b, ".yaml");
    if (yml && (in_dir(path, ".github/") || in_dir(path, ".gitlab/") ||
                in_dir(path, ".circleci/") || mm_str_starts(b, ".gitlab-ci") ||
                mm_str_starts(b, "azure-pipelines") || !strcmp(b, ".travis.yml") ||
                !strcmp(b, "bitbucket-pipelines.yml") || !strcmp(b, "appveyor.yml")))
        return true;
    return false;
}

/* --- resolving a path named in a file ------------------------------------------------------- */

typedef struct ctx {
    const char *path;      /* the referring file */
    char *dir;             /* its directory */
    char *const *tree;     /* sorted paths of the scanned tree */
    size_t ntree;
    mm_kc_ref_vec *out;
    MM_VEC(char *) workdirs; /* directories the file changes into (cd, working-directory) */
} ctx;

static bool tree_has(const ctx *c, const char *p)
{
    size_t lo = 0, hi = c->ntree;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int r = strcmp(c->tree[mid], p);
        if (!r)
            return true;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* A path as written, with its variables made globs: ${X}, $(X), $X, ${{ x }}, @X@ -> '*'.
 * Leading variables that stand for a directory ($(BR2_EXTERNAL_X_PATH)/, ${CMAKE_CURRENT_
 * LIST_DIR}/, $PWD/) are dropped: the path is then relative to where the caller says. */
static char *globify(const char *s, bool *had_root_var)
{
    mm_buf b = {0};
    *had_root_var = false;
    const char *p = s;
    while (*p == '"' || *p == '\'')
        p++;
    for (int lead = 1; lead;) {
        lead = 0;
        if ((p[0] == '$' && (p[1] == '(' || p[1] == '{')) || p[0] == '@') {
            char close = p[0] == '@' ? '@' : p[1] == '(' ? ')' : '}';
            const char *e = strchr(p + 2, close);
            if (e && e[1] == '/' ) {
                *had_root_var = true;
                p = e + 2;
                lead = 1;
            }
        } else if (p[0] == '$' && (p[1] == '_' || (p[1] >= 'A' && p[1] <= 'Z'))) {
            const char *e = p + 1;
            while (*e == '_' || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') ||
                   (*e >= 'a' && *e <= 'z'))
                e++;
            if (*e == '/') {
                *had_root_var = true;
                p = e + 1;
                lead = 1;
            }
        }
    }
    while (*p) {
        if (p[0] == '$' && p[1] == '{' && p[2] == '{') {
            const char *e = strstr(p, "}}");
            if (!e)
                break;
            mm_buf_putc(&b, '*');
            p = e + 2;
        } else if (p[0] == '$' && (p[1] == '(' || p[1] == '{')) {
            char close = p[1] == '(' ? ')' : '}';
            const char *e = strchr(p + 2, close);
            if (!e)
                break;
            mm_buf_putc(&b, '*');
            p = e + 1;
        } else if (p[0] == '$') {
            p++;
            while (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                   (*p >= '0' && *p <= '9'))
                p++;
            mm_buf_putc(&b, '*');
        } else if (*p == '"' || *p == '\'') {
            p++;
        } else {
            mm_buf_putc(&b, *p++);
        }
    }
    char *out = mm_xstrdup(b.data ? b.data : "");
    mm_buf_free(&b);
    return out;
}

static void add_ref(ctx *c, const char *target, const mm_kc_ref *tmpl, unsigned line)
{
    for (size_t i = 0; i < c->out->n; i++) {
        mm_kc_ref *r = &c->out->v[i];
        if (!strcmp(r->path, target)) {
            r->release |= tmpl->release; /* named twice: the stronger claim holds */
            r->overwritten |= tmpl->overwritten;
            return;
        }
    }
    mm_kc_ref r = *tmpl;
    r.path = mm_xstrdup(target);
    r.by = mm_xasprintf("%s:%u", c->path, line);
    r.what = mm_xstrdup(tmpl->what);
    r.base = tmpl->base ? mm_xstrdup(tmpl->base) : NULL;
    mm_vec_push(c->out, r);
}

/* Resolves `written` (as found in the referring file) against the tree: relative to the
 * directories given, in order; a glob may name several files. Returns how many it added. */
static size_t resolve(ctx *c, const char *written, const char *const *dirs, size_t ndirs,
                      bool suffix_ok, const mm_kc_ref *tmpl, unsigned line)
{
    bool rootvar;
    char *g = globify(written, &rootvar);
    size_t added = 0;
    if (!*g || strlen(g) > 512) {
        free(g);
        return 0;
    }
    for (size_t d = 0; d < ndirs && !added; d++) {
        char *cand = mm_path_join_norm(dirs[d], g);
        if (!cand)
            continue;
        if (!strpbrk(cand, "*?[")) {
            if (tree_has(c, cand)) {
                add_ref(c, cand, tmpl, line);
                added++;
            }
        } else {
            for (size_t i = 0; i < c->ntree; i++) {
                if (mm_glob_match(cand, c->tree[i])) {
                    add_ref(c, c->tree[i], tmpl, line);
                    added++;
                }
            }
        }
        free(cand);
    }
    if (!added && suffix_ok && !strpbrk(g, "*?[")) {
        /* a path relative to a directory we do not know ($(BR2_EXTERNAL)...): the one file of
         * the tree that ends with it */
        const char *tail = g;
        while (!strncmp(tail, "./", 2))
            tail += 2;
        size_t tl = strlen(tail);
        const char *hit = NULL;
        size_t hits = 0;
        for (size_t i = 0; i < c->ntree; i++) {
            size_t pl = strlen(c->tree[i]);
            if (pl > tl && c->tree[i][pl - tl - 1] == '/' && !strcmp(c->tree[i] + pl - tl, tail)) {
                hit = c->tree[i];
                hits++;
            }
        }
        if (hits == 1) {
            add_ref(c, hit, tmpl, line);
            added++;
        }
    }
    free(g);
    return added;
}

/* --- the words of a value ------------------------------------------------------------------- */

/* Splits a value list on blanks and ';' (quotes stripped); calls fn for each word. */
static void each_word(const char *s, size_t n, void (*fn)(void *, const char *), void *arg)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ';' || s[i] == '"' ||
                         s[i] == '\'' || s[i] == ','))
            i++;
        size_t st = i;
        int brace = 0;
        while (i < n && (brace || !(s[i] == ' ' || s[i] == '\t' || s[i] == ';' || s[i] == '"' ||
                                    s[i] == '\'' || s[i] == ',' || s[i] == ')'))) {
            if (s[i] == '{' || s[i] == '(')
                brace++;
            else if ((s[i] == '}' || s[i] == ')') && brace)
                brace--;
            i++;
        }
        if (i > st) {
            char *w = mm_xstrndup(s + st, i - st);
            fn(arg, w);
            free(w);
        }
        if (i < n && s[i] == ')')
            break;
    }
}

typedef struct wordctx {
    ctx *c;
    const char *const *dirs;
    size_t ndirs;
    mm_kc_ref tmpl;
    unsigned line;
    bool suffix_ok;
    size_t count;
    char *first; /* the first file resolved (the base of the ones after it) */
} wordctx;

static void on_word(void *arg, const char *w)
{
    wordctx *wc = arg;
    if (!strncmp(w, "file://", 7))
        w += 7;
    if (!*w || !strcmp(w, "\\"))
        return;
    size_t before = wc->c->out->n;
    mm_kc_ref t = wc->tmpl;
    if (wc->first && t.family == MM_KC_ESP_IDF) {
        t.role = MM_KC_PARTIAL; /* later SDKCONFIG_DEFAULTS files sit on the first */
        t.base = wc->first;
    }
    wc->count += resolve(wc->c, w, wc->dirs, wc->ndirs, wc->suffix_ok, &t, wc->line);
    if (!wc->first && wc->c->out->n > before)
        wc->first = mm_xstrdup(wc->c->out->v[before].path);
}

/* --- readers per kind of referring file ----------------------------------------------------- */

static bool starts_word(const char *p, const char *e, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(e - p) >= n && !memcmp(p, w, n);
}

static const char *skip_blank(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* Buildroot: BR2_TARGET_UBOOT_CONFIG_FRAGMENT_FILES="..." and friends. */
static void buildroot_line(ctx *c, const char *s, const char *e, unsigned line,
                           const char *ext_root, const char *custom[3])
{
    static const struct {
        const char *key;
        mm_kc_family fam;
        int role; /* -2: a fragment on the custom file of the same package, if any */
        int pkg;
    } keys[] = {
        {"BR2_TARGET_UBOOT_CONFIG_FRAGMENT_FILES=", MM_KC_UBOOT, -2, 0},
        {"BR2_TARGET_UBOOT_CUSTOM_CONFIG_FILE=", MM_KC_UBOOT, MM_KC_BASE, 0},
        {"BR2_LINUX_KERNEL_CONFIG_FRAGMENT_FILES=", MM_KC_LINUX, -2, 1},
        {"BR2_LINUX_KERNEL_CUSTOM_CONFIG_FILE=", MM_KC_LINUX, MM_KC_BASE, 1},
        {"BR2_PACKAGE_BUSYBOX_CONFIG_FRAGMENT_FILES=", MM_KC_BUSYBOX, -2, 2},
        {"BR2_PACKAGE_BUSYBOX_CONFIG=", MM_KC_BUSYBOX, MM_KC_BASE, 2},
    };
    for (size_t k = 0; k < MM_ARRAY_LEN(keys); k++) {
        if (!starts_word(s, e, keys[k].key))
            continue;
        const char *v = s + strlen(keys[k].key);
        mm_kc_ref t = {0};
        t.family = keys[k].fam;
        t.role = keys[k].role == -2 ? (custom[keys[k].pkg] ? MM_KC_PARTIAL : MM_KC_BASE)
                                    : keys[k].role;
        t.base = keys[k].role == -2 ? custom[keys[k].pkg] : NULL;
        t.what = keys[k].key;
        char what[64];
        snprintf(what, sizeof what, "%.*s", (int)strlen(keys[k].key) - 1, keys[k].key);
        t.what = what;
        const char *dirs[] = {"", ext_root};
        wordctx wc = {c, dirs, ext_root ? 2 : 1, t, line, true, 0, NULL};
        each_word(v, (size_t)(e - v), on_word, &wc);
        free(wc.first);
    }
}

static void read_buildroot(ctx *c, const char *data, size_t len)
{
    if (!memmem(data, len, "BR2_", 4))
        return;
    /* an external tree's root: the directory above configs/ */
    char *ext_root = NULL;
    const char *cfg = strstr(c->path, "configs/");
    if (cfg && (cfg == c->path || cfg[-1] == '/'))
        ext_root = mm_xstrndup(c->path, cfg == c->path ? 0 : (size_t)(cfg - c->path - 1));
    /* first the custom configuration files (the bases of fragments), then the rest */
    const char *custom[3] = {NULL, NULL, NULL};
    static const char *const ck[3] = {"BR2_TARGET_UBOOT_CUSTOM_CONFIG_FILE=",
                                      "BR2_LINUX_KERNEL_CUSTOM_CONFIG_FILE=",
                                      "BR2_PACKAGE_BUSYBOX_CONFIG="};
    for (int pass = 0; pass < 2; pass++) {
        const char *p = data, *end = data + len;
        unsigned line = 0;
        while (p < end) {
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            const char *le = eol ? eol : end;
            line++;
            if (pass == 0) {
                for (int k = 0; k < 3; k++) {
                    if (starts_word(p, le, ck[k])) {
                        size_t before = c->out->n;
                        const char *cust[3] = {NULL, NULL, NULL};
                        buildroot_line(c, p, le, line, ext_root, cust);
                        if (c->out->n > before)
                            custom[k] = c->out->v[before].path;
                    }
                }
            } else {
                buildroot_line(c, p, le, line, ext_root, custom);
            }
            p = le < end ? le + 1 : end;
        }
    }
    free(ext_root);
}

/* Yocto: SRC_URI += "file://a.cfg" (with :append, _append, continuations) in a u-boot, linux or
 * busybox recipe. The files live beside the recipe (files/, ${PN}/, ${BPN}-${PV}/). */
static void read_bitbake(ctx *c, const char *data, size_t len)
{
    const char *b = mm_path_base(c->path);
    mm_kc_family fam = mm_str_starts(b, "u-boot")    ? MM_KC_UBOOT
                       : mm_str_starts(b, "busybox") ? MM_KC_BUSYBOX
                                                     : MM_KC_LINUX;
    if (!memmem(data, len, "file://", 7))
        return;
    /* a `file://defconfig` the tree has is the base of the fragments */
    char *defconfig = NULL;
    for (size_t i = 0; i < c->ntree && !defconfig; i++) {
        if (!strncmp(c->tree[i], c->dir, strlen(c->dir)) &&
            !strcmp(mm_path_base(c->tree[i]), "defconfig") && memmem(data, len, "file://defconfig", 16))
            defconfig = c->tree[i];
    }
    const char *p = data, *end = data + len;
    unsigned line = 0;
    bool in_uri = false;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        line++;
        const char *s = skip_blank(p, le);
        if (starts_word(s, le, "SRC_URI"))
            in_uri = true;
        if (in_uri) {
            for (const char *f = s; (f = memmem(f, (size_t)(le - f), "file://", 7)); f += 7) {
                const char *we = f + 7;
                while (we < le && *we != ' ' && *we != '"' && *we != '\t' && *we != '\\' &&
                       *we != ';')
                    we++;
                char *name = mm_xstrndup(f + 7, (size_t)(we - f - 7));
                bool cfg = mm_str_ends(name, ".cfg") || mm_str_ends(name, ".config") ||
                           mm_str_ends(name, "fragment") || !strcmp(name, "defconfig");
                if (cfg && !strchr(name, '$')) {
                    mm_kc_ref t = {0};
                    t.family = fam;
                    bool isdef = !strcmp(name, "defconfig");
                    t.role = isdef || !defconfig ? MM_KC_BASE : MM_KC_PARTIAL;
                    t.base = isdef ? NULL : defconfig;
                    t.what = "SRC_URI";
                    /* anywhere below the recipe's directory */
                    char *pat = mm_xasprintf("%s%s**/%s", c->dir, *c->dir ? "/" : "", name);
                    for (size_t i = 0; i < c->ntree; i++) {
                        if (mm_glob_match(pat, c->tree[i]))
                            add_ref(c, c->tree[i], &t, line);
                    }
                    free(pat);
                }
                free(name);
            }
            /* the assignment ends with its closing quote on a line without a continuation */
            const char *q = le;
            while (q > s && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
                q--;
            if (q == s || q[-1] != '\\')
                in_uri = false;
        }
        p = le < end ? le + 1 : end;
    }
}

/* CMake: set(OVERLAY_CONFIG ...), list(APPEND EXTRA_CONF_FILE ...), set(<img>_EXTRA_CONF_FILE
 * ...), set(SDKCONFIG_DEFAULTS ...). A reference outside any if() is what every build gets. */
static void read_cmake(ctx *c, const char *data, size_t len)
{
    if (!memmem(data, len, "CONF_FILE", 9) && !memmem(data, len, "OVERLAY_CONFIG", 14) &&
        !memmem(data, len, "SDKCONFIG_DEFAULTS", 18))
        return;
    const char *p = data, *end = data + len;
    unsigned line = 0;
    int depth = 0;
    bool sysbuild_file = !strcmp(mm_path_base(c->path), "sysbuild.cmake") ||
                         in_dir(c->path, "sysbuild/");
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        line++;
        const char *s = skip_blank(p, le);
        const char *cmt = memchr(s, '#', (size_t)(le - s));
        const char *ce = cmt ? cmt : le;
        if (starts_word(s, ce, "if(") || starts_word(s, ce, "if ("))
            depth++;
        else if (starts_word(s, ce, "endif"))
            depth = depth ? depth - 1 : 0;
        bool set = starts_word(s, ce, "set(") || starts_word(s, ce, "set (");
        bool list = starts_word(s, ce, "list(APPEND") || starts_word(s, ce, "list( APPEND");
        if (set || list) {
            const char *a = memchr(s, '(', (size_t)(ce - s)) + 1;
            a = skip_blank(a, ce);
            if (list)
                a = skip_blank(a + 6, ce);
            const char *ne = a;
            while (ne < ce && *ne != ' ' && *ne != '\t' && *ne != ')')
                ne++;
            char *var = mm_xstrndup(a, (size_t)(ne - a));
            mm_kc_ref t = {0};
            t.release = depth == 0;
            t.role = -1;
            t.what = var;
            bool hit = true;
            const char *img = NULL;
            if (!strcmp(var, "SDKCONFIG_DEFAULTS")) {
                t.family = MM_KC_ESP_IDF;
                t.role = MM_KC_BASE;
            } else if (!strcmp(var, "OVERLAY_CONFIG") || !strcmp(var, "EXTRA_CONF_FILE")) {
                t.family = sysbuild_file ? MM_KC__COUNT : MM_KC_ZEPHYR;
                t.role = MM_KC_PARTIAL;
            } else if (!strcmp(var, "CONF_FILE")) {
                t.family = MM_KC_ZEPHYR;
                t.role = MM_KC_BASE;
            } else if (!strcmp(var, "SB_CONF_FILE") || !strcmp(var, "SB_EXTRA_CONF_FILE")) {
                t.family = MM_KC_SYSBUILD;
                t.role = var[3] == 'E' ? MM_KC_PARTIAL : MM_KC_BASE;
            } else if (mm_str_ends(var, "_EXTRA_CONF_FILE") || mm_str_ends(var, "_CONF_FILE") ||
                       mm_str_ends(var, "_OVERLAY_CONFIG")) {
                /* <image>_EXTRA_CONF_FILE: a child image's fragment (mcuboot_..., app_...) */
                img = var;
                t.family = mm_str_starts(var, "mcuboot_") ? MM_KC_MCUBOOT : MM_KC_ZEPHYR;
                t.role = mm_str_ends(var, "_EXTRA_CONF_FILE") || mm_str_ends(var, "_OVERLAY_CONFIG")
                             ? MM_KC_PARTIAL
                             : MM_KC_BASE;
            } else {
                hit = false;
            }
            (void)img;
            if (hit) {
                const char *dirs[] = {c->dir, ""};
                wordctx wc = {c, dirs, 2, t, line, false, 0, NULL};
                each_word(ne, (size_t)(ce - ne), on_word, &wc);
                free(wc.first);
            }
            free(var);
        }
        p = le < end ? le + 1 : end;
    }
}

/* CI workflows and build scripts: `cp X sdkconfig`, `SDKCONFIG_DEFAULTS=X`,
 * `-DEXTRA_CONF_FILE=X`, `-DOVERLAY_CONFIG=X`, `-DCONF_FILE=X`. */
typedef MM_VEC(const char *) dir_vec;
typedef MM_VEC(char *) owned_vec;

/* Where a CI job or a script's relative paths start: the repository's root, or where the job
 * changed into; a script's own directory, or one above it (ci/, scripts/ below the project). */
static void script_dirs(const ctx *c, dir_vec *dirs, owned_vec *owned)
{
    mm_vec_push(dirs, "");
    for (size_t i = c->workdirs.n; i-- > 0;)
        mm_vec_push(dirs, c->workdirs.v[i]);
    if (*c->dir) {
        char *d = mm_xstrdup(c->dir);
        for (;;) {
            mm_vec_push(owned, d);
            mm_vec_push(dirs, d);
            char *sl = strrchr(d, '/');
            if (!sl)
                break;
            d = mm_xstrndup(d, (size_t)(sl - d));
        }
    }
}

static void free_dirs(dir_vec *dirs, owned_vec *owned)
{
    mm_vec_free(dirs);
    for (size_t i = 0; i < owned->n; i++)
        free(owned->v[i]);
    mm_vec_free(owned);
}

/* The committed file a copy lands on (`cp build-scripts/X-sdkconfig.defaults sdkconfig`): the
 * builds that copy do not read what it holds. */
static void copy_target(ctx *c, const char *written, unsigned line)
{
    dir_vec dirs = {0};
    owned_vec owned = {0};
    script_dirs(c, &dirs, &owned);
    mm_kc_ref t = {0};
    t.family = MM_KC_ESP_IDF;
    t.role = -1;
    t.overwritten = true;
    t.what = "a copy overwrites it before the build";
    resolve(c, written, dirs.v, dirs.n, false, &t, line);
    free_dirs(&dirs, &owned);
}

static void script_value(ctx *c, const char *v, const char *ve, const mm_kc_ref *t, unsigned line)
{
    dir_vec dirs = {0};
    owned_vec owned = {0};
    script_dirs(c, &dirs, &owned);
    wordctx wc = {c, dirs.v, dirs.n, *t, line, true, 0, NULL};
    /* the value ends at the first blank outside quotes */
    const char *e = v;
    char q = 0;
    while (e < ve) {
        if (!q && e + 3 <= ve && !strncmp(e, "${{", 3)) {
            /* a GitHub expression ${{ matrix.x }} is one part of the value */
            const char *x = memmem(e, (size_t)(ve - e), "}}", 2);
            if (x) {
                e = x + 2;
                continue;
            }
        }
        if (q) {
            if (*e == q)
                q = 0;
        } else if (*e == '"' || *e == '\'') {
            q = *e;
        } else if (*e == ' ' || *e == '\t' || *e == '&' || *e == '|') {
            break;
        }
        e++;
    }
    each_word(v, (size_t)(e - v), on_word, &wc);
    free(wc.first);
    free_dirs(&dirs, &owned);
}

static void read_script(ctx *c, const char *data, size_t len)
{
    if (!memmem(data, len, "sdkconfig", 9) && !memmem(data, len, "SDKCONFIG", 9) &&
        !memmem(data, len, "CONF_FILE", 9) && !memmem(data, len, "OVERLAY_CONFIG", 14))
        return;
    const char *p = data, *end = data + len;
    unsigned line = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        line++;
        /* cd DIR, working-directory: DIR */
        for (const char *w = p; (w = memmem(w, (size_t)(le - w), "cd ", 3)); w += 3) {
            if (w > p && !(w[-1] == ' ' || w[-1] == '\t' || w[-1] == '&' || w[-1] == ';' ||
                           w[-1] == '"' || w[-1] == '\''))
                continue;
            const char *a = skip_blank(w + 3, le), *ae = a;
            while (ae < le && *ae != ' ' && *ae != ';' && *ae != '&' && *ae != '"' && *ae != '\'')
                ae++;
            if (ae > a) {
                bool rv;
                char *raw = mm_xstrndup(a, (size_t)(ae - a));
                char *g = globify(raw, &rv);
                char *j = mm_path_join_norm("", g);
                if (j && !strpbrk(j, "*?["))
                    mm_vec_push(&c->workdirs, j);
                else
                    free(j);
                free(g);
                free(raw);
            }
        }
        const char *wd = memmem(p, (size_t)(le - p), "working-directory:", 18);
        if (wd) {
            const char *a = skip_blank(wd + 18, le), *ae = le;
            while (ae > a && (ae[-1] == ' ' || ae[-1] == '\r' || ae[-1] == '"' || ae[-1] == '\''))
                ae--;
            while (a < ae && (*a == '"' || *a == '\''))
                a++;
            if (ae > a) {
                bool rv;
                char *raw = mm_xstrndup(a, (size_t)(ae - a));
                char *g = globify(raw, &rv);
                char *j = mm_path_join_norm("", g);
                if (j && !strpbrk(j, "*?["))
                    mm_vec_push(&c->workdirs, j);
                else
                    free(j);
                free(g);
                free(raw);
            }
        }
        /* cp/mv/install SRC... sdkconfig (or a directory's sdkconfig) */
        static const char *const cmds[] = {"cp ", "mv ", "install ", "copy ", NULL};
        for (const char *const *cmd = cmds; *cmd; cmd++) {
            for (const char *w = p; (w = memmem(w, (size_t)(le - w), *cmd, strlen(*cmd)));
                 w += strlen(*cmd)) {
                if (w > p && !(w[-1] == ' ' || w[-1] == '\t' || w[-1] == '&' || w[-1] == ';' ||
                               w[-1] == '"' || w[-1] == '\'' || w[-1] == '('))
                    continue;
                /* the words up to the end of the command */
                const char *a = w + strlen(*cmd), *ae = a;
                while (ae < le && *ae != ';' && *ae != '&' && *ae != '|' && *ae != '"' &&
                       *ae != '`')
                    ae++;
                MM_VEC(char *) words = {0};
                for (const char *q = a; q < ae;) {
                    q = skip_blank(q, ae);
                    const char *qe = q;
                    while (qe < ae && *qe != ' ' && *qe != '\t') {
                        /* a GitHub expression ${{ matrix.x }} is one part of the word */
                        const char *ex = qe + 2 < ae && !strncmp(qe, "${{", 3)
                                             ? memmem(qe, (size_t)(ae - qe), "}}", 2)
                                             : NULL;
                        qe = ex ? ex + 2 : qe + 1;
                    }
                    if (qe > q && *q != '-')
                        mm_vec_push(&words, mm_xstrndup(q, (size_t)(qe - q)));
                    q = qe;
                }
                if (words.n >= 2) {
                    const char *dst = mm_path_base(words.v[words.n - 1]);
                    if (!strcmp(dst, "sdkconfig") || !strcmp(dst, "sdkconfig.defaults")) {
                        mm_kc_ref t = {0};
                        t.family = MM_KC_ESP_IDF;
                        t.role = MM_KC_BASE;
                        t.release = true;
                        t.what = !strcmp(dst, "sdkconfig") ? "copied to sdkconfig"
                                                           : "copied to sdkconfig.defaults";
                        for (size_t k = 0; k + 1 < words.n; k++)
                            script_value(c, words.v[k], words.v[k] + strlen(words.v[k]), &t,
                                         line);
                        if (!strcmp(dst, "sdkconfig"))
                            copy_target(c, words.v[words.n - 1], line);
                    }
                }
                for (size_t k = 0; k < words.n; k++)
                    free(words.v[k]);
                mm_vec_free(&words);
            }
        }
        /* VAR=VALUE on a command line or in an environment block */
        static const struct {
            const char *var;
            mm_kc_family fam;
            int role;
        } vars[] = {
            {"SDKCONFIG_DEFAULTS", MM_KC_ESP_IDF, MM_KC_BASE},
            {"EXTRA_CONF_FILE", MM_KC_ZEPHYR, MM_KC_PARTIAL},
            {"OVERLAY_CONFIG", MM_KC_ZEPHYR, MM_KC_PARTIAL},
            {"CONF_FILE", MM_KC_ZEPHYR, MM_KC_BASE},
        };
        for (size_t k = 0; k < MM_ARRAY_LEN(vars); k++) {
            size_t vl = strlen(vars[k].var);
            for (const char *w = p; (w = memmem(w, (size_t)(le - w), vars[k].var, vl)); w += vl) {
                /* the whole variable name, not the end of another (SB_CONF_FILE is sysbuild's,
                 * mcuboot_EXTRA_CONF_FILE an image's) */
                if (w > p && (w[-1] == '_' || (w[-1] >= 'A' && w[-1] <= 'Z') ||
                              (w[-1] >= 'a' && w[-1] <= 'z')))
                    continue;
                const char *v = w + vl;
                if (v < le && *v == ':')
                    v++; /* YAML env: SDKCONFIG_DEFAULTS: x */
                v = skip_blank(v, le);
                if (v >= le || (*v != '=' && w[vl] != ':'))
                    continue;
                if (*v == '=')
                    v++;
                v = skip_blank(v, le);
                mm_kc_ref t = {0};
                t.family = vars[k].fam;
                t.role = vars[k].role;
                t.release = true;
                t.what = vars[k].var;
                script_value(c, v, le, &t, line);
            }
        }
        p = le < end ? le + 1 : end;
    }
}

void mm_cfgref_scan(const char *path, const char *data, size_t len, char *const *tree,
                    size_t ntree, mm_kc_ref_vec *out)
{
    ctx c = {0};
    c.path = path;
    const char *sl = strrchr(path, '/');
    c.dir = sl ? mm_xstrndup(path, (size_t)(sl - path)) : mm_xstrdup("");
    c.tree = tree;
    c.ntree = ntree;
    c.out = out;
    const char *b = mm_path_base(path);
    if (mm_str_ends(b, "_defconfig") || !strcmp(b, ".config"))
        read_buildroot(&c, data, len);
    else if (mm_str_ends(b, ".bbappend") || mm_str_ends(b, ".bb") || mm_str_ends(b, ".inc"))
        read_bitbake(&c, data, len);
    else if (!strcmp(b, "CMakeLists.txt") || mm_str_ends(b, ".cmake"))
        read_cmake(&c, data, len);
    else
        read_script(&c, data, len);
    for (size_t i = 0; i < c.workdirs.n; i++)
        free(c.workdirs.v[i]);
    mm_vec_free(&c.workdirs);
    free(c.dir);
}

void mm_kc_refs_free(mm_kc_ref_vec *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free((char *)v->v[i].path);
        free((char *)v->v[i].by);
        free((char *)v->v[i].what);
        free((char *)v->v[i].base);
    }
    mm_vec_free(v);
}
