/* match_command.c: the `command` matcher — programs that init scripts, rc.local, inittab and
 * systemd units start, with conditions on their arguments (facts from linefront.c: wrappers
 * such as exec, busybox and start-stop-daemon are seen through, comments, strings, here-
 * documents and `case` patterns are not commands).
 *
 *   "match": {
 *     "kind": "command",
 *     "commands": [
 *       {"program": "^(nc|netcat)$",        (regex over the program's base name)
 *        "args": ["(^| )-\\w*l", "..."],     (each regex must match the arguments, joined by spaces)
 *        "args_not": ["..."],                (none may match)
 *        "unconditional": true}              (skip commands that follow && or ||)
 *     ],
 *     "trigger": "prefilter regex (without one, the rule's \"files\" must name the files)"
 *   }
 *
 * The first entry that matches a command makes the finding, on the command. Message variables:
 * {name} the program, {detail} the command (program and arguments). */
#include <stdlib.h>
#include <string.h>

#include "front/linefront.h"
#include "match/matchers.h"

typedef struct cmd_entry {
    mm_regex *program;
    mm_regex **args, **args_not;
    size_t nargs, nargs_not;
    bool unconditional;
} cmd_entry;

typedef struct command_match {
    cmd_entry *v;
    size_t n;
} command_match;

static void free_list(mm_regex **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        mm_regex_free(l[i]);
    free(l);
}

void mm_match_command_free(void *m)
{
    command_match *cm = m;
    for (size_t i = 0; i < cm->n; i++) {
        mm_regex_free(cm->v[i].program);
        free_list(cm->v[i].args, cm->v[i].nargs);
        free_list(cm->v[i].args_not, cm->v[i].nargs_not);
    }
    free(cm->v);
    free(cm);
}

/* Each regex of a list is its own condition (not alternatives). */
static int regex_list(mm_compile_ctx *cx, const cJSON *obj, const char *key, mm_regex ***out,
                      size_t *n)
{
    const char **items = NULL;
    size_t k = 0;
    if (mm_json_get_strs(cx->doc, obj, key, &items, &k, cx->err) < 0)
        return -1;
    *out = k ? mm_xcalloc(k, sizeof **out) : NULL;
    *n = k;
    for (size_t i = 0; i < k; i++) {
        char msg[300];
        (*out)[i] = items[i][0] ? mm_regex_compile(items[i], false, msg, sizeof msg) : NULL;
        if (!(*out)[i]) {
            bool empty = !items[i][0];
            free(items);
            return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(obj, key), cx->err,
                               "invalid regular expression in \"%s\": %s", key,
                               empty ? "empty (it would match everything)" : msg);
        }
    }
    free(items);
    return 0;
}

int mm_match_command_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind", "commands", "trigger", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "command matcher", cx->err) < 0)
        return -1;
    command_match *cm = mm_xcalloc(1, sizeof *cm);
    cx->rule->match = cm;
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(match, "commands");
    if (!cJSON_IsArray(list) || !list->child)
        return mm_json_err(cx->doc, list ? list : match, cx->err,
                           "command matcher needs \"commands\": a non-empty list");
    cm->n = (size_t)cJSON_GetArraySize(list);
    cm->v = mm_xcalloc(cm->n, sizeof *cm->v);
    size_t i = 0;
    for (const cJSON *c = list->child; c; c = c->next, i++) {
        static const char *const ekeys[] = {"program", "args", "args_not", "unconditional",
                                            NULL};
        if (!cJSON_IsObject(c))
            return mm_json_err(cx->doc, c, cx->err, "a command entry is an object");
        if (mm_json_only_keys(cx->doc, c, ekeys, "command entry", cx->err) < 0)
            return -1;
        cmd_entry *e = &cm->v[i];
        if (mm_json_regex(cx, c, "program", false, &e->program) < 0)
            return -1;
        if (!e->program)
            return mm_json_err(cx->doc, c, cx->err, "a command entry needs \"program\"");
        if (regex_list(cx, c, "args", &e->args, &e->nargs) < 0 ||
            regex_list(cx, c, "args_not", &e->args_not, &e->nargs_not) < 0 ||
            mm_json_get_bool(cx->doc, c, "unconditional", &e->unconditional, cx->err) < 0)
            return -1;
    }
    return mm_json_line_triggers(cx, match,
                                 "command matcher needs \"trigger\" (the program names, as a "
                                 "regex) or the rule needs \"files\": it would read every text "
                                 "file as a script");
}

static bool entry_holds(const cmd_entry *e, const mm_command *c)
{
    if (e->unconditional && c->conditional)
        return false;
    if (!mm_regex_test(e->program, c->program, strlen(c->program)))
        return false;
    size_t al = strlen(c->args);
    for (size_t i = 0; i < e->nargs; i++) {
        if (!mm_regex_test(e->args[i], c->args, al))
            return false;
    }
    for (size_t i = 0; i < e->nargs_not; i++) {
        if (mm_regex_test(e->args_not[i], c->args, al))
            return false;
    }
    return true;
}

void mm_match_command_run(const mm_rule *rule, mm_file *f)
{
    const command_match *cm = rule->match;
    const mm_linefacts *lf = f->lf;
    if (!lf)
        return;
    for (uint32_t k = 0; k < lf->ncommands; k++) {
        const mm_command *c = &lf->commands[k];
        for (size_t i = 0; i < cm->n; i++) {
            if (!entry_holds(&cm->v[i], c))
                continue;
            const char *cmd = c->argc ? mm_arena_printf(f->arena, "%s %s", c->program, c->args)
                                      : c->program;
            mm_emit_named(f, rule, c->span, c->program, cmd);
            break;
        }
    }
}
