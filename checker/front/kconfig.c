/* kconfig.c: the Kconfig-style configuration front end. A hand parser for the line format every
 * Kconfig tool writes (`KEY=value`, `KEY="string"`, `# KEY is not set`, comments), and the
 * classification of a file by name, location and keys: its family (ESP-IDF, Zephyr, MCUboot,
 * sysbuild, U-Boot, Buildroot, BusyBox, Linux), its role (resolved, base or partial fragment) and
 * the project it configures, so that a resolved configuration is preferred over the fragments
 * it was made from. Only files whose name could be a configuration are read at all. */
#define _GNU_SOURCE
#include "front/kconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "front/kclang.h"

const char *const mm_kc_family_names[MM_KC__COUNT] = {
    [MM_KC_UNKNOWN] = "kconfig",   [MM_KC_ESP_IDF] = "esp-idf",  [MM_KC_ZEPHYR] = "zephyr",
    [MM_KC_MCUBOOT] = "mcuboot",   [MM_KC_SYSBUILD] = "sysbuild", [MM_KC_UBOOT] = "u-boot",
    [MM_KC_BUILDROOT] = "buildroot", [MM_KC_BUSYBOX] = "busybox", [MM_KC_LINUX] = "linux",
    [MM_KC_OPENWRT] = "openwrt",
};

int mm_kc_family_parse(const char *s, mm_kc_family *out)
{
    for (int i = 0; i < MM_KC__COUNT; i++) {
        if (!strcmp(s, mm_kc_family_names[i])) {
            *out = (mm_kc_family)i;
            return 0;
        }
    }
    return -1;
}

/* --- names ------------------------------------------------------------------------------------ */

static bool ends(const char *s, const char *suffix)
{
    return mm_str_ends(s, suffix);
}

bool mm_kconfig_is_copy(const char *path)
{
    const char *b = mm_path_base(path);
    size_t n = strlen(b);
    if (n && b[n - 1] == '~')
        return true;
    /* a word after the name: sdkconfig.old, sdkconfig-backup, .config.orig, prj.conf.bak */
    static const char *const words[] = {"old", "bak", "backup", "orig", "save", "saved", "prev",
                                        "previous", "copy", "tmp", "swp", NULL};
    for (const char *p = b; *p;) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            p++;
        const char *st = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            p++;
        if (st == b)
            continue; /* the name itself */
        for (const char *const *w = words; *w; w++) {
            if ((size_t)(p - st) == strlen(*w) && !strncasecmp(st, *w, (size_t)(p - st)))
                return true;
        }
    }
    return false;
}

bool mm_kconfig_candidate(const char *path)
{
    const char *b = mm_path_base(path);
    if (mm_kconfig_is_copy(path))
        return false; /* the menuconfig leaves and editors' backups: not what builds read */
    if (!strncmp(b, "sdkconfig", 9)) {
        if (!b[9])
            return true;
        if (b[9] != '.' && b[9] != '_' && b[9] != '-')
            return false;
        /* generated headers and JSON, the rename tables, and the backup menuconfig leaves */
        static const char *const not_config[] = {".h", ".json", ".cmake", ".old", ".rename",
                                                 ".c", ".md", ".rst", ".txt", ".py", ".bak",
                                                 ".orig", ".yml", ".yaml", NULL};
        for (const char *const *s = not_config; *s; s++) {
            if (ends(b, *s) || strstr(b, ".rename"))
                return false;
        }
        return true;
    }
    /* OpenWrt keeps its configuration as .config, a diffconfig, or the buildbot's seeds */
    return ends(b, ".conf") || ends(b, ".config") || ends(b, "_defconfig") ||
           !strcmp(b, "defconfig") || !strcmp(b, "diffconfig") || ends(b, ".diffconfig") ||
           !strcmp(b, "config.seed") || !strcmp(b, "config.buildinfo");
}

/* --- parsing ---------------------------------------------------------------------------------- */

