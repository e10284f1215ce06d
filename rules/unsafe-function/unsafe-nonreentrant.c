/* Fixture for unsafe-nonreentrant: functions with static state; their _r versions are fine. */
#include <string.h>
#include <time.h>

char *strtok(char *str, const char *delim);

struct clock_ops {
    struct tm *(*gmtime)(const time_t *);
};

void handle(char *line, time_t now, struct clock_ops *ops)
{
    char *save;
    struct tm tm;
    char buf[32];
    // mamori-expect: unsafe-nonreentrant@note
    for (char *t = strtok(line, " "); t;
         // mamori-expect: unsafe-nonreentrant
         t = strtok(NULL, " ")) {
    }
    // mamori-expect: unsafe-nonreentrant
    struct tm *g = gmtime(&now);
    // mamori-expect: unsafe-nonreentrant
    struct tm *l = localtime(&now);
    // mamori-expect: unsafe-nonreentrant
    char *c = ctime(&now);
    // mamori-expect: unsafe-nonreentrant
    char *a = asctime(
        &tm);
    // mamori-ok: unsafe-nonreentrant
    strtok_r(line, " ", &save);
    // mamori-ok: unsafe-nonreentrant
    gmtime_r(&now, &tm);
    // mamori-ok: unsafe-nonreentrant
    localtime_r(&now, &tm);
    // mamori-ok: unsafe-nonreentrant
    ctime_r(&now, buf);
    // mamori-ok: unsafe-nonreentrant
    asctime_r(&tm, buf);
    // mamori-ok: unsafe-nonreentrant
    ops->gmtime(&now);
    // mamori-ok: unsafe-nonreentrant
    const char *doc = "strtok(NULL, sep) continues";
    (void)g, (void)l, (void)c, (void)a, (void)doc;
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-nonreentrant
#define NEXT_TOKEN(sep) strtok(NULL, (sep))

char *next_field(void)
{
    // mamori-expect: unsafe-nonreentrant
    return NEXT_TOKEN(",");
}
