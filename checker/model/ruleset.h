/* ruleset.h (model): the loaded rules as every stage sees them — the list, the ids known, and
 * what the rules want the front ends to record. Loading rule files and compiling the prefilter
 * is core's (core/ruleset.h). */
#ifndef MM_MODEL_RULESET_H
#define MM_MODEL_RULESET_H

#include "model/file.h"

typedef struct mm_ruleset {
    MM_VEC(mm_rule *) rules;
    mm_strset known_ids;        /* every id loaded, including rules the policy turned off */
    MM_VEC(char *) known_owned;
    /* prefilter: one vectorscan database over every trigger of every rule (core/ruleset.c) */
    struct hs_database *db;
    MM_VEC(uint32_t) trig_rule; /* trigger id -> rule index (UINT32_MAX: internal) */
    MM_VEC(uint32_t) trig_consumer; /* trigger id -> index of the rule whose consumer it finds
                                       (UINT32_MAX: none) */
    uint32_t ninternal;
    unsigned needs;             /* union of the rules' kinds' needs */
    char hash[65];              /* identity of the loaded rules (ids + texts) */
    mm_wants wants;             /* what the rules want the C front end to record */
} mm_ruleset;

const mm_rule *mm_ruleset_find(const mm_ruleset *rs, const char *id);

#endif
