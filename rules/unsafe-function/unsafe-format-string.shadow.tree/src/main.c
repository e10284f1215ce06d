#include <stdio.h>
#include "log.h"

void report(char *buf, size_t n, const char *msg)
{
    /* lib/console.c's printf is a re-implementation: still a format sink */
    // mamori-expect: unsafe-format-string
    printf(msg);
    // mamori-ok: unsafe-format-string
    dprintf(2, msg);
    // mamori-ok: unsafe-format-string
    syslog(3, msg);
    /* the static snprintf of lib/buffer.c does not reach here */
    // mamori-expect: unsafe-format-string
    snprintf(buf, n, msg);
    /* neither do other printf-family functions the project did not define */
    // mamori-expect: unsafe-format-string
    fprintf(stderr, msg);
}
