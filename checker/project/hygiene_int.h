/* hygiene_int.h: what the repository-hygiene analyzers share (hygiene.c): reading project
 * documents as lines, the shared patterns, where a project's root is, and emitting a finding
 * about the project or a file. One analyzer family per file: hyg_security.c, hyg_support.c,
 * hyg_threat.c, hyg_codeowners.c; accepted risks are in hygiene.c. */
#ifndef MM_HYGIENE_INT_H
#define MM_HYGIENE_INT_H

#include "match/matchers.h"
#include "project/analyzers.h"
#include "project/hygiene.h"

/* Hints: "<analyzer>" -> fields separated by US (0x1f); a path or a text comes last, where any
 * byte of it is safe. */
#define US "\x1f"

/* The patterns the hygiene analyzers share, compiled once (hyg_rx_ready) and shared by the
 * workers (PCRE2 matching allocates its match data per call). */
struct hyg_rx {
    mm_regex *template_text, *cue, *gh_private, *email;
    mm_regex *sp_key, *sp_iso, *sp_month, *sp_dmy, *sp_ja, *sp_quarter, *sp_year, *sp_duration;
    mm_regex *tm_heading, *tm_assets, *tm_threats;
    mm_regex *sec_heading; /* a README section about security or reporting vulnerabilities */
};
extern struct hyg_rx hyg_rx;

typedef struct hyg_lines {
    const char *text;
    uint32_t *start; /* start offsets; start[n] is one past the end */
    size_t n;
} hyg_lines;

typedef struct hyg_project_finding {
    const char *path;
    unsigned line, col;
    const char *snippet; /* NULL: none */
    const char *key;     /* what the finding is about, for its fingerprint */
    const char *name, *detail; /* message variables {name} and {detail} */
} hyg_project_finding;

/* The policy's line of value v: its path (root-relative), line, column and text. */
typedef struct hyg_policy_pos {
    char *path;
    unsigned line, col;
    char *snippet;
} hyg_policy_pos;

bool hyg_ieq(const char *a, size_t n, const char *b);
bool hyg_istarts(const char *s, size_t n, const char *prefix);
const char *hyg_ext_of(const char *base);
bool hyg_is_text_doc(const char *base);
size_t hyg_stem_len(const char *base);
size_t hyg_dir_len(const char *path);
bool hyg_foreign_dir(const char *seg, size_t n);
bool hyg_in_foreign_dir(const char *path);
char *hyg_doc_text(mm_file *f);
void hyg_split_lines(mm_arena *a, const char *t, size_t len, hyg_lines *out);
bool hyg_comment_line(const hyg_lines *l, const mm_file *f, size_t i);
const char *hyg_line_at(const hyg_lines *l, size_t i, size_t *n);
bool hyg_blank_line(const char *s, size_t n);
int hyg_heading_level(const hyg_lines *l, size_t i, bool adoc);
void hyg_rx_ready(void);
bool hyg_rx_in(const mm_regex *re, const char *s, size_t n);
bool hyg_has_path(const mm_scan *s, const char *path);
bool hyg_has_dir(const mm_scan *s, const char *dir);
bool hyg_at_project_root(const mm_scan *s);
char *hyg_anchor_path(const mm_scan *s, const char *fallback);
void hyg_emit_project(const mm_rule *rule, mm_scan *s, const hyg_project_finding *pf);
void hyg_emit_file(const mm_rule *rule, mm_file *f, uint32_t start, uint32_t end, const char *detail);
void hyg_first_line(mm_file *f, uint32_t *start, uint32_t *end);
void hyg_put_hint(mm_file *f, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
size_t hyg_hint_fields(char *v, char **out, size_t max);
void hyg_policy_pos_of(const mm_scan *s, const cJSON *v, hyg_policy_pos *pp);
void hyg_policy_pos_free(hyg_policy_pos *pp);
bool hyg_history_doc(const char *base);

#endif
