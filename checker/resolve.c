/* resolve.c: from per-file results to the scan's answer — snippets and fingerprints per file,
 * then, over the whole project: the project's own definitions of watched names, the C library,
 * rendered messages, the policy, project analyzers, ordering and counts. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matchers.h"
#include "policy.h"
#include "scan_internal.h"

enum { SNIPPET_MAX = 300 };

void mm_finding_free(mm_finding *f)
{
    free(f->path);
    free(f->message);
    free(f->snippet);
    free(f->vars);
    free(f->callee);
    free(f->supp_reason);
}

void mm_notice_free(mm_notice *n)
{
    free(n->path);
    free(n->code);
    free(n->message);
}

static int cmp_emitted(const void *a, const void *b)
{
    const mm_finding *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Text of [s, e) with secret values replaced, for snippets (display) or fingerprints (hashes). */
static void render_region(mm_file *f, uint32_t s, uint32_t e, bool for_hash, mm_buf *out)
{
    uint32_t i = s;
    while (i < e) {
        const mm_secret_span *hit = NULL;
        for (size_t k = 0; k < f->secrets.n; k++) {
            const mm_secret_span *sp = &f->secrets.v[k];
            if (sp->start <= i && i < sp->end) {
                hit = sp;
                break;
            }
        }
        if (hit) {
            if (for_hash)
                mm_buf_printf(out, "<secret:%s>", hit->sha);
            else
                mm_buf_puts(out, hit->redacted);
            i = hit->end;
            continue;
        }
        char c = f->data[i++];
        if (for_hash && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\'))
            continue;
        mm_buf_putc(out, c);
    }
}

static char *make_snippet(mm_file *f, unsigned line, uint32_t at)
{
    uint32_t ls = mm_file_line_start(f, line), le = mm_file_line_end(f, line);
    if (le > ls && f->data[le - 1] == '\r')
        le--;
    /* a long line shows a window around the finding, cut on character boundaries */
    if (le - ls > SNIPPET_MAX) {
        uint32_t ws = at > ls + SNIPPET_MAX / 3 ? at - SNIPPET_MAX / 3 : ls;
        uint32_t we = ws + SNIPPET_MAX < le ? ws + SNIPPET_MAX : le;
        while (ws > ls && ((uint8_t)f->data[ws] & 0xC0) == 0x80)
            ws--;
        while (we < le && ((uint8_t)f->data[we] & 0xC0) == 0x80)
            we++;
        mm_buf b = {0};
        if (ws > ls)
            mm_buf_puts(&b, "...");
        render_region(f, ws, we, false, &b);
        if (we < le)
            mm_buf_puts(&b, "...");
        return mm_buf_cstr(&b);
    }
    mm_buf b = {0};
    /* a secret that starts on an earlier line still covers this one */
    render_region(f, ls, le, false, &b);
    return mm_buf_cstr(&b);
}

void mm_scan_finalize_file(mm_file *f)
{
    mm_sort(f->findings.v, f->findings.n, sizeof *f->findings.v, cmp_emitted);
    MM_VEC(char *) bases = {0};
    for (size_t i = 0; i < f->findings.n; i++) {
        mm_finding *fd = &f->findings.v[i];
        mm_file_pos(f, fd->start, &fd->line, &fd->col);
        mm_file_pos(f, fd->end, &fd->end_line, &fd->end_col);
        if (fd->end_line == fd->line && fd->end_col <= fd->col)
            fd->end_col = fd->col + 1;
        fd->snippet = f->len && f->kind != MM_KIND_BINARY ? make_snippet(f, fd->line, fd->start)
                                                          : mm_xstrdup("");
        /* fingerprint: rule, path, the matched text without whitespace and with secrets
         * hashed, and which occurrence of that same text in the file this is */
        mm_buf norm = {0};
        uint32_t e = fd->end;
        if (e - fd->start > 65536)
            e = fd->start + 65536;
        render_region(f, fd->start, e, true, &norm);
        char base[65];
        mm_buf key = {0};
        mm_buf_printf(&key, "%s%c%s%c", fd->rule->id, 0, fd->path, 0);
        mm_buf_put(&key, norm.data ? norm.data : "", norm.len);
        mm_sha256_hex(key.data, key.len, base);
        unsigned occurrence = 0;
        for (size_t k = 0; k < bases.n; k++)
            occurrence += !strcmp(bases.v[k], base);
        mm_vec_push(&bases, mm_arena_strdup(f->arena, base));
        mm_buf_printf(&key, "%c%u", 0, occurrence);
        char full[65];
        mm_sha256_hex(key.data, key.len, full);
        memcpy(fd->fingerprint, full, 32);
        fd->fingerprint[32] = 0;
        mm_buf_free(&key);
        mm_buf_free(&norm);
    }
    mm_vec_free(&bases);
    for (size_t i = 0; i < f->supps.n; i++)
        f->supps.v[i].snippet = make_snippet(f, f->supps.v[i].line, 0);
    if (f->cf) {
        for (uint32_t i = 0; i < f->cf->ndefs; i++) {
            const mm_def *d = &f->cf->defs[i];
            mm_project_def pd = {mm_xstrdup(d->name), mm_xstrdup(f->path), d->is_static};
            mm_vec_push(&f->defs, pd);
        }
    }
}

void mm_file_result_take(mm_file_result *res, mm_file *f)
{
#define MOVE(field)                                                                          \
    do {                                                                                     \
        res->field.v = f->field.v;                                                           \
        res->field.n = f->field.n;                                                           \
        res->field.cap = f->field.cap;                                                       \
        f->field.v = NULL;                                                                   \
        f->field.n = f->field.cap = 0;                                                       \
    } while (0)
    MOVE(findings);
    MOVE(notices);
    MOVE(defs);
    MOVE(supps);
    MOVE(hints);
#undef MOVE
    mm_vec_free(&f->secrets);
}

void mm_file_result_free(mm_file_result *res)
{
    for (size_t i = 0; i < res->findings.n; i++)
        mm_finding_free(&res->findings.v[i]);
    mm_vec_free(&res->findings);
    for (size_t i = 0; i < res->notices.n; i++)
        mm_notice_free(&res->notices.v[i]);
    mm_vec_free(&res->notices);
    for (size_t i = 0; i < res->defs.n; i++) {
        free(res->defs.v[i].name);
        free(res->defs.v[i].path);
    }
    mm_vec_free(&res->defs);
    for (size_t i = 0; i < res->supps.n; i++) {
        free(res->supps.v[i].path);
        free(res->supps.v[i].rules);
        free(res->supps.v[i].reason);
        free(res->supps.v[i].snippet);
    }
    mm_vec_free(&res->supps);
    for (size_t i = 0; i < res->hints.n; i++) {
        free(res->hints.v[i].key);
        free(res->hints.v[i].value);
    }
    mm_vec_free(&res->hints);
}

/* --- messages ------------------------------------------------------------------------------- */

static const char *var_of(const mm_finding *f, const char *name)
{
    if (!f->vars)
        return NULL;
    for (const char *p = f->vars; *p;) {
        const char *val = p + strlen(p) + 1;
        if (!strcmp(p, name))
            return val;
        p = val + strlen(val) + 1;
    }
    return NULL;
}

static char *render_message(const mm_scan *s, const mm_finding *f)
{
    const char *tpl = f->rule->message;
    mm_buf b = {0};
    for (const char *p = tpl; *p;) {
        if (*p != '{') {
            mm_buf_putc(&b, *p++);
            continue;
        }
        const char *e = strchr(p, '}');
        if (!e) {
            mm_buf_puts(&b, p);
            break;
        }
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(e - p - 1), p + 1);
        const char *val = var_of(f, name);
        char *owned = NULL;
        if (!val && !strcmp(name, "replacement")) {
            val = mm_rule_replacement(f->rule, s->libc);
        } else if (!val && !strcmp(name, "libc")) {
            val = s->libc ? s->libc : "an unknown C library";
        } else if (!val && !strcmp(name, "path")) {
            val = f->path;
        }
        if (!val)
            val = owned = mm_xasprintf("<%s>", name);
        mm_buf_puts(&b, val);
        free(owned);
        p = e + 1;
    }
    return mm_buf_cstr(&b);
}

