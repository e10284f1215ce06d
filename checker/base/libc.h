/* libc.h: what mamori knows about the C library itself — prototypes of the functions rules
 * name, and the standard header names — to tell a project's own function of the same name from
 * a re-implementation of libc's. */
#ifndef MM_LIBC_H
#define MM_LIBC_H

#include <stdbool.h>

/* The libc prototype of name: its parameter count and whether it ends in `...`. */
bool mm_libc_proto(const char *name, int *params, bool *ellipsis);
/* A C or POSIX standard header's base name ("stdio.h"). */
bool mm_libc_header(const char *base);

#endif
