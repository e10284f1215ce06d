/* components.c: the project's inventory, built once after the scan from every file's component
 * records — records of one component merged (a submodule, the license file and the version
 * header inside it), declarations matched to what was found — and the analyzers of the
 * `component` rules that judge it. */
#define _GNU_SOURCE
#include <ctype.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "match/matchers.h"
#include "base/i18n.h"
#include "model/policy.h"
#include "project/inventory_int.h"
#include "project/osv.h"

/* --- names and versions ------------------------------------------------------------------- */

/* lower case, letters and digits only, without a "lib" prefix: "Mbed TLS" = "mbedtls",
 * "libcurl" = "curl", "FreeRTOS-Kernel" = "freertoskernel" */
static void norm_name(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        if (isalnum((unsigned char)*s))
            out[n++] = (char)tolower((unsigned char)*s);
    }
    out[n] = 0;
    if (n > 5 && !strncmp(out, "lib", 3))
        memmove(out, out + 3, n - 2);
}

bool mm_component_same_name(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    char x[256], y[256];
    /* "espressif/led_strip" names the same as "led_strip" */
    const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
    norm_name(sa ? sa + 1 : a, x, sizeof x);
    norm_name(sb ? sb + 1 : b, y, sizeof y);
    return x[0] && !strcmp(x, y);
}

static const char *skip_v(const char *v)
{
    return (v[0] == 'v' || v[0] == 'V') && isdigit((unsigned char)v[1]) ? v + 1 : v;
}

static bool hexstr(const char *s)
{
    for (; *s; s++) {
        if (!isxdigit((unsigned char)*s))
            return false;
    }
    return true;
}

bool mm_component_same_version(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    a = skip_v(a);
    b = skip_v(b);
    if (!strcasecmp(a, b))
        return true;
    size_t la = strlen(a), lb = strlen(b);
    /* an abbreviated commit id */
    if (la >= 7 && lb >= 7 && hexstr(a) && hexstr(b))
        return !strncasecmp(a, b, la < lb ? la : lb);
    return false;
}

/* Tokens of a version: numbers compare as numbers, words as text; a word after '-' is a
 * pre-release ("1.0.0-rc1" < "1.0.0"). */
int mm_version_cmp(const char *a, const char *b)
{
    a = skip_v(a);
    b = skip_v(b);
    for (;;) {
        while (*a && !isalnum((unsigned char)*a) && *a != '-')
            a++;
        while (*b && !isalnum((unsigned char)*b) && *b != '-')
            b++;
        bool pre_a = *a == '-', pre_b = *b == '-';
        if (pre_a)
            a++;
        if (pre_b)
            b++;
        if (!*a || !*b) {
            if (!*a && !*b)
                return 0;
            /* "1.0" vs "1.0-rc1": the one with a pre-release is lower; "1.0" vs "1.0.1": the
             * longer is higher */
            if (!*a)
                return pre_b && !isdigit((unsigned char)*b) ? 1 : -1;
            return pre_a && !isdigit((unsigned char)*a) ? -1 : 1;
        }
        if (pre_a != pre_b && !isdigit((unsigned char)*a) != !isdigit((unsigned char)*b))
            return pre_a ? -1 : 1;
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            while (*a == '0' && isdigit((unsigned char)a[1]))
                a++;
            while (*b == '0' && isdigit((unsigned char)b[1]))
                b++;
            size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
            if (na != nb)
                return na < nb ? -1 : 1;
            int c = strncmp(a, b, na);
            if (c)
                return c < 0 ? -1 : 1;
            a += na;
            b += nb;
        } else if (isdigit((unsigned char)*a) != isdigit((unsigned char)*b)) {
            /* a number ranks above a word at the same place: "1.0.1" > "1.0.beta" */
            return isdigit((unsigned char)*a) ? 1 : -1;
        } else {
            size_t na = 0, nb = 0;
            while (isalpha((unsigned char)a[na]))
                na++;
            while (isalpha((unsigned char)b[nb]))
                nb++;
            int c = strncasecmp(a, b, na < nb ? na : nb);
            if (c)
                return c < 0 ? -1 : 1;
            if (na != nb)
                return na < nb ? -1 : 1;
            a += na;
            b += nb;
        }
    }
}

/* --- well-known libraries: purl and CPE when the tree does not say (inv_known.c) ---------- */

/* a version fit for a CPE or a purl: digits first, no spaces, not a commit id */
static bool release_version(const char *v)
{
    if (!v || !*v || strpbrk(v, " \t:*?"))
        return false;
    v = skip_v(v);
    if (strlen(v) >= 7 && hexstr(v))
        return false;
    return isdigit((unsigned char)v[0]) != 0;
}

/* --- building ------------------------------------------------------------------------------- */

static char *keep(mm_inventory *inv, char *s)
{
    if (s)
        mm_vec_push(&inv->strs, s);
    return s;
}

/* How much a record says about where the component is written down, for choosing the one a
 * finding points at: a manifest entry first, then a version header, then a license file. */
static int rank(const mm_component *r)
{
    if (!strcmp(r->source, "idf-managed"))
        return 2;
    if (!strcmp(r->source, "idf-lock"))
        return 3;
    if (r->evidence & MM_EV_MANIFEST)
        return 1;
    if (r->evidence & MM_EV_VERSION)
        return 4;
    return 5;
}

static int cmp_rec(const void *pa, const void *pb)
{
    const mm_component *a = *(const mm_component *const *)pa;
    const mm_component *b = *(const mm_component *const *)pb;
    int c = strcmp(a->key ? a->key : "", b->key ? b->key : "");
    if (c)
        return c;
    if (rank(a) != rank(b))
        return rank(a) < rank(b) ? -1 : 1;
    c = strcmp(a->path, b->path);
    if (c)
        return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

typedef struct group {
    MM_VEC(const mm_component *) recs;
    unsigned evidence;
    const char *dir;
    const char *name;
    bool dead; /* merged into another group */
} group;

static bool dir_within(const char *dir, const char *container)
{
    size_t n = strlen(container);
    if (!n)
        return false;
    return !strncmp(dir, container, n) && (dir[n] == 0 || dir[n] == '/');
}

static void group_add(group *g, const mm_component *r)
{
    mm_vec_push(&g->recs, r);
    g->evidence |= r->evidence;
    if (!g->dir && r->dir)
        g->dir = r->dir;
}

static void group_merge(group *into, group *from)
{
    for (size_t i = 0; i < from->recs.n; i++)
        group_add(into, from->recs.v[i]);
    from->dead = true;
}

/* The repository of the scanned tree, as far as submodules need it. */
typedef struct gitctx {
    git_repository *repo;
    git_tree *head;    /* HEAD's tree, or NULL (unborn) */
    git_index *index;  /* or NULL */
    const char *root;
} gitctx;

static void git_open(gitctx *g, const char *root)
{
    memset(g, 0, sizeof *g);
    g->root = root;
    if (git_repository_open_ext(&g->repo, root, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) != 0) {
        g->repo = NULL;
        return;
    }
    /* HEAD's tree through its reference (libgit2 1.5's git_revparse_single("HEAD^{tree}")
     * leaks the reference when the commit cannot be read: a damaged pack) */
    git_reference *ref = NULL;
    git_object *obj = NULL;
    if (git_repository_head(&ref, g->repo) == 0 &&
        git_reference_peel(&obj, ref, GIT_OBJECT_TREE) == 0)
        g->head = (git_tree *)obj;
    git_reference_free(ref);
    git_error_clear();
    if (git_repository_index(&g->index, g->repo) != 0)
        g->index = NULL;
}

static void git_close(gitctx *g)
{
    if (g->head)
        git_tree_free(g->head);
    if (g->index)
        git_index_free(g->index);
    if (g->repo)
        git_repository_free(g->repo);
}

/* The commit a submodule's gitlink pins: HEAD's tree entry at its path (what was committed),
 * else the index's (a submodule added but not committed yet). Never runs git. */
static char *gitlink_commit(gitctx *g, const char *dir, git_oid *oid)
{
    if (!g->repo || !dir)
        return NULL;
    bool found = false;
    git_tree_entry *te = NULL;
    if (g->head && git_tree_entry_bypath(&te, g->head, dir) == 0) {
        if (git_tree_entry_filemode(te) == GIT_FILEMODE_COMMIT) {
            git_oid_cpy(oid, git_tree_entry_id(te));
            found = true;
        }
        git_tree_entry_free(te);
    }
    if (!found && g->index) {
        const git_index_entry *e = git_index_get_bypath(g->index, dir, 0);
        if (e && e->mode == GIT_FILEMODE_COMMIT) {
            git_oid_cpy(oid, &e->id);
            found = true;
        }
    }
    if (!found)
        return NULL;
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, oid);
    return mm_xstrdup(hex);
}

