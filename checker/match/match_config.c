/* match_config.c: the `config` matcher — conditions over the entries of a Kconfig-style
 * configuration (kconfig.c): a key set, explicitly unset, absent so that its Kconfig default
 * applies, or holding a value; and all/any/not combinations of those.
 *
 *   "match": {
 *     "kind": "config",
 *     "families": ["esp-idf"],                 (optional: which configuration families)
 *     "when": {"all": [
 *       {"key": "CONFIG_SECURE_BOOT", "is": "unset", "default": "n"},
 *       {"key": "CONFIG_SECURE_FLASH_ENC_ENABLED", "aliases": ["CONFIG_FLASH_ENCRYPTION_ENABLED"],
 *        "is": "unset", "default": "n"}
 *     ]},
 *     "at": ["CONFIG_SECURE_BOOT"]             (optional: where to report, if present)
 *   }
 *
 * Three-valued: in a partial fragment (overlay-*.conf, boards/<board>.conf) a key it does not
 * mention is unknown, never "absent", and a condition that depends on it does not hold. A
 * top-level {"key_regex": ...} condition reports each matching entry on its own. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "front/kclang.h"
#include "base/i18n.h"
#include "front/kconfig.h"
#include "match/matchers.h"

typedef enum { C_LEAF, C_ALL, C_ANY, C_NOT, C_FAMILY, C_PATH } cnode_kind;
typedef enum { IS_SET, IS_UNSET, IS_ABSENT, IS_PRESENT } is_kind;
typedef enum { R_FALSE, R_TRUE, R_UNKNOWN } tri;

typedef struct cnode {
    cnode_kind kind;
    struct cnode *kids;
    size_t nkids;
    /* leaf */
    MM_VEC(char *) keys; /* the key, then its aliases (older or newer names) */
    mm_regex *key_re;
    is_kind is;
    char *dflt;          /* Kconfig default when absent from a complete configuration */
    MM_VEC(char *) equals;
    mm_regex *regex;
    bool has_min, has_max;
    long long min, max;
    bool has_vf;
    mm_valfilter vf;
    int in_tree;         /* -1: not asked; 1: the value names a scanned file; 0: it does not */
    bool secret;
    bool string;         /* the value is a Kconfig string ("text"), not y/n/m or a number */
    /* C_FAMILY: bit per mm_kc_family; C_PATH: globs of the file's path */
    unsigned families;
    MM_VEC(char *) globs;
} cnode;

typedef struct config_match {
    cnode root;
    unsigned families;   /* bit per mm_kc_family; 0 = every family */
    MM_VEC(char *) at;
    char *consumers;     /* "esp_https_ota, esp_https_ota_begin" for the message, or NULL */
    char *consumer_fact; /* "consumer:<rule id>" */
} config_match;

/* --- compile ---------------------------------------------------------------------------------- */

static void node_free(cnode *n)
{
    for (size_t i = 0; i < n->nkids; i++)
        node_free(&n->kids[i]);
    free(n->kids);
    for (size_t i = 0; i < n->keys.n; i++)
        free(n->keys.v[i]);
    mm_vec_free(&n->keys);
    for (size_t i = 0; i < n->equals.n; i++)
        free(n->equals.v[i]);
    mm_vec_free(&n->equals);
    for (size_t i = 0; i < n->globs.n; i++)
        free(n->globs.v[i]);
    mm_vec_free(&n->globs);
    mm_regex_free(n->key_re);
    mm_regex_free(n->regex);
    if (n->has_vf)
        mm_valfilter_free(&n->vf);
    free(n->dflt);
}

void mm_match_config_free(void *m)
{
    config_match *cm = m;
    node_free(&cm->root);
    for (size_t i = 0; i < cm->at.n; i++)
        free(cm->at.v[i]);
    mm_vec_free(&cm->at);
    free(cm->consumers);
    free(cm->consumer_fact);
    free(cm);
}

static bool valid_key(const char *k)
{
    if (!((*k >= 'A' && *k <= 'Z') || (*k >= 'a' && *k <= 'z') || *k == '_'))
        return false;
    for (; *k; k++) {
        if (!((*k >= 'A' && *k <= 'Z') || (*k >= 'a' && *k <= 'z') || *k == '_' ||
              (*k >= '0' && *k <= '9')))
            return false;
    }
    return true;
}

