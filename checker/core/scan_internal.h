/* scan_internal.h: what scan.c and resolve.c share — workers and per-file results. */
#ifndef MM_SCAN_INTERNAL_H
#define MM_SCAN_INTERNAL_H

#include <stdatomic.h>

#include "model/engine.h"

struct mm_inputs;
struct mm_cfront;

/* What one file left behind once its arena is gone: owned copies only. */
typedef struct mm_file_result {
    MM_VEC(mm_finding) findings;
    MM_VEC(mm_notice) notices;
    MM_VEC(mm_project_def) defs;
    MM_VEC(mm_suppression) supps;
    MM_VEC(mm_kv) hints;
    MM_VEC(char *) includes;
    MM_VEC(struct mm_component) components;
    size_t bytes;
    bool skipped, binary;
} mm_file_result;

typedef struct mm_worker {
    mm_scan *scan;
    hs_scratch_t *scratch;
    struct mm_cfront *cfront;
    struct mm_dtfront *dtfront; /* made on the first devicetree file */
    mm_arena arena;
    atomic_size_t *next;
    const struct mm_inputs *inputs;
    mm_file_result *results;
} mm_worker;

int mm_worker_init(mm_worker *w, mm_scan *s, mm_err *err);
void mm_worker_free(mm_worker *w);

/* Computes snippets and fingerprints of f's findings (secrets redacted) and collects the
 * definitions its facts hold. */
void mm_scan_finalize_file(mm_file *f);
/* Moves f's results into res (f's vectors are emptied). */
void mm_file_result_take(mm_file_result *res, mm_file *f);
void mm_file_result_free(mm_file_result *res);
/* Joins per-file results (in input order) into s, then resolves: project definitions, libc,
 * messages, policy, analyzers, ordering and counts. Frees the results' vectors. */
void mm_scan_merge(mm_scan *s, mm_file_result *results, size_t n);

void mm_finding_free(mm_finding *f);
void mm_notice_free(mm_notice *n);
void mm_suppression_free(mm_suppression *s);

/* History and --diff scans (gitscan.c): drops the prefilter hits of rules that read C facts
 * from top-level items that hold no line in scope, so that only what a change touched is
 * parsed. Hits of other rules stay (they are cheap, and a PEM block's body may have changed
 * under an unchanged BEGIN line); findings are judged by their region afterwards. */
void mm_scope_trim_hits(mm_file *f);

/* How text output names files (display_prefix, cwd_rel): relative to the current directory */
void mm_scan_display_paths(mm_scan *s, const char *root);

/* The scan's cache (cache.c): opened under the repository's git directory (or --cache DIR)
 * unless --no-cache; a cache that cannot be used is a note, never an error. */
void mm_scan_cache_open(mm_scan *s, const char *gitdir);
void mm_scan_cache_close(mm_scan *s);

#endif