static bool key_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool key_char(char c)
{
    return key_start(c) || (c >= '0' && c <= '9');
}

static bool rest_is_blank_or_comment(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    return p == e || *p == '#';
}

typedef MM_VEC(mm_kc_entry) entry_vec;

/* One line [s, e) at offset `off` (of s) and number `line`; returns false for junk. */
static bool parse_line(mm_file *f, const char *s, const char *e, unsigned line, entry_vec *out)
{
    const char *p = s;
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    if (p == e)
        return true;
    if (*p == '#') {
        /* `# KEY is not set`; any other comment is a comment */
        const char *k = p + 1;
        while (k < e && (*k == ' ' || *k == '\t'))
            k++;
        const char *ks = k;
        while (k < e && key_char(*k))
            k++;
        static const char tail[] = " is not set";
        size_t tl = sizeof tail - 1;
        if (k > ks && key_start(*ks) && (size_t)(e - k) >= tl && !memcmp(k, tail, tl) &&
            rest_is_blank_or_comment(k + tl, e)) {
            mm_kc_entry en = {0};
            en.key = mm_arena_strndup(f->arena, ks, (size_t)(k - ks));
            en.value = "n";
            en.vlen = 1;
            en.state = MM_KC_UNSET;
            en.comment = true;
            en.line = line;
            en.span = (mm_span){(uint32_t)(p - f->data), (uint32_t)(k + tl - f->data)};
            en.vspan = en.span;
            mm_vec_push(out, en);
        }
        return true;
    }
    const char *ks = p;
    if (!key_start(*p))
        return false;
    while (p < e && key_char(*p))
        p++;
    if (p == e || *p != '=')
        return false;
    const char *key_end = p++;
    mm_kc_entry en = {0};
    en.key = mm_arena_strndup(f->arena, ks, (size_t)(key_end - ks));
    en.line = line;
    const char *vend;
    if (p < e && *p == '"') {
        /* a string: \" and \\ are the escapes Kconfig writes */
        const char *q = p + 1;
        mm_buf v = {0};
        while (q < e && *q != '"') {
            if (*q == '\\' && q + 1 < e)
                q++;
            mm_buf_putc(&v, *q++);
        }
        if (q == e) {
            mm_buf_free(&v);
            return false; /* unterminated */
        }
        en.value = mm_arena_strndup(f->arena, v.data ? v.data : "", v.len);
        en.vlen = (uint32_t)v.len;
        mm_buf_free(&v);
        en.quoted = true;
        en.vspan = (mm_span){(uint32_t)(p + 1 - f->data), (uint32_t)(q - f->data)};
        vend = q + 1;
    } else {
        const char *q = p;
        while (q < e && *q != ' ' && *q != '\t' && *q != '#')
            q++;
        en.value = mm_arena_strndup(f->arena, p, (size_t)(q - p));
        en.vlen = (uint32_t)(q - p);
        en.vspan = (mm_span){(uint32_t)(p - f->data), (uint32_t)(q - f->data)};
        vend = q;
    }
    if (!rest_is_blank_or_comment(vend, e))
        return false;
    en.state = !en.quoted && en.vlen == 1 && en.value[0] == 'n' ? MM_KC_UNSET : MM_KC_SET;
    en.span = (mm_span){(uint32_t)(ks - f->data), (uint32_t)(vend - f->data)};
    mm_vec_push(out, en);
    return true;
}

/* --- classification -------------------------------------------------------------------------- */

static bool starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static bool starts_any(const char *s, const char *const *prefixes)
{
    for (const char *const *p = prefixes; *p; p++) {
        if (starts(s, *p))
            return true;
    }
    return false;
}

