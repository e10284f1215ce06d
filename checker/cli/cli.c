/* cli.c: helpers the command files share: error exits, loading rules, finding a scan's root. */
#define _GNU_SOURCE
#include "cli/cli.h"
#include "core/ruleset.h"

#include <git2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int mm_cli_fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mamori: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

int mm_cli_load_rules(mm_ruleset *rs, const char *const *dirs, size_t ndirs, mm_err *err)
{
    memset(rs, 0, sizeof *rs);
    if (mm_ruleset_add_builtin(rs, err) < 0)
        return -1;
    for (size_t i = 0; i < ndirs; i++) {
        if (mm_ruleset_add_dir(rs, dirs[i], err) < 0)
            return -1;
    }
    return 0;
}


