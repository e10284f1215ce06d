/* report.h: reporters — one file each, all listed in reporters.c. A reporter turns a finished
 * scan into bytes; where they go (stdout or an atomically written file) is the caller's. */
#ifndef MM_REPORT_H
#define MM_REPORT_H

#include "model/scan.h"

typedef struct mm_report_opts {
    bool color;            /* ANSI colours (text, on a terminal only) */
    bool verbose;          /* list every notice, not a summary per kind */
    mm_severity fail_on;
    const char *command;   /* the command line, for SARIF invocations */
    bool absolute_paths;   /* text: absolute file names, for IDEs that run builds elsewhere */
    long long started, now; /* Unix times of the scan's start and of the report (gitlab-sast);
                               SOURCE_DATE_EPOCH sets both, for reproducible reports */
} mm_report_opts;

typedef struct mm_reporter {
    const char *name;
    const char *what;
    void (*write)(const mm_scan *s, const mm_report_opts *o, mm_buf *out);
} mm_reporter;

const mm_reporter *mm_reporter_find(const char *name);
void mm_reporter_names(mm_buf *out); /* "text, json, sarif" */

void mm_report_text(const mm_scan *s, const mm_report_opts *o, mm_buf *out);
void mm_report_json(const mm_scan *s, const mm_report_opts *o, mm_buf *out);
void mm_report_sarif(const mm_scan *s, const mm_report_opts *o, mm_buf *out);
void mm_report_github(const mm_scan *s, const mm_report_opts *o, mm_buf *out);
void mm_report_gitlab(const mm_scan *s, const mm_report_opts *o, mm_buf *out);
void mm_report_junit(const mm_scan *s, const mm_report_opts *o, mm_buf *out);
/* The sign-off report (report_doc.c) of saved JSON results (one worktree scan, perhaps one
 * history scan), with the rules that made them and the standards data
 * (checker/data/standards.json), in the language of base/i18n.h. */
typedef struct mm_doc_opts {
    bool html;             /* HTML, else Markdown */
    const char *link_base; /* prefix of links into the repository ("../", "" or a URL/) */
    long long now;         /* Unix time the report is written (SOURCE_DATE_EPOCH) */
} mm_doc_opts;
void mm_report_document(const cJSON *const *results, size_t nresults, const mm_ruleset *rs,
                        const cJSON *standards, const mm_doc_opts *o, mm_buf *out);

/* "mamori: by role: 3 product, 20 example; ..." when some findings lie outside the product
 * (nothing otherwise). */
void mm_report_role_summary(const mm_scan *s, mm_buf *out);
/* Notices for a terminal (stderr), summarised per kind unless verbose. */
void mm_report_notices(const mm_scan *s, const mm_report_opts *o, mm_buf *out);

/* SARIF/GitHub helpers shared with `mamori rules`. */
char *mm_rule_pascal_name(const char *id);
char *mm_help_first_paragraph(const char *markdown);
char *mm_rule_help_uri(const mm_rule *r);
bool mm_scan_failed(const mm_scan *s, mm_severity fail_on);
/* A commit's author date as ISO 8601 with the author's offset: "2024-03-01T09:30:00+09:00". */
void mm_origin_date(const mm_origin *o, char out[32]);
/* What the input set was, for summaries: NULL for a worktree scan. */
const char *mm_input_name(mm_input_mode m);

#endif
