/* A header that renames strcpy for every file that includes it: an object-like macro, which
 * a call-shaped trigger alone would not see. */
#ifndef SAFE_STRING_H
#define SAFE_STRING_H
#include <stddef.h>

char *checked_strcpy(char *d, const char *s);
#define strcpy checked_strcpy

#endif