typedef struct tag_hunt {
    git_repository *repo;
    const git_oid *want;
    char *name; /* the first tag (in name order) at the commit */
} tag_hunt;

static int tag_at(const char *ref, git_oid *oid, void *arg)
{
    tag_hunt *h = arg;
    git_object *obj = NULL, *peeled = NULL;
    if (git_object_lookup(&obj, h->repo, oid, GIT_OBJECT_ANY) != 0)
        return 0;
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0) {
        const char *name = mm_str_starts(ref, "refs/tags/") ? ref + 10 : ref;
        if (git_oid_equal(git_object_id(peeled), h->want) &&
            (!h->name || strcmp(name, h->name) < 0)) {
            free(h->name);
            h->name = mm_xstrdup(name);
        }
        git_object_free(peeled);
    }
    git_object_free(obj);
    return 0;
}

/* A tag at the submodule's commit, when a local repository knows one: the submodule's own
 * (checked out, or kept under .git/modules/) or the superproject's. */
static char *gitlink_tag(gitctx *g, const char *dir, const git_oid *oid)
{
    char *where[3] = {mm_xasprintf("%s/%s", g->root, dir), NULL, NULL};
    if (g->repo)
        where[1] = mm_xasprintf("%smodules/%s", git_repository_path(g->repo), dir);
    char *found = NULL;
    for (size_t i = 0; i < 3 && !found; i++) {
        git_repository *sub = NULL;
        if (i == 2) {
            sub = g->repo;
        } else if (!where[i] ||
                   git_repository_open_ext(&sub, where[i], GIT_REPOSITORY_OPEN_NO_SEARCH, NULL)) {
            continue;
        }
        if (!sub)
            continue;
        tag_hunt h = {sub, oid, NULL};
        git_tag_foreach(sub, tag_at, &h);
        found = h.name;
        if (sub != g->repo)
            git_repository_free(sub);
    }
    free(where[0]);
    free(where[1]);
    return found;
}

