/* history.c: the commits of a history scan and the blobs each one brings. Commits are read from
 * the object database directly (not git's revision walker) so that a missing or damaged commit,
 * a shallow clone's cut-off or a submodule link is a notice and the walk goes on. Commits are
 * taken newest first (by committer date) until only excluded ones are left, as `git rev-list`
 * does, then ordered parents first. Each commit's tree is compared with its parents' trees: an
 * entry equal to the same entry of any parent is not new (for a merge, content taken from either
 * side); a blob that differs from every parent's and was not seen before is a job, compared with
 * the parents' versions of that path. So content that first appears in a merge resolution is
 * scanned, and each blob is scanned once.
 *
 * Over all refs, the walk's state goes to the cache: the commits walked, the blobs seen, the
 * findings and the tips. The next run walks only commits that are new since, unless a tip it
 * stored is no longer reachable (a branch deleted or rewritten), which makes it start over. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/policy.h"
#include "inputs/cache.h"
#include "inputs/gitscan.h"

enum {
    F_PARSED = 1,      /* tree, parents, dates known */
    F_QUEUED = 2,      /* in (or through) the walk's queue */
    F_UNINT = 4,       /* reachable from an excluded revision (--since, A of A..B) */
    F_RESULT = 8,      /* to be scanned */
    F_MISSING = 16,    /* could not be read */
    F_DONE = 32,       /* walked by an earlier run (cache): its ancestors were too */
    F_SHALLOW = 64,    /* a shallow clone's boundary: its parents are not here */
    F_VISITED = 128,   /* topological ordering */
};

enum { SLOP = 5, STATE_VERSION = 1, MAX_DEPTH = 64 };

typedef struct cnode {
    git_oid oid, tree;
    int64_t ctime;     /* committer date: the walk's order */
    int64_t atime;     /* author date: what findings show */
    int atz;
    uint32_t parents;  /* index into the parent pool */
    uint32_t nparents;
    uint32_t flags;
} cnode;

/* A set of object ids (open addressing on their first bytes, which are random). */
typedef struct oidset {
    git_oid *slots;
    uint8_t *used;
    size_t cap, n;
} oidset;

static uint64_t oid_hash(const git_oid *o)
{
    uint64_t h;
    memcpy(&h, o->id, sizeof h);
    return h;
}

static bool oidset_has(const oidset *s, const git_oid *o)
{
    if (!s->cap)
        return false;
    size_t k = (size_t)oid_hash(o) & (s->cap - 1);
    while (s->used[k]) {
        if (git_oid_equal(&s->slots[k], o))
            return true;
        k = (k + 1) & (s->cap - 1);
    }
    return false;
}

/* Returns false when it was there already. */
static bool oidset_add(oidset *s, const git_oid *o)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        git_oid *slots = mm_xmalloc(cap * sizeof *slots);
        uint8_t *used = mm_xcalloc(cap, 1);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->used[i])
                continue;
            size_t k = (size_t)oid_hash(&s->slots[i]) & (cap - 1);
            while (used[k])
                k = (k + 1) & (cap - 1);
            slots[k] = s->slots[i];
            used[k] = 1;
        }
        free(s->slots);
        free(s->used);
        s->slots = slots;
        s->used = used;
        s->cap = cap;
    }
    size_t k = (size_t)oid_hash(o) & (s->cap - 1);
    while (s->used[k]) {
        if (git_oid_equal(&s->slots[k], o))
            return false;
        k = (k + 1) & (s->cap - 1);
    }
    s->slots[k] = *o;
    s->used[k] = 1;
    s->n++;
    return true;
}

static void oidset_free(oidset *s)
{
    free(s->slots);
    free(s->used);
    memset(s, 0, sizeof *s);
}

typedef struct tip {
    git_oid oid;
    char *name; /* for notices */
    bool hidden;
} tip;

struct mm_history {
    mm_gitscan *g;
    git_odb *odb;
    MM_VEC(cnode) nodes;
    MM_VEC(uint32_t) parent_pool;
    uint32_t *slots; /* node index + 1 */
    size_t cap;
    MM_VEC(tip) tips;
    MM_VEC(uint32_t) order; /* result commits, parents first */
    oidset shallow, seen, done;
    uint8_t shallow_sum[32];
    bool stateful;          /* over all refs: the state is read and stored */
    size_t done_before;     /* commits of earlier runs */
    mm_buf path;
    size_t missing, submodules, deep;
    struct ctree **tc; /* the tree cache: open addressing by object id */
    size_t tc_cap, tc_n, tc_bytes;
};

/* --- the commit graph ---------------------------------------------------------------------- */

static uint32_t node_get(mm_history *h, const git_oid *oid)
{
    if ((h->nodes.n + 1) * 2 > h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 8192;
        uint32_t *slots = mm_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < h->nodes.n; i++) {
            size_t k = (size_t)oid_hash(&h->nodes.v[i].oid) & (cap - 1);
            while (slots[k])
                k = (k + 1) & (cap - 1);
            slots[k] = (uint32_t)i + 1;
        }
        free(h->slots);
        h->slots = slots;
        h->cap = cap;
    }
    size_t k = (size_t)oid_hash(oid) & (h->cap - 1);
    while (h->slots[k]) {
        uint32_t i = h->slots[k] - 1;
        if (git_oid_equal(&h->nodes.v[i].oid, oid))
            return i;
        k = (k + 1) & (h->cap - 1);
    }
    cnode n;
    memset(&n, 0, sizeof n);
    n.oid = *oid;
    if (oidset_has(&h->done, oid))
        n.flags = F_DONE | F_UNINT;
    mm_vec_push(&h->nodes, n);
    h->slots[k] = (uint32_t)h->nodes.n;
    return (uint32_t)h->nodes.n - 1;
}

