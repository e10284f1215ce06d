/* matchers.c: the one list of matcher kinds a rule's `match.kind` can name. */
#include <string.h>

#include "matchers.h"

static const mm_matcher_kind kinds[] = {
    /* name       needs              engine         compile                 run                free */
    {"call",     MM_NEED_CFACTS,  "tree-sitter", mm_match_call_compile,    mm_match_call_run,    mm_match_call_free},
    {"literal",  MM_NEED_CFACTS,  "tree-sitter", mm_match_literal_compile, mm_match_literal_run, mm_match_literal_free},
    {"initializer", MM_NEED_CFACTS, "tree-sitter", mm_match_initializer_compile, mm_match_initializer_run, mm_match_initializer_free},
    {"pattern",  MM_NEED_TEXT,    "text",        mm_match_pattern_compile, mm_match_pattern_run, mm_match_pattern_free},
    {"file",     MM_NEED_PATH,    "file",        mm_match_file_compile,    mm_match_file_run,    mm_match_file_free},
    {"analyzer", MM_NEED_PROJECT, "analyzer",    mm_match_analyzer_compile, NULL,                NULL},
};

/* Kinds the rule format reserves for the configuration and devicetree front ends. */
static const char *const reserved[] = {"config", "devicetree"};

const mm_matcher_kind *mm_matcher_find(const char *name, bool *is_reserved)
{
    *is_reserved = false;
    for (size_t i = 0; i < MM_ARRAY_LEN(kinds); i++) {
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    }
    for (size_t i = 0; i < MM_ARRAY_LEN(reserved); i++) {
        if (strcmp(reserved[i], name) == 0)
            *is_reserved = true;
    }
    return NULL;
}
