/* driver.c: a cross compiler's include directories, when the user allows it (front/driver.h). */
#define _GNU_SOURCE
#include "front/driver.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/util.h"

enum { TIME_LIMIT_MS = 10000, MAX_OUTPUT = 1 << 20 };

typedef struct answer {
    char *key; /* driver, language and flags */
    MM_VEC(char *) dirs;
} answer;

struct mm_driver_memo {
    char **globs;
    size_t nglobs;
    char *root; /* the scanned tree: nothing in it is run */
    char *answers_dir;
    MM_VEC(answer) answers;
    mm_buf note;
};

mm_driver_memo *mm_driver_memo_new(const char *const *globs, size_t nglobs, const char *root,
                                   const char *answers_dir)
{
    mm_driver_memo *m = mm_xcalloc(1, sizeof *m);
    m->globs = mm_xcalloc(nglobs + 1, sizeof *m->globs);
    for (size_t i = 0; i < nglobs; i++)
        m->globs[i] = mm_xstrdup(globs[i]);
    m->nglobs = nglobs;
    m->root = root ? realpath(root, NULL) : NULL;
    m->answers_dir = answers_dir ? mm_xstrdup(answers_dir) : NULL;
    return m;
}

void mm_driver_memo_free(mm_driver_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nglobs; i++)
        free(m->globs[i]);
    free(m->globs);
    free(m->root);
    free(m->answers_dir);
    for (size_t i = 0; i < m->answers.n; i++) {
        free(m->answers.v[i].key);
        for (size_t k = 0; k < m->answers.v[i].dirs.n; k++)
            free(m->answers.v[i].dirs.v[k]);
        mm_vec_free(&m->answers.v[i].dirs);
    }
    mm_vec_free(&m->answers);
    mm_buf_free(&m->note);
    free(m);
}

const char *mm_driver_note(const mm_driver_memo *m)
{
    return m && m->note.len ? m->note.data : NULL;
}

