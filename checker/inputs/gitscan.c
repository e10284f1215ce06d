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

#include "core/policy.h"
#include "core/roles.h"
#include "inputs/cache.h"
#include "inputs/input.h"
#include "inputs/worktree.h"


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

bool mm_gitscan_rev_has(const mm_gitscan *g, const git_oid *oid)
{
    return g->rev_ids && pathmap_get(g->rev_ids, git_oid_tostr_s(oid)) != NULL;
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

static void head_fingerprints(mm_gitscan *g, mm_gpool *p, mm_strset *set, strvec *owned)
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
    mm_gjobs_init(&q);
    mm_gpool_start(p, &q);
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
    mm_gpool_join(p, &q);
    for (size_t i = 0; i < q.n; i++) {
        mm_gjob *j = mm_gjob_at(&q, i);
        for (size_t k = 0; j->res && k < j->res->findings.n; k++) {
            const mm_finding *f = &j->res->findings.v[k];
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
    mm_gjobs_free(&q);
    pthread_mutex_destroy(&q.mu);
    pthread_cond_destroy(&q.cv);
    pathmap_free(&head);
}

/* History: one finding per (rule, fingerprint, path), the first commit's (jobs are in the order
 * commits were walked: parents first). */
static void history_results(mm_gitscan *g, mm_gpool *p, mm_file_result *results, size_t *nres)
{
    mm_scan *s = g->s;
    mm_strset seen = {0};
    strvec owned = {0};
    size_t k = 0, nfind = 0;
    for (size_t i = 0; i < g->jobs.n; i++) {
        mm_gjob *j = mm_gjob_at(&g->jobs, i);
        mm_file_result *r = j->res;
        if (!r)
            continue;
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
    mm_gjobs_init(&g.jobs);
    pthread_mutex_init(&g.notice_mu, NULL);
    s->mode = o->history ? MM_INPUT_HISTORY : o->diff ? MM_INPUT_DIFF : MM_INPUT_STAGED;
    s->analyzers = o->history ? MM_ANALYZERS_NONE : MM_ANALYZERS_PARTIAL;
    /* Objects are read as git itself reads them: zlib's checksum catches a damaged object, and
     * hashing every object again (libgit2's default) would double the cost of a history scan. */
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    /* history.c keeps the trees it reads again; libgit2's object cache, once full, evicts by
     * walking its table from the start on every insertion, which costs more than it saves */
    git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
    mm_gpool p;
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
        if (!s->roles)
            mm_roles_prepare(s); /* each file asks it for its role */
        rc = mm_gpool_init(&p, &g, err);
    }
    if (rc == 0) {
        mm_gpool_start(&p, &g.jobs);
        if (o->history)
            rc = mm_history_walk(&g, &hist, err);
        else if (o->staged)
            rc = produce_staged(&g, err);
        else
            rc = produce_diff(&g, &ids, err);
        mm_gpool_join(&p, &g.jobs);
    }
    if (rc == 0) {
        size_t n = g.jobs.n;
        mm_file_result *results = mm_xcalloc(n ? n : 1, sizeof *results);
        size_t k = 0, scanned = 0, cached = 0, skipped = 0;
        if (o->history) {
            mm_history_store(&g, hist);
            for (size_t i = 0; i < n; i++) {
                const mm_gjob *j = mm_gjob_at(&g.jobs, i);
                scanned += !j->done && !j->skipped;
                skipped += !j->done && j->skipped;
                cached += j->cached;
            }
            history_results(&g, &p, results, &k);
        } else {
            for (size_t i = 0; i < n; i++) {
                mm_gjob *j = mm_gjob_at(&g.jobs, i);
                if (j->unchanged || !j->res)
                    continue;
                cached += j->cached;
                if (o->staged && j->res->findings.n)
                    set_origin(j->res, new_origin(s, MM_ORIGIN_INDEX, j));
                results[k++] = *j->res;
                free(j->res);
                j->res = NULL;
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
    mm_gpool_free(&p);
    mm_history_free(hist);
    mm_scan_cache_close(s);
    mm_gjobs_free(&g.jobs);
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
