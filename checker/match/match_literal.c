/* match_literal.c: the `literal` matcher — a string literal (or, with "arrays", a byte-array
 * initializer) given a name that says it is a credential (assigned, initialised, #defined, a
 * struct field, copied into a named buffer).
 *
 *   "match": {
 *     "kind": "literal",
 *     "names": "regex over the normalised name (wifi_config.sta.password -> its last part)",
 *     "names_exclude": "regex of names that are about a credential, not one (password_prompt)",
 *     "context_exclude": "regex over the whole normalised name (test_vectors_key)",
 *     "contexts": ["define", "init", "assign", "field", "copy"],
 *     "copy_calls": ["strcpy", "strncpy", "strlcpy", "memcpy"],
 *     "arrays": true,                (also `uint8_t key[16] = {0x2b, ...}`)
 *     "key": {"sizes": [16, 32], "text_names": "regex", "shapes": ["der", "pem"]},
 *                                    (the value must be key material of these shapes)
 *     "value": { value filter: min_length, placeholders, exclude, allow, allow_sha256 ... },
 *     "detail": "text for {detail}",
 *     "compared": true,              (the file compares the literal's variable with input)
 *     "variants": [ {names, names_exclude, key, value, detail}, ... ],
 *     "trigger": "prefilter regex (required: the names alone are too common to prefilter on)"
 *   }
 *
 * With "variants", each variant is a case of its own (names, value filter, key test, detail)
 * and the first one that holds for a literal makes its finding; the top-level names and value
 * are then not given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "front/clex.h"
#include "base/i18n.h"
#include "match/matchers.h"

const char *const mm_ctx_names[] = {
    [MM_CTX_NONE] = "none",     [MM_CTX_ASSIGN] = "assign", [MM_CTX_INIT] = "init",
    [MM_CTX_RETURN] = "return", [MM_CTX_ARG] = "arg",       [MM_CTX_DEFINE] = "define",
    [MM_CTX_FIELD] = "field",   [MM_CTX_COPY] = "copy",
};

enum { MAX_KEY_SIZES = 16 };

typedef struct lit_case {
    mm_regex *names, *names_exclude;
    mm_regex *context_exclude;       /* over the whole normalised name: test_vectors[0].key */
    mm_valfilter vf;
    bool key;                        /* the value must be key material */
    unsigned sizes[MAX_KEY_SIZES + 1]; /* 0-terminated; empty: the default sizes */
    mm_regex *text_names;            /* names for which printable text is the key itself */
    unsigned shapes;                 /* bit per mm_key_shape that counts; 0: every shape */
    bool compared;                   /* the file compares the literal's variable with something:
                                        it is the password the device checks, not one it sends */
    char *detail;
} lit_case;

typedef struct literal_match {
    unsigned contexts; /* bit per mm_ctx_kind */
    bool arrays;
    lit_case *cases;
    size_t ncases;
} literal_match;

static void case_free(lit_case *c)
{
    mm_regex_free(c->names);
    mm_regex_free(c->names_exclude);
    mm_regex_free(c->context_exclude);
    mm_regex_free(c->text_names);
    mm_valfilter_free(&c->vf);
    free(c->detail);
}

void mm_match_literal_free(void *m)
{
    literal_match *lm = m;
    for (size_t i = 0; i < lm->ncases; i++)
        case_free(&lm->cases[i]);
    free(lm->cases);
    free(lm);
}

