/* ruleset.c: the loaded rules, and the one vectorscan database that prefilters every file
 * against the triggers of all of them in a single pass. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hs/hs.h>

#include "base/version.h"
#include "core/ruleset.h"
#include "project/inventory.h"

/* Internal triggers, numbered before the rules' own (see MM_TRIG_*). */
static const char *const internal_triggers[] = {
    [MM_TRIG_SUPPRESS] = "mamori-ignore",
    [MM_TRIG_INVENTORY] = mm_inventory_trigger,
    [MM_TRIG_WINDOWS] = "WIN(32|64|DOWS)|(?i)windows\\.h",
    [MM_TRIG_GENERATED] = "(?i)generated",
    [MM_TRIG_ALIAS] = NULL, /* made from the call rules' callees: alias_trigger() */
    [MM_TRIG_PRINTF_LIKE] = "\\bva_list\\b|\\b(?:__)?format(?:__)?\\s*\\(\\s*(?:__)?(?:printf|scanf)|"
                            "\\b__(?:printf|scanf)_?like\\s*\\(",
};

/* `#define NAME callee`: an object-like macro that stands for a function some call rule watches.
 * Its uses are calls of the callee (front/cfront.c), which the callees' own triggers do not
 * see; one pattern for all rules (core/scan.c gives the hit to the rules of that callee). */
static char *alias_trigger(const mm_ruleset *rs)
{
    mm_buf names = {0};
    mm_strset seen = {0};
    for (size_t i = 0; i < rs->rules.n; i++) {
        const mm_rule *r = rs->rules.v[i];
        if (!(r->needs & MM_NEED_CFACTS))
            continue;
        for (size_t k = 0; k < r->plain_callees.n; k++) {
            if (mm_strset_has(&seen, r->plain_callees.v[k]))
                continue;
            mm_strset_add(&seen, r->plain_callees.v[k]);
            mm_buf_printf(&names, "%s%s", names.len ? "|" : "", r->plain_callees.v[k]);
        }
    }
    mm_strset_free(&seen);
    /* a line that ends in the name: `#define` is what core/scan.c checks (as part of the
     * pattern it would make every #define line of a tree a candidate, far slower) */
    char *t = names.len ? mm_xasprintf("[ \\t](?:%s)[ \\t\\r]*$", names.data)
                        : mm_xstrdup("#define mamori_watches_no_call\\b");
    mm_buf_free(&names);
    return t;
}

int mm_ruleset_add(mm_ruleset *rs, mm_rule *r, mm_err *err)
{
    for (size_t i = 0; i < rs->rules.n; i++) {
        if (strcmp(rs->rules.v[i]->id, r->id) == 0) {
            mm_err_set(err, 2, r->source, 0, 0, "rule id \"%s\" is already defined by %s", r->id,
                       rs->rules.v[i]->source);
            mm_rule_free(r);
            return -1;
        }
    }
    r->index = (unsigned)rs->rules.n;
    mm_vec_push(&rs->rules, r);
    char *id = mm_xstrdup(r->id);
    mm_vec_push(&rs->known_owned, id);
    mm_strset_add(&rs->known_ids, id);
    return 0;
}

int mm_ruleset_add_builtin(mm_ruleset *rs, mm_err *err)
{
    for (size_t i = 0; i < mm_builtin_rules_count; i++) {
        const mm_builtin_rule *b = &mm_builtin_rules[i];
        mm_rule *r;
        if (mm_rule_load(b->path, b->text, b->len, true, mm_matcher_find, &r, err) < 0) {
            err->code = 3; /* a broken built-in rule is mamori's fault, not the user's */
            return -1;
        }
        if (mm_ruleset_add(rs, r, err) < 0)
            return -1;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_json(const char *dir, void *vecp, int depth)
{
    MM_VEC(char *) *vec = vecp;
    if (depth > 32)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = mm_xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) != 0 || S_ISLNK(st.st_mode)) {
            free(p);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            /* <id>.<name>.tree/ is a fixture project: its JSON files are data, not rules */
            if (!mm_str_ends(e->d_name, ".tree"))
                collect_json(p, vec, depth + 1);
            free(p);
        } else if (S_ISREG(st.st_mode) && mm_str_ends(e->d_name, ".json") &&
                   !mm_str_ends(e->d_name, ".schema.json")) {
            mm_vec_push(vec, p);
        } else {
            free(p);
        }
    }
    closedir(d);
}

