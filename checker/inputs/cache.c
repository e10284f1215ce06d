/* cache.c: the persistent scan cache (see cache.h for what it promises). One file per scan
 * identity, `<dir>/<identity>.mmc`:
 *
 *   "MAMORIC1" | identity (64 hex) | u64 count | count x (key[32] | u32 len | value) | MAC[32]
 *
 * The MAC is HMAC-SHA-256 of everything before it: with a constant key for a directory the user
 * named (then it is a checksum), with a per-user secret for the default directory inside the
 * scanned repository. A file that does not verify is ignored and rewritten. Writers take an
 * exclusive flock on `<dir>/lock`, merge what a concurrent run wrote meanwhile, and replace the
 * file atomically (temporary file, fsync, rename): a crash leaves the old file or the new one,
 * and readers never lock. */
#define _GNU_SOURCE
#include "inputs/cache.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <mbedtls/md.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/version.h"
#include "core/policy.h"
#include "front/cproject.h"
#include "front/kconfig.h"
#include "project/inventory.h"

enum {
    MAC_LEN = 32,
    HEADER_LEN = 8 + 64 + 8,
    ENTRY_HEAD = MM_CACHE_KEY + 4,
    LOCK_WAIT_MS = 10000,
};
static const char MAGIC[8] = {'M', 'A', 'M', 'O', 'R', 'I', 'C', '1'};
#define MAX_FILE ((size_t)1 << 30)     /* larger than this is not a cache of ours */
#define KEEP_UNUSED ((size_t)64 << 20) /* entries this run did not use go beyond this size */
#define STALE_DAYS 30                  /* other identities' files untouched this long go */

/* --- this build's identity -------------------------------------------------------------------- */

static int find_build_id(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    if (info->dlpi_name && info->dlpi_name[0])
        return 0; /* a shared library: only the executable itself counts */
    mm_buf *out = arg;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const uint8_t *p = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr);
        const uint8_t *end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)(const void *)p;
            const uint8_t *name = p + sizeof *nh;
            const uint8_t *desc = name + ((nh->n_namesz + 3) & ~3u);
            if (desc + nh->n_descsz > end)
                break;
            if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && !memcmp(name, "GNU", 4)) {
                mm_buf_put(out, desc, nh->n_descsz);
                return 1;
            }
            p = desc + ((nh->n_descsz + 3) & ~3u);
        }
    }
    return 1;
}

static char build_id[65];
static pthread_once_t build_once = PTHREAD_ONCE_INIT;

/* The engine's code decides results as much as the rules do: a rebuilt binary (same version,
 * changed code) must not reuse what the old one found. The linker's build id says which build
 * this is; without one, the executable's bytes do. */
static void find_build(void)
{
    mm_buf raw = {0};
    dl_iterate_phdr(find_build_id, &raw);
    if (!raw.len) {
        char *data = NULL;
        size_t len = 0;
        mm_err err;
        if (mm_read_file("/proc/self/exe", MAX_FILE, &data, &len, &err) == 0)
            mm_buf_put(&raw, data, len);
        free(data);
    }
    mm_buf_puts(&raw, MAMORI_VERSION);
    mm_sha256_hex(raw.data, raw.len, build_id);
    mm_buf_free(&raw);
}

void mm_cache_identity(const mm_scan *s, char out[65])
{
    pthread_once(&build_once, find_build);
    mm_buf b = {0};
    /* notices and the code's own words in findings are kept in the language of messages */
    mm_buf_printf(&b, "build %s\nrules %s\nline %zu\nlang %s\n", build_id, s->rules->hash,
                  s->opts.max_line_len, mm_i18n_lang());
    if (s->kctx) /* the tree's configurations decide what each configuration file yields */
        mm_buf_printf(&b, "configs %s\n", s->kctx->digest);
    if (s->policy && s->policy->doc.root) {
        /* the profiles decide severities per file (mm_profile_of) */
        const cJSON *prof = cJSON_GetObjectItemCaseSensitive(s->policy->doc.root, "profiles");
        if (prof) {
            char *txt = cJSON_PrintUnformatted(prof);
            mm_buf_printf(&b, "profiles %s\n", txt ? txt : "?");
            free(txt);
        }
    }
    mm_sha256_hex(b.data, b.len, out);
    mm_buf_free(&b);
}

/* --- the user's own cache directory and key ------------------------------------------------ */

static char *user_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    char *base;
    if (xdg && xdg[0] == '/') {
        base = mm_xstrdup(xdg);
    } else {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/')
            return NULL;
        base = mm_xasprintf("%s/.cache", home);
    }
    mkdir(base, 0700);
    char *dir = mm_xasprintf("%s/mamori", base);
    free(base);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        free(dir);
        return NULL;
    }
    return dir;
}

char *mm_cache_user_dir(void)
{
    return user_dir();
}

/* 32 random bytes in <user dir>/key, made once (0600; link() so that racing runs agree). */
static int user_key(uint8_t key[32])
{
    char *dir = user_dir();
    if (!dir)
        return -1;
    char *path = mm_xasprintf("%s/key", dir);
    int rc = -1;
    for (int attempt = 0; attempt < 3 && rc < 0; attempt++) {
        int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
            ssize_t n = read(fd, key, 32);
            close(fd);
            if (n == 32)
                rc = 0;
            else
                usleep(10000); /* being written by a racing run */
            continue;
        }
        char *tmp = mm_xasprintf("%s/key.%ld.tmp", dir, (long)getpid());
        fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd >= 0) {
            uint8_t fresh[32];
            bool ok = getrandom(fresh, sizeof fresh, 0) == (ssize_t)sizeof fresh &&
                      write(fd, fresh, sizeof fresh) == (ssize_t)sizeof fresh && fsync(fd) == 0;
            close(fd);
            if (ok && link(tmp, path) == 0) {
                memcpy(key, fresh, 32);
                rc = 0;
            }
            unlink(tmp);
        }
        free(tmp);
    }
    free(path);
    free(dir);
    return rc;
}

/* --- the store --------------------------------------------------------------------------------- */

