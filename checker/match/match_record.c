/* match_record.c: the `record` matcher — conditions on the fields of colon-separated files
 * (etc/passwd, etc/shadow, etc/group), one record per line (facts from linefront.c).
 *
 *   "match": {
 *     "kind": "record",
 *     "fields": ["name", "password", "uid", "gid", "gecos", "home", "shell"],
 *     "where": {"password": "^$"},          (regex per field; all must hold; a missing field is "")
 *     "where_not": {"password": "^[*!]"},   (none may hold)
 *     "at": "password",                     (the field the finding points at; default the line)
 *     "secret": true,                       (the "at" field is a credential: redacted, {value})
 *     "value": { value filter on the secret field },
 *     "trigger": "prefilter regex (without one, the rule looks at every file its "files" name, which it then needs)"
 *   }
 *
 * The last named field takes the rest of the line, colons included (inittab's process). */
#include <stdlib.h>
#include <string.h>

#include "front/linefront.h"
#include "match/matchers.h"

enum { MAX_FIELDS = 16 };

typedef struct record_match {
    char *names[MAX_FIELDS];
    size_t nfields;
    mm_regex *where[MAX_FIELDS], *where_not[MAX_FIELDS];
    int at;       /* field index, -1: the line */
    bool secret;
    mm_valfilter vf;
} record_match;

void mm_match_record_free(void *m)
{
    record_match *rm = m;
    for (size_t i = 0; i < MAX_FIELDS; i++) {
        free(rm->names[i]);
        mm_regex_free(rm->where[i]);
        mm_regex_free(rm->where_not[i]);
    }
    mm_valfilter_free(&rm->vf);
    free(rm);
}

static int field_index(const record_match *rm, const char *name)
{
    for (size_t i = 0; i < rm->nfields; i++) {
        if (!strcmp(rm->names[i], name))
            return (int)i;
    }
    return -1;
}

static int compile_where(mm_compile_ctx *cx, record_match *rm, const cJSON *obj, const char *key,
                         mm_regex **out)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!w)
        return 0;
    if (!cJSON_IsObject(w) || !w->child)
        return mm_json_err(cx->doc, w, cx->err, "\"%s\" maps field names to regexes", key);
    for (const cJSON *c = w->child; c; c = c->next) {
        int fi = field_index(rm, c->string);
        if (fi < 0)
            return mm_json_err(cx->doc, c, cx->err, "\"%s\" is not one of the \"fields\"",
                               c->string);
        if (mm_json_regex(cx, w, c->string, false, &out[fi]) < 0)
            return -1;
        if (!out[fi])
            return mm_json_err(cx->doc, c, cx->err, "a field condition is a regex");
    }
    return 0;
}

int mm_match_record_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind", "fields", "where", "where_not", "at",
                                       "secret", "value", "trigger", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "record matcher", cx->err) < 0)
        return -1;
    record_match *rm = mm_xcalloc(1, sizeof *rm);
    cx->rule->match = rm;
    rm->at = -1;
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(cx->doc, match, "fields", &items, &n, cx->err) < 0)
        return -1;
    const cJSON *fv = cJSON_GetObjectItemCaseSensitive(match, "fields");
    if (!items || !n || n > MAX_FIELDS) {
        free(items);
        return mm_json_err(cx->doc, fv ? fv : match, cx->err,
                           "record matcher needs \"fields\": 1 to %d field names", MAX_FIELDS);
    }
    for (size_t i = 0; i < n; i++) {
        if (!items[i][0] || field_index(rm, items[i]) >= 0) {
            free(items);
            return mm_json_err(cx->doc, fv, cx->err, "field names are non-empty and distinct");
        }
        rm->names[rm->nfields++] = mm_xstrdup(items[i]);
    }
    free(items);
    if (compile_where(cx, rm, match, "where", rm->where) < 0 ||
        compile_where(cx, rm, match, "where_not", rm->where_not) < 0)
        return -1;
    const char *at = NULL;
    if (mm_json_get_str(cx->doc, match, "at", &at, cx->err) < 0 ||
        mm_json_get_bool(cx->doc, match, "secret", &rm->secret, cx->err) < 0)
        return -1;
    if (at && (rm->at = field_index(rm, at)) < 0)
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "at"), cx->err,
                           "\"at\" names one of the \"fields\"");
    if (rm->secret && rm->at < 0)
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "secret"), cx->err,
                           "\"secret\" needs \"at\": the field that holds it");
    if (mm_valfilter_compile(cx, cJSON_GetObjectItemCaseSensitive(match, "value"), &rm->vf) < 0)
        return -1;
    return mm_json_line_triggers(cx, match,
                                 "record matcher needs \"trigger\" or the rule needs \"files\": "
                                 "it would read every text file");
}

void mm_match_record_run(const mm_rule *rule, mm_file *f)
{
    const record_match *rm = rule->match;
    const mm_linefacts *lf = f->lf;
    if (!lf)
        return;
    for (uint32_t r = 0; r < lf->nrecords; r++) {
        const mm_record *rec = &lf->records[r];
        mm_span sp[MAX_FIELDS];
        for (size_t i = 0; i < rm->nfields; i++) {
            if (i < rec->nfields)
                sp[i] = rec->fields[i];
            else
                sp[i] = (mm_span){rec->span.end, rec->span.end};
        }
        if (rec->nfields > rm->nfields)
            sp[rm->nfields - 1].end = rec->span.end; /* the last field takes the rest */
        bool ok = true;
        for (size_t i = 0; i < rm->nfields && ok; i++) {
            const char *v = f->data + sp[i].start;
            size_t vl = sp[i].end - sp[i].start;
            if (rm->where[i] && !mm_regex_test(rm->where[i], v, vl))
                ok = false;
            if (rm->where_not[i] && mm_regex_test(rm->where_not[i], v, vl))
                ok = false;
        }
        if (!ok)
            continue;
        mm_emit e = {0};
        e.start = rec->span.start;
        e.end = rec->span.end;
        const char *name = mm_arena_strndup(f->arena, f->data + sp[0].start,
                                            sp[0].end - sp[0].start);
        const char *detail = "";
        if (rm->at >= 0) {
            mm_span a = sp[rm->at];
            e.start = a.start;
            e.end = a.end > a.start ? a.end : a.start;
            if (rm->secret) {
                if (!mm_valfilter_pass(&rm->vf, f->data + a.start, a.end - a.start))
                    continue;
                e.secret = f->data + a.start;
                e.secret_len = a.end - a.start;
                e.secret_start = a.start;
                e.secret_end = a.end;
            } else {
                detail = mm_arena_strndup(f->arena, f->data + a.start, a.end - a.start);
            }
        }
        const char *vars[] = {"name", name, "detail", detail, NULL};
        e.vars = vars;
        mm_emit_finding(f, rule, &e);
    }
}
