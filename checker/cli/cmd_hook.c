/* cmd_hook.c: `mamori hook install|uninstall` — native git hooks (integrations/git-hooks/) that
 * run `mamori scan --staged` before a commit and a history scan of the pushed commits before a
 * push. A hook that is already there is chained, not overwritten: it moves to
 * `<hook>.pre-mamori` and mamori's hook runs it first; uninstall puts it back. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/hook.h"
#include "core/ruleset.h"

static const char MARKER[] = "\n# mamori-hook: ";

static const struct hook_kind {
    const char *name;
    const char *script;
    const char *flag;
} kinds[] = {
    {"pre-commit", mm_hook_pre_commit, "--pre-commit"},
    {"pre-push", mm_hook_pre_push, "--pre-push"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: mamori hook install [--pre-commit] [--pre-push] [PATH]\n"
            "       mamori hook uninstall [PATH]\n"
            "\n"
            "Installs git hooks in the repository at PATH (default: the current directory):\n"
            "  --pre-commit   check the index before each commit (mamori scan --staged);\n"
            "                 the default when neither is given\n"
            "  --pre-push     check the commits a push publishes for credentials\n"
            "An existing hook is kept and runs first (moved to <hook>.pre-mamori). To commit or\n"
            "push anyway, on purpose: MAMORI_SKIP=1 git commit ... (or --no-verify).\n"
            "uninstall removes mamori's hooks and puts back the hooks they chained.\n");
}

/* The directory git runs hooks from: core.hooksPath, or the (common) git directory's hooks/. */
static char *hooks_dir(const char *path, mm_err *err)
{
    git_repository *repo = NULL;
    char *abs = realpath(path, NULL);
    if (!abs || git_repository_open_ext(&repo, abs, 0, NULL) < 0) {
        free(abs);
        mm_err_set(err, 2, path, 0, 0, "is not in a git repository");
        return NULL;
    }
    free(abs);
    char *dir = NULL;
    if (git_repository_is_bare(repo)) {
        mm_err_set(err, 2, path, 0, 0, "is a bare repository: no commits are made there");
        git_repository_free(repo);
        return NULL;
    }
    git_config *cfg = NULL;
    git_buf hp = {0};
    if (git_repository_config_snapshot(&cfg, repo) == 0 &&
        git_config_get_path(&hp, cfg, "core.hooksPath") == 0 && hp.ptr && hp.ptr[0]) {
        /* relative: to the top of the work tree, where git runs hooks */
        dir = hp.ptr[0] == '/' ? mm_xstrdup(hp.ptr)
                               : mm_xasprintf("%s%s", git_repository_workdir(repo), hp.ptr);
    } else {
        dir = mm_xasprintf("%shooks", git_repository_commondir(repo));
    }
    git_buf_dispose(&hp);
    git_config_free(cfg);
    git_repository_free(repo);
    git_error_clear();
    return dir;
}

static bool is_ours(const char *file)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buf[512];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return false;
    buf[n] = 0;
    return strstr(buf, MARKER) != NULL;
}

static bool exists(const char *p)
{
    struct stat st;
    return lstat(p, &st) == 0;
}

