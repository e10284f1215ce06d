/* Fixture for unsafe-sprintf (issue 11): a buffer sized by measuring the output first,
 * malloc(vsnprintf(NULL, 0, fmt, va) + 1), holds what vsprintf writes with the same format and
 * arguments. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
char *fmt_alloc(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    size_t ln = vsnprintf(NULL, 0, fmt, va) + 1;
    char *txt = malloc(ln);
    if (txt)
        // mamori-ok: unsafe-sprintf
        vsprintf(txt, fmt, va);
    va_end(va);
    return txt;
}

/* measured, but the allocation has no room for the NUL */
char *fmt_short(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    size_t ln = vsnprintf(NULL, 0, fmt, va);
    char *txt = malloc(ln);
    if (txt)
        // mamori-expect: unsafe-sprintf@warning
        vsprintf(txt, fmt, va);
    va_end(va);
    return txt;
}
/* measured with one format, written with another */
char *fmt_other(const char *fmt, const char *other, ...)
{
    va_list va;
    va_start(va, other);
    size_t ln = vsnprintf(NULL, 0, fmt, va) + 1;
    char *txt = malloc(ln);
    if (txt)
        // mamori-expect: unsafe-sprintf@warning
        vsprintf(txt, other, va);
    va_end(va);
    return txt;
}

/* a command name and a newline, then the measured text after them: txt + cmd_len has the room
 * the measure gave (squeezelite-esp32's cmd_send_messaging) */
char *fmt_prefixed(const char *cmdname, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    size_t cmd_len = strlen(cmdname) + 1;
    size_t ln = vsnprintf(NULL, 0, fmt, va) + 1;
    char *txt = malloc(ln + cmd_len);
    if (txt) {
        strcpy(txt, cmdname);
        strcat(txt, "\n");
        // mamori-ok: unsafe-sprintf
        vsprintf(txt + cmd_len, fmt, va);
        // one further in, the last byte is missing
        // mamori-expect: unsafe-sprintf@warning
        vsprintf(txt + cmd_len + 1, fmt, va);
    }
    va_end(va);
    return txt;
}