typedef struct entry {
    uint8_t key[MM_CACHE_KEY];
    const uint8_t *val;
    uint32_t len;
    bool owned; /* val is malloc'd (else it points into the loaded file) */
    bool used;  /* read or written by this run */
} entry;

struct mm_cache {
    pthread_mutex_t lock;
    char *dir, *path;
    char identity[65];
    uint8_t mac_key[32];
    MM_VEC(entry) entries;
    uint32_t *slots; /* entry index + 1; 0 = empty */
    size_t cap;
    MM_VEC(char *) files; /* loaded files the entries point into */
    ino_t loaded_ino; /* the file this run started from */
    off_t loaded_size;
    struct timespec loaded_mtime;
    bool have_loaded, dirty, rebuilt;
    mm_result_store store; /* what a worktree scan asks (mm_scan_cache_open) */
    const mm_scan *scan;
    /* the blobs of the tree's C headers, configurations and build files: what a result that
     * read other files of the tree (mm_file_result.tree_dependent) depends on; "" when one of
     * them differs from the index (such results are then not kept) */
    char tree_digest[65];
};

static uint64_t key_hash(const uint8_t *k)
{
    uint64_t h;
    memcpy(&h, k + 1, sizeof h); /* object ids are uniformly random bytes */
    return h ^ mm_hash64(k, MM_CACHE_KEY);
}

static void rehash(mm_cache *c)
{
    size_t cap = c->cap ? c->cap * 2 : 1024;
    uint32_t *slots = mm_xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < c->entries.n; i++) {
        size_t h = (size_t)key_hash(c->entries.v[i].key) & (cap - 1);
        while (slots[h])
            h = (h + 1) & (cap - 1);
        slots[h] = (uint32_t)(i + 1);
    }
    free(c->slots);
    c->slots = slots;
    c->cap = cap;
}

static entry *find(mm_cache *c, const uint8_t *key)
{
    if (!c->cap)
        return NULL;
    size_t h = (size_t)key_hash(key) & (c->cap - 1);
    while (c->slots[h]) {
        entry *e = &c->entries.v[c->slots[h] - 1];
        if (!memcmp(e->key, key, MM_CACHE_KEY))
            return e;
        h = (h + 1) & (c->cap - 1);
    }
    return NULL;
}

/* Adds or replaces; takes val as is (owned says whether to free it). */
static void insert(mm_cache *c, const uint8_t *key, const uint8_t *val, uint32_t len, bool owned,
                   bool used)
{
    entry *e = find(c, key);
    if (e) {
        if (e->owned)
            free((void *)e->val);
        e->val = val;
        e->len = len;
        e->owned = owned;
        e->used = e->used || used;
        return;
    }
    if ((c->entries.n + 1) * 2 > c->cap)
        rehash(c);
    entry ne;
    memcpy(ne.key, key, MM_CACHE_KEY);
    ne.val = val;
    ne.len = len;
    ne.owned = owned;
    ne.used = used;
    mm_vec_push(&c->entries, ne);
    size_t h = (size_t)key_hash(key) & (c->cap - 1);
    while (c->slots[h])
        h = (h + 1) & (c->cap - 1);
    c->slots[h] = (uint32_t)c->entries.n;
}

static void mac(const mm_cache *c, const void *data, size_t len, uint8_t out[MAC_LEN])
{
    mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), c->mac_key,
                    sizeof c->mac_key, data, len, out);
}

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Reads and verifies the file; on success its entries are added (those already present are
 * kept when keep_ours: merging what a concurrent run wrote) and stay valid as long as the cache. */
static int load_file(mm_cache *c, bool keep_ours, bool *corrupt)
{
    *corrupt = false;
    char *data = NULL;
    size_t len = 0;
    mm_err err;
    struct stat st;
    if (stat(c->path, &st) != 0)
        return -1; /* none yet */
    if (c->have_loaded && st.st_ino == c->loaded_ino && st.st_size == c->loaded_size &&
        st.st_mtim.tv_sec == c->loaded_mtime.tv_sec &&
        st.st_mtim.tv_nsec == c->loaded_mtime.tv_nsec)
        return 0; /* the file this run started from: nothing new in it */
    if (mm_read_file(c->path, MAX_FILE, &data, &len, &err) < 0)
        return -1;
    uint8_t want[MAC_LEN];
    if (len < HEADER_LEN + MAC_LEN || memcmp(data, MAGIC, 8) != 0 ||
        memcmp(data + 8, c->identity, 64) != 0) {
        *corrupt = true;
        free(data);
        return -1;
    }
    mac(c, data, len - MAC_LEN, want);
    if (memcmp(want, data + len - MAC_LEN, MAC_LEN) != 0) {
        *corrupt = true;
        free(data);
        return -1;
    }
    /* the structure first, then the entries: a file that verifies but does not parse (another
     * version's) adds nothing */
    const uint8_t *first = (const uint8_t *)data + HEADER_LEN;
    const uint8_t *end = (const uint8_t *)data + len - MAC_LEN;
    uint64_t count = get_u64((const uint8_t *)data + 72);
    const uint8_t *p = first;
    for (uint64_t i = 0; i < count && p; i++) {
        if ((size_t)(end - p) < ENTRY_HEAD ||
            (size_t)(end - p) - ENTRY_HEAD < get_u32(p + MM_CACHE_KEY))
            p = NULL;
        else
            p += ENTRY_HEAD + get_u32(p + MM_CACHE_KEY);
    }
    if (p != end) {
        *corrupt = true;
        free(data);
        return -1;
    }
    for (p = first; p < end; p += ENTRY_HEAD + get_u32(p + MM_CACHE_KEY)) {
        if (!keep_ours || !find(c, p))
            insert(c, p, p + ENTRY_HEAD, get_u32(p + MM_CACHE_KEY), false, keep_ours);
    }
    mm_vec_push(&c->files, data);
    if (!keep_ours) {
        c->have_loaded = true;
        c->loaded_ino = st.st_ino;
        c->loaded_size = st.st_size;
        c->loaded_mtime = st.st_mtim;
    }
    return 0;
}

