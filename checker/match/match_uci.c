/* match_uci.c: the `uci` matcher — an option of an OpenWrt UCI configuration section
 * (files under etc/config), with the value it has when the section does not set it.
 *
 *   "match": {
 *     "kind": "uci",
 *     "section": "^system$",              (regex over the section type: `config system`)
 *     "option": "^ttylogin$",             (regex over the option name)
 *     "value": "^(0|off|false|no|disabled)$",  (the effective value that makes the finding)
 *     "default": "0",                     (the value when the section lacks the option; without
 *                                          it, a section that lacks the option is no finding)
 *     "trigger": "prefilter regex (without one, the rule looks at every file its "files" name, which it then needs)"
 *   }
 *
 * The last `option` line of that name in the section wins; the finding is on it, or on the
 * `config` line when the default applies. */
#include <stdlib.h>
#include <string.h>

#include "front/linefront.h"
#include "match/matchers.h"

typedef struct uci_match {
    mm_regex *section, *option, *value;
    char *def;
} uci_match;

void mm_match_uci_free(void *m)
{
    uci_match *um = m;
    mm_regex_free(um->section);
    mm_regex_free(um->option);
    mm_regex_free(um->value);
    free(um->def);
    free(um);
}

int mm_match_uci_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind", "section", "option", "value", "default",
                                       "trigger", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "uci matcher", cx->err) < 0)
        return -1;
    uci_match *um = mm_xcalloc(1, sizeof *um);
    cx->rule->match = um;
    if (mm_json_regex(cx, match, "section", false, &um->section) < 0 ||
        mm_json_regex(cx, match, "option", false, &um->option) < 0 ||
        mm_json_regex(cx, match, "value", false, &um->value) < 0)
        return -1;
    if (!um->section || !um->option || !um->value)
        return mm_json_err(cx->doc, match, cx->err,
                           "uci matcher needs \"section\", \"option\" and \"value\"");
    const char *def = NULL;
    if (mm_json_get_str(cx->doc, match, "default", &def, cx->err) < 0)
        return -1;
    um->def = def ? mm_xstrdup(def) : NULL;
    return mm_json_line_triggers(cx, match,
                                 "uci matcher needs \"trigger\" or the rule needs \"files\": it "
                                 "would read every text file");
}

void mm_match_uci_run(const mm_rule *rule, mm_file *f)
{
    const uci_match *um = rule->match;
    const mm_linefacts *lf = f->lf;
    if (!lf)
        return;
    for (uint32_t s = 0; s < lf->nsections; s++) {
        const mm_uci_section *sec = &lf->sections[s];
        if (!mm_regex_test(um->section, sec->type, strlen(sec->type)))
            continue;
        /* each option name the regex takes, judged by its last line */
        for (uint32_t i = 0; i < sec->nopts; i++) {
            const mm_uci_option *o = &sec->opts[i];
            if (o->list || !mm_regex_test(um->option, o->name, strlen(o->name)))
                continue;
            bool later = false;
            for (uint32_t k = i + 1; k < sec->nopts && !later; k++)
                later = !sec->opts[k].list && !strcmp(sec->opts[k].name, o->name);
            if (later || !mm_regex_test(um->value, o->value, strlen(o->value)))
                continue;
            mm_emit_named(f, rule, o->span, o->name, o->value);
        }
        if (!um->def || !mm_regex_test(um->value, um->def, strlen(um->def)))
            continue;
        bool set = false;
        for (uint32_t i = 0; i < sec->nopts && !set; i++)
            set = !sec->opts[i].list &&
                  mm_regex_test(um->option, sec->opts[i].name, strlen(sec->opts[i].name));
        if (set)
            continue;
        mm_emit_named(f, rule, sec->span, "",
                      mm_arena_printf(f->arena, "%s (default)", um->def));
    }
}