/* Keys that only one family uses: evidence for that family. */
static bool mcuboot_key(const char *k)
{
    static const char *const keys[] = {"CONFIG_BOOT_SIGNATURE_", "CONFIG_BOOT_VALIDATE_SLOT0",
                                       "CONFIG_BOOT_UPGRADE_ONLY", "CONFIG_BOOT_SWAP_",
                                       "CONFIG_MCUBOOT_LOG_LEVEL", "CONFIG_MCUBOOT_SERIAL",
                                       "CONFIG_MCUBOOT_DOWNGRADE_PREVENTION",
                                       "CONFIG_MCUBOOT_HW_DOWNGRADE_PREVENTION",
                                       "CONFIG_BOOT_ENCRYPT_", "CONFIG_SINGLE_APPLICATION_SLOT",
                                       "CONFIG_BOOT_DIRECT_XIP", "CONFIG_BOOT_MAX_IMG_SECTORS",
                                       "CONFIG_BOOT_SERIAL_", NULL};
    return starts_any(k, keys);
}

static bool esp_idf_key(const char *k)
{
    static const char *const keys[] = {"CONFIG_IDF_", "CONFIG_ESPTOOLPY_", "CONFIG_SECURE_BOOT",
                                       "CONFIG_SECURE_FLASH_", "CONFIG_SECURE_SIGNED_",
                                       "CONFIG_ESP_", "CONFIG_ESP32", "CONFIG_PARTITION_TABLE_",
                                       "CONFIG_BOOTLOADER_APP_", "CONFIG_BOOTLOADER_SKIP_",
                                       "CONFIG_FREERTOS_HZ", "CONFIG_APP_ROLLBACK",
                                       "CONFIG_OTA_ALLOW_HTTP", NULL};
    return starts_any(k, keys);
}

static bool uboot_key(const char *k)
{
    static const char *const keys[] = {"CONFIG_CMD_", "CONFIG_SPL", "CONFIG_BOOTDELAY",
                                       "CONFIG_BOOTCOMMAND", "CONFIG_DEFAULT_DEVICE_TREE",
                                       "CONFIG_SYS_TEXT_BASE", "CONFIG_TEXT_BASE",
                                       "CONFIG_SYS_CONFIG_NAME", "CONFIG_TARGET_",
                                       "CONFIG_AUTOBOOT", "CONFIG_FIT_SIGNATURE",
                                       "CONFIG_LEGACY_IMAGE_FORMAT", "CONFIG_ENV_IS_", NULL};
    return starts_any(k, keys);
}

static bool busybox_key(const char *k)
{
    static const char *const keys[] = {"CONFIG_BUSYBOX", "CONFIG_TELNETD", "CONFIG_FEATURE_",
                                       "CONFIG_INSTALL_APPLET_", "CONFIG_ASH", "CONFIG_HUSH",
                                       "CONFIG_DESKTOP", "CONFIG_LOGIN", NULL};
    return starts_any(k, keys);
}

static bool zephyr_key(const char *k)
{
    static const char *const keys[] = {"CONFIG_ZEPHYR_", "CONFIG_BOARD", "CONFIG_SOC_",
                                       "CONFIG_MAIN_STACK_SIZE", "CONFIG_BOOTLOADER_MCUBOOT",
                                       "CONFIG_NCS_", "CONFIG_SHELL", "CONFIG_MCUMGR",
                                       "CONFIG_KERNEL_", "CONFIG_NET_", "CONFIG_BT",
                                       "CONFIG_GDBSTUB", "CONFIG_NRF_", "CONFIG_SYS_HEAP_",
                                       "CONFIG_HEAP_MEM_POOL_SIZE", "CONFIG_LOG", "CONFIG_GPIO",
                                       "CONFIG_SERIAL", "CONFIG_PRINTK", NULL};
    return starts_any(k, keys);
}

static bool openwrt_key(const char *k)
{
    static const char *const keys[] = {"CONFIG_PACKAGE_", "CONFIG_BUSYBOX_CONFIG_",
                                       "CONFIG_BUSYBOX_DEFAULT_", "CONFIG_TARGET_ROOTFS_",
                                       "CONFIG_TARGET_BOARD", "CONFIG_TARGET_SUBTARGET", NULL};
    return starts_any(k, keys);
}

