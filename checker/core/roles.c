/* roles.c: what each path of a scan is to the product. The sources of truth, strongest first:
 *   1. the policy: "roles" patterns and "product.sources";
 *   2. the build: a PlatformIO project's test_dir and src_dir, the translation units of the
 *      build's compilation database (-p);
 *   3. conventions: the names of directories (examples/, tests/, tools/, sim/, docs/,
 *      third_party/ ...) below the directory that was scanned.
 * A file's own content refines a product decision (mm_roles_content), and the inventory's
 * components make their directories vendored (mm_roles_add_components).
 *
 * Conventions are read below the scanned directory, and on that directory's own name unless it
 * is a project of its own (a build manifest): `mamori scan examples/esp-idf-sensor/insecure`
 * judges that project as a product, `mamori scan examples/` the examples as examples, `mamori
 * scan` (the root) everything by its path.
 *
 * A CMake add_executable() is not taken for a host tool: it is as often the firmware's own
 * program (an OpenWrt package's daemon, the ELF of a plain-CMake MCU project, cross-compiled
 * with a toolchain the command line names). Host tools are told by convention (tools/, host/). */
#define _GNU_SOURCE
#include "core/roles.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* What a directory's build files say, read once: a PlatformIO project's directories. */
typedef struct dir_info {
    char *dir;      /* root-relative, no trailing '/'; "" is the root */
    char *file;     /* its platformio.ini, or NULL */
    char *pio_test; /* test_dir, src_dir and lib_dir, root-relative */
    char *pio_src;
    char *pio_lib;
    signed char conv; /* the role its name gives below the scanned directory; -1: not known */
} dir_info;

typedef struct vendored_dir {
    char *dir;
    char *name;
    char *manifest;
} vendored_dir;

struct mm_roles {
    char *root;
    const mm_policy *policy;
    char *const *tree; /* the tree's sorted paths, or NULL: ask the file system */
    size_t ntree;
    const mm_strset *units;
    MM_VEC(char *) bases; /* root-relative scanned directories ... */
    MM_VEC(bool) base_project; /* ... and whether each is a project of its own */
    pthread_mutex_t mu;
    dir_info **slots; /* open addressing by dir */
    size_t nslots, ninfo;
    MM_VEC(vendored_dir) vendored; /* sorted by dir */
};

/* --- conventions --------------------------------------------------------------------------- */

static const struct convention {
    const char *name;
    mm_role role;
} conventions[] = {
    {"example", MM_ROLE_EXAMPLE},      {"examples", MM_ROLE_EXAMPLE},
    {"sample", MM_ROLE_EXAMPLE},       {"samples", MM_ROLE_EXAMPLE},
    {"demo", MM_ROLE_EXAMPLE},         {"demos", MM_ROLE_EXAMPLE},
    {"test", MM_ROLE_TEST},            {"tests", MM_ROLE_TEST},
    {"testing", MM_ROLE_TEST},         {"unittest", MM_ROLE_TEST},
    {"unittests", MM_ROLE_TEST},       {"testdata", MM_ROLE_TEST},
    {"fixtures", MM_ROLE_TEST},        {"mock", MM_ROLE_TEST},
    {"mocks", MM_ROLE_TEST},           {"__tests__", MM_ROLE_TEST},
    {"fuzz", MM_ROLE_TEST},            {"fuzzing", MM_ROLE_TEST},
    {"tools", MM_ROLE_TOOL},           {"tool", MM_ROLE_TOOL},
    {"scripts", MM_ROLE_TOOL},         {"script", MM_ROLE_TOOL},
    {"sim", MM_ROLE_SIMULATOR},        {"simulator", MM_ROLE_SIMULATOR},
    {"simulators", MM_ROLE_SIMULATOR}, {"simulation", MM_ROLE_SIMULATOR},
    {"emulator", MM_ROLE_SIMULATOR},   {"win32", MM_ROLE_SIMULATOR},
    {"win64", MM_ROLE_SIMULATOR},      {"doc", MM_ROLE_DOCS},
    {"docs", MM_ROLE_DOCS},            {"documentation", MM_ROLE_DOCS},
    {"third_party", MM_ROLE_VENDORED}, {"third-party", MM_ROLE_VENDORED},
    {"thirdparty", MM_ROLE_VENDORED},  {"3rdparty", MM_ROLE_VENDORED},
    {"3rd_party", MM_ROLE_VENDORED},   {"vendor", MM_ROLE_VENDORED},
    {"vendored", MM_ROLE_VENDORED},    {"external", MM_ROLE_VENDORED},
    {"externals", MM_ROLE_VENDORED},
};

static bool ieq(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && !strncasecmp(s, word, n);
}

/* "test_app", "unit-tests", "production_test": test with a separator; the same for examples. */
static bool affixed(const char *s, size_t n, const char *word)
{
    char plural[32];
    snprintf(plural, sizeof plural, "%ss", word);
    const char *const forms[2] = {word, plural};
    for (int f = 0; f < 2; f++) {
        size_t w = strlen(forms[f]);
        if (n <= w + 1)
            continue;
        if (!strncasecmp(s, forms[f], w) && (s[w] == '_' || s[w] == '-'))
            return true;
        if (!strncasecmp(s + n - w, forms[f], w) && (s[n - w - 1] == '_' || s[n - w - 1] == '-'))
            return true;
    }
    return false;
}

/* The role a directory's name gives; depth 1 is a directory right below the scanned one. */
static mm_role convention_of(const char *name, size_t n, unsigned depth)
{
    for (size_t i = 0; i < MM_ARRAY_LEN(conventions); i++) {
        if (ieq(name, n, conventions[i].name))
            return conventions[i].role;
    }
    if (affixed(name, n, "test") || affixed(name, n, "unittest"))
        return MM_ROLE_TEST;
    if (affixed(name, n, "example") || affixed(name, n, "demo") || affixed(name, n, "sample"))
        return MM_ROLE_EXAMPLE;
    /* host/ beside the firmware is its host side; deeper (a Bluetooth stack's host/ layer) it
     * is device code */
    if (depth == 1 && ieq(name, n, "host"))
        return MM_ROLE_TOOL;
    return MM_ROLE_PRODUCT;
}