static bool hex_oid(const char *p, const char *end, git_oid *out)
{
    return end - p >= GIT_OID_HEXSZ && git_oid_fromstrn(out, p, GIT_OID_HEXSZ) == 0;
}

/* "Name <mail> 1700000000 +0900" -> time, tz in minutes */
static void parse_sig(const char *p, const char *end, int64_t *t, int *tz)
{
    const char *gt = NULL;
    for (const char *q = p; q < end; q++) {
        if (*q == '>')
            gt = q;
    }
    *t = 0;
    *tz = 0;
    if (!gt)
        return;
    const char *q = gt + 1;
    while (q < end && *q == ' ')
        q++;
    int64_t v = 0;
    while (q < end && *q >= '0' && *q <= '9' && v < (INT64_MAX - 9) / 10)
        v = v * 10 + (*q++ - '0');
    *t = v;
    while (q < end && *q == ' ')
        q++;
    if (end - q >= 5 && (*q == '+' || *q == '-')) {
        int hh = (q[1] - '0') * 10 + (q[2] - '0'), mm = (q[3] - '0') * 10 + (q[4] - '0');
        if (hh >= 0 && hh < 100 && mm >= 0 && mm < 60)
            *tz = (*q == '-' ? -1 : 1) * (hh * 60 + mm);
    }
}

/* Reads a commit: its tree, parents and dates. A shallow clone's boundary has no parents. */
static int parse(mm_history *h, uint32_t ni)
{
    if (h->nodes.v[ni].flags & (F_PARSED | F_MISSING))
        return h->nodes.v[ni].flags & F_PARSED ? 0 : -1;
    git_odb_object *obj = NULL;
    git_oid oid = h->nodes.v[ni].oid;
    if (git_odb_read(&obj, h->odb, &oid) < 0 || git_odb_object_type(obj) != GIT_OBJECT_COMMIT) {
        git_odb_object_free(obj);
        h->nodes.v[ni].flags |= F_MISSING;
        return -1;
    }
    const char *p = git_odb_object_data(obj), *end = p + git_odb_object_size(obj);
    git_oid tree;
    int rc = -1;
    uint32_t first = (uint32_t)h->parent_pool.n, np = 0;
    int64_t ct = 0, at = 0;
    int atz = 0, ctz = 0;
    bool shallow = oidset_has(&h->shallow, &oid);
    if (end - p > 5 && !memcmp(p, "tree ", 5) && hex_oid(p + 5, end, &tree)) {
        rc = 0;
        while (p < end && *p != '\n') {
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol)
                eol = end;
            git_oid par;
            if (eol - p > 7 && !memcmp(p, "parent ", 7) && hex_oid(p + 7, eol, &par)) {
                if (!shallow) {
                    uint32_t pi = node_get(h, &par);
                    mm_vec_push(&h->parent_pool, pi);
                    np++;
                }
            } else if (eol - p > 7 && !memcmp(p, "author ", 7)) {
                parse_sig(p + 7, eol, &at, &atz);
            } else if (eol - p > 10 && !memcmp(p, "committer ", 10)) {
                parse_sig(p + 10, eol, &ct, &ctz);
            }
            p = eol + 1;
        }
    }
    git_odb_object_free(obj);
    cnode *n = &h->nodes.v[ni];
    if (rc < 0) {
        n->flags |= F_MISSING;
        return -1;
    }
    n->tree = tree;
    n->parents = first;
    n->nparents = np;
    n->ctime = ct;
    n->atime = at;
    n->atz = atz;
    n->flags |= F_PARSED | (shallow ? F_SHALLOW : 0);
    return 0;
}

/* --- the walk ----------------------------------------------------------------------------------- */

typedef struct heap {
    MM_VEC(uint32_t) v;
} heap;

static bool newer(const mm_history *h, uint32_t a, uint32_t b)
{
    const cnode *x = &h->nodes.v[a], *y = &h->nodes.v[b];
    return x->ctime != y->ctime ? x->ctime > y->ctime : a < b;
}

