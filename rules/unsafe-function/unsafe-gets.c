/* Fixture for unsafe-gets: every real call is an error; declarations, comments, strings,
 * member calls and fgets are not findings. */
#include <stdio.h>

char *gets(char *s); /* a prototype is not a call */

struct console {
    char *(*gets)(char *buf);
};

void read_command(struct console *con)
{
    char cmd[32];
    // mamori-expect: unsafe-gets@error
    gets(cmd);
    // mamori-expect: unsafe-gets
    if (gets(cmd) == NULL) {
        return;
    }
    // mamori-expect: unsafe-gets
    (void)gets(
        cmd);
    /* gets(cmd) in a comment is not a call */
    // mamori-ok: unsafe-gets
    const char *doc = "never call gets(buf)";
    (void)doc;
    // mamori-ok: unsafe-gets
    con->gets(cmd);
    // mamori-ok: unsafe-gets
    fgets(cmd, sizeof cmd, stdin);
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-gets
#define READ_LINE(b) gets(b)

void read_one(void)
{
    char line[80];
    // mamori-expect: unsafe-gets
    READ_LINE(line);
}