/* A template people copy before they build: "Custom-sample.h", "config.h.example",
 * "secrets.template.h", "platformio_override.sample.ini", ".env.dist". Its values document
 * what to fill in; the copy (Custom.h, config.h) is what ships. A plain "_sample" or "_example"
 * stem is not taken: "adc_sample.c" samples an ADC, and "ota_example.c" is often the code a
 * product grew from. */
static bool template_file(const char *base)
{
    static const char *const words[] = {"sample", "example", "template", "tmpl", "dist"};
    const char *dot = strchr(base, '.');
    size_t stem = dot ? (size_t)(dot - base) : strlen(base);
    while (dot) {
        const char *c = dot + 1;
        dot = strchr(c, '.');
        size_t n = dot ? (size_t)(dot - c) : strlen(c);
        if (c == base + 1 && stem == 0)
            continue; /* ".env" is a name, not a suffix */
        for (size_t i = 0; i < MM_ARRAY_LEN(words); i++) {
            if (ieq(c, n, words[i]))
                return true;
        }
    }
    static const char *const ends[] = {"-sample", "-template"}; /* "_template.h": C++ code */
    for (size_t i = 0; i < MM_ARRAY_LEN(ends); i++) {
        size_t e = strlen(ends[i]);
        if (stem > e && !strncasecmp(base + stem - e, ends[i], e))
            return true;
    }
    return stem > 9 && (!strncasecmp(base, "template-", 9) || !strncasecmp(base, "sample-", 7));
}

/* A board configuration of a host build (Zephyr's native_sim, native_posix). */
static bool native_config(const char *base)
{
    if (!strstr(base, "native_sim") && !strstr(base, "native_posix"))
        return false;
    const char *dot = strrchr(base, '.');
    return dot && (!strcmp(dot, ".conf") || !strcmp(dot, ".overlay") || !strcmp(dot, ".dts") ||
                   !strcmp(dot, ".yaml") || !strcmp(dot, ".yml") || !strcmp(dot, ".defconfig"));
}

/* --- build files ---------------------------------------------------------------------------- */

static bool has_file(const mm_roles *r, const char *rel)
{
    if (r->tree) {
        size_t lo = 0, hi = r->ntree;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = strcmp(r->tree[mid], rel);
            if (!c)
                return true;
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return false;
    }
    char *abs = mm_xasprintf("%s/%s", r->root, rel);
    struct stat st;
    bool ok = stat(abs, &st) == 0 && S_ISREG(st.st_mode);
    free(abs);
    return ok;
}

/* OpenWrt copies the tree's files/ over the image after the packages are installed: the copy
 * of a file in package/base-files/files/ that the overlay also has does not ship. */
static bool replaced_by_overlay(const mm_roles *r, const char *path)
{
    static const char key[] = "package/base-files/files/";
    const char *m = strstr(path, key);
    while (m && m != path && m[-1] != '/')
        m = strstr(m + 1, key);
    if (!m || !m[sizeof key - 1])
        return false;
    char *over = mm_xasprintf("%.*sfiles/%s", (int)(m - path), path, m + sizeof key - 1);
    bool yes = has_file(r, over);
    free(over);
    return yes;
}

static char *read_rel(const mm_roles *r, const char *rel, size_t *len)
{
    char *abs = mm_xasprintf("%s/%s", r->root, rel);
    char *data = NULL;
    mm_err err;
    if (mm_read_file(abs, 256u << 10, &data, len, &err) < 0)
        data = NULL;
    free(abs);
    return data;
}

static char *join(const char *dir, const char *name)
{
    return dir[0] ? mm_xasprintf("%s/%s", dir, name) : mm_xstrdup(name);
}

/* A PlatformIO directory option as written ("./wled00", "${PROJECT_DIR}/src", "test/") made
 * root-relative; NULL for one outside the project. */
