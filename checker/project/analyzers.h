/* analyzers.h: rules that need code rather than a matcher — the one list of them is in
 * analyzers.c. Each is still described by a JSON rule file
 * ("match": {"kind": "analyzer", "name": "<name>"}). */
#ifndef MM_ANALYZERS_H
#define MM_ANALYZERS_H

#include "model/scan.h"

/* The analyzer named by an `analyzer` rule: code that runs on each file whose facts it needs
 * (run_file, with `needs` and the rule's triggers like any matcher), or once per scan after
 * the policy stage over the whole result (run_project). */
typedef struct mm_analyzer {
    const char *name;
    const char *what; /* one line for `mamori rules show` */
    unsigned needs;   /* MM_NEED_* for run_file; MM_NEED_PROJECT for run_project */
    void (*run_file)(const mm_rule *rule, mm_file *f);
    void (*run_project)(const mm_rule *rule, mm_scan *scan);
    /* prefilter triggers of a per-file analyzer (a rule file may add its own "trigger") */
    const char *const *triggers;
    /* call names whose facts run_file reads (the front end records only wanted calls) */
    const char *const *callees;
    /* run_project: right on part of a tree too (--staged, --diff), not only on the whole of it;
     * history scans run no project analyzer */
    bool partial;
    /* runs after the other project analyzers and after inline suppressions and accepted risks
     * were applied to their findings: it judges the suppressions themselves */
    bool last;
    /* a rule file that gives the analyzer data of its own: the keys of "match" it reads besides
     * kind, name and trigger; compile turns them into *data (and may add triggers), free_data
     * frees it with the rule */
    const char *const *keys;
    int (*compile)(mm_compile_ctx *cx, const cJSON *match, void **data);
    void (*free_data)(void *data);
} mm_analyzer;
const mm_analyzer *mm_analyzer_find(const char *name);
/* What an analyzer rule's compile made of its rule file (NULL: nothing). */
void *mm_rule_analyzer_data(const mm_rule *rule);
/* per-file analyzers with cross-file conditions (an_crossfile.c) */
void mm_an_stm32_debug_without_rdp(const mm_rule *rule, mm_file *f);
extern const char *const mm_an_stm32_triggers[];
void mm_an_dropbear_empty_root(const mm_rule *rule, mm_file *f);
extern const char *const mm_an_dropbear_triggers[];
/* analyzer_update.c: update paths in the project's call graph (update_graph.c) — the collector
 * that leaves each file's facts, and the rules that judge the paths */
extern const char *const mm_update_path_keys[];
int mm_update_path_compile(mm_compile_ctx *cx, const cJSON *match, void **data);
void mm_update_path_free(void *data);
void mm_update_collect(const mm_rule *rule, mm_file *f);
void mm_update_unverified_image(const mm_rule *rule, mm_scan *s);
void mm_update_md5(const mm_rule *rule, mm_scan *s);
void mm_update_endpoint(const mm_rule *rule, mm_scan *s);
extern const char *const mm_update_password_keys[];
int mm_update_password_compile(mm_compile_ctx *cx, const cJSON *match, void **data);
void mm_update_password_free(void *data);
void mm_update_password(const mm_rule *rule, mm_scan *s);
struct mm_update_graph;
void mm_update_graph_free(struct mm_update_graph *g);
const mm_analyzer *mm_rule_analyzer(const mm_rule *rule);

/* The `analyzer` matcher kind (core/kinds.c lists it with the others). */
int mm_match_analyzer_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_analyzer_free(void *match);

#endif
