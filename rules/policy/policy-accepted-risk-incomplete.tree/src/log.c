#include <string.h>

void set_tag(char *dst, const char *tag)
{
    /* accepted, but without an owner */
    // mamori-ok: unsafe-strcat
    strcat(dst, tag);
}