static char *pio_dir(const char *dir, const char *v)
{
    while (*v == ' ' || *v == '\t')
        v++;
    if (!strncmp(v, "${PROJECT_DIR}", 14))
        v += 14 + (v[14] == '/');
    while (v[0] == '.' && v[1] == '/')
        v += 2;
    size_t n = strlen(v);
    while (n && (v[n - 1] == '/' || v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'))
        n--;
    if (!n || v[0] == '/' || v[0] == '$' || strstr(v, ".."))
        return NULL;
    char *rel = mm_xstrndup(v, n);
    char *out = join(dir, rel);
    free(rel);
    return out;
}

/* platformio.ini: [platformio] src_dir, test_dir (default "test") and lib_dir (default "lib"). */
static void read_pio(const mm_roles *r, dir_info *d)
{
    size_t len = 0;
    char *text = read_rel(r, d->file, &len);
    bool in_section = false;
    for (char *line = text; line && *line;) {
        char *eol = strchr(line, '\n');
        if (eol)
            *eol = 0;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '[') {
            in_section = !strncmp(p, "[platformio]", 12);
        } else if (in_section && *p != ';' && *p != '#') {
            char *eq = strchr(p, '=');
            if (eq) {
                size_t kn = (size_t)(eq - p);
                while (kn && (p[kn - 1] == ' ' || p[kn - 1] == '\t'))
                    kn--;
                char **slot = kn == 7 && !strncmp(p, "src_dir", 7)    ? &d->pio_src
                              : kn == 8 && !strncmp(p, "test_dir", 8) ? &d->pio_test
                              : kn == 7 && !strncmp(p, "lib_dir", 7)  ? &d->pio_lib
                                                                      : NULL;
                if (slot) {
                    free(*slot);
                    *slot = pio_dir(d->dir, eq + 1);
                }
            }
        }
        line = eol ? eol + 1 : NULL;
    }
    free(text);
    if (!d->pio_test)
        d->pio_test = join(d->dir, "test");
    if (!d->pio_lib)
        d->pio_lib = join(d->dir, "lib");
}

/* Is dir a project of its own: a build manifest (platformio.ini, prj.conf, west.yml, an
 * Arduino or PlatformIO library, an ESP-IDF component, a CMake project())? */
static bool project_root(const mm_roles *r, const char *dir)
{
    static const char *const manifests[] = {"platformio.ini", "prj.conf", "west.yml",
                                            "library.json", "library.properties",
                                            "idf_component.yml", "sdkconfig.defaults"};
    for (size_t i = 0; i < MM_ARRAY_LEN(manifests); i++) {
        char *p = join(dir, manifests[i]);
        bool hit = has_file(r, p);
        free(p);
        if (hit)
            return true;
    }
    char *cml = join(dir, "CMakeLists.txt");
    size_t len = 0;
    char *text = has_file(r, cml) ? read_rel(r, cml, &len) : NULL;
    free(cml);
    bool project = false;
    for (size_t i = 0; text && i + 8 <= len && !project; i++)
        project = !strncasecmp(text + i, "project(", 8) &&
                  (i == 0 || !(text[i - 1] == '_' || (text[i - 1] >= 'a' && text[i - 1] <= 'z') ||
                               (text[i - 1] >= 'A' && text[i - 1] <= 'Z')));
    free(text);
    return project;
}

static size_t hash_str(const char *s, size_t n)
{
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* The build facts of directory dir (length n of path), read on first use. Call with r->mu
 * held. */
static dir_info *info_of(mm_roles *r, const char *path, size_t n)
{
    size_t h = hash_str(path, n);
    if (r->nslots) {
        for (size_t i = h & (r->nslots - 1);; i = (i + 1) & (r->nslots - 1)) {
            dir_info *d = r->slots[i];
            if (!d)
                break;
            if (!strncmp(d->dir, path, n) && !d->dir[n])
                return d;
        }
    }
    char *dir = mm_xstrndup(path, n);
    if ((r->ninfo + 1) * 10 >= r->nslots * 7) {
        size_t cap = r->nslots ? r->nslots * 2 : 256;
        dir_info **slots = mm_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < r->nslots; i++) {
            dir_info *d = r->slots[i];
            if (!d)
                continue;
            size_t k = hash_str(d->dir, strlen(d->dir)) & (cap - 1);
            while (slots[k])
                k = (k + 1) & (cap - 1);
            slots[k] = d;
        }
        free(r->slots);
        r->slots = slots;
        r->nslots = cap;
    }
    dir_info *d = mm_xcalloc(1, sizeof *d);
    d->dir = dir;
    d->conv = -1;
    char *pio = join(dir, "platformio.ini");
    if (has_file(r, pio)) {
        d->file = pio;
        pio = NULL;
        read_pio(r, d);
    }
    free(pio);
    size_t k = h & (r->nslots - 1);
    while (r->slots[k])
        k = (k + 1) & (r->nslots - 1);
    r->slots[k] = d;
    r->ninfo++;
    return d;
}

/* --- the table ------------------------------------------------------------------------------- */

static bool dir_prefix(const char *dir, size_t n, const char *path)
{
    return !n || (!strncmp(path, dir, n) && (path[n] == '/' || path[n] == 0));
}

void mm_roles_prepare(mm_scan *s)
{
    mm_roles *r = mm_xcalloc(1, sizeof *r);
    r->root = mm_xstrdup(s->root ? s->root : ".");
    r->policy = s->policy;
    if (s->mode == MM_INPUT_WORKTREE && s->paths.n) {
        r->tree = s->paths.v;
        r->ntree = s->paths.n;
    }
    r->units = s->build_units;
    pthread_mutex_init(&r->mu, NULL);
    /* the directories asked for: conventions are read below them (and on their own name) */
    char *root = realpath(r->root, NULL);
    for (size_t i = 0; root && i < s->opts.npaths; i++) {
        char *abs = realpath(s->opts.paths[i], NULL);
        struct stat st;
        size_t rl = strlen(root);
        if (abs && stat(abs, &st) == 0 && S_ISDIR(st.st_mode) && !strncmp(abs, root, rl) &&
            abs[rl] == '/')
        {
            mm_vec_push(&r->bases, mm_xstrdup(abs + rl + 1));
            mm_vec_push(&r->base_project, project_root(r, abs + rl + 1));
        }
        free(abs);
    }
    free(root);
    s->roles = r;
}

void mm_roles_free(mm_roles *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nslots; i++) {
        dir_info *d = r->slots[i];
        if (!d)
            continue;
        free(d->dir);
        free(d->file);
        free(d->pio_test);
        free(d->pio_src);
        free(d->pio_lib);
        free(d);
    }
    free(r->slots);
    for (size_t i = 0; i < r->bases.n; i++)
        free(r->bases.v[i]);
    mm_vec_free(&r->bases);
    mm_vec_free(&r->base_project);
    for (size_t i = 0; i < r->vendored.n; i++) {
        free(r->vendored.v[i].dir);
        free(r->vendored.v[i].name);
        free(r->vendored.v[i].manifest);
    }
    mm_vec_free(&r->vendored);
    pthread_mutex_destroy(&r->mu);
    free(r->root);
    free(r);
}

/* The scanned directory path lies in: the longest base it is below, or the root (0); *project
 * says whether that directory is a project of its own. */
static size_t base_of(const mm_roles *r, const char *path, bool *project)
{
    size_t best = 0;
    *project = false;
    for (size_t i = 0; i < r->bases.n; i++) {
        size_t n = strlen(r->bases.v[i]);
        if (n > best && dir_prefix(r->bases.v[i], n, path) && path[n] == '/') {
            best = n;
            *project = r->base_project.v[i];
        }
    }
    return best;
}

/* Does the directory path (relative to the project at pdir) pass through a directory that
 * conventions call non-product? (src_dir = examples/basic builds an example.) */
static bool through_convention(const char *sub)
{
    for (const char *seg = sub; *seg;) {
        const char *e = strchr(seg, '/');
        size_t n = e ? (size_t)(e - seg) : strlen(seg);
        if (convention_of(seg, n, 2) != MM_ROLE_PRODUCT)
            return true;
        if (!e)
            break;
        seg = e + 1;
    }
    return false;
}

