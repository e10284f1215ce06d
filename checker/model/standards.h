/* standards.h (model): the standards data the sign-off report checks rules' mappings against
 * (checker/data/standards.json: METI's six measures, ETSI EN 303 645 provisions, JC-STAR star 1
 * requirements, CRA Annex I items), embedded in the binary by checker/embed_file.cmake. */
#ifndef MM_MODEL_STANDARDS_H
#define MM_MODEL_STANDARDS_H

#include <stddef.h>

extern const char mm_builtin_standards[];
extern const size_t mm_builtin_standards_len;

#endif