mm_cache *mm_cache_open(const char *dir, bool trusted, const char *identity, char **why)
{
    *why = NULL;
    mm_cache *c = mm_xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->lock, NULL);
    if (trusted) {
        mm_sha256("mamori cache v1", 15, c->mac_key);
    } else if (user_key(c->mac_key) < 0) {
        *why = mm_xstrdup("no cache: cannot keep its key in the user's cache directory "
                          "($XDG_CACHE_HOME or $HOME/.cache); use --cache DIR");
        pthread_mutex_destroy(&c->lock);
        free(c);
        return NULL;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        *why = mm_xasprintf("no cache: cannot create %s: %s", dir, strerror(errno));
        pthread_mutex_destroy(&c->lock);
        free(c);
        return NULL;
    }
    c->dir = mm_xstrdup(dir);
    memcpy(c->identity, identity, 65);
    c->path = mm_xasprintf("%s/%.64s.mmc", dir, identity);
    bool corrupt = false;
    load_file(c, false, &corrupt);
    if (corrupt) {
        c->rebuilt = true;
        c->dirty = true;
    }
    return c;
}

bool mm_cache_rebuilt(const mm_cache *c)
{
    return c->rebuilt;
}

static void put_u32(mm_buf *b, uint32_t v)
{
    uint8_t x[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    mm_buf_put(b, x, 4);
}

static void put_u64(mm_buf *b, uint64_t v)
{
    uint8_t x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (uint8_t)(v >> (8 * i));
    mm_buf_put(b, x, 8);
}

static int cmp_entry_key(const void *a, const void *b)
{
    return memcmp(((const entry *)a)->key, ((const entry *)b)->key, MM_CACHE_KEY);
}

/* Other identities' files that no run touched for a month are dropped, and temporary files
 * of runs that crashed an hour ago. */
static void remove_stale(const mm_cache *c)
{
    DIR *d = opendir(c->dir);
    if (!d)
        return;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        /* a temporary file a crashed run left (mm_write_atomic: <file>.mamori-<pid>.tmp) */
        bool tmp = mm_str_ends(e->d_name, ".tmp") && strstr(e->d_name, ".mamori-");
        if (!tmp && (n != 68 || !mm_str_ends(e->d_name, ".mmc") ||
                     !strncmp(e->d_name, c->identity, 64)))
            continue;
        char *p = mm_xasprintf("%s/%s", c->dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
            now - st.st_mtime > (tmp ? 3600 : (time_t)STALE_DAYS * 86400))
            unlink(p);
        free(p);
    }
    closedir(d);
}

static int lock_dir(const mm_cache *c)
{
    char *lp = mm_xasprintf("%s/lock", c->dir);
    int fd = open(lp, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    free(lp);
    if (fd < 0)
        return -1;
    for (int waited = 0; flock(fd, LOCK_EX | LOCK_NB) != 0; waited += 20) {
        if (errno != EWOULDBLOCK || waited >= LOCK_WAIT_MS) {
            close(fd);
            return -1;
        }
        usleep(20000);
    }
    return fd;
}

void mm_cache_close(mm_cache *c, char **why)
{
    *why = NULL;
    if (!c)
        return;
    if (c->dirty) {
        int lockfd = lock_dir(c);
        if (lockfd < 0) {
            *why = mm_xasprintf("cache not saved: cannot lock %s/lock", c->dir);
        } else {
            /* a run that finished meanwhile: keep what it added */
            bool corrupt;
            load_file(c, true, &corrupt);
            /* size: what this run used first, then the rest while it fits */
            mm_sort(c->entries.v, c->entries.n, sizeof *c->entries.v, cmp_entry_key);
            size_t total = 0;
            for (size_t i = 0; i < c->entries.n; i++) {
                if (c->entries.v[i].used)
                    total += ENTRY_HEAD + c->entries.v[i].len;
            }
            mm_buf out = {0};
            mm_buf_put(&out, MAGIC, 8);
            mm_buf_put(&out, c->identity, 64);
            put_u64(&out, 0); /* the count, set below */
            uint64_t count = 0;
            for (size_t i = 0; i < c->entries.n; i++) {
                const entry *e = &c->entries.v[i];
                if (!e->used) {
                    if (total + ENTRY_HEAD + e->len > KEEP_UNUSED)
                        continue;
                    total += ENTRY_HEAD + e->len;
                }
                mm_buf_put(&out, e->key, MM_CACHE_KEY);
                put_u32(&out, e->len);
                mm_buf_put(&out, e->val, e->len);
                count++;
            }
            for (int i = 0; i < 8; i++)
                ((uint8_t *)out.data)[72 + i] = (uint8_t)(count >> (8 * i));
            uint8_t m[MAC_LEN];
            mac(c, out.data, out.len, m);
            mm_buf_put(&out, m, MAC_LEN);
            mm_err err;
            if (mm_write_atomic(c->path, out.data, out.len, &err) < 0)
                *why = mm_xasprintf("cache not saved: %s", err.msg);
            mm_buf_free(&out);
            remove_stale(c);
            flock(lockfd, LOCK_UN);
            close(lockfd);
        }
    }
    if (!c->dirty && c->have_loaded && time(NULL) - c->loaded_mtime.tv_sec > 86400)
        utimensat(AT_FDCWD, c->path, NULL, 0); /* read, not written: still in use (stale files go) */
    for (size_t i = 0; i < c->entries.n; i++) {
        if (c->entries.v[i].owned)
            free((void *)c->entries.v[i].val);
    }
    mm_vec_free(&c->entries);
    free(c->slots);
    for (size_t i = 0; i < c->files.n; i++)
        free(c->files.v[i]);
    mm_vec_free(&c->files);
    pthread_mutex_destroy(&c->lock);
    free(c->dir);
    free(c->path);
    free(c);
}

void mm_cache_key(uint8_t key[MM_CACHE_KEY], int kind, const uint8_t oid[20], const char *path,
                  uint64_t extra)
{
    memset(key, 0, MM_CACHE_KEY);
    key[0] = (uint8_t)kind;
    if (oid)
        memcpy(key + 1, oid, 20);
    uint8_t h[32];
    mm_buf b = {0};
    mm_buf_puts(&b, path ? path : "");
    mm_buf_putc(&b, 0);
    put_u64(&b, extra);
    mm_sha256(b.data, b.len, h);
    mm_buf_free(&b);
    memcpy(key + 21, h, MM_CACHE_KEY - 21);
}

bool mm_cache_get(mm_cache *c, const uint8_t key[MM_CACHE_KEY], mm_buf *out)
{
    pthread_mutex_lock(&c->lock);
    entry *e = find(c, key);
    if (e) {
        e->used = true;
        mm_buf_put(out, e->val, e->len);
    }
    pthread_mutex_unlock(&c->lock);
    return e != NULL;
}

void mm_cache_put(mm_cache *c, const uint8_t key[MM_CACHE_KEY], const void *v, size_t n)
{
    if (n > UINT32_MAX)
        return;
    uint8_t *copy = mm_xmalloc(n ? n : 1);
    if (n)
        memcpy(copy, v, n);
    pthread_mutex_lock(&c->lock);
    entry *e = find(c, key);
    if (e && e->len == n && !memcmp(e->val, copy, n)) {
        e->used = true;
        free(copy);
    } else {
        insert(c, key, copy, (uint32_t)n, true, true);
        c->dirty = true;
    }
    pthread_mutex_unlock(&c->lock);
}

/* --- the codec -------------------------------------------------------------------------------- */

void mm_enc_u32(mm_buf *b, uint32_t v)
{
    put_u32(b, v);
}

void mm_enc_u64(mm_buf *b, uint64_t v)
{
    put_u64(b, v);
}

void mm_enc_str(mm_buf *b, const char *s)
{
    if (!s) {
        put_u32(b, UINT32_MAX);
        return;
    }
    size_t n = strlen(s);
    put_u32(b, (uint32_t)n);
    mm_buf_put(b, s, n);
}

const uint8_t *mm_dec_bytes(mm_reader *r, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = true;
        return NULL;
    }
    const uint8_t *p = r->p;
    r->p += n;
    return p;
}