static int cmp_ptr_loc(const void *pa, const void *pb)
{
    const mm_component *a = *(const mm_component *const *)pa;
    const mm_component *b = *(const mm_component *const *)pb;
    int c = strcmp(a->path, b->path);
    if (c)
        return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

static int cmp_comp(const void *pa, const void *pb)
{
    const mm_comp *a = pa, *b = pb;
    int c = strcmp(a->at->path, b->at->path);
    if (c)
        return c;
    if (a->at->line != b->at->line)
        return a->at->line < b->at->line ? -1 : 1;
    return strcmp(a->c.name, b->c.name);
}

/* Does declaration d name found component c? By directory when both have one, else by purl,
 * else by name (and group, when both have one). */
/* Does path lie under the directory of file (the directory an SBOM document stands in)? An
 * SBOM describes the product it stands beside: in a repository with several products (or
 * fixtures, or examples), one SBOM does not speak for the others. */
static bool under_dir_of(const char *path, const char *file)
{
    const char *slash = strrchr(file, '/');
    if (!slash)
        return true; /* at the root: the whole tree */
    size_t n = (size_t)(slash - file);
    return !strncmp(path, file, n) && path[n] == '/';
}

static bool sbom_document(const mm_component *d)
{
    return !strcmp(d->source, "cyclonedx") || !strcmp(d->source, "spdx");
}

static bool declares(const mm_component *d, const mm_comp *c)
{
    if (sbom_document(d) && !under_dir_of(c->at->path, d->path))
        return false;
    if (d->dir && *d->dir && c->c.dir)
        return !strcmp(d->dir, c->c.dir) || dir_within(c->c.dir, d->dir);
    if (d->purl && c->c.purl) {
        /* type/namespace/name, without version, qualifiers or subpath */
        size_t la = strcspn(d->purl, "@?#"), lb = strcspn(c->c.purl, "@?#");
        if (la == lb && !strncasecmp(d->purl, c->c.purl, la))
            return true;
    }
    if (!mm_component_same_name(d->name, c->c.name)) {
        /* the name a record of the component gives (a license file names its directory) */
        bool any = false;
        for (size_t i = 0; i < c->evidence.n && !any; i++)
            any = mm_component_same_name(d->name, c->evidence.v[i]->name);
        if (!any)
            return false;
    }
    if (d->group && c->c.group) {
        char x[128], y[128];
        norm_name(d->group, x, sizeof x);
        norm_name(c->c.group, y, sizeof y);
        return !strcmp(x, y);
    }
    return true;
}

/* Is the directory a declaration names part of the scanned tree? A file of the scan lies in it,
 * or (for the policy, which may name a directory of binaries) it is a directory on disk under
 * the root. */
static bool dir_present(const mm_scan *s, const mm_component *d)
{
    if (!d->dir || !*d->dir)
        return false;
    for (size_t i = 0; i < s->components.n; i++) {
        if (dir_within(s->components.v[i].path, d->dir))
            return true;
    }
    if (strcmp(d->source, "policy") != 0 || strstr(d->dir, ".."))
        return false;
    char *p = mm_xasprintf("%s/%s", s->root, d->dir);
    struct stat st;
    bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok;
}

/* "owner" and "name" of a repository URL (https://host/owner/name.git, git@host:owner/name,
 * ssh://host/owner/name, .../tree/master/sub/dir); false for a local path. */
static bool url_repo(const char *url, char **owner, char **name)
{
    *owner = *name = NULL;
    if (!url)
        return false;
    const char *p = strstr(url, "://");
    if (p) {
        p += 3;
        p = strchr(p, '/');
    } else if (strchr(url, '@') && strchr(url, ':')) {
        p = strchr(url, ':');
    }
    if (!p || p == url)
        return false;
    p++;
    const char *slash = strchr(p, '/');
    if (!slash || slash == p)
        return false;
    const char *r = slash + 1;
    size_t n = strcspn(r, "/?#");
    if (n > 4 && !strncasecmp(r + n - 4, ".git", 4))
        n -= 4;
    if (!n)
        return false;
    *owner = mm_xstrndup(p, (size_t)(slash - p));
    *name = mm_xstrndup(r, n);
    return true;
}

/* This repository: its origin remote's owner and name, or (a local or no remote) the name of
 * the directory it is checked out in. */
static void repo_identity(mm_inventory *inv, const mm_scan *s, gitctx *g)
{
    /* the configured URL, read from a config snapshot: git_remote_lookup() in Debian's libgit2
     * 1.5 leaks pcre2 match data while it reads the remote's refspecs */
    git_config *cfg = NULL;
    git_buf url = {0};
    if (g->repo && git_repository_config_snapshot(&cfg, g->repo) == 0 &&
        git_config_get_string_buf(&url, cfg, "remote.origin.url") == 0 && url.ptr) {
        char *owner, *name;
        if (url_repo(url.ptr, &owner, &name) && strstr(url.ptr, "://") != NULL) {
            inv->repo_owner = keep(inv, owner);
            inv->repo_name = keep(inv, name);
        } else {
            free(owner);
            free(name);
        }
    }
    git_buf_dispose(&url);
    git_config_free(cfg);
    git_error_clear();
    if (!inv->repo_name && s->root)
        inv->repo_name = keep(inv, mm_xstrdup(mm_path_base(s->root)));
}

/* Does url name this repository? */
static bool names_this_repo(const mm_inventory *inv, const char *url)
{
    char *owner, *name;
    if (!inv->repo_name || !url_repo(url, &owner, &name))
        return false;
    bool same = !strcasecmp(name, inv->repo_name) &&
                (!inv->repo_owner || !strcasecmp(owner, inv->repo_owner));
    free(owner);
    free(name);
    return same;
}

/* A component the tree develops: a component manifest of the tree (not a downloaded copy)
 * whose repository is this one. */
static bool first_party(const mm_inventory *inv, const mm_comp *mc)
{
    static const char *const own[] = {"idf-component", "library-json", "arduino-library"};
    for (size_t i = 0; i < mc->evidence.n; i++) {
        const mm_component *r = mc->evidence.v[i];
        for (size_t k = 0; k < MM_ARRAY_LEN(own); k++) {
            if (!strcmp(r->source, own[k]) && names_this_repo(inv, r->url))
                return true;
        }
    }
    return false;
}

/* pkg:generic/NAME@COMMIT?vcs_url=git%2Bhttps://host/path%40COMMIT: a repository the purl
 * specification has no type for (not GitHub or Bitbucket), with the qualifier that names it. */
static char *vcs_purl(const char *name, const char *url, const char *commit)
{
    mm_buf b = {0};
    mm_buf_puts(&b, "pkg:generic/");
    mm_purl_put(&b, name);
    mm_buf_putc(&b, '@');
    mm_purl_put(&b, commit);
    mm_buf_puts(&b, "?vcs_url=");
    char *v = mm_xasprintf("%s%s@%s", strstr(url, "git") == url ? "" : "git+", url, commit);
    for (const char *q = v; *q; q++) {
        unsigned char ch = (unsigned char)*q;
        if (isalnum(ch) || strchr(".-_~:/", ch))
            mm_buf_putc(&b, (char)ch);
        else
            mm_buf_printf(&b, "%%%02X", ch);
    }
    free(v);
    return mm_buf_cstr(&b);
}

/* Merges mc's records into its view; false when the component is not there after all (a
 * .gitmodules entry whose path the commit has no gitlink for: a stale entry). */
static bool finish_comp(mm_inventory *inv, mm_comp *mc, gitctx *g)
{
    mm_component *c = &mc->c;
    const mm_component *p = mc->evidence.v[0]; /* records are in rank order */
    mc->at = p;
    /* a vendored tree found by its license file and version header points at the header */
    if (!(p->evidence & MM_EV_MANIFEST)) {
        for (size_t i = 0; i < mc->evidence.n; i++) {
            if (mc->evidence.v[i]->evidence & MM_EV_VERSION) {
                mc->at = mc->evidence.v[i];
                break;
            }
        }
    }
    c->role = MM_COMP_FOUND;
    c->source = p->source;
    c->name = p->name;
    c->pin = p->pin;
    c->pin_text = p->pin_text;
    for (size_t i = 0; i < mc->evidence.n; i++) {
        const mm_component *r = mc->evidence.v[i];
        c->evidence |= r->evidence;
#define FIRST(field) if (!c->field && r->field) c->field = r->field
        FIRST(group);
        FIRST(commit);
        FIRST(license);
        FIRST(supplier);
        FIRST(url);
        FIRST(purl);
        FIRST(cpe);
        FIRST(dir);
        FIRST(used_by);
#undef FIRST
    }
    /* the version: a lock file's exact one, a version header's, then what the manifest says */
    const mm_component *macro = NULL, *locked = NULL;
    for (size_t i = 0; i < mc->evidence.n; i++) {
        const mm_component *r = mc->evidence.v[i];
        if ((r->evidence & MM_EV_VERSION) && !macro)
            macro = r;
        if ((r->evidence & MM_EV_LOCKED) && r->version && !locked)
            locked = r;
    }
    if (p->evidence == MM_EV_LICENSE && macro)
        c->name = macro->name; /* "Source" of FreeRTOS/Source/LICENSE is freertos-kernel */
    c->version = locked ? locked->version : macro ? macro->version : NULL;
    for (size_t i = 0; i < mc->evidence.n && !c->version; i++)
        c->version = mc->evidence.v[i]->version;
    if (!c->commit && g && !strcmp(p->source, "gitmodules")) {
        /* the gitlink is the version; a tag at it, when one is known, its name */
        git_oid oid;
        c->commit = keep(inv, gitlink_commit(g, p->dir, &oid));
        if (!c->commit && g->head && !strcmp(p->path, ".gitmodules") && mc->evidence.n == 1)
            return false;
        if (c->commit) {
            c->pin = MM_PIN_COMMIT;
            char *tag = gitlink_tag(g, p->dir, &oid);
            if (tag && !c->version)
                c->version = keep(inv, tag);
            else
                free(tag);
        }
    }
    if (!c->version && c->commit)
        c->version = c->commit;
    if (!c->purl && c->url)
        c->purl = keep(inv, mm_purl_of_url(c->url, c->commit ? c->commit : c->version));
    if (!c->purl && c->url && c->commit && !strcmp(p->source, "gitmodules"))
        c->purl = keep(inv, vcs_purl(c->name, c->url, c->commit));
    const inv_lib *k = inv_lib_named(c->name);
    if (k && !c->purl && release_version(c->version)) {
        mm_buf b = {0};
        if (k->repo && k->tag) {
            const char *pct = strstr(k->tag, "%s");
            char *tag = mm_xasprintf("%.*s%s%s", (int)(pct - k->tag), k->tag,
                                     skip_v(c->version), pct + 2);
            mm_buf_printf(&b, "pkg:github/%s@", k->repo);
            mm_purl_put(&b, tag);
            free(tag);
        } else {
            mm_buf_puts(&b, "pkg:generic/");
            mm_purl_put(&b, k->name);
            mm_buf_putc(&b, '@');
            mm_purl_put(&b, skip_v(c->version));
        }
        c->purl = keep(inv, mm_buf_cstr(&b));
    }
    if (k && k->cpe && !c->cpe && release_version(c->version))
        c->cpe = keep(inv, mm_xasprintf("cpe:2.3:%s:%s:*:*:*:*:*:*:*", k->cpe,
                                        skip_v(c->version)));
    if (k && !c->url && k->repo)
        c->url = keep(inv, mm_xasprintf("https://github.com/%s", k->repo));
    return true;
}

/* Line `line` of the policy's text (comments blanked), at most 300 bytes. */
static char *policy_line(const mm_policy *pol, unsigned line)
{
    const char *t = pol->doc.text, *end = t + pol->doc.len;
    for (unsigned l = 1; l < line && t < end; l++) {
        const char *nl = memchr(t, '\n', (size_t)(end - t));
        t = nl ? nl + 1 : end;
    }
    size_t ll = strcspn(t, "\r\n");
    return mm_xstrndup(t, ll > 300 ? 300 : ll);
}

/* The policy's components, as declarations. */
static void policy_declarations(mm_inventory *inv, const mm_scan *s)
{
    const mm_policy *pol = s->policy;
    if (!pol)
        return;
    char *abs = realpath(pol->path, NULL);
    char *root = realpath(s->root, NULL);
    size_t rl = root ? strlen(root) : 0;
    if (abs && root && !strncmp(abs, root, rl) && abs[rl] == '/')
        inv->policy_path = keep(inv, mm_xstrdup(abs + rl + 1));
    else
        inv->policy_path = keep(inv, mm_xstrdup(pol->path));
    free(abs);
    free(root);
    for (size_t i = 0; i < pol->components.n; i++) {
        const mm_policy_component *pc = &pol->components.v[i];
        mm_component d = {0};
        d.role = MM_COMP_DECLARED;
        d.source = "policy";
        d.evidence = 0;
        d.name = mm_xstrdup(pc->name);
        const char *slash = strchr(pc->name, '/');
        if (slash && !pc->path) {
            free(d.name);
            d.name = mm_xstrdup(slash + 1);
            d.group = mm_xstrndup(pc->name, (size_t)(slash - pc->name));
        }
#define COPY(f) d.f = pc->f ? mm_xstrdup(pc->f) : NULL
        COPY(version);
        COPY(supplier);
        COPY(license);
        COPY(purl);
        COPY(cpe);
        COPY(support_until);
#undef COPY
        d.dir = pc->path ? mm_xstrdup(pc->path) : NULL;
        if (d.dir)
            while (strlen(d.dir) > 1 && d.dir[strlen(d.dir) - 1] == '/')
                d.dir[strlen(d.dir) - 1] = 0;
        d.path = mm_xstrdup(inv->policy_path);
        d.line = pc->line;
        d.col = pc->col;
        d.snippet = policy_line(pol, pc->line);
        d.end_col = mm_utf8_col(d.snippet, strlen(d.snippet));
        if (d.end_col <= d.col)
            d.end_col = d.col + 1;
        mm_vec_push(&inv->owned, d);
    }
    inv->required = pol->sbom_required;
}

/* sorted (key, index) pairs, looked up by binary search */
typedef struct sidx {
    const char *key;
    size_t i;
} sidx;
typedef MM_VEC(sidx) sidx_vec;

static int cmp_sidx(const void *pa, const void *pb)
{
    const sidx *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->i < b->i ? -1 : a->i > b->i);
}

