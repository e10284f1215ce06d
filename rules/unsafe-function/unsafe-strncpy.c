/* Fixture for unsafe-strncpy: a note at every strncpy/strncat (termination and size are easy
 * to get wrong), raised to a warning for strncat with the destination's whole size. */
#include <string.h>
#include <wchar.h>

char *strncpy(char *dst, const char *src, size_t n);

struct rec {
    char name[16];
};

void copy(struct rec *r, const char *src, char *out, size_t out_len)
{
    char path[64] = "/data/";
    wchar_t wide[8];
    // mamori-expect: unsafe-strncpy@note
    strncpy(r->name, src, sizeof r->name);
    // mamori-expect: unsafe-strncpy@note
    strncpy(out, src, out_len - 1);
    /* strncat's bound is the room left: the destination's size is always too much */
    // mamori-expect: unsafe-strncpy@warning
    strncat(path, src, sizeof path);
    // mamori-expect: unsafe-strncpy@warning
    strncat(path, src, sizeof(path));
    // mamori-expect: unsafe-strncpy@warning
    strncat(r->name, src, sizeof (r->name));
    // mamori-expect: unsafe-strncpy@note
    strncat(path, src, sizeof path - strlen(path) - 1);
    /* sizeof of another buffer is not this check's business */
    // mamori-expect: unsafe-strncpy@note
    strncat(path, src, sizeof r->name);
    /* strncpy with the whole size is the classic missing NUL, but often followed by a manual
     * terminator: a note */
    // mamori-expect: unsafe-strncpy@note
    strncpy(path, src, sizeof path);
    path[sizeof path - 1] = '\0';
    // mamori-expect: unsafe-strncpy@note
    wcsncpy(wide, L"abc", 8);
    // mamori-expect: unsafe-strncpy@warning
    wcsncat(wide, L"d", sizeof wide);
    // mamori-expect: unsafe-strncpy
    (void)strncpy(out,
                  src, out_len);
    // mamori-ok: unsafe-strncpy
    strlcpy(out, src, out_len);
    // mamori-ok: unsafe-strncpy
    const char *doc = "strncpy(dst, src, n) may not terminate";
    (void)doc;
}

struct str_ops {
    char *(*strncpy)(char *, const char *, size_t);
};

void member(struct str_ops *ops, char *d, const char *s)
{
    // mamori-ok: unsafe-strncpy
    ops->strncpy(d, s, 4);
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-strncpy
#define APPEND_ALL(d, s) strncat(d, s, sizeof(d))

void append(const char *s)
{
    char d[32] = "";
    // mamori-expect: unsafe-strncpy@warning
    APPEND_ALL(d, s);
}

/* appending in a loop: the loop, not strncat's bound, decides how much the buffer takes */
void append_bytes(const unsigned char *data, int len)
{
    char version[50] = {0};
    for (int i = 8; i < len; i++) {
        // mamori-expect: unsafe-strncpy@warning (len comes from the peer)
        strncat(version, (const char *)&data[i], 1);
    }
    char names[64] = "";
    for (int i = 0; i < len; i++) {
        // mamori-expect: unsafe-strncpy@note (the room left is the bound)
        strncat(names, (const char *)data, sizeof(names) - strlen(names) - 1);
    }
    char one[8] = "";
    // mamori-expect: unsafe-strncpy@note (not in a loop: one byte fits)
    strncat(one, (const char *)data, 1);
}