static bool linux_key(const char *k)
{
    static const char *const keys[] = {"CONFIG_MODULES", "CONFIG_LOCALVERSION", "CONFIG_SYSVIPC",
                                       "CONFIG_IKCONFIG", "CONFIG_BLK_DEV_", "CONFIG_CGROUPS",
                                       "CONFIG_NETFILTER", "CONFIG_EXT4_FS", NULL};
    return starts_any(k, keys);
}

/* Directory of path ("" at the root), in the arena. */
static char *dir_of(mm_arena *a, const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? mm_arena_strndup(a, path, (size_t)(s - path)) : mm_arena_strdup(a, "");
}

static const char *last_comp(const char *dir)
{
    const char *s = strrchr(dir, '/');
    return s ? s + 1 : dir;
}

static bool has_component(const char *path, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = path; *p;) {
        const char *e = strchr(p, '/');
        if (!e)
            return false; /* the base name is not a directory */
        if ((size_t)(e - p) == n && !strncmp(p, name, n))
            return true;
        p = e + 1;
    }
    return false;
}

static bool header_says(const mm_file *f, const char *what)
{
    size_t n = f->len < 512 ? f->len : 512;
    return memmem(f->data, n, what, strlen(what)) != NULL;
}

/* Zephyr, MCUboot and sysbuild files: role, project directory and image. */
static void zephyr_place(mm_file *f, mm_kconfig *kc, const char *base)
{
    char *dir = dir_of(f->arena, f->path);
    const char *dflt = kc->family == MM_KC_SYSBUILD  ? "sysbuild"
                       : kc->family == MM_KC_MCUBOOT ? "mcuboot"
                                                     : "app";
    kc->image = dflt;
    if (!strcmp(base, ".config")) {
        kc->role = MM_KC_RESOLVED;
        kc->project = dir;
        /* <P>/build.../zephyr/.config, or the sysbuild layout <P>/build.../<image>/zephyr/.config */
        if (strcmp(last_comp(dir), "zephyr") != 0)
            return;
        char *d1 = dir_of(f->arena, dir);
        if (starts(last_comp(d1), "build")) {
            kc->project = dir_of(f->arena, d1);
            return;
        }
        char *d2 = dir_of(f->arena, d1);
        if (starts(last_comp(d2), "build")) {
            char *p = dir_of(f->arena, d2);
            const char *img = last_comp(d1);
            kc->project = p;
            if (kc->family == MM_KC_MCUBOOT || !strcmp(img, "mcuboot"))
                kc->image = "mcuboot";
            else if (kc->family == MM_KC_SYSBUILD)
                kc->image = "sysbuild";
            else if (!strcmp(img, last_comp(p)))
                kc->image = "app";
            else
                kc->image = mm_arena_strdup(f->arena, img);
        }
        return;
    }
    bool prj = !strcmp(base, "prj.conf") || (starts(base, "prj_") && ends(base, ".conf"));
    kc->role = prj || !strcmp(base, "sysbuild.conf") ? MM_KC_BASE : MM_KC_PARTIAL;
    char *d = dir;
    if (!strcmp(last_comp(d), "boards"))
        d = dir_of(f->arena, d);
    const char *lc = last_comp(d);
    if ((!strcmp(lc, "sysbuild") || !strcmp(lc, "child_image")) && ends(base, ".conf") && !prj &&
        d == dir) {
        /* sysbuild/mcuboot.conf, child_image/mcuboot.conf: the image's own settings on top of
         * its defaults (MCUboot's prj.conf and Kconfig), so absent keys take those */
        kc->project = dir_of(f->arena, d);
        kc->image = mm_arena_strndup(f->arena, base, strlen(base) - 5);
        kc->role = MM_KC_BASE;
        return;
    }
    char *pd = dir_of(f->arena, d);
    const char *plc = last_comp(pd);
    if (*d && (!strcmp(plc, "sysbuild") || !strcmp(plc, "child_image"))) {
        kc->project = dir_of(f->arena, pd);
        kc->image = mm_arena_strdup(f->arena, lc);
        return;
    }
    if (kc->family == MM_KC_MCUBOOT && !strcmp(base, "mcuboot.conf"))
        kc->role = MM_KC_BASE;
    kc->project = d;
}