/* the first entry whose key is not below key */
static size_t sidx_lower(const void *vecp, const char *key)
{
    const sidx_vec *v = vecp;
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(v->v[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* indexes of groups, by name and version (qsort_r's argument: the groups) */
static int cmp_macro(const void *pa, const void *pb, void *groups)
{
    const group *g = groups;
    const group *a = &g[*(const size_t *)pa], *b = &g[*(const size_t *)pb];
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->recs.v[0]->version, b->recs.v[0]->version);
}

/* Indexes of the found components by directory, by normalised name (their records' names too)
 * and by purl without version: a declaration is compared with its candidates only. */
typedef struct comp_index {
    sidx_vec dir, name, purl;
    MM_VEC(char *) owned;
    unsigned *stamp; /* per component: the declaration it was last a candidate of */
    unsigned now;
} comp_index;

static char *purl_key(const char *p)
{
    char *o = mm_xstrndup(p, strcspn(p, "@?#"));
    for (char *k = o; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    return o;
}

static char *name_key(const char *n)
{
    char buf[256];
    const char *slash = strrchr(n, '/');
    norm_name(slash ? slash + 1 : n, buf, sizeof buf);
    return mm_xstrdup(buf);
}

static void index_build(comp_index *x, const mm_inventory *inv, size_t n)
{
    memset(x, 0, sizeof *x);
    x->stamp = mm_xcalloc(n ? n : 1, sizeof *x->stamp);
    for (size_t k = 0; k < n; k++) {
        const mm_comp *mc = &inv->found.v[k];
        if (mc->c.dir)
            mm_vec_push(&x->dir, ((sidx){mc->c.dir, k}));
        if (mc->c.purl) {
            char *p = purl_key(mc->c.purl);
            mm_vec_push(&x->owned, p);
            mm_vec_push(&x->purl, ((sidx){p, k}));
        }
        char *nk = name_key(mc->c.name);
        mm_vec_push(&x->owned, nk);
        mm_vec_push(&x->name, ((sidx){nk, k}));
        for (size_t e = 0; e < mc->evidence.n; e++) {
            char *ek = name_key(mc->evidence.v[e]->name);
            if (!strcmp(ek, nk)) {
                free(ek);
                continue;
            }
            mm_vec_push(&x->owned, ek);
            mm_vec_push(&x->name, ((sidx){ek, k}));
        }
    }
    mm_sort(x->dir.v, x->dir.n, sizeof *x->dir.v, cmp_sidx);
    mm_sort(x->name.v, x->name.n, sizeof *x->name.v, cmp_sidx);
    mm_sort(x->purl.v, x->purl.n, sizeof *x->purl.v, cmp_sidx);
}

static void index_free(comp_index *x)
{
    mm_vec_free(&x->dir);
    mm_vec_free(&x->name);
    mm_vec_free(&x->purl);
    for (size_t i = 0; i < x->owned.n; i++)
        free(x->owned.v[i]);
    mm_vec_free(&x->owned);
    free(x->stamp);
}

/* The found components declaration d may name, each once, in index order. */
static void candidates(comp_index *x, const mm_component *d, void *outp)
{
    MM_VEC(size_t) *out = outp;
    out->n = 0;
    x->now++;
#define TAKE(k)                                                                              \
    do {                                                                                     \
        if (x->stamp[k] != x->now) {                                                         \
            x->stamp[k] = x->now;                                                            \
            mm_vec_push(out, (k));                                                           \
        }                                                                                    \
    } while (0)
    if (d->dir && *d->dir) {
        size_t dl = strlen(d->dir);
        for (size_t at = sidx_lower(&x->dir, d->dir);
             at < x->dir.n && !strncmp(x->dir.v[at].key, d->dir, dl); at++) {
            if (dir_within(x->dir.v[at].key, d->dir))
                TAKE(x->dir.v[at].i);
        }
    }
    if (d->purl) {
        char *p = purl_key(d->purl);
        for (size_t at = sidx_lower(&x->purl, p); at < x->purl.n && !strcmp(x->purl.v[at].key, p);
             at++)
            TAKE(x->purl.v[at].i);
        free(p);
    }
    char *nk = name_key(d->name);
    for (size_t at = sidx_lower(&x->name, nk); at < x->name.n && !strcmp(x->name.v[at].key, nk);
         at++)
        TAKE(x->name.v[at].i);
    free(nk);
#undef TAKE
    /* index order: the components' own order, so that results do not depend on the index */
    for (size_t a = 1; a < out->n; a++) {
        for (size_t b = a; b > 0 && out->v[b] < out->v[b - 1]; b--) {
            size_t t = out->v[b];
            out->v[b] = out->v[b - 1];
            out->v[b - 1] = t;
        }
    }
}

static void build(mm_inventory *inv, mm_scan *s)
{
    MM_VEC(const mm_component *) found = {0};
    MM_VEC(const mm_component *) redirects = {0};
    MM_VEC(const mm_component *) options = {0};
    for (size_t i = 0; i < s->components.n; i++) {
        const mm_component *r = &s->components.v[i];
        switch (r->role) {
        case MM_COMP_FOUND: mm_vec_push(&found, r); break;
        case MM_COMP_DECLARED: mm_vec_push(&inv->declared, r); break;
        case MM_COMP_SBOM_DOC: mm_vec_push(&inv->sbom_docs, r); break;
        case MM_COMP_REDIRECT: mm_vec_push(&redirects, r); break;
        case MM_COMP_LOCK: mm_vec_push(&inv->locks, r); break;
        case MM_COMP_OPTION: mm_vec_push(&options, r); break;
        case MM_COMP__COUNT: break;
        }
    }
    /* build configurations that span files (PlatformIO projects) */
    inv_pio_resolve(options.v, options.n, &inv->made);
    mm_vec_free(&options);
    /* a PlatformIO project inside a vendored library (its examples, its own CI builds) does
     * not build this product: its specs are no components of it */
    MM_VEC(sidx) vendored = {0};
    for (size_t i = 0; i < found.n; i++) {
        static const char *const trees[] = {"library-json", "arduino-library", "license-file",
                                            "gitmodules", "idf-managed", "west"};
        for (size_t k = 0; k < MM_ARRAY_LEN(trees) && found.v[i]->dir && *found.v[i]->dir; k++) {
            if (!strcmp(found.v[i]->source, trees[k]))
                mm_vec_push(&vendored, ((sidx){found.v[i]->dir, i}));
        }
    }
    mm_sort(vendored.v, vendored.n, sizeof *vendored.v, cmp_sidx);
    for (size_t i = 0; i < inv->made.n; i++) {
        char *anc = inv_dir_of(inv->made.v[i].path);
        bool inside = false;
        while (*anc && !inside) {
            size_t at = sidx_lower(&vendored, anc);
            inside = at < vendored.n && !strcmp(vendored.v[at].key, anc);
            char *slash = strrchr(anc, '/');
            if (slash)
                *slash = 0;
            else
                anc[0] = 0;
        }
        free(anc);
        if (!inside)
            mm_vec_push(&found, &inv->made.v[i]);
    }
    mm_vec_free(&vendored);
    policy_declarations(inv, s);
    for (size_t i = 0; i < inv->owned.n; i++)
        mm_vec_push(&inv->declared, &inv->owned.v[i]);
    inv->declares = inv->sbom_docs.n > 0 || inv->owned.n > 0;
    /* an sbom_X.yml that an sbom.yml places elsewhere describes that directory */
    for (size_t i = 0; i < inv->declared.n; i++) {
        mm_component *d = (mm_component *)inv->declared.v[i];
        for (size_t k = 0; k < redirects.n; k++) {
            if (!strcmp(redirects.v[k]->name, d->path)) {
                free(d->dir);
                d->dir = mm_xstrdup(redirects.v[k]->dir);
            }
        }
    }

    /* 1. records with the same key are one component */
    mm_sort(found.v, found.n, sizeof *found.v, cmp_rec);
    MM_VEC(group) groups = {0};
    for (size_t i = 0; i < found.n; i++) {
        const mm_component *r = found.v[i];
        if (groups.n && found.v[i - 1]->key && r->key && !strcmp(found.v[i - 1]->key, r->key)) {
            group_add(&groups.v[groups.n - 1], r);
            continue;
        }
        group g = {0};
        group_add(&g, r);
        g.name = r->name;
        mm_vec_push(&groups, g);
    }
    /* 2. a license file in the directory of a manifest's component belongs to it */
    MM_VEC(sidx) dirs = {0};
    for (size_t k = 0; k < groups.n; k++) {
        if ((groups.v[k].evidence & MM_EV_MANIFEST) && groups.v[k].dir)
            mm_vec_push(&dirs, ((sidx){groups.v[k].dir, k}));
    }
    mm_sort(dirs.v, dirs.n, sizeof *dirs.v, cmp_sidx);
    for (size_t i = 0; i < groups.n; i++) {
        group *g = &groups.v[i];
        if (g->evidence != MM_EV_LICENSE || !g->dir)
            continue;
        for (size_t at = sidx_lower(&dirs, g->dir);
             at < dirs.n && !strcmp(dirs.v[at].key, g->dir); at++) {
            if (dirs.v[at].i != i && !groups.v[dirs.v[at].i].dead) {
                group_merge(&groups.v[dirs.v[at].i], g);
                break;
            }
        }
    }
    /* 3. a version header belongs to the deepest component whose directory holds it: one of
     * that name, or a vendored tree known only by its license file */
    dirs.n = 0;
    for (size_t k = 0; k < groups.n; k++) {
        const group *c = &groups.v[k];
        if (!c->dead && c->dir && (c->evidence & (MM_EV_MANIFEST | MM_EV_LICENSE)))
            mm_vec_push(&dirs, ((sidx){c->dir, k}));
    }
    mm_sort(dirs.v, dirs.n, sizeof *dirs.v, cmp_sidx);
    for (size_t i = 0; i < groups.n; i++) {
        group *g = &groups.v[i];
        if (g->dead || g->evidence != MM_EV_VERSION)
            continue;
        group *best = NULL;
        char *anc = mm_xstrdup(g->dir);
        for (;;) {
            for (size_t at = sidx_lower(&dirs, anc);
                 at < dirs.n && !strcmp(dirs.v[at].key, anc) && !best; at++) {
                group *c = &groups.v[dirs.v[at].i];
                if (c->dead || dirs.v[at].i == i)
                    continue;
                if (mm_component_same_name(c->name, g->name) || c->evidence == MM_EV_LICENSE)
                    best = c;
            }
            char *slash = strrchr(anc, '/');
            if (best || !*anc)
                break;
            if (slash)
                *slash = 0;
            else
                anc[0] = 0;
            if (!*anc)
                break; /* the root is no component's directory */
        }
        free(anc);
        if (best) {
            group_merge(best, g);
            best->evidence |= MM_EV_VERSION;
        }
    }
    /* 4. the same library at the same version found by version headers in two places of one
     * copy (mbedtls/version.h and mbedtls/build_info.h) */
    MM_VEC(size_t) macros = {0};
    for (size_t i = 0; i < groups.n; i++) {
        if (!groups.v[i].dead && groups.v[i].evidence == MM_EV_VERSION)
            mm_vec_push(&macros, i);
    }
    if (macros.n > 1)
        qsort_r(macros.v, macros.n, sizeof *macros.v, cmp_macro, groups.v);
    for (size_t k = 1; k < macros.n; k++) {
        group *g = &groups.v[macros.v[k - 1]], *h = &groups.v[macros.v[k]];
        if (!cmp_macro(&macros.v[k - 1], &macros.v[k], groups.v)) {
            group_merge(g, h);
            /* h is now empty of records: keep g as the head for the next one */
            macros.v[k] = macros.v[k - 1];
        }
    }
    mm_vec_free(&macros);
    /* 5. a license file inside another component's tree (a subdirectory of a vendored library,
     * a package's sources) is part of it: the nearest such component takes it */
    dirs.n = 0;
    for (size_t k = 0; k < groups.n; k++) {
        const group *c = &groups.v[k];
        if (!c->dead && c->dir && (c->evidence & (MM_EV_MANIFEST | MM_EV_LICENSE)))
            mm_vec_push(&dirs, ((sidx){c->dir, k}));
    }
    mm_sort(dirs.v, dirs.n, sizeof *dirs.v, cmp_sidx);
    for (size_t i = 0; i < groups.n; i++) {
        group *g = &groups.v[i];
        if (g->dead || g->evidence != MM_EV_LICENSE || !g->dir || !*g->dir)
            continue;
        char *anc = mm_xstrdup(g->dir);
        group *best = NULL;
        for (char *slash; !best && (slash = strrchr(anc, '/'));) {
            *slash = 0;
            for (size_t at = sidx_lower(&dirs, anc);
                 at < dirs.n && !strcmp(dirs.v[at].key, anc) && !best; at++) {
                if (dirs.v[at].i != i && !groups.v[dirs.v[at].i].dead)
                    best = &groups.v[dirs.v[at].i];
            }
        }
        free(anc);
        if (best)
            group_merge(best, g);
    }
    mm_vec_free(&dirs);

    gitctx git;
    git_open(&git, s->root);
    repo_identity(inv, s, &git);
    for (size_t i = 0; i < groups.n; i++) {
        group *g = &groups.v[i];
        if (g->dead) {
            mm_vec_free(&g->recs);
            continue;
        }
        mm_comp mc;
        memset(&mc, 0, sizeof mc);
        mm_sort(g->recs.v, g->recs.n, sizeof *g->recs.v, cmp_rec);
        /* cmp_rec orders by key first: order by rank alone for the merged records */
        for (size_t a = 1; a < g->recs.n; a++) {
            for (size_t b = a; b > 0 && rank(g->recs.v[b]) < rank(g->recs.v[b - 1]); b--) {
                const mm_component *t = g->recs.v[b];
                g->recs.v[b] = g->recs.v[b - 1];
                g->recs.v[b - 1] = t;
            }
        }
        mc.evidence.v = g->recs.v;
        mc.evidence.n = g->recs.n;
        mc.evidence.cap = g->recs.cap;
        if (finish_comp(inv, &mc, &git)) {
            mc.first_party = first_party(inv, &mc);
            mm_vec_push(&inv->found, mc);
        }
        else
            mm_vec_free(&mc.evidence);
    }
    git_close(&git);
    /* an ESP-IDF dependency on a component the tree develops (an example that takes
     * espressif/esp_rainmaker from the registry, or through override_path) is that component */
    for (size_t i = 0; i < inv->found.n; i++) {
        mm_comp *mc = &inv->found.v[i];
        if (mc->first_party || strncmp(mc->c.source, "idf-", 4) != 0)
            continue;
        for (size_t k = 0; k < inv->found.n && !mc->first_party; k++) {
            const mm_comp *own = &inv->found.v[k];
            mc->first_party = own->first_party && !strcmp(own->c.source, "idf-component") &&
                              mm_component_same_name(own->c.name, mc->c.name);
        }
    }
    mm_vec_free(&groups);
    mm_vec_free(&found);
    mm_vec_free(&redirects);
    mm_sort(inv->found.v, inv->found.n, sizeof *inv->found.v, cmp_comp);

    /* a declaration of a directory of the tree that holds nothing mamori recognises (an
     * ESP-IDF component with its sbom.yml, a blob the policy places) is that component's only
     * evidence: the component is there */
    comp_index x;
    MM_VEC(size_t) cand = {0};
    size_t nfound = inv->found.n;
    index_build(&x, inv, nfound);
    for (size_t i = 0; i < inv->declared.n; i++) {
        const mm_component *d = inv->declared.v[i];
        bool hit = false;
        candidates(&x, d, &cand);
        for (size_t k = 0; k < cand.n && !hit; k++)
            hit = declares(d, &inv->found.v[cand.v[k]]);
        if (hit || !dir_present(s, d))
            continue;
        mm_comp mc;
        memset(&mc, 0, sizeof mc);
        mm_vec_push(&mc.evidence, d);
        finish_comp(inv, &mc, NULL);
        mc.c.source = d->source;
        mm_vec_push(&inv->found, mc);
    }
    index_free(&x);
    mm_sort(inv->found.v, inv->found.n, sizeof *inv->found.v, cmp_comp);
    /* declarations: which found components each one names */
    index_build(&x, inv, inv->found.n);
    for (size_t i = 0; i < inv->declared.n; i++) {
        const mm_component *d = inv->declared.v[i];
        bool hit = false;
        candidates(&x, d, &cand);
        for (size_t k = 0; k < cand.n; k++) {
            mm_comp *mc = &inv->found.v[cand.v[k]];
            if (declares(d, mc)) {
                mm_vec_push(&mc->decls, d);
                hit = true;
            }
        }
        if (!hit)
            mm_vec_push(&inv->unmatched, d);
    }
    index_free(&x);
    mm_vec_free(&cand);
    mm_sort(inv->unmatched.v, inv->unmatched.n, sizeof *inv->unmatched.v, cmp_ptr_loc);
    /* a declared supplier or license completes what the tree says */
    for (size_t k = 0; k < inv->found.n; k++) {
        mm_comp *mc = &inv->found.v[k];
        for (size_t j = 0; j < mc->decls.n; j++) {
            const mm_component *d = mc->decls.v[j];
            if (!mc->c.version)
                mc->c.version = d->version; /* the tree does not say; the declaration does */
            if (!mc->c.supplier)
                mc->c.supplier = d->supplier;
            if (!mc->c.license)
                mc->c.license = d->license;
            if (!mc->c.cpe)
                mc->c.cpe = d->cpe;
            if (!mc->c.support_until)
                mc->c.support_until = d->support_until;
        }
    }
}

const mm_inventory *mm_inventory_of(mm_scan *s)
{
    if (!s->inventory) {
        s->inventory = mm_xcalloc(1, sizeof *s->inventory);
        build(s->inventory, s);
    }
    return s->inventory;
}

void mm_inventory_free(mm_inventory *inv)
{
    if (!inv)
        return;
    for (size_t i = 0; i < inv->found.n; i++) {
        mm_vec_free(&inv->found.v[i].evidence);
        mm_vec_free(&inv->found.v[i].decls);
    }
    mm_vec_free(&inv->found);
    mm_vec_free(&inv->locks);
    mm_vec_free(&inv->declared);
    mm_vec_free(&inv->unmatched);
    mm_vec_free(&inv->sbom_docs);
    mm_components_free(inv->owned.v, inv->owned.n);
    mm_components_free(inv->made.v, inv->made.n);
    for (size_t i = 0; i < inv->strs.n; i++)
        free(inv->strs.v[i]);
    mm_vec_free(&inv->strs);
    free(inv);
}

/* --- findings -------------------------------------------------------------------------------- */

typedef struct where {
    const char *path;
    unsigned line, col, end_col;
    const char *snippet;
} where;

static where at_rec(const mm_component *r)
{
    where w = {r->path, r->line, r->col, r->end_col, r->snippet};
    return w;
}

static where at_pin(const mm_component *r)
{
    if (r->pin_path) {
        where w = {r->pin_path, r->pin_line, r->pin_col,
                   mm_utf8_col(r->pin_snippet, strlen(r->pin_snippet)), r->pin_snippet};
        if (w.end_col <= w.col)
            w.end_col = w.col + 1;
        return w;
    }
    return at_rec(r);
}

/* A finding at w. Its fingerprint is the rule, the component and what is wrong with it, not
 * the line, so that it survives edits around it. */
static char *display_name(const mm_component *c);

static void emit(mm_scan *s, const mm_rule *rule, where w, mm_severity sev,
                 const mm_component *who, const char *detail, const char *what)
{
    char *name = display_name(who);
    mm_finding f;
    memset(&f, 0, sizeof f);
    f.rule = rule;
    f.path = mm_xstrdup(w.path ? w.path : "");
    f.line = f.end_line = w.line ? w.line : 1;
    f.col = w.col ? w.col : 1;
    f.end_col = w.end_col > f.col ? w.end_col : f.col + 1;
    f.severity = sev ? sev : rule->severity;
    f.engine = rule->kind->engine;
    f.snippet = mm_xstrdup(w.snippet ? w.snippet : "");
    mm_buf vars = {0};
    mm_buf_put(&vars, "name", 5);
    mm_buf_put(&vars, name, strlen(name) + 1);
    mm_buf_put(&vars, "detail", 7);
    mm_buf_put(&vars, detail, strlen(detail) + 1);
    mm_buf_putc(&vars, 0);
    f.vars = vars.data;
    char key[65];
    char *k = mm_xasprintf("%s\n%s\n%s\n%s", rule->id, w.path ? w.path : "", name, what);
    mm_sha256_hex(k, strlen(k), key);
    free(k);
    memcpy(f.fingerprint, key, 32);
    f.fingerprint[32] = 0;
    mm_vec_push(&s->findings, f);
    free(name);
}

static const char *source_label(const char *src)
{
    static const struct {
        const char *src, *label;
    } labels[] = {
        {"gitmodules", "a git submodule"},
        {"west", "a west project"},
        {"idf-manifest", "an ESP-IDF component dependency"},
        {"idf-lock", "ESP-IDF's dependencies.lock"},
        {"idf-managed", "an ESP-IDF managed component"},
        {"platformio", "a PlatformIO library"},
        {"platformio-platform", "a PlatformIO platform"},
        {"platformio-package", "a PlatformIO package"},
        {"platformio-tool", "a PlatformIO build tool"},
        {"idf-component", "an ESP-IDF component with its own version"},
        {"openwrt-pkg", "an OpenWrt package"},
        {"library-json", "a vendored PlatformIO library"},
        {"arduino-library", "a vendored Arduino library"},
        {"cmake-fetchcontent", "a CMake FetchContent download"},
        {"cmake-externalproject", "a CMake ExternalProject download"},
        {"riot-pkg", "a RIOT package"},
        {"bitbake", "a BitBake recipe"},
        {"license-file", "a vendored tree with its own license"},
        {"version-macro", "a vendored copy (version header)"},
    };
    for (size_t i = 0; i < MM_ARRAY_LEN(labels); i++) {
        if (!strcmp(labels[i].src, src))
            return labels[i].label;
    }
    return src;
}

bool mm_component_declares(const mm_component *d, const mm_comp *c)
{
    return declares(d, c);
}

const char *mm_component_source_label(const char *source)
{
    return source_label(source);
}

/* "espressif/led_strip", "platformio/toolchain-xtensa": the name with its owner when the
 * source has one */
static char *display_name(const mm_component *c)
{
    if (c->group && *c->group)
        return mm_xasprintf("%s/%s", c->group, c->name);
    return mm_xstrdup(c->name);
}

static char *version_text(const mm_component *c)
{
    if (c->version && c->commit && strcmp(c->version, c->commit) != 0)
        return mm_xasprintf("%s at %.12s", c->version, c->commit);
    if (c->version)
        return mm_xasprintf("%s%.40s", c->commit ? "commit " : "", c->version);
    return mm_xstrdup("version unknown");
}

static void today(char out[11])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* --- the rules ----------------------------------------------------------------------------- */

/* Does the project declare its components where mc stands: the policy lists components or
 * requires an SBOM, or an SBOM document stands in a directory above it? */
static bool covered(const mm_inventory *inv, const mm_comp *mc)
{
    if (inv->owned.n || inv->required)
        return true;
    for (size_t i = 0; i < inv->sbom_docs.n; i++) {
        if (under_dir_of(mc->at->path, inv->sbom_docs.v[i]->path))
            return true;
    }
    return false;
}

/* "a 1.2, b, c 3.0 and 12 more": the names (and versions) of a list of components */
static void name_list(mm_buf *b, const mm_component *const *cs, size_t n, size_t max)
{
    for (size_t i = 0; i < n && i < max; i++) {
        char *name = display_name(cs[i]);
        bool exact = cs[i]->version && !(cs[i]->commit && !strcmp(cs[i]->version, cs[i]->commit));
        mm_buf_printf(b, "%s%s%s%s", i == 0 ? "" : i + 1 == n && n <= max ? " and " : ", ", name,
                      exact ? " " : "", exact ? cs[i]->version : "");
        free(name);
    }
    if (n > max)
        mm_buf_printf(b, " and %zu more", n - max);
}

/* A third-party component that the rules about declaring components judge: found in the tree,
 * not developed in it. */
static bool third_party(const mm_comp *mc)
{
    return !mc->first_party;
}

void mm_component_undeclared(const mm_rule *rule, mm_scan *s)
{
    const mm_inventory *inv = mm_inventory_of(s);
    /* only where the project declares components (an SBOM above it, the policy's components,
     * or the policy's word that there must be an SBOM): there a missing entry is a mistake.
     * Where nothing is declared yet, component-sbom-missing says so once, with the list. */
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        if (mc->decls.n || !third_party(mc) || !covered(inv, mc))
            continue;
        char *v = version_text(&mc->c);
        char *detail = mm_xasprintf("%s, %s", v, source_label(mc->at->source));
        emit(s, rule, at_rec(mc->at), MM_SEV_NONE, &mc->c, detail,
             mc->at->key ? mc->at->key : "");
        free(detail);
        free(v);
    }
}

void mm_component_sbom_missing(const mm_rule *rule, mm_scan *s)
{
    const mm_inventory *inv = mm_inventory_of(s);
    mm_component sbom = {0};
    sbom.name = "sbom";
    sbom.source = "";
    /* the components no SBOM or policy covers: there, nothing is declared yet */
    MM_VEC(const mm_component *) names = {0};
    const mm_comp *first = NULL;
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        if (!mc->decls.n && third_party(mc) && !covered(inv, mc)) {
            mm_vec_push(&names, &mc->c);
            if (!first)
                first = mc;
        }
    }
    if (inv->required && s->policy && !inv->sbom_docs.n && !inv->owned.n) {
        size_t undeclared = 0;
        for (size_t i = 0; i < inv->found.n; i++)
            undeclared += !inv->found.v[i].decls.n && third_party(&inv->found.v[i]);
        char *snippet = policy_line(s->policy, s->policy->sbom_line);
        where w = {inv->policy_path, s->policy->sbom_line, s->policy->sbom_col,
                   mm_utf8_col(snippet, strlen(snippet)), snippet};
        char *detail = mm_xasprintf("the policy requires an SBOM and the tree has none (%zu "
                                    "component%s undeclared)",
                                    undeclared, undeclared == 1 ? "" : "s");
        emit(s, rule, w, MM_SEV_ERROR, &sbom, detail, "required");
        free(detail);
        free(snippet);
        mm_vec_free(&names);
        return;
    }
    if (!first) {
        mm_vec_free(&names);
        return;
    }
    mm_buf b = {0};
    mm_buf_printf(&b,
                  mm_ntr("%zu third-party component found and none declared: ",
                         "%zu third-party components found and none declared: ", names.n),
                  names.n);
    name_list(&b, names.v, names.n, 8);
    emit(s, rule, at_rec(first->at), MM_SEV_NONE, &sbom, mm_buf_cstr(&b), "none-declared");
    mm_buf_free(&b);
    mm_vec_free(&names);
}

void mm_component_declared_absent(const mm_rule *rule, mm_scan *s)
{
    const mm_inventory *inv = mm_inventory_of(s);
    for (size_t i = 0; i < inv->unmatched.n; i++) {
        const mm_component *d = inv->unmatched.v[i];
        /* an SBOM entry of a component only the policy declares (mamori sbom writes those
         * into the SBOM) is reported once, at the policy */
        bool policy_too = false;
        for (size_t k = 0; k < inv->unmatched.n && strcmp(d->source, "policy"); k++) {
            const mm_component *o = inv->unmatched.v[k];
            policy_too |= !strcmp(o->source, "policy") && mm_component_same_name(o->name, d->name);
        }
        if (policy_too)
            continue;
        char *detail = d->dir ? mm_xasprintf("nothing of that name in %s", d->dir)
                              : mm_xstrdup("no manifest, lock file or vendored tree has it");
        emit(s, rule, at_rec(d), MM_SEV_NONE, d, detail, d->version ? d->version : "");
        free(detail);
    }
}

void mm_component_version_mismatch(const mm_rule *rule, mm_scan *s)
{
    const mm_inventory *inv = mm_inventory_of(s);
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        for (size_t j = 0; j < mc->decls.n; j++) {
            const mm_component *d = mc->decls.v[j];
            if (!d->version || !mc->c.version)
                continue;
            if (mm_component_same_version(d->version, mc->c.version) ||
                (mc->c.commit && mm_component_same_version(d->version, mc->c.commit)))
                continue;
            /* the found version may be a range the lock resolves elsewhere: judge exact ones */
            char *detail = mm_xasprintf("is %s here but %s:%u declares %s", mc->c.version,
                                        d->path, d->line, d->version);
            char *what = mm_xasprintf("%s->%s", d->version, mc->c.version);
            emit(s, rule, at_rec(mc->at), MM_SEV_NONE, &mc->c, detail, what);
            free(what);
            free(detail);
        }
    }
}

/* What a declaration leaves for a human to decide: the fields it lacks that neither another
 * declaration of the same component nor the tree supplies (bits: 1 version, 2 supplier,
 * 4 license). */
static unsigned undecided(const mm_inventory *inv, const mm_component *d)
{
    unsigned miss = (d->version ? 0 : 1) | (d->supplier ? 0 : 2) | (d->license ? 0 : 4);
    if (!miss)
        return 0;
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        for (size_t j = 0; j < mc->decls.n; j++) {
            if (mc->decls.v[j] != d)
                continue;
            if (mc->c.version)
                miss &= ~1u;
            if (mc->c.supplier)
                miss &= ~2u;
            if (mc->c.license)
                miss &= ~4u;
        }
    }
    return miss;
}