/* Is path a translation unit of the build's compilation database (absolute paths)? */
static bool unit_of_build(const mm_roles *r, const char *path)
{
    char *abs = mm_xasprintf("%s/%s", strcmp(r->root, "/") ? r->root : "", path);
    bool hit = mm_strset_has(r->units, abs);
    free(abs);
    return hit;
}

/* Policy, build, conventions: what the path says. */
static mm_role_decision by_path(mm_roles *r, const char *path)
{
    mm_role_decision d = {MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT, 0, NULL, NULL, 0, 0};
    const mm_role_glob *g = mm_policy_role_of(r->policy, path);
    if (g) {
        d.role = g->role;
        d.by = MM_ROLE_BY_POLICY;
        d.at = (uint32_t)strlen(path);
        d.what = g->glob;
        d.line = g->line;
        d.col = g->col;
        return d;
    }
    bool base_project;
    size_t blen = base_of(r, path, &base_project);
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) : 0; /* the directory part */
    const dir_info *pio = NULL; /* the innermost PlatformIO project seen so far */
    bool in_pio_lib = false;    /* below its lib_dir */
    pthread_mutex_lock(&r->mu);
    /* the scanned directory (its own name counts, not the root's), then each one below */
    size_t start = blen;
    for (size_t k = start;;) {
        bool is_base = k == blen;
        size_t seg = k;
        while (seg && path[seg - 1] != '/')
            seg--;
        dir_info *info = info_of(r, path, k);
        /* the root's own name never counts, a scanned directory's only when it is no project */
        if (k > 0 && (!is_base || (blen && !base_project))) {
            mm_role conv;
            if (is_base) {
                conv = convention_of(path + seg, k - seg, 0);
            } else {
                if (info->conv < 0) {
                    /* how far below the scanned directory: 1 is right below it */
                    unsigned depth = blen ? 0 : 1;
                    for (size_t i = blen; i < k; i++)
                        depth += path[i] == '/';
                    info->conv = (signed char)convention_of(path + seg, k - seg, depth);
                }
                conv = (mm_role)info->conv;
            }
            if (conv != MM_ROLE_PRODUCT) {
                d.role = conv;
                d.by = MM_ROLE_BY_CONVENTION;
                d.at = (uint32_t)k;
                d.what = d.where = NULL;
            }
        }
        if (info->file)
            pio = info;
        if (pio && pio != info) {
            if (pio->pio_lib && strlen(pio->pio_lib) == k && !strncmp(path, pio->pio_lib, k))
                in_pio_lib = true;
            if (pio->pio_test && strlen(pio->pio_test) == k && !strncmp(path, pio->pio_test, k)) {
                d.role = MM_ROLE_TEST;
                d.by = MM_ROLE_BY_BUILD;
                d.at = (uint32_t)k;
                d.what = "test_dir";
                d.where = pio->file;
            } else if (pio->pio_src && strlen(pio->pio_src) == k &&
                       !strncmp(path, pio->pio_src, k) &&
                       !through_convention(pio->pio_src + strlen(pio->dir) + !!pio->dir[0])) {
                d.role = MM_ROLE_PRODUCT;
                d.by = MM_ROLE_BY_BUILD;
                d.at = (uint32_t)k;
                d.what = "src_dir";
                d.where = pio->file;
            }
        }
        /* the outermost word stands: an examples/ directory's tests/ are still examples */
        if (k >= dlen || d.role != MM_ROLE_PRODUCT)
            break;
        const char *next = strchr(path + k + (k > 0), '/');
        if (!next || (size_t)(next - path) > dlen)
            k = dlen;
        else
            k = (size_t)(next - path);
    }
    pthread_mutex_unlock(&r->mu);
    const char *base = mm_path_base(path);
    if (*base && native_config(base) && d.role == MM_ROLE_PRODUCT) {
        d.role = MM_ROLE_SIMULATOR;
        d.by = MM_ROLE_BY_CONVENTION;
        d.at = (uint32_t)strlen(path);
        d.what = "the board configuration of a host build";
        d.where = NULL;
    }
    /* a sketch in a library is the library's example: PlatformIO builds a library's .c/.cpp
     * and converts only the project's own src_dir sketches, the Arduino IDE likewise */
    if (in_pio_lib && d.role == MM_ROLE_PRODUCT && d.by != MM_ROLE_BY_POLICY &&
        (mm_str_ends(base, ".ino") || mm_str_ends(base, ".pde"))) {
        d.role = MM_ROLE_EXAMPLE;
        d.by = MM_ROLE_BY_CONVENTION;
        d.at = (uint32_t)strlen(path);
        d.what = "a sketch inside a library, which no build of the project compiles";
        d.where = NULL;
    }
    if (*base && d.role == MM_ROLE_PRODUCT && d.by != MM_ROLE_BY_POLICY && template_file(base)) {
        d.role = MM_ROLE_EXAMPLE;
        d.by = MM_ROLE_BY_CONVENTION;
        d.at = (uint32_t)strlen(path);
        d.what = "a template to copy before building";
        d.where = NULL;
    }
    if (d.role == MM_ROLE_PRODUCT && d.by != MM_ROLE_BY_POLICY && replaced_by_overlay(r, path)) {
        d.role = MM_ROLE_VENDORED;
        d.by = MM_ROLE_BY_CONVENTION;
        d.at = (uint32_t)strlen(path);
        d.what = "OpenWrt's base-files copy, which the files/ overlay replaces in the image";
        d.where = NULL;
    }
    if (r->units && d.role != MM_ROLE_PRODUCT && d.by != MM_ROLE_BY_POLICY &&
        unit_of_build(r, path)) {
        d.role = MM_ROLE_PRODUCT;
        d.by = MM_ROLE_BY_BUILD;
        d.at = (uint32_t)strlen(path);
        d.what = "a translation unit of the compilation database";
        d.where = NULL;
    }
    return d;
}

static const vendored_dir *vendored_of(const mm_roles *r, const char *path, size_t blen)
{
    const vendored_dir *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < r->vendored.n; i++) {
        const vendored_dir *v = &r->vendored.v[i];
        size_t n = strlen(v->dir);
        if (n > best_len && n > blen && dir_prefix(v->dir, n, path) && path[n] == '/') {
            best = v;
            best_len = n;
        }
    }
    return best;
}