static int mkdirs(const char *dir)
{
    char *p = mm_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = 0;
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

/* The script with this binary's path in it (so that the hook does not depend on PATH). */
static char *script_for(const char *tpl)
{
    char *self = realpath("/proc/self/exe", NULL);
    const char *bin = self && !strchr(self, '\'') ? self : "mamori";
    mm_buf b = {0};
    for (const char *p = tpl; *p;) {
        const char *at = strstr(p, "@MAMORI@");
        if (!at) {
            mm_buf_puts(&b, p);
            break;
        }
        mm_buf_put(&b, p, (size_t)(at - p));
        mm_buf_puts(&b, bin);
        p = at + 8;
    }
    free(self);
    return mm_buf_cstr(&b);
}

static int install(const char *dir, const struct hook_kind *k)
{
    char *hook = mm_xasprintf("%s/%s", dir, k->name);
    char *chained = mm_xasprintf("%s.pre-mamori", hook);
    int rc = 0;
    if (exists(hook) && !is_ours(hook)) {
        if (exists(chained)) {
            rc = mm_cli_fail(2, "%s exists and so does %s: mamori would chain one hook and lose "
                                "the other; keep one of them and run this again",
                             hook, chained);
            goto done;
        }
        if (rename(hook, chained) != 0) {
            rc = mm_cli_fail(2, "cannot move %s aside: %s", hook, strerror(errno));
            goto done;
        }
        printf("mamori: the %s hook that was there runs first: %s\n", k->name, chained);
    }
    char *text = script_for(k->script);
    mm_err err;
    if (mm_write_atomic(hook, text, strlen(text), &err) < 0 || chmod(hook, 0755) != 0) {
        rc = mm_cli_fail(2, "cannot write %s: %s", hook, err.msg[0] ? err.msg : strerror(errno));
        free(text);
        goto done;
    }
    free(text);
    printf("mamori: installed %s\n", hook);
done:
    free(hook);
    free(chained);
    return rc;
}

static int uninstall(const char *dir, const struct hook_kind *k, bool *any)
{
    char *hook = mm_xasprintf("%s/%s", dir, k->name);
    char *chained = mm_xasprintf("%s.pre-mamori", hook);
    int rc = 0;
    if (exists(hook) && !is_ours(hook)) {
        printf("mamori: %s is not mamori's; left as it is\n", hook);
    } else {
        if (exists(hook)) {
            if (unlink(hook) != 0)
                rc = mm_cli_fail(2, "cannot remove %s: %s", hook, strerror(errno));
            else
                printf("mamori: removed %s\n", hook), *any = true;
        }
        if (rc == 0 && exists(chained)) {
            if (rename(chained, hook) != 0)
                rc = mm_cli_fail(2, "cannot put %s back: %s", chained, strerror(errno));
            else
                printf("mamori: %s is back as it was\n", hook), *any = true;
        }
    }
    free(hook);
    free(chained);
    return rc;
}

int mm_cmd_hook(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    bool inst = !strcmp(argv[1], "install");
    if (!inst && strcmp(argv[1], "uninstall") != 0) {
        usage(stderr);
        return mm_cli_fail(2, "unknown hook command \"%s\" (install or uninstall)", argv[1]);
    }
    bool want[MM_ARRAY_LEN(kinds)] = {false};
    bool chosen = false;
    const char *path = ".";
    for (int i = 2; i < argc; i++) {
        bool flag = false;
        for (size_t k = 0; k < MM_ARRAY_LEN(kinds); k++) {
            if (!strcmp(argv[i], kinds[k].flag)) {
                if (!inst)
                    return mm_cli_fail(2, "uninstall takes no %s: it removes every mamori hook",
                                       argv[i]);
                want[k] = chosen = flag = true;
            }
        }
        if (flag)
            continue;
        if (argv[i][0] == '-')
            return mm_cli_fail(2, "unknown option \"%s\" (see mamori hook --help)", argv[i]);
        if (strcmp(path, ".") != 0)
            return mm_cli_fail(2, "one repository at a time");
        path = argv[i];
    }
    if (inst && !chosen)
        want[0] = true;
    mm_err err;
    memset(&err, 0, sizeof err);
    char *dir = hooks_dir(path, &err);
    if (!dir) {
        mm_err_print(&err);
        return 2;
    }
    int rc = 0;
    if (inst) {
        if (mkdirs(dir) != 0) {
            rc = mm_cli_fail(2, "cannot create %s: %s", dir, strerror(errno));
        } else {
            for (size_t k = 0; k < MM_ARRAY_LEN(kinds) && rc == 0; k++) {
                if (want[k])
                    rc = install(dir, &kinds[k]);
            }
        }
        if (rc == 0)
            printf("mamori: to commit or push anyway, on purpose: MAMORI_SKIP=1 git commit ... "
                   "(or --no-verify, which skips every hook)\n");
    } else {
        bool any = false;
        for (size_t k = 0; k < MM_ARRAY_LEN(kinds) && rc == 0; k++)
            rc = uninstall(dir, &kinds[k], &any);
        if (rc == 0 && !any)
            printf("mamori: no mamori hook in %s\n", dir);
    }
    free(dir);
    return rc;
}
