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
    mm_kc_entry *entries;/* in file order */
    uint32_t n;
    uint32_t *by_key;    /* indexes sorted by key; for equal keys the last one wins */
} mm_kconfig;

/* Could a file of this name be a Kconfig-style configuration? (cheap; no content read) */
bool mm_kconfig_candidate(const char *path);
/* Parses f and sets f->kc when it is Kconfig-style; lines that are neither entries nor
 * comments become notices. */
void mm_kconfig_run(mm_file *f);
/* The entry of key (the last assignment of it), or NULL when the file does not mention it. */
const mm_kc_entry *mm_kconfig_get(const mm_kconfig *kc, const char *key);

struct mm_file_result;

#endif
