/* main.c: callers of the logger a component header declares printf-like. (A header's
 * printf-like names and macro aliases are followed in a file the rule reads anyway, one where
 * its own trigger hits: README, what the preprocessor view does not do.) */
#include <stdio.h>
#include "applog.h"

void report(const char *name, const char *received)
{
    // mamori-expect: unsafe-format-string
    printf(name);
    // mamori-ok: unsafe-format-string
    app_log(3, "device %s: %s", name, received);
    /* text from the network as the format */
    // mamori-expect: unsafe-format-string
    app_log(3, received);
    // mamori-expect: unsafe-format-string
    app_trace(received);
    // mamori-ok: unsafe-format-string
    app_trace("%s", received);
    // mamori-expect: unsafe-format-string
    LOG_RAW(received);
    // mamori-ok: unsafe-format-string
    LOG_RAW("%s\n", received);
}
