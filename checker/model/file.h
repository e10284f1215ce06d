/* file.h: the per-file context every front end, matcher and per-file analyzer works on, and
 * the emit API they report through. A file is handed everything it needs from the stages
 * above (what the loaded rules want recorded, its profile, the policy, the other paths of the
 * scan): nothing below core/ reaches back into the scan or the rule set. */
#ifndef MM_FILE_H
#define MM_FILE_H

#include "model/facts.h"
#include "model/finding.h"

typedef enum {
    MM_KIND_OTHER = 0, /* text of no language we parse */
    MM_KIND_C,
    MM_KIND_CPP,
    MM_KIND_BINARY,
} mm_file_kind;

/* internal triggers, before the rules' own: suppression comments, the version macros and
 * CMake fetches the component inventory reads (project/inventory.c), the words a file's own
 * role is read from (core/roles.c: a Windows build, a "generated" marker), macros that stand
 * for a watched call (`#define SYSTEM system`: core/ruleset.c) and the marks of printf-like
 * functions (front/cfront.c) */
enum {
    MM_TRIG_SUPPRESS = 0,
    MM_TRIG_INVENTORY = 1,
    MM_TRIG_WINDOWS = 2,
    MM_TRIG_GENERATED = 3,
    MM_TRIG_ALIAS = 4,
    MM_TRIG_PRINTF_LIKE = 5, /* va_list, __attribute__((format(printf, ...))), __printflike():
                                a printf-like function may be defined or declared here */
};

/* A prefilter hit: a trigger matched, ending at `end`. */
typedef struct mm_hit {
    uint32_t trigger;
    uint32_t end;        /* byte offset just after the match */
    const mm_rule *rule; /* the rule whose trigger it is; NULL for an internal trigger */
} mm_hit;

typedef struct mm_secret_span {
    uint32_t start, end;  /* where the value stands in the file */
    const char *redacted; /* mm_redact() of the value (arena) */
    char sha[65];         /* SHA-256 of the value: stands in for it in fingerprints */
} mm_secret_span;

/* What the loaded rules want the C front end to record: it records only these (the rule set
 * fills one when it compiles, core/ruleset.c). */
typedef struct mm_wants {
    mm_strset callees;    /* call names a call-consuming rule cares about */
    mm_strset copy_calls; /* string-copy calls whose destination names a literal */
    mm_strset fields;     /* struct field names an initializer rule reads (mm_field facts) */
    mm_strset types;      /* struct types an initializer rule reads (mm_object facts) */
    bool forwards;        /* a rule judges the callers of printf-like wrappers (mm_forward) */
    mm_strset konst_callees; /* callees whose arguments some rule asks to be program text */
    mm_strset size_callees;  /* callees whose arguments' sizes some rule reads */
    bool byte_arrays;     /* a literal rule reads byte-array initializers (mm_strlit.bytes) */
    bool literal_calls;   /* a call rule follows the project's functions: every call given a
                             string literal is recorded, whatever its name */
} mm_wants;

bool mm_wants_callee(const mm_wants *w, const char *name);
bool mm_wants_copy_call(const mm_wants *w, const char *name);
bool mm_wants_field(const mm_wants *w, const char *name, size_t n);
bool mm_wants_type(const mm_wants *w, const char *name, size_t n);

struct mm_policy;
struct mm_component;
struct mm_cproject;
struct mm_kc_ctx;
struct mm_ccmd;
struct mm_chunks;

