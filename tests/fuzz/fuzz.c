/* fuzz.c: the fuzz targets' shared set-up (fuzz.h). */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "core/ruleset.h"
#include "inputs/cache.h"
#include "fuzz.h"

static mm_ruleset rules;
static mm_scan scan;
static mm_worker worker;
static bool ready;

static void setup(void)
{
    if (ready)
        return;
    git_libgit2_init(); /* the project analyzers look for a repository at the root */
    mm_err err;
    memset(&err, 0, sizeof err);
    if (mm_ruleset_add_builtin(&rules, &err) < 0 || mm_ruleset_compile(&rules, &mm_hsdb_store, &err) < 0)
        fz_fail("the built-in rules do not load: %s", err.msg);
    scan.rules = &rules;
    scan.opts.max_line_len = 20000;
    scan.opts.max_file_size = (size_t)4 << 20;
    scan.opts.jobs = 1;
    scan.root = mm_xstrdup("/nonexistent/fuzz-root");
    if (mm_worker_init(&worker, &scan, &err) < 0)
        fz_fail("no scan worker: %s", err.msg);
    ready = true;
}

/* libFuzzer calls this once before the first input: the rule set's compilation (seconds under
 * ASan, more on a loaded machine) is not charged to the first input's -timeout. The compiled
 * prefilter is kept in the user's cache directory as a scan keeps it. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setup();
    return 0;
}

mm_scan *fz_scan(void)
{
    setup();
    return &scan;
}

mm_worker *fz_worker(void)
{
    setup();
    return &worker;
}

void fz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

void fz_split(const uint8_t *data, size_t size, const char *dflt, char path[256], char **text,
              size_t *len)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t plen = nl ? (size_t)(nl - data) : 0;
    size_t skip = nl ? plen + 1 : 0;
    if (plen > 255)
        plen = 255;
    memcpy(path, data, plen);
    path[plen] = 0;
    if (!path[0] || strlen(path) != plen) /* empty, or a NUL inside: the default name */
        snprintf(path, 256, "%s", dflt);
    *len = size - skip;
    *text = malloc(*len + 1);
    if (!*text)
        abort();
    memcpy(*text, data + skip, *len);
    (*text)[*len] = 0;
}

void fz_scan_file(const char *path, const char *text, size_t len, bool merge,
                  void (*check)(mm_file *f, void *arg), void *arg)
{
    setup();
    mm_file f;
    memset(&f, 0, sizeof f);
    f.path = path;
    f.arena = &worker.arena;
    f.data = text;
    f.len = len;
    mm_scan_prepare_file(&scan, &f);
    mm_scan_file(&worker, &f);
    if (check)
        check(&f, arg);
    mm_file_result res;
    memset(&res, 0, sizeof res);
    mm_file_result_take(&res, &f);
    res.bytes = len;
    res.binary = f.kind == MM_KIND_BINARY;
    mm_arena_reset(&worker.arena);
    if (!merge) {
        mm_file_result_free(&res);
        return;
    }
    /* a scan of this one file, as a worktree scan of a tree holding only it */
    mm_scan one;
    memset(&one, 0, sizeof one);
    one.opts = scan.opts;
    one.rules = &rules;
    one.policy = scan.policy;
    one.root = mm_xstrdup(scan.root);
    one.display_prefix = mm_xstrdup("");
    mm_vec_push(&one.paths, mm_xstrdup(path));
    one.whole_root = true;
    mm_scan_merge(&one, &res, 1);
    mm_scan_free(&one);
}

const char *fz_pick(const char *path, bool (*ok)(const char *path), const char *const *names,
                    size_t n, size_t len)
{
    return ok(path) ? path : names[len % n];
}

void fz_check_span(const char *what, uint32_t start, uint32_t end, size_t len)
{
    if (start > end || end > len)
        fz_fail("%s: span [%u, %u) outside the file's %zu bytes", what, start, end, len);
}