/* --- merge ------------------------------------------------------------------------------------ */

static int cmp_finding(const void *a, const void *b)
{
    const mm_finding *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    c = strcmp(x->rule->id, y->rule->id);
    if (c)
        return c;
    return strcmp(x->fingerprint, y->fingerprint);
}

static int cmp_notice(const void *a, const void *b)
{
    const mm_notice *x = a, *y = b;
    int c = strcmp(x->path ? x->path : "", y->path ? y->path : "");
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return strcmp(x->code, y->code);
}

static int cmp_supp(const void *a, const void *b)
{
    const mm_suppression *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* A libc hint reads "<priority>\t<name>\t<path>"; the lowest priority wins, then the first
 * path in input order. */
static void choose_libc(mm_scan *s, const char *hint, int *best)
{
    char *copy = mm_xstrdup(hint);
    char *name = strchr(copy, '\t');
    char *path = name ? strchr(name + 1, '\t') : NULL;
    if (path) {
        *name++ = 0;
        *path++ = 0;
        int prio = atoi(copy);
        if (prio < *best) {
            *best = prio;
            free(s->libc);
            free(s->libc_source);
            s->libc = mm_xstrdup(name);
            s->libc_source = mm_xstrdup(path);
        }
    }
    free(copy);
}

void mm_scan_merge(mm_scan *s, mm_file_result *results, size_t n)
{
    mm_strset global_defs = {0};
    MM_VEC(char *) static_defs = {0};
    int best_libc = 1000;
    for (size_t i = 0; i < n; i++) {
        mm_file_result *r = &results[i];
        if (r->skipped)
            s->files_skipped++;
        else
            s->files_scanned++;
        s->bytes_scanned += r->bytes;
        for (size_t k = 0; k < r->defs.n; k++) {
            mm_project_def *d = &r->defs.v[k];
            if (d->is_static)
                mm_vec_push(&static_defs, mm_xasprintf("%s\n%s", d->path, d->name));
            else
                mm_strset_add(&global_defs, d->name);
        }
        for (size_t k = 0; k < r->hints.n; k++) {
            if (!strcmp(r->hints.v[k].key, "libc"))
                choose_libc(s, r->hints.v[k].value, &best_libc);
        }
    }
    mm_strset static_set = {0};
    for (size_t i = 0; i < static_defs.n; i++)
        mm_strset_add(&static_set, static_defs.v[i]);

    for (size_t i = 0; i < n; i++) {
        mm_file_result *r = &results[i];
        for (size_t k = 0; k < r->findings.n; k++) {
            mm_finding *f = &r->findings.v[k];
            if (f->callee) {
                bool shadowed = mm_strset_has(&global_defs, f->callee);
                if (!shadowed) {
                    char *key = mm_xasprintf("%s\n%s", f->path, f->callee);
                    shadowed = mm_strset_has(&static_set, key);
                    free(key);
                }
                if (shadowed) {
                    mm_finding_free(f);
                    continue;
                }
            }
            mm_vec_push(&s->findings, *f);
        }
        r->findings.n = 0;
        for (size_t k = 0; k < r->notices.n; k++)
            mm_vec_push(&s->notices, r->notices.v[k]);
        r->notices.n = 0;
        for (size_t k = 0; k < r->supps.n; k++)
            mm_vec_push(&s->supps, r->supps.v[k]);
        r->supps.n = 0;
        mm_file_result_free(r);
    }
    mm_strset_free(&global_defs);
    mm_strset_free(&static_set);
    for (size_t i = 0; i < static_defs.n; i++)
        free(static_defs.v[i]);
    mm_vec_free(&static_defs);

    for (size_t i = 0; i < s->findings.n; i++) {
        mm_finding *f = &s->findings.v[i];
        f->message = render_message(s, f);
        f->severity = mm_policy_severity(s->policy, f->rule, f->severity);
    }
    mm_sort(s->findings.v, s->findings.n, sizeof *s->findings.v, cmp_finding);
    mm_sort(s->supps.v, s->supps.n, sizeof *s->supps.v, cmp_supp);
    mm_policy_apply(s);

    /* project analyzers run last: they may look at everything above */
    size_t before = s->findings.n;
    for (size_t i = 0; i < s->rules->rules.n; i++) {
        const mm_rule *rule = s->rules->rules.v[i];
        const mm_analyzer *an = mm_rule_analyzer(rule);
        if (an)
            an->run(rule, s);
    }
    for (size_t i = before; i < s->findings.n; i++) {
        mm_finding *f = &s->findings.v[i];
        if (!f->message)
            f->message = render_message(s, f);
        f->severity = mm_policy_severity(s->policy, f->rule, f->severity);
    }
    mm_sort(s->findings.v, s->findings.n, sizeof *s->findings.v, cmp_finding);
    mm_sort(s->notices.v, s->notices.n, sizeof *s->notices.v, cmp_notice);

    memset(s->counts, 0, sizeof s->counts);
    s->suppressed = 0;
    for (size_t i = 0; i < s->findings.n; i++) {
        const mm_finding *f = &s->findings.v[i];
        if (f->suppressed)
            s->suppressed++;
        else
            s->counts[f->severity]++;
    }
}

void mm_scan_free(mm_scan *s)
{
    for (size_t i = 0; i < s->findings.n; i++)
        mm_finding_free(&s->findings.v[i]);
    mm_vec_free(&s->findings);
    for (size_t i = 0; i < s->notices.n; i++)
        mm_notice_free(&s->notices.v[i]);
    mm_vec_free(&s->notices);
    for (size_t i = 0; i < s->supps.n; i++) {
        free(s->supps.v[i].path);
        free(s->supps.v[i].rules);
        free(s->supps.v[i].reason);
        free(s->supps.v[i].snippet);
    }
    mm_vec_free(&s->supps);
    free(s->root);
    free(s->display_prefix);
    free(s->libc);
    free(s->libc_source);
}
