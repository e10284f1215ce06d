/* Fixture for unsafe-strcat: strcat and wcscat are warnings wherever they are called, even
 * with a short literal (the room left depends on what the destination already holds). */
#include <string.h>
#include <wchar.h>

char *strcat(char *dst, const char *src);

struct path_ops {
    char *(*strcat)(char *, const char *);
};

void build_topic(char *topic, const char *device_id, wchar_t *wide, const wchar_t *wsrc)
{
    char path[32] = "dev/";
    // mamori-expect: unsafe-strcat@warning
    strcat(topic, device_id);
    // mamori-expect: unsafe-strcat@warning
    strcat(path, "/");
    // mamori-expect: unsafe-strcat
    wcscat(wide, wsrc);
    // mamori-expect: unsafe-strcat
    (void)strcat(path,
                 device_id);
    /* strcat(path, device_id) in a comment is not a call */
    // mamori-ok: unsafe-strcat
    const char *doc = "strcat(dst, src) appends";
    (void)doc;
    // mamori-ok: unsafe-strcat
    strlcat(path, device_id, sizeof path);
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

// mamori-expect: unsafe-strcat
#define APPEND(d, s) strcat((d), (s))
