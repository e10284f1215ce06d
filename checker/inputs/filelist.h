/* filelist.h: explicit input sets for build steps (`mamori scan --files-from FILE --root DIR`)
 * and the depfile that tells make or ninja when to scan again. */
#ifndef MM_FILELIST_H
#define MM_FILELIST_H

#include "inputs/input.h"

/* Reads a list of paths, one per line ("-" = standard input), appending to *items (each
 * allocated; the caller frees them and the array). */
int mm_filelist_read(const char *file, char ***items, size_t *n, mm_err *err);
/* The path of abs seen from root (both absolute, normalised): "src/a.c", "../build/.config". */
char *mm_path_relative(const char *root, const char *abs);
/* The inputs under an absolute root: files as named, directories discovered as `mamori scan`
 * does. The last nlisted paths came from a list: those may be missing (one notice) and the
 * policy's exclusions apply to them; the others were named by hand. */
int mm_filelist_collect(const char *root, const char *const *paths, size_t npaths,
                        size_t nlisted, mm_exclude_fn exclude, void *arg, mm_inputs *out,
                        void *notices /* MM_VEC(mm_notice) */, mm_err *err);
/* Writes a make-syntax depfile "target: deps..." atomically. */
int mm_depfile_write(const char *depfile, const char *target, const char *const *deps,
                     size_t ndeps, mm_err *err);

#endif
