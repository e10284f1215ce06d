/* gitscan.c: scans of git input sets — the index (--staged), the lines a change adds (--diff REV)
 * and history (history.c walks it). Every input is a job: a path, its bytes (a blob, or a
 * worktree file) and the earlier versions it is compared with. Workers run the same per-file
 * pipeline as a worktree scan (mm_scan_file) on it; only the lines no earlier version holds are
 * in scope, and findings are kept when their region touches such a line.
 *
 * "Only added lines" and constructs that span lines: the whole file is the unit the engine
 * reads, so a finding has the same region, snippet and fingerprint as in a worktree scan of that
 * version. The C front end parses only the top-level items (functions, declarations, macros)
 * that hold an added line and a prefilter hit, whole: a call on an unchanged line inside a
 * changed function is parsed but not reported, a literal whose name is on an unchanged line and
 * whose value is on an added one is reported. Text patterns see every hit: a PEM block whose
 * body changed under an unchanged BEGIN line is reported, because its region (BEGIN to END)
 * touches the added lines. A line is "added" when no earlier version holds the same line
 * (ignoring a trailing CR), wherever it stood: moving lines adds nothing. */
#define _GNU_SOURCE
#include "inputs/gitscan.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inputs/cache.h"
#include "front/chunk.h"
#include "inputs/input.h"
#include "core/policy.h"

enum { BLOCK = 4096 };

/* --- jobs ------------------------------------------------------------------------------------- */

mm_gjob *mm_gjob_add(mm_gjobs *q)
{
    pthread_mutex_lock(&q->mu);
    if (q->n == q->nblocks * BLOCK) {
        if (q->nblocks == q->cap) {
            q->cap = q->cap ? q->cap * 2 : 16;
            q->blocks = mm_xrealloc(q->blocks, q->cap * sizeof *q->blocks);
        }
        q->blocks[q->nblocks++] = mm_xcalloc(BLOCK, sizeof(mm_gjob));
    }
    mm_gjob *j = &q->blocks[q->n / BLOCK][q->n % BLOCK];
    memset(j, 0, sizeof *j);
    pthread_mutex_unlock(&q->mu);
    return j;
}

void mm_gjob_publish(mm_gjobs *q)
{
    pthread_mutex_lock(&q->mu);
    q->n++;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

mm_gjob *mm_gjob_at(mm_gjobs *q, size_t i)
{
    pthread_mutex_lock(&q->mu);
    mm_gjob *j = &q->blocks[i / BLOCK][i % BLOCK];
    pthread_mutex_unlock(&q->mu);
    return j;
}

static void jobs_init(mm_gjobs *q)
{
    memset(q, 0, sizeof *q);
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv, NULL);
}

static void jobs_close(mm_gjobs *q)
{
    pthread_mutex_lock(&q->mu);
    q->closed = true;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

static void job_free(mm_gjob *j)
{
    free(j->path);
    free(j->abs);
    free(j->bases);
    mm_file_result_free(&j->res);
}

static void jobs_free(mm_gjobs *q)
{
    for (size_t i = 0; i < q->n; i++)
        job_free(&q->blocks[i / BLOCK][i % BLOCK]);
    for (size_t b = 0; b < q->nblocks; b++)
        free(q->blocks[b]);
    free(q->blocks);
    q->blocks = NULL;
    q->n = q->next = q->nblocks = q->cap = 0;
    q->closed = false;
}

void mm_gitscan_notice(mm_gitscan *g, const char *path, mm_notice_level level, const char *code,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mm_notice n = mm_notice_vmake(path, 0, level, code, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&g->notice_mu);
    mm_vec_push(&g->notices, n);
    pthread_mutex_unlock(&g->notice_mu);
}

bool mm_gitscan_wants(const mm_gitscan *g, const char *path, bool is_dir)
{
    const mm_policy *p = g->s->policy;
    if (p && p->exclude.n) {
        if (mm_policy_excludes(path, is_dir, g->s->policy))
            return false;
        /* a file of the index (a flat list) under an excluded directory ("build/") */
        for (const char *sl = strchr(path, '/'); sl && !is_dir; sl = strchr(sl + 1, '/')) {
            char *dir = mm_xstrndup(path, (size_t)(sl - path));
            bool ex = mm_policy_excludes(dir, true, g->s->policy);
            free(dir);
            if (ex)
                return false;
        }
    }
    if (!g->filters.n)
        return true;
    size_t pl = strlen(path);
    for (size_t i = 0; i < g->filters.n; i++) {
        const char *f = g->filters.v[i];
        size_t fl = strlen(f);
        /* under the filter, or (a directory) on the way to it */
        if (pl >= fl && !strncmp(path, f, fl) && (path[fl] == '/' || path[fl] == 0))
            return true;
        if (is_dir && pl < fl && !strncmp(f, path, pl) && f[pl] == '/')
            return true;
    }
    return false;
}

/* --- trees as path maps ---------------------------------------------------------------------- */

typedef struct pentry {
    char *path;
    git_oid oid;
    unsigned mode;
} pentry;

typedef struct pathmap {
    MM_VEC(pentry) v;
    size_t *slots; /* index + 1 */
    size_t cap;
} pathmap;

static void pathmap_add(pathmap *m, const char *path, const git_oid *oid, unsigned mode)
{
    if ((m->v.n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 1024;
        size_t *slots = mm_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < m->v.n; i++) {
            size_t k = (size_t)mm_hash64(m->v.v[i].path, strlen(m->v.v[i].path)) & (cap - 1);
            while (slots[k])
                k = (k + 1) & (cap - 1);
            slots[k] = i + 1;
        }
        free(m->slots);
        m->slots = slots;
        m->cap = cap;
    }
    pentry e = {mm_xstrdup(path), *oid, mode};
    mm_vec_push(&m->v, e);
    size_t k = (size_t)mm_hash64(path, strlen(path)) & (m->cap - 1);
    while (m->slots[k])
        k = (k + 1) & (m->cap - 1);
    m->slots[k] = m->v.n;
}

static const pentry *pathmap_get(const pathmap *m, const char *path)
{
    if (!m->cap)
        return NULL;
    size_t k = (size_t)mm_hash64(path, strlen(path)) & (m->cap - 1);
    while (m->slots[k]) {
        const pentry *e = &m->v.v[m->slots[k] - 1];
        if (!strcmp(e->path, path))
            return e;
        k = (k + 1) & (m->cap - 1);
    }
    return NULL;
}

static void pathmap_free(pathmap *m)
{
    for (size_t i = 0; i < m->v.n; i++)
        free(m->v.v[i].path);
    mm_vec_free(&m->v);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* --- lines in scope ----------------------------------------------------------------------------- */

typedef struct lineset {
    uint64_t *slots; /* 0 = empty */
    size_t cap, n;
} lineset;

/* 64 bits of a line, eight bytes a step (lines are hashed for every blob with a hit). */
static uint64_t line_hash(const char *s, size_t n)
{
    if (n && s[n - 1] == '\r')
        n--;
    const uint64_t m = 0x9e3779b97f4a7c15ULL;
    uint64_t h = n * m;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * m;
        h ^= h >> 29;
    }
    if (i < n) {
        uint64_t w = 0;
        memcpy(&w, s + i, n - i);
        h = (h ^ w) * m;
        h ^= h >> 29;
    }
    h = (h ^ (h >> 32)) * m;
    h ^= h >> 29;
    return h ? h : 1;
}

static void lineset_add(lineset *ls, uint64_t h)
{
    if ((ls->n + 1) * 2 > ls->cap) {
        size_t cap = ls->cap ? ls->cap * 2 : 1024;
        uint64_t *slots = mm_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < ls->cap; i++) {
            if (!ls->slots[i])
                continue;
            size_t k = (size_t)ls->slots[i] & (cap - 1);
            while (slots[k])
                k = (k + 1) & (cap - 1);
            slots[k] = ls->slots[i];
        }
        free(ls->slots);
        ls->slots = slots;
        ls->cap = cap;
    }
    size_t k = (size_t)h & (ls->cap - 1);
    while (ls->slots[k]) {
        if (ls->slots[k] == h)
            return;
        k = (k + 1) & (ls->cap - 1);
    }
    ls->slots[k] = h;
    ls->n++;
}

