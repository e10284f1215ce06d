/* The project's console output. Its printf has libc's signature and formats like libc's: a
 * re-implementation, so a non-constant format passed to it is still a finding. Its dprintf
 * prints text to a channel (another signature): the project's own, not a format sink. The
 * hand-written trigger must see these definitions, or they could not shadow. */
#include <stdarg.h>
#include <stddef.h>

int console_vprintf(const char *fmt, va_list ap);
int console_write(int channel, const char *text);

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = console_vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int (dprintf)(int channel, const char *text)
{
    return console_write(channel, text);
}