static int add_keys(mm_compile_ctx *cx, const cJSON *obj, const char *field, cnode *n)
{
    const char **items = NULL;
    size_t cnt = 0;
    if (mm_json_get_strs(cx->doc, obj, field, &items, &cnt, cx->err) < 0)
        return -1;
    for (size_t i = 0; i < cnt; i++) {
        if (!valid_key(items[i])) {
            int rc = mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(obj, field), cx->err,
                                 "\"%s\" is not a Kconfig symbol (letters, digits, '_')",
                                 items[i]);
            free(items);
            return rc;
        }
        mm_vec_push(&n->keys, mm_xstrdup(items[i]));
    }
    free(items);
    return 0;
}

static int get_int(mm_compile_ctx *cx, const cJSON *obj, const char *field, bool *has,
                   long long *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!v)
        return 0;
    if (!cJSON_IsNumber(v) || v->valuedouble != (double)(long long)v->valuedouble ||
        v->valuedouble > 9e15 || v->valuedouble < -9e15)
        return mm_json_err(cx->doc, v, cx->err, "\"%s\" must be an integer", field);
    *has = true;
    *out = (long long)v->valuedouble;
    return 0;
}

static int compile_node(mm_compile_ctx *cx, const cJSON *obj, cnode *n, int depth);

static int parse_families(mm_compile_ctx *cx, const cJSON *obj, const char *field,
                          unsigned *out)
{
    const char **items = NULL;
    size_t n = 0;
    if (mm_json_get_strs(cx->doc, obj, field, &items, &n, cx->err) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        mm_kc_family fam;
        if (mm_kc_family_parse(items[i], &fam) < 0) {
            mm_buf names = {0};
            for (int k = 0; k < MM_KC__COUNT; k++)
                mm_buf_printf(&names, "%s%s", k ? ", " : "", mm_kc_family_names[k]);
            int rc = mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(obj, field), cx->err,
                                 "unknown configuration family \"%s\" (one of: %s)", items[i],
                                 names.data);
            mm_buf_free(&names);
            free(items);
            return rc;
        }
        *out |= 1u << fam;
    }
    free(items);
    return 0;
}

static int compile_list(mm_compile_ctx *cx, const cJSON *list, cnode *n, int depth)
{
    if (!cJSON_IsArray(list) || !list->child)
        return mm_json_err(cx->doc, list, cx->err,
                           "\"all\" and \"any\" take a non-empty list of conditions");
    n->nkids = (size_t)cJSON_GetArraySize(list);
    n->kids = mm_xcalloc(n->nkids, sizeof *n->kids);
    size_t i = 0;
    for (const cJSON *c = list->child; c; c = c->next, i++) {
        if (compile_node(cx, c, &n->kids[i], depth + 1) < 0)
            return -1;
    }
    return 0;
}

