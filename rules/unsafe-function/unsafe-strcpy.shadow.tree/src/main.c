/* Calls in another file: lib/mystring.c's strcpy has libc's signature, so it is still an
 * unbounded copy; its strcat has another signature and is the project's own; the static wcscpy
 * and the stpcpy macro of lib/mystring.c do not reach here, so these are libc's. */
#include <string.h>
#include <wchar.h>

void app(char *d, size_t n, const char *s, wchar_t *wd, const wchar_t *ws)
{
    // mamori-expect: unsafe-strcpy
    strcpy(d, s);
    // mamori-ok: unsafe-strcat
    strcat(d, n, s);
    // mamori-expect: unsafe-strcpy
    wcscpy(wd, ws);
    // mamori-expect: unsafe-strcpy
    stpcpy(d, s);
}