int mm_ruleset_add_dir(mm_ruleset *rs, const char *dir, mm_err *err)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return mm_err_set(err, 2, dir, 0, 0, "rule pack directory not found");
    MM_VEC(char *) files = {0};
    collect_json(dir, &files, 0);
    mm_sort(files.v, files.n, sizeof *files.v, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < files.n && rc == 0; i++) {
        char *text;
        size_t len;
        if (mm_read_file(files.v[i], 1 << 20, &text, &len, err) < 0) {
            rc = -1;
            break;
        }
        mm_rule *r;
        rc = mm_rule_load(files.v[i], text, len, false, mm_matcher_find, &r, err);
        free(text);
        if (rc == 0)
            rc = mm_ruleset_add(rs, r, err);
    }
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    mm_vec_free(&files);
    return rc;
}

void mm_ruleset_filter(mm_ruleset *rs, bool (*keep)(const mm_rule *, void *), void *arg)
{
    size_t k = 0;
    for (size_t i = 0; i < rs->rules.n; i++) {
        mm_rule *r = rs->rules.v[i];
        if (keep(r, arg)) {
            r->index = (unsigned)k;
            rs->rules.v[k++] = r;
        } else {
            mm_rule_free(r);
        }
    }
    rs->rules.n = k;
}

int mm_ruleset_compile(mm_ruleset *rs, const mm_db_store *dbs, mm_err *err)
{
    MM_VEC(const char *) exprs = {0};
    MM_VEC(unsigned) flags = {0};
    MM_VEC(unsigned) ids = {0};
    rs->trig_rule.n = 0;
    rs->trig_consumer.n = 0;
    rs->needs = 0;
    rs->ninternal = (uint32_t)MM_ARRAY_LEN(internal_triggers);
    char *alias = alias_trigger(rs);
    for (uint32_t i = 0; i < rs->ninternal; i++) {
        mm_vec_push(&exprs, i == MM_TRIG_ALIAS ? alias : internal_triggers[i]);
        mm_vec_push(&flags, i == MM_TRIG_ALIAS ? (unsigned)HS_FLAG_MULTILINE : 0u);
        mm_vec_push(&ids, (unsigned)rs->trig_rule.n);
        mm_vec_push(&rs->trig_rule, UINT32_MAX);
        mm_vec_push(&rs->trig_consumer, UINT32_MAX);
    }
    MM_VEC(char *) consumer_exprs = {0};
    for (size_t i = 0; i < rs->rules.n; i++) {
        mm_rule *r = rs->rules.v[i];
        rs->needs |= r->needs;
        for (size_t t = 0; t < r->triggers.n; t++) {
            mm_vec_push(&exprs, r->triggers.v[t].regex);
            unsigned fl = HS_FLAG_ALLOWEMPTY | HS_FLAG_MULTILINE; /* ^ and $ at lines */
            if (r->triggers.v[t].caseless)
                fl |= HS_FLAG_CASELESS;
            mm_vec_push(&flags, fl);
            mm_vec_push(&ids, (unsigned)rs->trig_rule.n);
            mm_vec_push(&rs->trig_rule, (uint32_t)i);
            mm_vec_push(&rs->trig_consumer, UINT32_MAX);
        }
        for (size_t k = 0; k < r->consumers.n; k++) {
            /* a call of a consumer: a fact for the rule, not a reason to run it */
            char *ex = mm_xasprintf("\\b%s\\s*\\(", r->consumers.v[k]);
            mm_vec_push(&consumer_exprs, ex);
            mm_vec_push(&exprs, ex);
            mm_vec_push(&flags, 0u);
            mm_vec_push(&ids, (unsigned)rs->trig_rule.n);
            mm_vec_push(&rs->trig_rule, UINT32_MAX);
            mm_vec_push(&rs->trig_consumer, (uint32_t)i);
        }
        for (size_t k = 0; k < r->callees.n; k++)
            mm_strset_add(&rs->wants.callees, r->callees.v[k]);
        for (size_t k = 0; k < r->copy_calls.n; k++)
            mm_strset_add(&rs->wants.copy_calls, r->copy_calls.v[k]);
        for (size_t k = 0; k < r->fields.n; k++)
            mm_strset_add(&rs->wants.fields, r->fields.v[k]);
        for (size_t k = 0; k < r->types.n; k++)
            mm_strset_add(&rs->wants.types, r->types.v[k]);
        rs->wants.forwards |= r->forwards;
        for (size_t k = 0; k < r->callees.n; k++) {
            if (r->facts & MM_FACT_KONST)
                mm_strset_add(&rs->wants.konst_callees, r->callees.v[k]);
            if (r->facts & MM_FACT_SIZE)
                mm_strset_add(&rs->wants.size_callees, r->callees.v[k]);
        }
        rs->wants.byte_arrays |= r->byte_arrays;
        rs->wants.literal_calls |= r->literal_calls;
    }
    /* compiling the database is most of a small scan's start-up (a pre-commit hook's): a
     * database compiled before for the same expressions on this CPU is reused */
    hs_platform_info_t plat;
    memset(&plat, 0, sizeof plat);
    hs_populate_platform(&plat);
    mm_buf dbk = {0};
    mm_buf_printf(&dbk, "%s %u %llu %llu\n", hs_version(), plat.tune,
                  (unsigned long long)plat.cpu_features, (unsigned long long)plat.reserved1);
    for (size_t i = 0; i < exprs.n; i++)
        mm_buf_printf(&dbk, "%u %u %s\n", flags.v[i], ids.v[i], exprs.v[i]);
    char dbkey[65];
    mm_sha256_hex(dbk.data, dbk.len, dbkey);
    mm_buf_free(&dbk);
    rs->db = dbs ? dbs->load(dbkey) : NULL;
    bool reused = rs->db != NULL;
    hs_compile_error_t *cerr = NULL;
    if (!rs->db &&
        hs_compile_multi(exprs.v, flags.v, ids.v, (unsigned)exprs.n, HS_MODE_BLOCK, NULL, &rs->db,
                         &cerr) != HS_SUCCESS) {
        int bad = cerr ? cerr->expression : -1;
        if (bad >= 0 && (size_t)bad < rs->trig_rule.n && rs->trig_rule.v[bad] != UINT32_MAX) {
            const mm_rule *r = rs->rules.v[rs->trig_rule.v[bad]];
            mm_err_set(err, 2, r->source, 0, 0,
                       "rule %s: trigger /%s/ is not usable by the prefilter: %s", r->id,
                       exprs.v[bad], cerr->message);
        } else {
            mm_err_set(err, 3, NULL, 0, 0, "cannot build the prefilter: %s",
                       cerr ? cerr->message : "unknown error");
        }
        hs_free_compile_error(cerr);
        mm_vec_free(&exprs);
        mm_vec_free(&flags);
        mm_vec_free(&ids);
        free(alias);
        for (size_t i = 0; i < consumer_exprs.n; i++)
            free(consumer_exprs.v[i]);
        mm_vec_free(&consumer_exprs);
        return -1;
    }
    if (!reused && dbs)
        dbs->store(dbkey, rs->db);
    free(alias);
    mm_vec_free(&exprs);
    mm_vec_free(&flags);
    mm_vec_free(&ids);
    for (size_t i = 0; i < consumer_exprs.n; i++)
        free(consumer_exprs.v[i]);
    mm_vec_free(&consumer_exprs);

    /* identity of the rule set: ids and the hashes of their texts, with the engine version */
    char **keys = mm_xcalloc(rs->rules.n + 1, sizeof *keys);
    for (size_t i = 0; i < rs->rules.n; i++)
        keys[i] = mm_xasprintf("%s %s", rs->rules.v[i]->id, rs->rules.v[i]->text_sha);
    mm_sort(keys, rs->rules.n, sizeof *keys, cmp_str);
    mm_buf b = {0};
    mm_buf_printf(&b, "mamori %s\n", MAMORI_VERSION);
    for (size_t i = 0; i < rs->rules.n; i++) {
        mm_buf_printf(&b, "%s\n", keys[i]);
        free(keys[i]);
    }
    free(keys);
    mm_sha256_hex(b.data, b.len, rs->hash);
    mm_buf_free(&b);
    return 0;
}

void mm_ruleset_free(mm_ruleset *rs)
{
    for (size_t i = 0; i < rs->rules.n; i++)
        mm_rule_free(rs->rules.v[i]);
    mm_vec_free(&rs->rules);
    mm_vec_free(&rs->trig_rule);
    mm_vec_free(&rs->trig_consumer);
    mm_strset_free(&rs->wants.callees);
    mm_strset_free(&rs->wants.copy_calls);
    mm_strset_free(&rs->wants.fields);
    mm_strset_free(&rs->wants.types);
    mm_strset_free(&rs->wants.konst_callees);
    mm_strset_free(&rs->wants.size_callees);
    mm_strset_free(&rs->known_ids);
    for (size_t i = 0; i < rs->known_owned.n; i++)
        free(rs->known_owned.v[i]);
    mm_vec_free(&rs->known_owned);
    if (rs->db)
        hs_free_database(rs->db);
    rs->db = NULL;
}
