/* cli.c: helpers the command files share: error exits, loading rules, finding a scan's root. */
#define _GNU_SOURCE
#include "base/i18n.h"
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
    vfprintf(stderr, _(fmt), ap);
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
    mm_cli_translate_rules(rs);
    return 0;
}



/* a rule's text in the language of messages: its translation, when the catalog has one */
static void swap(char **field)
{
    const char *t = mm_rtr(*field);
    if (t != *field && strcmp(t, *field) != 0) {
        char *copy = mm_xstrdup(t);
        free(*field);
        *field = copy;
    }
}

void mm_cli_translate_rules(mm_ruleset *rs)
{
    if (!strcmp(mm_i18n_lang(), "en"))
        return;
    for (size_t i = 0; i < rs->rules.n; i++) {
        mm_rule *r = rs->rules.v[i];
        swap(&r->title);
        swap(&r->message);
        swap(&r->help);
        for (size_t k = 0; k < r->replacement.n; k++)
            swap(&r->replacement.v[k].value);
    }
}
