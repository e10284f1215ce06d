/* worktree.h: scanning the worktree or an explicit file list (the default input set). */
#ifndef MM_WORKTREE_H
#define MM_WORKTREE_H

#include "core/scan.h"

/* Runs a scan of s->opts.paths (or of s->opts.inputs), s set up by the caller (rules, policy,
 * options): collects the input set, opens the cache, scans, merges. */
int mm_scan_run(mm_scan *s, mm_err *err);
/* How text output names files (s->display_prefix, s->cwd_rel): relative to the current
 * directory. */
void mm_scan_display_paths(mm_scan *s, const char *root);

#endif