static bool lineset_has(const lineset *ls, uint64_t h)
{
    if (!ls->cap)
        return false;
    size_t k = (size_t)h & (ls->cap - 1);
    while (ls->slots[k]) {
        if (ls->slots[k] == h)
            return true;
        k = (k + 1) & (ls->cap - 1);
    }
    return false;
}

static void lineset_add_text(lineset *ls, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p <= end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        lineset_add(ls, line_hash(p, (size_t)(e - p)));
        if (!nl)
            break;
        p = nl + 1;
    }
}

typedef struct gworker {
    mm_worker w;
    mm_gitscan *g;
    git_repository *repo;
    git_odb *odb;
    mm_gjobs *queue;
    char *buf; /* a blob's bytes, NUL-terminated; reused from job to job */
    size_t cap;
} gworker;

typedef struct scope_ctx {
    gworker *gw;
    mm_gjob *job;
} scope_ctx;

static const char *short_id(const git_oid *oid, char buf[13])
{
    git_oid_tostr(buf, 13, oid);
    return buf;
}

/* Where a job's bytes are, for notices: "blob 1a2b3c4d5e6f in commit 0f9e8d7c6b5a" */
static void job_where(const mm_gjob *j, mm_buf *out)
{
    char a[13], b[13];
    if (!j->has_oid || j->abs)
        return;
    mm_buf_printf(out, " (blob %s", short_id(&j->oid, a));
    if (!git_oid_is_zero(&j->commit))
        mm_buf_printf(out, " in commit %s", short_id(&j->commit, b));
    mm_buf_puts(out, ")");
}

/* The engine asks once, when something hit: one flag per line, 1 where no base has that line. */
static const uint8_t *job_scope(mm_file *f)
{
    scope_ctx *c = f->scope_arg;
    mm_gjob *j = c->job;
    if (!j->nbases)
        return NULL;
    lineset ls = {0};
    for (uint8_t i = 0; i < j->nbases; i++) {
        git_odb_object *obj = NULL;
        if (git_odb_read(&obj, c->gw->odb, &j->bases[i]) < 0) {
            /* the earlier version cannot be read: judge every line (more, not less) */
            const git_error *ge = git_error_last();
            char a[13];
            mm_file_notice(f, 0, MM_NOTICE_WARNING, "git-object",
                           "cannot read the earlier version (blob %s): %s; every line is "
                           "checked",
                           short_id(&j->bases[i], a), ge ? ge->message : "unknown error");
            free(ls.slots);
            return NULL;
        }
        lineset_add_text(&ls, git_odb_object_data(obj), git_odb_object_size(obj));
        git_odb_object_free(obj);
    }
    unsigned nlines, col;
    mm_file_pos(f, (uint32_t)f->len, &nlines, &col); /* the engine's own line table */
    uint8_t *mask = mm_arena_alloc(f->arena, nlines);
    const char *p = f->data, *end = f->data + f->len;
    for (size_t l = 0; l < nlines; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        mask[l] = !lineset_has(&ls, line_hash(p, (size_t)(e - p)));
        p = nl ? nl + 1 : end;
    }
    free(ls.slots);
    return mask;
}

static const uint8_t *ask_scope(mm_file *f)
{
    if (!f->scope_asked) {
        f->scope_asked = true;
        f->in_scope = f->scope ? f->scope(f) : NULL;
    }
    return f->in_scope;
}

static bool lines_in_scope(mm_file *f, const uint8_t *m, unsigned first, unsigned last)
{
    unsigned line, col;
    mm_file_pos(f, (uint32_t)f->len, &line, &col); /* the number of lines */
    if (last > line)
        last = line;
    for (unsigned l = first ? first : 1; l <= last; l++) {
        if (m[l - 1])
            return true;
    }
    return false;
}

