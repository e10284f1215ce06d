/* ruleset.h (core): loading rule files into a rule set and compiling its prefilter — one
 * vectorscan database over the triggers of every loaded rule. */
#ifndef MM_CORE_RULESET_H
#define MM_CORE_RULESET_H

#include "model/ruleset.h"

/* Looks a matcher kind up by name (kinds.c); NULL when there is no such kind. */
const mm_matcher_kind *mm_matcher_find(const char *name);

int mm_ruleset_add_builtin(mm_ruleset *rs, mm_err *err);
/* Loads every *.json below dir, recursively, except *.schema.json and fixture trees (*.tree/). */
int mm_ruleset_add_dir(mm_ruleset *rs, const char *dir, mm_err *err);
int mm_ruleset_add(mm_ruleset *rs, mm_rule *r, mm_err *err); /* takes ownership */
/* Removes rules the filter rejects (policy: disabled rules and categories). */
void mm_ruleset_filter(mm_ruleset *rs, bool (*keep)(const mm_rule *, void *), void *arg);

/* Where compiled prefilter databases are kept between runs (inputs/cache.c gives one, in the
 * user's cache directory): compiling is most of a small scan's start-up. */
typedef struct mm_db_store {
    struct hs_database *(*load)(const char key[65]);
    void (*store)(const char key[65], const struct hs_database *db);
} mm_db_store;

/* Compiles the prefilter and the rule set's identity; dbs may be NULL (compile every time). */
int mm_ruleset_compile(mm_ruleset *rs, const mm_db_store *dbs, mm_err *err);
void mm_ruleset_free(mm_ruleset *rs);

#endif
