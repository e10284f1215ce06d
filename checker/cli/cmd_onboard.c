/* cmd_onboard.c: adopting mamori on a code base — `mamori init` writes a commented mamori.json
 * for the ecosystem it finds, `mamori baseline` records today's findings as accepted risks so
 * that only new findings fail. Both write files atomically and never clobber silently. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/version.h"
#include "cli/cli.h"
#include "core/policy.h"
#include "core/ruleset.h"
#include "core/scan.h"
#include "inputs/cache.h"
#include "inputs/input.h"
#include "inputs/worktree.h"
#include "project/inventory.h"

/* "product" (name, support_until, security_contact, threat_model) is read by the repository
 * rules policy-support-period, policy-security-policy-missing and policy-threat-model
 * (hygiene.c). Init writes it live only with the values given on its command line; a
 * placeholder ("YYYY-MM-DD", an example address) would be rejected by the loader or taken at
 * its word by the rules, so without them the section stays a comment to fill in. */

static bool valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    }
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void today(char out[11])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static bool exists(const char *p)
{
    struct stat st;
    return lstat(p, &st) == 0;
}

/* === init ==================================================================================== */

/* What a shallow walk of the tree saw: names, relative paths, a few contents. */
typedef struct tree_seen {
    MM_VEC(char *) files; /* root-relative */
} tree_seen;

static bool skip_dir(const char *name)
{
    static const char *const skip[] = {".git", "build", "node_modules", ".pio", "managed_components",
                                       "out", ".venv", "__pycache__", NULL};
    for (const char *const *s = skip; *s; s++) {
        if (!strcmp(name, *s))
            return true;
    }
    return name[0] == '.' && strcmp(name, ".config") != 0;
}