static bool region_in_scope(mm_file *f, const uint8_t *m, uint32_t start, uint32_t end)
{
    unsigned l1, l2, col;
    mm_file_pos(f, start, &l1, &col);
    mm_file_pos(f, end > start ? end - 1 : start, &l2, &col);
    return lines_in_scope(f, m, l1, l2);
}

void mm_scope_trim_hits(mm_file *f)
{
    if (f->kind != MM_KIND_C && f->kind != MM_KIND_CPP)
        return;
    const mm_ruleset *rs = f->scan->rules;
    bool any = false;
    for (size_t i = 0; i < f->nhits && !any; i++) {
        uint32_t r = f->hits[i].trigger < rs->trig_rule.n ? rs->trig_rule.v[f->hits[i].trigger]
                                                         : UINT32_MAX;
        any = r != UINT32_MAX && (rs->rules.v[r]->needs & MM_NEED_CFACTS);
    }
    if (!any)
        return; /* no parse to save: the earlier versions are read only if something is found */
    const uint8_t *m = ask_scope(f);
    if (!m)
        return;
    mm_chunks ch;
    mm_chunks_find(f->data, f->len, f->arena, &ch);
    uint8_t *chunk_in = mm_arena_calloc(f->arena, ch.n ? ch.n : 1, 1); /* 0 ?, 1 in, 2 out */
    int whole = -1;
    size_t k = 0;
    for (size_t i = 0; i < f->nhits; i++) {
        const mm_hit *h = &f->hits[i];
        uint32_t r = h->trigger < rs->trig_rule.n ? rs->trig_rule.v[h->trigger] : UINT32_MAX;
        bool keep = true;
        if (r != UINT32_MAX && (rs->rules.v[r]->needs & MM_NEED_CFACTS)) {
            if (ch.whole) {
                if (whole < 0)
                    whole = region_in_scope(f, m, 0, (uint32_t)f->len);
                keep = whole;
            } else {
                size_t idx = mm_chunks_index(&ch, h->end ? h->end - 1 : 0);
                if (!chunk_in[idx])
                    chunk_in[idx] =
                        region_in_scope(f, m, ch.starts[idx], mm_chunks_end(&ch, idx)) ? 1 : 2;
                keep = chunk_in[idx] == 1;
            }
        }
        if (keep)
            f->hits[k++] = *h;
    }
    f->nhits = k;
}

/* After the rules: findings whose region touches no line in scope are not the change's. */
static void keep_in_scope(mm_file *f)
{
    if (f->kind == MM_KIND_BINARY || !f->len)
        return; /* a changed binary file is new as a whole */
    if (!f->findings.n && !f->supps.n)
        return;
    const uint8_t *m = ask_scope(f);
    if (!m)
        return;
    size_t k = 0;
    for (size_t i = 0; i < f->findings.n; i++) {
        mm_finding *fd = &f->findings.v[i];
        if (lines_in_scope(f, m, fd->line, fd->end_line > fd->line ? fd->end_line : fd->line))
            f->findings.v[k++] = *fd;
        else
            mm_finding_free(fd);
    }
    f->findings.n = k;
    for (size_t i = 0; i < f->supps.n; i++)
        f->supps.v[i].context = !lines_in_scope(f, m, f->supps.v[i].line, f->supps.v[i].line);
}

/* History: inline suppressions apply within their own blob (the scan-wide pass matches by path,
 * and a path has many versions in history); then only findings and notices are kept. */
static void history_finish(mm_file_result *r)
{
    for (size_t i = 0; i < r->findings.n; i++) {
        mm_finding *f = &r->findings.v[i];
        for (size_t k = 0; k < r->supps.n && !f->suppressed; k++)
            mm_suppression_apply(&r->supps.v[k], f);
    }
    /* a blob's own notices that say something about history: not "binary" or "long-line",
     * which every image and minified file in a long history would repeat */
    size_t k = 0;
    for (size_t i = 0; i < r->notices.n; i++) {
        mm_notice *n = &r->notices.v[i];
        if (!strcmp(n->code, "binary") || !strcmp(n->code, "long-line"))
            mm_notice_free(n);
        else
            r->notices.v[k++] = *n;
    }
    r->notices.n = k;
    mm_file_result tmp = *r;
    memset(&tmp.findings, 0, sizeof tmp.findings);
    memset(&tmp.notices, 0, sizeof tmp.notices);
    mm_file_result_free(&tmp); /* supps, defs, hints, includes */
    memset(&r->supps, 0, sizeof r->supps);
    memset(&r->defs, 0, sizeof r->defs);
    memset(&r->hints, 0, sizeof r->hints);
    memset(&r->includes, 0, sizeof r->includes);
}

/* --- reading a job's bytes ---------------------------------------------------------------------- */

static void too_large(mm_file *f, uint64_t size, size_t cap, const char *where)
{
    if (cap < 1048576)
        mm_file_notice(f, 0, MM_NOTICE_NOTE, "too-large",
                       "file is %llu bytes, over the %zu-byte cap (--max-file-size); not "
                       "scanned%s",
                       (unsigned long long)size, cap, where);
    else
        mm_file_notice(f, 0, MM_NOTICE_NOTE, "too-large",
                       "file is %.1f MiB, over the %.1f MiB cap (--max-file-size); not "
                       "scanned%s",
                       (double)size / 1048576.0, (double)cap / 1048576.0, where);
}

