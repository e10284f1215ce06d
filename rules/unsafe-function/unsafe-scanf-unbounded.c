/* Fixture for unsafe-scanf-unbounded: %s and %[ without a width; widths, suppressed and
 * allocating conversions, and non-string conversions are not findings. */
#include <stdarg.h>
#include <stdio.h>

#define NAME_WIDTH "15"

int sscanf(const char *str, const char *format, ...);

void parse(const char *line, FILE *f, va_list ap)
{
    char user[16];
    char rest[64];
    char *alloc;
    int n;
    // mamori-expect: unsafe-scanf-unbounded@warning
    sscanf(line, "login %s", user);
    // mamori-expect: unsafe-scanf-unbounded
    scanf("%d %s", &n, user);
    // mamori-expect: unsafe-scanf-unbounded
    fscanf(f, "%[^\n]", rest);
    // mamori-expect: unsafe-scanf-unbounded
    sscanf(line, "%15s %ls", user, (wchar_t *)rest);
    // mamori-expect: unsafe-scanf-unbounded
    vsscanf(line, "%s", ap);
    // mamori-expect: unsafe-scanf-unbounded
    vfscanf(f, "%s", ap);
    // mamori-expect: unsafe-scanf-unbounded
    vscanf("%s", ap);
    // mamori-expect: unsafe-scanf-unbounded
    (void)sscanf(line,
                 "%d:%s",
                 &n, user);
    // mamori-ok: unsafe-scanf-unbounded
    sscanf(line, "login %15s", user);
    // mamori-ok: unsafe-scanf-unbounded
    sscanf(line, "%63[^\n]", rest);
    // mamori-ok: unsafe-scanf-unbounded
    sscanf(line, "%*s %d", &n);
    // mamori-ok: unsafe-scanf-unbounded
    sscanf(line, "100%% %d", &n);
    /* %ms: the library allocates the string (POSIX.1-2008) */
    // mamori-ok: unsafe-scanf-unbounded
    sscanf(line, "%ms", &alloc);
    // mamori-ok: unsafe-scanf-unbounded
    sscanf(line, "%m[a-z]", &alloc);
    /* the width comes from a macro between the pieces: not a conversion without width */
    // mamori-ok: unsafe-scanf-unbounded
    sscanf(line, "%" NAME_WIDTH "s", user);
    // mamori-ok: unsafe-scanf-unbounded
    sscanf(line, n ? "%" NAME_WIDTH "s" : "%d", user);
    /* a format that is not a literal cannot be checked here */
    // mamori-ok: unsafe-scanf-unbounded
    sscanf(line, line, user);
    // mamori-ok: unsafe-scanf-unbounded
    const char *doc = "sscanf(line, \"%s\", buf) overflows";
    (void)doc;
}

struct parser {
    int (*sscanf)(const char *, const char *, ...);
};

void member(struct parser *p, const char *line, char *out)
{
    // mamori-ok: unsafe-scanf-unbounded
    p->sscanf(line, "%s", out);
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-scanf-unbounded
#define READ_WORD(b) scanf("%s", (b))

void word(void)
{
    char w[16];
    // mamori-expect: unsafe-scanf-unbounded
    READ_WORD(w);
}