const char *mm_roles_component_of(const mm_roles *r, const char *path)
{
    if (!r->vendored.n)
        return NULL;
    bool base_project;
    const vendored_dir *v = vendored_of(r, path, base_of(r, path, &base_project));
    return v ? v->name : NULL;
}

mm_role_decision mm_roles_decide(mm_roles *r, const char *path, mm_role content,
                                 const char *content_why)
{
    mm_role_decision d = by_path(r, path);
    if (d.by == MM_ROLE_BY_POLICY)
        return d;
    mm_role_decision c = {content, MM_ROLE_BY_CONTENT, (uint32_t)strlen(path), content_why,
                          NULL, 0, 0};
    if (content == MM_ROLE_GENERATED)
        return c; /* what rules read it is the file's own matter */
    bool base_project;
    const vendored_dir *v =
        r->vendored.n ? vendored_of(r, path, base_of(r, path, &base_project)) : NULL;
    /* a component's directory is vendored where nothing above it said otherwise (the outermost
     * word stands: a component among the examples is an example); it names the component
     * that a third_party/ directory holds */
    if (v && (d.role == MM_ROLE_PRODUCT ||
              (d.role == MM_ROLE_VENDORED && d.by == MM_ROLE_BY_CONVENTION))) {
        mm_role_decision vd = {MM_ROLE_VENDORED, MM_ROLE_BY_COMPONENT, (uint32_t)strlen(v->dir),
                               v->name, v->manifest, 0, 0};
        return vd;
    }
    if (d.role != MM_ROLE_PRODUCT || content == MM_ROLE_PRODUCT)
        return d;
    return c;
}

static int cmp_content(const void *a, const void *b)
{
    return strcmp(((const mm_content_role *)a)->path, ((const mm_content_role *)b)->path);
}

mm_role_decision mm_roles_of(const mm_scan *s, const char *path)
{
    mm_content_role key = {(char *)path, MM_ROLE_PRODUCT, NULL};
    const mm_content_role *c =
        s->content_roles.n ? bsearch(&key, s->content_roles.v, s->content_roles.n,
                                     sizeof key, cmp_content)
                           : NULL;
    return mm_roles_decide(s->roles, path, c ? c->role : MM_ROLE_PRODUCT, c ? c->why : NULL);
}

static int cmp_vendored(const void *a, const void *b)
{
    return strcmp(((const vendored_dir *)a)->dir, ((const vendored_dir *)b)->dir);
}

/* Text without blanks, for comparing license files that differ only in layout. */
static void squeeze(mm_buf *b, const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && t[i] != '\r')
            mm_buf_putc(b, t[i]);
    }
}

/* The tree's own license text (LICENSE, COPYING ... at the root), squeezed; NULL when none. */
static char *root_license(const mm_roles *r)
{
    static const char *const names[] = {"LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE",
                                        "COPYING", "COPYING.txt"};
    for (size_t i = 0; i < MM_ARRAY_LEN(names); i++) {
        if (!has_file(r, names[i]))
            continue;
        size_t len = 0;
        char *t = read_rel(r, names[i], &len);
        if (!t)
            continue;
        mm_buf b = {0};
        squeeze(&b, t, len);
        free(t);
        return mm_buf_cstr(&b);
    }
    return NULL;
}

/* Is a component the tree's own rather than a copy of someone else's? The inventory says so of
 * components whose manifest names this repository (first_party); one more sign it cannot see:
 * nothing but a license file makes it a component, and that license file is the tree's own,
 * word for word (an SDK's components/<name>/LICENSE). */
static bool own_component(const mm_roles *r, const mm_comp *mc, const char *own_license)
{
    if (!own_license)
        return false;
    const mm_component *lic = NULL;
    for (size_t i = 0; i < mc->evidence.n; i++) {
        const mm_component *e = mc->evidence.v[i];
        if (strcmp(e->source, "license-file") != 0)
            return false; /* a manifest or a version of its own: a component of its own */
        lic = e;
    }
    if (!lic || !lic->path)
        return false;
    size_t len = 0;
    char *t = read_rel(r, lic->path, &len);
    if (!t)
        return false;
    mm_buf b = {0};
    squeeze(&b, t, len);
    free(t);
    bool same = b.len && !strcmp(mm_buf_cstr(&b), own_license);
    mm_buf_free(&b);
    return same;
}

/* Does the component at dir hold most of the tree? Then the tree is that component with its
 * changes (IoTGoat is OpenWrt and its overlay), the product itself, not code beside it. */
static bool fork_of(const mm_roles *r, const char *dir, size_t dl)
{
    if (!r->tree || !r->ntree)
        return false;
    size_t below = 0;
    for (size_t i = 0; i < r->ntree; i++)
        below += !strncmp(r->tree[i], dir, dl) && r->tree[i][dl] == '/';
    return below * 2 > r->ntree;
}

void mm_roles_set_vendored(mm_roles *r, const mm_inventory *inv)
{
    char *own = NULL;
    bool own_read = false;
    for (size_t i = 0; inv && i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        const char *dir = mc->c.dir;
        if (mc->first_party)
            continue; /* a component the tree develops is the product, not someone's copy */
        /* present in the tree, in a directory of its own below the root */
        if (!dir || !dir[0] || !strcmp(dir, ".") || !mc->c.name || !mc->c.name[0])
            continue;
        size_t dl = strlen(dir);
        while (dl && dir[dl - 1] == '/')
            dl--;
        bool dup = false;
        for (size_t k = 0; k < r->vendored.n && !dup; k++)
            dup = strlen(r->vendored.v[k].dir) == dl && !strncmp(r->vendored.v[k].dir, dir, dl);
        if (dup)
            continue;
        if (!own_read) {
            own = root_license(r);
            own_read = true;
        }
        if (own_component(r, mc, own) || fork_of(r, dir, dl))
            continue;
        const mm_component *at = mc->at ? mc->at : &mc->c;
        vendored_dir vd = {mm_xstrndup(dir, dl), mm_xstrdup(mc->c.name),
                           at->path ? mm_xstrdup(at->path) : NULL};
        mm_vec_push(&r->vendored, vd);
    }
    free(own);
    mm_sort(r->vendored.v, r->vendored.n, sizeof *r->vendored.v, cmp_vendored);
}