static void heap_push(mm_history *h, heap *q, uint32_t n)
{
    mm_vec_push(&q->v, n);
    size_t i = q->v.n - 1;
    while (i && newer(h, q->v.v[i], q->v.v[(i - 1) / 2])) {
        uint32_t t = q->v.v[i];
        q->v.v[i] = q->v.v[(i - 1) / 2];
        q->v.v[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static uint32_t heap_pop(mm_history *h, heap *q)
{
    uint32_t top = q->v.v[0];
    q->v.v[0] = q->v.v[--q->v.n];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < q->v.n && newer(h, q->v.v[l], q->v.v[m]))
            m = l;
        if (r < q->v.n && newer(h, q->v.v[r], q->v.v[m]))
            m = r;
        if (m == i)
            break;
        uint32_t t = q->v.v[i];
        q->v.v[i] = q->v.v[m];
        q->v.v[m] = t;
        i = m;
    }
    return top;
}

/* An excluded commit's ancestors are excluded, including those walked already. */
static void mark_unint(mm_history *h, uint32_t start)
{
    MM_VEC(uint32_t) stack = {0};
    mm_vec_push(&stack, start);
    while (stack.n) {
        uint32_t ni = stack.v[--stack.n];
        cnode *n = &h->nodes.v[ni];
        if (!(n->flags & F_PARSED))
            continue;
        for (uint32_t k = 0; k < n->nparents; k++) {
            uint32_t pi = h->parent_pool.v[n->parents + k];
            if (!(h->nodes.v[pi].flags & F_UNINT)) {
                h->nodes.v[pi].flags |= F_UNINT;
                mm_vec_push(&stack, pi);
            }
        }
    }
    mm_vec_free(&stack);
}

/* Notices of one kind listed one by one; the rest are counted in one notice. */
enum { LISTED = 20 };

static void missing_commit(mm_history *h, uint32_t ni, const char *what)
{
    h->missing++;
    if (h->missing > LISTED)
        return; /* a badly damaged repository: one notice says how many more */
    mm_gitscan_notice(h->g, NULL, MM_NOTICE_WARNING, "git-object",
                      "commit %s (%s) cannot be read; history behind it is not scanned",
                      git_oid_tostr_s(&h->nodes.v[ni].oid), what);
}

/* Takes commits newest first from the tips until only excluded ones are left (and SLOP more,
 * for clocks that went backwards), as git rev-list does. */
static void walk(mm_history *h)
{
    heap q = {0};
    for (size_t i = 0; i < h->tips.n; i++) {
        uint32_t ni = node_get(h, &h->tips.v[i].oid);
        cnode *n = &h->nodes.v[ni];
        if (h->tips.v[i].hidden)
            n->flags |= F_UNINT;
        if (n->flags & (F_QUEUED | F_DONE))
            continue;
        if (parse(h, ni) < 0) {
            mm_gitscan_notice(h->g, NULL, MM_NOTICE_WARNING, "git-object",
                              "%s points to commit %s, which cannot be read; not scanned",
                              h->tips.v[i].name, git_oid_tostr_s(&h->tips.v[i].oid));
            continue;
        }
        h->nodes.v[ni].flags |= F_QUEUED;
        heap_push(h, &q, ni);
    }
    int slop = SLOP;
    while (q.v.n) {
        uint32_t ni = heap_pop(h, &q);
        bool unint = h->nodes.v[ni].flags & F_UNINT;
        if (unint)
            mark_unint(h, ni);
        else
            h->nodes.v[ni].flags |= F_RESULT;
        uint32_t np = h->nodes.v[ni].nparents, first = h->nodes.v[ni].parents;
        for (uint32_t k = 0; k < np; k++) {
            uint32_t pi = h->parent_pool.v[first + k];
            if (unint)
                h->nodes.v[pi].flags |= F_UNINT;
            if (h->nodes.v[pi].flags & (F_QUEUED | F_DONE | F_MISSING))
                continue;
            if (parse(h, pi) < 0) {
                missing_commit(h, pi, "a parent");
                continue;
            }
            h->nodes.v[pi].flags |= F_QUEUED;
            heap_push(h, &q, pi);
        }
        if (unint) {
            bool any = false;
            for (size_t i = 0; i < q.v.n && !any; i++)
                any = !(h->nodes.v[q.v.v[i]].flags & F_UNINT);
            if (!any && --slop <= 0)
                break;
            if (any)
                slop = SLOP;
        }
    }
    mm_vec_free(&q.v);
}

/* Result commits, parents before children, depth first from the tips in their order. */
static void order(mm_history *h)
{
    MM_VEC(uint32_t) stack = {0}, next = {0};
    for (size_t t = 0; t <= h->tips.n; t++) {
        size_t count = t < h->tips.n ? 1 : h->nodes.n;
        for (size_t c = 0; c < count; c++) {
            uint32_t root = t < h->tips.n ? node_get(h, &h->tips.v[t].oid) : (uint32_t)c;
            cnode *r = &h->nodes.v[root];
            if (!(r->flags & F_RESULT) || (r->flags & (F_UNINT | F_VISITED)))
                continue;
            r->flags |= F_VISITED;
            mm_vec_push(&stack, root);
            mm_vec_push(&next, 0u);
            while (stack.n) {
                uint32_t ni = stack.v[stack.n - 1];
                uint32_t k = next.v[next.n - 1];
                const cnode *n = &h->nodes.v[ni];
                if (k < n->nparents) {
                    next.v[next.n - 1]++;
                    uint32_t pi = h->parent_pool.v[n->parents + k];
                    cnode *p = &h->nodes.v[pi];
                    if ((p->flags & F_RESULT) && !(p->flags & (F_UNINT | F_VISITED))) {
                        p->flags |= F_VISITED;
                        mm_vec_push(&stack, pi);
                        mm_vec_push(&next, 0u);
                    }
                    continue;
                }
                mm_vec_push(&h->order, ni);
                stack.n--;
                next.n--;
            }
        }
    }
    mm_vec_free(&stack);
    mm_vec_free(&next);
}

/* --- trees ------------------------------------------------------------------------------------ */

typedef struct tentry {
    const char *name;
    size_t nlen;
    unsigned mode;
    const git_oid *oid; /* points into the tree object: 20 raw bytes */
} tentry;

/* A tree object, parsed, shared by the commits that read it. The walk reads the same trees
 * again and again (a commit's parent is the commit before it), so trees are kept, up to
 * TREE_CACHE bytes; then all that no walk holds are dropped at once. What pays is the trees of
 * the last few commits: with 96 MiB the walk of RIOT's history took 28.1 s of CPU and 559 MiB,
 * with 4 MiB 22.4 s and 455 MiB (WLED: 16.2 s, 301 MiB; 15.7 s, 237 MiB), same findings. */
typedef struct ctree {
    git_oid oid;
    git_odb_object *obj; /* the entries point into its data */
    tentry *e;
    size_t n;
    size_t bytes;
    uint32_t refs;       /* held by diff_tree frames */
} ctree;

#define TREE_CACHE ((size_t)4 << 20)

static bool is_dir(unsigned mode)
{
    return (mode & 0170000) == 0040000;
}

static void tc_insert(mm_history *h, ctree *t)
{
    size_t k = (size_t)oid_hash(&t->oid) & (h->tc_cap - 1);
    while (h->tc[k])
        k = (k + 1) & (h->tc_cap - 1);
    h->tc[k] = t;
    h->tc_n++;
}

static void ctree_free(ctree *t)
{
    git_odb_object_free(t->obj);
    free(t->e);
    free(t);
}

/* Drops the trees no frame holds (all of them when all is set). */
static void tc_flush(mm_history *h, bool all)
{
    ctree **old = h->tc;
    size_t cap = h->tc_cap;
    h->tc = mm_xcalloc(cap ? cap : 1, sizeof *h->tc);
    h->tc_n = 0;
    h->tc_bytes = 0;
    for (size_t i = 0; i < cap; i++) {
        ctree *t = old[i];
        if (!t)
            continue;
        if (t->refs && !all) {
            tc_insert(h, t);
            h->tc_bytes += t->bytes;
        } else {
            ctree_free(t);
        }
    }
    free(old);
}

static ctree *tree_get(mm_history *h, const git_oid *oid)
{
    if (h->tc_cap) {
        size_t k = (size_t)oid_hash(oid) & (h->tc_cap - 1);
        while (h->tc[k]) {
            if (git_oid_equal(&h->tc[k]->oid, oid)) {
                h->tc[k]->refs++;
                return h->tc[k];
            }
            k = (k + 1) & (h->tc_cap - 1);
        }
    }
    git_odb_object *obj = NULL;
    if (git_odb_read(&obj, h->odb, oid) < 0)
        return NULL;
    if (git_odb_object_type(obj) != GIT_OBJECT_TREE) {
        git_odb_object_free(obj);
        return NULL;
    }
    MM_VEC(tentry) ents = {0};
    const char *p = git_odb_object_data(obj), *end = p + git_odb_object_size(obj);
    while (p < end) {
        unsigned mode = 0;
        while (p < end && *p >= '0' && *p <= '7')
            mode = mode * 8 + (unsigned)(*p++ - '0');
        if (p >= end || *p != ' ')
            break;
        const char *name = ++p;
        const char *nul = memchr(p, 0, (size_t)(end - p));
        if (!nul || end - nul < 21)
            break;
        tentry e = {name, (size_t)(nul - name), mode, (const git_oid *)(const void *)(nul + 1)};
        if (e.nlen && !memchr(name, '/', e.nlen)) /* a name with '/' is not a path of ours */
            mm_vec_push(&ents, e);
        p = nul + 21;
    }
    ctree *t = mm_xcalloc(1, sizeof *t);
    t->oid = *oid;
    t->obj = obj;
    t->e = ents.v;
    t->n = ents.n;
    t->bytes = git_odb_object_size(obj) + ents.cap * sizeof(tentry) + sizeof *t + 64;
    t->refs = 1;
    if (h->tc_bytes + t->bytes > TREE_CACHE)
        tc_flush(h, false);
    if ((h->tc_n + 1) * 2 > h->tc_cap) {
        ctree **old = h->tc;
        size_t cap = h->tc_cap;
        h->tc_cap = cap ? cap * 2 : 4096;
        h->tc = mm_xcalloc(h->tc_cap, sizeof *h->tc);
        h->tc_n = 0;
        for (size_t i = 0; i < cap; i++) {
            if (old[i])
                tc_insert(h, old[i]);
        }
        free(old);
    }
    tc_insert(h, t);
    h->tc_bytes += t->bytes;
    return t;
}

static void tree_put(ctree *t)
{
    if (t)
        t->refs--;
}

/* git's order of tree entries: names, with a directory compared as if it ended in '/' */
static int entry_cmp(const tentry *a, const tentry *b)
{
    size_t n = a->nlen < b->nlen ? a->nlen : b->nlen;
    int c = memcmp(a->name, b->name, n);
    if (c)
        return c;
    unsigned ca = a->nlen > n ? (unsigned char)a->name[n] : is_dir(a->mode) ? '/' : 0;
    unsigned cb = b->nlen > n ? (unsigned char)b->name[n] : is_dir(b->mode) ? '/' : 0;
    return (int)ca - (int)cb;
}

typedef struct commit_ctx {
    cnode c; /* a copy: the node array may grow while parents are read */
    uint32_t index;
} commit_ctx;

static void add_job(mm_history *h, const commit_ctx *cc, const tentry *e, const tentry *const *pm,
                    size_t np)
{
    mm_gjob *j = mm_gjob_add(&h->g->jobs);
    j->path = mm_xstrndup(h->path.data, h->path.len);
    memcpy(j->oid.id, e->oid->id, GIT_OID_RAWSZ);
    j->has_oid = true;
    j->commit = cc->c.oid;
    j->time = cc->c.atime;
    j->tz = cc->c.atz;
    for (size_t i = 0; i < np; i++) {
        if (pm[i] && (pm[i]->mode & 0170000) == 0100000) {
            if (!j->bases)
                j->bases = mm_xmalloc(np * sizeof *j->bases);
            memcpy(j->bases[j->nbases++].id, pm[i]->oid->id, GIT_OID_RAWSZ);
        }
    }
    j->lines = j->nbases > 0;
    j->whole_cache = !j->lines; /* whole-blob results serve HEAD's comparison too */
    mm_gjob_publish(&h->g->jobs);
}

/* Compares tree t with the parents' trees at the same directory (NULL: none there). */
static void diff_tree(mm_history *h, const commit_ctx *cc, const git_oid *t,
                      const git_oid *const *ptrees, size_t np, int depth)
{
    ctree *cur = tree_get(h, t), *par[16];
    if (!cur) {
        missing_commit(h, cc->index, "a tree of it");
        return;
    }
    for (size_t i = 0; i < np; i++)
        par[i] = ptrees[i] ? tree_get(h, ptrees[i]) : NULL; /* none: all of it is new */
    size_t cursor[16] = {0};
    size_t base_len = h->path.len;
    for (size_t k = 0; k < cur->n; k++) {
        const tentry *e = &cur->e[k];
        const tentry *pm[16];
        bool same = false;
        for (size_t i = 0; i < np; i++) {
            size_t pn = par[i] ? par[i]->n : 0;
            while (cursor[i] < pn && entry_cmp(&par[i]->e[cursor[i]], e) < 0)
                cursor[i]++;
            const tentry *p = cursor[i] < pn ? &par[i]->e[cursor[i]] : NULL;
            pm[i] = p && p->nlen == e->nlen && !memcmp(p->name, e->name, e->nlen) ? p : NULL;
            if (pm[i] && pm[i]->mode == e->mode && git_oid_equal(pm[i]->oid, e->oid))
                same = true;
        }
        if (same)
            continue; /* as in a parent: its content is not this commit's */
        h->path.len = base_len;
        mm_buf_put(&h->path, e->name, e->nlen);
        const char *path = mm_buf_cstr(&h->path);
        unsigned type = e->mode & 0170000;
        if (type == 0040000) {
            if (!mm_gitscan_wants(h->g, path, true))
                continue;
            if (depth >= MAX_DEPTH) {
                /* a hostile repository's nesting must not exhaust the stack */
                if (!h->deep++)
                    mm_gitscan_notice(h->g, path, MM_NOTICE_WARNING, "depth",
                                      "directory nesting deeper than %d levels (commit %s); "
                                      "not descended",
                                      MAX_DEPTH, git_oid_tostr_s(&cc->c.oid));
                continue;
            }
            const git_oid *sub[16];
            for (size_t i = 0; i < np; i++)
                sub[i] = pm[i] && is_dir(pm[i]->mode) ? pm[i]->oid : NULL;
            mm_buf_putc(&h->path, '/');
            diff_tree(h, cc, e->oid, sub, np, depth + 1);
        } else if (type == 0100000) {
            if (!mm_gitscan_wants(h->g, path, false) || !oidset_add(&h->seen, e->oid))
                continue;
            add_job(h, cc, e, pm, np);
        } else if (type == 0160000) {
            h->submodules++;
            if (h->submodules <= LISTED)
                mm_gitscan_notice(h->g, path, MM_NOTICE_NOTE, "submodule",
                                  "submodule link (commit %s) not scanned; scan the submodule on "
                                  "its own",
                                  git_oid_tostr_s(&cc->c.oid));
        }
        /* symbolic links (120000) hold a path, not content */
    }
    h->path.len = base_len;
    tree_put(cur);
    for (size_t i = 0; i < np; i++)
        tree_put(par[i]);
}

static void diff_commit(mm_history *h, uint32_t ni)
{
    git_oid ptrees[16];
    const git_oid *pt[16];
    size_t np = 0;
    for (uint32_t k = 0; k < h->nodes.v[ni].nparents && np < 16; k++) {
        uint32_t pi = h->parent_pool.v[h->nodes.v[ni].parents + k];
        if (parse(h, pi) < 0)
            continue; /* a missing parent: compared with the others (or nothing) */
        ptrees[np] = h->nodes.v[pi].tree;
        pt[np] = &ptrees[np];
        np++;
    }
    commit_ctx cc = {h->nodes.v[ni], ni};
    h->path.len = 0;
    diff_tree(h, &cc, &cc.c.tree, pt, np, 0);
}

/* --- tips ------------------------------------------------------------------------------------- */

static int add_rev(mm_history *h, const char *rev, bool hidden, mm_err *err)
{
    git_object *obj = NULL, *peeled = NULL;
    if (git_revparse_single(&obj, h->g->repo, rev) < 0 ||
        git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
        const git_error *ge = git_error_last();
        git_object_free(obj);
        return mm_err_set(err, 2, NULL, 0, 0, "revision \"%s\" is not a commit of %s: %s", rev,
                          h->g->s->root, ge ? ge->message : "unknown revision");
    }
    tip t = {*git_object_id(peeled), mm_xstrdup(rev), hidden};
    mm_vec_push(&h->tips, t);
    git_object_free(peeled);
    git_object_free(obj);
    return 0;
}

static int cmp_tip(const void *a, const void *b)
{
    return strcmp(((const tip *)a)->name, ((const tip *)b)->name);
}

/* Every ref that leads to a commit, HEAD first, the others by name. */
static void all_refs(mm_history *h)
{
    git_reference_iterator *it = NULL;
    git_reference *ref;
    size_t first = h->tips.n;
    if (git_reference_iterator_new(&it, h->g->repo) == 0) {
        while (git_reference_next(&ref, it) == 0) {
            /* a ref at a commit an earlier run walked needs no reading (a large repository has
             * tens of thousands of refs: pull requests, tags) */
            const git_oid *direct = git_reference_type(ref) == GIT_REFERENCE_DIRECT
                                        ? git_reference_target(ref)
                                        : NULL;
            const git_oid *peeled = git_reference_target_peel(ref);
            if (peeled && oidset_has(&h->done, peeled))
                direct = peeled;
            git_object *c = NULL;
            int rc = 0;
            if (direct && oidset_has(&h->done, direct)) {
                tip t = {*direct, mm_xstrdup(git_reference_name(ref)), false};
                mm_vec_push(&h->tips, t);
            } else if ((rc = git_reference_peel(&c, ref, GIT_OBJECT_COMMIT)) == 0) {
                tip t = {*git_object_id(c), mm_xstrdup(git_reference_name(ref)), false};
                mm_vec_push(&h->tips, t);
            } else if (direct && rc != GIT_EPEEL && rc != GIT_EINVALIDSPEC) {
                /* not a tag of a tree or blob: the object cannot be read (a damaged pack). The
                 * walk says so (missing_commit), rather than the history looking empty */
                tip t = {*direct, mm_xstrdup(git_reference_name(ref)), false};
                mm_vec_push(&h->tips, t);
            }
            git_object_free(c);
            git_reference_free(ref);
        }
        git_reference_iterator_free(it);
    }
    mm_sort(h->tips.v + first, h->tips.n - first, sizeof *h->tips.v, cmp_tip);
    git_oid head;
    if (h->g->s->head[0] && git_oid_fromstr(&head, h->g->s->head) == 0) {
        tip t = {head, mm_xstrdup("HEAD"), false};
        mm_vec_push(&h->tips, t);
        memmove(h->tips.v + first + 1, h->tips.v + first,
                (h->tips.n - first - 1) * sizeof *h->tips.v);
        h->tips.v[first] = t;
    }
    git_error_clear();
}

static void read_shallow(mm_history *h)
{
    char *path = mm_xasprintf("%s/shallow", h->g->gitdir);
    char *data = NULL;
    size_t len = 0;
    mm_err err;
    if (mm_read_file(path, (size_t)64 << 20, &data, &len, &err) == 0) {
        mm_sha256(data, len, h->shallow_sum);
        for (const char *p = data, *end = data + len; p < end;) {
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol)
                eol = end;
            git_oid o;
            if (hex_oid(p, eol, &o))
                oidset_add(&h->shallow, &o);
            p = eol + 1;
        }
        if (h->shallow.n)
            mm_gitscan_notice(h->g, NULL, MM_NOTICE_NOTE, "shallow",
                              mm_ntr("shallow clone: history before %zu commit is not in this "
                                     "repository; what that commit holds is attributed to it",
                                     "shallow clone: history before %zu commits is not in this "
                                     "repository; what those commits hold is attributed to them",
                                     h->shallow.n),
                              h->shallow.n);
    }
    free(data);
    free(path);
}

