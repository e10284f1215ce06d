/* scan.h (model): one scan as the later stages see it — its options, the input set it read,
 * its results (findings, notices, suppressions, project facts) and what the reporters print.
 * Running it is core's (core/scan.h); the input sets are inputs/'. */
#ifndef MM_MODEL_SCAN_H
#define MM_MODEL_SCAN_H

#include <stdatomic.h>

#include "model/component.h"
#include "model/finding.h"
#include "model/policy.h"
#include "model/ruleset.h"

/* One input: a file of the scanned tree under its root-relative name. Every input set yields
 * (path, bytes, origin); a worktree file is read from `abs`. */
typedef struct mm_input {
    char *rel;    /* root-relative path, '/'-separated */
    char *abs;    /* path to open */
    uint64_t size;
    bool clean;      /* tracked, and its stat data says it is what the index holds ... */
    uint8_t oid[20]; /* ... which is this blob */
} mm_input;

typedef struct mm_scan_opts {
    const char **paths;
    size_t npaths;
    /* an explicit input set instead of discovery (fixture tests, build steps): files with
     * their root-relative names, under root */
    const struct mm_input *inputs;
    size_t ninputs;
    const char *root;
    size_t max_file_size;  /* bytes; default 4 MiB */
    size_t max_line_len;   /* bytes; default 20000 */
    int jobs;              /* 0 = cores */
    const char *cache_dir; /* --cache DIR; NULL: under the repository's git directory */
    bool no_cache;         /* --no-cache */
    bool whole_root;       /* with inputs: they are the whole tree under root (a fixture tree) */
    bool find_compdb;      /* a worktree scan without -p: look for the build's compilation
                              database in the usual places (front/ccdb.h) */
    const char *const *toolchain_includes; /* --toolchain-include DIR...: -isystem for libclang */
    size_t ntoolchain_includes;
    const char *const *query_drivers; /* --query-driver GLOB...: compilers the deep tier may ask
                                         for their include directories (front/driver.h) */
    size_t nquery_drivers;
} mm_scan_opts;

/* Which input set a scan reads (cli/main.c picks; inputs/gitscan.c reads the git ones). */
typedef enum {
    MM_INPUT_WORKTREE = 0, /* files under the paths (default) */
    MM_INPUT_STAGED,       /* --staged: the index's blobs of files that differ from HEAD */
    MM_INPUT_DIFF,         /* --diff REV: lines the worktree (or the index) adds to REV */
    MM_INPUT_HISTORY,      /* --history, --since, --branch: what each commit adds */
} mm_input_mode;

/* Project analyzers that judge the whole tree (project/analyzers.c) run only when the input is it. */
typedef enum {
    MM_ANALYZERS_ALL = 0,  /* the whole tree was scanned */
    MM_ANALYZERS_PARTIAL,  /* part of it: only those that work on any set of files */
    MM_ANALYZERS_NONE,     /* history: none */
} mm_analyzer_scope;

struct mm_cache;
struct mm_result_store;
struct mm_cproject;
struct mm_kc_ctx;
struct mm_roles;

/* A file whose own content decided its role (a test framework's header, "do not edit", a
 * Windows-only build): the roles table cannot know it from the path. */
typedef struct mm_content_role {
    char *path;
    mm_role role;
    char *why;
} mm_content_role;

typedef struct mm_scan {
    mm_scan_opts opts;
    mm_ruleset *rules;
    struct mm_policy *policy;
    char *root;            /* absolute: the git work tree, or the scanned directory */
    char *display_prefix;  /* root relative to the current directory, for text output */
    char *cwd_rel;         /* the current directory relative to the root, when inside it */
    /* results, sorted by path, line, column, rule */
    MM_VEC(mm_finding) findings;
    MM_VEC(mm_notice) notices;
    MM_VEC(mm_suppression) supps;
    /* the project as a whole, for analyzers of repository hygiene (project/hygiene.c) */
    MM_VEC(char *) paths;  /* root-relative path of every input, scanned or not, sorted */
    MM_VEC(mm_kv) hints;   /* project facts the per-file stage left (mm_file.hints), input order */
    bool whole_root;       /* the input set covers the root directory, not a part of it */
    bool git;              /* the root is a git work tree */
    char *libc;            /* detected C library, or NULL */
    char *libc_source;     /* where it was detected */
    size_t files_scanned, files_skipped, bytes_scanned;
    unsigned counts[4];    /* unsuppressed findings per severity */
    unsigned fail_counts[4]; /* ... of them those that count for --fail-on (not demoted by role) */
    unsigned role_counts[MM_ROLE__COUNT]; /* unsuppressed findings per role */
    unsigned suppressed;
    /* the input set (worktree by default) and what it allows */
    mm_input_mode mode;
    mm_analyzer_scope analyzers;
    struct mm_cache *cache;   /* the git input sets' cache (inputs/cache.c); NULL: none */
    const struct mm_result_store *store; /* per-file results of earlier runs (core/scan.h) */
    bool cache_used;          /* a cache was read (and written): from_cache is meaningful */
    atomic_size_t from_cache; /* files (or blobs) whose results the cache gave */
    size_t commits_scanned;   /* history: commits this run examined */
    size_t commits_cached;    /* history: commits an earlier run examined (cache) */
    char head[41];            /* git inputs: the HEAD commit, "" when unborn */
    char *branch;             /* git inputs: HEAD's branch (refs/heads/...), or NULL */
    char *vcs_uri;            /* git inputs: the remote origin's URL without credentials */
    char *diff_base;          /* --diff: the commit compared against */
    MM_VEC(mm_origin *) origins; /* what findings' origin point to */
    /* the component inventory: every file's records, and the project's view of them, built on
     * first use (project/inventory.h) */
    MM_VEC(struct mm_component) components;
    struct mm_inventory *inventory;
    const struct mm_osv_db *advisories; /* known advisories (--advisories, policy), or NULL */
    /* a scan of a tree: the C/C++ headers, include directories and configurations its C front
     * end reads (front/cproject.h), made by mm_scan_files */
    struct mm_cproject *cproject;
    /* the tree's configurations, read before any file is judged (core/configs.c), or NULL */
    struct mm_kc_ctx *kctx;
    /* roles: what each path is to the product (core/roles.c), made before the files are
     * scanned; the files whose content decided, sorted by path; the translation units of the
     * build's compilation database (-p: absolute, real paths), or NULL */
    struct mm_roles *roles;
    MM_VEC(mm_content_role) content_roles;
    const mm_strset *build_units;
    /* the compilation database the libclang deep tier reads (front/ccdb.h; -p or found in the
     * tree), or NULL; how many translation units ran deep, and how many fell back */
    const struct mm_ccdb *ccdb;
    struct mm_ccdb *ccdb_found; /* the one the scan found and owns (opts.find_compdb) */
    atomic_size_t deep_units, deep_fallbacks;
    /* the update-path analyzers' call graph of the project, built on first use from the
     * collector's hints (project/update_graph.c) */
    struct mm_update_graph *update_graph;
    /* what the repository shows of the product and of METI's six measures, for the JSON
     * report's "project" (project/facts.c); NULL unless collected */
    cJSON *project;
} mm_scan;

#endif