/* --- a file's own content ----------------------------------------------------------------- */

/* "Generated ... DO NOT EDIT" near the top: both within a few lines of each other. */
static bool generated_marker(const char *data, size_t len)
{
    char low[2049];
    size_t n = len < 2048 ? len : 2048;
    for (size_t i = 0; i < n; i++) {
        char c = data[i];
        low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c ? c : ' ';
    }
    low[n] = 0;
    if (strstr(low, "@generated"))
        return true;
    const char *g = strstr(low, "generated");
    if (!g)
        return false;
    static const char *const stop[] = {"do not edit", "do not modify", "don't edit",
                                       "dont edit", "do not change", "edits will be lost",
                                       "changes will be lost", "will be overwritten"};
    size_t at = (size_t)(g - low);
    size_t from = at > 240 ? at - 240 : 0, to = at + 240 < n ? at + 240 : n;
    for (size_t i = 0; i < MM_ARRAY_LEN(stop); i++) {
        if (memmem(low + from, to - from, stop[i], strlen(stop[i])))
            return true;
    }
    return false;
}

/* The bytes a data array is written with: hex and decimal digits, "x", commas, blanks. */
static bool data_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
           c == 'x' || c == 'X' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A data header: almost all of it hex or decimal bytes, commas and blanks. A sample from the
 * middle of the file decides most files at once. */
static bool byte_array(const char *data, size_t len)
{
    if (len < 8192)
        return false;
    size_t other = 0;
    for (size_t i = len / 2; i < len / 2 + 512; i++)
        other += !data_byte((unsigned char)data[i]);
    if (other > 64)
        return false;
    other = 0;
    size_t limit = len / 10;
    for (size_t i = 0; i < len; i++) {
        if (!data_byte((unsigned char)data[i]) && ++other > limit)
            return false;
    }
    return true;
}

/* A unit-test framework's header: the file is a test. */
static const char *test_header(const char *name, size_t n)
{
    static const char *const hdr[] = {
        "unity.h", "unity_fixture.h", "ztest.h", "zephyr/ztest.h", "gtest/gtest.h",
        "gmock/gmock.h", "cmock.h", "CppUTest/TestHarness.h", "CppUTest/CommandLineTestRunner.h",
        "CppUTestExt/MockSupport.h", "cmocka.h", "criterion/criterion.h", "catch.hpp",
        "catch2/catch.hpp", "catch2/catch_test_macros.hpp", "doctest.h", "doctest/doctest.h",
        "acutest.h", "munit.h", "fff.h", "boost/test/unit_test.hpp", "embUnit/embUnit.h",
        "greatest.h", "utest.h"};
    for (size_t i = 0; i < MM_ARRAY_LEN(hdr); i++) {
        if (strlen(hdr[i]) == n && !memcmp(name, hdr[i], n))
            return hdr[i];
    }
    return NULL;
}

static bool windows_macro(const char *s, size_t n)
{
    static const char *const m[] = {"_WIN32", "WIN32", "_WIN64", "WINDOWS", "_WINDOWS",
                                    "__MINGW32__", "__CYGWIN__"};
    for (size_t i = 0; i < MM_ARRAY_LEN(m); i++) {
        if (strlen(m[i]) == n && !memcmp(s, m[i], n))
            return true;
    }
    return false;
}

/* Does a #if/#elif expression test for Windows (defined(_WIN32), _WIN32, without a "!")? */
static bool windows_expr(const char *p, const char *e)
{
    bool neg = false;
    for (const char *q = p; q < e;) {
        if (*q == '!' && !(q + 1 < e && q[1] == '=')) {
            neg = true;
            q++;
            continue;
        }
        if (*q == '|' || *q == '&') {
            neg = false;
            q++;
            continue;
        }
        if (mm_ident_char(*q)) {
            const char *s = q;
            while (q < e && mm_ident_char(*q))
                q++;
            if (windows_macro(s, (size_t)(q - s)) && !neg)
                return true;
            continue;
        }
        q++;
    }
    return false;
}

typedef struct frame {
    bool win;     /* this branch is compiled only for Windows */
    bool win_neg; /* #ifndef _WIN32: its #else is */
    bool guard;   /* #ifndef X_H (not a Windows macro): an include guard, no condition */
} frame;

/* What the preprocessor lines say of Windows: code lines inside and outside branches built only
 * for Windows (#ifdef _WIN32, WINDOWS, _MSC_VER ...), an unconditional windows.h. */
typedef struct win_scan {
    bool include_win, code_in, code_out;
    unsigned guard_line;       /* the first line that says Windows */
    MM_VEC(uint32_t) spans;    /* whole: [start, end) of the code in Windows-only branches */
} win_scan;