static int read_job(gworker *gw, mm_gjob *j, mm_file *f, char **data, size_t *len)
{
    mm_scan *s = gw->g->s;
    mm_buf where = {0};
    job_where(j, &where);
    int rc = -1;
    if (j->abs) {
        mm_err err;
        if (j->size > s->opts.max_file_size)
            too_large(f, j->size, s->opts.max_file_size, "");
        else if (mm_read_file(j->abs, s->opts.max_file_size, data, len, &err) < 0)
            mm_file_notice(f, 0, MM_NOTICE_WARNING, "unreadable", "%s", err.msg);
        else
            rc = 0;
        mm_buf_free(&where);
        return rc;
    }
    size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    git_odb_object *obj = NULL;
    if (git_odb_read_header(&size, &type, gw->odb, &j->oid) < 0 ||
        (size <= s->opts.max_file_size && git_odb_read(&obj, gw->odb, &j->oid) < 0)) {
        const git_error *ge = git_error_last();
        mm_file_notice(f, 0, MM_NOTICE_WARNING, "git-object", "cannot read the object%s: %s; skipped",
                       where.data ? where.data : "", ge ? ge->message : "unknown error");
    } else if (type != GIT_OBJECT_BLOB) {
        mm_file_notice(f, 0, MM_NOTICE_WARNING, "git-object", "not a blob%s; skipped",
                       where.data ? where.data : "");
    } else if (size > s->opts.max_file_size) {
        too_large(f, size, s->opts.max_file_size, where.data ? where.data : "");
    } else {
        *len = git_odb_object_size(obj);
        if (*len + 1 > gw->cap) {
            gw->cap = *len + 1 > 2 * gw->cap ? *len + 1 : 2 * gw->cap;
            free(gw->buf);
            gw->buf = mm_xmalloc(gw->cap);
        }
        *data = gw->buf;
        memcpy(*data, git_odb_object_data(obj), *len);
        (*data)[*len] = 0;
        rc = 0;
    }
    git_odb_object_free(obj);
    mm_buf_free(&where);
    return rc;
}

static void run_job(gworker *gw, mm_gjob *j)
{
    mm_gitscan *g = gw->g;
    mm_scan *s = g->s;
    mm_file f;
    memset(&f, 0, sizeof f);
    f.scan = s;
    f.path = j->path;
    f.arena = &gw->w.arena;
    uint8_t key[MM_CACHE_KEY];
    bool store = false;
    if (j->whole_cache && j->has_oid && s->cache) {
        mm_cache_key(key, MM_CACHE_BLOB, j->oid.id, j->path, 0);
        if (mm_cache_get_result(s->cache, key, s->rules, &j->res)) {
            j->cached = true;
            if (s->mode == MM_INPUT_HISTORY)
                history_finish(&j->res);
            return;
        }
        store = true;
    }
    char *data = NULL;
    size_t len = 0;
    if (read_job(gw, j, &f, &data, &len) < 0) {
        j->res.skipped = true;
        store = false;
    } else if (j->abs) {
        /* --diff of a worktree file: the same bytes as REV's version, or (for a file REV does
         * not have at this path) as one of REV's blobs, a move, add nothing */
        git_oid oid;
        if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) == 0 &&
            ((j->nbases == 1 && git_oid_equal(&oid, &j->bases[0])) ||
             (j->nbases == 0 && g->rev_ids && pathmap_get(g->rev_ids, git_oid_tostr_s(&oid)))))
            j->unchanged = true;
    }
    if (data && !j->unchanged) {
        f.data = data;
        f.len = len;
        scope_ctx ctx = {gw, j};
        if (j->lines) {
            f.scope = job_scope;
            f.scope_arg = &ctx;
        }
        mm_scan_file(&gw->w, &f);
        if (j->lines)
            keep_in_scope(&f);
        j->res.bytes = len;
        j->res.binary = f.kind == MM_KIND_BINARY;
        if (j->res.binary)
            mm_file_notice(&f, 0, MM_NOTICE_NOTE, "binary",
                           "binary file: only file-level rules (key files) were applied");
        j->scanned = true;
    }
    if (data != gw->buf)
        free(data); /* a worktree file's */
    mm_file_result_take(&j->res, &f);
    if (store && j->scanned)
        mm_cache_put_result(s->cache, key, &j->res);
    if (s->mode == MM_INPUT_HISTORY)
        history_finish(&j->res);
    mm_arena_reset(&gw->w.arena);
}

static void *worker_main(void *arg)
{
    gworker *gw = arg;
    mm_gjobs *q = gw->queue;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        while (q->next >= q->n && !q->closed)
            pthread_cond_wait(&q->cv, &q->mu);
        if (q->next >= q->n) {
            pthread_mutex_unlock(&q->mu);
            break;
        }
        size_t i = q->next++;
        mm_gjob *j = &q->blocks[i / BLOCK][i % BLOCK];
        pthread_mutex_unlock(&q->mu);
        if (!j->done)
            run_job(gw, j);
    }
    return NULL;
}

typedef struct pool {
    gworker *w;
    pthread_t *th;
    int n;
} pool;

static int pool_init(pool *p, mm_gitscan *g, mm_err *err)
{
    mm_scan *s = g->s;
    int jobs = s->opts.jobs > 0 ? s->opts.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    p->w = mm_xcalloc((size_t)jobs, sizeof *p->w);
    p->th = mm_xcalloc((size_t)jobs, sizeof *p->th);
    for (int i = 0; i < jobs; i++) {
        gworker *gw = &p->w[i];
        if (mm_worker_init(&gw->w, s, err) < 0)
            return -1;
        p->n = i + 1;
        gw->g = g;
        if (git_repository_open(&gw->repo, g->repo_path) < 0 ||
            git_repository_odb(&gw->odb, gw->repo) < 0) {
            const git_error *ge = git_error_last();
            return mm_err_set(err, 3, NULL, 0, 0, "cannot open the repository %s: %s",
                              g->repo_path, ge ? ge->message : "unknown error");
        }
    }
    return 0;
}

static void pool_start(pool *p, mm_gjobs *q)
{
    for (int i = 0; i < p->n; i++) {
        p->w[i].queue = q;
        pthread_create(&p->th[i], NULL, worker_main, &p->w[i]);
    }
}

static void pool_join(pool *p, mm_gjobs *q)
{
    jobs_close(q);
    for (int i = 0; i < p->n; i++)
        pthread_join(p->th[i], NULL);
}

