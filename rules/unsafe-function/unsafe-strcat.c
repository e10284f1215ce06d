/* Fixture for unsafe-strcat: an append is a finding unless what the destination already holds,
 * what is appended and the destination's room are all known and fit. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define TOPIC_ROOT "home/"

char *strcat(char *dst, const char *src);

struct path_ops {
    char *(*strcat)(char *, const char *);
};

static char g_topic[64];

void build_topic(char *topic, const char *device_id, wchar_t *wide, const wchar_t *wsrc)
{
    char path[32] = "dev/";
    /* nothing is known of the parameter */
    // mamori-expect: unsafe-strcat@warning
    strcat(topic, device_id);
    /* path holds "dev/" (4 characters): one more and the NUL fit in 32 */
    // mamori-ok: unsafe-strcat
    strcat(path, "/");
    // mamori-expect: unsafe-strcat
    wcscat(wide, wsrc);
    /* outside data appended */
    // mamori-expect: unsafe-strcat@warning
    (void)strcat(path,
                 device_id);
    /* strcat(path, device_id) in a comment is not a call */
    // mamori-ok: unsafe-strcat
    const char *doc = "strcat(dst, src) appends";
    (void)doc;
    // mamori-ok: unsafe-strcat
    strlcat(path, device_id, sizeof path);
}

void known_contents(int retained)
{
    char topic[16];
    strcpy(topic, TOPIC_ROOT);
    /* "home/" + "status" + NUL = 12 of 16 */
    // mamori-ok: unsafe-strcat
    strcat(topic, "status");
    if (retained) {
        /* either branch may have run: 11 + 9 characters do not fit */
        // mamori-expect: unsafe-strcat@warning
        strcat(topic, "/retained");
    }
}

void unknown_contents(const char *name)
{
    /* what a file-scope buffer holds is not this function's */
    // mamori-expect: unsafe-strcat@warning
    strcat(g_topic, "/set");
    char line[64] = "";
    for (int i = 0; i < 4; i++) {
        /* appended over and over: the loop decides how long it gets */
        // mamori-expect: unsafe-strcat@warning
        strcat(line, "ab");
    }
    char p[64];
    // mamori-expect: unsafe-strcpy
    strcpy(p, name);
    // mamori-expect: unsafe-strcat@warning
    strcat(p, ".gz");
}

void program_text_only(int verbose)
{
    char line[64] = "";
    /* a build-time string of unknown length: what line holds is still the program's own */
    if (verbose)
        // mamori-expect: unsafe-strcpy@note
        strcpy(line, CONFIG_DEVICE_NAME);
    // mamori-expect: unsafe-strcat@note
    strcat(line, "/set");
}

char *join(const char *a, const char *b, const char *c)
{
    /* the allocation sums the lengths of what is copied into it */
    char *s = malloc(strlen(a) + strlen(b) + strlen(c) + 1);
    if (!s)
        return NULL;
    strcpy(s, a);
    // mamori-ok: unsafe-strcat
    strcat(s, b);
    // mamori-ok: unsafe-strcat
    strcat(s, c);
    /* one more than it has room for */
    // mamori-expect: unsafe-strcat@warning
    strcat(s, a);
    return s;
}

void checked(const char *tmp)
{
    char buf[64] = "prefix:";
    /* 7 held, at most 55 appended: 63 and the NUL */
    if (strlen(tmp) > 55)
        return;
    // mamori-ok: unsafe-strcat
    strcat(buf, tmp);
}

void program_text(char *out)
{
    char small[8] = "abc";
    /* program text, but it overflows: a warning */
    // mamori-expect: unsafe-strcat@warning
    strcat(small, "defghij");
    (void)out;
}

void member(struct path_ops *ops, char *d, const char *s)
{
    // mamori-ok: unsafe-strcat
    ops->strcat(d, s);
}

/* a variable called strcat is not a call to it */
int count_strcat(void)
{
    // mamori-ok: unsafe-strcat
    int strcat = 0;
    return strcat;
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-strcat
#define APPEND(d, s) strcat((d), (s))

void through_macro(char *d, const char *s)
{
    // mamori-expect: unsafe-strcat
    APPEND(d, s);
}
