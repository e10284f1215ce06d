/* Fixture for unsafe-tempfile: functions that only make up a name; mkstemp and tmpfile
 * create the file themselves. */
#include <stdio.h>
#include <stdlib.h>

char *mktemp(char *template);

struct fs_ops {
    char *(*mktemp)(char *);
};

void save(struct fs_ops *ops)
{
    char path[] = "/tmp/fwXXXXXX";
    char name[L_tmpnam];
    // mamori-expect: unsafe-tempfile@warning
    mktemp(path);
    // mamori-expect: unsafe-tempfile
    FILE *f = fopen(tmpnam(name), "w");
    // mamori-expect: unsafe-tempfile
    char *t = tempnam("/tmp",
                      "fw");
    // mamori-ok: unsafe-tempfile
    int fd = mkstemp(path);
    // mamori-ok: unsafe-tempfile
    FILE *g = tmpfile();
    // mamori-ok: unsafe-tempfile
    ops->mktemp(path);
    // mamori-ok: unsafe-tempfile
    const char *doc = "mktemp(template) races";
    (void)f, (void)t, (void)fd, (void)g, (void)doc;
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-tempfile
#define TMP_NAME(b) tmpnam(b)
/* a macro that renames it, in both #if branches */
#ifdef _WIN32
#define MKTEMP _mktemp
#else
#define MKTEMP mktemp
#endif

void names(char *b, char *tmpl)
{
    // mamori-expect: unsafe-tempfile
    TMP_NAME(b);
    // mamori-expect: unsafe-tempfile
    char *f = MKTEMP(tmpl);
    (void)f;
}