uint32_t mm_dec_u32(mm_reader *r)
{
    const uint8_t *p = mm_dec_bytes(r, 4);
    return p ? get_u32(p) : 0;
}

uint64_t mm_dec_u64(mm_reader *r)
{
    const uint8_t *p = mm_dec_bytes(r, 8);
    return p ? get_u64(p) : 0;
}

char *mm_dec_str(mm_reader *r)
{
    uint32_t n = mm_dec_u32(r);
    if (r->bad || n == UINT32_MAX)
        return NULL;
    const uint8_t *p = mm_dec_bytes(r, n);
    if (!p)
        return NULL;
    if (memchr(p, 0, n)) {
        r->bad = true;
        return NULL;
    }
    return mm_xstrndup((const char *)p, n);
}

/* "name\0value\0...\0" */
static size_t vars_len(const char *v)
{
    if (!v)
        return 0;
    const char *p = v;
    while (*p) {
        p += strlen(p) + 1; /* name */
        p += strlen(p) + 1; /* value */
    }
    return (size_t)(p - v) + 1;
}

/* vars_len of untrusted bytes: the length of the name/value pairs that end with an empty name
 * within n bytes, or 0 when a name or value runs past n. */
static size_t vars_len_within(const char *v, size_t n)
{
    size_t i = 0;
    for (;;) {
        const char *z = memchr(v + i, 0, n - i);
        if (!z)
            return 0;
        if (z == v + i)
            return i + 1; /* the empty name that ends the list */
        i = (size_t)(z - v) + 1; /* after the name: its value */
        if (i >= n || !(z = memchr(v + i, 0, n - i)))
            return 0;
        i = (size_t)(z - v) + 1;
        if (i >= n)
            return 0;
    }
}

static const char *const profiles[] = {"release", "debug", "other"};

/* A component's source is a static string of the inventory ("west", "idf-lock", ...): decoded
 * ones are kept once each for the life of the process, like those. */
static const char *intern(const char *str)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static MM_VEC(char *) pool;
    pthread_mutex_lock(&lock);
    const char *found = NULL;
    for (size_t i = 0; i < pool.n && !found; i++) {
        if (!strcmp(pool.v[i], str))
            found = pool.v[i];
    }
    if (!found && pool.n < 256) {
        char *copy = mm_xstrdup(str);
        mm_vec_push(&pool, copy);
        found = copy;
    }
    pthread_mutex_unlock(&lock);
    return found; /* NULL once 256 distinct names were seen: not an inventory's */
}

