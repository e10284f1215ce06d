/* Fixture for policy-suppression-unused: a suppression must suppress something. */
#include <stdio.h>
#include <string.h>

void f(char *dst, size_t n, const char *src)
{
    /* the code was fixed; the suppression stayed */
    // mamori-expect: policy-suppression-unused
    // mamori-ignore[unsafe-strcpy]: checked by the caller
    snprintf(dst, n, "%s", src);
    /* a misspelt rule id suppresses nothing */
    // mamori-expect: policy-suppression-unused
    // mamori-ignore[unsafe-strcopy]: checked by the caller
    // mamori-expect: unsafe-strcpy
    strcpy(dst, src);
    /* used: not reported */
    // mamori-ok: policy-suppression-unused
    strcpy(dst, src); // mamori-ignore[unsafe-strcpy]: dst is sized by the caller, see api.h
    /* several ids in one suppression; one of them matching is enough */
    // mamori-ok: policy-suppression-unused
    // mamori-ignore[unsafe-strcpy, unsafe-strcat]: both sized by the caller, see api.h
    strcpy(dst, src);
}