static int compile_key(mm_compile_ctx *cx, const cJSON *key, lit_case *c)
{
    if (!key)
        return 0;
    if (!cJSON_IsObject(key))
        return mm_json_err(cx->doc, key, cx->err,
                           "\"key\" is an object: {\"sizes\": [16, 32], \"text_names\": \"...\"}");
    static const char *const keys[] = {"sizes", "text_names", "shapes", NULL};
    if (mm_json_only_keys(cx->doc, key, keys, "key test", cx->err) < 0)
        return -1;
    c->key = true;
    const char **shapes = NULL;
    size_t nshapes = 0;
    if (mm_json_get_strs(cx->doc, key, "shapes", &shapes, &nshapes, cx->err) < 0)
        return -1;
    for (size_t i = 0; i < nshapes; i++) {
        unsigned bit = 0;
        for (int k = MM_KEY_HEX; k <= MM_KEY_PEM; k++) {
            if (!strcasecmp(shapes[i], mm_key_shape_name((mm_key_shape)k)))
                bit = 1u << k;
        }
        if (!bit) {
            int rc = mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(key, "shapes"),
                                 cx->err,
                                 "unknown key shape \"%s\" (hex, base64, binary, text, der, pem)",
                                 shapes[i]);
            free(shapes);
            return rc;
        }
        c->shapes |= bit;
    }
    free(shapes);
    const cJSON *sizes = cJSON_GetObjectItemCaseSensitive(key, "sizes");
    if (sizes) {
        if (!cJSON_IsArray(sizes) || !sizes->child ||
            cJSON_GetArraySize(sizes) > MAX_KEY_SIZES)
            return mm_json_err(cx->doc, sizes, cx->err,
                               "\"sizes\" lists 1 to %d key sizes in bytes", MAX_KEY_SIZES);
        size_t i = 0;
        for (const cJSON *s = sizes->child; s; s = s->next) {
            if (!cJSON_IsNumber(s) || s->valuedouble < 1 || s->valuedouble > 16384 ||
                s->valuedouble != (double)(unsigned)s->valuedouble)
                return mm_json_err(cx->doc, s, cx->err,
                                   "a key size is a whole number of bytes from 1 to 16384");
            c->sizes[i++] = (unsigned)s->valuedouble;
        }
    }
    return mm_json_regex(cx, key, "text_names", false, &c->text_names);
}

/* One case: names, names_exclude, key, value, detail of obj. */
static int compile_case(mm_compile_ctx *cx, const cJSON *obj, lit_case *c)
{
    c->vf.key_material = -1;
    if (mm_json_regex(cx, obj, "names", false, &c->names) < 0 ||
        mm_json_regex(cx, obj, "names_exclude", false, &c->names_exclude) < 0 ||
        mm_json_regex(cx, obj, "context_exclude", false, &c->context_exclude) < 0)
        return -1;
    if (!c->names)
        return mm_json_err(cx->doc, obj, cx->err, "literal matcher needs \"names\"");
    if (mm_valfilter_compile(cx, cJSON_GetObjectItemCaseSensitive(obj, "value"), &c->vf) < 0)
        return -1;
    if (compile_key(cx, cJSON_GetObjectItemCaseSensitive(obj, "key"), c) < 0)
        return -1;
    const char *detail = NULL;
    if (mm_json_get_str(cx->doc, obj, "detail", &detail, cx->err) < 0 ||
        mm_json_get_bool(cx->doc, obj, "compared", &c->compared, cx->err) < 0)
        return -1;
    if (detail)
        c->detail = mm_xstrdup(detail);
    return 0;
}

int mm_match_literal_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind",     "names",      "names_exclude",
                                       "context_exclude", "contexts", "copy_calls",
                                       "value",    "trigger",    "arrays",
                                       "key",      "detail",     "variants",
                                       "compared", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "literal matcher", cx->err) < 0)
        return -1;
    literal_match *lm = mm_xcalloc(1, sizeof *lm);
    cx->rule->match = lm;
    const cJSON *variants = cJSON_GetObjectItemCaseSensitive(match, "variants");
    if (variants) {
        static const char *const top[] = {"names", "names_exclude", "context_exclude", "value",
                                          "key",   "detail",        "compared",        NULL};
        for (const char *const *k = top; *k; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(match, *k);
            if (v)
                return mm_json_err(cx->doc, v, cx->err,
                                   "\"%s\" goes inside each of \"variants\"", *k);
        }
        if (!cJSON_IsArray(variants) || !variants->child)
            return mm_json_err(cx->doc, variants, cx->err,
                               "\"variants\" is a non-empty list of cases");
        lm->ncases = (size_t)cJSON_GetArraySize(variants);
        lm->cases = mm_xcalloc(lm->ncases, sizeof *lm->cases);
        size_t i = 0;
        for (const cJSON *v = variants->child; v; v = v->next, i++) {
            lit_case *c = &lm->cases[i];
            c->vf.key_material = -1;
            if (!cJSON_IsObject(v))
                return mm_json_err(cx->doc, v, cx->err,
                                   "a variant is an object: {\"names\": ..., \"value\": ...}");
            static const char *const vkeys[] = {"names", "names_exclude", "context_exclude",
                                                "value", "key",           "detail",
                                                "compared", NULL};
            if (mm_json_only_keys(cx->doc, v, vkeys, "literal variant", cx->err) < 0 ||
                compile_case(cx, v, c) < 0)
                return -1;
        }
    } else {
        lm->ncases = 1;
        lm->cases = mm_xcalloc(1, sizeof *lm->cases);
        if (compile_case(cx, match, &lm->cases[0]) < 0)
            return -1;
    }
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
    if (mm_json_get_bool(cx->doc, match, "arrays", &lm->arrays, cx->err) < 0)
        return -1;
    cx->rule->byte_arrays = lm->arrays;
    if (mm_json_copy_strs(cx->doc, match, "copy_calls", &cx->rule->copy_calls, cx->err) < 0)
        return -1;
    cx->rule->statement_local = true; /* a literal and where it goes: one statement */
    cx->rule->statement_local_alone = true;
    int nt = mm_json_triggers(cx, match, "trigger", true);
    if (nt < 0)
        return -1;
    if (nt == 0)
        return mm_json_err(cx->doc, match, cx->err,
                           "literal matcher needs a \"trigger\" regex for the prefilter");
    return 0;
}