void mm_result_encode(mm_buf *b, const mm_file_result *r)
{
    put_u32(b, (uint32_t)r->findings.n);
    for (size_t i = 0; i < r->findings.n; i++) {
        const mm_finding *f = &r->findings.v[i];
        mm_enc_str(b, f->rule->id);
        mm_enc_str(b, f->path);
        put_u32(b, f->line);
        put_u32(b, f->col);
        put_u32(b, f->end_line);
        put_u32(b, f->end_col);
        put_u32(b, (uint32_t)f->severity);
        mm_enc_str(b, f->snippet);
        mm_buf_put(b, f->fingerprint, 32);
        size_t vl = vars_len(f->vars);
        put_u32(b, (uint32_t)vl);
        mm_buf_put(b, f->vars, vl);
        uint32_t prof = 0;
        for (uint32_t k = 0; k < 3 && f->profile; k++) {
            if (!strcmp(f->profile, profiles[k]))
                prof = k + 1;
        }
        put_u32(b, prof);
        mm_enc_str(b, f->callee);
        mm_enc_str(b, f->requires_fact);
        mm_enc_str(b, f->unless_fact);
        mm_enc_str(b, f->demote_unless_fact);
        bool deep = f->engine && !strcmp(f->engine, MM_ENGINE_DEEP);
        put_u32(b, (uint32_t)f->shadow_by_signature | (uint32_t)f->suppressed << 1 |
                       (uint32_t)f->live << 3 | (uint32_t)f->role << 4 | (uint32_t)deep << 7 |
                       (uint32_t)f->test_value << 8);
        mm_enc_str(b, f->supp_reason);
        mm_enc_str(b, f->fits_calls);
        put_u32(b, (uint32_t)f->fits_k);
        put_u32(b, (uint32_t)f->fits_room);
        put_u32(b, f->start);
        put_u32(b, f->end);
        put_u32(b, f->order);
    }
    put_u32(b, (uint32_t)r->notices.n);
    for (size_t i = 0; i < r->notices.n; i++) {
        const mm_notice *n = &r->notices.v[i];
        mm_enc_str(b, n->path);
        put_u32(b, n->line);
        put_u32(b, n->col);
        put_u32(b, (uint32_t)n->level);
        mm_enc_str(b, n->code);
        mm_enc_str(b, n->message);
        mm_enc_str(b, n->detail);
        put_u32(b, n->count);
    }
    put_u32(b, (uint32_t)r->defs.n);
    for (size_t i = 0; i < r->defs.n; i++) {
        const mm_project_def *d = &r->defs.v[i];
        mm_enc_str(b, d->name);
        mm_enc_str(b, d->path);
        put_u32(b, (uint32_t)d->is_static | (uint32_t)d->is_macro << 1 |
                       (uint32_t)d->ellipsis << 2);
        put_u32(b, (uint32_t)d->params);
        put_u32(b, (uint32_t)(int32_t)(d->ret_max > INT32_MAX ? INT32_MAX : d->ret_max));
    }
    put_u32(b, (uint32_t)r->supps.n);
    for (size_t i = 0; i < r->supps.n; i++) {
        const mm_suppression *s = &r->supps.v[i];
        mm_enc_str(b, s->path);
        put_u32(b, s->line);
        put_u32(b, s->col);
        mm_enc_str(b, s->snippet);
        mm_enc_str(b, s->rules);
        mm_enc_str(b, s->reason);
        put_u32(b, (uint32_t)s->context);
    }
    put_u32(b, (uint32_t)r->hints.n);
    for (size_t i = 0; i < r->hints.n; i++) {
        mm_enc_str(b, r->hints.v[i].key);
        mm_enc_str(b, r->hints.v[i].value);
    }
    put_u32(b, (uint32_t)r->includes.n);
    for (size_t i = 0; i < r->includes.n; i++)
        mm_enc_str(b, r->includes.v[i]);
    put_u32(b, (uint32_t)r->components.n);
    for (size_t i = 0; i < r->components.n; i++) {
        const mm_component *c = &r->components.v[i];
        put_u32(b, (uint32_t)c->role);
        mm_enc_str(b, c->source);
        put_u32(b, c->evidence);
        const char *const strs[] = {c->name,   c->group, c->version,  c->commit, c->pin_text,
                                    c->license, c->supplier, c->url,  c->purl,   c->cpe,
                                    c->dir,    c->support_until, c->key, c->path, c->snippet,
                                    c->pin_path, c->pin_snippet, c->used_by};
        for (size_t k = 0; k < MM_ARRAY_LEN(strs); k++)
            mm_enc_str(b, strs[k]);
        put_u32(b, (uint32_t)c->pin);
        put_u32(b, c->line);
        put_u32(b, c->col);
        put_u32(b, c->end_col);
        put_u32(b, c->pin_line);
        put_u32(b, c->pin_col);
    }
    put_u64(b, r->bytes);
    put_u32(b, (uint32_t)r->skipped | (uint32_t)r->binary << 1);
    put_u32(b, (uint32_t)r->content_role);
    mm_enc_str(b, r->content_why);
}

/* A count is bounded by what is left of the input (every item takes at least a byte), so that a
 * bad count cannot allocate much; a count over it makes the whole input bad. Checked once, before
 * the items: a check per item would end the loop early and silently keep a shorter list, which
 * encodes differently (fuzz/cache found it: corpus/cache/count-over-remaining-bytes). */
static void bounded(mm_reader *r, uint32_t n)
{
    if (!r->bad && n > (size_t)(r->end - r->p))
        r->bad = true;
}

