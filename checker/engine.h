/* engine.h: one scan's moving parts — the rule set with its prefilter, the per-file context the
 * matchers work on, findings and notices, and the scan result the reporters print. */
#ifndef MM_ENGINE_H
#define MM_ENGINE_H

#include <hs/hs.h>

#include "facts.h"
#include "rule.h"

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

/* --- findings and notices ----------------------------------------------------------------------- */

typedef enum { MM_SUPP_NONE = 0, MM_SUPP_INLINE, MM_SUPP_POLICY } mm_supp_kind;

typedef struct mm_finding {
    const mm_rule *rule;
    char *path;              /* root-relative, '/'-separated */
    unsigned line, col, end_line, end_col; /* 1-based; columns in Unicode code points */
    mm_severity severity;    /* effective: after checks, profile and policy */
    char *message;           /* rendered at the end of the scan (it may name the project libc) */
    char *snippet;           /* the first source line, secrets redacted */
    char fingerprint[33];    /* 128 bits of SHA-256(rule, path, normalised content, occurrence) */
    const char *engine;
    char *vars;              /* message variables: "name\0value\0...\0" */
    const char *profile;     /* "release", "debug", "other" when the rule judges by profile */
    char *callee;            /* call findings: for shadowing by a project definition */
    bool shadow_by_signature;/* ... only by one whose signature differs from libc's */
    mm_supp_kind suppressed;
    char *supp_reason;
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
    unsigned internal_hits; /* bit (1 << MM_TRIG_*) per internal trigger that hit */
    /* results */
    MM_VEC(mm_finding) findings;
    MM_VEC(mm_notice) notices;
    MM_VEC(mm_project_def) defs;
    MM_VEC(mm_suppression) supps;
    MM_VEC(mm_secret_span) secrets;
    MM_VEC(mm_kv) hints; /* project facts (libc, ecosystem): key -> value */
    MM_VEC(char *) includes; /* base names of the headers it includes (when it has call findings) */
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
} mm_emit;

void mm_emit_finding(mm_file *f, const mm_rule *rule, const mm_emit *e);
void mm_file_notice(mm_file *f, unsigned line, mm_notice_level level, const char *code,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
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
} mm_scan_opts;

typedef struct mm_scan {
    mm_scan_opts opts;
    mm_ruleset *rules;
    struct mm_policy *policy;
    char *root;            /* absolute: the git work tree, or the scanned directory */
    char *display_prefix;  /* root relative to the current directory, for text output */
    /* results, sorted by path, line, column, rule */
    MM_VEC(mm_finding) findings;
    MM_VEC(mm_notice) notices;
    MM_VEC(mm_suppression) supps;
    char *libc;            /* detected C library, or NULL */
    char *libc_source;     /* where it was detected */
    size_t files_scanned, files_skipped, bytes_scanned;
    unsigned counts[4];    /* unsuppressed findings per severity */
    unsigned suppressed;
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