static bool seen_file(const char *abs, const char *rel, void *arg)
{
    (void)abs;
    tree_seen *t = arg;
    mm_vec_push(&t->files, mm_xstrdup(rel));
    return t->files.n <= 20000;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_file(const tree_seen *t, const char *glob)
{
    for (size_t i = 0; i < t->files.n; i++) {
        if (mm_glob_match(glob, t->files.v[i]))
            return true;
    }
    return false;
}

/* Does some file matching glob contain needle (first 64 KiB)? */
static bool file_says(const tree_seen *t, const char *root, const char *glob, const char *needle)
{
    for (size_t i = 0; i < t->files.n; i++) {
        if (!mm_glob_match(glob, t->files.v[i]))
            continue;
        char *p = mm_xasprintf("%s/%s", root, t->files.v[i]);
        char *text;
        size_t len;
        mm_err err;
        bool hit = false;
        if (mm_read_file(p, 64 << 10, &text, &len, &err) == 0) {
            hit = memmem(text, len, needle, strlen(needle)) != NULL;
            free(text);
        }
        free(p);
        if (hit)
            return true;
    }
    return false;
}

typedef struct ecosystem {
    const char *id, *name;
    const char *const *configs; /* globs of the configuration files its release build reads */
    const char *why;            /* the file that told */
} ecosystem;

static const char *const esp_configs[] = {"sdkconfig", "sdkconfig.defaults", "sdkconfig.defaults.*",
                                          "sdkconfig.*", NULL};
static const char *const zephyr_configs[] = {"prj.conf", "prj_*.conf", "boards/*.conf",
                                             "*.overlay", "boards/*.overlay", "sysbuild.conf", NULL};
static const char *const pio_configs[] = {"platformio.ini", NULL};
static const char *const arduino_configs[] = {"*.ino", NULL};
static const char *const stm32_configs[] = {"*.ioc", NULL};
static const char *const br_configs[] = {"configs/*_defconfig", "*_defconfig", NULL};
static const char *const openwrt_configs[] = {".config", "diffconfig", "*.config", NULL};

/* The first ecosystem whose marks are in the tree; most specific first. */
static ecosystem detect(const tree_seen *t, const char *root)
{
    ecosystem e = {"plain", "a plain project", NULL, NULL};
    if (file_says(t, root, "CMakeLists.txt", "tools/cmake/project.cmake") ||
        file_says(t, root, "CMakeLists.txt", "idf_component_register") ||
        has_file(t, "sdkconfig.defaults") || has_file(t, "idf_component.yml"))
        return (ecosystem){"esp-idf", "ESP-IDF", esp_configs, "CMakeLists.txt / sdkconfig"};
    if (file_says(t, root, "west.yml", "sdk-nrf") || file_says(t, root, "west.yml", "nrfconnect"))
        return (ecosystem){"ncs", "nRF Connect SDK (Zephyr)", zephyr_configs, "west.yml"};
    if (has_file(t, "prj.conf") || file_says(t, root, "CMakeLists.txt", "find_package(Zephyr") ||
        has_file(t, "zephyr/module.yml") || has_file(t, "west.yml"))
        return (ecosystem){"zephyr", "Zephyr", zephyr_configs, "prj.conf / west.yml"};
    if (has_file(t, "platformio.ini"))
        return (ecosystem){"platformio", "PlatformIO", pio_configs, "platformio.ini"};
    if (has_file(t, "*.ino") || has_file(t, "library.properties"))
        return (ecosystem){"arduino", "Arduino", arduino_configs, "*.ino"};
    if (has_file(t, "*.ioc") || has_file(t, "Drivers/STM32*_HAL_Driver/**"))
        return (ecosystem){"stm32cube", "STM32Cube", stm32_configs, "*.ioc"};
    if (has_file(t, "external.desc") || file_says(t, root, "*_defconfig", "BR2_"))
        return (ecosystem){"buildroot", "Buildroot", br_configs, "external.desc / BR2_ defconfig"};
    if (has_file(t, "feeds.conf.default") || has_file(t, "feeds.conf") ||
        file_says(t, root, "Makefile", "$(INCLUDE_DIR)/package.mk"))
        return (ecosystem){"openwrt", "OpenWrt", openwrt_configs, "feeds.conf / package.mk"};
    if (has_file(t, "CMakeLists.txt"))
        e = (ecosystem){"cmake", "a CMake project", NULL, "CMakeLists.txt"};
    else if (has_file(t, "Makefile") || has_file(t, "makefile") || has_file(t, "GNUmakefile"))
        e = (ecosystem){"make", "a Make project", NULL, "Makefile"};
    return e;
}

static void json_str(mm_buf *b, const char *s)
{
    mm_buf_json_str(b, s, strlen(s));
}

/* Length of the valid UTF-8 sequence at s, or 0 for an invalid byte. */
static size_t utf8_at(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    uint32_t cp;
    size_t len = mm_utf8_seq(p, strlen(s), &cp);
    return cp == 0xFFFD && !(len == 3 && p[0] == 0xEF) ? 0 : len;
}

static bool utf8_ok(const char *s)
{
    if (!s)
        return true;
    for (size_t len; *s; s += len) {
        if (!(len = utf8_at(s)))
            return false;
    }
    return true;
}

/* Text for a // comment: one line of UTF-8, control characters and invalid bytes shown as '?'. */
static void comment_text(mm_buf *b, const char *s)
{
    for (size_t len; *s; s += len) {
        len = utf8_at(s);
        if (!len || (unsigned char)*s < 0x20 || *s == 0x7f) {
            mm_buf_putc(b, '?');
            len = 1;
        } else {
            mm_buf_put(b, s, len);
        }
    }
}

/* Can an entry say what the tree says of c? JSON is UTF-8: a name or path with other bytes
 * would be written with U+FFFD in their place, and name nothing. */
static bool declarable(const mm_component *c)
{
    const char *fields[] = {c->name,    c->group, c->version, c->supplier, c->license,
                            c->purl,    c->cpe,   c->dir,     c->support_until};
    for (size_t i = 0; i < MM_ARRAY_LEN(fields); i++) {
        if (!utf8_ok(fields[i]))
            return false;
    }
    return true;
}

/* Does the reference fix the version (a range, a branch or nothing is no version to declare,
 * unless a lock file states the one it resolved to)? */
static bool unpinned(const mm_component *c)
{
    return (c->pin == MM_PIN_RANGE || c->pin == MM_PIN_BRANCH || c->pin == MM_PIN_NONE) &&
           !(c->evidence & MM_EV_LOCKED);
}

static bool exact_version(const mm_component *c)
{
    return c->version && *c->version && !unpinned(c);
}

/* What an entry's "name" says: "group/name" for a registry component without a directory (the
 * loader splits that into group and name), else the name. */
static char *entry_name(const mm_component *c)
{
    if (c->group && *c->group && !(c->dir && *c->dir))
        return mm_xasprintf("%s/%s", c->group, c->name);
    return mm_xstrdup(c->name);
}

/* The declaration the policy loader makes of mc's entry (as components.c does for the policy),
 * with or without its purl and version; *split is the group string it allocates. */
static void entry_declaration(const mm_component *c, const char *name, bool purl, bool version,
                              mm_component *d, char **split)
{
    memset(d, 0, sizeof *d);
    d->role = MM_COMP_DECLARED;
    d->source = "policy";
    bool has_dir = c->dir && *c->dir;
    const char *slash = strchr(name, '/');
    *split = NULL;
    if (slash && !has_dir) {
        d->group = *split = mm_xstrndup(name, (size_t)(slash - name));
        d->name = (char *)slash + 1;
    } else {
        d->name = (char *)name;
    }
    d->version = version && exact_version(c) ? c->version : NULL;
    d->purl = purl ? c->purl : NULL;
    d->dir = has_dir ? c->dir : NULL;
}

/* Does the declaration give b a version that is not b's (b has another, or none: the merge would
 * take the declared one)? That is component-version-mismatch, or a wrong version in the SBOM. */
static bool version_conflict(const mm_component *d, const mm_comp *b)
{
    if (!d->version)
        return false;
    if (!b->c.version)
        return true;
    return !mm_component_same_version(d->version, b->c.version) &&
           !(b->c.commit && mm_component_same_version(d->version, b->c.commit));
}

/* Which of purl and version the entry of found[i] carries: all it has, unless the declaration
 * would then also name another component whose version it contradicts (two RIOT packages from
 * one repository share a purl; two libraries of one name in two PlatformIO environments share
 * the name) — then without the purl, else without the version. The entry must still name
 * found[i] itself. */
static void entry_fields(const mm_inventory *inv, size_t i, bool *with_purl, bool *with_version)
{
    static const bool tries[][2] = {{true, true}, {false, true}, {true, false}, {false, false}};
    const mm_comp *mc = &inv->found.v[i];
    char *name = entry_name(&mc->c);
    *with_purl = *with_version = true;
    for (size_t t = 0; t < MM_ARRAY_LEN(tries); t++) {
        mm_component d;
        char *split;
        entry_declaration(&mc->c, name, tries[t][0], tries[t][1], &d, &split);
        bool ok = mm_component_declares(&d, mc);
        for (size_t j = 0; j < inv->found.n && ok && d.version; j++) {
            if (j != i && mm_component_declares(&d, &inv->found.v[j]) &&
                version_conflict(&d, &inv->found.v[j]))
                ok = false;
        }
        free(split);
        if (ok) {
            *with_purl = tries[t][0];
            *with_version = tries[t][1];
            break;
        }
    }
    free(name);
}

/* One line of "components": what the tree says of found[i], nothing more, in the policy's keys,
 * and where it was found. The entry names it as the next scan merges it: by its directory when
 * it has one, else by "group/name" or the name, and its purl. */
static void component_entry(mm_buf *b, const mm_inventory *inv, size_t i, bool last)
{
    const mm_comp *mc = &inv->found.v[i];
    const mm_component *c = &mc->c;
    bool with_purl, with_version;
    entry_fields(inv, i, &with_purl, &with_version);
    char *name = entry_name(c);
    mm_buf_puts(b, "    {\"name\": ");
    json_str(b, name);
    free(name);
    struct {
        const char *key, *value;
    } fields[] = {
        {"version", with_version && exact_version(c) ? c->version : NULL},
        {"supplier", c->supplier},
        {"license", c->license},
        {"purl", with_purl ? c->purl : NULL},
        {"cpe", c->cpe},
        {"path", c->dir},
        {"support_until", c->support_until},
    };
    for (size_t k = 0; k < MM_ARRAY_LEN(fields); k++) {
        if (!fields[k].value || !*fields[k].value)
            continue;
        mm_buf_printf(b, ", \"%s\": ", fields[k].key);
        json_str(b, fields[k].value);
    }
    mm_buf_puts(b, last ? "}  // " : "},  // ");
    const mm_component *at = mc->at ? mc->at : c;
    comment_text(b, mm_component_source_label(at->source));
    mm_buf_puts(b, ", ");
    comment_text(b, at->path ? at->path : "?");
    if (at->line)
        mm_buf_printf(b, ":%u", at->line);
    if (unpinned(c)) {
        mm_buf_puts(b, "; not pinned to a version");
        if (c->pin_text && *c->pin_text && c->pin_text[0] != '(') {
            mm_buf_puts(b, ": ");
            comment_text(b, c->pin_text);
        }
    } else if (c->pin == MM_PIN_RANGE && c->pin_text) {
        mm_buf_puts(b, "; the range ");
        comment_text(b, c->pin_text);
        mm_buf_puts(b, " is fixed by a lock file");
    }
    if (exact_version(c) && !with_version) {
        mm_buf_puts(b, "; version ");
        comment_text(b, c->version);
        mm_buf_puts(b, " (not declared: the entry would name another component too)");
    }
    mm_buf_putc(b, '\n');
}

static void component_example(mm_buf *b)
{
    mm_buf_puts(b, "  // \"components\": [{\"name\": \"radio-firmware\", \"version\": \"2.1.0\", "
                   "\"supplier\": \"Acme\", \"license\": \"LicenseRef-Acme\", \"path\": "
                   "\"blobs/radio\"}],\n\n");
}

/* The "components" section: the inventory a scan of root finds with the policy's excludes (the
 * components the next `mamori scan` will find), less those an SBOM document or sbom.yml of the
 * tree declares already. *nwritten gets how many entries were written. */
static int components_section(mm_buf *b, const char *root, const char *policy_path,
                              const char *const *excludes, size_t nexcludes, int jobs,
                              size_t *nwritten, mm_err *err)
{
    *nwritten = 0;
    /* the policy the scan will have, as far as what it reads goes: its excludes */
    mm_policy pol;
    memset(&pol, 0, sizeof pol);
    pol.path = mm_xstrdup(policy_path);
    pol.dir = mm_xstrdup(root);
    for (size_t i = 0; i < nexcludes; i++)
        mm_vec_push(&pol.exclude, mm_xstrdup(excludes[i]));
    mm_scan s;
    memset(&s, 0, sizeof s);
    const char *paths[] = {root};
    s.opts.paths = paths;
    s.opts.npaths = 1;
    s.opts.max_file_size = 4u << 20;
    s.opts.max_line_len = 20000;
    s.opts.jobs = jobs;
    s.policy = &pol;
    mm_ruleset rs;
    memset(&rs, 0, sizeof rs);
    int rc = -1;
    const mm_inventory *inv = mm_inventory_scan(&s, &rs, err);
    if (!inv)
        goto done;
    rc = 0;
    /* the declarations that already cover found components: SBOM documents, sbom.yml files */
    MM_VEC(const char *) decl_files = {0};
    size_t undeclared = 0, by_sbom = 0;
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        if (!mc->decls.n) {
            undeclared++;
            continue;
        }
        by_sbom++;
        for (size_t k = 0; k < mc->decls.n; k++) {
            const char *f = mc->decls.v[k]->path;
            bool dup = false;
            for (size_t j = 0; j < decl_files.n && !dup; j++)
                dup = !strcmp(decl_files.v[j], f);
            if (!dup)
                mm_vec_push(&decl_files, f);
        }
    }
    mm_buf said = {0}; /* "sbom/bom.cdx.json, ..." */
    for (size_t j = 0; j < decl_files.n && j < 3; j++) {
        if (j)
            mm_buf_puts(&said, ", ");
        comment_text(&said, decl_files.v[j]);
    }
    if (decl_files.n > 3)
        mm_buf_printf(&said, " and %zu more", decl_files.n - 3);
    mm_buf_puts(b, "  // third-party components (keys: name, version, supplier, license, purl, cpe,\n"
                   "  // path, support_until): a scan reports each one it finds in a manifest, lock\n"
                   "  // file or vendored tree that neither this list nor an SBOM of the tree\n"
                   "  // declares (component-undeclared). Add what mamori cannot see (binary blobs,\n"
                   "  // vendor libraries), and the supplier and license where they are missing.\n");
    if (by_sbom) {
        mm_buf_printf(b, "  // %zu component%s found in the tree %s declared in %s, so %s not\n"
                             "  // repeated here.\n",
                      by_sbom, by_sbom == 1 ? "" : "s", by_sbom == 1 ? "is" : "are",
                      mm_buf_cstr(&said), by_sbom == 1 ? "it is" : "they are");
    }
    /* what JSON cannot say stays undeclared, and is said so */
    size_t unsayable = 0;
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        if (mc->decls.n || declarable(&mc->c))
            continue;
        unsayable++;
        const mm_component *at = mc->at ? mc->at : &mc->c;
        mm_buf_puts(b, "  // not declared: the component at ");
        comment_text(b, at->path ? at->path : "?");
        mm_buf_printf(b, ":%u, whose name or path is not UTF-8 (a JSON string cannot name it)\n",
                      at->line);
    }
    undeclared -= unsayable;
    if (undeclared) {
        mm_buf_puts(b, "  // Found by `mamori init` (where: after each entry):\n"
                       "  \"components\": [\n");
        size_t left = undeclared;
        for (size_t i = 0; i < inv->found.n; i++) {
            if (!inv->found.v[i].decls.n && declarable(&inv->found.v[i].c))
                component_entry(b, inv, i, --left == 0);
        }
        mm_buf_puts(b, "  ],\n\n");
    } else if (!by_sbom && !unsayable) {
        mm_buf_puts(b, "  // (none found in the tree's manifests, lock files or vendored trees)\n");
        component_example(b);
    } else {
        component_example(b);
    }
    *nwritten = undeclared;
    mm_buf_free(&said);
    mm_vec_free(&decl_files);