int mm_result_decode(mm_reader *rd, const mm_ruleset *rs, mm_file_result *out)
{
    memset(out, 0, sizeof *out);
    uint32_t n = mm_dec_u32(rd);
    bounded(rd, n);
    for (uint32_t i = 0; i < n && !rd->bad; i++) {
        mm_finding f;
        memset(&f, 0, sizeof f);
        char *id = mm_dec_str(rd);
        f.rule = id ? mm_ruleset_find(rs, id) : NULL;
        free(id);
        f.path = mm_dec_str(rd);
        f.line = mm_dec_u32(rd);
        f.col = mm_dec_u32(rd);
        f.end_line = mm_dec_u32(rd);
        f.end_col = mm_dec_u32(rd);
        uint32_t sev = mm_dec_u32(rd);
        f.severity = sev <= MM_SEV_ERROR ? (mm_severity)sev : MM_SEV_NONE;
        f.snippet = mm_dec_str(rd);
        const uint8_t *fp = mm_dec_bytes(rd, 32);
        if (fp)
            memcpy(f.fingerprint, fp, 32);
        uint32_t vl = mm_dec_u32(rd);
        const uint8_t *vars = mm_dec_bytes(rd, vl);
        if (vars && vl) {
            f.vars = mm_xmalloc(vl);
            memcpy(f.vars, vars, vl);
            if (vars_len_within(f.vars, vl) != vl)
                rd->bad = true;
        }
        uint32_t prof = mm_dec_u32(rd);
        f.profile = prof >= 1 && prof <= 3 ? profiles[prof - 1] : NULL;
        f.callee = mm_dec_str(rd);
        f.requires_fact = mm_dec_str(rd);
        f.unless_fact = mm_dec_str(rd);
        f.demote_unless_fact = mm_dec_str(rd);
        uint32_t flags = mm_dec_u32(rd);
        f.shadow_by_signature = flags & 1;
        f.suppressed = (mm_supp_kind)((flags >> 1) & 3);
        f.live = (flags >> 3) & 1;
        f.role = (mm_role)((flags >> 4) & 7); /* a finding's own: a Windows-only branch */
        bool deep = (flags >> 7) & 1; /* read by the deep tier */
        f.test_value = (flags >> 8) & 1;
        f.supp_reason = mm_dec_str(rd);
        f.fits_calls = mm_dec_str(rd);
        f.fits_k = (int32_t)mm_dec_u32(rd);
        f.fits_room = (int32_t)mm_dec_u32(rd);
        f.start = mm_dec_u32(rd);
        f.end = mm_dec_u32(rd);
        f.order = mm_dec_u32(rd);
        f.at_head = -1;
        if (!f.rule || !f.path || !f.snippet || !f.severity || f.suppressed > MM_SUPP_POLICY)
            rd->bad = true;
        else
            f.engine = deep ? MM_ENGINE_DEEP : f.rule->kind->engine;
        if (rd->bad) {
            mm_finding_free(&f);
            break;
        }
        mm_vec_push(&out->findings, f);
    }
    n = mm_dec_u32(rd);
    bounded(rd, n);
    for (uint32_t i = 0; i < n && !rd->bad; i++) {
        mm_notice no;
        memset(&no, 0, sizeof no);
        no.path = mm_dec_str(rd);
        no.line = mm_dec_u32(rd);
        no.col = mm_dec_u32(rd);
        no.level = mm_dec_u32(rd) ? MM_NOTICE_WARNING : MM_NOTICE_NOTE;
        no.code = mm_dec_str(rd);
        no.message = mm_dec_str(rd);
        no.detail = mm_dec_str(rd);
        no.count = mm_dec_u32(rd);
        if (!no.code || !no.message)
            rd->bad = true;
        if (rd->bad) {
            mm_notice_free(&no);
            break;
        }
        mm_vec_push(&out->notices, no);
    }
    n = mm_dec_u32(rd);
    bounded(rd, n);
    for (uint32_t i = 0; i < n && !rd->bad; i++) {
        mm_project_def d;
        memset(&d, 0, sizeof d);
        d.name = mm_dec_str(rd);
        d.path = mm_dec_str(rd);
        uint32_t fl = mm_dec_u32(rd);
        d.is_static = fl & 1;
        d.is_macro = fl & 2;
        d.ellipsis = fl & 4;
        d.params = (int)mm_dec_u32(rd);
        d.ret_max = (int32_t)mm_dec_u32(rd);
        if (!d.name || !d.path)
            rd->bad = true;
        if (rd->bad) {
            free(d.name);
            free(d.path);
            break;
        }
        mm_vec_push(&out->defs, d);
    }
    n = mm_dec_u32(rd);
    bounded(rd, n);
    for (uint32_t i = 0; i < n && !rd->bad; i++) {
        mm_suppression s;
        memset(&s, 0, sizeof s);
        s.path = mm_dec_str(rd);
        s.line = mm_dec_u32(rd);
        s.col = mm_dec_u32(rd);
        s.snippet = mm_dec_str(rd);
        s.rules = mm_dec_str(rd);
        s.reason = mm_dec_str(rd);
        s.context = mm_dec_u32(rd) & 1;
        if (!s.path || !s.rules)
            rd->bad = true;
        if (rd->bad) {
            mm_suppression_free(&s);
            break;
        }
        mm_vec_push(&out->supps, s);
    }
    n = mm_dec_u32(rd);
    bounded(rd, n);
    for (uint32_t i = 0; i < n && !rd->bad; i++) {
        mm_kv kv = {mm_dec_str(rd), mm_dec_str(rd)};
        if (!kv.key || !kv.value)
            rd->bad = true;
        if (rd->bad) {
            free(kv.key);
            free(kv.value);
            break;
        }
        mm_vec_push(&out->hints, kv);
    }
    n = mm_dec_u32(rd);
    bounded(rd, n);
    for (uint32_t i = 0; i < n && !rd->bad; i++) {
        char *inc = mm_dec_str(rd);
        if (!inc)
            rd->bad = true;
        if (rd->bad)
            break;
        mm_vec_push(&out->includes, inc);
    }
    n = mm_dec_u32(rd);
    bounded(rd, n);
    for (uint32_t i = 0; i < n && !rd->bad; i++) {
        mm_component c;
        memset(&c, 0, sizeof c);
        uint32_t role = mm_dec_u32(rd);
        char *source = mm_dec_str(rd);
        c.source = source ? intern(source) : NULL;
        free(source);
        c.evidence = mm_dec_u32(rd);
        char **const strs[] = {&c.name,   &c.group, &c.version,  &c.commit, &c.pin_text,
                               &c.license, &c.supplier, &c.url,  &c.purl,   &c.cpe,
                               &c.dir,    &c.support_until, &c.key, &c.path, &c.snippet,
                               &c.pin_path, &c.pin_snippet, &c.used_by};
        for (size_t k = 0; k < MM_ARRAY_LEN(strs); k++)
            *strs[k] = mm_dec_str(rd);
        uint32_t pin = mm_dec_u32(rd);
        c.line = mm_dec_u32(rd);
        c.col = mm_dec_u32(rd);
        c.end_col = mm_dec_u32(rd);
        c.pin_line = mm_dec_u32(rd);
        c.pin_col = mm_dec_u32(rd);
        if (role >= MM_COMP__COUNT || pin >= MM_PIN__COUNT || !c.source)
            rd->bad = true;
        c.role = (mm_comp_role)role;
        c.pin = (mm_pin)pin;
        if (rd->bad) {
            mm_component_free(&c);
            break;
        }
        mm_vec_push(&out->components, c);
    }
    out->bytes = (size_t)mm_dec_u64(rd);
    uint32_t fl = mm_dec_u32(rd);
    out->skipped = fl & 1;
    out->binary = fl & 2;
    uint32_t role = mm_dec_u32(rd);
    out->content_role = role < MM_ROLE__COUNT ? (mm_role)role : MM_ROLE_PRODUCT;
    out->content_why = mm_dec_str(rd);
    if (role >= MM_ROLE__COUNT)
        rd->bad = true;
    if (rd->bad) {
        mm_file_result_free(out);
        memset(out, 0, sizeof *out);
        return -1;
    }
    return 0;
}