static bool tok_eq(const mm_clex *x, const mm_ctok *t, const char *s)
{
    size_t n = strlen(s);
    return t->len == n && !memcmp(x->src + t->start, s, n);
}

/* Does the file compare `name` with something: `name == x`, `x != name`, `strcmp(x, name)`,
 * `name.equals(x)`, `x.equalsIgnoreCase(name)`? A password the code checks input against is
 * the device's own login, not one it sends to a network or broker. */
static bool compared_in_file(mm_file *f, const char *name)
{
    if (!name || !*name)
        return false;
    const mm_clex *x = mm_clex_get(f);
    if (!x || !mm_clex_mentions(x, name))
        return false;
    static const char *const cmp_calls[] = {"strcmp", "strncmp", "strcasecmp", "strncasecmp",
                                            "memcmp", "equals", "equalsIgnoreCase", "compareTo",
                                            "compare", "startsWith", NULL};
    for (uint32_t i = 0; i < x->n; i++) {
        const mm_ctok *t = &x->toks[i];
        if (t->kind != 'i' || !tok_eq(x, t, name))
            continue;
        if ((i + 1 < x->n && (tok_eq(x, &t[1], "==") || tok_eq(x, &t[1], "!="))) ||
            (i > 0 && (tok_eq(x, &t[-1], "==") || tok_eq(x, &t[-1], "!="))))
            return true;
        if (i + 2 < x->n && tok_eq(x, &t[1], ".")) {
            for (const char *const *c = cmp_calls; *c; c++) {
                if (tok_eq(x, &t[2], *c))
                    return true;
            }
        }
        /* an argument of a comparison call: back to the unmatched '(' and the name before it */
        int depth = 0;
        for (uint32_t k = i, steps = 0; k-- > 0 && steps < 64; steps++) {
            const mm_ctok *u = &x->toks[k];
            if (u->kind != 'p')
                continue;
            if (tok_eq(x, u, ")"))
                depth++;
            else if (tok_eq(x, u, "(") && depth-- == 0) {
                if (k > 0 && x->toks[k - 1].kind == 'i') {
                    for (const char *const *c = cmp_calls; *c; c++) {
                        if (tok_eq(x, &x->toks[k - 1], *c))
                            return true;
                    }
                }
                break;
            } else if (tok_eq(x, u, ";") || tok_eq(x, u, "{") || tok_eq(x, u, "}")) {
                break;
            }
        }
    }
    return false;
}

/* Does case c hold for the literal s (its name normalised in norm, the whole name in full)?
 * Fills the key's detail. */