static int compile_node(mm_compile_ctx *cx, const cJSON *obj, cnode *n, int depth)
{
    n->in_tree = -1;
    if (depth > 16)
        return mm_json_err(cx->doc, obj, cx->err, "conditions nest deeper than 16 levels");
    if (!cJSON_IsObject(obj))
        return mm_json_err(cx->doc, obj, cx->err,
                           "a condition is an object: {\"key\": ...}, {\"all\": [...]}, "
                           "{\"any\": [...]} or {\"not\": {...}}");
    const cJSON *all = cJSON_GetObjectItemCaseSensitive(obj, "all");
    const cJSON *any = cJSON_GetObjectItemCaseSensitive(obj, "any");
    const cJSON *not = cJSON_GetObjectItemCaseSensitive(obj, "not");
    if (all || any || not) {
        if (cJSON_GetArraySize(obj) != 1)
            return mm_json_err(cx->doc, obj, cx->err,
                               "\"all\", \"any\" and \"not\" stand alone in their object");
        if (not) {
            n->kind = C_NOT;
            n->nkids = 1;
            n->kids = mm_xcalloc(1, sizeof *n->kids);
            return compile_node(cx, not, n->kids, depth + 1);
        }
        n->kind = all ? C_ALL : C_ANY;
        return compile_list(cx, all ? all : any, n, depth);
    }
    const cJSON *fam = cJSON_GetObjectItemCaseSensitive(obj, "family");
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(obj, "path");
    if (fam || path) {
        if (cJSON_GetArraySize(obj) != 1)
            return mm_json_err(cx->doc, obj, cx->err,
                               "\"family\" and \"path\" stand alone in their object");
        if (fam) {
            n->kind = C_FAMILY;
            if (parse_families(cx, obj, "family", &n->families) < 0)
                return -1;
            if (!n->families)
                return mm_json_err(cx->doc, fam, cx->err, "\"family\" names a family");
            return 0;
        }
        n->kind = C_PATH;
        int cnt = mm_json_copy_strs(cx->doc, obj, "path", &n->globs, cx->err);
        if (cnt < 0)
            return -1;
        if (!cnt)
            return mm_json_err(cx->doc, path, cx->err, "\"path\" gives globs");
        return 0;
    }
    static const char *const keys[] = {"key", "aliases", "key_regex", "is", "default", "equals",
                                       "regex", "min", "max", "value", "in_tree", "secret",
                                       "string", NULL};
    if (mm_json_only_keys(cx->doc, obj, keys, "config condition", cx->err) < 0)
        return -1;
    n->kind = C_LEAF;
    const char *key = NULL, *is = NULL, *dflt = NULL;
    if (mm_json_get_str(cx->doc, obj, "key", &key, cx->err) < 0 ||
        mm_json_get_str(cx->doc, obj, "is", &is, cx->err) < 0 ||
        mm_json_get_str(cx->doc, obj, "default", &dflt, cx->err) < 0)
        return -1;
    bool has_re = cJSON_GetObjectItemCaseSensitive(obj, "key_regex") != NULL;
    if (!key == !has_re)
        return mm_json_err(cx->doc, obj, cx->err,
                           "a condition names one \"key\" (with optional \"aliases\") or gives "
                           "a \"key_regex\"");
    if (key) {
        if (add_keys(cx, obj, "key", n) < 0 || add_keys(cx, obj, "aliases", n) < 0)
            return -1;
    } else {
        if (cJSON_GetObjectItemCaseSensitive(obj, "aliases"))
            return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(obj, "aliases"),
                               cx->err, "\"aliases\" go with \"key\", not with \"key_regex\"");
        if (mm_json_regex(cx, obj, "key_regex", false, &n->key_re) < 0)
            return -1;
    }
    n->is = IS_SET;
    if (is) {
        if (!strcmp(is, "set"))
            n->is = IS_SET;
        else if (!strcmp(is, "unset"))
            n->is = IS_UNSET;
        else if (!strcmp(is, "absent"))
            n->is = IS_ABSENT;
        else if (!strcmp(is, "present"))
            n->is = IS_PRESENT;
        else
            return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(obj, "is"), cx->err,
                               "\"is\" is \"set\", \"unset\", \"absent\" or \"present\"");
    }
    if (dflt)
        n->dflt = mm_xstrdup(dflt);
    if (mm_json_copy_strs(cx->doc, obj, "equals", &n->equals, cx->err) < 0)
        return -1;
    if (mm_json_regex(cx, obj, "regex", false, &n->regex) < 0 ||
        get_int(cx, obj, "min", &n->has_min, &n->min) < 0 ||
        get_int(cx, obj, "max", &n->has_max, &n->max) < 0 ||
        mm_json_get_bool(cx->doc, obj, "secret", &n->secret, cx->err) < 0 ||
        mm_json_get_bool(cx->doc, obj, "string", &n->string, cx->err) < 0)
        return -1;
    const cJSON *vf = cJSON_GetObjectItemCaseSensitive(obj, "value");
    if (vf) {
        n->has_vf = true;
        if (mm_valfilter_compile(cx, vf, &n->vf) < 0)
            return -1;
    }
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, "in_tree");
    if (it) {
        if (!cJSON_IsBool(it))
            return mm_json_err(cx->doc, it, cx->err, "\"in_tree\" is true or false");
        n->in_tree = cJSON_IsTrue(it);
    }
    bool value_tests = n->equals.n || n->regex || n->has_min || n->has_max || n->has_vf ||
                       n->in_tree >= 0 || n->secret || n->string;
    if (value_tests && n->is != IS_SET)
        return mm_json_err(cx->doc, obj, cx->err,
                           "value tests (equals, regex, min, max, value, in_tree, secret, string) "
                           "need \"is\": \"set\"");
    if (n->key_re && (n->dflt || n->is == IS_ABSENT))
        return mm_json_err(cx->doc, obj, cx->err,
                           "a \"key_regex\" condition is about the entries a file has: no "
                           "\"default\", no \"is\": \"absent\"");
    if (n->dflt && (n->is == IS_ABSENT || n->is == IS_PRESENT))
        return mm_json_err(cx->doc, obj, cx->err,
                           "\"default\" goes with \"is\": \"set\" or \"unset\"");
    return 0;
}