done:
    mm_scan_free(&s);
    mm_ruleset_free(&rs);
    mm_policy_free(&pol);
    return rc;
}

static void init_usage(FILE *out)
{
    fprintf(out,
            "usage: mamori init [options] [DIR]\n"
            "\n"
            "Writes a commented mamori.json for the project in DIR (default: the current\n"
            "directory) at the root of the git work tree around it, where mamori scan looks\n"
            "for it (DIR itself outside a work tree): the ecosystem found, its release configurations,\n"
            "the third-party components the tree declares in its manifests, lock files and\n"
            "vendored trees (those an SBOM of the tree lists are left to it), and the product\n"
            "section: support period, security contact, threat model.\n"
            "\n"
            "      --force                 replace an existing policy file\n"
            "  -o, --output FILE           write FILE instead of DIR/mamori.json\n"
            "      --support-until DATE    end of the security support period (YYYY-MM-DD)\n"
            "      --security-contact TEXT where to report vulnerabilities (e-mail address, or a\n"
            "                              mailto:, https:// or tel: URI)\n"
            "      --print                 write the policy to standard output only\n"
            "  -j, --jobs N                parallel workers of the component scan\n");
}

int mm_cmd_init(int argc, char **argv)
{
    static const struct option opts[] = {
        {"force", no_argument, NULL, 'F'},
        {"output", required_argument, NULL, 'o'},
        {"support-until", required_argument, NULL, 'u'},
        {"security-contact", required_argument, NULL, 'c'},
        {"print", no_argument, NULL, 'P'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    bool force = false, print = false;
    int jobs = 0;
    const char *output = NULL, *until = NULL, *contact = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            jobs = atoi(optarg);
            if (jobs < 1 || jobs > 1024)
                return mm_cli_fail(2, "--jobs needs a number from 1 to 1024");
            break;
        case 'F': force = true; break;
        case 'o': output = optarg; break;
        case 'u': until = optarg; break;
        case 'c': contact = optarg; break;
        case 'P': print = true; break;
        case 'h': init_usage(stdout); return 0;
        default: init_usage(stderr); return 2;
        }
    }
    if (argc - optind > 1)
        return mm_cli_fail(2, "init takes one DIR");
    if (until && !valid_date(until))
        return mm_cli_fail(2, "--support-until must be a date YYYY-MM-DD");
    if (contact && !mm_policy_contact_ok(contact))
        return mm_cli_fail(2, "--security-contact must be an e-mail address, or a mailto:, "
                              "https:// or tel: URI");
    const char *dir = optind < argc ? argv[optind] : ".";
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return mm_cli_fail(2, "%s is not a directory", dir);
    /* the policy goes where a scan looks for it: the root of the git work tree around DIR (or
     * DIR itself outside one) */
    char *root = mm_inputs_root(dir);
    if (!root)
        return mm_cli_fail(2, "cannot resolve %s", dir);
    char *named = realpath(dir, NULL);
    if (!output && named && strcmp(named, root) != 0)
        fprintf(stderr,
                "mamori: note: %s is inside the git work tree %s: the policy goes to its root, "
                "where mamori scan looks for it\n",
                dir, root);
    free(named);
    char *out_path = output ? mm_xstrdup(output) : mm_xasprintf("%s/mamori.json", root);
    if (!print && !force && exists(out_path)) {
        int rc = mm_cli_fail(2, "%s exists; mamori init never replaces a policy without --force",
                             out_path);
        free(out_path);
        free(root);
        return rc;
    }

    tree_seen t = {0};
    mm_walk_dir(root, "", 4, skip_dir, seen_file, &t);
    mm_sort(t.files.v, t.files.n, sizeof *t.files.v, cmp_str);
    ecosystem eco = detect(&t, root);

    /* the release configurations: the ecosystem's configuration files found in the tree whose
     * names do not say debug/test/dev (those stay lenient) */
    MM_VEC(const char *) release = {0};
    for (const char *const *g = eco.configs; g && *g; g++) {
        for (size_t i = 0; i < t.files.n; i++) {
            const char *f = t.files.v[i];
            if (!mm_glob_match(*g, f) || strcmp(mm_profile_of(NULL, f), "release") != 0)
                continue;
            bool dup = false;
            for (size_t k = 0; k < release.n && !dup; k++)
                dup = !strcmp(release.v[k], f);
            if (!dup)
                mm_vec_push(&release, f);
        }
    }

    /* build output, and what the ecosystem's tools download into the tree */
    const char *excludes[4] = {"build/", NULL, NULL, NULL};
    if (!strcmp(eco.id, "esp-idf"))
        excludes[1] = "managed_components/";
    if (!strcmp(eco.id, "platformio"))
        excludes[1] = ".pio/";
    size_t nexcludes = excludes[1] ? 2 : 1;

    char date[11];
    today(date);
    mm_buf b = {0};
    mm_buf_printf(&b,
                  "// mamori policy, written by `mamori init` (mamori %s) on %s.\n"
                  "// Ecosystem: %s%s%s%s. Comments are allowed; unknown keys and rule ids are\n"
                  "// errors. Reference: README.md, section \"Policy: mamori.json\".\n"
                  "{\n"
                  "  \"version\": 1,\n"
                  "\n"
                  "  // exit 1 when a finding is at or above this: error, warning, note or never\n"
                  "  \"fail_on\": \"error\",\n"
                  "\n"
                  "  // paths mamori does not read: vendored code you do not maintain, build output\n"
                  "  \"exclude\": [",
                  MAMORI_VERSION, date, eco.name, eco.why ? " (seen: " : "",
                  eco.why ? eco.why : "", eco.why ? ")" : "");
    for (size_t i = 0; i < MM_ARRAY_LEN(excludes) && excludes[i]; i++) {
        if (i)
            mm_buf_puts(&b, ", ");
        json_str(&b, excludes[i]);
    }
    mm_buf_puts(&b, "],\n\n");
    mm_buf_puts(&b, "  // the configurations a shipped product is built with: rules about debug\n"
                    "  // interfaces and the like are errors there, notes in the others\n");
    if (release.n) {
        mm_buf_puts(&b, "  \"profiles\": {\"release\": {\"configs\": [");
        for (size_t i = 0; i < release.n; i++) {
            if (i)
                mm_buf_puts(&b, ", ");
            json_str(&b, release.v[i]);
        }
        mm_buf_puts(&b, "]}},\n\n");
    } else {
        mm_buf_puts(&b, "  // (none found; without this list a configuration whose name says\n"
                        "  // nothing of debug, test or dev counts as release)\n"
                        "  // \"profiles\": {\"release\": {\"configs\": [\"configs/release/*\"]}},\n\n");
    }
    mm_buf_puts(&b, "  // what is not the product: findings in examples, tests, host tools, simulators,\n"
                    "  // vendored and generated code are notes that fail nothing (`mamori roles`\n"
                    "  // shows each directory's role and why); give paths a role, or raise one\n"
                    "  // \"roles\": {\"test\": {\"paths\": [\"qa/**\"]}, "
                    "\"example\": {\"severity\": \"warning\"}},\n\n");
    mm_err err;
    size_t ncomponents = 0;
    if (components_section(&b, root, out_path, excludes, nexcludes, jobs, &ncomponents,
                           &err) < 0) {
        mm_err_print(&err);
        int rc = err.code ? err.code : 3;
        mm_buf_free(&b);
        mm_vec_free(&release);
        for (size_t i = 0; i < t.files.n; i++)
            free(t.files.v[i]);
        mm_vec_free(&t.files);
        free(out_path);
        free(root);
        return rc;
    }
    /* the product: ETSI EN 303 645 5.2-1, 5.3-13; CRA Annex I part II */
    mm_buf_puts(&b, "  // the product: its name, the end of its security support period\n"
                    "  // (policy-support-period; ETSI EN 303 645 5.3-13, CRA Annex I), where\n"
                    "  // vulnerabilities are reported (policy-security-policy-missing; 5.2-1) and\n"
                    "  // its threat model, a URL or a path in the repository (policy-threat-model)\n");
    const char *base = mm_path_base(root);
    if (until || contact) {
        mm_buf_puts(&b, "  \"product\": {");
        if (until) {
            mm_buf_puts(&b, "\"support_until\": ");
            json_str(&b, until);
        }
        if (contact) {
            mm_buf_puts(&b, until ? ", \"security_contact\": " : "\"security_contact\": ");
            json_str(&b, contact);
        }
        mm_buf_puts(&b, "},\n  // more of it: \"name\": ");
        json_str(&b, *base ? base : "my-device");
        mm_buf_printf(&b, ", %s\"threat_model\": \"docs/threat-model.md\"\n\n",
                      !until ? "\"support_until\": \"YYYY-MM-DD\", "
                      : !contact ? "\"security_contact\": \"security@example.com\", "
                                 : "");
    } else {
        mm_buf_puts(&b, "  // \"product\": {\"name\": ");
        json_str(&b, *base ? base : "my-device");
        mm_buf_puts(&b, ", \"support_until\": \"YYYY-MM-DD\",\n"
                        "  //   \"security_contact\": \"security@example.com\", "
                        "\"threat_model\": \"docs/threat-model.md\"},\n\n");
    }
    mm_buf_puts(&b, "  // findings accepted for now, each with a reason: `mamori baseline` adds them\n"
                    "  \"accepted_risks\": []\n"
                    "}\n");

    int rc = 0;
    if (print) {
        fwrite(b.data, 1, b.len, stdout);
    } else if (mm_write_atomic(out_path, b.data, b.len, &err) < 0) {
        mm_err_print(&err);
        rc = 2;
    } else {
        /* what was written must load: a policy that breaks the next scan helps nobody */
        mm_policy p;
        if (mm_policy_load(&p, out_path, &err) < 0) {
            mm_err_print(&err);
            rc = 3;
        }
        mm_policy_free(&p);
    }
    if (rc == 0 && !print) {
        fprintf(stderr, "mamori: wrote %s for %s", out_path, eco.name);
        if (release.n)
            fprintf(stderr, " (%zu release configuration%s)", release.n,
                    release.n == 1 ? "" : "s");
        fputc('\n', stderr);
        if (ncomponents)
            fprintf(stderr, "mamori: %zu third-party component%s declared under \"components\": "
                            "add the supplier and license where the tree does not say them\n",
                    ncomponents, ncomponents == 1 ? "" : "s");
        if (mm_cli_has_command("hook"))
            fprintf(stderr, "mamori: to check every commit before it is made: mamori hook "
                            "install\n");
        fprintf(stderr, "mamori: to accept what is there today and fail only on new findings: "
                        "mamori baseline --owner NAME\n");
    }
    mm_buf_free(&b);
    mm_vec_free(&release);
    for (size_t i = 0; i < t.files.n; i++)
        free(t.files.v[i]);
    mm_vec_free(&t.files);
    free(out_path);
    free(root);
    return rc;
}

