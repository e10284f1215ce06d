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
} mm_analyzer;
const mm_analyzer *mm_analyzer_find(const char *name);
/* per-file analyzers with cross-file conditions (an_crossfile.c) */
void mm_an_stm32_debug_without_rdp(const mm_rule *rule, mm_file *f);
extern const char *const mm_an_stm32_triggers[];
void mm_an_dropbear_empty_root(const mm_rule *rule, mm_file *f);
extern const char *const mm_an_dropbear_triggers[];
/* analyzer_update.c: firmware received and booted with no signature check in the file */
void mm_analyze_update_path(const mm_rule *rule, mm_file *f);
extern const char *const mm_update_path_triggers[];
extern const char *const mm_update_path_callees[];
const mm_analyzer *mm_rule_analyzer(const mm_rule *rule);

/* The `analyzer` matcher kind (core/kinds.c lists it with the others). */
int mm_match_analyzer_compile(mm_compile_ctx *cx, const cJSON *match);

#endif
