/* match_literal.c: the `literal` matcher — a string literal given a name that says it is a
 * credential (assigned, initialised, #defined, a struct field, copied into a named buffer).
 *
 *   "match": {
 *     "kind": "literal",
 *     "names": "regex over the normalised name (wifi_config.sta.password -> its last part)",
 *     "names_exclude": "regex of names that are about a credential, not one (password_prompt)",
 *     "contexts": ["define", "init", "assign", "field", "copy"],
 *     "copy_calls": ["strcpy", "strncpy", "strlcpy", "memcpy"],
 *     "value": { value filter: min_length, placeholders, exclude, allow, allow_sha256 ... },
 *     "trigger": "prefilter regex (required: the names alone are too common to prefilter on)"
 *   } */
#include <stdlib.h>
#include <string.h>

#include "match/matchers.h"

const char *const mm_ctx_names[] = {
    [MM_CTX_NONE] = "none",     [MM_CTX_ASSIGN] = "assign", [MM_CTX_INIT] = "init",
    [MM_CTX_RETURN] = "return", [MM_CTX_ARG] = "arg",       [MM_CTX_DEFINE] = "define",
    [MM_CTX_FIELD] = "field",   [MM_CTX_COPY] = "copy",
};

typedef struct literal_match {
    mm_regex *names, *names_exclude;
    unsigned contexts; /* bit per mm_ctx_kind */
    mm_valfilter vf;
} literal_match;

void mm_match_literal_free(void *m)
{
    literal_match *lm = m;
    mm_regex_free(lm->names);
    mm_regex_free(lm->names_exclude);
    mm_valfilter_free(&lm->vf);
    free(lm);
}

int mm_match_literal_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind",     "names",      "names_exclude", "contexts",
                                       "copy_calls", "value",     "trigger",       NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "literal matcher", cx->err) < 0)
        return -1;
    literal_match *lm = mm_xcalloc(1, sizeof *lm);
    cx->rule->match = lm;
    if (mm_json_regex(cx, match, "names", false, &lm->names) < 0 ||
        mm_json_regex(cx, match, "names_exclude", false, &lm->names_exclude) < 0)
        return -1;
    if (!lm->names)
        return mm_json_err(cx->doc, match, cx->err, "literal matcher needs \"names\"");
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(cx->doc, match, "contexts", &items, &n, cx->err) < 0)
        return -1;
    if (!items) {
        lm->contexts = 1u << MM_CTX_DEFINE | 1u << MM_CTX_INIT | 1u << MM_CTX_ASSIGN |
                       1u << MM_CTX_FIELD | 1u << MM_CTX_COPY;
    }
    for (size_t i = 0; i < n; i++) {
        bool ok = false;
        for (unsigned k = MM_CTX_ASSIGN; k <= MM_CTX_COPY; k++) {
            if (k != MM_CTX_RETURN && k != MM_CTX_ARG && !strcmp(items[i], mm_ctx_names[k])) {
                lm->contexts |= 1u << k;
                ok = true;
            }
        }
        if (!ok) {
            /* the message reads items[i]: free the list after it is written */
            mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "contexts"), cx->err,
                        "unknown context \"%s\" (define, init, assign, field, copy)", items[i]);
            free(items);
            return -1;
        }
    }
    free(items);
    if (mm_json_copy_strs(cx->doc, match, "copy_calls", &cx->rule->copy_calls, cx->err) < 0)
        return -1;
    if (mm_valfilter_compile(cx, cJSON_GetObjectItemCaseSensitive(match, "value"), &lm->vf) < 0)
        return -1;
    cx->rule->statement_local = true; /* a literal and where it goes: one statement */
    int nt = mm_json_triggers(cx, match, "trigger", true);
    if (nt < 0)
        return -1;
    if (nt == 0)
        return mm_json_err(cx->doc, match, cx->err,
                           "literal matcher needs a \"trigger\" regex for the prefilter");
    return 0;
}

void mm_match_literal_run(const mm_rule *rule, mm_file *f)
{
    const literal_match *lm = rule->match;
    for (uint32_t i = 0; i < f->cf->nstrs; i++) {
        const mm_strlit *s = &f->cf->strs[i];
        if (!(lm->contexts & (1u << s->ctx)) || !s->exact || !s->leaf)
            continue;
        char norm[256];
        mm_name_norm(norm, sizeof norm, s->leaf);
        if (!mm_regex_test(lm->names, norm, strlen(norm)))
            continue;
        /* names about a credential rather than holding one: PASSWORD_PROMPT, pwd_hint */
        if (lm->names_exclude && mm_regex_test(lm->names_exclude, norm, strlen(norm)))
            continue;
        if (!mm_valfilter_pass(&lm->vf, s->value, s->len))
            continue;
        const char *vars[] = {"name", s->name ? s->name : s->leaf, NULL};
        mm_emit e = {0};
        e.start = s->span.start;
        e.end = s->span.end;
        e.vars = vars;
        e.secret = s->value;
        e.secret_len = s->len;
        /* redact from the first opening quote to the last closing one */
        uint32_t a = s->span.start, b = s->span.end;
        while (a < b && f->data[a] != '"')
            a++;
        while (b > a && f->data[b - 1] != '"')
            b--;
        e.secret_start = a < b ? a + 1 : s->span.start;
        e.secret_end = b > a + 1 ? b - 1 : s->span.end;
        mm_emit_finding(f, rule, &e);
    }
}