/* === baseline ================================================================================ */

/* End of the JSON value starting at off in text whose comments are blanked. */
static size_t value_end(const char *t, size_t len, size_t off)
{
    if (off >= len)
        return len;
    if (t[off] == '"') {
        size_t i = off + 1;
        while (i < len && t[i] != '"')
            i += t[i] == '\\' ? 2 : 1;
        return i < len ? i + 1 : len;
    }
    if (t[off] == '{' || t[off] == '[') {
        int depth = 0;
        for (size_t i = off; i < len; i++) {
            if (t[i] == '"') {
                i = value_end(t, len, i) - 1;
                continue;
            }
            if (t[i] == '{' || t[i] == '[')
                depth++;
            else if ((t[i] == '}' || t[i] == ']') && --depth == 0)
                return i + 1;
        }
        return len;
    }
    size_t i = off;
    while (i < len && !strchr(",]} \t\r\n", t[i]))
        i++;
    return i;
}

/* Inserts entries (lines "    {...}" joined by ",\n") into the container value v (an array, or
 * the root object with a new "accepted_risks" member): a comma after its last item, the new
 * items on their own lines before the closing bracket. Comments and layout elsewhere stay. */
static char *insert_entries(const mm_json_doc *doc, const char *orig, const cJSON *v,
                            const char *items, bool as_member)
{
    size_t len = strlen(orig);
    unsigned l, c;
    size_t start = 0;
    mm_json_where(doc, v, &l, &c, &start);
    size_t close = value_end(doc->text, len, start) - 1; /* the ] or } */
    size_t after_last = (size_t)-1;
    if (v->child) {
        const cJSON *last = v->child;
        while (last->next)
            last = last->next;
        size_t ls = 0;
        mm_json_where(doc, last, &l, &c, &ls);
        after_last = value_end(doc->text, len, ls);
    }
    /* where the closing bracket's line starts, when it stands alone on it */
    size_t at = close;
    size_t ls = close;
    while (ls > 0 && (doc->text[ls - 1] == ' ' || doc->text[ls - 1] == '\t'))
        ls--;
    bool own_line = ls == 0 || doc->text[ls - 1] == '\n';
    mm_buf b = {0};
    mm_buf_put(&b, orig, after_last != (size_t)-1 ? after_last : 0);
    if (after_last != (size_t)-1)
        mm_buf_putc(&b, ',');
    size_t from = after_last != (size_t)-1 ? after_last : 0;
    if (own_line)
        at = ls;
    mm_buf_put(&b, orig + from, at - from);
    if (!own_line)
        mm_buf_putc(&b, '\n');
    if (as_member) {
        mm_buf_puts(&b, "  \"accepted_risks\": [\n");
        mm_buf_puts(&b, items);
        mm_buf_puts(&b, "\n  ]\n");
    } else {
        mm_buf_puts(&b, items);
        mm_buf_putc(&b, '\n');
        if (!own_line) {
            /* "[]" on one line: the closing bracket gets the indentation of the opening line */
            size_t ind = start;
            while (ind > 0 && doc->text[ind - 1] != '\n')
                ind--;
            while (doc->text[ind] == ' ' || doc->text[ind] == '\t')
                mm_buf_putc(&b, doc->text[ind++]);
        }
    }
    mm_buf_puts(&b, orig + at);
    return mm_buf_cstr(&b);
}