static void pool_free(pool *p)
{
    for (int i = 0; i < p->n; i++) {
        git_odb_free(p->w[i].odb);
        git_repository_free(p->w[i].repo);
        mm_worker_free(&p->w[i].w);
        free(p->w[i].buf);
    }
    free(p->w);
    free(p->th);
}

enum { MAX_DEPTH = 64 }; /* directory nesting, as the worktree walk allows */

/* Every file of a commit's tree, depth first with a stack of its own (a hostile repository's
 * nesting must not exhaust ours). */
static int flatten_commit(mm_gitscan *g, const git_oid *commit, pathmap *out, mm_err *err)
{
    git_commit *c = NULL;
    git_tree *root = NULL;
    if (git_commit_lookup(&c, g->repo, commit) < 0 || git_commit_tree(&root, c) < 0) {
        const git_error *ge = git_error_last();
        git_commit_free(c);
        return mm_err_set(err, 3, NULL, 0, 0, "cannot read the tree of commit %s: %s",
                          git_oid_tostr_s(commit), ge ? ge->message : "unknown error");
    }
    git_commit_free(c);
    typedef struct frame {
        git_tree *t;
        size_t next, plen;
    } frame;
    MM_VEC(frame) st = {0};
    mm_buf path = {0};
    frame f0 = {root, 0, 0};
    mm_vec_push(&st, f0);
    bool deep = false;
    while (st.n) {
        frame *f = &st.v[st.n - 1];
        if (f->next >= git_tree_entrycount(f->t)) {
            git_tree_free(f->t);
            st.n--;
            continue;
        }
        const git_tree_entry *e = git_tree_entry_byindex(f->t, f->next++);
        path.len = f->plen;
        mm_buf_puts(&path, git_tree_entry_name(e));
        git_object_t type = git_tree_entry_type(e);
        if (type == GIT_OBJECT_TREE) {
            git_tree *sub = NULL;
            if (st.n > MAX_DEPTH) {
                deep = true;
            } else if (git_tree_lookup(&sub, g->repo, git_tree_entry_id(e)) == 0) {
                mm_buf_putc(&path, '/');
                frame nf = {sub, 0, path.len};
                mm_vec_push(&st, nf);
            }
        } else if (type == GIT_OBJECT_BLOB || type == GIT_OBJECT_COMMIT) {
            pathmap_add(out, mm_buf_cstr(&path), git_tree_entry_id(e),
                        (unsigned)git_tree_entry_filemode(e));
        }
    }
    if (deep)
        mm_gitscan_notice(g, NULL, MM_NOTICE_WARNING, "depth",
                          "commit %s nests directories deeper than %d levels; not descended",
                          git_oid_tostr_s(commit), MAX_DEPTH);
    mm_vec_free(&st);
    mm_buf_free(&path);
    git_error_clear();
    return 0;
}

