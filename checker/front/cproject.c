/* cproject.c: the tree around a C/C++ file (see cproject.h). Everything is read on first need
 * and kept for the scan: headers (each with its token and preprocessor views, built before any
 * worker sees it, then read-only), the include directories of the tree's build files, the
 * configurations by directory. One mutex guards the tables; nothing is read while it is held. */
#define _GNU_SOURCE
#include "front/cproject.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "front/cdecl.h"
#include "front/cpp.h"

enum { MAX_HEADER = 4 << 20, MAX_BUILD_FILE = 1 << 20, MAX_CONFIG_LINE = 20000 };

typedef struct entry {
    char *key;
    void *val;   /* mm_file * (a header or a configuration), or NULL: not in the tree */
} entry;

typedef struct table {
    entry *slots;
    size_t cap, n;
} table;

typedef struct loaded {
    mm_file f;
    mm_arena arena;
    char *data;
    /* a header: the files it includes, from its #include lines (whatever the #if around them),
     * read at load; its token and preprocessor views are made when a lookup needs them */
    mm_cinclude *incs;
    uint32_t nincs;
    pthread_mutex_t lock;
    atomic_bool viewed;
} loaded;

typedef struct incdir {
    char *dir;    /* tree-relative, "" for the root */
    char *owner;  /* directory of the build file that names it */
} incdir;

struct mm_cproject {
    char *root;
    char *const *paths;
    size_t npaths;
    pthread_mutex_t lock;
    table headers;      /* tree path -> loaded header */
    table configs;      /* directory -> loaded configuration */
    table dirindex;     /* include directory -> its indexes in dirs (SIZE_MAX-terminated) */
    table resolved;     /* "q" or "a", the including directory, \1, the name -> tree path */
    MM_VEC(loaded *) all;
    /* base name -> paths, and include directories: made once */
    bool indexed;
    table bases;        /* base name -> MM_VEC of paths (as a heap array, NULL-terminated) */
    MM_VEC(incdir) dirs;
    /* names headers export (aliases, printf-like declarations) */
    mm_strset export_set;
    MM_VEC(mm_cexport) exports;
    MM_VEC(char *) export_keys; /* "header\tname" for the digest */
    char digest[65];
    bool digest_done;
};

/* --- a small string table ------------------------------------------------------------------- */

static entry *table_slot(table *t, const char *key)
{
    if (!t->cap)
        return NULL;
    size_t i = mm_hash64(key, strlen(key)) & (t->cap - 1);
    while (t->slots[i].key && strcmp(t->slots[i].key, key) != 0)
        i = (i + 1) & (t->cap - 1);
    return &t->slots[i];
}

static entry *table_get(table *t, const char *key)
{
    entry *e = table_slot(t, key);
    return e && e->key ? e : NULL;
}

static void table_put(table *t, const char *key, void *val)
{
    if ((t->n + 1) * 2 > t->cap) {
        table old = *t;
        t->cap = t->cap ? t->cap * 2 : 64;
        t->slots = mm_xcalloc(t->cap, sizeof *t->slots);
        t->n = 0;
        for (size_t i = 0; i < old.cap; i++) {
            if (old.slots[i].key) {
                entry *e = table_slot(t, old.slots[i].key);
                *e = old.slots[i];
                t->n++;
            }
        }
        free(old.slots);
    }
    entry *e = table_slot(t, key);
    if (!e->key) {
        e->key = mm_xstrdup(key);
        t->n++;
    }
    e->val = val;
}