/* --- the state of earlier runs ------------------------------------------------------------------ */

static void state_key(const mm_history *h, uint8_t key[MM_CACHE_KEY])
{
    /* what the walk depends on beyond the scan's identity: the policy's exclusions */
    mm_buf b = {0};
    mm_buf_puts(&b, "history all-refs");
    const mm_policy *p = h->g->s->policy;
    for (size_t i = 0; p && i < p->exclude.n; i++)
        mm_buf_printf(&b, "\n%s", p->exclude.v[i]);
    mm_cache_key(key, MM_CACHE_HISTORY, NULL, mm_buf_cstr(&b), STATE_VERSION);
    mm_buf_free(&b);
}

static void enc_oid(mm_buf *b, const git_oid *o)
{
    mm_buf_put(b, o->id, GIT_OID_RAWSZ);
}

static bool dec_oid(mm_reader *r, git_oid *o)
{
    const uint8_t *p = mm_dec_bytes(r, GIT_OID_RAWSZ);
    if (p)
        memcpy(o->id, p, GIT_OID_RAWSZ);
    return p != NULL;
}

typedef struct prior {
    MM_VEC(git_oid) tips;
    MM_VEC(mm_gjob) jobs; /* earlier findings, published once the state is known to hold */
    MM_VEC(mm_notice) notices;
} prior;

