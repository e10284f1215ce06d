/* engine.h: one scan's moving parts — the rule set with its prefilter, the per-file context the
 * matchers work on, findings and notices, and the scan result the reporters print. */
#ifndef MM_ENGINE_H
#define MM_ENGINE_H

#include <hs/hs.h>
#include <stdatomic.h>

#include "model/facts.h"
#include "model/rule.h"

/* --- rule set -------------------------------------------------------------------------------- */

/* internal triggers, before the rules' own: suppression comments, and the version macros and
 * CMake fetches the component inventory reads (checker/inventory.c) */
enum { MM_TRIG_SUPPRESS = 0, MM_TRIG_INVENTORY = 1 };

typedef struct mm_ruleset {
    MM_VEC(mm_rule *) rules;
    mm_strset known_ids;        /* every id loaded, including rules the policy turned off */
    MM_VEC(char *) known_owned;
    /* prefilter: one vectorscan database over every trigger of every rule */
    hs_database_t *db;
    MM_VEC(uint32_t) trig_rule; /* trigger id -> rule index (UINT32_MAX: internal) */
    uint32_t ninternal;
    unsigned needs;             /* union of the rules' kinds' needs */
    char hash[65];              /* identity of the loaded rules (ids + texts) */
    /* callee names that any call-consuming rule cares about (front ends record only these) */
    mm_strset callees;
    mm_strset copy_calls; /* string-copy calls whose destination names a literal */
    mm_strset fields;     /* struct field names an initializer rule reads (mm_field facts) */
    mm_strset types;      /* struct types an initializer rule reads (mm_object facts) */
} mm_ruleset;

int mm_ruleset_add_builtin(mm_ruleset *rs, mm_err *err);
/* Loads every *.json below dir, recursively, except *.schema.json and fixture trees (*.tree/). */
int mm_ruleset_add_dir(mm_ruleset *rs, const char *dir, mm_err *err);
int mm_ruleset_add(mm_ruleset *rs, mm_rule *r, mm_err *err); /* takes ownership */
/* Removes rules the filter rejects (policy: disabled rules and categories). */
void mm_ruleset_filter(mm_ruleset *rs, bool (*keep)(const mm_rule *, void *), void *arg);
int mm_ruleset_compile(mm_ruleset *rs, mm_err *err);
void mm_ruleset_free(mm_ruleset *rs);
const mm_rule *mm_ruleset_find(const mm_ruleset *rs, const char *id);
bool mm_ruleset_wants_callee(const mm_ruleset *rs, const char *name);
bool mm_ruleset_is_copy_call(const mm_ruleset *rs, const char *name);
bool mm_ruleset_wants_field(const mm_ruleset *rs, const char *name, size_t n);
bool mm_ruleset_wants_type(const mm_ruleset *rs, const char *name);

/* --- findings and notices ----------------------------------------------------------------------- */

typedef enum { MM_SUPP_NONE = 0, MM_SUPP_INLINE, MM_SUPP_POLICY } mm_supp_kind;

/* Where a finding's bytes came from (DESIGN.md: every input is path, bytes, origin). Rules never
 * see it; the git input sets (gitscan.c) fill it in and the reporters print it. */
typedef enum { MM_ORIGIN_WORKTREE = 0, MM_ORIGIN_INDEX, MM_ORIGIN_COMMIT } mm_origin_kind;

typedef struct mm_origin {
    mm_origin_kind kind;
    char blob[41];   /* object id of the bytes (index, commit); "" when not known */
    char commit[41]; /* commit: the one that introduced the finding */
    int64_t time;    /* commit: its author date, seconds since the epoch */
    int tz;          /* ... and the author's offset from UTC in minutes */
    char *email;     /* commit: the author's e-mail, only when asked for (--show-email) */
} mm_origin;

typedef struct mm_finding {
    const mm_rule *rule;
    char *path;              /* root-relative, '/'-separated */
    unsigned line, col, end_line, end_col; /* 1-based; columns in Unicode code points */
    mm_severity severity;    /* effective: after checks, profile and policy */
    char *message;           /* rendered at the end of the scan (it may name the project libc) */
    char *snippet;           /* the first source line, secrets redacted */
    char fingerprint[33];    /* 128 bits of SHA-256(rule, normalised content, occurrence); no path */
    const char *engine;
    char *vars;              /* message variables: "name\0value\0...\0" */
    const char *profile;     /* "release", "debug", "other" when the rule judges by profile */
    char *callee;            /* call findings: for shadowing by a project definition */
    char *requires_fact;     /* kept only when some file of the scan states this fact */
    char *unless_fact;       /* dropped when some file of the scan states this fact */
    bool shadow_by_signature;/* ... only by one whose signature differs from libc's */
    mm_supp_kind suppressed;
    char *supp_reason;
    const mm_origin *origin; /* NULL: the worktree; owned by the scan (mm_scan.origins) */
    signed char at_head;     /* history: 1 the content is still at HEAD, 0 gone, -1 unknown */
    /* internal */
    uint32_t start, end;     /* byte offsets, for snippets and fingerprints */
    uint32_t order;          /* emission order within the file */
} mm_finding;

