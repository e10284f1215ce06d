#include <stdio.h>

void net_rename(char *dst, const char *name)
{
    snprintf(dst, 16, "%s", name);
}