static void prior_free(prior *pr)
{
    for (size_t i = 0; i < pr->notices.n; i++)
        mm_notice_free(&pr->notices.v[i]);
    mm_vec_free(&pr->notices);
    for (size_t i = 0; i < pr->jobs.n; i++) {
        free(pr->jobs.v[i].path);
        mm_file_result_delete(pr->jobs.v[i].res);
    }
    mm_vec_free(&pr->jobs);
    mm_vec_free(&pr->tips);
}

/* Loads the state: the walked commits (done), the seen blobs, the earlier findings (as finished
 * jobs) and the tips of then. Returns false when there is none, or it does not fit. */
static bool load_state(mm_history *h, prior *pr)
{
    mm_scan *s = h->g->s;
    uint8_t key[MM_CACHE_KEY];
    state_key(h, key);
    mm_buf v = {0};
    if (!s->cache || !mm_cache_get(s->cache, key, &v))
        return false;
    mm_reader r = {(const uint8_t *)v.data, (const uint8_t *)v.data + v.len, false};
    const uint8_t *sum = mm_dec_bytes(&r, 32);
    bool ok = sum && !memcmp(sum, h->shallow_sum, 32);
    uint32_t n = ok ? mm_dec_u32(&r) : 0;
    for (uint32_t i = 0; ok && i < n && !r.bad; i++) {
        git_oid o;
        if (dec_oid(&r, &o))
            mm_vec_push(&pr->tips, o);
    }
    n = ok ? mm_dec_u32(&r) : 0;
    for (uint32_t i = 0; ok && i < n && !r.bad; i++) {
        git_oid o;
        if (dec_oid(&r, &o))
            oidset_add(&h->done, &o);
    }
    n = ok ? mm_dec_u32(&r) : 0;
    for (uint32_t i = 0; ok && i < n && !r.bad; i++) {
        git_oid o;
        if (dec_oid(&r, &o))
            oidset_add(&h->seen, &o);
    }
    n = ok ? mm_dec_u32(&r) : 0;
    for (uint32_t i = 0; ok && i < n && !r.bad; i++) {
        mm_gjob j;
        memset(&j, 0, sizeof j);
        dec_oid(&r, &j.commit);
        j.time = (int64_t)mm_dec_u64(&r);
        j.tz = (int)(int32_t)mm_dec_u32(&r);
        j.has_oid = dec_oid(&r, &j.oid);
        j.path = mm_dec_str(&r);
        j.done = true;
        j.res = mm_xcalloc(1, sizeof *j.res);
        if (!j.path || mm_result_decode(&r, s->rules, j.res) < 0) {
            r.bad = true;
            free(j.path);
            mm_file_result_delete(j.res);
            break;
        }
        mm_vec_push(&pr->jobs, j);
    }
    n = ok ? mm_dec_u32(&r) : 0;
    for (uint32_t i = 0; ok && i < n && !r.bad; i++) {
        mm_notice no = {mm_dec_str(&r), 0, 0, MM_NOTICE_NOTE, NULL, NULL};
        no.level = mm_dec_u32(&r) ? MM_NOTICE_WARNING : MM_NOTICE_NOTE;
        no.code = mm_dec_str(&r);
        no.message = mm_dec_str(&r);
        if (!no.code || !no.message) {
            r.bad = true;
            mm_notice_free(&no);
            break;
        }
        mm_vec_push(&pr->notices, no);
    }
    ok = ok && !r.bad && r.p == r.end;
    mm_buf_free(&v);
    if (!ok) {
        /* not ours after all: forget what was read */
        oidset_free(&h->done);
        oidset_free(&h->seen);
        prior_free(pr);
        memset(pr, 0, sizeof *pr);
    }
    return ok;
}