static int cmp_decl_loc(const void *pa, const void *pb)
{
    const mm_component *a = *(const mm_component *const *)pa;
    const mm_component *b = *(const mm_component *const *)pb;
    int c = strcmp(a->path, b->path);
    return c ? c : (a->line < b->line ? -1 : a->line > b->line);
}

void mm_component_incomplete(const mm_rule *rule, mm_scan *s)
{
    const mm_inventory *inv = mm_inventory_of(s);
    /* declarations: the minimum elements of an SBOM entry, one finding per declaring file with
     * what is left to fill in (after `mamori init` wrote every component the tree has, the
     * suppliers and licenses that only a human knows) */
    MM_VEC(const mm_component *) ds = {0};
    for (size_t i = 0; i < inv->declared.n; i++)
        mm_vec_push(&ds, inv->declared.v[i]);
    mm_sort(ds.v, ds.n, sizeof *ds.v, cmp_decl_loc);
    for (size_t i = 0; i < ds.n;) {
        size_t e = i;
        while (e < ds.n && !strcmp(ds.v[e]->path, ds.v[i]->path))
            e++;
        MM_VEC(const mm_component *) todo = {0};
        size_t count[3] = {0, 0, 0};
        unsigned all = 0;
        for (size_t k = i; k < e; k++) {
            unsigned miss = undecided(inv, ds.v[k]);
            if (!miss)
                continue;
            mm_vec_push(&todo, ds.v[k]);
            all |= miss;
            for (int bit = 0; bit < 3; bit++)
                count[bit] += (miss >> bit) & 1;
        }
        if (todo.n) {
            static const char *const field[] = {"version", "supplier", "license"};
            mm_buf what = {0}, detail = {0};
            int nf = 0, left = __builtin_popcount(all);
            for (int bit = 1; bit <= 3; bit++) { /* supplier, license, then version */
                int f = bit % 3;
                if (!(all >> f & 1))
                    continue;
                nf++;
                mm_buf_printf(&what, "%s%s", nf == 1 ? "" : nf == left ? " and " : ", ",
                              field[f]);
            }
            if (todo.n == 1) {
                mm_buf_printf(&detail, "is declared with no %s", what.data);
                emit(s, rule, at_rec(todo.v[0]), MM_SEV_NONE, todo.v[0], detail.data,
                     what.data);
            } else {
                mm_buf_printf(&detail, "to fill in for %zu components declared here (", todo.n);
                nf = 0;
                for (int bit = 1; bit <= 3; bit++) {
                    int f = bit % 3;
                    if (count[f])
                        mm_buf_printf(&detail, "%sno %s: %zu", nf++ ? ", " : "", field[f],
                                      count[f]);
                }
                mm_buf_puts(&detail, "): ");
                name_list(&detail, todo.v, todo.n, 8);
                mm_component many = {0};
                char *label = mm_xasprintf("the %s", what.data);
                many.name = label;
                many.source = "";
                emit(s, rule, at_rec(todo.v[0]), MM_SEV_NONE, &many, detail.data, what.data);
                free(label);
            }
            mm_buf_free(&what);
            mm_buf_free(&detail);
        }
        mm_vec_free(&todo);
        i = e;
    }
    mm_vec_free(&ds);
    /* found components whose version nothing states (a vendored tree with a license file
     * only), unless a declaration speaks for them (and is judged above) */
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        if (mc->c.version || mc->c.pin == MM_PIN_BRANCH || mc->c.pin == MM_PIN_NONE ||
            mc->c.pin == MM_PIN_RANGE || mc->c.pin == MM_PIN_COMMIT)
            continue; /* unpinned references are component-unpinned's; a submodule's gitlink
                       * pins a commit even where mamori cannot read it (no git index) */
        if (mc->decls.n || !third_party(mc))
            continue;
        if (mc->c.pin_text && (strstr(mc->c.pin_text, "$(") || strstr(mc->c.pin_text, "${")))
            continue; /* a version the build sets through a variable of another file */
        emit(s, rule, at_rec(mc->at), MM_SEV_NONE, &mc->c,
             _("has no version that mamori can read (no version header, tag, lock entry or "
               "gitlink)"),
             "version");
    }
}