static void table_free(table *t, void (*free_val)(void *))
{
    for (size_t i = 0; i < t->cap; i++) {
        free(t->slots[i].key);
        if (free_val && t->slots[i].val)
            free_val(t->slots[i].val);
    }
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* --- paths ------------------------------------------------------------------------------------ */

static bool in_tree(const mm_cproject *p, const char *path)
{
    size_t lo = 0, hi = p->npaths;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(p->paths[mid], path);
        if (!c)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* dir + "/" + name with "." and ".." resolved; NULL when it climbs out of the tree. */
static char *join(const char *dir, const char *name)
{
    mm_buf b = {0};
    if (dir[0] && name[0] != '/') {
        mm_buf_puts(&b, dir);
        mm_buf_putc(&b, '/');
    }
    mm_buf_puts(&b, name[0] == '/' ? name + 1 : name);
    char *in = mm_buf_cstr(&b);
    /* segments */
    char *out = mm_xmalloc(b.len + 1);
    size_t k = 0;
    for (char *seg = in; *seg;) {
        char *slash = strchr(seg, '/');
        size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
        if ((len == 1 && seg[0] == '.') || len == 0) {
            /* nothing */
        } else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (!k) {
                free(out);
                mm_buf_free(&b);
                return NULL;
            }
            while (k && out[k - 1] != '/')
                k--;
            if (k)
                k--;
        } else {
            if (k)
                out[k++] = '/';
            memcpy(out + k, seg, len);
            k += len;
        }
        seg += len;
        if (*seg == '/')
            seg++;
    }
    out[k] = 0;
    mm_buf_free(&b);
    return out;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? mm_xstrndup(path, (size_t)(slash - path)) : mm_xstrdup("");
}

/* --- include directories of the build files ----------------------------------------------- */

static void add_dir(mm_cproject *p, const char *owner, const char *raw)
{
    /* variables that name the build file's own directory or the root */
    static const char *const here[] = {"${CMAKE_CURRENT_SOURCE_DIR}", "${CMAKE_CURRENT_LIST_DIR}",
                                       "${COMPONENT_DIR}", "${COMPONENT_PATH}", "${PROJECT_DIR}",
                                       "$(CURDIR)", "$(COMPONENT_PATH)", "$(PWD)", NULL};
    static const char *const top[] = {"${CMAKE_SOURCE_DIR}", "${PROJECT_SOURCE_DIR}",
                                      "$(RIOTBASE)", "${ZEPHYR_BASE}", NULL};
    const char *rel = raw;
    const char *base = owner;
    for (const char *const *h = here; *h; h++) {
        if (mm_str_starts(raw, *h)) {
            rel = raw + strlen(*h);
            base = owner;
        }
    }
    for (const char *const *h = top; *h; h++) {
        if (mm_str_starts(raw, *h)) {
            rel = raw + strlen(*h);
            base = "";
        }
    }
    if (strchr(rel, '$') || strchr(rel, '*') || (!rel[0] && rel == raw))
        return;
    char *dir = join(base, rel);
    if (!dir)
        return;
    /* only directories that hold something of the tree */
    size_t dl = strlen(dir);
    size_t lo = 0, hi = p->npaths;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(p->paths[mid], dir) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    bool holds = !dl ? p->npaths > 0
                     : lo < p->npaths && !strncmp(p->paths[lo], dir, dl) && p->paths[lo][dl] == '/';
    for (size_t i = 0; holds && i < p->dirs.n; i++) {
        if (!strcmp(p->dirs.v[i].dir, dir))
            holds = false; /* already known */
    }
    if (!holds) {
        free(dir);
        return;
    }
    incdir d = {dir, mm_xstrdup(owner)};
    mm_vec_push(&p->dirs, d);
}

/* The words of a parenthesized CMake argument list starting at s (just after '('). */
static void cmake_args(mm_cproject *p, const char *owner, const char *s, const char *end,
                       const char *cmd)
{
    int depth = 1;
    bool target_first = !strcmp(cmd, "target_include_directories");
    bool keyword_mode = !strcmp(cmd, "idf_component_register") || !strcmp(cmd, "register_component");
    bool collecting = !keyword_mode;
    bool first = true;
    const char *q = s;
    while (q < end && depth > 0) {
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
            q++;
        if (q >= end)
            break;
        if (*q == '#') {
            while (q < end && *q != '\n')
                q++;
            continue;
        }
        if (*q == ')') {
            depth--;
            q++;
            continue;
        }
        if (*q == '(') {
            depth++;
            q++;
            continue;
        }
        const char *w = q;
        bool quoted = *q == '"';
        if (quoted) {
            w = ++q;
            while (q < end && *q != '"')
                q++;
        } else {
            while (q < end && !strchr(" \t\r\n()#", *q))
                q++;
        }
        char *word = mm_xstrndup(w, (size_t)(q - w));
        if (quoted && q < end)
            q++;
        bool caps = word[0] != 0;
        for (const char *c = word; *c && caps; c++)
            caps = (*c >= 'A' && *c <= 'Z') || *c == '_';
        if (keyword_mode && caps && !quoted) {
            collecting = !strcmp(word, "INCLUDE_DIRS") || !strcmp(word, "PRIV_INCLUDE_DIRS");
        } else if (!keyword_mode && caps && !quoted &&
                   (!strcmp(word, "PUBLIC") || !strcmp(word, "PRIVATE") ||
                    !strcmp(word, "INTERFACE") || !strcmp(word, "SYSTEM") ||
                    !strcmp(word, "BEFORE") || !strcmp(word, "AFTER"))) {
            /* a keyword of the command */
        } else if (target_first && first) {
            /* the target */
        } else if (collecting && depth == 1) {
            add_dir(p, owner, word);
        }
        first = false;
        free(word);
    }
}

static void read_cmake(mm_cproject *p, const char *owner, const char *s, size_t len)
{
    static const char *const cmds[] = {"include_directories", "target_include_directories",
                                       "zephyr_include_directories", "idf_component_register",
                                       "register_component", "zephyr_library_include_directories",
                                       NULL};
    const char *end = s + len;
    for (const char *q = s; q < end; q++) {
        if (!(q == s || q[-1] == '\n' || q[-1] == ' ' || q[-1] == '\t'))
            continue;
        for (const char *const *c = cmds; *c; c++) {
            size_t cl = strlen(*c);
            if ((size_t)(end - q) > cl && !strncasecmp(q, *c, cl)) {
                const char *r = q + cl;
                while (r < end && (*r == ' ' || *r == '\t'))
                    r++;
                if (r < end && *r == '(')
                    cmake_args(p, owner, r + 1, end, *c);
            }
        }
    }
    /* the old ESP-IDF form: set(COMPONENT_ADD_INCLUDEDIRS dir ...) */
    const char *k = strstr(s, "COMPONENT_ADD_INCLUDEDIRS");
    if (k) {
        const char *e = memchr(k, ')', (size_t)(end - k));
        const char *nl = memchr(k, '\n', (size_t)(end - k));
        if (e && (!nl || e < nl))
            cmake_args(p, owner, k + strlen("COMPONENT_ADD_INCLUDEDIRS"), e + 1, "include_directories");
    }
}

/* -I flags of a Makefile, a .mk file or platformio.ini's build_flags */
static void read_flags(mm_cproject *p, const char *owner, const char *s, size_t len)
{
    const char *end = s + len;
    for (const char *q = s; q + 2 < end; q++) {
        if (q[0] != '-' || q[1] != 'I' || (q > s && !strchr(" \t\"'=", q[-1])))
            continue;
        const char *w = q + 2;
        while (w < end && (*w == ' ' || *w == '\t'))
            w++;
        bool quoted = w < end && (*w == '"' || *w == '\'');
        if (quoted)
            w++;
        const char *e = w;
        while (e < end && !strchr(" \t\r\n\"'\\", *e))
            e++;
        if (e > w) {
            char *word = mm_xstrndup(w, (size_t)(e - w));
            add_dir(p, owner, word);
            free(word);
        }
        q = e > q ? e - 1 : q;
    }
    const char *k = strstr(s, "COMPONENT_ADD_INCLUDEDIRS");
    if (k) {
        const char *e = memchr(k, '\n', (size_t)(end - k));
        const char *eq = memchr(k, '=', (size_t)((e ? e : end) - k));
        if (eq) {
            for (const char *w = eq + 1; w < (e ? e : end);) {
                while (w < end && (*w == ' ' || *w == '\t'))
                    w++;
                const char *we = w;
                while (we < (e ? e : end) && *we != ' ' && *we != '\t' && *we != '\r')
                    we++;
                if (we > w) {
                    char *word = mm_xstrndup(w, (size_t)(we - w));
                    add_dir(p, owner, word);
                    free(word);
                }
                w = we;
            }
        }
    }
}

static void index_tree(mm_cproject *p)
{
    for (size_t i = 0; i < p->npaths; i++) {
        const char *path = p->paths[i];
        const char *base = mm_path_base(path);
        /* base names of C/C++ headers, for quoted includes no directory finds */
        const char *dot = strrchr(base, '.');
        if (dot && (dot[1] == 'h' || dot[1] == 'H' || !strcmp(dot, ".inc") || !strcmp(dot, ".ipp") ||
                    !strcmp(dot, ".tpp"))) {
            entry *e = table_get(&p->bases, base);
            const char **list = e ? e->val : NULL;
            size_t n = 0;
            while (list && list[n])
                n++;
            const char **grown = mm_xrealloc(list, (n + 2) * sizeof *grown);
            grown[n] = path;
            grown[n + 1] = NULL;
            table_put(&p->bases, base, grown);
        }
        bool cmake = !strcmp(base, "CMakeLists.txt") || mm_str_ends(base, ".cmake");
        bool flags = !strcmp(base, "platformio.ini") || !strcmp(base, "Makefile") ||
                     !strcmp(base, "makefile") || !strcmp(base, "component.mk") ||
                     mm_str_ends(base, ".mk") || !strcmp(base, "Makefile.include");
        if (!cmake && !flags)
            continue;
        char *abs = mm_xasprintf("%s/%s", p->root, path);
        char *data;
        size_t len;
        mm_err err;
        if (mm_read_file(abs, MAX_BUILD_FILE, &data, &len, &err) == 0) {
            char *owner = dir_of(path);
            if (cmake)
                read_cmake(p, owner, data, len);
            else
                read_flags(p, owner, data, len);
            free(owner);
            free(data);
        }
        free(abs);
    }
}

static void need_index(mm_cproject *p)
{
    pthread_mutex_lock(&p->lock);
    if (!p->indexed) {
        index_tree(p);
        for (size_t i = 0; i < p->dirs.n; i++) {
            entry *e = table_get(&p->dirindex, p->dirs.v[i].dir);
            size_t n = 0;
            for (const size_t *ix = e ? e->val : NULL; ix && *ix != SIZE_MAX; ix++)
                n++;
            size_t *v = mm_xrealloc(e ? e->val : NULL, (n + 2) * sizeof *v);
            v[n] = i;
            v[n + 1] = SIZE_MAX;
            if (e)
                e->val = v;
            else
                table_put(&p->dirindex, p->dirs.v[i].dir, v);
        }
        p->indexed = true;
    }
    pthread_mutex_unlock(&p->lock);
}

/* --- loading ---------------------------------------------------------------------------------- */

typedef MM_VEC(mm_cinclude) incvec;

/* The #include lines of a text, without reading its tokens: a line whose first non-blank is
 * '#', then "include" (or include_next, import), then "name" or <name>. Comments that hide one
 * are not seen: an include too many only widens what is searched. */
static void text_includes(const char *data, size_t len, mm_arena *a, incvec *out)
{
    const char *p = data, *end = data + len;
    incvec v = {0};
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t'))
            q++;
        if (q < eol && *q == '#') {
            q++;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            if (eol - q > 7 && (!strncmp(q, "include", 7) || !strncmp(q, "import", 6))) {
                while (q < eol && isalpha((unsigned char)*q))
                    q++;
                if (q < eol && *q == '_')
                    while (q < eol && (isalpha((unsigned char)*q) || *q == '_'))
                        q++;
                while (q < eol && (*q == ' ' || *q == '\t'))
                    q++;
                if (q < eol && (*q == '"' || *q == '<')) {
                    char close = *q == '"' ? '"' : '>';
                    const char *n0 = ++q;
                    while (q < eol && *q != close)
                        q++;
                    if (q < eol && q > n0 && q - n0 < 512) {
                        mm_cinclude inc = {mm_arena_strndup(a, n0, (size_t)(q - n0)),
                                           close == '"'};
                        mm_vec_push(&v, inc);
                    }
                }
            }
        }
        p = eol + 1;
    }
    *out = v;
}

