/* match_pattern.c: the `pattern` matcher — a regular expression over the lines of any text
 * file, for values that announce themselves (provider tokens, connection strings, PEM keys).
 *
 *   "match": {
 *     "kind": "pattern",
 *     "regex": "\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b",      (PCRE2, applied per line)
 *     "trigger": "prefilter regex (default: regex itself)",
 *     "keywords": ["AKIA", "ASIA"],                      (literal prefilter triggers instead)
 *     "case_insensitive": false,
 *     "secret_group": 1,        (capture group holding the secret; 0 = the whole match)
 *     "secret": true,           (false: the match is not secret; {detail} shows the group)
 *     "value": { value filter applied to the secret },
 *     "check": "pem-body",      (a named content check after the match)
 *     "unless_later": "regex"   (no finding when a later line of the file matches: a script that
 *                                unlocks a device and locks it again before it is done)
 *   } */
#include <stdlib.h>
#include <string.h>

#include "match/matchers.h"

typedef enum { PCHECK_NONE = 0, PCHECK_PEM_BODY } pattern_check;

typedef struct pattern_match {
    mm_regex *re;
    int group;
    bool secret;
    mm_valfilter vf;
    pattern_check check;
    mm_regex *unless_later;
} pattern_match;

void mm_match_pattern_free(void *m)
{
    pattern_match *pm = m;
    mm_regex_free(pm->re);
    mm_regex_free(pm->unless_later);
    mm_valfilter_free(&pm->vf);
    free(pm);
}

/* Escapes a literal keyword for the prefilter's regex syntax. */
static char *regex_escape(const char *s)
{
    mm_buf b = {0};
    for (const char *p = s; *p; p++) {
        if (strchr("\\.^$|?*+()[]{}/-", *p))
            mm_buf_putc(&b, '\\');
        mm_buf_putc(&b, *p);
    }
    return mm_buf_cstr(&b);
}

int mm_match_pattern_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind",   "regex",        "trigger", "keywords",
                                       "case_insensitive", "secret_group", "secret", "value",
                                       "check",  "unless_later", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "pattern matcher", cx->err) < 0)
        return -1;
    pattern_match *pm = mm_xcalloc(1, sizeof *pm);
    cx->rule->match = pm;
    pm->secret = true;
    bool ci = false;
    if (mm_json_get_bool(cx->doc, match, "case_insensitive", &ci, cx->err) < 0 ||
        mm_json_get_bool(cx->doc, match, "secret", &pm->secret, cx->err) < 0)
        return -1;
    const char *regex = NULL;
    if (mm_json_get_str(cx->doc, match, "regex", &regex, cx->err) < 0)
        return -1;
    if (!regex)
        return mm_json_err(cx->doc, match, cx->err, "pattern matcher needs \"regex\"");
    if (!regex[0])
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "regex"), cx->err,
                           "\"regex\" is empty, which matches every line");
    if (mm_json_regex(cx, match, "regex", ci, &pm->re) < 0 ||
        mm_json_regex(cx, match, "unless_later", ci, &pm->unless_later) < 0)
        return -1;
    double g = 0;
    if (mm_json_get_num(cx->doc, match, "secret_group", &g, cx->err) < 0)
        return -1;
    if (g < 0 || g > 9 || g != (int)g)
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "secret_group"),
                           cx->err, "secret_group is a capture group number 0-9");
    pm->group = (int)g;
    if (mm_valfilter_compile(cx, cJSON_GetObjectItemCaseSensitive(match, "value"), &pm->vf) < 0)
        return -1;
    const char *check = NULL;
    if (mm_json_get_str(cx->doc, match, "check", &check, cx->err) < 0)
        return -1;
    if (check) {
        if (!strcmp(check, "pem-body"))
            pm->check = PCHECK_PEM_BODY;
        else
            return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "check"),
                               cx->err, "unknown pattern check \"%s\" (pem-body)", check);
    }
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(cx->doc, match, "keywords", &items, &n, cx->err) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char *esc = regex_escape(items[i]);
        mm_rule_add_trigger(cx->rule, esc, ci);
        free(esc);
    }
    free(items);
    if (mm_json_triggers(cx, match, "trigger", ci) < 0)
        return -1;
    if (!cx->rule->triggers.n)
        mm_rule_add_trigger(cx->rule, regex, ci);
    return 0;
}

/* Does a line after `line` match re? */
static bool later_line(mm_file *f, const mm_regex *re, unsigned line)
{
    for (unsigned l = line + 1;; l++) {
        uint32_t ls = mm_file_line_start(f, l);
        if (ls >= f->len)
            return false;
        if (mm_regex_test(re, f->data + ls, mm_file_line_end(f, l) - ls))
            return true;
    }
}

