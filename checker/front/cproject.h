/* cproject.h: what the C front end knows about the tree around a file — the project headers a
 * file includes (each read and prepared once per scan, shared by the scan's workers), the
 * include directories the tree's build files name, the configuration that applies to a source
 * (ESP-IDF sdkconfig, Zephyr/Kconfig .config, prj.conf, sdkconfig.defaults), and the macros and
 * printf-like declarations of headers that other files use (gathered by the scan before it
 * reads the sources, core/scan.c). Made by core/ for a scan of a tree; thread-safe. */
#ifndef MM_CPROJECT_H
#define MM_CPROJECT_H

#include "front/kconfig.h"

struct mm_cdecls;

typedef struct mm_cproject mm_cproject;

/* root: the tree's absolute path; paths: its files, root-relative and sorted (borrowed). */
mm_cproject *mm_cproject_new(const char *root, char *const *paths, size_t npaths);
void mm_cproject_free(mm_cproject *p);

/* The header `name` that the file at tree path `from` includes: a quoted include beside the
 * file first; then the include directories of the tree's build files (CMake include_directories,
 * target_include_directories, ESP-IDF INCLUDE_DIRS, zephyr_include_directories, PlatformIO and
 * Makefile -I flags), nearest first; then, for a quoted include, the only file of the tree with
 * that name. NULL when the tree does not hold it. The file is read once and keeps its token and
 * preprocessor views (read-only: every worker may use it). */
mm_file *mm_cproject_include(mm_cproject *p, const char *from, const char *name, bool quoted);

/* What a header mm_cproject_include gave includes: its #include lines. */
typedef struct mm_cinclude {
    const char *name;
    bool quoted;
} mm_cinclude;
const mm_cinclude *mm_cproject_includes(mm_file *header, uint32_t *n);
/* The #include lines of any file, read as text (in its arena). */
const mm_cinclude *mm_cproject_text_includes(mm_file *f, uint32_t *n);
/* Does the header's text hold the word `name` at all (before its views are made)? */
bool mm_cproject_mentions(mm_file *header, const char *name, size_t len);
/* Its preprocessor view (front/cpp.h), made on first need. */
struct mm_ppview;
const struct mm_ppview *mm_cproject_view(mm_cproject *p, mm_file *header);

/* The declarations of a header mm_cproject_include gave (front/cdecl.h), made on first need. */
struct mm_cdecls;
const struct mm_cdecls *mm_cproject_decls(mm_cproject *p, mm_file *header);

/* The configuration that applies to a source at tree path `path`: the nearest directory at or
 * above it holding a resolved configuration (sdkconfig, .config) or a base fragment (prj.conf,
 * sdkconfig.defaults); *where names the file. NULL when there is none. */
const mm_kconfig *mm_cproject_config(mm_cproject *p, const char *path, const char **where);

/* Macros of headers that stand for a call some rule watches (`#define bk_printf printf`) and
 * printf-like declarations (`__attribute__((format(printf, 1, 2)))`), gathered from the
 * headers' results before the sources are read (core/scan.c). A source that uses one of these
 * names and includes one of its headers gets them. */
typedef struct mm_cexport {
    char *name;
    char **targets;  /* the watched functions it stands for ("printf" for a format attribute) */
    size_t ntargets;
    char **headers;  /* tree paths of the headers that define it */
    size_t nheaders;
} mm_cexport;

void mm_cproject_add_export(mm_cproject *p, const char *header, const char *name,
                            const char *target);
bool mm_cproject_has_exports(const mm_cproject *p);
/* The export `name` (n bytes), or NULL. */
const mm_cexport *mm_cproject_export(const mm_cproject *p, const char *name, size_t n);
const mm_cexport *mm_cproject_exports(const mm_cproject *p, size_t *n);
/* A digest of the exports: the cache keeps a source's results only with the same one. */
const char *mm_cproject_digest(const mm_cproject *p);

#endif
