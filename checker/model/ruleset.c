/* ruleset.c (model): looking a loaded rule up by id. */
#include "model/ruleset.h"

#include <string.h>

const mm_rule *mm_ruleset_find(const mm_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->rules.n; i++) {
        if (strcmp(rs->rules.v[i]->id, id) == 0)
            return rs->rules.v[i];
    }
    return NULL;
}
