/* file.c: the per-file context's positions, its emit API, and what the loaded rules want the
 * front ends to record. */
#define _GNU_SOURCE
#include "model/file.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "model/policy.h"

/* --- positions ------------------------------------------------------------------------------ */

static void build_lines(mm_file *f)
{
    if (f->lines)
        return;
    /* memchr finds newlines many bytes at a time: a byte loop here cost 4% of a scan */
    const char *end = f->data + f->len;
    size_t n = 1;
    for (const char *p = f->data; f->len && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    f->lines = mm_arena_alloc(f->arena, n * sizeof *f->lines);
    size_t k = 0;
    f->lines[k++] = 0;
    for (const char *p = f->data; f->len && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        f->lines[k++] = (uint32_t)(p - f->data + 1);
    f->nlines = k;
}

void mm_file_pos(mm_file *f, uint32_t off, unsigned *line, unsigned *col)
{
    build_lines(f);
    size_t lo = mm_u32_floor(f->lines, f->nlines, off);
    *line = (unsigned)lo + 1;
    *col = mm_utf8_col(f->data + f->lines[lo], off - f->lines[lo]);
}

uint32_t mm_file_line_start(mm_file *f, unsigned line)
{
    build_lines(f);
    if (line == 0)
        return 0;
    if (line > f->nlines)
        return (uint32_t)f->len;
    return f->lines[line - 1];
}

uint32_t mm_file_line_end(mm_file *f, unsigned line)
{
    build_lines(f);
    if (line >= f->nlines)
        return (uint32_t)f->len;
    uint32_t e = f->lines[line]; /* start of the next line */
    return e ? e - 1 : 0;
}

/* --- emission --------------------------------------------------------------------------------- */

void mm_emit_finding(mm_file *f, const mm_rule *rule, const mm_emit *e)
{
    /* conditional compilation (C/C++): code that is never built has no findings; code the
     * tree's configuration compiles out is not a release finding; an undecided condition is
     * named in the message */
    const char *cond_why = NULL;
    int cond = f->cond_at ? f->cond_at(f, e->start, &cond_why) : MM_COND_LIVE;
    if (cond == MM_COND_DEAD)
        return;
    mm_finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = rule;
    fd.path = mm_xstrdup(f->path);
    fd.start = e->start;
    fd.end = e->end > e->start ? e->end : e->start;
    fd.severity = e->severity ? e->severity : rule->severity;
    if (rule->profile_severity[0] && !e->severity) {
        /* debug interfaces and the like: errors in what ships, notes elsewhere */
        fd.profile = e->profile    ? e->profile
                     : f->profile ? f->profile
                                  : mm_profile_of(f->policy, f->path);
        /* an example's or a test's configuration is never a release one, unless the rule
         * judges that role as the product (a production flashing script in tools/) */
        if (!strcmp(fd.profile, "release") && !mm_role_ships(f->role) &&
            !mm_role_in(rule->keep_roles, f->role))
            fd.profile = "other";
        fd.severity = rule->profile_severity[strcmp(fd.profile, "release") == 0 ? 0 : 1];
    }
    if (cond == MM_COND_OFF)
        fd.severity = MM_SEV_NOTE;
    fd.engine = rule->kind->engine;
    if ((rule->needs & MM_NEED_CFACTS) && f->cf && f->cf->engine)
        fd.engine = f->cf->engine; /* the deep tier read the file */
    /* a credential that could be live keeps its severity in every role (core/resolve.c),
     * unless the source calls it a test value; one the source calls not confidential is a
     * note wherever it is */
    const char *declared = NULL;
    if (rule->category == MM_CAT_CREDENTIALS && e->secret) {
        fd.live = mm_secret_may_be_live(e->secret, e->secret_len);
        mm_declared dc = mm_secret_declared(f->data, f->len, e->start);
        if (dc == MM_DECLARED_PUBLIC) {
            fd.severity = MM_SEV_NOTE;
            fd.live = false;
            declared = N_("a comment beside it says it is not confidential");
        } else if (dc == MM_DECLARED_TEST &&
                   (fd.live || mm_role_in(rule->keep_roles, MM_ROLE_TEST))) {
            fd.test_value = true; /* a test's or an example's fixture (core/resolve.c) */
        }
        /* a live one leaks from a debug configuration as well */
        if (fd.live && fd.profile && !e->severity)
            fd.severity = rule->profile_severity[0];
    }
    fd.order = (uint32_t)f->findings.n;
    if (e->requires_fact)
        fd.requires_fact = mm_xstrdup(e->requires_fact);
    if (e->unless_fact)
        fd.unless_fact = mm_xstrdup(e->unless_fact);
    if (e->demote_unless_fact)
        fd.demote_unless_fact = mm_xstrdup(e->demote_unless_fact);
    if (e->callee) {
        fd.callee = mm_xstrdup(e->callee);
        fd.shadow_by_signature = e->shadow_by_signature;
    }
    if (e->fits_calls) {
        fd.fits_calls = mm_xstrdup(e->fits_calls);
        fd.fits_k = e->fits_k;
        fd.fits_room = e->fits_room;
    }
    mm_buf vars = {0};
    if (e->vars) {
        for (const char *const *v = e->vars; v[0] && v[1]; v += 2) {
            mm_buf_put(&vars, v[0], strlen(v[0]) + 1);
            mm_buf_put(&vars, v[1], strlen(v[1]) + 1);
        }
    }
    if (cond_why && (cond == MM_COND_OFF || cond == MM_COND_UNKNOWN)) {
        mm_buf_put(&vars, "condition", 10);
        mm_buf_put(&vars, cond_why, strlen(cond_why) + 1);
    }
    if (declared) {
        mm_buf_put(&vars, "=declared", 10); /* mamori's words: shown translated */
        mm_buf_put(&vars, declared, strlen(declared) + 1);
    }
    if (fd.profile) {
        mm_buf_put(&vars, "profile", 8);
        mm_buf_put(&vars, fd.profile, strlen(fd.profile) + 1);
    }
    if (e->secret) {
        /* {value} is the redacted form; the raw value never leaves this function */
        char *red = mm_redact(f->arena, e->secret, e->secret_len);
        mm_buf_put(&vars, "value", 6);
        mm_buf_put(&vars, red, strlen(red) + 1);
        mm_secret_span sp = {e->secret_start, e->secret_end, red, {0}};
        mm_sha256_hex(e->secret, e->secret_len, sp.sha);
        if (sp.end > sp.start)
            mm_vec_push(&f->secrets, sp);
    }
    mm_buf_putc(&vars, 0);
    fd.vars = vars.data;
    mm_vec_push(&f->findings, fd);
}

void mm_file_fact(mm_file *f, const char *fact)
{
    for (size_t i = 0; i < f->hints.n; i++) {
        if (!strcmp(f->hints.v[i].key, "fact") && !strcmp(f->hints.v[i].value, fact))
            return;
    }
    mm_kv kv = {mm_xstrdup("fact"), mm_xstrdup(fact)};
    mm_vec_push(&f->hints, kv);
}

void mm_file_notice(mm_file *f, unsigned line, mm_notice_level level, const char *code,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mm_notice n = mm_notice_vmake(f->path, line, level, code, fmt, ap);
    va_end(ap);
    mm_vec_push(&f->notices, n);
}

bool mm_file_in_tree(const mm_file *f, const char *path)
{
    size_t lo = 0, hi = f->ntree_paths;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f->tree_paths[mid], path);
        if (!c)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* --- what the rules want recorded ------------------------------------------------------------ */

bool mm_wants_callee(const mm_wants *w, const char *name)
{
    return mm_strset_has(&w->callees, name);
}

bool mm_wants_copy_call(const mm_wants *w, const char *name)
{
    return mm_strset_has(&w->copy_calls, name);
}

bool mm_wants_field(const mm_wants *w, const char *name, size_t n)
{
    return w->fields.n && mm_strset_hasn(&w->fields, name, n);
}

bool mm_wants_type(const mm_wants *w, const char *name, size_t n)
{
    return w->types.n && mm_strset_hasn(&w->types, name, n);
}