typedef enum { MM_NOTICE_NOTE, MM_NOTICE_WARNING } mm_notice_level;

typedef struct mm_notice {
    char *path; /* may be NULL for scan-wide notices */
    unsigned line, col;
    mm_notice_level level;
    char *code; /* "binary", "too-large", "long-line", "symlink", "unreadable", ... */
    char *message;
} mm_notice;

/* A definition collected for the whole project (see mm_def). */
typedef struct mm_project_def {
    char *name;
    char *path;
    bool is_static;
    bool is_macro;
    int params;
    bool ellipsis;
} mm_project_def;

/* An inline `mamori-ignore[rule]: reason` comment. */
typedef struct mm_suppression {
    char *path;
    unsigned line, col;
    char *snippet; /* its source line, secrets redacted */
    char *rules;  /* comma-separated ids as written */
    char *reason; /* NULL when missing */
    bool used;
    bool context; /* outside the lines a --diff scan judges: it applies, is not itself judged */
} mm_suppression;

/* --- the per-file context ---------------------------------------------------------------------- */

typedef enum {
    MM_KIND_OTHER = 0, /* text of no language we parse */
    MM_KIND_C,
    MM_KIND_CPP,
    MM_KIND_BINARY,
} mm_file_kind;

typedef struct mm_hit {
    uint32_t trigger;
    uint32_t end; /* byte offset just after the match */
} mm_hit;

typedef struct mm_secret_span {
    uint32_t start, end;  /* where the value stands in the file */
    const char *redacted; /* mm_redact() of the value (arena) */
    char sha[65];         /* SHA-256 of the value: stands in for it in fingerprints */
} mm_secret_span;

struct mm_scan;
struct mm_worker;

typedef struct mm_file {
    const struct mm_scan *scan;
    struct mm_worker *worker;
    const char *path;  /* root-relative */
    const char *data;  /* NUL-terminated copy of the bytes */
    size_t len;
    mm_file_kind kind;
    mm_arena *arena;
    /* lines: start offsets, computed on first use */
    uint32_t *lines;
    size_t nlines;
    /* prefilter hits, sorted by end offset */
    mm_hit *hits;
    size_t nhits;
    uint8_t *rule_hit; /* per rule index: did any of its triggers hit? */
    /* facts of the front ends that ran (MM_NEED_* bits in ready) */
    unsigned ready;
    mm_cfacts *cf;
    struct mm_kconfig *kc; /* Kconfig-style configuration entries (kconfig.h) */
    struct mm_dtfacts *dt; /* devicetree facts (dtfront.h) */
    struct mm_linefacts *lf; /* records, commands, UCI (linefront.h) */
    unsigned internal_hits; /* bit (1 << MM_TRIG_*) per internal trigger that hit */
    /* results */
    MM_VEC(mm_finding) findings;
    MM_VEC(mm_notice) notices;
    MM_VEC(mm_project_def) defs;
    MM_VEC(mm_suppression) supps;
    MM_VEC(mm_secret_span) secrets;
    MM_VEC(mm_kv) hints; /* project facts (libc, ecosystem): key -> value */
    MM_VEC(char *) includes; /* base names of the headers it includes (when it has call findings) */
    /* history and --diff scans: which lines are in scope (added by the change). The engine calls
     * scope() at most once, after the prefilter and only when something hit; it returns one flag
     * per line (1: in scope), or NULL when every line is. See gitscan.c. */
    const uint8_t *(*scope)(struct mm_file *f);
    void *scope_arg;
    const uint8_t *in_scope; /* what scope() returned */
    bool scope_asked;
    MM_VEC(struct mm_component) components; /* inventory records (checker/inventory.h) */
} mm_file;

