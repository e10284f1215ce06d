/* input.h: which files a worktree scan reads — tracked and untracked-not-ignored files of a git
 * work tree (libgit2), or every regular file of a plain directory. */
#ifndef MM_INPUT_H
#define MM_INPUT_H

#include "model/scan.h"

typedef struct mm_inputs {
    MM_VEC(mm_input) files;
    char *root;   /* absolute */
    bool git;     /* root is a git work tree */
    char *gitdir; /* git: the repository's (common) git directory, for the cache */
    bool whole_root; /* one of the paths was the root directory itself */
} mm_inputs;

typedef bool (*mm_exclude_fn)(const char *rel, bool is_dir, void *arg);

/* Collects the inputs under paths (default "."); notices go to *notices. */
int mm_inputs_collect(const char *const *paths, size_t npaths, mm_exclude_fn exclude, void *arg,
                      mm_inputs *out, void *notices /* MM_VEC(mm_notice) */, mm_err *err);
void mm_inputs_free(mm_inputs *in);
/* The root a scan of path would use (its git work tree, or the directory); NULL when path is
 * missing. The caller frees it. */
char *mm_inputs_root(const char *path);

#endif
