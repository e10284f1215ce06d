/* The project's own string functions. strcpy's danger is its signature (no destination size),
 * so a definition with libc's signature is a re-implementation and its callers are still
 * findings; a function named like libc's but with another signature is the project's own and
 * shadows libc's everywhere (a `static` one only in this file); a macro defined in a source
 * file shadows in that file. This file sorts before src/, so its definitions are merged first
 * and must still be known when src/main.c is checked. */
#include <stddef.h>
#include <wchar.h>

#define stpcpy(d, s) my_stpcpy(d, s)

char *my_stpcpy(char *d, const char *s);

/* a vendored re-implementation: as unbounded as libc's */
char *strcpy(char *d, const char *s)
{
    char *r = d;
    while ((*d++ = *s++) != '\0') {
    }
    return r;
}

/* the project's own strcat: bounded, another signature */
size_t strcat(char *d, size_t cap, const char *s)
{
    size_t n = 0;
    while (d[n] != '\0' && n < cap)
        n++;
    while (*s != '\0' && n + 1 < cap)
        d[n++] = *s++;
    d[n] = '\0';
    return n;
}

/* a static one with another signature: this file's own */
static wchar_t *wcscpy(wchar_t *d, size_t cap, const wchar_t *s)
{
    (void)cap;
    return d + (s - s);
}

void lib_use(char *d, size_t n, const char *s, wchar_t *wd, const wchar_t *ws)
{
    // mamori-expect: unsafe-strcpy
    strcpy(d, s);
    // mamori-ok: unsafe-strcat
    strcat(d, n, s);
    // mamori-ok: unsafe-strcpy
    wcscpy(wd, n, ws);
    // mamori-ok: unsafe-strcpy
    stpcpy(d, s);
}
