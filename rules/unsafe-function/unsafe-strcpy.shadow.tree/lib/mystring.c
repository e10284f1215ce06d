/* The project's own string functions. A definition of strcpy here replaces libc's everywhere
 * in the project; a static one (wcscpy) only in this file; a macro defined in a source file
 * (stpcpy) only in this file too. This file sorts before src/, so its definitions are merged
 * first and must still be known when src/main.c is checked. */
#include <stddef.h>
#include <wchar.h>

#define stpcpy(d, s) my_stpcpy(d, s)

char *my_stpcpy(char *d, const char *s);

char *strcpy(char *d, const char *s)
{
    char *r = d;
    while ((*d++ = *s++) != '\0') {
    }
    return r;
}

static wchar_t *wcscpy(wchar_t *d, const wchar_t *s)
{
    wchar_t *r = d;
    while ((*d++ = *s++) != L'\0') {
    }
    return r;
}

void lib_use(char *d, const char *s, wchar_t *wd, const wchar_t *ws)
{
    // mamori-ok: unsafe-strcpy
    strcpy(d, s);
    // mamori-ok: unsafe-strcpy
    wcscpy(wd, ws);
    // mamori-ok: unsafe-strcpy
    stpcpy(d, s);
}