static void scan_includes(loaded *l)
{
    incvec v;
    text_includes(l->data, l->f.len, &l->arena, &v);
    l->incs = v.v;
    l->nincs = (uint32_t)v.n;
}

const mm_cinclude *mm_cproject_text_includes(mm_file *f, uint32_t *n)
{
    incvec v;
    text_includes(f->data, f->len, f->arena, &v);
    mm_cinclude *out = NULL;
    if (v.n) {
        out = mm_arena_alloc(f->arena, v.n * sizeof *out);
        memcpy(out, v.v, v.n * sizeof *out);
    }
    *n = (uint32_t)v.n;
    mm_vec_free(&v);
    return out;
}

static loaded *load(mm_cproject *p, const char *path, bool header)
{
    char *abs = mm_xasprintf("%s/%s", p->root, path);
    char *data;
    size_t len;
    mm_err err;
    int rc = mm_read_file(abs, MAX_HEADER, &data, &len, &err);
    free(abs);
    if (rc < 0 || memchr(data, 0, len)) {
        if (rc == 0)
            free(data);
        return NULL;
    }
    loaded *l = mm_xcalloc(1, sizeof *l);
    l->data = data;
    l->f.path = mm_arena_strdup(&l->arena, path);
    l->f.data = data;
    l->f.len = len;
    l->f.arena = &l->arena;
    const char *dot = strrchr(path, '.');
    l->f.kind = dot && (!strcmp(dot, ".c") || !strcmp(dot, ".h")) ? MM_KIND_C : MM_KIND_CPP;
    /* the configuration reader skips lines longer than this (as the scan does, whose limit
     * this file context does not get): left at 0 it read no line at all */
    l->f.max_line_len = MAX_CONFIG_LINE;
    pthread_mutex_init(&l->lock, NULL);
    if (header)
        scan_includes(l);
    else
        mm_kconfig_run(&l->f);
    return l;
}

