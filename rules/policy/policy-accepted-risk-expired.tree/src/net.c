#include <string.h>

void set_name(char *dst, const char *src)
{
    /* its accepted risk expired: the finding counts again */
    // mamori-expect: unsafe-strcpy
    strcpy(dst, src);
}
