/* Fixture for unsafe-sprintf: no finding when the longest possible output provably fits the
 * destination; a note when everything formatted is program text or numbers and the
 * destination's size is unknown; a warning otherwise. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#define LINE_LEN 16
#define MACSTR "%02x:%02x:%02x:%02x:%02x:%02x"

int sprintf(char *str, const char *format, ...);

struct dev {
    char name[32];
    uint8_t mac[6];
    uint16_t port;
};

void show(char *out, const char *name, int value, uint32_t count)
{
    char num[12];
    char small[11];
    char line[LINE_LEN];
    char tag[4] = "abc";
    /* the destination is a parameter: its size is unknown; a number is program output */
    // mamori-expect: unsafe-sprintf@note
    sprintf(out, "%d", value);
    /* "-2147483648" and the NUL: 12 bytes */
    // mamori-ok: unsafe-sprintf
    sprintf(num, "%d", value);
    // mamori-expect: unsafe-sprintf@warning
    sprintf(small, "%d", value);
    /* a %s of a parameter has no bound */
    // mamori-expect: unsafe-sprintf@warning
    sprintf(line, "%s=%d", name, value);
    /* a %s of a local array has one: 3 + 1 + 11 + NUL = 16 */
    // mamori-ok: unsafe-sprintf
    sprintf(line, "%s=%d", tag, value);
    /* the array size comes from a macro of this file */
    // mamori-ok: unsafe-sprintf
    sprintf(line, "id %hhu", (unsigned char)value);
    /* PRIu32 is at most 20 digits; a uint32_t at most 10, which fit num[12] */
    // mamori-ok: unsafe-sprintf
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

void by_type(const struct dev *d, uint8_t level, uint16_t port, int days)
{
    char mac[18];
    char pct[4];
    char two[3];
    char port_s[6];
    /* six %02x of uint8_t: 17 characters and the NUL */
    // mamori-ok: unsafe-sprintf
    sprintf(mac, MACSTR, d->mac[0], d->mac[1], d->mac[2], d->mac[3], d->mac[4], d->mac[5]);
    // mamori-ok: unsafe-sprintf
    sprintf(pct, "%u", level);
    // mamori-ok: unsafe-sprintf
    sprintf(two, "%02u", (unsigned)days % 100);
    /* an int % 100 may be -99: three characters */
    // mamori-expect: unsafe-sprintf@warning
    sprintf(two, "%02d", days % 100);
    // mamori-ok: unsafe-sprintf
    sprintf(port_s, "%u", port);
    /* a struct field's declared type */
    // mamori-ok: unsafe-sprintf
    sprintf(port_s, "%u", d->port);
    /* an int is up to 11 characters */
    // mamori-expect: unsafe-sprintf@warning
    sprintf(two, "%d", days);
    /* a field of the project's struct, %s of it: 31 + 4 fit 36 */
    char label[36];
    // mamori-ok: unsafe-sprintf
    sprintf(label, "dev %s", d->name);
    char exact[sizeof("temperature: ")];
    // mamori-ok: unsafe-sprintf
    sprintf(exact, "%s: ", "temperature");
    // mamori-expect: unsafe-sprintf@warning
    sprintf(exact, "%s: ", d->name);
}

void vshow(char *out, const char *fmt, va_list ap)
{
    char buf[11];
    // mamori-expect: unsafe-sprintf@warning
    vsprintf(out, fmt, ap);
    /* any unsigned int is at most ten digits */
    // mamori-ok: unsafe-sprintf
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

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-sprintf
#define FMT_INT(b, v) sprintf((b), "%d", (v))

void through_macro(char *b, int v)
{
    char mine[12];
    // mamori-expect: unsafe-sprintf@note
    FMT_INT(b, v);
    // mamori-ok: unsafe-sprintf
    FMT_INT(mine, v);
}

/* a buffer sized by the strings it formats */
char *joined(const char *method, const char *resp)
{
    char *data = malloc(strlen(method) + 2 + strlen(resp) + 2 + 1);
    // mamori-ok: unsafe-sprintf (strlen(method) + strlen(resp) + 4 chars and the NUL)
    sprintf(data, "%s\r\n%s\r\n", method, resp);
    char *short_by_one = malloc(strlen(method) + strlen(resp) + 4);
    // mamori-expect: unsafe-sprintf@warning
    sprintf(short_by_one, "%s\r\n%s\r\n", method, resp);
    char *other = malloc(strlen(method) + 8);
    // mamori-expect: unsafe-sprintf@warning (resp is not in the size)
    sprintf(other, "%s: %s", method, resp);
    return data;
}
