/* scan.h (core): scanning one set of files — each through classify, prefilter, front ends and
 * matchers in a pool of workers — and resolving the results into the scan (project
 * definitions, messages, policy, project analyzers, order). Where the files come from is the
 * caller's (inputs/): a scan never knows. */
#ifndef MM_CORE_SCAN_H
#define MM_CORE_SCAN_H

#include <hs/hs.h>
#include <stdatomic.h>

#include "model/file.h"
#include "model/scan.h"

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
    bool tree_dependent; /* its findings read other files of the tree: not cached */
    char *path;          /* the file's root-relative path (set by the scan, not cached) */
    mm_role content_role; /* what the file's own content said of its role (core/roles.c) ... */
    char *content_why;    /* ... and why; MM_ROLE_PRODUCT and NULL: nothing */
} mm_file_result;

/* Per-file results of earlier runs, kept by the input set that knows what identifies a file's
 * bytes (inputs/cache.c: a tracked file's blob id). get fills out (zeroed) and returns true
 * when it has the file's results; put is offered what a file yielded. Both thread-safe. A
 * file's results depend on its role too (an example's configuration is not a release one):
 * the store keys them by it. */
typedef struct mm_result_store {
    bool (*get)(void *arg, const mm_input *in, mm_role role, mm_file_result *out);
    void (*put)(void *arg, const mm_input *in, mm_role role, size_t bytes_read,
                const mm_file_result *res);
    /* The same for a translation unit the deep tier read: keyed by what the compiler was given
     * (cmd: its command and the libclang library file, one string), and holding while every
     * file it read (deps: absolute paths) is as it was when put. */
    bool (*get_deep)(void *arg, const mm_input *in, mm_role role, const char *cmd,
                     mm_file_result *out);
    void (*put_deep)(void *arg, const mm_input *in, mm_role role, size_t bytes_read,
                     const char *cmd, const char *const *deps, size_t ndeps,
                     const mm_file_result *res);
    void *arg;
} mm_result_store;

typedef struct mm_worker {
    mm_scan *scan;
    hs_scratch_t *scratch;
    struct mm_cfront *cfront;
    struct mm_dtfront *dtfront; /* made on the first devicetree file */
    struct mm_cdeep *cdeep;     /* made on the first translation unit of the compilation
                                   database: one libclang index per worker */
    mm_arena arena;
    atomic_size_t *next;
    const mm_input *files;
    size_t nfiles;
    mm_file_result *results;
    const size_t *order; /* the inputs of this phase, by index into files (NULL: in order) */
} mm_worker;

/* Scans files[0, n) (the input set; s->root, s->paths and s->store set by the caller) with
 * s->opts.jobs workers, then merges their results into s (mm_scan_merge). */
int mm_scan_files(mm_scan *s, const mm_input *files, size_t n, mm_err *err);
/* Frees what a scan holds (not the rule set or the policy). */
void mm_scan_free(mm_scan *s);

int mm_worker_init(mm_worker *w, mm_scan *s, mm_err *err);
void mm_worker_free(mm_worker *w);
/* Hands f what the scan knows of it (wants, profile, policy, the tree's paths); an input set
 * that makes its own files (inputs/gitscan.c) calls it before mm_scan_file. */
void mm_scan_prepare_file(const mm_scan *s, mm_file *f);
/* Scans one in-memory file (used by the scan workers and by the git input sets). */
void mm_scan_file(mm_worker *w, mm_file *f);

/* Computes snippets and fingerprints of f's findings (secrets redacted) and collects the
 * definitions its facts hold. */
void mm_scan_finalize_file(mm_file *f);
/* Moves f's results into res (f's vectors are emptied). */
void mm_file_result_take(mm_file_result *res, mm_file *f);
void mm_file_result_free(mm_file_result *res);
/* Frees a result made on the heap, vectors and all (NULL: nothing). */
void mm_file_result_delete(mm_file_result *res);
/* Joins per-file results (in input order) into s, then resolves: project definitions, libc,
 * messages, policy, analyzers, ordering and counts. Frees the results' vectors. */
void mm_scan_merge(mm_scan *s, mm_file_result *results, size_t n);

/* configs.c: reads the tree's configurations as a whole before any file is judged (s->kctx):
 * what the build and CI name as configurations, the base configurations fragments sit on, the
 * project's Kconfig files. Only for a worktree scan; s->paths must be set and sorted. */
void mm_kconfig_context_build(mm_scan *s, const mm_input *files, size_t n);
/* configs.c: drops findings of `config` rules in fragments whose project has a resolved
 * configuration among the scanned files (build/zephyr/.config over prj.conf, sdkconfig over
 * sdkconfig.defaults), with a note naming it. */
void mm_kconfig_prefer_resolved(mm_file_result *results, size_t n);

/* History and --diff scans (core/scope.c): the lines of f in scope (f->scope), asked once. */
const uint8_t *mm_scope_lines(mm_file *f);
/* Does any line of [first, last] lie in scope m? */
bool mm_scope_has_lines(mm_file *f, const uint8_t *m, unsigned first, unsigned last);
/* Drops the prefilter hits of rules that read C facts from top-level items that hold no line in
 * scope, so that only what a change touched is parsed. Hits of other rules stay (they are
 * cheap, and a PEM block's body may have changed under an unchanged BEGIN line); findings are
 * judged by their region afterwards. */
void mm_scope_trim_hits(mm_file *f);

#endif
