/* worktree.c: a scan of the worktree (or of an explicit file list): collects the input set,
 * says how text output names files, opens the cache around the scan, and hands the files to
 * core's scan. */
#define _GNU_SOURCE
#include "inputs/worktree.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "front/ccdb.h"
#include "inputs/cache.h"
#include "inputs/input.h"

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How text output names files: relative to the current directory, as a compiler would. When
 * the current directory is inside the root, cwd_rel is its path there (paths below it lose that
 * prefix, others get "../"); otherwise a prefix leads from it to the root. */
void mm_scan_display_paths(mm_scan *s, const char *root)
{
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) {
        s->display_prefix = mm_xasprintf("%s/", root);
        return;
    }
    char *real = realpath(cwd, NULL);
    const char *c = real ? real : cwd;
    size_t rn = strlen(root), n = strlen(c);
    if (!strcmp(c, root)) {
        s->display_prefix = mm_xstrdup("");
    } else if (!strncmp(c, root, rn) && (c[rn] == '/' || rn == 1)) {
        s->display_prefix = mm_xstrdup("");
        s->cwd_rel = mm_xstrdup(c + (rn == 1 ? 1 : rn + 1));
    } else if (!strncmp(root, c, n) && root[n] == '/') {
        s->display_prefix = mm_xasprintf("%s/", root + n + 1);
    } else {
        s->display_prefix = mm_xasprintf("%s/", root);
    }
    free(real);
}

int mm_scan_run(mm_scan *s, mm_err *err)
{
    mm_inputs in;
    memset(&in, 0, sizeof in);
    if (s->opts.inputs) {
        for (size_t i = 0; i < s->opts.ninputs; i++) {
            mm_input copy = {mm_xstrdup(s->opts.inputs[i].rel), mm_xstrdup(s->opts.inputs[i].abs),
                             s->opts.inputs[i].size};
            mm_vec_push(&in.files, copy);
        }
        in.root = mm_xstrdup(s->opts.root ? s->opts.root : ".");
    } else if (mm_inputs_collect(s->opts.paths, s->opts.npaths,
                                 s->policy ? mm_policy_excludes : NULL, s->policy, &in,
                                 &s->notices, err) < 0) {
        return -1;
    }
    s->root = mm_xstrdup(in.root);
    mm_scan_display_paths(s, in.root);
    s->git = in.git;
    s->whole_root = s->opts.inputs ? s->opts.whole_root : in.whole_root;
    for (size_t i = 0; i < in.files.n; i++)
        mm_vec_push(&s->paths, mm_xstrdup(in.files.v[i].rel));
    mm_sort(s->paths.v, s->paths.n, sizeof *s->paths.v, cmp_path);
    /* the tree's configurations as a whole, before any file is judged (and before the cache,
     * whose identity they are part of) */
    mm_kconfig_context_build(s, in.files.v, in.files.n);
    /* the build's compilation database, where builds leave it: the deep tier reads it */
    char *compdb = s->opts.find_compdb && !s->ccdb ? mm_ccdb_discover(s->root) : NULL;
    if (compdb) {
        char *why = NULL;
        char *answers =
            s->opts.nquery_drivers && !s->opts.no_cache ? mm_cache_user_dir() : NULL;
        mm_ccdb_opts co = {s->opts.toolchain_includes, s->opts.ntoolchain_includes,
                           s->opts.query_drivers, s->opts.nquery_drivers, s->root, answers};
        s->ccdb_found = mm_ccdb_load(compdb, &co, &why);
        free(answers);
        s->ccdb = s->ccdb_found;
        if (why) {
            mm_notice n = {NULL, 0, 0, MM_NOTICE_WARNING, mm_xstrdup("compile-commands"), why};
            mm_vec_push(&s->notices, n);
        }
        free(compdb);
    }
    if (in.git)
        mm_scan_cache_open(s, in.gitdir);
    if (s->cache)
        mm_cache_set_tree(s->cache, in.files.v, in.files.n);
    int rc = mm_scan_files(s, in.files.v, in.files.n, err);
    mm_inputs_free(&in);
    mm_scan_cache_close(s);
    return rc;
}