/* One sentence per driver in the note (fmt names the driver first). */
static void note(mm_driver_memo *m, const char *driver, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note(mm_driver_memo *m, const char *driver, const char *fmt, ...)
{
    if (m->note.len && strstr(m->note.data, driver))
        return;
    if (m->note.len)
        mm_buf_puts(&m->note, "; ");
    va_list ap;
    va_start(ap, fmt);
    mm_buf_vprintf(&m->note, fmt, ap);
    va_end(ap);
}

/* The compiler's path: as written when it has a slash (relative to the command's directory),
 * else the first executable of that name on PATH; realpath'd. */
static char *resolve(const char *cc, const char *dir)
{
    if (strchr(cc, '/')) {
        char *p = cc[0] == '/' ? mm_xstrdup(cc) : mm_xasprintf("%s/%s", dir, cc);
        char *r = realpath(p, NULL);
        free(p);
        return r;
    }
    const char *path = getenv("PATH");
    for (const char *p = path ? path : ""; *p;) {
        size_t n = strcspn(p, ":");
        char *cand = mm_xasprintf("%.*s/%s", (int)n, p, cc);
        if (n && access(cand, X_OK) == 0) {
            char *r = realpath(cand, NULL);
            free(cand);
            return r;
        }
        free(cand);
        p += n + (p[n] == ':');
    }
    return NULL;
}

/* A glob over a compiler's path: an absolute one over the absolute path (mm_glob_match anchors
 * root-relative paths), one without a slash over its name. */
static bool allowed_by(const char *glob, const char *path)
{
    if (glob[0] == '/')
        return path[0] == '/' && mm_glob_match(glob + 1, path + 1);
    return mm_glob_match(glob, path);
}

static bool under(const char *path, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    return n && !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

/* The flags that change where the driver looks: its target, sysroot, library, language level. */
static bool target_flag(const char *a)
{
    return !strncmp(a, "-m", 2) || !strncmp(a, "--sysroot=", 10) || !strncmp(a, "-specs=", 7) ||
           !strncmp(a, "--specs=", 8) || !strncmp(a, "--target=", 9) || !strncmp(a, "-std=", 5) ||
           !strncmp(a, "-stdlib=", 8) || !strcmp(a, "-nostdinc") || !strcmp(a, "-nostdinc++");
}

/* Runs argv (no shell, stdin and stdout /dev/null, the environment's PATH and LC_ALL=C only);
 * its standard error into *err. 0, or -1 with *why. */
static int run(char *const *argv, mm_buf *err, char **why)
{
    int pfd[2];
    if (pipe2(pfd, O_CLOEXEC) != 0) {
        *why = mm_xasprintf("%s", strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, pfd[1], 2);
    const char *path = getenv("PATH");
    char *pathvar = mm_xasprintf("PATH=%s", path ? path : "/usr/bin:/bin");
    char *envp[] = {pathvar, "LC_ALL=C", NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    free(pathvar);
    close(pfd[1]);
    if (rc != 0) {
        close(pfd[0]);
        *why = mm_xasprintf("%s", strerror(rc));
        return -1;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool timed_out = false;
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long spent = (now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000;
        if (spent >= TIME_LIMIT_MS) {
            timed_out = true;
            break;
        }
        struct pollfd p = {pfd[0], POLLIN, 0};
        int pr = poll(&p, 1, (int)(TIME_LIMIT_MS - spent));
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0) {
            timed_out = pr == 0;
            break;
        }
        char buf[4096];
        ssize_t r = read(pfd[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        if (err->len < MAX_OUTPUT)
            mm_buf_put(err, buf, (size_t)r);
    }
    close(pfd[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (timed_out) {
        *why = mm_xasprintf(_("no answer within %d s"), TIME_LIMIT_MS / 1000);
        return -1;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        *why = WIFEXITED(st) ? mm_xasprintf(_("exit %d"), WEXITSTATUS(st))
                             : mm_xasprintf(_("signal %d"), WTERMSIG(st));
        return -1;
    }
    return 0;
}

/* The directories between "#include <...> search starts here:" and "End of search list." */
static void parse_dirs(const char *text, answer *a)
{
    const char *start = strstr(text, "#include <...> search starts here:");
    if (!start)
        return;
    const char *p = strchr(start, '\n');
    while (p && *++p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (!strncmp(p, "End of search list.", 19))
            break;
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        const char *fw = " (framework directory)";
        if (n > strlen(fw) && !memcmp(p + n - strlen(fw), fw, strlen(fw)))
            n -= strlen(fw);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
            n--;
        if (n && p[0] == '/') {
            char *d = mm_xstrndup(p, n);
            char *r = realpath(d, NULL);
            free(d);
            if (r)
                mm_vec_push(&a->dirs, r);
        }
        p = nl;
    }
}

/* What the driver drv says to args (its -E -v text) into out: an earlier run's answer kept in
 * the user's cache for this very binary (path, size, mtime) and key, else its answer now, then
 * kept. 0, or -1 with *why. */
static int driver_text(const mm_driver_memo *m, const char *drv, const char *key,
                       char *const *args, mm_buf *out, char **why)
{
    char *kept = NULL;
    struct stat st;
    if (m->answers_dir && stat(drv, &st) == 0) {
        char *id = mm_xasprintf("%s\n%lld\n%lld.%09ld", key, (long long)st.st_size,
                                (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
        char sum[65];
        mm_sha256_hex(id, strlen(id), sum);
        free(id);
        kept = mm_xasprintf("%s/driver-%.32s.txt", m->answers_dir, sum);
    }
    char *text = NULL;
    size_t len = 0;
    mm_err err;
    int rc = 0;
    if (kept && mm_read_file(kept, MAX_OUTPUT, &text, &len, &err) == 0) {
        mm_buf_put(out, text, len);
        free(text);
    } else if ((rc = run(args, out, why)) == 0 && kept && out->len) {
        (void)mm_write_atomic(kept, out->data, out->len, &err); /* else asked again next run */
    }
    free(kept);
    return rc;
}

char *const *mm_driver_includes(mm_driver_memo *m, const char *const *argv, size_t argc,
                                const char *dir, bool cpp, size_t *n)
{
    *n = 0;
    if (!m || !m->nglobs || !argc)
        return NULL;
    char *drv = resolve(argv[0], dir);
    bool allowed = false;
    for (size_t i = 0; drv && i < m->nglobs && !allowed; i++)
        allowed = allowed_by(m->globs[i], drv) || allowed_by(m->globs[i], argv[0]);
    if (!allowed) {
        free(drv);
        return NULL;
    }
    if (under(drv, m->root) || under(drv, dir)) {
        note(m, drv, _("%s was not asked for its include directories: it is inside the scanned "
                       "tree"),
             drv);
        free(drv);
        return NULL;
    }
    MM_VEC(char *) args = {0};
    mm_vec_push(&args, drv);
    mm_buf key = {0};
    mm_buf_printf(&key, "%s\n%s", drv, cpp ? "c++" : "c");
    for (size_t i = 1; i < argc; i++) {
        bool two = (!strcmp(argv[i], "--sysroot") || !strcmp(argv[i], "-isysroot") ||
                    !strcmp(argv[i], "-target")) && i + 1 < argc;
        if (!two && !target_flag(argv[i]))
            continue;
        mm_vec_push(&args, (char *)argv[i]);
        mm_buf_printf(&key, "\n%s", argv[i]);
        if (two) {
            mm_vec_push(&args, (char *)argv[++i]);
            mm_buf_printf(&key, "\n%s", argv[i]);
        }
    }
    for (size_t i = 0; i < m->answers.n; i++) {
        if (!strcmp(m->answers.v[i].key, key.data)) {
            mm_buf_free(&key);
            mm_vec_free(&args);
            free(drv);
            *n = m->answers.v[i].dirs.n;
            return m->answers.v[i].dirs.v;
        }
    }
    char *const tail[] = {"-E", "-v", "-x", cpp ? "c++" : "c", "/dev/null", "-o", "/dev/null",
                          NULL};
    for (size_t i = 0; i < MM_ARRAY_LEN(tail); i++)
        mm_vec_push(&args, tail[i]);
    answer a = {mm_buf_cstr(&key), {0}};
    mm_buf out = {0};
    char *why = NULL;
    if (driver_text(m, drv, a.key, args.v, &out, &why) == 0) {
        parse_dirs(out.data ? out.data : "", &a);
        note(m, drv, _("asked %s (--query-driver) for its include directories: %zu"), drv,
             a.dirs.n);
    } else {
        note(m, drv, _("asked %s (--query-driver) for its include directories: %s"), drv, why);
    }
    free(why);
    mm_buf_free(&out);
    mm_vec_free(&args);
    free(drv);
    mm_vec_push(&m->answers, a);
    *n = a.dirs.n;
    return a.dirs.v;
}