static loaded *loaded_of(mm_file *header)
{
    return (loaded *)(void *)((char *)header - offsetof(loaded, f));
}

const mm_cinclude *mm_cproject_includes(mm_file *header, uint32_t *n)
{
    loaded *l = loaded_of(header);
    *n = l->nincs;
    return l->incs;
}

bool mm_cproject_mentions(mm_file *header, const char *name, size_t len)
{
    const char *p = header->data, *end = header->data + header->len;
    while ((p = memmem(p, (size_t)(end - p), name, len))) {
        bool left = p == header->data || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        bool right = p + len >= end || !(isalnum((unsigned char)p[len]) || p[len] == '_');
        if (left && right)
            return true;
        p += len;
    }
    return false;
}

const struct mm_ppview *mm_cproject_view(mm_cproject *p, mm_file *header)
{
    loaded *l = loaded_of(header);
    if (!atomic_load(&l->viewed)) {
        pthread_mutex_lock(&l->lock);
        if (!atomic_load(&l->viewed)) {
            mm_pp_build_header(&l->f, p);
            atomic_store(&l->viewed, true);
        }
        pthread_mutex_unlock(&l->lock);
    }
    return l->f.cf->pp;
}

static void free_loaded(void *v)
{
    loaded *l = v;
    pthread_mutex_destroy(&l->lock);
    free(l->incs);
    /* what the configuration reader left beside its entries (hints, notices: heap) */
    for (size_t i = 0; i < l->f.hints.n; i++) {
        free(l->f.hints.v[i].key);
        free(l->f.hints.v[i].value);
    }
    mm_vec_free(&l->f.hints);
    for (size_t i = 0; i < l->f.notices.n; i++)
        mm_notice_free(&l->f.notices.v[i]);
    mm_vec_free(&l->f.notices);
    mm_pp_release(&l->f);
    mm_clex_release(&l->f);
    free(l->data);
    mm_arena_free(&l->arena);
    free(l);
}

