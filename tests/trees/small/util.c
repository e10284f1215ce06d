/* util.c: code with nothing to report, and a copy that provably fits (no finding). */
#include <stdio.h>
#include <string.h>

int util_banner(char *out, size_t n)
{
    char tag[8];
    strcpy(tag, "v1");
    return snprintf(out, n, "mamori-%s", tag);
}
