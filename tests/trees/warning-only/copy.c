/* copy.c: one warning (an unbounded copy of a parameter), nothing else. */
#include <string.h>

void copy_name(char *dst, const char *name)
{
    strcpy(dst, name);
}