static mm_file *header_at(mm_cproject *p, const char *path)
{
    pthread_mutex_lock(&p->lock);
    entry *e = table_get(&p->headers, path);
    pthread_mutex_unlock(&p->lock);
    if (e)
        return e->val ? &((loaded *)e->val)->f : NULL;
    loaded *l = load(p, path, true);
    pthread_mutex_lock(&p->lock);
    e = table_get(&p->headers, path);
    if (e) {
        /* another worker was quicker */
        pthread_mutex_unlock(&p->lock);
        if (l)
            free_loaded(l);
        return e->val ? &((loaded *)e->val)->f : NULL;
    }
    table_put(&p->headers, path, l);
    pthread_mutex_unlock(&p->lock);
    return l ? &l->f : NULL;
}

/* A name that join() leaves as it is: no empty, "." or ".." segment, not absolute. */
static bool plain_name(const char *name)
{
    if (!name[0] || name[0] == '/')
        return false;
    for (const char *seg = name; *seg;) {
        const char *slash = strchr(seg, '/');
        size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
        if (!len || (len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
            return false;
        seg += len;
        if (*seg == '/' && !*++seg)
            return false; /* a trailing slash */
    }
    return true;
}

/* The tree path an #include names (see mm_cproject_include), or NULL. */
static char *resolve_include(mm_cproject *p, const char *from, const char *name, bool quoted)
{
    char *found = NULL;
    if (quoted) {
        char *dir = dir_of(from);
        char *cand = join(dir, name);
        free(dir);
        if (cand && in_tree(p, cand))
            found = cand;
        else
            free(cand);
    }
    if (!found && plain_name(name)) {
        need_index(p);
        /* the include directory nearest the including file (ties: the first named), found
         * from the files of the tree that end in the name: a tree names hundreds of include
         * directories and holds few files of one name */
        entry *be = table_get(&p->bases, mm_path_base(name));
        const char **list = be ? be->val : NULL;
        size_t nl = strlen(name), best = 0, best_i = SIZE_MAX;
        const char *best_path = NULL;
        for (size_t k = 0; list && list[k]; k++) {
            size_t pl = strlen(list[k]);
            if (pl < nl || strcmp(list[k] + pl - nl, name) != 0 ||
                (pl > nl && list[k][pl - nl - 1] != '/'))
                continue;
            char *pre = pl > nl ? mm_xstrndup(list[k], pl - nl - 1) : mm_xstrdup("");
            entry *de = table_get(&p->dirindex, pre);
            free(pre);
            for (const size_t *ix = de ? de->val : NULL; ix && *ix != SIZE_MAX; ix++) {
                const char *own = p->dirs.v[*ix].owner;
                size_t ol = strlen(own);
                size_t score = (!ol || (!strncmp(from, own, ol) && from[ol] == '/')) ? ol + 1 : 0;
                if (best_i == SIZE_MAX || score > best || (score == best && *ix < best_i)) {
                    best = score;
                    best_i = *ix;
                    best_path = list[k];
                }
            }
        }
        if (best_path)
            found = mm_xstrdup(best_path);
    } else if (!found) {
        need_index(p);
        /* the include directory nearest the including file */
        size_t best = 0;
        for (size_t i = 0; i < p->dirs.n; i++) {
            char *cand = join(p->dirs.v[i].dir, name);
            if (!cand || !in_tree(p, cand)) {
                free(cand);
                continue;
            }
            const char *own = p->dirs.v[i].owner;
            size_t ol = strlen(own);
            size_t score = (!ol || (!strncmp(from, own, ol) && from[ol] == '/')) ? ol + 1 : 0;
            if (!found || score > best) {
                free(found);
                found = cand;
                best = score;
            } else {
                free(cand);
            }
        }
    }
    if (!found && quoted) {
        /* the one file of the tree that has this name */
        entry *e = table_get(&p->bases, mm_path_base(name));
        const char **list = e ? e->val : NULL;
        const char *only = NULL;
        size_t nl = strlen(name);
        for (size_t i = 0; list && list[i]; i++) {
            size_t pl = strlen(list[i]);
            if (pl < nl || strcmp(list[i] + pl - nl, name) != 0 ||
                (pl > nl && list[i][pl - nl - 1] != '/'))
                continue;
            if (only) {
                only = NULL;
                break;
            }
            only = list[i];
        }
        if (only)
            found = mm_xstrdup(only);
    }
    return found;
}

mm_file *mm_cproject_include(mm_cproject *p, const char *from, const char *name, bool quoted)
{
    if (!name[0] || strlen(name) > 512)
        return NULL;
    /* the answer depends on the including file's directory only: remembered per directory,
     * as the same few headers are included from every file (and the search walks every
     * include directory of the tree) */
    char *dir = dir_of(from);
    char *key = mm_xasprintf("%c%s%c%s", quoted ? 'q' : 'a', dir, 1, name);
    free(dir);
    pthread_mutex_lock(&p->lock);
    entry *e = table_get(&p->resolved, key);
    char *found = e && e->val ? mm_xstrdup(e->val) : NULL;
    pthread_mutex_unlock(&p->lock);
    if (!e) {
        found = resolve_include(p, from, name, quoted);
        pthread_mutex_lock(&p->lock);
        if (!table_get(&p->resolved, key))
            table_put(&p->resolved, key, found ? mm_xstrdup(found) : NULL);
        pthread_mutex_unlock(&p->lock);
    }
    free(key);
    if (!found)
        return NULL;
    mm_file *h = header_at(p, found);
    free(found);
    return h;
}

const struct mm_cdecls *mm_cproject_decls(mm_cproject *p, mm_file *header)
{
    /* made on first need, under the header's lock: most headers are read for their macros
     * only, and most only for their #include lines */
    mm_cproject_view(p, header);
    loaded *l = loaded_of(header);
    pthread_mutex_lock(&l->lock);
    const struct mm_cdecls *d = mm_cdecl_get(header);
    pthread_mutex_unlock(&l->lock);
    return d;
}

const mm_kconfig *mm_cproject_config(mm_cproject *p, const char *path, const char **where)
{
    static const char *const names[] = {"sdkconfig", ".config", "prj.conf", "sdkconfig.defaults",
                                        NULL};
    char *dir = dir_of(path);
    const mm_kconfig *kc = NULL;
    *where = NULL;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        entry *e = table_get(&p->configs, dir);
        pthread_mutex_unlock(&p->lock);
        loaded *l = NULL;
        if (e) {
            l = e->val;
        } else {
            for (const char *const *n = names; *n && !l; n++) {
                char *cand = join(dir, *n);
                if (cand && in_tree(p, cand)) {
                    l = load(p, cand, false);
                    if (l && !l->f.kc) {
                        free_loaded(l);
                        l = NULL;
                    }
                }
                free(cand);
            }
            pthread_mutex_lock(&p->lock);
            e = table_get(&p->configs, dir);
            if (e) {
                if (l)
                    free_loaded(l);
                l = e->val;
            } else {
                table_put(&p->configs, dir, l);
            }
            pthread_mutex_unlock(&p->lock);
        }
        if (l) {
            kc = l->f.kc;
            *where = l->f.path;
            break;
        }
        if (!dir[0])
            break;
        char *up = dir_of(dir);
        free(dir);
        dir = up;
    }
    free(dir);
    return kc;
}

/* --- exports -------------------------------------------------------------------------------- */

void mm_cproject_add_export(mm_cproject *p, const char *header, const char *name,
                            const char *target)
{
    pthread_mutex_lock(&p->lock);
    size_t i = 0;
    while (i < p->exports.n && strcmp(p->exports.v[i].name, name) != 0)
        i++;
    if (i == p->exports.n) {
        mm_cexport x = {mm_xstrdup(name), NULL, 0, NULL, 0};
        mm_vec_push(&p->exports, x);
        mm_strset_add(&p->export_set, p->exports.v[i].name);
    }
    mm_cexport *x = &p->exports.v[i];
    bool have = false;
    for (size_t k = 0; k < x->ntargets && !have; k++)
        have = !strcmp(x->targets[k], target);
    if (!have) {
        x->targets = mm_xrealloc(x->targets, (x->ntargets + 1) * sizeof *x->targets);
        x->targets[x->ntargets++] = mm_xstrdup(target);
    }
    have = false;
    for (size_t k = 0; k < x->nheaders && !have; k++)
        have = !strcmp(x->headers[k], header);
    if (!have) {
        x->headers = mm_xrealloc(x->headers, (x->nheaders + 1) * sizeof *x->headers);
        x->headers[x->nheaders++] = mm_xstrdup(header);
    }
    mm_vec_push(&p->export_keys, mm_xasprintf("%s\t%s\t%s", header, name, target));
    p->digest_done = false;
    pthread_mutex_unlock(&p->lock);
}

bool mm_cproject_has_exports(const mm_cproject *p)
{
    return p && p->exports.n > 0;
}

const mm_cexport *mm_cproject_export(const mm_cproject *p, const char *name, size_t n)
{
    if (!p || !p->exports.n || !mm_strset_hasn(&p->export_set, name, n))
        return NULL;
    for (size_t i = 0; i < p->exports.n; i++) {
        if (strlen(p->exports.v[i].name) == n && !memcmp(p->exports.v[i].name, name, n))
            return &p->exports.v[i];
    }
    return NULL;
}

const mm_cexport *mm_cproject_exports(const mm_cproject *p, size_t *n)
{
    *n = p ? p->exports.n : 0;
    return p ? p->exports.v : NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *mm_cproject_digest(const mm_cproject *cp)
{
    mm_cproject *p = (mm_cproject *)cp;
    if (!p || !p->export_keys.n)
        return "";
    pthread_mutex_lock(&p->lock);
    if (!p->digest_done) {
        mm_sort(p->export_keys.v, p->export_keys.n, sizeof *p->export_keys.v, cmp_str);
        mm_buf b = {0};
        for (size_t i = 0; i < p->export_keys.n; i++) {
            mm_buf_puts(&b, p->export_keys.v[i]);
            mm_buf_putc(&b, '\n');
        }
        mm_sha256_hex(b.data, b.len, p->digest);
        mm_buf_free(&b);
        p->digest_done = true;
    }
    pthread_mutex_unlock(&p->lock);
    return p->digest;
}

/* --- life ----------------------------------------------------------------------------------- */

mm_cproject *mm_cproject_new(const char *root, char *const *paths, size_t npaths)
{
    mm_cproject *p = mm_xcalloc(1, sizeof *p);
    p->root = mm_xstrdup(root);
    p->paths = paths;
    p->npaths = npaths;
    pthread_mutex_init(&p->lock, NULL);
    return p;
}

static void free_list(void *v)
{
    free(v);
}

void mm_cproject_free(mm_cproject *p)
{
    if (!p)
        return;
    table_free(&p->headers, free_loaded);
    table_free(&p->configs, free_loaded);
    table_free(&p->resolved, free);
    table_free(&p->dirindex, free);
    table_free(&p->bases, free_list);
    for (size_t i = 0; i < p->dirs.n; i++) {
        free(p->dirs.v[i].dir);
        free(p->dirs.v[i].owner);
    }
    mm_vec_free(&p->dirs);
    mm_strset_free(&p->export_set);
    for (size_t i = 0; i < p->exports.n; i++) {
        mm_cexport *x = &p->exports.v[i];
        for (size_t k = 0; k < x->ntargets; k++)
            free(x->targets[k]);
        for (size_t k = 0; k < x->nheaders; k++)
            free(x->headers[k]);
        free(x->targets);
        free(x->headers);
        free(x->name);
    }
    mm_vec_free(&p->exports);
    for (size_t i = 0; i < p->export_keys.n; i++)
        free(p->export_keys.v[i]);
    mm_vec_free(&p->export_keys);
    mm_vec_free(&p->all);
    pthread_mutex_destroy(&p->lock);
    free(p->root);
    free(p);
}