bool mm_cache_get_result(mm_cache *c, const uint8_t key[MM_CACHE_KEY], const mm_ruleset *rs,
                         mm_file_result *out)
{
    mm_buf v = {0};
    if (!mm_cache_get(c, key, &v))
        return false;
    mm_reader rd = {(const uint8_t *)v.data, (const uint8_t *)v.data + v.len, false};
    bool ok = mm_result_decode(&rd, rs, out) == 0 && rd.p == rd.end;
    if (!ok) {
        mm_file_result_free(out);
        memset(out, 0, sizeof *out);
    }
    mm_buf_free(&v);
    return ok;
}

void mm_cache_put_result(mm_cache *c, const uint8_t key[MM_CACHE_KEY], const mm_file_result *r)
{
    mm_buf b = {0};
    mm_result_encode(&b, r);
    mm_cache_put(c, key, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
}

/* --- the prefilter's database ---------------------------------------------------------------- */

static hs_database_t *hsdb_load(const char key[65])
{
    char *dir = user_dir();
    if (!dir)
        return NULL;
    char *path = mm_xasprintf("%s/hs-%.32s.db", dir, key);
    free(dir);
    char *data = NULL;
    size_t len = 0;
    mm_err err;
    hs_database_t *db = NULL;
    if (mm_read_file(path, (size_t)256 << 20, &data, &len, &err) == 0 && len > 64 + 32) {
        /* key (64) | serialized database | SHA-256 of both (32) */
        uint8_t sum[32];
        mm_sha256(data, len - 32, sum);
        if (!memcmp(sum, data + len - 32, 32) && !memcmp(data, key, 64) &&
            hs_deserialize_database(data + 64, len - 64 - 32, &db) != HS_SUCCESS)
            db = NULL;
    }
    free(data);
    free(path);
    return db;
}

static void hsdb_store(const char key[65], const hs_database_t *db)
{
    char *dir = user_dir();
    if (!dir)
        return;
    char *bytes = NULL;
    size_t n = 0;
    if (hs_serialize_database(db, &bytes, &n) == HS_SUCCESS) {
        mm_buf b = {0};
        mm_buf_put(&b, key, 64);
        mm_buf_put(&b, bytes, n);
        uint8_t sum[32];
        mm_sha256(b.data, b.len, sum);
        mm_buf_put(&b, sum, 32);
        char *path = mm_xasprintf("%s/hs-%.32s.db", dir, key);
        mm_err err;
        (void)mm_write_atomic(path, b.data, b.len, &err); /* an accelerator: failure is fine */
        free(path);
        mm_buf_free(&b);
        free(bytes); /* hs_serialize_database uses the misc allocator: malloc by default */
    }
    free(dir);
}

const mm_db_store mm_hsdb_store = {hsdb_load, hsdb_store};

/* --- the scan's cache ----------------------------------------------------------------------- */

static void scan_note(mm_scan *s, const char *code, char *msg)
{
    mm_notice n = {NULL, 0, 0, MM_NOTICE_NOTE, mm_xstrdup(code), msg};
    mm_vec_push(&s->notices, n);
}

/* Files whose bytes the C front end may read while it judges another file: headers, the
 * configurations it takes CONFIG_ symbols from, the build files that name include
 * directories (front/cproject.c). */
static bool tree_input(const char *rel)
{
    const char *base = mm_path_base(rel);
    const char *dot = strrchr(base, '.');
    if (dot && (!strcmp(dot, ".h") || !strcmp(dot, ".hpp") || !strcmp(dot, ".hh") ||
                !strcmp(dot, ".hxx") || !strcmp(dot, ".H") || !strcmp(dot, ".inc") ||
                !strcmp(dot, ".ipp") || !strcmp(dot, ".tpp") || !strcmp(dot, ".cmake") ||
                !strcmp(dot, ".mk")))
        return true;
    static const char *const names[] = {"sdkconfig", "sdkconfig.defaults", ".config", "prj.conf",
                                        "CMakeLists.txt", "platformio.ini", "Makefile",
                                        "makefile", "component.mk", "Makefile.include", NULL};
    for (const char *const *n = names; *n; n++) {
        if (!strcmp(base, *n))
            return true;
    }
    return false;
}

void mm_cache_set_tree(mm_cache *c, const mm_input *files, size_t n)
{
    mm_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (!tree_input(files[i].rel))
            continue;
        if (!files[i].clean) {
            mm_buf_free(&b);
            c->tree_digest[0] = 0;
            return;
        }
        mm_buf_puts(&b, files[i].rel);
        mm_buf_putc(&b, 0);
        mm_buf_put(&b, files[i].oid, 20);
    }
    mm_sha256_hex(b.data ? b.data : "", b.len, c->tree_digest);
    mm_buf_free(&b);
}

/* A source's results depend on what the tree's headers export (macros that stand for watched
 * calls, printf-like declarations: front/cproject.h): its key holds their digest. A result that
 * read other files of the tree is kept under a key that holds their blobs' digest too. */
static bool worktree_key(const mm_cache *c, const mm_input *in, mm_role role, bool dependent,
                         uint8_t key[MM_CACHE_KEY])
{
    const char *exports = mm_cproject_digest(c->scan->cproject);
    if (dependent && !c->tree_digest[0])
        return false;
    if (!exports[0] && !dependent) {
        mm_cache_key(key, MM_CACHE_WORKTREE, in->oid, in->rel, mm_cache_extra(in->size, role));
        return true;
    }
    /* a newline cannot be part of a tracked path otherwise */
    char *path = mm_xasprintf("%s\n%s\n%s", in->rel, exports, dependent ? c->tree_digest : "");
    mm_cache_key(key, MM_CACHE_WORKTREE, in->oid, path, mm_cache_extra(in->size, role));
    free(path);
    return true;
}

/* A tracked file whose stat data matches the index is that blob: its results may be cached. */
static bool store_get(void *arg, const mm_input *in, mm_role role, mm_file_result *out)
{
    mm_cache *c = arg;
    if (!in->clean)
        return false;
    uint8_t key[MM_CACHE_KEY];
    if (worktree_key(c, in, role, false, key) && mm_cache_get_result(c, key, c->scan->rules, out))
        return true;
    if (!worktree_key(c, in, role, true, key))
        return false;
    bool ok = mm_cache_get_result(c, key, c->scan->rules, out);
    if (ok)
        out->tree_dependent = true;
    return ok;
}

