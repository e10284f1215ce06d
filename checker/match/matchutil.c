/* matchutil.c: what the matcher kinds share — PCRE2 regular expressions, context-name
 * normalisation, and value filters that tell a real value from a placeholder. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/matchers.h"

/* --- regular expressions ----------------------------------------------------------------------- */

struct mm_regex {
    pcre2_code *code;
};

mm_regex *mm_regex_compile(const char *pattern, bool caseless, char *errbuf, size_t errlen)
{
    int ec;
    PCRE2_SIZE eoff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                     caseless ? PCRE2_CASELESS : 0, &ec, &eoff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        snprintf(errbuf, errlen, "%s at offset %zu", (const char *)msg, (size_t)eoff);
        return NULL;
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if absent */
    mm_regex *re = mm_xmalloc(sizeof *re);
    re->code = code;
    return re;
}

bool mm_regex_find(const mm_regex *re, const char *s, size_t len, size_t start, size_t *ov,
                   int nov)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, 0, md, NULL);
    if (rc < 0) {
        pcre2_match_data_free(md);
        return false;
    }
    PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
    uint32_t pairs = pcre2_get_ovector_count(md);
    for (int i = 0; i < nov; i++) {
        if ((uint32_t)i < pairs && i < rc && v[2 * i] != PCRE2_UNSET) {
            ov[2 * i] = v[2 * i];
            ov[2 * i + 1] = v[2 * i + 1];
        } else {
            ov[2 * i] = ov[2 * i + 1] = SIZE_MAX;
        }
    }
    pcre2_match_data_free(md);
    return true;
}

bool mm_regex_test(const mm_regex *re, const char *s, size_t len)
{
    size_t ov[2];
    return mm_regex_find(re, s, len, 0, ov, 1);
}

void mm_regex_free(mm_regex *re)
{
    if (!re)
        return;
    pcre2_code_free(re->code);
    free(re);
}

/* A list of regular expressions: an empty list, or an empty one, would match everything. */
static int get_regexes(mm_compile_ctx *cx, const cJSON *obj, const char *key, const char ***items,
                       size_t *n)
{
    if (mm_json_get_strs(cx->doc, obj, key, items, n, cx->err) < 0)
        return -1;
    if (!*items)
        return 0;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    bool empty = *n == 0;
    for (size_t i = 0; i < *n; i++)
        empty |= !(*items)[i][0];
    if (!empty)
        return 0;
    free(*items);
    *items = NULL;
    return mm_json_err(cx->doc, v, cx->err,
                       "\"%s\" needs regular expressions, and none empty (that matches everything)",
                       key);
}

int mm_json_triggers(mm_compile_ctx *cx, const cJSON *obj, const char *key, bool caseless)
{
    const char **items = NULL;
    size_t n = 0;
    if (get_regexes(cx, obj, key, &items, &n) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        mm_rule_add_trigger(cx->rule, items[i], caseless);
    free(items);
    return (int)n;
}

int mm_json_line_triggers(mm_compile_ctx *cx, const cJSON *match, const char *missing)
{
    int nt = mm_json_triggers(cx, match, "trigger", false);
    if (nt < 0)
        return -1;
    if (!nt && !cx->rule->files.n)
        return mm_json_err(cx->doc, match, cx->err, "%s", missing);
    return 0;
}

void mm_emit_named(mm_file *f, const mm_rule *rule, mm_span at, const char *name,
                   const char *detail)
{
    mm_emit e = {0};
    e.start = at.start;
    e.end = at.end;
    const char *vars[] = {"name", name, "detail", detail, NULL};
    e.vars = vars;
    mm_emit_finding(f, rule, &e);
}

int mm_json_regex(mm_compile_ctx *cx, const cJSON *obj, const char *key, bool caseless,
                  mm_regex **out)
{
    const char **items = NULL;
    size_t n = 0;
    if (get_regexes(cx, obj, key, &items, &n) < 0)
        return -1;
    if (!items)
        return 0;
    if (!n) {
        free(items); /* an empty list means no regex, not one that matches everything */
        return 0;
    }
    mm_buf b = {0};
    for (size_t i = 0; i < n; i++)
        mm_buf_printf(&b, "%s(?:%s)", i ? "|" : "", items[i]);
    free(items);
    char msg[300];
    *out = mm_regex_compile(mm_buf_cstr(&b), caseless, msg, sizeof msg);
    mm_buf_free(&b);
    if (!*out)
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(obj, key), cx->err,
                           "invalid regular expression in \"%s\": %s", key, msg);
    return 0;
}

/* --- names ------------------------------------------------------------------------------------- */