static bool case_holds(mm_file *f, const lit_case *c, const mm_strlit *s, const char *norm,
                       const char *full, char *kd, size_t kdcap)
{
    size_t nl = strlen(norm);
    if (!mm_regex_test(c->names, norm, nl))
        return false;
    /* names about a credential rather than holding one: PASSWORD_PROMPT, pwd_hint */
    if (c->names_exclude && mm_regex_test(c->names_exclude, norm, nl))
        return false;
    if (c->context_exclude && mm_regex_test(c->context_exclude, full, strlen(full)))
        return false;
    if (!mm_valfilter_pass(&c->vf, s->value, s->len))
        return false;
    if (c->compared && (s->ctx == MM_CTX_COPY || s->ctx == MM_CTX_FIELD ||
                        !compared_in_file(f, s->leaf)))
        return false;
    kd[0] = 0;
    if (!c->key)
        return true;
    bool text = c->text_names && mm_regex_test(c->text_names, norm, nl);
    size_t bytes;
    mm_key_shape shape =
        mm_key_material(s->value, s->len, c->sizes[0] ? c->sizes : NULL, text, &bytes);
    if (c->shapes && !(c->shapes & (1u << shape)))
        return false;
    if (shape == MM_KEY_PEM && !s->bytes)
        return false; /* PEM text in strings is the pattern rules' (cred-private-key-pem) */
    switch (shape) {
    case MM_KEY_NONE:
        return false;
    case MM_KEY_DER:
    case MM_KEY_PEM:
        snprintf(kd, kdcap, _("a %s private key of %zu bytes"), mm_key_shape_name(shape), bytes);
        break;
    case MM_KEY_BINARY:
        snprintf(kd, kdcap, s->bytes ? _("a %zu-byte array") : _("%zu binary bytes"), bytes);
        break;
    case MM_KEY_TEXT:
        snprintf(kd, kdcap, _("%zu characters used as the key bytes"), bytes);
        break;
    default:
        snprintf(kd, kdcap, _("%zu bytes as %s"), bytes, mm_key_shape_name(shape));
        break;
    }
    return true;
}

void mm_match_literal_run(const mm_rule *rule, mm_file *f)
{
    const literal_match *lm = rule->match;
    for (uint32_t i = 0; i < f->cf->nstrs; i++) {
        const mm_strlit *s = &f->cf->strs[i];
        if (!(lm->contexts & (1u << s->ctx)) || !s->exact || !s->leaf)
            continue;
        if (s->bytes && !lm->arrays)
            continue;
        char norm[256], full[256];
        mm_name_norm(norm, sizeof norm, s->leaf);
        mm_name_norm(full, sizeof full, s->name ? s->name : s->leaf);
        char kd[96];
        const lit_case *hit = NULL;
        for (size_t k = 0; k < lm->ncases && !hit; k++) {
            if (case_holds(f, &lm->cases[k], s, norm, full, kd, sizeof kd))
                hit = &lm->cases[k];
        }
        if (!hit)
            continue;
        char detail[192];
        if (hit->detail && kd[0])
            snprintf(detail, sizeof detail, _("%s, %s"), kd, mm_rtr(hit->detail));
        else
            snprintf(detail, sizeof detail, "%s", hit->detail ? hit->detail : kd);
        /* the case's own text alone is the rule's (translated when shown, never redacted) */
        const char *vars[] = {"name", s->name ? s->name : s->leaf,
                              hit->detail && !kd[0] ? "=detail" : "detail",
                              hit->detail && !kd[0] ? hit->detail : detail, NULL};
        mm_emit e = {0};
        e.start = s->span.start;
        e.end = s->span.end;
        e.vars = vars;
        e.secret = s->value;
        e.secret_len = s->len;
        if (s->bytes) {
            /* a byte array: the initializer between its braces is the secret */
            uint32_t a = s->span.start, b = s->span.end;
            if (a < b && f->data[a] == '{')
                a++;
            if (b > a && f->data[b - 1] == '}')
                b--;
            e.secret_start = a;
            e.secret_end = b;
        } else {
            /* redact from the first opening quote to the last closing one */
            uint32_t a = s->span.start, b = s->span.end;
            while (a < b && f->data[a] != '"')
                a++;
            while (b > a && f->data[b - 1] != '"')
                b--;
            e.secret_start = a < b ? a + 1 : s->span.start;
            e.secret_end = b > a + 1 ? b - 1 : s->span.end;
        }
        mm_emit_finding(f, rule, &e);
    }
}
