/* input.c: input discovery. In a git work tree the set is the index's files plus untracked files
 * that .gitignore does not exclude (libgit2 reads the ignore rules; nothing from the repository
 * runs). Elsewhere it is every regular file. Symbolic links are never followed: one that points
 * out of the root is reported; special files are skipped. */
#define _GNU_SOURCE
#include "inputs/input.h"

#include <dirent.h>
#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef MM_VEC(mm_notice) notice_vec;

static void notice(notice_vec *nv, const char *path, mm_notice_level level, const char *code,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void notice(notice_vec *nv, const char *path, mm_notice_level level, const char *code,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mm_notice n = mm_notice_vmake(path, 0, level, code, fmt, ap);
    va_end(ap);
    mm_vec_push(nv, n);
}

typedef struct walker {
    mm_inputs *out;
    notice_vec *notices;
    git_repository *repo;
    mm_strset tracked;      /* files in the index */
    mm_strset tracked_dirs; /* directories holding tracked files */
    MM_VEC(char *) owned;   /* strings the sets borrow */
    mm_exclude_fn exclude;
    void *arg;
    size_t rootlen;
    git_index *index;           /* for the blob ids of clean tracked files (the cache) */
    struct timespec index_mtime;
} walker;

static bool under_root(const walker *w, const char *abs_target)
{
    const char *root = w->out->root;
    size_t n = strlen(root);
    return strncmp(abs_target, root, n) == 0 && (abs_target[n] == '/' || abs_target[n] == 0);
}

static void note_symlink(walker *w, const char *abs, const char *rel)
{
    char *target = realpath(abs, NULL);
    if (!target || !under_root(w, target))
        notice(w->notices, rel, MM_NOTICE_WARNING, "symlink",
               "symbolic link points outside the scanned root; not followed");
    free(target);
}

/* Git's own test: a tracked file whose stat data matches its index entry holds the entry's blob,
 * unless it changed within the index file's timestamp ("racily clean"). */
static bool stat_clean(const walker *w, const git_index_entry *e, const struct stat *st)
{
    if ((e->mode & 0170000) != 0100000 || !S_ISREG(st->st_mode))
        return false;
    if ((uint32_t)st->st_size != e->file_size || (uint32_t)st->st_ino != e->ino ||
        (uint32_t)st->st_mtim.tv_sec != (uint32_t)e->mtime.seconds ||
        (uint32_t)st->st_mtim.tv_nsec != e->mtime.nanoseconds ||
        (uint32_t)st->st_ctim.tv_sec != (uint32_t)e->ctime.seconds ||
        (uint32_t)st->st_ctim.tv_nsec != e->ctime.nanoseconds)
        return false;
    return st->st_mtim.tv_sec < w->index_mtime.tv_sec ||
           (st->st_mtim.tv_sec == w->index_mtime.tv_sec &&
            st->st_mtim.tv_nsec < w->index_mtime.tv_nsec);
}

static void add_file(walker *w, const char *abs, const char *rel, const struct stat *st)
{
    mm_input in = {mm_xstrdup(rel), mm_xstrdup(abs), (uint64_t)st->st_size, false, {0}};
    const git_index_entry *e = w->index ? git_index_get_bypath(w->index, rel, 0) : NULL;
    if (e && stat_clean(w, e, st)) {
        in.clean = true;
        memcpy(in.oid, e->id.id, 20);
    }
    mm_vec_push(&w->out->files, in);
}

static void walk_dir(walker *w, const char *abs, const char *rel, int depth)
{
    if (depth > 64) {
        notice(w->notices, rel, MM_NOTICE_WARNING, "depth",
               "directory nesting deeper than 64 levels; not descended");
        return;
    }
    DIR *d = opendir(abs);
    if (!d) {
        notice(w->notices, rel[0] ? rel : ".", MM_NOTICE_WARNING, "unreadable",
               "cannot read directory: %s", strerror(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *nm = e->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, ".."))
            continue;
        if (!strcmp(nm, ".git"))
            continue;
        char *cabs = mm_xasprintf("%s/%s", abs, nm);
        char *crel = rel[0] ? mm_xasprintf("%s/%s", rel, nm) : mm_xstrdup(nm);
        struct stat st;
        if (lstat(cabs, &st) != 0) {
            free(cabs);
            free(crel);
            continue;
        }
        bool tracked = w->repo && mm_strset_has(&w->tracked, crel);
        if (S_ISLNK(st.st_mode)) {
            note_symlink(w, cabs, crel);
        } else if (S_ISDIR(st.st_mode)) {
            bool skip = w->exclude && w->exclude(crel, true, w->arg);
            if (!skip && w->repo) {
                char *sub = mm_xasprintf("%s/.git", cabs);
                struct stat gst;
                if (lstat(sub, &gst) == 0) {
                    notice(w->notices, crel, MM_NOTICE_NOTE, "submodule",
                           "nested git repository (submodule) not scanned; scan it on its own");
                    skip = true;
                }
                free(sub);
                if (!skip && !mm_strset_has(&w->tracked_dirs, crel)) {
                    int ignored = 0;
                    char *dslash = mm_xasprintf("%s/", crel);
                    if (git_ignore_path_is_ignored(&ignored, w->repo, dslash) == 0 && ignored)
                        skip = true;
                    free(dslash);
                }
            }
            if (!skip)
                walk_dir(w, cabs, crel, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            bool skip = w->exclude && w->exclude(crel, false, w->arg);
            if (!skip && w->repo && !tracked) {
                int ignored = 0;
                if (git_ignore_path_is_ignored(&ignored, w->repo, crel) == 0 && ignored)
                    skip = true;
            }
            if (!skip)
                add_file(w, cabs, crel, &st);
        } else {
            notice(w->notices, crel, MM_NOTICE_NOTE, "special",
                   "not a regular file (device, FIFO or socket); skipped");
        }
        free(cabs);
        free(crel);
    }
    closedir(d);
}

static void load_index(walker *w)
{
    git_index *idx = NULL;
    if (git_repository_index(&idx, w->repo) != 0) {
        const git_error *ge = git_error_last();
        notice(w->notices, NULL, MM_NOTICE_WARNING, "git-index",
               "cannot read the git index (%s); scanning untracked files only",
               ge ? ge->message : "unknown error");
        return;
    }
    struct stat ist;
    if (git_index_path(idx) && stat(git_index_path(idx), &ist) == 0) {
        w->index = idx; /* kept for add_file; freed with the walker */
        w->index_mtime = ist.st_mtim;
    }
    size_t n = git_index_entrycount(idx);
    for (size_t i = 0; i < n; i++) {
        const git_index_entry *e = git_index_get_byindex(idx, i);
        if (!e)
            continue;
        if ((e->mode & 0170000) == 0160000)
            continue; /* submodule link: the walk reports it */
        if (e->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE)
            continue;
        char *p = mm_xstrdup(e->path);
        mm_vec_push(&w->owned, p);
        mm_strset_add(&w->tracked, p);
        for (char *slash = strrchr(p, '/'); slash; slash = strrchr(p, '/')) {
            char *dir = mm_xstrndup(p, (size_t)(slash - p));
            if (mm_strset_has(&w->tracked_dirs, dir)) {
                free(dir);
                break;
            }
            mm_vec_push(&w->owned, dir);
            mm_strset_add(&w->tracked_dirs, dir);
            p = dir;
        }
    }
    if (!w->index)
        git_index_free(idx);
}

static int cmp_input(const void *a, const void *b)
{
    return strcmp(((const mm_input *)a)->rel, ((const mm_input *)b)->rel);
}

/* Longest common directory of absolute paths. */
static char *common_dir(char **abs, size_t n)
{
    char *root = mm_xstrdup(abs[0]);
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (root[k] && root[k] == abs[i][k])
            k++;
        if (!(root[k] == 0 && (abs[i][k] == '/' || abs[i][k] == 0))) {
            while (k > 0 && root[k] != '/')
                k--;
        }
        root[k] = 0;
    }
    if (!root[0]) {
        free(root);
        root = mm_xstrdup("/");
    }
    return root;
}

int mm_inputs_collect(const char *const *paths, size_t npaths, mm_exclude_fn exclude, void *arg,
                      mm_inputs *out, void *notices, mm_err *err)
{
    static const char *const dot[] = {"."};
    if (npaths == 0) {
        paths = dot;
        npaths = 1;
    }
    memset(out, 0, sizeof *out);
    walker w;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.notices = notices;
    w.exclude = exclude;
    w.arg = arg;
    int rc = -1;
    char **abs = mm_xcalloc(npaths, sizeof *abs);
    bool *isdir = mm_xcalloc(npaths, sizeof *isdir);
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (lstat(paths[i], &st) != 0) {
            mm_err_set(err, 2, paths[i], 0, 0, "no such file or directory");
            goto done;
        }
        abs[i] = realpath(paths[i], NULL);
        if (!abs[i] || stat(abs[i], &st) != 0) {
            mm_err_set(err, 2, paths[i], 0, 0, "cannot resolve path: %s", strerror(errno));
            goto done;
        }
        isdir[i] = S_ISDIR(st.st_mode);
        if (!isdir[i] && !S_ISREG(st.st_mode)) {
            mm_err_set(err, 2, paths[i], 0, 0, "not a regular file or directory");
            goto done;
        }
    }

    /* a git work tree around the first path decides the root */
    git_buf found = {0};
    if (git_repository_discover(&found, abs[0], 0, NULL) == 0 &&
        git_repository_open(&w.repo, found.ptr) == 0 && !git_repository_is_bare(w.repo)) {
        const char *wd = git_repository_workdir(w.repo);
        char *wdr = realpath(wd, NULL);
        out->root = wdr ? wdr : mm_xstrdup(wd);
        size_t rl = strlen(out->root);
        while (rl > 1 && out->root[rl - 1] == '/')
            out->root[--rl] = 0;
        out->git = true;
        const char *common = git_repository_commondir(w.repo);
        out->gitdir = mm_xstrdup(common ? common : git_repository_path(w.repo));
        for (size_t i = 0; i < npaths; i++) {
            if (strncmp(abs[i], out->root, rl) != 0 ||
                (abs[i][rl] != '/' && abs[i][rl] != 0)) {
                mm_err_set(err, 2, paths[i], 0, 0,
                           "is outside the git work tree %s of the first path; scan it on its own",
                           out->root);
                git_buf_dispose(&found);
                goto done;
            }
        }
    } else {
        if (w.repo) {
            git_repository_free(w.repo);
            w.repo = NULL;
        }
        char **dirs = mm_xcalloc(npaths, sizeof *dirs);
        for (size_t i = 0; i < npaths; i++) {
            dirs[i] = mm_xstrdup(abs[i]);
            if (!isdir[i]) {
                char *slash = strrchr(dirs[i], '/');
                if (slash && slash != dirs[i])
                    *slash = 0;
            }
        }
        out->root = common_dir(dirs, npaths);
        for (size_t i = 0; i < npaths; i++)
            free(dirs[i]);
        free(dirs);
    }
    git_buf_dispose(&found);
    w.rootlen = strlen(out->root);
    if (w.repo)
        load_index(&w);

    for (size_t i = 0; i < npaths; i++) {
        const char *rel = abs[i] + w.rootlen;
        if (strcmp(out->root, "/") == 0)
            rel = abs[i] + 1;
        while (*rel == '/')
            rel++;
        if (isdir[i]) {
            if (!rel[0])
                out->whole_root = true;
            walk_dir(&w, abs[i], rel, 0);
        } else {
            /* an explicit file is scanned even when ignored: the user named it */
            struct stat st;
            lstat(abs[i], &st);
            add_file(&w, abs[i], rel, &st);
        }
    }
    mm_sort(out->files.v, out->files.n, sizeof *out->files.v, cmp_input);
    /* the same file named twice (overlapping paths) is scanned once */
    size_t k = 0;
    for (size_t i = 0; i < out->files.n; i++) {
        if (k && strcmp(out->files.v[k - 1].rel, out->files.v[i].rel) == 0) {
            free(out->files.v[i].rel);
            free(out->files.v[i].abs);
            continue;
        }
        out->files.v[k++] = out->files.v[i];
    }
    out->files.n = k;
    rc = 0;
done:
    for (size_t i = 0; i < npaths; i++)
        free(abs[i]);
    free(abs);
    free(isdir);
    for (size_t i = 0; i < w.owned.n; i++)
        free(w.owned.v[i]);
    mm_vec_free(&w.owned);
    mm_strset_free(&w.tracked);
    mm_strset_free(&w.tracked_dirs);
    if (w.index)
        git_index_free(w.index);
    if (w.repo)
        git_repository_free(w.repo);
    return rc;
}

void mm_inputs_free(mm_inputs *in)
{
    for (size_t i = 0; i < in->files.n; i++) {
        free(in->files.v[i].rel);
        free(in->files.v[i].abs);
    }
    mm_vec_free(&in->files);
    free(in->root);
    in->root = NULL;
    free(in->gitdir);
    in->gitdir = NULL;
}

char *mm_inputs_root(const char *path)
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