typedef struct mm_file {
    const char *path;  /* root-relative */
    const char *data;  /* NUL-terminated copy of the bytes */
    size_t len;
    mm_file_kind kind;
    mm_arena *arena;
    /* handed down by the scan (core/scan.c) before any front end runs */
    const mm_wants *wants;          /* what the C front end records */
    const char *profile;            /* "release", "debug", "other": the profile of this path */
    mm_role role;                   /* what the file is to the product (core/roles.c) ... */
    mm_role_source role_by;         /* ... and which source of truth said so */
    mm_role role_content;           /* what the file's own content said (MM_ROLE_PRODUCT:
                                       nothing) ... */
    const char *role_why;           /* ... and why (arena), or NULL */
    const struct mm_policy *policy; /* the project's policy, or NULL */
    size_t max_line_len;            /* lines longer than this are not checked */
    char *const *tree_paths;        /* root-relative paths of the scanned tree, sorted; NULL
                                       when the input set is not a tree (history, --staged) */
    size_t ntree_paths;
    struct mm_cproject *cproject;   /* the tree's C headers, include directories and resolved
                                       configurations (front/cproject.h), shared by the scan's
                                       workers; NULL when the input set is not a tree */
    const char **export_uses;       /* names of the project headers' exports (macros that stand
                                       for watched calls, printf-like declarations) the file
                                       calls (core/scan.c) */
    size_t nexport_uses;
    /* the tree's configurations as a whole: what names a file as a configuration, the base
     * layers of fragments, the project's Kconfig files (front/kconfig.h); NULL: not known */
    const struct mm_kc_ctx *kctx;
    /* the build's command for this translation unit (front/ccdb.h): the libclang deep tier
     * reads it (front/cdeep.c); NULL: the tree-sitter tier */
    const struct mm_ccmd *ccmd;
    struct mm_chunks *chunks; /* top-level items of C/C++ text (front/chunk.h), lexed once */
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
    struct mm_kconfig *kc; /* Kconfig-style configuration entries (front/kconfig.h) */
    struct mm_dtfacts *dt; /* devicetree facts (front/dtfront.h) */
    struct mm_linefacts *lf; /* records, commands, UCI (front/linefront.h) */
    unsigned internal_hits; /* bit (1 << MM_TRIG_*) per internal trigger that hit */
    /* results */
    MM_VEC(mm_finding) findings;
    MM_VEC(mm_notice) notices;
    MM_VEC(mm_project_def) defs;
    MM_VEC(mm_suppression) supps;
    MM_VEC(mm_secret_span) secrets;
    MM_VEC(mm_kv) hints; /* project facts (libc, ecosystem): key -> value */
    MM_VEC(char *) includes; /* base names of the headers it includes (when it has call findings) */
    /* C/C++: how the place at off is built (mm_cond_state), and why when it is not plainly
     * compiled; set by the C front end, read by mm_emit_finding: a finding in code that is never
     * compiled is dropped, one the configuration compiles out is a note, one under a condition
     * the tier cannot decide says so. NULL: every place is compiled. */
    int (*cond_at)(struct mm_file *f, uint32_t off, const char **why);
    bool alone; /* judged alone: no other file's facts reach it and its own facts reach none (a
                   version in history); rules skip what only states or needs such facts */
    /* the deep tier: every file the compiler read for it besides its own bytes (absolute paths,
     * arena); a cached deep result holds while each is as it was (inputs/cache.c) */
    const char **deep_deps;
    size_t ndeep_deps;
    bool tree_dependent; /* its results read other files of the tree (headers, configuration):
                            they may change when those do, so they are not cached */
    /* history and --diff scans: which lines are in scope (added by the change). The scan calls
     * scope() at most once, after the prefilter and only when something hit; it returns one
     * flag per line (1: in scope), or NULL when every line is. The input set that made the
     * file sets it (inputs/gitscan.c); core/scope.c reads it. */
    const uint8_t *(*scope)(struct mm_file *f);
    void *scope_arg;
    const uint8_t *in_scope; /* what scope() returned */
    bool scope_asked;
    MM_VEC(struct mm_component) components; /* inventory records (model/component.h) */
} mm_file;

/* Position helpers. */
void mm_file_pos(mm_file *f, uint32_t off, unsigned *line, unsigned *col);
uint32_t mm_file_line_start(mm_file *f, unsigned line); /* 1-based line */
uint32_t mm_file_line_end(mm_file *f, unsigned line);   /* offset of its '\n' or EOF */
/* Is path one of the scanned tree's files (f->tree_paths)? */
bool mm_file_in_tree(const mm_file *f, const char *path);

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
    /* a note, not the rule's severity, unless some file states this fact (on the whole tree;
     * a partial scan keeps the severity): a configuration whose code consumer nothing calls */
    const char *demote_unless_fact;
    /* rules judged by profile: the profile of this place when the matcher knows it better than
     * the file's name does (code compiled only under #ifdef DEBUG); NULL = the file's */
    const char *profile;
    /* size findings: what would make the text fit (mm_finding.fits_calls) */
    const char *fits_calls;
    int64_t fits_k, fits_room;
} mm_emit;

void mm_emit_finding(mm_file *f, const mm_rule *rule, const mm_emit *e);
/* States a fact about the project that a finding of another file may depend on
 * (mm_emit.requires_fact / unless_fact), by convention "name:<directory of the file>/". */
void mm_file_fact(mm_file *f, const char *fact);
void mm_file_notice(mm_file *f, unsigned line, mm_notice_level level, const char *code,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
