/* finding.h: what a scan produces — findings (with the origin of their bytes), notices about the
 * scan itself, inline suppressions and the definitions collected for the whole project. Every
 * stage from the front ends to the reporters speaks these types. */
#ifndef MM_FINDING_H
#define MM_FINDING_H

#include <stdarg.h>

#include "model/role.h"
#include "model/rule.h"

typedef enum { MM_SUPP_NONE = 0, MM_SUPP_INLINE, MM_SUPP_POLICY } mm_supp_kind;

/* Where a finding's bytes came from (every input is path, bytes, origin). Rules never see it;
 * the git input sets (inputs/gitscan.c) fill it in and the reporters print it. */
typedef enum { MM_ORIGIN_WORKTREE = 0, MM_ORIGIN_INDEX, MM_ORIGIN_COMMIT } mm_origin_kind;

typedef struct mm_origin {
    mm_origin_kind kind;
    char blob[41];   /* object id of the bytes (index, commit); "" when not known */
    char commit[41]; /* commit: the one that introduced the finding */
    int64_t time;    /* commit: its author date, seconds since the epoch */
    int tz;          /* ... and the author's offset from UTC in minutes */
    char *email;     /* commit: the author's e-mail, only when asked for (--show-email) */
} mm_origin;

/* One step of the path a finding is about (SARIF codeFlows): a place and what happens there. */
typedef struct mm_flow_step {
    char *path;
    unsigned line, col;
    char *message;
} mm_flow_step;

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
    char *demote_unless_fact;/* a note unless some file of the (whole) scan states this fact */
    bool unconsumed;         /* ... and none did: a note, and the message says so */
    bool shadow_by_signature;/* ... only by one whose signature differs from libc's */
    /* size findings whose rule fires when the text does not fit: the text is fits_k chars plus
     * the strings the project's functions fits_calls ("F\nG") return, into fits_room bytes;
     * dropped when the scan merges if their definitions bound those strings (core/resolve.c) */
    char *fits_calls;
    int64_t fits_k, fits_room;
    mm_supp_kind suppressed;
    char *supp_reason;
    const mm_origin *origin; /* NULL: the worktree; owned by the scan (mm_scan.origins) */
    signed char at_head;     /* history: 1 the content is still at HEAD, 0 gone, -1 unknown */
    /* what the file is to the product, and the verdict of that (core/resolve.c) */
    mm_role role;
    char *component;         /* vendored: the component's name */
    bool live;               /* credentials: the value could be live (mm_secret_may_be_live) */
    bool test_value;         /* credentials: the source calls it a test value (model/role.c) */
    bool demoted;            /* a note because of its role: it does not count for --fail-on */
    mm_flow_step *flow;      /* the path from an entry to the finding, or NULL (project analyzers) */
    size_t nflow;
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
    char *detail;   /* what only --verbose and the JSON report show (a long list); NULL: none */
    unsigned count; /* how many like it this notice stands for when they are not listed one by
                       one ("... 289 more submodule links"); 0 means 1: itself */
} mm_notice;

/* A definition collected for the whole project (see mm_def in facts.h). */
typedef struct mm_project_def {
    char *name;
    char *path;
    bool is_static;
    bool is_macro;
    int params;
    bool ellipsis;
    int64_t ret_max; /* functions returning char *: longest string returned, -1 unknown */
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

/* Each frees what the record owns (its strings), not the record. */
void mm_finding_free(mm_finding *f);
void mm_notice_free(mm_notice *n);
void mm_suppression_free(mm_suppression *s);

/* A notice about path (NULL: the scan) at line (0: the whole file), its message formatted from
 * fmt; the notice owns copies of path and code. */
mm_notice mm_notice_vmake(const char *path, unsigned line, mm_notice_level level,
                          const char *code, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));
/* Redacted rendering of a secret: "hu***r2 [redacted: 7 chars, sha256:1a2b3c4d]". */
char *mm_redact(mm_arena *a, const char *s, size_t n);

#endif