static void store_put(void *arg, const mm_input *in, mm_role role, size_t bytes_read,
                      const mm_file_result *res)
{
    mm_cache *c = arg;
    if (!in->clean || bytes_read != in->size)
        return; /* changed while it was read: not the blob the index names */
    uint8_t key[MM_CACHE_KEY];
    if (!worktree_key(c, in, role, res->tree_dependent, key))
        return; /* it read a file of the tree that differs from the index */
    mm_cache_put_result(c, key, res);
}

/* --- deep results ---------------------------------------------------------------------------------
 * A translation unit the deep tier read depends on its command, on libclang and on every file the
 * compiler read: the tree's headers (the tree digest), generated ones under build/ and the
 * toolchain's, which no index vouches for. Two entries: under the unit's key and its command, a
 * manifest of what the compiler read (path, size, modification time, inode); under that key and
 * the manifest's digest, the result. A get reads the manifest, checks every file against it, and
 * only then the result. */

static bool deep_key(const mm_cache *c, const mm_input *in, mm_role role, const char *cmd,
                     const char *manifest_sum, uint8_t key[MM_CACHE_KEY])
{
    if (!c->tree_digest[0])
        return false; /* a header of the tree differs from the index */
    char sum[65];
    mm_sha256_hex(cmd, strlen(cmd), sum);
    char *path = mm_xasprintf("%s\n%s\n%s\ndeep %s %s", in->rel,
                              mm_cproject_digest(c->scan->cproject), c->tree_digest, sum,
                              manifest_sum);
    mm_cache_key(key, MM_CACHE_WORKTREE, in->oid, path, mm_cache_extra(in->size, role));
    free(path);
    return true;
}

/* One manifest line: "size mtime.ns inode path\n"; false when the file cannot be stat'ed. */
static bool manifest_line(mm_buf *b, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    mm_buf_printf(b, "%lld %lld.%09ld %llu %s\n", (long long)st.st_size,
                  (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                  (unsigned long long)st.st_ino, path);
    return true;
}

static bool store_get_deep(void *arg, const mm_input *in, mm_role role, const char *cmd,
                           mm_file_result *out)
{
    mm_cache *c = arg;
    uint8_t key[MM_CACHE_KEY];
    if (!in->clean || !deep_key(c, in, role, cmd, "manifest", key))
        return false;
    mm_buf m = {0};
    if (!mm_cache_get(c, key, &m))
        return false;
    /* every file as it was: its line again, from today's stat, is the same line */
    bool same = true;
    mm_buf now = {0};
    for (const char *p = m.data ? m.data : "", *end = p + m.len; same && p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        const char *sp = p;
        for (int k = 0; k < 3 && sp; k++) /* the path follows the third blank */
            sp = memchr(sp, ' ', (size_t)(nl - sp)), sp = sp ? sp + 1 : NULL;
        char *path = sp ? mm_xstrndup(sp, (size_t)(nl - sp)) : NULL;
        size_t at = now.len;
        same = path && manifest_line(&now, path) && now.len - at == (size_t)(nl + 1 - p) &&
               !memcmp(now.data + at, p, (size_t)(nl + 1 - p));
        free(path);
        p = nl + 1;
    }
    bool ok = false;
    if (same) {
        char sum[65];
        mm_sha256_hex(m.data ? m.data : "", m.len, sum);
        ok = deep_key(c, in, role, cmd, sum, key) &&
             mm_cache_get_result(c, key, c->scan->rules, out);
        if (ok)
            out->tree_dependent = true;
    }
    mm_buf_free(&m);
    mm_buf_free(&now);
    return ok;
}

static void store_put_deep(void *arg, const mm_input *in, mm_role role, size_t bytes_read,
                           const char *cmd, const char *const *deps, size_t ndeps,
                           const mm_file_result *res)
{
    mm_cache *c = arg;
    if (!in->clean || bytes_read != in->size)
        return;
    mm_buf m = {0};
    bool ok = true;
    for (size_t i = 0; i < ndeps && ok; i++)
        ok = !strchr(deps[i], '\n') && manifest_line(&m, deps[i]);
    uint8_t key[MM_CACHE_KEY];
    char sum[65];
    mm_sha256_hex(m.data ? m.data : "", m.len, sum);
    if (ok && deep_key(c, in, role, cmd, sum, key)) {
        mm_cache_put_result(c, key, res);
        if (deep_key(c, in, role, cmd, "manifest", key))
            mm_cache_put(c, key, m.data ? m.data : "", m.len);
    }
    mm_buf_free(&m);
}

void mm_scan_cache_open(mm_scan *s, const char *gitdir)
{
    if (s->opts.no_cache || s->cache || (!s->opts.cache_dir && !gitdir))
        return;
    char *dir = s->opts.cache_dir ? mm_xstrdup(s->opts.cache_dir)
                                  : mm_xasprintf("%s/mamori-cache", gitdir);
    char id[65];
    mm_cache_identity(s, id);
    char *why = NULL;
    s->cache = mm_cache_open(dir, s->opts.cache_dir != NULL, id, &why);
    s->cache_used = s->cache != NULL;
    if (s->cache) {
        s->cache->scan = s;
        s->cache->store =
            (mm_result_store){store_get, store_put, store_get_deep, store_put_deep, s->cache};
        s->store = &s->cache->store;
    }
    if (why)
        scan_note(s, "cache", why);
    else if (mm_cache_rebuilt(s->cache))
        scan_note(s, "cache-rebuilt",
                  mm_xasprintf("the cache in %s did not verify (damaged, or not written by this "
                               "user); it is rebuilt",
                               dir));
    free(dir);
}

void mm_scan_cache_close(mm_scan *s)
{
    if (!s->cache)
        return;
    char *why = NULL;
    mm_cache_close(s->cache, &why);
    s->cache = NULL;
    s->store = NULL;
    if (why)
        scan_note(s, "cache", why);
}
