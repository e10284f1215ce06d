/* A static snprintf with another signature than libc's shadows libc's in this file only. */
#include <stddef.h>

static int snprintf(char *buf, size_t n, const char *text)
{
    (void)buf;
    (void)n;
    (void)text;
    return 0;
}

void fill(char *buf, size_t n, const char *msg)
{
    // mamori-ok: unsafe-format-string
    snprintf(buf, n, msg);
}