void mm_name_norm(char *out, size_t cap, const char *in)
{
    size_t k = 0;
    bool sep = false;
    for (size_t i = 0; in[i] && k + 2 < cap; i++) {
        unsigned char c = (unsigned char)in[i];
        if (!isalnum(c)) {
            sep = k > 0;
            continue;
        }
        bool upper = isupper(c);
        if (upper && i > 0 && k > 0 && out[k - 1] != '_') {
            unsigned char p = (unsigned char)in[i - 1];
            unsigned char nx = (unsigned char)in[i + 1];
            /* fooBar -> foo_bar; HTTPServer -> http_server; keep ALLCAPS runs together */
            if (islower(p) || isdigit(p) || (isupper(p) && islower(nx)))
                sep = true;
        }
        if (sep && k > 0 && out[k - 1] != '_')
            out[k++] = '_';
        sep = false;
        out[k++] = (char)tolower(c);
    }
    out[k] = 0;
}

/* --- value filters ------------------------------------------------------------------------------- */

int mm_valfilter_compile(mm_compile_ctx *cx, const cJSON *obj, mm_valfilter *vf)
{
    memset(vf, 0, sizeof *vf);
    vf->max_len = 1e9;
    if (!obj)
        return 0;
    if (!cJSON_IsObject(obj))
        return mm_json_err(cx->doc, obj, cx->err, "\"value\" must be an object");
    static const char *const keys[] = {"min_length", "max_length", "min_entropy", "placeholders",
                                       "exclude", "require", "allow", "allow_sha256", NULL};
    if (mm_json_only_keys(cx->doc, obj, keys, "value filter", cx->err) < 0)
        return -1;
    if (mm_json_get_num(cx->doc, obj, "min_length", &vf->min_len, cx->err) < 0 ||
        mm_json_get_num(cx->doc, obj, "max_length", &vf->max_len, cx->err) < 0 ||
        mm_json_get_num(cx->doc, obj, "min_entropy", &vf->min_entropy, cx->err) < 0)
        return -1;
    if (mm_json_regex(cx, obj, "placeholders", true, &vf->placeholder) < 0 ||
        mm_json_regex(cx, obj, "exclude", false, &vf->exclude) < 0 ||
        mm_json_regex(cx, obj, "require", false, &vf->require) < 0)
        return -1;
    if (mm_json_copy_strs(cx->doc, obj, "allow", &vf->allow, cx->err) < 0)
        return -1;
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(cx->doc, obj, "allow_sha256", &items, &n, cx->err) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(items[i]);
        bool hex = l == 64;
        for (size_t k = 0; k < l && hex; k++)
            hex = isxdigit((unsigned char)items[i][k]) && !isupper((unsigned char)items[i][k]);
        if (!hex) {
            free(items);
            return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(obj, "allow_sha256"),
                               cx->err, "allow_sha256 holds lower-case SHA-256 hex digests");
        }
        mm_vec_push(&vf->allow_sha256, mm_xstrdup(items[i]));
    }
    free(items);
    return 0;
}

bool mm_valfilter_pass(const mm_valfilter *vf, const char *v, size_t n)
{
    if ((double)n < vf->min_len || (double)n > vf->max_len)
        return false;
    if (vf->min_entropy > 0 && mm_entropy(v, n) < vf->min_entropy)
        return false;
    for (size_t i = 0; i < vf->allow.n; i++) {
        if (strlen(vf->allow.v[i]) == n && !memcmp(vf->allow.v[i], v, n))
            return false;
    }
    if (vf->allow_sha256.n) {
        char sha[65];
        mm_sha256_hex(v, n, sha);
        for (size_t i = 0; i < vf->allow_sha256.n; i++) {
            if (!strcmp(vf->allow_sha256.v[i], sha))
                return false;
        }
    }
    if (vf->placeholder && mm_regex_test(vf->placeholder, v, n))
        return false;
    if (vf->exclude && mm_regex_test(vf->exclude, v, n))
        return false;
    if (vf->require && !mm_regex_test(vf->require, v, n))
        return false;
    return true;
}

void mm_valfilter_free(mm_valfilter *vf)
{
    mm_regex_free(vf->placeholder);
    mm_regex_free(vf->exclude);
    mm_regex_free(vf->require);
    for (size_t i = 0; i < vf->allow.n; i++)
        free(vf->allow.v[i]);
    mm_vec_free(&vf->allow);
    for (size_t i = 0; i < vf->allow_sha256.n; i++)
        free(vf->allow_sha256.v[i]);
    mm_vec_free(&vf->allow_sha256);
}