/* Reads the lines of data; stops at the first code outside a Windows branch unless whole. */
static void scan_windows(const char *data, size_t len, bool whole, win_scan *ws)
{
    MM_VEC(frame) st = {0};
    bool comment = false;
    unsigned ln = 0;
    const char *end = data + len;
    for (const char *p = data; p < end && (whole || !ws->code_out);) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        ln++;
        const char *line = p;
        const char *q = p;
        p = eol + 1;
        while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (comment) {
            const char *c = memmem(q, (size_t)(eol - q), "*/", 2);
            if (!c)
                continue;
            comment = false;
            q = c + 2;
            while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++;
        }
        if (q >= eol || (q + 1 < eol && q[0] == '/' && q[1] == '/'))
            continue;
        if (q + 1 < eol && q[0] == '/' && q[1] == '*') {
            const char *c = memmem(q + 2, (size_t)(eol - q - 2), "*/", 2);
            if (!c) {
                comment = true;
                continue;
            }
            q = c + 2;
            while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++;
            if (q >= eol)
                continue;
        }
        if (*q == '#') {
            q++;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            const char *w = q;
            while (q < eol && mm_ident_char(*q))
                q++;
            size_t wn = (size_t)(q - w);
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            const char *ident = q;
            while (q < eol && mm_ident_char(*q))
                q++;
            size_t in = (size_t)(q - ident);
            if (wn == 5 && !strncmp(w, "ifdef", 5)) {
                frame f = {windows_macro(ident, in), false, false};
                if (f.win && !ws->guard_line)
                    ws->guard_line = ln;
                mm_vec_push(&st, f);
            } else if (wn == 6 && !strncmp(w, "ifndef", 6)) {
                bool wm = windows_macro(ident, in);
                frame f = {false, wm, !wm};
                mm_vec_push(&st, f);
            } else if (wn == 2 && !strncmp(w, "if", 2)) {
                frame f = {windows_expr(ident, eol), false, false};
                if (f.win && !ws->guard_line)
                    ws->guard_line = ln;
                mm_vec_push(&st, f);
            } else if (wn == 4 && !strncmp(w, "elif", 4) && st.n) {
                st.v[st.n - 1].win = windows_expr(ident, eol);
                st.v[st.n - 1].win_neg = st.v[st.n - 1].guard = false;
            } else if (wn == 4 && !strncmp(w, "else", 4) && st.n) {
                st.v[st.n - 1].win = st.v[st.n - 1].win_neg;
                st.v[st.n - 1].win_neg = st.v[st.n - 1].guard = false;
            } else if (wn == 5 && !strncmp(w, "endif", 5) && st.n) {
                st.n--;
            } else if (wn == 7 && !strncmp(w, "include", 7)) {
                /* outside any #if (an #ifndef X_H include guard does not count) */
                bool conditional = false;
                for (size_t i = 0; i < st.n; i++)
                    conditional |= !st.v[i].guard;
                const char *h = ident;
                while (h < eol && *h != '<' && *h != '"')
                    h++;
                if (!conditional && h < eol &&
                    (!strncasecmp(h + 1, "windows.h", 9) ||
                     !strncasecmp(h + 1, "winsock2.h", 10) || !strncasecmp(h + 1, "conio.h", 7))) {
                    ws->include_win = true;
                    if (!ws->guard_line)
                        ws->guard_line = ln;
                }
            }
            continue;
        }
        bool in_win = false;
        for (size_t i = 0; i < st.n && !in_win; i++)
            in_win = st.v[i].win;
        if (!in_win) {
            ws->code_out = true;
            continue;
        }
        ws->code_in = true;
        if (whole) {
            uint32_t a = (uint32_t)(line - data), b = (uint32_t)(eol - data);
            if (ws->spans.n && ws->spans.v[ws->spans.n - 1] == a - 1)
                ws->spans.v[ws->spans.n - 1] = b;
            else {
                mm_vec_push(&ws->spans, a);
                mm_vec_push(&ws->spans, b);
            }
        }
    }
    mm_vec_free(&st);
}

/* Did the prefilter see _WIN32, WINDOWS or windows.h (MM_TRIG_WINDOWS), "generated"? A file
 * guarded by _MSC_VER alone is not taken for a host build: that names a compiler. */
static bool said(const mm_file *f, unsigned trigger)
{
    return (f->internal_hits >> trigger) & 1u;
}

/* Built only for Windows: every line of code lies in a Windows branch, or the file includes
 * windows.h outside any conditional. *line: where it says so. */
static bool windows_only(const char *data, size_t len, unsigned *line)
{
    win_scan ws;
    memset(&ws, 0, sizeof ws);
    scan_windows(data, len, false, &ws);
    *line = ws.guard_line;
    return ws.include_win || (ws.code_in && !ws.code_out);
}

void mm_roles_mark_host_code(mm_file *f)
{
    if ((f->kind != MM_KIND_C && f->kind != MM_KIND_CPP) || !f->findings.n ||
        !said(f, MM_TRIG_WINDOWS))
        return;
    win_scan ws;
    memset(&ws, 0, sizeof ws);
    scan_windows(f->data, f->len, true, &ws);
    for (size_t i = 0; i < f->findings.n && ws.spans.n; i++) {
        mm_finding *fd = &f->findings.v[i];
        for (size_t k = 0; k + 1 < ws.spans.n; k += 2) {
            if (fd->start >= ws.spans.v[k] && fd->start <= ws.spans.v[k + 1]) {
                fd->role = MM_ROLE_SIMULATOR;
                break;
            }
        }
    }
    mm_vec_free(&ws.spans);
}

mm_role mm_roles_content(mm_file *f)
{
    if ((f->kind != MM_KIND_C && f->kind != MM_KIND_CPP) || !f->len)
        return MM_ROLE_PRODUCT;
    if (said(f, MM_TRIG_GENERATED) && generated_marker(f->data, f->len)) {
        f->role_why = "a \"generated, do not edit\" marker";
        return MM_ROLE_GENERATED;
    }
    if (byte_array(f->data, f->len)) {
        f->role_why = "a data header: one big array of bytes";
        return MM_ROLE_GENERATED;
    }
    /* the includes, near the top */
    size_t n = f->len < 8192 ? f->len : 8192;
    const char *end = f->data + n;
    for (const char *h = f->data; (h = memchr(h, '#', (size_t)(end - h))); h++) {
        /* "#  include" at the start of a line */
        const char *b = h;
        while (b > f->data && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > f->data && b[-1] != '\n')
            continue;
        const char *p = h + 1;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (end - p < 8 || memcmp(p, "include", 7) != 0)
            continue;
        const char *q = p + 7;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q >= end || (*q != '"' && *q != '<'))
            continue;
        char close = *q == '"' ? '"' : '>';
        const char *nm = ++q;
        while (q < end && *q != close && *q != '\n')
            q++;
        const char *hdr = q < end && *q == close ? test_header(nm, (size_t)(q - nm)) : NULL;
        if (hdr) {
            unsigned ln = 1;
            for (const char *c = f->data; (c = memchr(c, '\n', (size_t)(p - c))); c++)
                ln++;
            char why[96];
            snprintf(why, sizeof why, "includes %s (line %u): a unit-test framework", hdr, ln);
            f->role_why = mm_arena_strdup(f->arena, why);
            return MM_ROLE_TEST;
        }
    }
    unsigned line;
    if (said(f, MM_TRIG_WINDOWS) && windows_only(f->data, f->len, &line)) {
        char why[96];
        snprintf(why, sizeof why, "built only for Windows (line %u): a host build", line);
        f->role_why = mm_arena_strdup(f->arena, why);
        return MM_ROLE_SIMULATOR;
    }
    return MM_ROLE_PRODUCT;
}

