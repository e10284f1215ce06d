/* kclang.h: the Kconfig language of the project's own Kconfig files (`config`, `menuconfig`,
 * `choice`, `select`, `imply`, `default`, `depends on`, `if`, `menu`, `source`/`rsource`/
 * `osource`/`orsource` within the tree) — read once per scan, then asked what a configuration
 * file turns on that it does not say: a symbol another symbol `select`s or `imply`s, or the
 * project's own default of a symbol. Symbols the tree does not define (the SDK's) stay unknown
 * here; the rules keep their documented defaults for those. */
#ifndef MM_KCLANG_H
#define MM_KCLANG_H

#include "front/kconfig.h"

/* One Kconfig-language file of the tree. */
typedef struct mm_kcl_src {
    const char *path; /* root-relative */
    const char *data;
    size_t len;
} mm_kcl_src;

typedef struct mm_kclang mm_kclang;

/* Reads files (borrowed only during the call). Files no other file of the set sources are the
 * roots; a `source` is looked up relative to the tree's root and the root file's directory, an
 * `rsource` relative to the file. roots[0, nroots) are the project directories (those of the
 * tree's base and resolved configurations): a definition belongs to the nearest of them above
 * its root file, or to every project when none is. Returns NULL when no file defines anything. */
mm_kclang *mm_kclang_build(const mm_kcl_src *files, size_t n, char *const *roots, size_t nroots);
void mm_kclang_free(mm_kclang *l);
/* A digest of what was read (for the cache's identity). */
const char *mm_kclang_digest(const mm_kclang *l);

/* What a configuration file is evaluated as: its own entries, the base layer it sits on (a
 * partial fragment's prj.conf or sdkconfig.defaults; NULL for none), the key prefix of its
 * family ("CONFIG_", "SB_CONFIG_", "" for Buildroot), and the project and image it belongs to. */
typedef struct mm_kc_view {
    const mm_kclang *lang;
    const mm_kconfig *own, *base;
    const char *base_path;
    const char *prefix;
    const char *project;
    const char *image;
} mm_kc_view;

/* How a key got its value. */
typedef enum {
    MM_KCW_NONE = 0,   /* not known from the files or the tree's Kconfig */
    MM_KCW_OWN,        /* the file sets it */
    MM_KCW_BASE,       /* the base layer sets it */
    MM_KCW_SELECTED,   /* a symbol that is y selects it */
    MM_KCW_IMPLIED,    /* a symbol that is y implies it, and nothing sets it */
    MM_KCW_DEFAULT,    /* the tree's own Kconfig gives it a default */
} mm_kc_why;

typedef struct mm_kc_value {
    mm_kc_why why;
    mm_kc_state state;          /* SET (y, a number, a string) or UNSET (n) */
    const char *value;          /* "y", "n", the text */
    const mm_kc_entry *entry;   /* OWN/BASE: the entry; SELECTED/IMPLIED: the entry that set the
                                   selecting symbol, when a file sets it; SELECTED/IMPLIED/
                                   DEFAULT otherwise: the first entry of the file itself the
                                   derivation read (its cause), or NULL */
    bool entry_in_base;         /* that entry is the base layer's */
    const char *selector;       /* SELECTED/IMPLIED: the selecting symbol, without the prefix */
    const char *def_path;       /* SELECTED/IMPLIED/DEFAULT: where the select or default is */
    unsigned def_line;
} mm_kc_value;

/* The value of key (with its prefix) as the view's files and the tree's Kconfig give it. An
 * explicit `n` that a selecting symbol overrides comes back SELECTED. */
void mm_kc_derive(const mm_kc_view *v, const char *key, mm_kc_value *out);

#endif
