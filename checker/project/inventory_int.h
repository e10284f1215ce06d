/* inventory_int.h: what the inventory's readers share (inventory.c): making a component
 * record at a place of the file, what a reference pins, and a git-config/INI reader. Each
 * inv_*.c file reads one family of manifests; inventory.c's dispatch chooses by file name. */
#ifndef MM_INVENTORY_INT_H
#define MM_INVENTORY_INT_H

#include "base/yaml.h"
#include "project/inventory.h"

typedef struct inv_ini_kv {
    const char *key;
    char *value;   /* "LINE:COL:text", continuation lines appended as "\nLINE:COL:text" */
    size_t len, cap;
    unsigned line, col;
} inv_ini_kv;

/* A small git-config / INI line reader: calls back per section with its keys. */
typedef struct inv_ini_section {
    char *name;  /* "submodule \"lib/x\"" or "env:esp32" */
    unsigned line;
    MM_VEC(inv_ini_kv) kv;
} inv_ini_section;

/* --- widely vendored libraries (inv_known.c): one table --- */
typedef enum {
    INV_VNONE = 0, /* no version macro: known by name or license words */
    INV_VSTRING,   /* "1.2.3" (a prefix to strip, then the first word) */
    INV_VWORD,     /* the first token, quoted or not (nanopb-0.4.9) */
    INV_VPARTS,    /* three macros of numbers: major, minor, patch */
    INV_VHEX16,    /* 0x00020009: major << 16 | minor */
    INV_VDEC3,     /* 3006000: major * 1000000 + minor * 1000 + patch */
    INV_VBANNER,   /* the macro is a phrase of the header; the version is the next word that
                      holds a digit ("FatFs - Generic FAT Filesystem module  R0.15") */
} inv_vform;

typedef struct inv_lib {
    const char *name;     /* the component's name */
    const char *aliases;  /* other names it goes by, '|'-separated, or NULL */
    const char *repo;     /* upstream GitHub owner/repo, or NULL */
    const char *tag;      /* its release tags ("v%s"), NULL when they follow no one form */
    const char *cpe;      /* "part:vendor:product" of the NVD dictionary, or NULL */
    const char *macro;    /* what states the version in a header (in mm_inventory_trigger) */
    inv_vform form;
    const char *parts[3]; /* INV_VPARTS: the major, minor and patch macros */
    const char *strip;    /* a prefix of the string to drop ("OpenSSL ", "V") */
    const char *license_words; /* words of its license text that name it, or NULL */
} inv_lib;

extern const inv_lib inv_libs[];
extern const size_t inv_nlibs;
/* The row of a library by name or alias (case and punctuation ignored), or NULL. */
const inv_lib *inv_lib_named(const char *name);
/* The library whose license words the text holds, or NULL. */
const inv_lib *inv_lib_of_license(const char *text, size_t n);

/* --- records and references (inventory.c) --- */
char *inv_dup0(const char *s);
void inv_set(char **field, const char *v);
char *inv_line_snippet(mm_file *f, unsigned line);
void inv_at_line(mm_component *c, mm_file *f, unsigned line, unsigned col);
void inv_at_offset(mm_component *c, mm_file *f, uint32_t off);
void inv_pin_at_line(mm_component *c, mm_file *f, unsigned line, unsigned col);
void inv_push(mm_file *f, mm_component *c);
char *inv_dir_of(const char *path);
char *inv_join(const char *dir, const char *rel);
char *inv_norm_path(const char *p);
bool inv_is_hex(const char *s, size_t n);
bool inv_is_commit(const char *s);
mm_pin inv_classify_ref(const char *r);
mm_pin inv_classify_spec(const char *v);
char *inv_version_in(const char *s);
char *inv_name_of_url(const char *url);
void inv_pin_git(mm_component *c, const char *ref, bool absent);
char *inv_cpe_with_version(const char *cpe, const char *version);
void inv_ini_free(inv_ini_section *s);
void inv_ini_read(mm_file *f, bool multiline,
                  void (*on)(mm_file *, inv_ini_section *, void *), void *arg);
const char *inv_ini_text(const char *v, unsigned *line);
/* One value line "LINE:COL:text": its text, line and column. */
const char *inv_ini_line(const char *v, unsigned *line, unsigned *col);
const inv_ini_kv *inv_ini_get(const inv_ini_section *s, const char *key);
char *inv_spdx_actor(const char *s);
/* f parsed as YAML; problems become notices of f (never NULL) */
const mm_ynode *inv_yaml(mm_file *f);

/* --- the readers, one family per file --- */
/* inv_git.c: .gitmodules and west.yml */
void inv_on_submodule(mm_file *f, inv_ini_section *sec, void *arg);
void inv_read_west(mm_file *f);
/* inv_idf.c: the ESP-IDF component manager */
void inv_read_idf_manifest(mm_file *f);
void inv_read_idf_lock(mm_file *f);
/* inv_pio.c: PlatformIO and Arduino libraries */
void inv_read_pio_ini(mm_file *f);
/* the PlatformIO projects of a scan, from its MM_COMP_OPTION records: found records appended
 * to out (owned by the caller) */
void inv_pio_resolve(const mm_component *const *opts, size_t n, mm_component_vec *out);
void inv_read_library_json(mm_file *f);
void inv_read_library_properties(mm_file *f);
/* inv_build.c: CMake fetches, RIOT packages, BitBake recipes */
void inv_read_cmake(mm_file *f);
void inv_read_riot_pkg(mm_file *f);
void inv_read_openwrt_pkg(mm_file *f);
void inv_read_bitbake(mm_file *f);
/* inv_vendored.c: vendored trees (license files, version macros) */
bool inv_is_license_name(const char *base);
void inv_read_license_file(mm_file *f);
void inv_read_version_header(mm_file *f);
/* inv_sbom.c: declared components (CycloneDX, SPDX, sbom.yml) */
void inv_read_cyclonedx(mm_file *f);
void inv_read_spdx_json(mm_file *f);
void inv_read_spdx_tv(mm_file *f);
void inv_read_sbom_yml(mm_file *f);

#endif