/* Notices about commits, which a later run does not walk again (not the ones every run makes). */
static bool walk_notice(const mm_notice *n)
{
    return !strcmp(n->code, "submodule") || !strcmp(n->code, "git-object");
}

void mm_history_store(mm_gitscan *g, mm_history *h)
{
    mm_scan *s = g->s;
    if (!h || !h->stateful || !s->cache)
        return;
    for (size_t i = 0; i < h->order.n; i++)
        oidset_add(&h->done, &h->nodes.v[h->order.v[i]].oid);
    mm_buf b = {0};
    mm_buf_put(&b, h->shallow_sum, 32);
    size_t ntips = 0;
    for (size_t i = 0; i < h->tips.n; i++)
        ntips += !h->tips.v[i].hidden;
    mm_enc_u32(&b, (uint32_t)ntips);
    for (size_t i = 0; i < h->tips.n; i++) {
        if (!h->tips.v[i].hidden)
            enc_oid(&b, &h->tips.v[i].oid);
    }
    const oidset *sets[] = {&h->done, &h->seen};
    for (size_t k = 0; k < 2; k++) {
        mm_enc_u32(&b, (uint32_t)sets[k]->n);
        for (size_t i = 0; i < sets[k]->cap; i++) {
            if (sets[k]->used[i])
                enc_oid(&b, &sets[k]->slots[i]);
        }
    }
    size_t count_at = b.len, count = 0;
    mm_enc_u32(&b, 0);
    for (size_t i = 0; i < g->jobs.n; i++) {
        const mm_gjob *j = mm_gjob_at(&g->jobs, i);
        if (!j->res || (!j->res->findings.n && !j->res->notices.n))
            continue;
        enc_oid(&b, &j->commit);
        mm_enc_u64(&b, (uint64_t)j->time);
        mm_enc_u32(&b, (uint32_t)(int32_t)j->tz);
        enc_oid(&b, &j->oid);
        mm_enc_str(&b, j->path);
        mm_result_encode(&b, j->res);
        count++;
    }
    for (int i = 0; i < 4; i++)
        ((uint8_t *)b.data)[count_at + (size_t)i] = (uint8_t)(count >> (8 * i));
    /* what the walk said about the commits it read (submodule links, unreadable commits), so
     * that a run with the cache says what one without it says */
    size_t nn = 0;
    for (size_t i = 0; i < g->notices.n; i++)
        nn += walk_notice(&g->notices.v[i]);
    mm_enc_u32(&b, (uint32_t)nn);
    for (size_t i = 0; i < g->notices.n; i++) {
        const mm_notice *n = &g->notices.v[i];
        if (!walk_notice(n))
            continue;
        mm_enc_str(&b, n->path);
        mm_enc_u32(&b, n->level == MM_NOTICE_WARNING);
        mm_enc_str(&b, n->code);
        mm_enc_str(&b, n->message);
    }
    uint8_t key[MM_CACHE_KEY];
    state_key(h, key);
    mm_cache_put(s->cache, key, b.data, b.len);
    mm_buf_free(&b);
}

