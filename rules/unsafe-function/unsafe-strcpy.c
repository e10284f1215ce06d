/* Fixture for unsafe-strcpy: real calls are findings; declarations, comments, strings,
 * member calls and provably fitting copies are not (or are notes). */
#include <string.h>
#include <wchar.h>

char *strcpy(char *dst, const char *src); /* a declaration is not a call */

struct msg {
    char name[64];
};

void copy_name(const struct msg *m, char *out)
{
    char name[16];
    // mamori-expect: unsafe-strcpy@warning
    strcpy(name, m->name);
    // mamori-expect: unsafe-strcpy
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
    /* a literal that fits the local array: a note, not a warning */
    // mamori-expect: unsafe-strcpy@note
    strcpy(tag, "abc");
    /* a local array that fits the larger local destination: a note too */
    // mamori-expect: unsafe-strcpy@note
    strcpy(big, small);
    /* seven characters and the NUL fill tag[8] exactly */
    // mamori-expect: unsafe-strcpy@note
    strcpy(tag, "1234567");
    /* eight do not */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(tag, "12345678");
    /* the other way round does not fit either */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(small, big);
}

struct ops {
    char *(*strcpy)(char *, const char *);
};

void member(struct ops *o, char *d, const char *s)
{
    // mamori-ok: unsafe-strcpy
    o->strcpy(d, s);
}

/* a call inside a macro body is a call wherever the macro is used */
// mamori-expect: unsafe-strcpy@warning
#define COPY(d, s) strcpy(d, s)

/* the wide and the stpcpy variants are the same copy */
void variants(wchar_t *wd, const wchar_t *ws, char *d, const char *s)
{
    // mamori-expect: unsafe-strcpy@warning
    wcscpy(wd, ws);
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
