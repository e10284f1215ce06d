#include <string.h>

#define WIFI_PASSWORD "factory-test-only-7Hq2" // mamori-ignore[cred-hardcoded-password]: lab jig firmware, never shipped

void copy_a(char *dst, const char *src)
{
    // mamori-ignore[unsafe-strcpy]: src is a 7-byte tag checked by the caller
    strcpy(dst, src);
}

void copy_b(char *dst, const char *src)
{
    strcpy(dst, src); // mamori-ignore[unsafe-strcpy]
}

void copy_c(char *dst, const char *src)
{
    /* mamori-ignore[unsafe-strcpy, cred-hardcoded-password]: both, in a block comment */
    strcpy(dst, src);
}

void nothing_here(void)
{
    // mamori-ignore[unsafe-strcpy]: stale, the copy below was replaced
    (void)0;
    // mamori-ignore[unsafe-strcopy]: a misspelt rule id
}