/* Are the tips of the earlier run still reachable? Those the walk reached are; for the others
 * the commits are walked (without trees) from today's tips. */
static bool prior_tips_reachable(mm_history *h, const prior *pr)
{
    oidset pending = {0}, now = {0};
    for (size_t t = 0; t < h->tips.n; t++) {
        if (!h->tips.v[t].hidden)
            oidset_add(&now, &h->tips.v[t].oid);
    }
    for (size_t i = 0; i < pr->tips.n; i++) {
        bool reached = oidset_has(&now, &pr->tips.v[i]);
        if (!reached && h->cap) {
            /* a node of this walk: a new commit's parent */
            size_t k = (size_t)oid_hash(&pr->tips.v[i]) & (h->cap - 1);
            while (h->slots[k] && !reached) {
                reached = git_oid_equal(&h->nodes.v[h->slots[k] - 1].oid, &pr->tips.v[i]);
                k = (k + 1) & (h->cap - 1);
            }
        }
        if (!reached)
            oidset_add(&pending, &pr->tips.v[i]);
    }
    oidset_free(&now);
    if (!pending.n) {
        oidset_free(&pending);
        return true;
    }
    /* breadth first through every commit until all pending tips are found */
    oidset visited = {0};
    MM_VEC(git_oid) q = {0};
    for (size_t t = 0; t < h->tips.n; t++) {
        if (!h->tips.v[t].hidden && oidset_add(&visited, &h->tips.v[t].oid))
            mm_vec_push(&q, h->tips.v[t].oid);
    }
    size_t found = 0;
    for (size_t i = 0; i < q.n && found < pending.n; i++) {
        git_oid cur = q.v[i];
        if (oidset_has(&pending, &cur))
            found++;
        git_odb_object *obj = NULL;
        if (oidset_has(&h->shallow, &cur) || git_odb_read(&obj, h->odb, &cur) < 0)
            continue;
        const char *p = git_odb_object_data(obj), *end = p + git_odb_object_size(obj);
        while (p < end && *p != '\n') {
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol)
                eol = end;
            git_oid par;
            if (eol - p > 7 && !memcmp(p, "parent ", 7) && hex_oid(p + 7, eol, &par) &&
                oidset_add(&visited, &par))
                mm_vec_push(&q, par);
            p = eol + 1;
        }
        git_odb_object_free(obj);
    }
    bool all = found == pending.n;
    mm_vec_free(&q);
    oidset_free(&visited);
    oidset_free(&pending);
    return all;
}

