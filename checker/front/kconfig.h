/* kconfig.h: the Kconfig-style configuration front end — which files are firmware
 * configurations (ESP-IDF sdkconfig, Zephyr/NCS prj.conf and fragments, MCUboot, sysbuild,
 * U-Boot, Buildroot, BusyBox, Linux), which family and project each belongs to, and the entries
 * they hold. The `config` matcher (match_config.c) reads these facts. */
#ifndef MM_KCONFIG_H
#define MM_KCONFIG_H

#include "model/file.h"

typedef enum {
    MM_KC_UNKNOWN = 0, /* Kconfig syntax, but no family we know (RIOT app.config, ...) */
    MM_KC_ESP_IDF,
    MM_KC_ZEPHYR,      /* Zephyr and nRF Connect SDK applications */
    MM_KC_MCUBOOT,     /* MCUboot built as a Zephyr image */
    MM_KC_SYSBUILD,    /* Zephyr sysbuild (SB_CONFIG_ keys) */
    MM_KC_UBOOT,
    MM_KC_BUILDROOT,
    MM_KC_BUSYBOX,
    MM_KC_LINUX,
    MM_KC_OPENWRT,     /* OpenWrt/LEDE .config, diffconfig: packages, and BusyBox as
                          CONFIG_BUSYBOX_CONFIG_* (its defaults CONFIG_BUSYBOX_DEFAULT_*) */
    MM_KC__COUNT
} mm_kc_family;

extern const char *const mm_kc_family_names[MM_KC__COUNT]; /* "esp-idf", "zephyr", ... */
int mm_kc_family_parse(const char *s, mm_kc_family *out);

/* What a file is to its build: the configuration the build resolved (sdkconfig, .config), a
 * base fragment whose missing keys take their Kconfig defaults (prj.conf, sdkconfig.defaults,
 * a defconfig), or a partial fragment layered on a base (overlay-*.conf, boards/<board>.conf,
 * sdkconfig.defaults.<target>): a key it does not set may be set elsewhere. */
typedef enum { MM_KC_RESOLVED, MM_KC_BASE, MM_KC_PARTIAL } mm_kc_role;

typedef enum { MM_KC_SET, MM_KC_UNSET } mm_kc_state;

typedef struct mm_kc_entry {
    const char *key;    /* as written: "CONFIG_SECURE_BOOT" */
    const char *value;  /* decoded ("y", "2", the string without quotes); "n" when unset */
    uint32_t vlen;
    bool quoted;
    bool comment;       /* written as `# KEY is not set` */
    mm_kc_state state;  /* SET: KEY=value (not n); UNSET: `# KEY is not set` or KEY=n */
    unsigned line;
    mm_span span;       /* the entry on its line, for the finding's region */
    mm_span vspan;      /* the value as written (inside the quotes), for redaction */
} mm_kc_entry;

typedef struct mm_kconfig {
    mm_kc_family family;
    mm_kc_role role;
    const char *project; /* directory the configuration belongs to ("" = root); NULL: none */
    const char *image;   /* Zephyr images: "app", "mcuboot", "sysbuild", ...; else "" */
    const struct mm_kc_ref *ref;  /* what names it as a configuration, or NULL */
    const struct mm_kconfig *base;/* a partial fragment's base layer (prj.conf, sdkconfig.defaults,
                                     the custom configuration under a Buildroot fragment) */
    const char *base_path;
    mm_kc_entry *entries;/* in file order */
    uint32_t n;
    uint32_t *by_key;    /* indexes sorted by key; for equal keys the last one wins */
} mm_kconfig;

/* --- configurations found by reference (cfgref.c) ------------------------------------------
 * A file named by another as a configuration: a Buildroot fragment, a Yocto .cfg, a Zephyr
 * EXTRA_CONF_FILE, a file a CI workflow copies to sdkconfig. */
typedef struct mm_kc_ref {
    const char *path;    /* the file referenced, root-relative */
    mm_kc_family family; /* MM_KC__COUNT: by the file's own name and keys */
    int role;            /* -1: by the file's name; else an mm_kc_role */
    bool release;        /* named by CI or a build script as the configuration of its builds */
    bool overwritten;    /* CI or a build script copies another file over it before building */
    const char *base;    /* the configuration it is layered on, when the tree has it */
    const char *by;      /* "path:line" of the reference */
    const char *what;    /* "EXTRA_CONF_FILE", "BR2_TARGET_UBOOT_CONFIG_FRAGMENT_FILES", ... */
} mm_kc_ref;
typedef MM_VEC(mm_kc_ref) mm_kc_ref_vec;

/* Could a file of this name refer to configuration files? (cheap; no content read) */
bool mm_cfgref_candidate(const char *path);
/* Appends the references in one file (tree: the scanned tree's sorted paths, to resolve them). */
void mm_cfgref_scan(const char *path, const char *data, size_t len, char *const *tree,
                    size_t ntree, mm_kc_ref_vec *out);
void mm_kc_refs_free(mm_kc_ref_vec *v);

/* --- what the scan knows about the tree's configurations before any file is judged ---------
 * Built once per scan (core/configs.c) and handed to every file (mm_file.kctx). */
typedef struct mm_kc_layer {
    const char *path;
    mm_kconfig *kc;
} mm_kc_layer;

typedef struct mm_kc_ctx {
    mm_kc_ref_vec refs;            /* sorted by path */
    MM_VEC(mm_kc_layer) layers;    /* base configurations, sorted by path */
    struct mm_kclang *lang;        /* the tree's Kconfig files (front/kclang.h), or NULL */
    mm_arena arena;                /* the layers' entries */
    char digest[65];               /* of everything above: part of the cache's identity */
} mm_kc_ctx;

const mm_kc_ref *mm_kc_ctx_ref(const mm_kc_ctx *c, const char *path);
const mm_kc_layer *mm_kc_ctx_layer(const mm_kc_ctx *c, const char *path);
void mm_kc_ctx_free(mm_kc_ctx *c);

/* Could a file of this name be a Kconfig-style configuration? (cheap; no content read) */
bool mm_kconfig_candidate(const char *path);
/* A backup or older copy of a configuration (sdkconfig.old, sdkconfig-backup, .config.orig):
 * not what the build reads. */
bool mm_kconfig_is_copy(const char *path);
/* Parses and classifies a configuration outside a scan's file context (for the layers); NULL
 * when it is not Kconfig-style. ref: what names it, or NULL. */
mm_kconfig *mm_kconfig_read(mm_arena *a, const char *path, const char *data, size_t len,
                            const mm_kc_ref *ref);
/* Parses f and sets f->kc when it is Kconfig-style; lines that are neither entries nor
 * comments become notices. */
void mm_kconfig_run(mm_file *f);
/* The entry of key (the last assignment of it), or NULL when the file does not mention it. */
const mm_kc_entry *mm_kconfig_get(const mm_kconfig *kc, const char *key);

struct mm_file_result;

#endif
