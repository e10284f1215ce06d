/* buildstep.h: what `mamori scan` does for build systems and for accepted-risk hygiene — an
 * explicit input set with a chosen root, the compile commands, the stamp and depfile that make
 * the next build re-scan only when something it read changed, and the report of accepted
 * risks that no longer match. */
#ifndef MM_BUILDSTEP_H
#define MM_BUILDSTEP_H

#include "core/policy.h"
#include "inputs/input.h"

typedef struct mm_build_step {
    MM_VEC(const char *) lists; /* --files-from FILE... */
    const char *root;           /* --root DIR */
    const char *compdb;         /* -p PATH */
    const char *stamp;          /* --stamp FILE */
    const char *depfile;        /* --depfile FILE */
    bool absolute;              /* --absolute-paths */
    /* the explicit input set (kept until the depfile is written) */
    bool explicit_set;
    mm_inputs in;
    mm_strset rels;             /* its root-relative names, borrowed from in */
    /* a discovery scan: its PATH arguments, for "did this scan read that file?" */
    const char *const *paths;
    size_t npaths;
    const char *scan_root;
    /* -p: the compilation database's translation units (absolute, real paths), read before
     * the scan: they are product code whatever their directory's name (core/roles.c) */
    mm_strset units;             /* borrows unit_paths */
    MM_VEC(char *) unit_paths;
    size_t units_entries;
    char *units_path;    /* the database read */
    char *units_problem; /* why it could not be used, or NULL */
} mm_build_step;

/* The root of an explicit input set: --root, else the git work tree around first (a PATH
 * argument, or "."), else that directory. Prints an error and returns -1 when --root is bad. */
int mm_build_step_root(const mm_build_step *bs, const char *first, char **root, mm_err *err);
/* Reads the lists, collects the inputs under root and points s->opts at them. */
int mm_build_step_inputs(mm_build_step *bs, const char *root, const char *const *paths,
                         size_t npaths, mm_policy *policy, bool have_policy, mm_scan *s,
                         mm_err *err);
/* -p PATH: reads the compilation database into bs->units (a problem is kept for the notice
 * after the scan). */
void mm_build_step_units(mm_build_step *bs);
/* Notices that need the finished scan: compile commands seen, accepted risks unmatched. */
void mm_build_step_after_scan(mm_build_step *bs, mm_scan *s, bool have_policy);
/* After the report: touches the stamp when rc is 0, writes the depfile. */
int mm_build_step_finish(mm_build_step *bs, const mm_scan *s, const mm_ruleset *rs,
                         const mm_policy *policy, int rc, mm_err *err);
void mm_build_step_free(mm_build_step *bs);

#endif