void mm_match_pattern_run(const mm_rule *rule, mm_file *f)
{
    const pattern_match *pm = rule->match;
    unsigned last_line = 0;
    for (size_t h = 0; h < f->nhits; h++) {
        if (f->hits[h].rule != rule)
            continue;
        unsigned line, col;
        mm_file_pos(f, f->hits[h].end ? f->hits[h].end - 1 : 0, &line, &col);
        if (line == last_line)
            continue;
        last_line = line;
        uint32_t ls = mm_file_line_start(f, line), le = mm_file_line_end(f, line);
        size_t at = 0;
        size_t ov[20];
        while (at <= le - ls &&
               mm_regex_find(pm->re, f->data + ls, le - ls, at, ov, 10)) {
            size_t ms = ov[0], me = ov[1];
            at = me > ms ? me : ms + 1;
            size_t ss = ov[2 * pm->group], se = ov[2 * pm->group + 1];
            if (ss == SIZE_MAX) {
                ss = ms;
                se = me;
            }
            const char *val = f->data + ls + ss;
            size_t vlen = se - ss;
            if (pm->check == PCHECK_PEM_BODY) {
                size_t body_end;
                mm_buf body = {0};
                /* the key body is the secret: known public test keys are allowed by its hash */
                if (!mm_pem_body(f->data, f->len, ls + me, &body_end, &body) ||
                    !mm_valfilter_pass(&pm->vf, body.data, body.len)) {
                    mm_buf_free(&body);
                    continue;
                }
                mm_emit e = {0};
                e.start = (uint32_t)(ls + ms);
                e.end = (uint32_t)body_end;
                e.secret = mm_arena_strndup(f->arena, body.data, body.len);
                e.secret_len = (uint32_t)body.len;
                e.secret_start = (uint32_t)(ls + me);
                e.secret_end = (uint32_t)body_end;
                const char *vars[] = {"detail", mm_arena_printf(f->arena, "%zu", body.len), NULL};
                e.vars = vars;
                mm_emit_finding(f, rule, &e);
                mm_buf_free(&body);
                continue;
            }
            if (!mm_valfilter_pass(&pm->vf, val, vlen))
                continue;
            if (pm->unless_later && later_line(f, pm->unless_later, line))
                break; /* the rest of the line is undone as well */
            mm_emit e = {0};
            e.start = (uint32_t)(ls + ms);
            e.end = (uint32_t)(ls + me);
            const char *vars[] = {"detail", NULL, NULL};
            if (pm->secret) {
                e.secret = val;
                e.secret_len = (uint32_t)vlen;
                e.secret_start = (uint32_t)(ls + ss);
                e.secret_end = (uint32_t)(ls + se);
            } else {
                /* not a secret: {detail} shows what matched */
                vars[1] = mm_arena_strndup(f->arena, val, vlen);
                e.vars = vars;
            }
            mm_emit_finding(f, rule, &e);
        }
    }
}

/* --- PEM bodies ------------------------------------------------------------------------------
 * After "-----BEGIN ... PRIVATE KEY-----" a real key continues with base64 lines, possibly
 * written as C string pieces ("MIIE...\n" \), JSON ("...\nMIIE...\n..."), or a list of
 * strings. A parser's marker string is followed by code instead. Walk the following text,
 * skipping the quoting of the usual containers, and collect base64 characters until the END
 * line; anything else ends the body. */

static bool b64(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/' || c == '=';
}

bool mm_pem_body(const char *s, size_t len, size_t from, size_t *body_end, mm_buf *out)
{
    mm_buf body = {0};
    size_t i = from, limit = from + 65536 < len ? from + 65536 : len;
    size_t last = from;
    size_t run = 0, longest = 0; /* base64 lines are long; words of prose are not */
    while (i < limit) {
        char c = s[i];
        /* headers of legacy encrypted PEM: "Proc-Type: 4,ENCRYPTED", "DEK-Info: ...". Before
         * the base64 test: 'P' and 'D' are base64 characters too */
        if ((c == 'P' || c == 'D') && (!strncmp(s + i, "Proc-Type:", 10) ||
                                      !strncmp(s + i, "DEK-Info:", 9))) {
            while (i < limit && s[i] != '\n' && !(s[i] == '\\' && i + 1 < limit && s[i + 1] == 'n'))
                i++;
            continue;
        }
        if (b64(c)) {
            mm_buf_putc(&body, c);
            i++;
            last = i;
            if (++run > longest)
                longest = run;
            continue;
        }
        run = 0;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' ||
            c == ',') {
            i++;
            continue;
        }
        if (c == '\\' && i + 1 < limit) {
            char n = s[i + 1];
            if (n == 'n' || n == 'r' || n == '\n' || n == '\r') {
                i += 2;
                continue;
            }
            break;
        }
        if (c == '-' && i + 8 < limit && !strncmp(s + i, "-----END", 8)) {
            const char *e = memchr(s + i + 8, '\n', limit - i - 8);
            size_t end_of_marker = i + 8;
            while (end_of_marker < limit && s[end_of_marker] != '\n' &&
                   strncmp(s + end_of_marker, "-----", 5) != 0)
                end_of_marker++;
            if (end_of_marker < limit && s[end_of_marker] == '-')
                end_of_marker += 5;
            last = e ? end_of_marker : limit;
            break;
        }
        break;
    }
    /* the shortest private key PEM (Ed25519 PKCS#8) has a 64-character body, written as one
     * line; prose after a bare marker ("paste your key here") has only short words */
    bool ok = body.len >= 60 && longest >= 40;
    if (ok) {
        *body_end = last;
        mm_buf_put(out, body.data, body.len);
    }
    mm_buf_free(&body);
    return ok;
}
