/* gitpool.c: the jobs of a git input set and the workers that run them — a queue the walk
 * fills while workers drain it, each worker with its own repository handle; reading a job's
 * bytes (a blob, or a worktree file), the lines no earlier version holds (the scope the scan
 * judges), and the per-file pipeline (mm_scan_file) on it. */
#define _GNU_SOURCE
#include "inputs/gitscan.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/policy.h"
#include "inputs/cache.h"

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

void mm_gjobs_init(mm_gjobs *q)
{
    memset(q, 0, sizeof *q);
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv, NULL);
}

void mm_gjobs_close(mm_gjobs *q)
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
    mm_file_result_delete(j->res);
}

void mm_gjobs_free(mm_gjobs *q)
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

void mm_gitscan_notice_more(mm_gitscan *g, mm_notice_level level, const char *code,
                            size_t count, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mm_notice n = mm_notice_vmake(NULL, 0, level, code, fmt, ap);
    va_end(ap);
    n.count = count > UINT_MAX ? UINT_MAX : (unsigned)count;
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

typedef struct scope_ctx {
    mm_gworker *gw;
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

/* The common head and tail of a version and its one earlier version, in whole lines: what lies
 * there is unchanged, and only the lines between are compared (most changes touch a few lines of
 * a long file: hashing every line of both was a tenth of a history scan's time). head: bytes
 * from the start, tail: bytes before the end; both end on a line boundary. */
static void common_lines(const char *a, size_t an, const char *b, size_t bn, size_t *head,
                         size_t *tail)
{
    size_t n = an < bn ? an : bn, h = 0;
    while (h < n && a[h] == b[h])
        h++;
    if (h < an || h < bn) {
        while (h > 0 && a[h - 1] != '\n')
            h--; /* the line that differs is not common */
    }
    size_t t = 0, room = n - h;
    while (t < room && a[an - 1 - t] == b[bn - 1 - t])
        t++;
    /* the tail starts a line in both (after a newline, or at the start) */
    while (t > 0 && !((t == an || a[an - t - 1] == '\n') && (t == bn || b[bn - t - 1] == '\n')))
        t--;
    *head = h;
    *tail = t;
}

/* Marks the lines of f from offset from to offset to (exclusive) that ls does not hold. */
static void mark_new_lines(mm_file *f, uint8_t *mask, const lineset *ls, size_t from, size_t to)
{
    unsigned line, col;
    mm_file_pos(f, (uint32_t)from, &line, &col);
    const char *p = f->data + from, *end = f->data + to;
    for (size_t l = line - 1; p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        mask[l] = !lineset_has(ls, line_hash(p, (size_t)(e - p)));
        p = nl ? nl + 1 : end;
    }
}

/* The engine asks once, when something hit: one flag per line, 1 where the change adds it. With
 * one earlier version (an edit), the lines between the common head and tail that the earlier
 * version's lines between them do not hold, as `git diff` shows them; with several (a merge),
 * the lines no earlier version holds anywhere. */
static const uint8_t *job_scope(mm_file *f)
{
    scope_ctx *c = f->scope_arg;
    mm_gjob *j = c->job;
    if (!j->nbases)
        return NULL;
    unsigned nlines, col;
    mm_file_pos(f, (uint32_t)f->len, &nlines, &col); /* the engine's own line table */
    uint8_t *mask = mm_arena_calloc(f->arena, nlines ? nlines : 1, 1);
    lineset ls = {0};
    size_t from = 0, to = f->len;
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
        const char *b = git_odb_object_data(obj);
        size_t bn = git_odb_object_size(obj);
        if (j->nbases == 1) {
            size_t head, tail;
            common_lines(f->data, f->len, b, bn, &head, &tail);
            from = head;
            to = f->len - tail;
            lineset_add_text(&ls, b + head, bn - tail - head);
        } else {
            lineset_add_text(&ls, b, bn);
        }
        git_odb_object_free(obj);
    }
    if (from < to)
        mark_new_lines(f, mask, &ls, from, to);
    free(ls.slots);
    return mask;
}

/* After the rules: findings whose region touches no line in scope are not the change's. */
static void keep_in_scope(mm_file *f)
{
    if (f->kind == MM_KIND_BINARY || !f->len)
        return; /* a changed binary file is new as a whole */
    if (!f->findings.n && !f->supps.n)
        return;
    const uint8_t *m = mm_scope_lines(f);
    if (!m)
        return;
    size_t k = 0;
    for (size_t i = 0; i < f->findings.n; i++) {
        mm_finding *fd = &f->findings.v[i];
        if (mm_scope_has_lines(f, m, fd->line, fd->end_line > fd->line ? fd->end_line : fd->line))
            f->findings.v[k++] = *fd;
        else
            mm_finding_free(fd);
    }
    f->findings.n = k;
    for (size_t i = 0; i < f->supps.n; i++)
        f->supps.v[i].context = !mm_scope_has_lines(f, m, f->supps.v[i].line, f->supps.v[i].line);
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
    tmp.path = tmp.content_why = NULL; /* the blob's path and role stay with r */
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

static int read_job(mm_gworker *gw, mm_gjob *j, mm_file *f, char **data, size_t *len)
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

/* The job's result, unless history has nothing to report of it (mm_gjob.res). */
static void keep_result(const mm_scan *s, mm_gjob *j, mm_file_result *res)
{
    j->skipped = res->skipped;
    if (s->mode == MM_INPUT_HISTORY) {
        history_finish(res);
        if (!res->findings.n && !res->notices.n) {
            mm_file_result_free(res);
            return;
        }
    }
    j->res = mm_xmalloc(sizeof *j->res);
    *j->res = *res;
}

static void run_job(mm_gworker *gw, mm_gjob *j)
{
    mm_gitscan *g = gw->g;
    mm_scan *s = g->s;
    mm_file f;
    memset(&f, 0, sizeof f);
    f.path = j->path;
    f.arena = &gw->w.arena;
    mm_scan_prepare_file(s, &f);
    /* a version in history: its facts are dropped (history_finish), and its result is cached
     * apart from the same blob's in a staged scan, which states and meets facts */
    f.alone = s->mode == MM_INPUT_HISTORY;
    mm_file_result res;
    memset(&res, 0, sizeof res);
    uint8_t key[MM_CACHE_KEY];
    bool store = false;
    if (j->whole_cache && j->has_oid && s->cache) {
        mm_cache_key(key, f.alone ? MM_CACHE_BLOB_ALONE : MM_CACHE_BLOB, j->oid.id, j->path,
                     mm_cache_extra(0, f.role));
        if (mm_cache_get_result(s->cache, key, s->rules, &res)) {
            j->cached = true;
            res.path = mm_xstrdup(j->path);
            keep_result(s, j, &res);
            return;
        }
        store = true;
    }
    char *data = NULL;
    size_t len = 0;
    if (read_job(gw, j, &f, &data, &len) < 0) {
        res.skipped = true;
        store = false;
    } else if (j->abs) {
        /* --diff of a worktree file: the same bytes as REV's version, or (for a file REV does
         * not have at this path) as one of REV's blobs, a move, add nothing */
        git_oid oid;
        if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) == 0 &&
            ((j->nbases == 1 && git_oid_equal(&oid, &j->bases[0])) ||
             (j->nbases == 0 && mm_gitscan_rev_has(g, &oid))))
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
        res.bytes = len;
        res.binary = f.kind == MM_KIND_BINARY;
        if (res.binary)
            mm_file_notice(&f, 0, MM_NOTICE_NOTE, "binary",
                           "binary file: only file-level rules (key files) were applied");
        j->scanned = true;
    }
    if (data != gw->buf)
        free(data); /* a worktree file's */
    mm_file_result_take(&res, &f);
    if (store && j->scanned)
        mm_cache_put_result(s->cache, key, &res);
    keep_result(s, j, &res);
    mm_arena_reset(&gw->w.arena);
}

static void *worker_main(void *arg)
{
    mm_gworker *gw = arg;
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

int mm_gpool_init(mm_gpool *p, mm_gitscan *g, mm_err *err)
{
    mm_scan *s = g->s;
    int jobs = s->opts.jobs > 0 ? s->opts.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    p->w = mm_xcalloc((size_t)jobs, sizeof *p->w);
    p->th = mm_xcalloc((size_t)jobs, sizeof *p->th);
    for (int i = 0; i < jobs; i++) {
        mm_gworker *gw = &p->w[i];
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

void mm_gpool_start(mm_gpool *p, mm_gjobs *q)
{
    for (int i = 0; i < p->n; i++) {
        p->w[i].queue = q;
        pthread_create(&p->th[i], NULL, worker_main, &p->w[i]);
    }
}

void mm_gpool_join(mm_gpool *p, mm_gjobs *q)
{
    mm_gjobs_close(q);
    for (int i = 0; i < p->n; i++)
        pthread_join(p->th[i], NULL);
}

void mm_gpool_free(mm_gpool *p)
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
