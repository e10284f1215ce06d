/* matchutil.c: what the matcher kinds share — PCRE2 regular expressions, context-name
 * normalisation, and value filters that tell a real value from a placeholder. */
#define _GNU_SOURCE
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

/* --- key material ----------------------------------------------------------------------------- */

static const unsigned default_key_sizes[] = {16, 24, 32, 48, 64, 0};

const char *mm_key_shape_name(mm_key_shape s)
{
    static const char *const names[] = {"none", "hex", "base64", "binary", "text", "DER", "PEM"};
    return (unsigned)s < MM_ARRAY_LEN(names) ? names[s] : "none";
}

/* A run of hex pairs, optionally split by one ':' or blank between pairs; 0x prefix allowed. */
static bool decode_hex(const char *v, size_t n, mm_buf *out)
{
    size_t i = 0;
    if (n > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X'))
        i = 2;
    char sep = 0;
    while (i < n) {
        int h = mm_hex_value(v[i]), l = i + 1 < n ? mm_hex_value(v[i + 1]) : -1;
        if (h < 0 || l < 0)
            return false;
        mm_buf_putc(out, (char)(h << 4 | l));
        i += 2;
        if (i < n && (v[i] == ':' || v[i] == ' ' || v[i] == '-')) {
            if (sep && v[i] != sep)
                return false;
            sep = v[i++];
            if (i == n)
                return false;
        } else if (i < n && sep) {
            return false; /* separated pairs stay separated */
        }
    }
    return out->len > 0;
}

static int b64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

/* Standard or URL-safe base64; it must look encoded: padding, or a '+' or '/' in it (an
 * alphanumeric token is text: a name, an API token, a word). */
static bool decode_base64(const char *v, size_t n, mm_buf *out)
{
    size_t pad = 0;
    while (n && v[n - 1] == '=') {
        n--;
        pad++;
    }
    if (n < 16 || pad > 2 || (pad && (n + pad) % 4) || n % 4 == 1)
        return false;
    bool marks = pad > 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int x = b64_value(v[i]);
        if (x < 0)
            return false;
        marks |= v[i] == '+' || v[i] == '/';
        acc = acc << 6 | (uint32_t)x;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            mm_buf_putc(out, (char)(acc >> bits & 0xff));
        }
    }
    return marks;
}

static bool size_ok(const unsigned *sizes, size_t n)
{
    for (const unsigned *s = sizes ? sizes : default_key_sizes; *s; s++) {
        if (*s == n)
            return true;
    }
    return false;
}

/* One byte in most places, a counting sequence, a short period, or few distinct bytes: a
 * placeholder or a test pattern, not a key. */
static bool trivial_bytes(const unsigned char *b, size_t n)
{
    unsigned count[256] = {0};
    unsigned distinct = 0, most = 0;
    for (size_t i = 0; i < n; i++) {
        if (!count[b[i]]++)
            distinct++;
        if (count[b[i]] > most)
            most = count[b[i]];
    }
    if (most * 2 > n || distinct * 3 < n)
        return true;
    bool step = true;
    for (size_t i = 2; i < n && step; i++)
        step = (unsigned char)(b[i] - b[i - 1]) == (unsigned char)(b[1] - b[0]);
    if (step)
        return true;
    for (size_t p = 1; p <= 4; p++) {
        bool periodic = true;
        for (size_t i = p; i < n && periodic; i++)
            periodic = b[i] == b[i - p];
        if (periodic)
            return true;
    }
    return false;
}

mm_key_shape mm_key_material(const char *v, size_t n, const unsigned *sizes, bool text,
                             size_t *bytes)
{
    *bytes = 0;
    if (n >= 32 && mm_der_is_private_key((const uint8_t *)v, n)) {
        *bytes = n;
        return MM_KEY_DER;
    }
    static const char pem[] = "PRIVATE KEY-----";
    const char *m = n >= 64 ? memmem(v, n, pem, sizeof pem - 1) : NULL;
    if (m) {
        mm_buf body = {0};
        size_t end;
        bool ok = mm_pem_body(v, n, (size_t)(m - v) + sizeof pem - 1, &end, &body) &&
                  body.len >= 64;
        mm_buf_free(&body);
        if (ok) {
            *bytes = n;
            return MM_KEY_PEM;
        }
    }
    bool binary = false;
    for (size_t i = 0; i < n && !binary; i++)
        binary = (unsigned char)v[i] < 0x20 || (unsigned char)v[i] >= 0x7f;
    bool printable = !binary;
    /* the first reading that gives a key of a listed size that is no trivial pattern */
    mm_buf dec = {0};
    mm_key_shape shape = MM_KEY_NONE;
    for (int k = 0; k < 4 && !shape; k++) {
        dec.len = 0;
        mm_key_shape s = MM_KEY_NONE;
        if (k == 0 && binary) {
            mm_buf_put(&dec, v, n);
            s = MM_KEY_BINARY;
        } else if (k == 1 && !binary && decode_hex(v, n, &dec)) {
            s = MM_KEY_HEX;
        } else if (k == 2 && !binary && decode_base64(v, n, &dec)) {
            s = MM_KEY_BASE64;
        } else if (k == 3 && text && printable) {
            mm_buf_put(&dec, v, n);
            s = MM_KEY_TEXT;
        }
        if (s && size_ok(sizes, dec.len) &&
            !trivial_bytes((const unsigned char *)dec.data, dec.len))
            shape = s;
    }
    if (shape)
        *bytes = dec.len;
    mm_buf_free(&dec);
    return shape;
}

/* --- value filters ------------------------------------------------------------------------------ */

static int valfilter_compile(mm_compile_ctx *cx, const cJSON *obj, mm_valfilter *vf);

/* On failure the filter is left empty (its partial parts freed), so that a caller which frees
 * it, or does not, neither leaks nor frees twice. */
int mm_valfilter_compile(mm_compile_ctx *cx, const cJSON *obj, mm_valfilter *vf)
{
    memset(vf, 0, sizeof *vf);
    if (valfilter_compile(cx, obj, vf) == 0)
        return 0;
    mm_valfilter_free(vf);
    memset(vf, 0, sizeof *vf);
    return -1;
}

static int valfilter_compile(mm_compile_ctx *cx, const cJSON *obj, mm_valfilter *vf)
{
    vf->max_len = 1e9;
    vf->key_material = -1;
    if (!obj)
        return 0;
    if (!cJSON_IsObject(obj))
        return mm_json_err(cx->doc, obj, cx->err, "\"value\" must be an object");
    static const char *const keys[] = {"min_length", "max_length", "min_entropy", "placeholders",
                                       "exclude", "require", "allow", "allow_sha256",
                                       "key_material", NULL};
    if (mm_json_only_keys(cx->doc, obj, keys, "value filter", cx->err) < 0)
        return -1;
    const cJSON *km = cJSON_GetObjectItemCaseSensitive(obj, "key_material");
    if (km) {
        if (!cJSON_IsBool(km))
            return mm_json_err(cx->doc, km, cx->err, "\"key_material\" is true or false");
        vf->key_material = cJSON_IsTrue(km);
    }
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
    if (vf->key_material >= 0) {
        size_t bytes;
        bool key = mm_key_material(v, n, NULL, false, &bytes) != MM_KEY_NONE;
        if (key != (vf->key_material == 1))
            return false;
    }
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
