/* Fixture for policy-suppression-without-reason: a suppression needs a reason to count. */
#include <string.h>

void f(char *dst, const char *src)
{
    /* no reason: the finding stays and the suppression is reported */
    // mamori-expect: unsafe-strcpy policy-suppression-without-reason
    strcpy(dst, src); // mamori-ignore[unsafe-strcpy]
    /* an empty reason is no reason */
    // mamori-expect: policy-suppression-without-reason
    // mamori-ignore[unsafe-strcpy]:
    // mamori-expect: unsafe-strcpy
    strcpy(dst, src);
    /* with a reason, on the line before: suppressed */
    // mamori-ok: policy-suppression-without-reason
    // mamori-ignore[unsafe-strcpy]: dst is sized by the caller to hold src, see api.h
    strcpy(dst, src);
    /* prose that mentions mamori-ignore is not a suppression */
    // mamori-ok: policy-suppression-without-reason
    const char *doc = "write mamori-ignore with a rule id in brackets";
    (void)doc;
}
