/* Fixture for unsafe-strcpy: real calls are findings; declarations, comments, strings and
 * member calls are not; a copy that provably fits is no finding; a copy of program text into a
 * destination of unknown size is a note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define NAME_LEN 16
#define DEFAULT_NAME "sensor"
#define DEFAULT_HOST "192.168.0.1"

char *strcpy(char *dst, const char *src); /* a declaration is not a call */

struct msg {
    char name[64];
};

struct settings {
    char ssid[33];
    char host[NAME_LEN];
    char wide_ssid[65];
};

static char g_label[NAME_LEN];
static struct settings g_cfg;

void copy_name(const struct msg *m, char *out)
{
    char name[16];
    /* a 63-character field into 16 bytes */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(name, m->name);
    /* the destination is a parameter, the source a local array: nothing is known of out */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(out, name);
    // mamori-expect: unsafe-strcpy
    (void)strcpy(out,
                 m->name);
    /* strcpy(name, m->name) in a comment is not a call */
    // mamori-ok: unsafe-strcpy
    const char *doc = "use strcpy(dst, src) carefully";
    (void)doc;
}

void fits(void)
{
    char tag[8];
    char big[32];
    char small[8];
    /* a literal that fits the local array */
    // mamori-ok: unsafe-strcpy
    strcpy(tag, "abc");
    /* seven characters and the NUL fill tag[8] exactly */
    // mamori-ok: unsafe-strcpy
    strcpy(tag, "1234567");
    /* eight do not: it overflows, constant or not */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(tag, "12345678");
    /* a local array that fits the larger local destination */
    // mamori-ok: unsafe-strcpy
    strcpy(big, small);
    /* the other way round does not */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(small, big);
}

void globals_and_fields(const char *ssid)
{
    /* a file-scope array, its size through a #define */
    // mamori-ok: unsafe-strcpy
    strcpy(g_label, DEFAULT_NAME);
    /* a struct field of a type the file declares */
    // mamori-ok: unsafe-strcpy
    strcpy(g_cfg.host, DEFAULT_HOST);
    // mamori-ok: unsafe-strcpy
    strcpy(g_cfg.ssid, g_label);
    /* a 64-byte field into 33 bytes: the message says why it stands */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(g_cfg.ssid, g_cfg.wide_ssid);
    /* a parameter of unknown length */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(g_cfg.ssid, ssid);
}

char *dup_string(const char *src)
{
    /* the allocation is the source's length and its NUL */
    char *d = malloc(strlen(src) + 1);
    if (!d)
        return NULL;
    // mamori-ok: unsafe-strcpy
    strcpy(d, src);
    /* one byte short */
    char *e = malloc(strlen(src));
    // mamori-expect: unsafe-strcpy@warning
    strcpy(e, src);
    /* the length of another string */
    char *f = malloc(strlen(d) + 1);
    // mamori-expect: unsafe-strcpy@warning
    strcpy(f, src);
    return d;
}

/* calloc(count, size): the room is their product; a buffer is at most its room minus the NUL */
void calloc_sized(const char *src, int a)
{
    int size = 512;
    char *buf = calloc(size, 1);
    char *other = calloc(size, 1);
    snprintf(other, size, "a=%d", a);
    // mamori-ok: unsafe-strcpy (511 characters at most into 512)
    strcpy(buf, other);
    char *small = calloc(16, sizeof(char));
    // mamori-expect: unsafe-strcpy@warning (up to 511 characters into 16)
    strcpy(small, other);
    // mamori-expect: unsafe-strcpy@warning (a source of any length)
    strcpy(buf, src);
}

/* a global pointer this function points at an allocation first, in a block around the copy */
char *g_copy;

void dup_global(const char *src, int again)
{
    g_copy = malloc(strlen(src) + 1);
    // mamori-ok: unsafe-strcpy
    strcpy(g_copy, src);
    g_copy = malloc(strlen(src));
    // mamori-expect: unsafe-strcpy@warning (one byte short)
    strcpy(g_copy, src);
    if (again)
        g_copy = malloc(strlen(src) + 1);
    /* not on every way here: g_copy may point at anything the rest of the program gave it */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(g_copy, src);
}

void checked_before(const char *topic, char *out)
{
    char buf[32];
    /* a length checked against the room before the call */
    if (strlen(topic) >= sizeof buf)
        return;
    // mamori-ok: unsafe-strcpy
    strcpy(buf, topic);
    size_t n = strlen(topic);
    char copy[8];
    if (n < sizeof copy) {
        // mamori-ok: unsafe-strcpy
        strcpy(copy, topic);
    }
    /* off by one: strlen(topic) == 8 passes this check and writes 9 bytes */
    if (n > sizeof copy)
        return;
    // mamori-expect: unsafe-strcpy@warning
    strcpy(copy, topic);
    (void)out;
}

void pointers(int which, const char *text)
{
    char a[32], b[16];
    /* every buffer the pointer is pointed at has room */
    char *p = which ? a : b;
    char *q = a;
    if (which)
        q = b;
    // mamori-ok: unsafe-strcpy
    strcpy(q, "fits in sixteen");
    // mamori-expect: unsafe-strcpy@warning
    strcpy(q, text);
    (void)p;
}

void program_text(char *out, int verbose)
{
    /* program text into a destination of unknown size: a note */
    // mamori-expect: unsafe-strcpy@note
    strcpy(out, "ready");
    // mamori-expect: unsafe-strcpy@note
    strcpy(out, verbose ? "verbose" : "quiet");
    // mamori-expect: unsafe-strcpy@note
    strcpy(out, DEFAULT_NAME);
    /* a buffer this function fills only with literals is program text too */
    char state[16] = "idle";
    if (verbose)
        strcpy(state, "busy");
    // mamori-expect: unsafe-strcpy@note
    strcpy(out, state);
}

struct ops {
    char *(*strcpy)(char *, const char *);
};

void member(struct ops *o, char *d, const char *s)
{
    // mamori-ok: unsafe-strcpy
    o->strcpy(d, s);
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-strcpy
#define COPY(d, s) strcpy(d, s)
#define strcpy_P(dest, src) strcpy((dest), (src))

void through_macros(char *out, const char *in)
{
    char local[4];
    // mamori-expect: unsafe-strcpy@warning
    COPY(out, in);
    // mamori-expect: unsafe-strcpy@warning
    strcpy_P(out, in);
    /* the argument a macro passes on is judged as the call's own */
    // mamori-ok: unsafe-strcpy
    strcpy_P(local, "abc");
}

/* the wide and the stpcpy variants are the same copy */
void variants(wchar_t *wd, const wchar_t *ws, char *d, const char *s)
{
    wchar_t wide[4];
    // mamori-expect: unsafe-strcpy@warning
    wcscpy(wd, ws);
    // mamori-ok: unsafe-strcpy
    wcscpy(wide, L"abc");
    // mamori-expect: unsafe-strcpy@warning
    char *end = stpcpy(d, s);
    (void)end;
}

/* a variable called strcpy is not the function */
int strcpy_count(void)
{
    // mamori-ok: unsafe-strcpy
    int strcpy = 0;
    return strcpy;
}

#if 0
void never_built(char *d, const char *s)
{
    /* code that is never compiled has no findings */
    // mamori-ok: unsafe-strcpy
    strcpy(d, s);
}
#endif

#ifdef CONFIG_LEGACY_NAMES
void maybe_built(char *d, const char *s)
{
    /* a condition the scan cannot decide keeps the code, and the message says which */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(d, s);
}
#endif
