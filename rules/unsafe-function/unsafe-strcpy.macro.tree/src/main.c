#include "safe_string.h"

void copy(char *d, const char *s)
{
    // mamori-ok: unsafe-strcpy
    strcpy(d, s);
}