/* Is an ESP-IDF manifest's range fixed by a dependencies.lock above it, or by the lock entry
 * of the same component? */
static bool locked(const mm_inventory *inv, const mm_comp *mc, const mm_component *r)
{
    if (mc->c.evidence & MM_EV_LOCKED)
        return true;
    for (size_t i = 0; i < inv->locks.n; i++) {
        const char *ld = inv->locks.v[i]->dir;
        if (!*ld || dir_within(r->path, ld))
            return true;
    }
    return false;
}

void mm_component_unpinned(const mm_rule *rule, mm_scan *s)
{
    const mm_inventory *inv = mm_inventory_of(s);
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        if (!third_party(mc))
            continue; /* the tree's own component, at whatever version the tree has */
        for (size_t j = 0; j < mc->evidence.n; j++) {
            const mm_component *r = mc->evidence.v[j];
            if (!(r->evidence & MM_EV_MANIFEST) || (r->evidence & MM_EV_LOCKED))
                continue;
            const char *pt = r->pin_text ? r->pin_text : "";
            char *detail = NULL;
            mm_severity sev = MM_SEV_NONE;
            switch (r->pin) {
            case MM_PIN_BRANCH:
                if (!strcmp(r->source, "gitmodules"))
                    detail = mm_xasprintf(_("a submodule that tracks branch %s (git submodule "
                                            "update --remote moves it)"),
                                          pt);
                else if (*pt == '(' || !*pt)
                    detail = mm_xstrdup(_("taken from the default branch, which moves with every "
                                          "push"));
                else
                    detail = mm_xasprintf(_("taken from branch %s, which moves with every push"),
                                          pt);
                break;
            case MM_PIN_NONE:
                if (!strcmp(r->source, "platformio-tool"))
                    sev = MM_SEV_NOTE; /* a flasher or compiler: builds the firmware, is not in it */
                detail = !strcmp(pt, "(no version)") || !*pt
                             ? mm_xstrdup(_("taken at whatever version is newest (no version "
                                            "given)"))
                         : strstr(pt, "AUTOREV")
                             ? mm_xasprintf(_("built from the newest commit (%s)"), pt)
                             : mm_xasprintf(_("taken at any version (%s)"), pt);
                break;
            case MM_PIN_RANGE:
                if (!strcmp(r->source, "idf-manifest") && locked(inv, mc, r))
                    continue;
                detail = mm_xasprintf(_("pinned to a version range (%s) that no lock file fixes"), pt);
                sev = MM_SEV_NOTE;
                break;
            default: continue;
            }
            if (r->evidence & MM_EV_UNBUILT)
                sev = MM_SEV_NOTE; /* whether any build takes this list, mamori cannot tell */
            emit(s, rule, at_pin(r), sev, &mc->c, detail, pt);
            free(detail);
        }
    }
}