static bool regular_blob(unsigned mode)
{
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* REV's blobs, for telling a moved file from a new one. */
static void blob_ids(const pathmap *m, pathmap *ids)
{
    char hex[GIT_OID_HEXSZ + 1];
    for (size_t i = 0; i < m->v.n; i++) {
        git_oid_tostr(hex, sizeof hex, &m->v.v[i].oid);
        if (!pathmap_get(ids, hex))
            pathmap_add(ids, hex, &m->v.v[i].oid, 0);
    }
}

/* --- staged and --diff input sets ------------------------------------------------------------- */

static mm_gjob *new_job(mm_gjobs *q, const char *path)
{
    mm_gjob *j = mm_gjob_add(q);
    j->path = mm_xstrdup(path);
    return j;
}

static void set_base(mm_gjob *j, const git_oid *base)
{
    j->bases = mm_xmalloc(sizeof *j->bases);
    j->bases[0] = *base;
    j->nbases = 1;
    j->lines = true;
}

static int resolve_commit(mm_gitscan *g, const char *rev, git_oid *out, mm_err *err)
{
    git_object *obj = NULL, *peeled = NULL;
    int rc = 0;
    if (git_revparse_single(&obj, g->repo, rev) < 0 ||
        git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
        const git_error *ge = git_error_last();
        rc = mm_err_set(err, 2, NULL, 0, 0, "revision \"%s\" is not a commit of %s: %s", rev,
                        g->s->root, ge ? ge->message : "unknown revision");
    } else {
        *out = *git_object_id(peeled);
    }
    git_object_free(peeled);
    git_object_free(obj);
    return rc;
}

/* The index's files that differ from HEAD (or from REV with --diff). */
static int produce_staged(mm_gitscan *g, mm_err *err)
{
    mm_scan *s = g->s;
    git_index *idx = NULL;
    /* git runs pre-commit hooks of `commit -a` and `commit FILE` with a temporary index */
    const char *env = getenv("GIT_INDEX_FILE");
    int rc = env && env[0] ? git_index_open(&idx, env) : git_repository_index(&idx, g->repo);
    if (rc < 0) {
        const git_error *ge = git_error_last();
        return mm_err_set(err, 2, env && env[0] ? env : NULL, 0, 0, "cannot read the index: %s",
                          ge ? ge->message : "unknown error");
    }
    pathmap base = {0}, ids = {0};
    git_oid rev;
    bool have_base = false;
    if (g->o->diff) {
        if (resolve_commit(g, g->o->diff, &rev, err) < 0 ||
            flatten_commit(g, &rev, &base, err) < 0) {
            git_index_free(idx);
            pathmap_free(&base);
            return -1;
        }
        have_base = true;
        blob_ids(&base, &ids);
    } else if (s->head[0]) {
        git_oid_fromstr(&rev, s->head);
        if (flatten_commit(g, &rev, &base, err) < 0) {
            git_index_free(idx);
            pathmap_free(&base);
            return -1;
        }
        have_base = true;
    }
    const char *last_unmerged = "";
    size_t n = git_index_entrycount(idx);
    for (size_t i = 0; i < n; i++) {
        const git_index_entry *e = git_index_get_byindex(idx, i);
        if (!e)
            continue;
        if (GIT_INDEX_ENTRY_STAGE(e) > 0) {
            if (strcmp(last_unmerged, e->path) != 0 && mm_gitscan_wants(g, e->path, false))
                mm_gitscan_notice(g, e->path, MM_NOTICE_WARNING, "unmerged",
                                  "unmerged (a conflict not yet resolved); not scanned");
            last_unmerged = e->path;
            continue;
        }
        if ((e->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) || !regular_blob(e->mode)) {
            const pentry *b = have_base ? pathmap_get(&base, e->path) : NULL;
            if (e->mode == GIT_FILEMODE_COMMIT && !(b && git_oid_equal(&b->oid, &e->id)))
                mm_gitscan_notice(g, e->path, MM_NOTICE_NOTE, "submodule",
                                  "submodule link not scanned; scan the submodule on its own");
            continue;
        }
        const pentry *b = have_base ? pathmap_get(&base, e->path) : NULL;
        if (b && git_oid_equal(&b->oid, &e->id))
            continue; /* not staged: what HEAD (REV) has */
        if (!mm_gitscan_wants(g, e->path, false))
            continue;
        if (g->o->diff && !b && pathmap_get(&ids, git_oid_tostr_s(&e->id)))
            continue; /* moved: REV has these bytes elsewhere */
        mm_gjob *j = new_job(&g->jobs, e->path);
        j->oid = e->id;
        j->has_oid = true;
        if (g->o->diff && b && regular_blob(b->mode))
            set_base(j, &b->oid);
        else
            j->whole_cache = true;
        mm_gjob_publish(&g->jobs);
    }
    git_index_free(idx);
    pathmap_free(&base);
    pathmap_free(&ids);
    return 0;
}

/* Worktree files (as a worktree scan finds them) that differ from REV. */
static int produce_diff(mm_gitscan *g, pathmap *ids, mm_err *err)
{
    mm_scan *s = g->s;
    git_oid rev;
    pathmap base = {0};
    if (resolve_commit(g, g->o->diff, &rev, err) < 0 || flatten_commit(g, &rev, &base, err) < 0) {
        pathmap_free(&base);
        return -1;
    }
    blob_ids(&base, ids); /* before the first job: workers read it */
    g->rev_ids = ids;
    mm_inputs in;
    memset(&in, 0, sizeof in);
    if (mm_inputs_collect(s->opts.paths, s->opts.npaths, s->policy ? mm_policy_excludes : NULL,
                          s->policy, &in, &s->notices, err) < 0) {
        pathmap_free(&base);
        return -1;
    }
    for (size_t i = 0; i < in.files.n; i++) {
        const mm_input *f = &in.files.v[i];
        const pentry *b = pathmap_get(&base, f->rel);
        git_oid idx_oid;
        memcpy(idx_oid.id, f->oid, 20);
        if (f->clean && b && git_oid_equal(&b->oid, &idx_oid))
            continue; /* unchanged since REV, as the index vouches */
        if (f->clean && !b && pathmap_get(ids, git_oid_tostr_s(&idx_oid)))
            continue; /* moved */
        mm_gjob *j = new_job(&g->jobs, f->rel);
        j->abs = mm_xstrdup(f->abs);
        j->size = f->size;
        if (b && regular_blob(b->mode))
            set_base(j, &b->oid);
        mm_gjob_publish(&g->jobs);
    }
    mm_inputs_free(&in);
    pathmap_free(&base);
    return 0;
}

/* --- results ------------------------------------------------------------------------------------ */

static mm_origin *new_origin(mm_scan *s, mm_origin_kind kind, const mm_gjob *j)
{
    mm_origin *o = mm_xcalloc(1, sizeof *o);
    o->kind = kind;
    if (j->has_oid && !j->abs)
        git_oid_tostr(o->blob, sizeof o->blob, &j->oid);
    if (kind == MM_ORIGIN_COMMIT) {
        git_oid_tostr(o->commit, sizeof o->commit, &j->commit);
        o->time = j->time;
        o->tz = j->tz;
    }
    mm_vec_push(&s->origins, o);
    return o;
}

static void set_origin(mm_file_result *r, const mm_origin *o)
{
    /* every finding of a job shares its origin */
    for (size_t i = 0; i < r->findings.n; i++) {
        r->findings.v[i].origin = o;
        r->findings.v[i].at_head = -1;
    }
}

/* "rule\0fingerprint" of every finding in HEAD's files, scanned whole (cached per blob). */
typedef MM_VEC(char *) strvec;

static void head_fingerprints(mm_gitscan *g, pool *p, mm_strset *set, strvec *owned)
{
    mm_scan *s = g->s;
    pathmap head = {0};
    git_oid h;
    mm_err err;
    if (!s->head[0] || git_oid_fromstr(&h, s->head) < 0 ||
        flatten_commit(g, &h, &head, &err) < 0) {
        if (s->head[0])
            mm_gitscan_notice(g, NULL, MM_NOTICE_WARNING, "git-object",
                              "%s; whether findings are still at HEAD is unknown", err.msg);
        pathmap_free(&head);
        return;
    }
    mm_gjobs q;
    jobs_init(&q);
    pool_start(p, &q);
    for (size_t i = 0; i < head.v.n; i++) {
        const pentry *e = &head.v.v[i];
        if (!regular_blob(e->mode) || !mm_gitscan_wants(g, e->path, false))
            continue;
        mm_gjob *j = new_job(&q, e->path);
        j->oid = e->oid;
        j->has_oid = true;
        j->whole_cache = true;
        mm_gjob_publish(&q);
    }
    pool_join(p, &q);
    for (size_t i = 0; i < q.n; i++) {
        mm_gjob *j = mm_gjob_at(&q, i);
        for (size_t k = 0; k < j->res.findings.n; k++) {
            const mm_finding *f = &j->res.findings.v[k];
            char *key = mm_xasprintf("%s %s", f->rule->id, f->fingerprint);
            if (mm_strset_has(set, key)) {
                free(key);
                continue;
            }
            mm_vec_push(owned, key);
            mm_strset_add(set, key);
        }
    }
    /* HEAD's notices are not history's: its blobs were scanned only to compare */
    jobs_free(&q);
    pthread_mutex_destroy(&q.mu);
    pthread_cond_destroy(&q.cv);
    pathmap_free(&head);
}

/* History: one finding per (rule, fingerprint, path), the first commit's (jobs are in the order
 * commits were walked: parents first). */
static void history_results(mm_gitscan *g, pool *p, mm_file_result *results, size_t *nres)
{
    mm_scan *s = g->s;
    mm_strset seen = {0};
    strvec owned = {0};
    size_t k = 0, nfind = 0;
    for (size_t i = 0; i < g->jobs.n; i++) {
        mm_gjob *j = mm_gjob_at(&g->jobs, i);
        mm_file_result *r = &j->res;
        size_t m = 0;
        for (size_t f = 0; f < r->findings.n; f++) {
            mm_finding *fd = &r->findings.v[f];
            char *key = mm_xasprintf("%s %s %s", fd->rule->id, fd->fingerprint, fd->path);
            if (mm_strset_has(&seen, key)) {
                free(key);
                mm_finding_free(fd);
                continue;
            }
            mm_vec_push(&owned, key);
            mm_strset_add(&seen, key);
            r->findings.v[m++] = *fd;
        }
        r->findings.n = m;
        nfind += m;
        if (!r->findings.n && !r->notices.n)
            continue;
        set_origin(r, new_origin(s, MM_ORIGIN_COMMIT, j));
        results[k] = *r;
        memset(r, 0, sizeof *r);
        k++;
    }
    *nres = k;
    for (size_t i = 0; i < owned.n; i++)
        free(owned.v[i]);
    owned.n = 0;
    mm_strset_free(&seen);
    if (!nfind) {
        mm_vec_free(&owned);
        return;
    }
    /* still at HEAD: the same rule and fingerprint in any of HEAD's files */
    mm_strset at_head = {0};
    head_fingerprints(g, p, &at_head, &owned);
    for (size_t i = 0; i < k; i++) {
        for (size_t f = 0; f < results[i].findings.n; f++) {
            mm_finding *fd = &results[i].findings.v[f];
            if (!s->head[0])
                continue;
            char *key = mm_xasprintf("%s %s", fd->rule->id, fd->fingerprint);
            fd->at_head = mm_strset_has(&at_head, key) ? 1 : 0;
            free(key);
        }
    }
    for (size_t i = 0; i < owned.n; i++)
        free(owned.v[i]);
    mm_vec_free(&owned);
    mm_strset_free(&at_head);
}

static void show_emails(mm_gitscan *g)
{
    mm_scan *s = g->s;
    for (size_t i = 0; i < s->origins.n; i++) {
        mm_origin *o = s->origins.v[i];
        git_oid id;
        git_commit *c = NULL;
        if (o->kind != MM_ORIGIN_COMMIT || git_oid_fromstr(&id, o->commit) < 0 ||
            git_commit_lookup(&c, g->repo, &id) < 0)
            continue;
        const git_signature *a = git_commit_author(c);
        if (a && a->email)
            o->email = mm_xstrdup(a->email);
        git_commit_free(c);
    }
}

/* --- set-up ------------------------------------------------------------------------------------- */

static char *strip_slash(char *p)
{
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = 0;
    return p;
}

/* A remote's URL for SARIF: credentials (user:token@) never leave; scp-like addresses become
 * ssh:// URIs. */
static char *clean_url(const char *url)
{
    const char *scheme = strstr(url, "://");
    if (scheme) {
        const char *host = scheme + 3;
        const char *slash = strchr(host, '/');
        const char *at = memchr(host, '@', slash ? (size_t)(slash - host) : strlen(host));
        if (at)
            return mm_xasprintf("%.*s%s", (int)(host - url), url, at + 1);
        return mm_xstrdup(url);
    }
    const char *colon = strchr(url, ':');
    if (colon && url[0] != '/' && !memchr(url, '/', (size_t)(colon - url))) {
        const char *at = memchr(url, '@', (size_t)(colon - url));
        const char *host = at ? at + 1 : url;
        return mm_xasprintf("ssh://%.*s/%s", (int)(colon - host), host, colon + 1);
    }
    return NULL;
}

static void repo_facts(mm_gitscan *g)
{
    mm_scan *s = g->s;
    git_reference *head = NULL;
    if (git_repository_head(&head, g->repo) == 0) {
        git_object *c = NULL;
        if (git_reference_peel(&c, head, GIT_OBJECT_COMMIT) == 0)
            git_oid_tostr(s->head, sizeof s->head, git_object_id(c));
        git_object_free(c);
        if (git_reference_is_branch(head))
            s->branch = mm_xstrdup(git_reference_name(head));
        git_reference_free(head);
    }
    git_config *cfg = NULL;
    git_buf url = {0};
    if (git_repository_config_snapshot(&cfg, g->repo) == 0 &&
        git_config_get_string_buf(&url, cfg, "remote.origin.url") == 0)
        s->vcs_uri = clean_url(url.ptr);
    git_buf_dispose(&url);
    git_config_free(cfg);
    git_error_clear();
}

static int open_repo(mm_gitscan *g, mm_err *err)
{
    mm_scan *s = g->s;
    const char *first = s->opts.npaths ? s->opts.paths[0] : ".";
    char *abs = realpath(first, NULL);
    if (!abs)
        return mm_err_set(err, 2, first, 0, 0, "no such file or directory");
    if (git_repository_open_ext(&g->repo, abs, 0, NULL) < 0) {
        free(abs);
        return mm_err_set(err, 2, first, 0, 0, "is not in a git repository (--%s needs one)",
                          g->o->staged ? "staged" : g->o->diff ? "diff" : "history");
    }
    free(abs);
    g->bare = git_repository_is_bare(g->repo);
    if (g->bare && (g->o->staged || g->o->diff))
        return mm_err_set(err, 2, first, 0, 0,
                          "is a bare repository: --%s needs a work tree and an index",
                          g->o->staged ? "staged" : "diff");
    char *gitdir = realpath(git_repository_path(g->repo), NULL);
    g->repo_path = strip_slash(gitdir ? gitdir : mm_xstrdup(git_repository_path(g->repo)));
    char *common = realpath(git_repository_commondir(g->repo), NULL);
    g->gitdir = strip_slash(common ? common : mm_xstrdup(g->repo_path));
    if (g->bare) {
        s->root = mm_xstrdup(g->repo_path);
    } else {
        char *wd = realpath(git_repository_workdir(g->repo), NULL);
        s->root = strip_slash(wd ? wd : mm_xstrdup(git_repository_workdir(g->repo)));
    }
    mm_scan_display_paths(s, s->root);
    /* PATH arguments inside the repository narrow what is scanned */
    size_t rl = strlen(s->root);
    for (size_t i = 0; i < s->opts.npaths && !g->o->diff; i++) {
        char *a = realpath(s->opts.paths[i], NULL);
        if (!a) {
            /* a path that no longer exists may still have history */
            char *cwd = getcwd(NULL, 0);
            a = s->opts.paths[i][0] == '/' ? mm_xstrdup(s->opts.paths[i])
                                           : mm_xasprintf("%s/%s", cwd ? cwd : ".",
                                                          s->opts.paths[i]);
            free(cwd);
        }
        strip_slash(a);
        if (!strcmp(a, s->root) || !strcmp(a, g->repo_path)) {
            free(a);
            continue;
        }
        if (strncmp(a, s->root, rl) != 0 || a[rl] != '/') {
            int rc = mm_err_set(err, 2, s->opts.paths[i], 0, 0,
                                "is outside the repository %s of the first path", s->root);
            free(a);
            return rc;
        }
        mm_vec_push(&g->filters, mm_xstrdup(a + rl + 1));
        free(a);
    }
    repo_facts(g);
    return 0;
}

int mm_gitscan_run(mm_scan *s, const mm_git_opts *o, mm_err *err)
{
    mm_gitscan g;
    memset(&g, 0, sizeof g);
    g.s = s;
    g.o = o;
    jobs_init(&g.jobs);
    pthread_mutex_init(&g.notice_mu, NULL);
    s->mode = o->history ? MM_INPUT_HISTORY : o->diff ? MM_INPUT_DIFF : MM_INPUT_STAGED;
    s->analyzers = o->history ? MM_ANALYZERS_NONE : MM_ANALYZERS_PARTIAL;
    /* Objects are read as git itself reads them: zlib's checksum catches a damaged object, and
     * hashing every object again (libgit2's default) would double the cost of a history scan. */
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    /* history.c keeps the trees it reads again; libgit2's object cache, once full, evicts by
     * walking its table from the start on every insertion, which costs more than it saves */
    git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
    pool p;
    memset(&p, 0, sizeof p);
    pathmap ids = {0};
    mm_history *hist = NULL;
    int rc = open_repo(&g, err);
    if (rc == 0 && o->diff) {
        git_oid rev;
        if ((rc = resolve_commit(&g, o->diff, &rev, err)) == 0)
            s->diff_base = mm_xstrdup(git_oid_tostr_s(&rev));
    }
    if (rc == 0) {
        mm_scan_cache_open(s, g.gitdir);
        rc = pool_init(&p, &g, err);
    }
    if (rc == 0) {
        pool_start(&p, &g.jobs);
        if (o->history)
            rc = mm_history_walk(&g, &hist, err);
        else if (o->staged)
            rc = produce_staged(&g, err);
        else
            rc = produce_diff(&g, &ids, err);
        pool_join(&p, &g.jobs);
    }
    if (rc == 0) {
        size_t n = g.jobs.n;
        mm_file_result *results = mm_xcalloc(n ? n : 1, sizeof *results);
        size_t k = 0, scanned = 0, cached = 0, skipped = 0;
        if (o->history) {
            mm_history_store(&g, hist);
            for (size_t i = 0; i < n; i++) {
                const mm_gjob *j = mm_gjob_at(&g.jobs, i);
                scanned += !j->done && !j->res.skipped;
                skipped += !j->done && j->res.skipped;
                cached += j->cached;
            }
            history_results(&g, &p, results, &k);
        } else {
            for (size_t i = 0; i < n; i++) {
                mm_gjob *j = mm_gjob_at(&g.jobs, i);
                if (j->unchanged)
                    continue;
                cached += j->cached;
                if (o->staged && j->res.findings.n)
                    set_origin(&j->res, new_origin(s, MM_ORIGIN_INDEX, j));
                results[k++] = j->res;
                memset(&j->res, 0, sizeof j->res);
            }
        }
        for (size_t i = 0; i < g.notices.n; i++)
            mm_vec_push(&s->notices, g.notices.v[i]);
        g.notices.n = 0;
        mm_scan_merge(s, results, k);
        free(results);
        if (o->history) {
            /* what the walk covered: the blobs of earlier runs (cache) and this run's */
            s->files_scanned = g.prior_blobs + scanned;
            s->files_skipped = skipped;
            cached += g.prior_blobs;
        }
        atomic_store(&s->from_cache, cached);
        if (o->show_email)
            show_emails(&g);
    }
    pool_free(&p);
    mm_history_free(hist);
    mm_scan_cache_close(s);
    jobs_free(&g.jobs);
    pathmap_free(&ids);
    for (size_t i = 0; i < g.notices.n; i++)
        mm_notice_free(&g.notices.v[i]);
    mm_vec_free(&g.notices);
    for (size_t i = 0; i < g.filters.n; i++)
        free(g.filters.v[i]);
    mm_vec_free(&g.filters);
    pthread_mutex_destroy(&g.jobs.mu);
    pthread_cond_destroy(&g.jobs.cv);
    pthread_mutex_destroy(&g.notice_mu);
    git_repository_free(g.repo);
    free(g.repo_path);
    free(g.gitdir);
    return rc;
}
