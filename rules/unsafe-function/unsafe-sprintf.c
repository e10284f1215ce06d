/* Fixture for unsafe-sprintf: a warning unless the constant format's longest output provably
 * fits a local array, then a note. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#define LINE_LEN 16

int sprintf(char *str, const char *format, ...);

void show(char *out, const char *name, int value, uint32_t count)
{
    char num[12];
    char small[11];
    char line[LINE_LEN];
    char tag[4] = "abc";
    /* the destination is a parameter: its size is unknown */
    // mamori-expect: unsafe-sprintf@warning
    sprintf(out, "%d", value);
    /* "-2147483648" and the NUL: 12 bytes */
    // mamori-expect: unsafe-sprintf@note
    sprintf(num, "%d", value);
    // mamori-expect: unsafe-sprintf@warning
    sprintf(small, "%d", value);
    /* a %s of a parameter has no bound */
    // mamori-expect: unsafe-sprintf@warning
    sprintf(line, "%s=%d", name, value);
    /* a %s of a local array has one: 3 + 1 + 11 + NUL = 16 */
    // mamori-expect: unsafe-sprintf@note
    sprintf(line, "%s=%d", tag, value);
    /* the array size comes from a macro of this file */
    // mamori-expect: unsafe-sprintf@note
    sprintf(line, "id %hhu", (unsigned char)value);
    /* PRIu32 hides part of the format: the output cannot be bounded */
    // mamori-expect: unsafe-sprintf@warning
    sprintf(num, "%" PRIu32, count);
    // mamori-expect: unsafe-sprintf@warning
    (void)sprintf(out,
                  "%s", name);
    /* a format that is not a literal is a finding of unsafe-format-string as well */
    // mamori-expect: unsafe-sprintf@warning unsafe-format-string
    sprintf(out, name);
    // mamori-ok: unsafe-sprintf
    snprintf(out, 8, "%d", value);
    // mamori-ok: unsafe-sprintf
    const char *doc = "sprintf(buf, fmt) has no bound";
    (void)doc;
}

void vshow(char *out, const char *fmt, va_list ap)
{
    char buf[11];
    // mamori-expect: unsafe-sprintf@warning
    vsprintf(out, fmt, ap);
    // mamori-expect: unsafe-sprintf@note
    vsprintf(buf, "%u", ap);
}

struct fmt_ops {
    int (*sprintf)(char *, const char *, ...);
};

void member(struct fmt_ops *ops, char *out)
{
    // mamori-ok: unsafe-sprintf
    ops->sprintf(out, "%d", 1);
}

// mamori-expect: unsafe-sprintf
#define FMT_INT(b, v) sprintf((b), "%d", (v))
