/* inventory_int.h: what the inventory's readers share (inventory.c): making a component
 * record at a place of the file, what a reference pins, and a git-config/INI reader. Each
 * inv_*.c file reads one family of manifests; inventory.c's dispatch chooses by file name. */
#ifndef MM_INVENTORY_INT_H
#define MM_INVENTORY_INT_H

#include "base/yaml.h"
#include "project/inventory.h"

typedef struct inv_ini_kv {
    const char *key;
    char *value;   /* "LINE:text", continuation lines appended as "\nLINE:text" */
    size_t len, cap;
    unsigned line, col;
} inv_ini_kv;

/* A small git-config / INI line reader: calls back per section with its keys. */
typedef struct inv_ini_section {
    char *name;  /* "submodule \"lib/x\"" or "env:esp32" */
    unsigned line;
    MM_VEC(inv_ini_kv) kv;
} inv_ini_section;

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
void inv_on_pio_section(mm_file *f, inv_ini_section *sec, void *arg);
void inv_read_library_json(mm_file *f);
void inv_read_library_properties(mm_file *f);
/* inv_build.c: CMake fetches, RIOT packages, BitBake recipes */
void inv_read_cmake(mm_file *f);
void inv_read_riot_pkg(mm_file *f);
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