/* Position helpers. */
void mm_file_pos(mm_file *f, uint32_t off, unsigned *line, unsigned *col);
uint32_t mm_file_line_start(mm_file *f, unsigned line); /* 1-based line */
uint32_t mm_file_line_end(mm_file *f, unsigned line);   /* offset of its '\n' or EOF */

/* What a matcher says about one finding. */
typedef struct mm_emit {
    uint32_t start, end;      /* the matched region */
    mm_severity severity;     /* 0 = the rule's own */
    const char *callee;       /* call findings: a project definition of it may shadow libc's */
    bool shadow_by_signature; /* ... but one with libc's signature is a re-implementation */
    /* a secret value inside the region: never printed, hashed into the fingerprint */
    const char *secret;
    uint32_t secret_len;
    uint32_t secret_start, secret_end; /* where it stands in the file, for redaction */
    /* message variables, NULL-terminated pairs: {"name", "WIFI_PASSWORD", NULL} */
    const char *const *vars;
    /* conditions on the rest of the project (mm_file_fact), decided when the scan merges: a
     * condition holds when some fact equals it or starts with it ("name:dir/" matches the
     * facts stated by files at or below dir/) */
    const char *requires_fact;
    const char *unless_fact;
    /* rules judged by profile: the profile of this place when the matcher knows it better than
     * the file's name does (code compiled only under #ifdef DEBUG); NULL = by the path */
    const char *profile;
} mm_emit;

void mm_emit_finding(mm_file *f, const mm_rule *rule, const mm_emit *e);
/* States a fact about the project that a finding of another file may depend on
 * (mm_emit.requires_fact / unless_fact), by convention "name:<directory of the file>/". */
void mm_file_fact(mm_file *f, const char *fact);
void mm_file_notice(mm_file *f, unsigned line, mm_notice_level level, const char *code,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A notice about path (NULL: the scan) at line (0: the whole file), its message formatted from
 * fmt; the notice owns copies of path and code. */
mm_notice mm_notice_vmake(const char *path, unsigned line, mm_notice_level level,
                          const char *code, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));
/* Redacted rendering of a secret: "hu***r2 [redacted: 7 chars, sha256:1a2b3c4d]". */
char *mm_redact(mm_arena *a, const char *s, size_t n);

/* --- the scan ---------------------------------------------------------------------------------- */

struct mm_input;

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
} mm_scan_opts;

/* Which input set a scan reads (main.c picks; gitscan.c reads the git ones). */
typedef enum {
    MM_INPUT_WORKTREE = 0, /* files under the paths (default) */
    MM_INPUT_STAGED,       /* --staged: the index's blobs of files that differ from HEAD */
    MM_INPUT_DIFF,         /* --diff REV: lines the worktree (or the index) adds to REV */
    MM_INPUT_HISTORY,      /* --history, --since, --branch: what each commit adds */
} mm_input_mode;

/* Project analyzers that judge the whole tree (analyzers.c) run only when the input is it. */
typedef enum {
    MM_ANALYZERS_ALL = 0,  /* the whole tree was scanned */
    MM_ANALYZERS_PARTIAL,  /* part of it: only those that work on any set of files */
    MM_ANALYZERS_NONE,     /* history: none */
} mm_analyzer_scope;

struct mm_cache;

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
    /* the project as a whole, for analyzers of repository hygiene (hygiene.c) */
    MM_VEC(char *) paths;  /* root-relative path of every input, scanned or not, sorted */
    MM_VEC(mm_kv) hints;   /* project facts the per-file stage left (mm_file.hints), input order */
    bool whole_root;       /* the input set covers the root directory, not a part of it */
    bool git;              /* the root is a git work tree */
    char *libc;            /* detected C library, or NULL */
    char *libc_source;     /* where it was detected */
    size_t files_scanned, files_skipped, bytes_scanned;
    unsigned counts[4];    /* unsuppressed findings per severity */
    unsigned suppressed;
    /* the input set (worktree by default) and what it allows */
    mm_input_mode mode;
    mm_analyzer_scope analyzers;
    struct mm_cache *cache;   /* NULL: no cache */
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
     * first use (checker/inventory.h) */
    MM_VEC(struct mm_component) components;
    struct mm_inventory *inventory;
    const struct mm_osv_db *advisories; /* known advisories (--advisories, policy), or NULL */
} mm_scan;

int mm_scan_run(mm_scan *s, mm_err *err);
void mm_scan_free(mm_scan *s);
/* Scans one in-memory file (used by the scan workers and by fixture tests). */
void mm_scan_file(struct mm_worker *w, mm_file *f);

#endif
