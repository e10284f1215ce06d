#include <string.h>

void set_tag(char *dst, const char *tag)
{
    /* an accepted risk that holds */
    // mamori-ok: unsafe-strcat
    strcat(dst, tag);
}
