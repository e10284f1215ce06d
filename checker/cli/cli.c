/* cli.c: helpers the command files share: error exits, loading rules, finding a scan's root. */
#define _GNU_SOURCE
#include "cli/cli.h"

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


char *mm_cli_scan_root(const char *path)
{
    char *abs = realpath(path, NULL);
    if (!abs)
        return NULL;
    git_buf found = {0};
    git_repository *repo = NULL;
    char *root = NULL;
    if (git_repository_discover(&found, abs, 0, NULL) == 0 &&
        git_repository_open(&repo, found.ptr) == 0 && !git_repository_is_bare(repo)) {
        root = realpath(git_repository_workdir(repo), NULL);
    }
    git_buf_dispose(&found);
    if (repo)
        git_repository_free(repo);
    if (!root) {
        struct stat st;
        if (stat(abs, &st) == 0 && !S_ISDIR(st.st_mode)) {
            char *slash = strrchr(abs, '/');
            if (slash && slash != abs)
                *slash = 0;
        }
        root = mm_xstrdup(abs);
    }
    free(abs);
    return root;
}