static void reset_graph(mm_history *h)
{
    mm_vec_free(&h->nodes);
    mm_vec_free(&h->parent_pool);
    free(h->slots);
    h->slots = NULL;
    h->cap = 0;
    mm_vec_free(&h->order);
}

/* --- the walk, from the options ------------------------------------------------------------------- */

int mm_history_walk(mm_gitscan *g, mm_history **out, mm_err *err)
{
    const mm_git_opts *o = g->o;
    mm_scan *s = g->s;
    mm_history *h = mm_xcalloc(1, sizeof *h);
    *out = h;
    h->g = g;
    if (git_repository_odb(&h->odb, g->repo) < 0) {
        const git_error *ge = git_error_last();
        return mm_err_set(err, 3, NULL, 0, 0, "cannot open the object database: %s",
                          ge ? ge->message : "unknown error");
    }
    /* which commits: A..B, --branch, all refs (--history), or HEAD (with --since only) */
    if (o->range) {
        const char *dots = strstr(o->range, "..");
        if (!dots || dots[2] == '.')
            return mm_err_set(err, 2, NULL, 0, 0,
                              "--history=%s: a range is A..B (commits reachable from B and not "
                              "from A)",
                              o->range);
        char *a = mm_xstrndup(o->range, (size_t)(dots - o->range));
        const char *b = dots + 2;
        int rc = add_rev(h, b[0] ? b : "HEAD", false, err);
        if (rc == 0)
            rc = add_rev(h, a[0] ? a : "HEAD", true, err);
        free(a);
        if (rc < 0)
            return -1;
    }
    for (size_t i = 0; i < o->nbranches; i++) {
        if (add_rev(h, o->branches[i], false, err) < 0)
            return -1;
    }
    bool explicit = o->range || o->nbranches;
    read_shallow(h);
    h->stateful = !explicit && !o->nsince && !g->filters.n && s->cache;
    prior pr = {0};
    bool have_state = h->stateful && load_state(h, &pr);
    if (!explicit) {
        if (!o->all_refs) {
            if (!s->head[0]) {
                prior_free(&pr);
                return mm_err_set(err, 2, NULL, 0, 0, "--since: HEAD has no commit yet");
            }
            if (add_rev(h, "HEAD", false, err) < 0) {
                prior_free(&pr);
                return -1;
            }
        } else {
            all_refs(h);
        }
    }
    for (size_t i = 0; i < o->nsince; i++) {
        if (add_rev(h, o->since[i], true, err) < 0) {
            prior_free(&pr);
            return -1;
        }
    }
    walk(h);
    if (have_state && !prior_tips_reachable(h, &pr)) {
        /* a branch was deleted or rewritten: what its commits held may no longer be history */
        mm_gitscan_notice(g, NULL, MM_NOTICE_NOTE, "cache",
                          "a ref seen by the last history scan was deleted or rewritten; "
                          "history is scanned again from the start");
        oidset_free(&h->done);
        oidset_free(&h->seen);
        reset_graph(h);
        have_state = false;
        walk(h);
    }
    if (have_state) {
        /* the earlier runs' findings come first: their commits are older */
        for (size_t i = 0; i < pr.jobs.n; i++) {
            mm_gjob *j = mm_gjob_add(&g->jobs);
            *j = pr.jobs.v[i];
            mm_gjob_publish(&g->jobs);
        }
        pr.jobs.n = 0;
        pthread_mutex_lock(&g->notice_mu);
        for (size_t i = 0; i < pr.notices.n; i++)
            mm_vec_push(&g->notices, pr.notices.v[i]);
        pthread_mutex_unlock(&g->notice_mu);
        pr.notices.n = 0;
        h->done_before = h->done.n;
        g->prior_blobs = h->seen.n;
    }
    prior_free(&pr);
    order(h);
    s->commits_scanned = h->order.n;
    s->commits_cached = h->done_before;
    for (size_t i = 0; i < h->order.n; i++)
        diff_commit(h, h->order.v[i]);
    /* beyond the first LISTED of a kind, one notice stands for the rest (its count) */
    if (h->missing > LISTED)
        mm_gitscan_notice_more(g, MM_NOTICE_WARNING, "git-object", h->missing - LISTED,
                               "%zu more commits cannot be read (not listed)",
                               h->missing - LISTED);
    if (h->submodules > LISTED)
        mm_gitscan_notice_more(g, MM_NOTICE_NOTE, "submodule", h->submodules - LISTED,
                               "%zu more submodule links were not scanned (not listed)",
                               h->submodules - LISTED);
    if (!h->tips.n && !s->head[0])
        mm_gitscan_notice(g, NULL, MM_NOTICE_NOTE, "no-commits",
                          "the repository has no commits yet: no history to scan");
    return 0;
}

void mm_history_free(mm_history *h)
{
    if (!h)
        return;
    tc_flush(h, true);
    free(h->tc);
    reset_graph(h);
    for (size_t i = 0; i < h->tips.n; i++)
        free(h->tips.v[i].name);
    mm_vec_free(&h->tips);
    oidset_free(&h->shallow);
    oidset_free(&h->seen);
    oidset_free(&h->done);
    mm_buf_free(&h->path);
    git_odb_free(h->odb);
    free(h);
}