static void classify(mm_file *f, mm_kconfig *kc, const mm_kc_ref *ref)
{
    const char *base = mm_path_base(f->path);
    bool br2 = false, sb = false, mcub = false, esp = false, uboot = false, bb = false,
         zep = false, lnx = false, owrt = false;
    unsigned uboot_hits = 0;
    for (uint32_t i = 0; i < kc->n; i++) {
        const char *k = kc->entries[i].key;
        br2 |= starts(k, "BR2_");
        sb |= starts(k, "SB_CONFIG_");
        mcub |= mcuboot_key(k);
        esp |= esp_idf_key(k);
        if (uboot_key(k))
            uboot_hits++;
        bb |= busybox_key(k);
        zep |= zephyr_key(k);
        lnx |= linux_key(k);
        owrt |= openwrt_key(k);
    }
    uboot = uboot_hits >= 2;
    bool sdk = !strncmp(base, "sdkconfig", 9);
    bool zname = !strcmp(base, "prj.conf") || (starts(base, "prj_") && ends(base, ".conf")) ||
                 starts(base, "overlay") || !strcmp(base, "sysbuild.conf") ||
                 has_component(f->path, "sysbuild") || has_component(f->path, "child_image") ||
                 (!strcmp(base, ".config") && !strcmp(last_comp(dir_of(f->arena, f->path)),
                                                      "zephyr"));
    bool mcuname = !strcmp(base, "mcuboot.conf") || has_component(f->path, "mcuboot");
    if (sdk)
        kc->family = MM_KC_ESP_IDF;
    else if (br2)
        kc->family = MM_KC_BUILDROOT;
    else if (sb)
        kc->family = MM_KC_SYSBUILD;
    else if (owrt || header_says(f, "# OpenWrt Configuration") ||
             header_says(f, "# LEDE Configuration"))
        kc->family = MM_KC_OPENWRT;
    else if (strstr(base, "busybox") || header_says(f, "# Busybox version"))
        kc->family = MM_KC_BUSYBOX;
    else if (header_says(f, "# U-Boot "))
        kc->family = MM_KC_UBOOT;
    else if (header_says(f, "# Linux/") && header_says(f, "Kernel Configuration"))
        kc->family = MM_KC_LINUX;
    else if (mcub || (mcuname && (zname || ends(base, ".conf") || !strcmp(base, ".config"))))
        kc->family = MM_KC_MCUBOOT;
    else if (esp && !zname)
        kc->family = MM_KC_ESP_IDF;
    else if (uboot && !zname)
        kc->family = MM_KC_UBOOT;
    else if (zname || (zep && ends(base, ".conf")) ||
             (ends(base, "_defconfig") && has_component(f->path, "boards") && zep))
        kc->family = MM_KC_ZEPHYR;
    else if (bb && !lnx && (ends(base, ".config") || !strcmp(base, ".config")))
        kc->family = MM_KC_BUSYBOX;
    else if (lnx || (has_component(f->path, "configs") && has_component(f->path, "arch")))
        kc->family = MM_KC_LINUX;
    else if (zep && !strcmp(base, ".config"))
        kc->family = MM_KC_ZEPHYR;
    else
        kc->family = MM_KC_UNKNOWN;
    /* what names the file says what it is: a U-Boot fragment is U-Boot's whatever it holds */
    if (ref && ref->family < MM_KC__COUNT)
        kc->family = ref->family;
    kc->ref = ref;

    kc->project = NULL;
    kc->image = "";
    switch (kc->family) {
    case MM_KC_ESP_IDF:
        /* sdkconfig.defaults is the base layer by its name, even when it is a whole generated
         * sdkconfig copied there: the build reads it only when the project has no sdkconfig,
         * so an sdkconfig beside it supersedes it */
        if (!strcmp(base, "sdkconfig"))
            kc->role = MM_KC_RESOLVED;
        else if (!strcmp(base, "sdkconfig.defaults"))
            kc->role = MM_KC_BASE;
        else if (header_says(f, "# Automatically generated file. DO NOT EDIT."))
            kc->role = MM_KC_RESOLVED;
        else
            kc->role = MM_KC_PARTIAL;
        kc->project = dir_of(f->arena, f->path);
        break;
    case MM_KC_ZEPHYR:
    case MM_KC_MCUBOOT:
    case MM_KC_SYSBUILD:
        zephyr_place(f, kc, base);
        break;
    default:
        if (!strcmp(base, ".config"))
            kc->role = MM_KC_RESOLVED;
        else if (kc->family == MM_KC_OPENWRT)
            kc->role = MM_KC_BASE; /* a diffconfig: the rest takes its defaults */
        if (kc->family == MM_KC_OPENWRT)
            kc->project = dir_of(f->arena, f->path); /* .config beside its diffconfig */
        else if (ends(base, "defconfig") || (kc->family == MM_KC_BUSYBOX && ends(base, ".config")))
            kc->role = MM_KC_BASE;
        else
            kc->role = MM_KC_PARTIAL;
        break;
    }
    if (ref && ref->role >= 0)
        kc->role = (mm_kc_role)ref->role;
}

