#include <stdio.h>

void sub_rename(char *dst, const char *name)
{
    snprintf(dst, 16, "%s", name);
}
