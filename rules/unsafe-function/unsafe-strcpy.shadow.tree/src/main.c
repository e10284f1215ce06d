/* Calls in another file: strcpy is the project's (not a finding); the static wcscpy and the
 * stpcpy macro of lib/mystring.c do not reach here, so these are libc's. */
#include <string.h>
#include <wchar.h>

void app(char *d, const char *s, wchar_t *wd, const wchar_t *ws)
{
    // mamori-ok: unsafe-strcpy
    strcpy(d, s);
    // mamori-expect: unsafe-strcpy
    wcscpy(wd, ws);
    // mamori-expect: unsafe-strcpy
    stpcpy(d, s);
}