/* --- the front end ---------------------------------------------------------------------------- */

static const char *const role_names[] = {"resolved", "base", "partial"};

static int cmp_key(const void *a, const void *b, void *ctx)
{
    const mm_kc_entry *e = ctx;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int c = strcmp(e[x].key, e[y].key);
    if (c)
        return c;
    return x < y ? -1 : x > y;
}

enum { MAX_SYNTAX_NOTICES = 3 };

/* Entries of f; lines that are neither entries nor comments in junk. NULL when the file is
 * not Kconfig-style (no CONFIG_/BR2_/SB_CONFIG_ key, or mostly other lines). */
static mm_kconfig *parse_kc(mm_file *f, const mm_kc_ref *ref, void *junkv, unsigned *long_line)
{
    MM_VEC(unsigned) *junk = junkv;
    entry_vec v = {0};
    const char *p = f->data, *end = f->data + f->len;
    unsigned line = 1;
    bool known = false;
    *long_line = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        const char *e = le;
        if (e > p && e[-1] == '\r')
            e--;
        if ((size_t)(e - p) > f->max_line_len) {
            if (!*long_line)
                *long_line = line; /* not checked, as in every other file */
        } else if (!parse_line(f, p, e, line, &v)) {
            mm_vec_push(junk, line);
        }
        p = le + 1;
        line++;
    }
    for (size_t i = 0; i < v.n && !known; i++) {
        known = starts(v.v[i].key, "CONFIG_") || starts(v.v[i].key, "BR2_") ||
                starts(v.v[i].key, "SB_CONFIG_");
    }
    /* a configuration is mostly entries; nginx.conf and friends are not (a file named as a
     * configuration by the build is one, whatever else it holds) */
    if (!known || (junk->n > v.n && !ref)) {
        mm_vec_free(&v);
        return NULL;
    }
    mm_kconfig *kc = mm_arena_calloc(f->arena, 1, sizeof *kc);
    kc->n = (uint32_t)v.n;
    kc->entries = mm_arena_alloc(f->arena, (v.n ? v.n : 1) * sizeof *kc->entries);
    if (v.n)
        memcpy(kc->entries, v.v, v.n * sizeof *v.v);
    kc->by_key = mm_arena_alloc(f->arena, (v.n ? v.n : 1) * sizeof *kc->by_key);
    for (uint32_t i = 0; i < kc->n; i++)
        kc->by_key[i] = i;
    if (kc->n > 1)
        qsort_r(kc->by_key, kc->n, sizeof *kc->by_key, cmp_key, kc->entries);
    mm_vec_free(&v);
    classify(f, kc, ref);
    return kc;
}

