/* cdeep.h: the libclang deep tier. A translation unit the build's compilation database lists is
 * parsed by libclang with the build's own flags (translated by ccdb.c); the facts the rules read
 * (model/facts.h) are then the compiler's where it knows them: callees after macro expansion,
 * constant values, array sizes, and which code this configuration compiles. */
#ifndef MM_CDEEP_H
#define MM_CDEEP_H

#include "front/ccdb.h"
#include "front/cfront.h"

typedef struct mm_cdeep mm_cdeep; /* one per worker thread: its own CXIndex */

mm_cdeep *mm_cdeep_new(void);
void mm_cdeep_free(mm_cdeep *cd);

/* Reads f (the translation unit cmd describes, f->data its bytes) deep: parses it with
 * libclang, reads it whole with the tree-sitter front end cf, and makes f->cf the facts of the
 * two joined, the compiler's winning (f->cf->engine is "libclang"). Returns false, with a
 * notice on f naming the first fatal error, when libclang could not read it: f->cf is then
 * untouched and the caller reads the file with the tree-sitter tier alone. */
bool mm_cdeep_run(mm_cdeep *cd, mm_cfront *cf, mm_file *f, const mm_ccmd *cmd);

#endif
