/* Fixture for unsafe-sprintf (issue 11): the range of an integer argument from what it is
 * made of: a call of a function the project declares (its return type), a constant expression
 * of macros. */
#include <stdint.h>
#include <stdio.h>

#define TUREAD 00400
#define TUWRITE 00200
#define TUEXEC 00100

static inline uint16_t read_u16(const char *p)
{
    return (uint16_t)((unsigned char)p[0] << 8 | (unsigned char)p[1]);
}
int read_int(const char *p);
uint8_t read_u8(const char *p);

void show(const char *p)
{
    /* two uint16_t: at most "65535.65535", 11 characters */
    char version[12];
    // mamori-ok: unsafe-sprintf
    sprintf(version, "%u.%u", read_u16(p), read_u16(p + 2));
    char vshort[11];
    // mamori-expect: unsafe-sprintf@warning
    sprintf(vshort, "%u.%u", read_u16(p), read_u16(p + 2));
    /* 0700 in seven octal digits */
    char mode[8];
    // mamori-ok: unsafe-sprintf
    sprintf(mode, "%07o", TUREAD + TUWRITE + TUEXEC);
    /* an int may need 11 characters */
    char n[8];
    // mamori-expect: unsafe-sprintf@warning
    sprintf(n, "%d", read_int(p));
    /* a byte from a function declared further up: three digits */
    char b[4];
    // mamori-ok: unsafe-sprintf
    sprintf(b, "%u", read_u8(p));
}
