/* applog.c: the wrapper's own body forwards its format: not a finding */
#include <stdarg.h>
#include <stdio.h>
#include "applog.h"

void app_log(int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("<%d> ", level);
    // mamori-ok: unsafe-format-string
    vprintf(fmt, ap);
    va_end(ap);
}