int mm_match_config_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind", "families", "when", "at", "consumers", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "config matcher", cx->err) < 0)
        return -1;
    config_match *cm = mm_xcalloc(1, sizeof *cm);
    cx->rule->match = cm;
    if (mm_json_copy_strs(cx->doc, match, "consumers", &cx->rule->consumers, cx->err) < 0)
        return -1;
    if (cx->rule->consumers.n) {
        mm_buf b = {0};
        for (size_t i = 0; i < cx->rule->consumers.n; i++) {
            const char *c = cx->rule->consumers.v[i];
            if (!valid_key(c)) {
                mm_buf_free(&b);
                return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "consumers"),
                                   cx->err, "\"%s\" is not a C function name", c);
            }
            mm_buf_printf(&b, "%s%s", i ? (i + 1 == cx->rule->consumers.n ? " or " : ", ") : "",
                          c);
        }
        cm->consumers = mm_buf_cstr(&b);
        cm->consumer_fact = mm_xasprintf("consumer:%s", cx->rule->id);
    }
    if (parse_families(cx, match, "families", &cm->families) < 0)
        return -1;
    if (mm_json_copy_strs(cx->doc, match, "at", &cm->at, cx->err) < 0)
        return -1;
    const cJSON *when = cJSON_GetObjectItemCaseSensitive(match, "when");
    if (!when)
        return mm_json_err(cx->doc, match, cx->err, "config matcher needs \"when\"");
    return compile_node(cx, when, &cm->root, 0);
}

/* --- evaluation ------------------------------------------------------------------------------- */

typedef struct absent_key {
    const char *key, *dflt;
    const char *src; /* where the default comes from: the project's Kconfig ("app/Kconfig:12"),
                        or NULL for the rule's documented default */
} absent_key;

/* What a condition read: an entry of the file or of its base layer, or a value the project's
 * Kconfig derived (a select), with the text that says so. */
typedef struct touched {
    const mm_kc_entry *e; /* NULL: a derived value no file sets */
    bool secret;          /* the value is a secret (never shown) */
    bool base;            /* e is the base layer's */
    const char *note;     /* derived: "CONFIG_X=y selects CONFIG_Y (app/Kconfig:44)" */
} touched;

typedef struct trace {
    MM_VEC(touched) touched;   /* in condition order */
    MM_VEC(absent_key) absent; /* keys it found absent, with the default it took */
} trace;

typedef struct mark {
    size_t touched, absent;
} mark;

static mark trace_mark(const trace *t)
{
    return (mark){t->touched.n, t->absent.n};
}

static void trace_reset(trace *t, mark m)
{
    t->touched.n = m.touched;
    t->absent.n = m.absent;
}

typedef struct evalctx {
    mm_file *file;
    const mm_kconfig *kc;
    mm_kc_view view;
    bool derive; /* a base layer or the project's Kconfig can say more than the file */
} evalctx;