/* --- explaining ------------------------------------------------------------------------------- */

static const char *holds(mm_role r)
{
    switch (r) {
    case MM_ROLE_EXAMPLE: return "holds examples";
    case MM_ROLE_TEST: return "holds tests";
    case MM_ROLE_TOOL: return "holds host tools and scripts";
    case MM_ROLE_SIMULATOR: return "holds a host build of the firmware";
    case MM_ROLE_DOCS: return "holds documentation";
    case MM_ROLE_VENDORED: return "holds third-party code";
    case MM_ROLE_GENERATED: return "holds generated files";
    default: return "is the product";
    }
}

void mm_role_explain(const mm_roles *r, const mm_role_decision *d, const char *path,
                     mm_buf *out)
{
    switch (d->by) {
    case MM_ROLE_BY_POLICY:
        mm_buf_printf(out, "%s:%u:%u: \"%s\"",
                      r->policy && r->policy->path ? mm_path_base(r->policy->path)
                                                   : "mamori.json",
                      d->line, d->col, d->what);
        break;
    case MM_ROLE_BY_BUILD:
        if (d->where)
            mm_buf_printf(out, "build: %s: %s", d->where, d->what);
        else
            mm_buf_printf(out, "build: %s", d->what);
        break;
    case MM_ROLE_BY_CONVENTION: {
        if (d->what) { /* a file's own name */
            mm_buf_printf(out, "convention: %s is %s", mm_path_base(path), d->what);
            break;
        }
        const char *e = path + d->at;
        const char *st = e;
        while (st > path && st[-1] != '/')
            st--;
        mm_buf_printf(out, "convention: %.*s/ %s", (int)(e - st), st, holds(d->role));
        break;
    }
    case MM_ROLE_BY_CONTENT:
        mm_buf_printf(out, "content: %s", d->what ? d->what : "?");
        break;
    case MM_ROLE_BY_COMPONENT:
        mm_buf_printf(out, "component %s", d->what);
        if (d->where)
            mm_buf_printf(out, " (%s)", d->where);
        break;
    default: {
        bool project;
        size_t blen = base_of(r, path, &project);
        bool top = !path[0] || (blen && strlen(path) <= blen + 1);
        mm_buf_puts(out, !top          ? "nothing says otherwise"
                         : r->bases.n ? "the scanned directory"
                                      : "the scanned tree");
        break;
    }
    }
}

/* --- `mamori roles` ----------------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t find_dir(char *const *dirs, size_t n, const char *d)
{
    char *const *hit = bsearch(&d, dirs, n, sizeof *dirs, cmp_str);
    return hit ? (size_t)(hit - dirs) : SIZE_MAX;
}

static void put_line(const mm_scan *s, const char *shown, const char *path,
                     const mm_role_decision *d, mm_buf *out)
{
    mm_buf_printf(out, "%s\t%s\t", shown, mm_role_names[d->role]);
    mm_role_explain(s->roles, d, path, out);
    mm_buf_putc(out, '\n');
}

void mm_roles_report(const mm_scan *s, bool all, mm_buf *out)
{
    /* every directory of the tree, sorted ("" is the root) */
    MM_VEC(char *) dirs = {0};
    mm_strset seen = {0};
    mm_vec_push(&dirs, mm_xstrdup(""));
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *p = s->paths.v[i];
        for (const char *sl = strchr(p, '/'); sl; sl = strchr(sl + 1, '/')) {
            char *d = mm_xstrndup(p, (size_t)(sl - p));
            if (mm_strset_has(&seen, d)) {
                free(d);
                continue;
            }
            mm_strset_add(&seen, d);
            mm_vec_push(&dirs, d);
        }
    }
    mm_sort(dirs.v, dirs.n, sizeof *dirs.v, cmp_str);
    /* a directory's decision is that of what lies in it ("dir/") */
    mm_role_decision *dec = mm_xcalloc(dirs.n, sizeof *dec);
    for (size_t i = 0; i < dirs.n; i++) {
        char *probe = dirs.v[i][0] ? mm_xasprintf("%s/", dirs.v[i]) : mm_xstrdup("");
        dec[i] = mm_roles_decide(s->roles, probe, MM_ROLE_PRODUCT, NULL);
        free(probe);
    }
    for (size_t i = 0; i < dirs.n; i++) {
        const char *d = dirs.v[i];
        const char *slash = strrchr(d, '/');
        size_t parent = 0;
        if (slash) {
            char *pd = mm_xstrndup(d, (size_t)(slash - d));
            parent = find_dir(dirs.v, dirs.n, pd);
            free(pd);
        }
        if (!d[0] || all || dec[i].role != dec[parent].role) {
            char *probe = d[0] ? mm_xasprintf("%s/", d) : mm_xstrdup("");
            put_line(s, d[0] ? probe : ".", probe, &dec[i], out);
            free(probe);
        }
    }
    /* files whose role is not their directory's */
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *p = s->paths.v[i];
        mm_role_decision fd = mm_roles_of(s, p);
        const char *slash = strrchr(p, '/');
        char *dir = slash ? mm_xstrndup(p, (size_t)(slash - p)) : mm_xstrdup("");
        size_t k = find_dir(dirs.v, dirs.n, dir);
        free(dir);
        if (k != SIZE_MAX && fd.role != dec[k].role)
            put_line(s, p, p, &fd, out);
    }
    for (size_t i = 0; i < dirs.n; i++)
        free(dirs.v[i]);
    mm_vec_free(&dirs);
    free(dec);
    mm_strset_free(&seen);
}