static void baseline_usage(FILE *out)
{
    fprintf(out,
            "usage: mamori baseline [options] [PATH...]\n"
            "\n"
            "Scans PATH (default: the current directory) and records every finding it reports\n"
            "as an accepted risk (fingerprint, rule, path) in the policy, so that the scans\n"
            "after it fail only on new findings. The rest of the policy file, comments\n"
            "included, is kept as it is; findings already accepted are not added twice.\n"
            "`mamori scan` reports entries that no longer match a finding (risk-unmatched).\n"
            "\n"
            "      --reason TEXT       why they are accepted (default: \"baseline of DATE\")\n"
            "      --owner NAME        who answers for them\n"
            "      --expires DATE      YYYY-MM-DD after which they count again\n"
            "  -o, --output FILE       the policy file to write (default: the policy in use,\n"
            "                          or mamori.json at the scanned root)\n"
            "      --policy FILE       the policy to scan with (default: mamori.json at the root)\n"
            "      --rules DIR         load the rule pack in DIR as well (repeatable)\n"
            "  -j, --jobs N            parallel workers\n");
}

int mm_cmd_baseline(int argc, char **argv)
{
    static const struct option opts[] = {
        {"reason", required_argument, NULL, 'r'},
        {"owner", required_argument, NULL, 'O'},
        {"expires", required_argument, NULL, 'e'},
        {"output", required_argument, NULL, 'o'},
        {"policy", required_argument, NULL, 'p'},
        {"rules", required_argument, NULL, 'R'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *reason = NULL, *owner = NULL, *expires = NULL, *output = NULL, *policy_arg = NULL;
    MM_VEC(const char *) rule_dirs = {0};
    int jobs = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'r': reason = optarg; break;
        case 'O': owner = optarg; break;
        case 'e': expires = optarg; break;
        case 'o': output = optarg; break;
        case 'p': policy_arg = optarg; break;
        case 'R': mm_vec_push(&rule_dirs, optarg); break;
        case 'j':
            jobs = atoi(optarg);
            if (jobs < 1 || jobs > 1024) {
                mm_vec_free(&rule_dirs);
                return mm_cli_fail(2, "--jobs needs a number from 1 to 1024");
            }
            break;
        case 'h': baseline_usage(stdout); mm_vec_free(&rule_dirs); return 0;
        default: baseline_usage(stderr); mm_vec_free(&rule_dirs); return 2;
        }
    }
    int rc = 2;
    if (expires && !valid_date(expires)) {
        mm_vec_free(&rule_dirs);
        return mm_cli_fail(2, "--expires must be a date YYYY-MM-DD");
    }
    if ((reason && (!reason[0] || strpbrk(reason, "\n\r"))) ||
        (owner && (!owner[0] || strpbrk(owner, "\n\r")))) {
        mm_vec_free(&rule_dirs);
        return mm_cli_fail(2, "--reason and --owner must be one non-empty line");
    }
    mm_scan s;
    memset(&s, 0, sizeof s);
    s.opts.paths = (const char **)argv + optind;
    s.opts.npaths = (size_t)(argc - optind);
    s.opts.max_file_size = 4u << 20;
    s.opts.max_line_len = 20000;
    s.opts.jobs = jobs;
    mm_policy policy;
    memset(&policy, 0, sizeof policy);
    mm_ruleset rs;
    memset(&rs, 0, sizeof rs);
    mm_err err;
    memset(&err, 0, sizeof err);
    char *text = NULL, *newtext = NULL, *out_path = NULL;
    mm_json_doc doc;
    memset(&doc, 0, sizeof doc);
    bool have_policy = false;

    char *root = mm_inputs_root(s.opts.npaths ? s.opts.paths[0] : ".");
    if (!root) {
        rc = mm_cli_fail(2, "%s: no such file or directory", s.opts.npaths ? s.opts.paths[0] : ".");
        goto done;
    }
    char *auto_policy = mm_xasprintf("%s/mamori.json", root);
    const char *pp = policy_arg ? policy_arg : exists(auto_policy) ? auto_policy : NULL;
    if (pp) {
        if (mm_policy_load(&policy, pp, &err) < 0) {
            free(auto_policy);
            mm_err_print(&err);
            goto done;
        }
        have_policy = true;
    }
    out_path = mm_xstrdup(output ? output : pp ? pp : auto_policy);
    free(auto_policy);
    for (size_t i = 0; i < policy.rule_packs.n; i++)
        mm_vec_push(&rule_dirs, policy.rule_packs.v[i]);
    if (mm_cli_load_rules(&rs, rule_dirs.v, rule_dirs.n, &err) < 0 ||
        (have_policy && mm_policy_validate(&policy, &rs, &err) < 0)) {
        mm_err_print(&err);
        goto done;
    }
    if (have_policy) {
        mm_ruleset_filter(&rs, mm_policy_keeps_rule, &policy);
        if (policy.max_file_size)
            s.opts.max_file_size = policy.max_file_size;
        s.policy = &policy;
    }
    if (mm_ruleset_compile(&rs, &mm_hsdb_store, &err) < 0) {
        mm_err_print(&err);
        goto done;
    }
    s.rules = &rs;
    if (mm_scan_run(&s, &err) < 0) {
        mm_err_print(&err);
        rc = err.code ? err.code : 3;
        goto done;
    }

    /* the file to edit: its text, and its accepted risks so that none is added twice */
    size_t len = 0;
    mm_strset known = {0};
    bool out_exists = exists(out_path);
    if (out_exists) {
        if (mm_read_file(out_path, 4 << 20, &text, &len, &err) < 0 ||
            mm_json_parse(&doc, out_path, text, len, true, &err) < 0) {
            mm_err_print(&err);
            goto done;
        }
        if (!cJSON_IsObject(doc.root)) {
            rc = mm_cli_fail(2, "%s must hold one JSON object", out_path);
            goto done;
        }
        const cJSON *ar = cJSON_GetObjectItemCaseSensitive(doc.root, "accepted_risks");
        if (ar && !cJSON_IsArray(ar)) {
            mm_json_err(&doc, ar, &err, "\"accepted_risks\" must be a list");
            mm_err_print(&err);
            goto done;
        }
        for (const cJSON *e = ar ? ar->child : NULL; e; e = e->next) {
            const cJSON *fp = cJSON_GetObjectItemCaseSensitive(e, "fingerprint");
            if (cJSON_IsString(fp))
                mm_strset_add(&known, fp->valuestring);
        }
    }
    char date[11];
    today(date);
    char *default_reason = mm_xasprintf("baseline of %s: present when mamori was adopted", date);
    mm_buf items = {0};
    size_t added = 0, already = 0;
    mm_strset added_fp = {0};
    for (size_t i = 0; i < s.findings.n; i++) {
        const mm_finding *f = &s.findings.v[i];
        if (f->suppressed == MM_SUPP_INLINE)
            continue; /* accepted in the source already */
        if (f->demoted)
            continue; /* a note its role made (an example's): it fails nothing to accept */
        if (mm_strset_has(&known, f->fingerprint) || mm_strset_has(&added_fp, f->fingerprint) ||
            f->suppressed == MM_SUPP_POLICY) {
            already++;
            continue;
        }
        mm_strset_add(&added_fp, f->fingerprint);
        if (added++)
            mm_buf_puts(&items, ",\n");
        mm_buf_printf(&items, "    {\"fingerprint\": \"%s\", \"rule\": ", f->fingerprint);
        json_str(&items, f->rule->id);
        /* the path narrows the match to that file; a name with glob characters cannot be
         * written as a literal pattern, so the fingerprint and rule alone decide for it */
        if (!strpbrk(f->path, "*?[")) {
            mm_buf_puts(&items, ", \"path\": ");
            json_str(&items, f->path);
        }
        mm_buf_puts(&items, ", \"reason\": ");
        json_str(&items, reason ? reason : default_reason);
        if (owner) {
            mm_buf_puts(&items, ", \"owner\": ");
            json_str(&items, owner);
        }
        if (expires) {
            mm_buf_puts(&items, ", \"expires\": ");
            json_str(&items, expires);
        }
        mm_buf_puts(&items, "}");
    }
    mm_strset_free(&added_fp);
    mm_strset_free(&known);
    free(default_reason);
    if (!added) {
        fprintf(stderr, "mamori: baseline: nothing to add to %s (%zu finding%s already "
                        "accepted)\n",
                out_path, already, already == 1 ? "" : "s");
        mm_buf_free(&items);
        rc = 0;
        goto done;
    }
    if (out_exists) {
        const cJSON *ar = cJSON_GetObjectItemCaseSensitive(doc.root, "accepted_risks");
        newtext = insert_entries(&doc, text, ar ? ar : doc.root, mm_buf_cstr(&items), !ar);
    } else {
        mm_buf nb = {0};
        mm_buf_printf(&nb,
                      "// mamori policy: accepted risks recorded by `mamori baseline` on %s.\n"
                      "{\n  \"version\": 1,\n  \"accepted_risks\": [\n%s\n  ]\n}\n",
                      date, mm_buf_cstr(&items));
        newtext = mm_buf_cstr(&nb);
    }
    mm_buf_free(&items);
    /* what is written must be a policy this mamori loads, or nothing is written */
    mm_json_doc check;
    if (mm_json_parse(&check, out_path, newtext, strlen(newtext), true, &err) < 0) {
        fprintf(stderr, "mamori: internal error: the edited policy does not parse:\n");
        mm_err_print(&err);
        rc = 3;
        goto done;
    }
    mm_json_free(&check);
    if (mm_write_atomic(out_path, newtext, strlen(newtext), &err) < 0) {
        mm_err_print(&err);
        goto done;
    }
    mm_policy reread;
    if (mm_policy_load(&reread, out_path, &err) < 0) {
        mm_err_print(&err);
        mm_policy_free(&reread);
        rc = 3;
        goto done;
    }
    mm_policy_free(&reread);
    fprintf(stderr,
            "mamori: baseline: %zu finding%s recorded as accepted risks in %s (%zu already "
            "accepted)\n",
            added, added == 1 ? "" : "s", out_path, already);
    if (!owner || !expires)
        fprintf(stderr, "mamori: baseline: the new entries have no %s: each is a warning of "
                        "policy-accepted-risk-incomplete until it has (--owner, --expires)\n",
                !owner && !expires ? "owner and no expiry date" : !owner ? "owner" : "expiry date");
    rc = 0;
done:
    free(root);
    free(text);
    free(newtext);
    free(out_path);
    mm_json_free(&doc);
    mm_scan_free(&s);
    mm_ruleset_free(&rs);
    mm_policy_free(&policy);
    mm_vec_free(&rule_dirs);
    return rc;
}
