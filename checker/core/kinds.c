/* kinds.c: the one list of matcher kinds a rule's `match.kind` can name: the matchers of
 * match/ and the analyzers of project/. */
#include <string.h>

#include "core/ruleset.h"
#include "match/matchers.h"
#include "project/analyzers.h"

static const mm_matcher_kind kinds[] = {
    /* name       needs              engine         compile                 run                free */
    {"call",     MM_NEED_CFACTS,  "tree-sitter", mm_match_call_compile,    mm_match_call_run,    mm_match_call_free},
    {"literal",  MM_NEED_CFACTS,  "tree-sitter", mm_match_literal_compile, mm_match_literal_run, mm_match_literal_free},
    {"initializer", MM_NEED_CFACTS, "tree-sitter", mm_match_initializer_compile, mm_match_initializer_run, mm_match_initializer_free},
    {"pattern",  MM_NEED_TEXT,    "text",        mm_match_pattern_compile, mm_match_pattern_run, mm_match_pattern_free},
    {"file",     MM_NEED_PATH,    "file",        mm_match_file_compile,    mm_match_file_run,    mm_match_file_free},
    {"analyzer", MM_NEED_PROJECT, "analyzer",    mm_match_analyzer_compile, NULL,                mm_match_analyzer_free},
    {"config",   MM_NEED_CONFIG,  "kconfig",     mm_match_config_compile,  mm_match_config_run,  mm_match_config_free},
    {"devicetree", MM_NEED_DTFACTS, "tree-sitter", mm_match_devicetree_compile, mm_match_devicetree_run, mm_match_devicetree_free},
    {"record",   MM_NEED_RECORDS, "text",        mm_match_record_compile,  mm_match_record_run,  mm_match_record_free},
    {"command",  MM_NEED_COMMANDS, "text",       mm_match_command_compile, mm_match_command_run, mm_match_command_free},
    {"uci",      MM_NEED_UCI,     "text",        mm_match_uci_compile,     mm_match_uci_run,     mm_match_uci_free},
};

const mm_matcher_kind *mm_matcher_find(const char *name)
{
    for (size_t i = 0; i < MM_ARRAY_LEN(kinds); i++) {
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    }
    return NULL;
}