static bool parse_int(const char *s, long long *out)
{
    if (!*s)
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 0);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* Is `value`, relative to the configuration's directory, a file of the scanned tree? */
static bool names_scanned_file(mm_file *f, const char *value)
{
    if (!value[0] || value[0] == '/' || !f->tree_paths)
        return false;
    const char *slash = strrchr(f->path, '/');
    mm_buf b = {0};
    if (slash)
        mm_buf_put(&b, f->path, (size_t)(slash - f->path) + 1);
    mm_buf_puts(&b, value);
    /* normalise ./ and ../ ; leaving the root means "not in the tree" */
    char *p = mm_buf_cstr(&b);
    MM_VEC(char *) parts = {0};
    bool outside = false;
    for (char *save = NULL, *c = strtok_r(p, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        if (!strcmp(c, "."))
            continue;
        if (!strcmp(c, "..")) {
            if (!parts.n)
                outside = true;
            else
                parts.n--;
            continue;
        }
        mm_vec_push(&parts, c);
    }
    bool hit = false;
    if (!outside && parts.n) {
        mm_buf rel = {0};
        for (size_t i = 0; i < parts.n; i++)
            mm_buf_printf(&rel, "%s%s", i ? "/" : "", parts.v[i]);
        hit = mm_file_in_tree(f, mm_buf_cstr(&rel));
        mm_buf_free(&rel);
    }
    mm_vec_free(&parts);
    mm_buf_free(&b);
    return hit;
}

static tri test_value(const cnode *n, evalctx *cx, mm_kc_state state, const char *value,
                      uint32_t vlen, bool quoted)
{
    if (n->is == IS_UNSET)
        return state == MM_KC_UNSET ? R_TRUE : R_FALSE;
    if (state != MM_KC_SET)
        return R_FALSE;
    if (n->string && !quoted)
        return R_FALSE; /* CONFIG_MBEDTLS_KEY_EXCHANGE_PSK=y turns a feature on: no secret */
    if (n->equals.n) {
        bool hit = false;
        for (size_t i = 0; i < n->equals.n && !hit; i++)
            hit = !strcmp(n->equals.v[i], value);
        if (!hit)
            return R_FALSE;
    }
    if (n->regex && !mm_regex_test(n->regex, value, vlen))
        return R_FALSE;
    if (n->has_min || n->has_max) {
        long long v;
        if (!parse_int(value, &v) || (n->has_min && v < n->min) || (n->has_max && v > n->max))
            return R_FALSE;
    }
    if (n->has_vf && !mm_valfilter_pass(&n->vf, value, vlen))
        return R_FALSE;
    if (n->in_tree >= 0 && names_scanned_file(cx->file, value) != (n->in_tree == 1))
        return R_FALSE;
    return R_TRUE;
}

static void touch(trace *t, const mm_kc_entry *e, bool secret, bool base, const char *note)
{
    touched x = {e, secret, base, note};
    mm_vec_push(&t->touched, x);
}

/* The value of one key as the file, its base layer and the project's Kconfig give it. Ranks:
 * 0 the file sets it (or a select overrides what it sets), 1 the base layer sets it, 2 the
 * project's Kconfig derives it, 3 nothing does. */
static int lookup(evalctx *cx, const char *key, mm_kc_value *v)
{
    memset(v, 0, sizeof *v);
    if (cx->derive) {
        mm_kc_derive(&cx->view, key, v);
    } else {
        const mm_kc_entry *e = mm_kconfig_get(cx->kc, key);
        if (e) {
            v->why = MM_KCW_OWN;
            v->entry = e;
            v->state = e->state;
            v->value = e->value;
        }
    }
    switch (v->why) {
    case MM_KCW_OWN:
        return 0;
    case MM_KCW_BASE:
        return 1;
    case MM_KCW_SELECTED:
        return v->entry && !v->entry_in_base && mm_kconfig_get(cx->kc, key) ? 0 : 2;
    case MM_KCW_IMPLIED:
    case MM_KCW_DEFAULT:
        return 2;
    default:
        return 3;
    }
}

static const char *derived_note(evalctx *cx, const char *key, const mm_kc_value *v)
{
    mm_arena *a = cx->file->arena;
    if (v->why != MM_KCW_SELECTED && v->why != MM_KCW_IMPLIED)
        return NULL;
    bool sel = v->why == MM_KCW_SELECTED;
    if (v->entry && v->entry->state == MM_KC_SET && !strcmp(v->entry->key + strlen(cx->view.prefix),
                                                              v->selector)) {
        if (v->entry_in_base)
            return mm_arena_printf(a, sel ? _("%s%s=%s in the base layer selects %s (%s:%u)")
                                          : _("%s%s=%s in the base layer implies %s (%s:%u)"),
                                   cx->view.prefix, v->selector, v->entry->value, key,
                                   v->def_path, v->def_line);
        return mm_arena_printf(a, sel ? _("%s%s=%s selects %s (%s:%u)")
                                      : _("%s%s=%s implies %s (%s:%u)"),
                               cx->view.prefix, v->selector, v->entry->value, key, v->def_path,
                               v->def_line);
    }
    return mm_arena_printf(a, sel ? _("%s%s, which is y, selects %s (%s:%u)")
                                  : _("%s%s, which is y, implies %s (%s:%u)"),
                           cx->view.prefix, v->selector, key, v->def_path, v->def_line);
}

static tri eval_leaf(const cnode *n, evalctx *cx, trace *t)
{
    const mm_kconfig *kc = cx->kc;
    if (n->key_re) {
        tri r = R_FALSE;
        for (uint32_t i = 0; i < kc->n; i++) {
            const mm_kc_entry *e = &kc->entries[i];
            if (!mm_regex_test(n->key_re, e->key, strlen(e->key)))
                continue;
            if (n->is == IS_PRESENT ||
                test_value(n, cx, e->state, e->value, e->vlen, e->quoted) == R_TRUE) {
                touch(t, e, n->secret, false, NULL);
                r = R_TRUE;
            }
        }
        return r;
    }
    /* the key, then its aliases: the first the file sets, else the first its base layer
     * sets, else the first the project's Kconfig derives */
    mm_kc_value best = {0};
    const char *bkey = NULL;
    int brank = 4;
    for (size_t i = 0; i < n->keys.n; i++) {
        mm_kc_value v;
        int rank = lookup(cx, n->keys.v[i], &v);
        if (rank < brank) {
            best = v;
            bkey = n->keys.v[i];
            brank = rank;
        }
    }
    if (brank >= 2 && (n->is == IS_ABSENT || n->is == IS_PRESENT)) {
        /* absent and present are about what the configuration files say */
        if (kc->role == MM_KC_PARTIAL && !kc->base)
            return R_UNKNOWN;
        if (n->is == IS_PRESENT)
            return R_FALSE;
        absent_key a = {n->keys.v[0], NULL, NULL};
        mm_vec_push(&t->absent, a);
        return R_TRUE;
    }
    if (brank == 3) {
        /* a fragment layered on others says nothing about the keys it leaves out */
        if (kc->role == MM_KC_PARTIAL && !kc->base)
            return R_UNKNOWN;
        if (n->dflt) {
            tri r = test_value(n, cx, strcmp(n->dflt, "n") ? MM_KC_SET : MM_KC_UNSET, n->dflt,
                               (uint32_t)strlen(n->dflt), true);
            absent_key a = {n->keys.v[0], n->dflt, NULL};
            mm_vec_push(&t->absent, a);
            return r;
        }
        return R_FALSE;
    }
    if (brank == 2 && best.why == MM_KCW_DEFAULT) {
        /* the project's own Kconfig gives the default, instead of the rule's */
        tri r = test_value(n, cx, best.state, best.value, (uint32_t)strlen(best.value),
                           strcmp(best.value, "y") && strcmp(best.value, "n"));
        const char *src = mm_arena_printf(cx->file->arena, "%s:%u", best.def_path,
                                          best.def_line);
        if (best.entry && !best.entry_in_base) {
            /* a default that depends on what the file sets: point at what it sets */
            touch(t, best.entry, false, false,
                  mm_arena_printf(cx->file->arena, _("%s=%s gives %s its default %s (%s)"),
                                  best.entry->key, best.entry->value, bkey, best.value, src));
        } else {
            absent_key a = {bkey, best.value, src};
            mm_vec_push(&t->absent, a);
        }
        return r;
    }
    if (n->is == IS_ABSENT)
        return R_FALSE;
    if (n->is == IS_PRESENT) {
        touch(t, best.entry, n->secret, best.entry_in_base, NULL);
        return R_TRUE;
    }
    const mm_kc_entry *e = best.entry;
    bool quoted = e && (best.why == MM_KCW_OWN || best.why == MM_KCW_BASE) ? e->quoted : false;
    const char *note = derived_note(cx, bkey, &best);
    tri r = test_value(n, cx, best.state, best.value, (uint32_t)strlen(best.value), quoted);
    if (note)
        touch(t, e, false, best.entry_in_base, note);
    else
        touch(t, e, n->secret, best.why == MM_KCW_BASE, NULL);
    return r;
}

static tri eval(const cnode *n, evalctx *cx, trace *t)
{
    mark m0 = trace_mark(t);
    tri r;
    switch (n->kind) {
    case C_LEAF:
        r = eval_leaf(n, cx, t);
        break;
    case C_FAMILY:
        r = n->families & (1u << cx->kc->family) ? R_TRUE : R_FALSE;
        break;
    case C_PATH:
        r = R_FALSE;
        for (size_t i = 0; i < n->globs.n && r == R_FALSE; i++)
            r = mm_glob_match(n->globs.v[i], cx->file->path) ? R_TRUE : R_FALSE;
        break;
    case C_ALL:
        r = R_TRUE;
        for (size_t i = 0; i < n->nkids; i++) {
            tri c = eval(&n->kids[i], cx, t);
            if (c == R_FALSE)
                r = R_FALSE;
            else if (c == R_UNKNOWN && r == R_TRUE)
                r = R_UNKNOWN;
        }
        break;
    case C_ANY:
        r = R_FALSE;
        for (size_t i = 0; i < n->nkids; i++) {
            mark m = trace_mark(t);
            tri c = eval(&n->kids[i], cx, t);
            if (c == R_TRUE)
                r = R_TRUE;
            else {
                trace_reset(t, m);
                if (c == R_UNKNOWN && r == R_FALSE)
                    r = R_UNKNOWN;
            }
        }
        break;
    default: { /* C_NOT */
        tri c = eval(&n->kids[0], cx, t);
        r = c == R_TRUE ? R_FALSE : c == R_FALSE ? R_TRUE : R_UNKNOWN;
        break;
    }
    }
    if (r != R_TRUE)
        trace_reset(t, m0);
    return r;
}

/* --- findings --------------------------------------------------------------------------------- */

enum { DETAIL_VALUE_MAX = 60 };

static void describe_entry(mm_buf *b, const mm_kc_entry *e, bool secret)
{
    if (e->state == MM_KC_UNSET) {
        if (e->comment)
            mm_buf_printf(b, "# %s is not set", e->key); /* Kconfig's own syntax */
        else
            mm_buf_printf(b, "%s=n", e->key);
        return;
    }
    if (secret) {
        mm_buf_printf(b, _("%s set"), e->key);
        return;
    }
    const char *q = e->quoted ? "\"" : "";
    if (e->vlen > DETAIL_VALUE_MAX)
        mm_buf_printf(b, "%s=%s%.*s...%s", e->key, q, DETAIL_VALUE_MAX, e->value, q);
    else
        mm_buf_printf(b, "%s=%s%s%s", e->key, q, e->value, q);
}

static void emit(const mm_rule *rule, mm_file *f, const mm_kc_entry *at, const trace *t,
                 size_t from, size_t to, bool secret)
{
    mm_buf detail = {0};
    bool first = true;
    const char *base_name = f->kc && f->kc->base_path ? mm_path_base(f->kc->base_path) : NULL;
    for (size_t i = from; i < to; i++) {
        const touched *x = &t->touched.v[i];
        bool dup = false;
        for (size_t k = from; k < i && !dup; k++)
            dup = t->touched.v[k].e == x->e && t->touched.v[k].note == x->note;
        if (dup)
            continue;
        if (!first)
            mm_buf_puts(&detail, _(", "));
        if (x->note) {
            mm_buf_puts(&detail, x->note);
        } else if (x->e) {
            describe_entry(&detail, x->e, x->secret);
            if (x->base && base_name)
                mm_buf_printf(&detail, _(" in %s"), base_name);
        }
        first = false;
    }
    if (from == 0) {
        for (size_t i = 0; i < t->absent.n; i++) {
            if (!first)
                mm_buf_puts(&detail, _(", "));
            const absent_key *a = &t->absent.v[i];
            bool word = a->dflt && (!strcmp(a->dflt, "n") || !strcmp(a->dflt, "y"));
            if (a->dflt && a->src)
                mm_buf_printf(&detail, _("%s absent, so the default %s%s%s of %s applies"),
                              a->key, word ? "" : "\"", a->dflt[0] ? a->dflt : _("(empty)"),
                              word ? "" : "\"", a->src);
            else if (a->dflt)
                mm_buf_printf(&detail, _("%s absent, so its default %s%s%s applies"), a->key,
                              word ? "" : "\"", a->dflt[0] ? a->dflt : _("(empty)"),
                              word ? "" : "\"");
            else
                mm_buf_printf(&detail, _("%s absent"), a->key);
            first = false;
        }
    }
    const char *name = at ? at->key : t->absent.n ? t->absent.v[0].key : "";
    mm_emit e = {0};
    if (at) {
        e.start = at->span.start;
        e.end = at->span.end;
        if (secret && at->state == MM_KC_SET && at->vlen) {
            e.secret = at->value;
            e.secret_len = at->vlen;
            e.secret_start = at->vspan.start;
            e.secret_end = at->vspan.end;
        }
    } /* else: about absent keys, reported at the start of the file with an empty region, so
       * that the fingerprint does not change when the file's first line does */
    const config_match *cm = rule->match;
    const char *vars[] = {"name", name, "detail", mm_buf_cstr(&detail),
                          cm->consumers ? "consumers" : NULL, cm->consumers, NULL};
    e.vars = vars;
    e.demote_unless_fact = cm->consumer_fact;
    mm_emit_finding(f, rule, &e);
    mm_buf_free(&detail);
}

void mm_match_config_run(const mm_rule *rule, mm_file *f)
{
    const config_match *cm = rule->match;
    const mm_kconfig *kc = f->kc;
    if (!kc || (cm->families && !(cm->families & (1u << kc->family))))
        return;
    evalctx cx = {0};
    cx.file = f;
    cx.kc = kc;
    static const char *const prefixes[MM_KC__COUNT] = {
        [MM_KC_SYSBUILD] = "SB_CONFIG_", [MM_KC_BUILDROOT] = "BR2_"};
    cx.view.lang = f->kctx ? f->kctx->lang : NULL;
    cx.view.own = kc;
    cx.view.base = kc->base;
    cx.view.base_path = kc->base_path;
    cx.view.prefix = prefixes[kc->family] ? prefixes[kc->family] : "CONFIG_";
    if (kc->family == MM_KC_BUILDROOT)
        cx.view.prefix = ""; /* Buildroot's symbols carry BR2_ in their names */
    cx.view.project = kc->project;
    cx.view.image = kc->image;
    cx.derive = cx.view.lang || kc->base;
    trace t = {0};
    if (eval(&cm->root, &cx, &t) == R_TRUE) {
        if (cm->root.kind == C_LEAF && cm->root.key_re) {
            /* one finding per entry */
            for (size_t i = 0; i < t.touched.n; i++)
                emit(rule, f, t.touched.v[i].e, &t, i, i + 1, t.touched.v[i].secret);
        } else {
            /* where: the first `at` key the file sets, else the first entry of the file the
             * condition read (a select's cause too), else line 1 */
            const mm_kc_entry *at = NULL;
            bool secret = false;
            for (size_t i = 0; i < cm->at.n && !at; i++)
                at = mm_kconfig_get(kc, cm->at.v[i]);
            for (size_t i = 0; i < t.touched.n && !at; i++) {
                if (t.touched.v[i].e && !t.touched.v[i].base) {
                    at = t.touched.v[i].e;
                    secret = t.touched.v[i].secret;
                }
            }
            for (size_t i = 0; i < t.touched.n; i++)
                secret |= t.touched.v[i].e == at && t.touched.v[i].secret && !t.touched.v[i].base;
            /* a fragment on a base layer reports only what it adds: the base reports the rest */
            bool own = at != NULL;
            if (own || !kc->base)
                emit(rule, f, at, &t, 0, t.touched.n, secret);
        }
    }
    mm_vec_free(&t.touched);
    mm_vec_free(&t.absent);
}
