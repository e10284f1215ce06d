/* gitscan.h: the git input sets — the index (--staged), the lines a change adds (--diff REV) and
 * history (--history, --since, --branch). Each yields (path, bytes, origin) jobs that go through
 * the same per-file pipeline as worktree files; the rules never know where bytes came from. */
#ifndef MM_GITSCAN_H
#define MM_GITSCAN_H

#include <git2.h>
#include <pthread.h>

#include "core/scan.h"

typedef struct mm_git_opts {
    bool staged;         /* --staged */
    const char *diff;    /* --diff REV */
    bool history;        /* --history, --since, --branch */
    bool all_refs;       /* --history itself: every ref (else HEAD, or the --branch refs) */
    const char *range;   /* --history=A..B */
    const char **since;  /* --since REV (repeatable): commits reachable from these are not */
    size_t nsince;
    const char **branches; /* --branch REF (repeatable); none: all refs (or HEAD with --since) */
    size_t nbranches;
    bool show_email;     /* --show-email */
} mm_git_opts;

/* Runs a scan of a git input set: s is set up as for mm_scan_run (rules, policy, options,
 * paths: the repository, or path filters inside it). */
int mm_gitscan_run(mm_scan *s, const mm_git_opts *o, mm_err *err);

/* --- between gitscan.c and history.c ------------------------------------------------------- */

/* One input: a blob (or a worktree file) under a path, and what to compare it with. */
typedef struct mm_gjob {
    char *path;          /* root-relative */
    char *abs;           /* --diff of the worktree: the file; NULL: the blob */
    git_oid oid;         /* the blob; for a worktree file, its index blob when clean */
    bool has_oid;
    bool lines;          /* only the lines that no base holds are in scope */
    bool whole_cache;    /* whole-blob results may come from (and go to) the cache */
    uint8_t nbases;
    git_oid *bases;      /* earlier versions: the parents' blobs at this path, REV's blob */
    uint64_t size;       /* worktree files: from the walk */
    /* history: the commit that introduced the blob */
    git_oid commit;
    int64_t time;
    int tz;
    /* what the scan of the blob said: NULL in history when it said nothing to report (no
     * finding, no notice): history holds a job per changed blob of every commit, most of
     * which say nothing (RIOT: 190k jobs, 38 MB of empty results) */
    mm_file_result *res;
    bool skipped;        /* it could not be read (res->skipped, kept when res is dropped) */
    bool done;           /* results are here already (an earlier run's, from the cache) */
    bool scanned;        /* results come from a scan, not from the cache */
    bool cached;         /* results come from the cache */
    bool unchanged;      /* --diff: same content as REV; not part of the result */
} mm_gjob;

typedef struct mm_gjobs {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    mm_gjob **blocks;    /* blocks of BLOCK jobs: a job never moves once added */
    size_t nblocks, cap;
    size_t n, next;
    bool closed;
} mm_gjobs;

typedef struct mm_gitscan {
    mm_scan *s;
    const mm_git_opts *o;
    git_repository *repo;
    char *repo_path;     /* to open one repository per worker */
    char *gitdir;        /* common git directory (cache, shallow) */
    bool bare;
    MM_VEC(char *) filters; /* root-relative path prefixes (positional PATH arguments) */
    mm_gjobs jobs;
    struct pathmap *rev_ids; /* --diff: REV's blob ids (a file REV has elsewhere is moved) */
    size_t prior_blobs;      /* history: blobs earlier runs walked (cache) */
    pthread_mutex_t notice_mu;
    MM_VEC(mm_notice) notices; /* walk and worker notices (under notice_mu) */
} mm_gitscan;

mm_gjob *mm_gjob_add(mm_gjobs *q);  /* a zeroed job; fill it, then mm_gjob_publish */
void mm_gjob_publish(mm_gjobs *q);  /* makes the last added job visible to the workers */
mm_gjob *mm_gjob_at(mm_gjobs *q, size_t i);
void mm_gitscan_notice(mm_gitscan *g, const char *path, mm_notice_level level,
                       const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* One notice standing for `count` more of its kind that are not listed one by one. */
void mm_gitscan_notice_more(mm_gitscan *g, mm_notice_level level, const char *code,
                            size_t count, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Is a path (a directory when is_dir) wanted: under a PATH filter, not excluded by the policy? */
bool mm_gitscan_wants(const mm_gitscan *g, const char *path, bool is_dir);

/* --diff: does REV hold a blob of this id anywhere (a file moved there, not changed)? */
bool mm_gitscan_rev_has(const mm_gitscan *g, const git_oid *oid);

/* --- the job queue and the worker pool (gitpool.c) --------------------------------------- */

typedef struct mm_gworker {
    mm_worker w;
    mm_gitscan *g;
    git_repository *repo;
    git_odb *odb;
    mm_gjobs *queue;
    char *buf; /* a blob's bytes, NUL-terminated; reused from job to job */
    size_t cap;
} mm_gworker;

typedef struct mm_gpool {
    mm_gworker *w;
    pthread_t *th;
    int n;
} mm_gpool;

void mm_gjobs_init(mm_gjobs *q);
void mm_gjobs_close(mm_gjobs *q); /* no more jobs: workers finish what is queued and stop */
void mm_gjobs_free(mm_gjobs *q);
/* One worker per job slot (s->opts.jobs, else the cores), each with its own repository. */
int mm_gpool_init(mm_gpool *p, mm_gitscan *g, mm_err *err);
void mm_gpool_start(mm_gpool *p, mm_gjobs *q);
void mm_gpool_join(mm_gpool *p, mm_gjobs *q); /* closes q, then waits for the workers */
void mm_gpool_free(mm_gpool *p);

/* history.c: walks the commits of the requested refs or range and adds a job for each blob a
 * commit brings that no earlier commit had. Uses and updates the cache's history state when the
 * walk is over all refs. Returns -1 with err only for a usage error (a revision that does not
 * resolve); damaged repositories are notices. */
typedef struct mm_history mm_history;
int mm_history_walk(mm_gitscan *g, mm_history **out, mm_err *err);
/* Results of earlier runs (cache) are added as finished jobs before the walk's; after the
 * scan, the state is stored again. */
void mm_history_store(mm_gitscan *g, mm_history *h);
void mm_history_free(mm_history *h);

#endif