void mm_component_support_ended(const mm_rule *rule, mm_scan *s)
{
    const mm_inventory *inv = mm_inventory_of(s);
    char now[11];
    today(now);
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        for (size_t j = 0; j < mc->decls.n; j++) {
            const mm_component *d = mc->decls.v[j];
            if (!d->support_until || strcmp(d->support_until, now) >= 0)
                continue;
            char *detail = mm_xasprintf("reached the end of its support on %s (%s:%u)",
                                        d->support_until, d->path, d->line);
            emit(s, rule, at_rec(mc->at), MM_SEV_NONE, &mc->c, detail, d->support_until);
            free(detail);
            break;
        }
    }
}

void mm_component_known_advisory(const mm_rule *rule, mm_scan *s)
{
    const mm_osv_db *db = s->advisories;
    if (!db || !db->n)
        return;
    const mm_inventory *inv = mm_inventory_of(s);
    for (size_t i = 0; i < inv->found.n; i++) {
        const mm_comp *mc = &inv->found.v[i];
        MM_VEC(mm_osv_hit) hits = {0};
        mm_osv_match(db, &mc->c, (void *)&hits);
        for (size_t h = 0; h < hits.n; h++) {
            const mm_osv_hit *hit = &hits.v[h];
            char *v = version_text(&mc->c);
            char *detail = mm_xasprintf("%s is affected by %s%s%s%s%s%s", v, hit->id,
                                        hit->alias ? " (" : "", hit->alias ? hit->alias : "",
                                        hit->alias ? ")" : "", hit->summary ? ": " : "",
                                        hit->summary ? hit->summary : "");
            char *full = hit->fixed ? mm_xasprintf("%s; fixed in %s", detail, hit->fixed)
                                    : mm_xasprintf("%s; no fixed version is known", detail);
            emit(s, rule, at_rec(mc->at), MM_SEV_NONE, &mc->c, full, hit->id);
            free(full);
            free(detail);
            free(v);
            mm_osv_hit_free(&hits.v[h]);
        }
        mm_vec_free(&hits);
    }
}