mm_kconfig *mm_kconfig_read(mm_arena *a, const char *path, const char *data, size_t len,
                            const mm_kc_ref *ref)
{
    mm_file f;
    memset(&f, 0, sizeof f);
    f.path = path;
    f.data = data;
    f.len = len;
    f.arena = a;
    f.max_line_len = 20000;
    MM_VEC(unsigned) junk = {0};
    unsigned long_line;
    mm_kconfig *kc = parse_kc(&f, ref, &junk, &long_line);
    mm_vec_free(&junk);
    if (kc)
        kc->project = kc->project ? mm_arena_strdup(a, kc->project) : NULL;
    return kc;
}

/* --- the scan's context: references, base layers ------------------------------------------- */

const mm_kc_ref *mm_kc_ctx_ref(const mm_kc_ctx *c, const char *path)
{
    if (!c)
        return NULL;
    size_t lo = 0, hi = c->refs.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int r = strcmp(c->refs.v[mid].path, path);
        if (!r)
            return &c->refs.v[mid];
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const mm_kc_layer *mm_kc_ctx_layer(const mm_kc_ctx *c, const char *path)
{
    if (!c || !path)
        return NULL;
    size_t lo = 0, hi = c->layers.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int r = strcmp(c->layers.v[mid].path, path);
        if (!r)
            return &c->layers.v[mid];
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void mm_kc_ctx_free(mm_kc_ctx *c)
{
    if (!c)
        return;
    mm_kc_refs_free(&c->refs);
    for (size_t i = 0; i < c->layers.n; i++)
        free((char *)c->layers.v[i].path);
    mm_vec_free(&c->layers);
    mm_kclang_free(c->lang);
    mm_arena_free(&c->arena);
    free(c);
}

static bool same(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

/* The base layer a partial fragment sits on: the one its reference names, else the project's
 * one base configuration of the same image (prj.conf under boards/x.conf, sdkconfig.defaults
 * under sdkconfig.defaults.esp32). */
static const mm_kc_layer *find_base(const mm_kc_ctx *c, const mm_kconfig *kc, const char *path)
{
    if (!c)
        return NULL;
    if (kc->ref && kc->ref->base)
        return mm_kc_ctx_layer(c, kc->ref->base);
    if (!kc->project)
        return NULL;
    const mm_kc_layer *best = NULL;
    int nbest = 0;
    for (size_t i = 0; i < c->layers.n; i++) {
        const mm_kconfig *b = c->layers.v[i].kc;
        if (b->role != MM_KC_BASE || !same(b->project, kc->project) ||
            !same(b->image, kc->image) || !strcmp(c->layers.v[i].path, path))
            continue;
        bool esp = kc->family == MM_KC_ESP_IDF, besp = b->family == MM_KC_ESP_IDF;
        if (esp != besp)
            continue;
        const char *bn = mm_path_base(c->layers.v[i].path);
        bool preferred = !strcmp(bn, "prj.conf") || !strcmp(bn, "sdkconfig.defaults");
        if (preferred && (!best || strcmp(mm_path_base(best->path), "prj.conf") != 0)) {
            best = &c->layers.v[i];
            nbest = 1;
        } else if (!best) {
            best = &c->layers.v[i];
            nbest = 1;
        } else if (!preferred && strcmp(mm_path_base(best->path), "prj.conf") &&
                   strcmp(mm_path_base(best->path), "sdkconfig.defaults")) {
            nbest++;
        }
    }
    return nbest == 1 ? best : NULL; /* two prj_*.conf and no prj.conf: which one is not known */
}

void mm_kconfig_run(mm_file *f)
{
    MM_VEC(unsigned) junk = {0};
    unsigned long_line;
    const mm_kc_ref *ref = mm_kc_ctx_ref(f->kctx, f->path);
    mm_kconfig *kc = parse_kc(f, ref, &junk, &long_line);
    if (!kc) {
        mm_vec_free(&junk);
        return;
    }
    if (kc->family == MM_KC_UNKNOWN && ends(f->path, ".conf") && f->kctx) {
        /* only the application's own options (CONFIG_APP_...): a .conf beside or under a
         * Zephyr application whose prj.conf the tree has is one of its fragments */
        mm_kconfig probe = *kc;
        probe.family = MM_KC_ZEPHYR;
        zephyr_place(f, &probe, mm_path_base(f->path));
        if (probe.role == MM_KC_BASE || find_base(f->kctx, &probe, f->path))
            *kc = probe;
    }
    if (kc->role == MM_KC_PARTIAL) {
        const mm_kc_layer *b = find_base(f->kctx, kc, f->path);
        if (b) {
            kc->base = b->kc;
            kc->base_path = b->path;
            if (ref) {
                /* named by the build: it belongs to the project and image of what it sits on */
                kc->project = b->kc->project;
                kc->image = b->kc->image;
            }
        }
    }
    f->kc = kc;
    for (size_t i = 0; i < junk.n && i < MAX_SYNTAX_NOTICES; i++)
        mm_file_notice(f, junk.v[i], MM_NOTICE_NOTE, "config-syntax",
                       "not a Kconfig assignment (KEY=value, KEY=\"text\", # KEY is not set) "
                       "nor a comment; the build ignores it, and so does mamori");
    if (junk.n > MAX_SYNTAX_NOTICES)
        mm_file_notice(f, junk.v[MAX_SYNTAX_NOTICES], MM_NOTICE_NOTE, "config-syntax",
                       "%zu more lines that are not Kconfig assignments",
                       junk.n - MAX_SYNTAX_NOTICES);
    mm_vec_free(&junk);
    bool noted = false;
    for (size_t i = 0; i < f->notices.n && !noted; i++)
        noted = !strcmp(f->notices.v[i].code, "long-line");
    if (long_line && !noted)
        mm_file_notice(f, long_line, MM_NOTICE_NOTE, "long-line",
                       "lines longer than %zu bytes are not checked (first at line %u)",
                       f->max_line_len, long_line);
    if (ref)
        mm_file_notice(f, 0, MM_NOTICE_NOTE, "config-referenced",
                       "read as a configuration (%s): %s names it (%s)%s",
                       mm_kc_family_names[kc->family], ref->by, ref->what,
                       ref->release ? ", the configuration of the builds it makes" : "");
    if (kc->project) {
        /* for the project stage: which fragments a resolved configuration supersedes */
        const char *ns = kc->family == MM_KC_ESP_IDF   ? "esp-idf"
                         : kc->family == MM_KC_OPENWRT ? "openwrt"
                                                       : "zephyr";
        mm_kv kv = {mm_xstrdup("kconfig"),
                    mm_xasprintf("%s\t%s\t%s\t%s", role_names[kc->role], ns, kc->image,
                                 kc->project)};
        mm_vec_push(&f->hints, kv);
        mm_kv path = {mm_xstrdup("kconfig-file"), mm_xstrdup(f->path)};
        mm_vec_push(&f->hints, path);
    }
}

const mm_kc_entry *mm_kconfig_get(const mm_kconfig *kc, const char *key)
{
    size_t lo = 0, hi = kc->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(kc->entries[kc->by_key[mid]].key, key);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* lo: the first entry of key; the last one of the run is the assignment that counts */
    if (lo >= kc->n || strcmp(kc->entries[kc->by_key[lo]].key, key) != 0)
        return NULL;
    while (lo + 1 < kc->n && !strcmp(kc->entries[kc->by_key[lo + 1]].key, key))
        lo++;
    return &kc->entries[kc->by_key[lo]];
}
