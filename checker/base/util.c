/* util.c: arenas, buffers, hashing, globbing, file I/O and UTF-8 helpers shared by all modules. */
#define _GNU_SOURCE
#include "base/i18n.h"
#include "base/util.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <mbedtls/sha256.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* --- errors ------------------------------------------------------------------------------- */

int mm_err_set(mm_err *err, int code, const char *file, unsigned line, unsigned col,
               const char *fmt, ...)
{
    if (!err)
        return -1;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, mm_tr(fmt), ap);
    va_end(ap);
    return -1;
}

void mm_err_print(const mm_err *err)
{
    if (err->file[0] && err->line)
        fprintf(stderr, "%s:%u:%u: error: %s\n", err->file, err->line, err->col ? err->col : 1,
                err->msg);
    else if (err->file[0])
        fprintf(stderr, "%s: error: %s\n", err->file, err->msg);
    else
        fprintf(stderr, "mamori: error: %s\n", err->msg);
}

/* --- allocation ---------------------------------------------------------------------------- */

static void out_of_memory(void)
{
    fputs("mamori: internal error: out of memory\n", stderr);
    exit(3);
}

void *mm_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *mm_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *mm_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

char *mm_xstrdup(const char *s)
{
    return mm_xstrndup(s, strlen(s));
}

char *mm_xstrndup(const char *s, size_t n)
{
    char *p = mm_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *mm_xasprintf(const char *fmt, ...)
{
    mm_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    mm_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return mm_buf_cstr(&b);
}

/* --- arena --------------------------------------------------------------------------------- */

struct mm_arena_block {
    mm_arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char mem[];
};

void *mm_arena_alloc(mm_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    mm_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > 60000 ? size : 64000;
        b = mm_xmalloc(sizeof *b + cap);
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
        a->total += cap;
    }
    void *p = b->mem + b->used;
    b->used += size;
    return p;
}

void *mm_arena_calloc(mm_arena *a, size_t n, size_t size)
{
    void *p = mm_arena_alloc(a, n * size);
    memset(p, 0, n * size);
    return p;
}

char *mm_arena_strndup(mm_arena *a, const char *s, size_t n)
{
    char *p = mm_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *mm_arena_collapse(mm_arena *a, const char *s, size_t n)
{
    char *out = mm_arena_alloc(a, n + 1);
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\') {
            space = k > 0;
            continue;
        }
        if (space)
            out[k++] = ' ';
        space = false;
        out[k++] = c;
    }
    out[k] = 0;
    return out;
}

char *mm_arena_strdup(mm_arena *a, const char *s)
{
    return mm_arena_strndup(a, s, strlen(s));
}

char *mm_arena_printf(mm_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = mm_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void mm_arena_reset(mm_arena *a)
{
    mm_arena_block *b = a->head;
    if (!b)
        return;
    /* keep the oldest (last) block of the default size, free the rest */
    mm_arena_block *keep = NULL;
    while (b) {
        mm_arena_block *next = b->next;
        if (!next && b->cap == 64000) {
            keep = b;
        } else {
            free(b);
        }
        b = next;
    }
    a->head = keep;
    a->total = keep ? keep->cap : 0;
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
}

void mm_arena_free(mm_arena *a)
{
    mm_arena_block *b = a->head;
    while (b) {
        mm_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

/* --- buffer -------------------------------------------------------------------------------- */

static void buf_reserve(mm_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = mm_xrealloc(b->data, cap);
    b->cap = cap;
}

void mm_buf_put(mm_buf *b, const void *s, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void mm_buf_puts(mm_buf *b, const char *s)
{
    mm_buf_put(b, s, strlen(s));
}

void mm_buf_putc(mm_buf *b, char c)
{
    mm_buf_put(b, &c, 1);
}

void mm_buf_vprintf(mm_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
}

void mm_buf_printf(mm_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mm_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void mm_buf_json_str(mm_buf *b, const char *s, size_t n)
{
    const uint8_t *p = (const uint8_t *)s;
    mm_buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        uint8_t c = p[i];
        if (c < 0x80) {
            switch (c) {
            case '"': mm_buf_puts(b, "\\\""); break;
            case '\\': mm_buf_puts(b, "\\\\"); break;
            case '\n': mm_buf_puts(b, "\\n"); break;
            case '\r': mm_buf_puts(b, "\\r"); break;
            case '\t': mm_buf_puts(b, "\\t"); break;
            default:
                if (c < 0x20 || c == 0x7f)
                    mm_buf_printf(b, "\\u%04x", c);
                else
                    mm_buf_putc(b, (char)c);
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = mm_utf8_seq(p + i, n - i, &cp);
        if (cp == 0xFFFD && !(len == 3 && p[i] == 0xEF))
            mm_buf_puts(b, "\xEF\xBF\xBD");
        else
            mm_buf_put(b, p + i, len);
        i += len;
    }
    mm_buf_putc(b, '"');
}

void mm_buf_free(mm_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *mm_buf_cstr(mm_buf *b)
{
    if (!b->data)
        mm_buf_put(b, "", 0);
    return b->data;
}

/* --- hashing ------------------------------------------------------------------------------- */

void mm_sha256(const void *data, size_t len, uint8_t out[32])
{
    mbedtls_sha256_ret(data, len, out, 0);
}

void mm_sha256_hex(const void *data, size_t len, char out[65])
{
    uint8_t h[32];
    mm_sha256(data, len, h);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[h[i] >> 4];
        out[2 * i + 1] = hex[h[i] & 15];
    }
    out[64] = 0;
}

uint64_t mm_hash64(const void *data, size_t len)
{
    const uint8_t *p = data;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* --- string sets ---------------------------------------------------------------------------- */

static void strset_insert(const char **slots, size_t cap, const char *s)
{
    size_t i = (size_t)mm_hash64(s, strlen(s)) & (cap - 1);
    while (slots[i]) {
        if (strcmp(slots[i], s) == 0)
            return;
        i = (i + 1) & (cap - 1);
    }
    slots[i] = s;
}

void mm_strset_add(mm_strset *set, const char *s)
{
    if (mm_strset_has(set, s))
        return;
    if ((set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        const char **slots = mm_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < set->cap; i++) {
            if (set->slots[i])
                strset_insert(slots, cap, set->slots[i]);
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    strset_insert(set->slots, set->cap, s);
    set->n++;
}

bool mm_strset_hasn(const mm_strset *set, const char *s, size_t n)
{
    if (!set->cap)
        return false;
    size_t i = (size_t)mm_hash64(s, n) & (set->cap - 1);
    while (set->slots[i]) {
        if (strncmp(set->slots[i], s, n) == 0 && set->slots[i][n] == 0)
            return true;
        i = (i + 1) & (set->cap - 1);
    }
    return false;
}

bool mm_strset_has(const mm_strset *set, const char *s)
{
    return mm_strset_hasn(set, s, strlen(s));
}

void mm_strset_free(mm_strset *set)
{
    free(set->slots);
    memset(set, 0, sizeof *set);
}

/* --- strings, paths, globs ------------------------------------------------------------------ */

void mm_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

bool mm_str_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool mm_str_ends(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

int mm_hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t mm_u32_floor(const uint32_t *v, size_t n, uint32_t x)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

const char *mm_path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *mm_path_join_norm(const char *dir, const char *rel)
{
    mm_buf b = {0};
    if (dir && *dir && rel[0] != '/')
        mm_buf_printf(&b, "%s/", dir);
    mm_buf_puts(&b, rel);
    char *p = mm_buf_cstr(&b);
    MM_VEC(char *) parts = {0};
    bool outside = false;
    for (char *save = NULL, *c = strtok_r(p, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        if (!strcmp(c, "."))
            continue;
        if (!strcmp(c, "..")) {
            if (!parts.n)
                outside = true;
            else
                parts.n--;
            continue;
        }
        mm_vec_push(&parts, c);
    }
    char *out = NULL;
    if (!outside && parts.n) {
        mm_buf r = {0};
        for (size_t i = 0; i < parts.n; i++)
            mm_buf_printf(&r, "%s%s", i ? "/" : "", parts.v[i]);
        out = mm_xstrdup(mm_buf_cstr(&r));
        mm_buf_free(&r);
    }
    mm_vec_free(&parts);
    mm_buf_free(&b);
    return out;
}

/* Does the class at p ('[') have its closing ']'? Otherwise '[' is an ordinary character. */
static bool class_closed(const char *p)
{
    p++;
    if (*p == '!' || *p == '^')
        p++;
    if (*p == ']')
        p++; /* a ']' first is a member */
    return strchr(p, ']') != NULL;
}

static bool class_match(const char **pp, char c)
{
    const char *p = *pp + 1; /* after '[' */
    bool neg = false, hit = false;
    if (*p == '!' || *p == '^') {
        neg = true;
        p++;
    }
    bool first = true;
    while (*p && (first || *p != ']')) {
        first = false;
        char lo = *p, hi = *p;
        if (p[1] == '-' && p[2] && p[2] != ']') {
            hi = p[2];
            p += 3;
        } else {
            p++;
        }
        if (c >= lo && c <= hi)
            hit = true;
    }
    if (*p == ']')
        p++;
    *pp = p;
    return hit != neg;
}

static bool glob_rec(const char *p, const char *s)
{
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            /* a double star matches any number of segments, including none: a/<2 stars>/b matches a/b */
            p += 2;
            if (*p == '/')
                p++;
            if (!*p)
                return true;
            for (const char *t = s;; t++) {
                if ((t == s || t[-1] == '/') && glob_rec(p, t))
                    return true;
                if (!*t)
                    return false;
            }
        }
        if (*p == '*') {
            p++;
            for (const char *t = s;; t++) {
                if (glob_rec(p, t))
                    return true;
                if (!*t || *t == '/')
                    return false;
            }
        }
        if (!*s)
            return false;
        if (*p == '?') {
            if (*s == '/')
                return false;
            p++;
            s++;
            continue;
        }
        if (*p == '[' && class_closed(p)) {
            if (*s == '/' || !class_match(&p, *s))
                return false;
            s++;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    return *s == 0;
}

/* A fast "no": a pattern whose last segment is a literal name, or '*' and a literal suffix, can
 * only match a path whose base name is that name or has that suffix. Rules list many globs
 * (`**<slash>etc/shadow`, `**<slash>*.service`) and every file is tested against them. */
static bool base_cannot_match(const char *pattern, const char *path)
{
    const char *seg = strrchr(pattern, '/');
    seg = seg ? seg + 1 : pattern;
    if (!*seg)
        return false; /* "dir/": everything below */
    bool star = seg[0] == '*';
    const char *lit = star ? seg + 1 : seg;
    if (strpbrk(lit, "*?[\\"))
        return false;
    const char *base = mm_path_base(path);
    if (!star)
        return strcmp(base, lit) != 0;
    return !mm_str_ends(base, lit);
}

/* Another: the longest run of literal characters in the pattern (a leading '/' aside, which may
 * be an anchor or stand after a double star that matched nothing) appears in every path the
 * pattern matches. */
static bool literal_missing(const char *pattern, const char *path)
{
    const char *best = NULL, *run = NULL;
    size_t best_len = 0;
    for (const char *p = pattern;; p++) {
        bool lit = *p && *p != '*' && *p != '?' && *p != '[';
        if (*p == '\\')
            return false; /* escapes: no shortcut */
        if (lit && !run)
            run = p;
        if (!lit && run) {
            if (*run == '/')
                run++;
            if ((size_t)(p - run) > best_len) {
                best = run;
                best_len = (size_t)(p - run);
            }
            run = NULL;
        }
        if (!*p)
            break;
        if (*p == '[' && class_closed(p)) {
            p++;
            if (*p == '!' || *p == '^')
                p++;
            if (*p == ']')
                p++;
            while (*p != ']')
                p++;
        }
    }
    if (best_len < 2)
        return false;
    for (const char *h = path; (h = strchr(h, *best)); h++) {
        if (!strncmp(h, best, best_len))
            return false;
    }
    return true;
}

bool mm_glob_match(const char *pattern, const char *path)
{
    if ((strchr(pattern, '/') && base_cannot_match(pattern, path)) ||
        literal_missing(pattern, path))
        return false;
    if (pattern[0] == '/')
        return glob_rec(pattern + 1, path);
    if (!strchr(pattern, '/')) {
        /* a bare pattern matches the base name, and a directory name anywhere on the path */
        for (const char *seg = path;;) {
            const char *end = strchr(seg, '/');
            size_t n = end ? (size_t)(end - seg) : strlen(seg);
            char tmp[1024];
            if (n < sizeof tmp) {
                memcpy(tmp, seg, n);
                tmp[n] = 0;
                if (glob_rec(pattern, tmp))
                    return true;
            }
            if (!end)
                return false;
            seg = end + 1;
        }
    }
    if (glob_rec(pattern, path))
        return true;
    /* a pattern ending in "/" matches everything below that directory */
    size_t n = strlen(pattern);
    if (n && pattern[n - 1] == '/') {
        char *tmp = mm_xasprintf("%s**", pattern);
        bool hit = glob_rec(tmp, path);
        free(tmp);
        return hit;
    }
    return false;
}

int mm_read_file(const char *path, size_t max, char **out, size_t *len, mm_err *err)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return mm_err_set(err, 2, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return mm_err_set(err, 2, path, 0, 0, "not a regular file");
    }
    if ((size_t)st.st_size > max) {
        close(fd);
        return mm_err_set(err, 2, path, 0, 0, "file is larger than %zu bytes", max);
    }
    size_t cap = (size_t)st.st_size;
    char *buf = mm_xmalloc(cap + 1);
    size_t got = 0;
    while (got < cap) {
        ssize_t r = read(fd, buf + got, cap - got);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            close(fd);
            return mm_err_set(err, 2, path, 0, 0, "cannot read: %s", strerror(e));
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = 0;
    *out = buf;
    *len = got;
    return 0;
}

/* The signals that end a run from the terminal or a supervisor (Ctrl-C, kill, a closed
 * terminal): held while a temporary file exists, so that one never outlives the process. */
static void hold_signals(sigset_t *held, sigset_t *old)
{
    sigemptyset(held);
    sigaddset(held, SIGINT);
    sigaddset(held, SIGTERM);
    sigaddset(held, SIGHUP);
    sigaddset(held, SIGQUIT);
    pthread_sigmask(SIG_BLOCK, held, old);
}

/* Was one of the held signals sent meanwhile, one that will end the process (a background job
 * of a shell ignores SIGINT: Linux still queues it while it is blocked)? */
static bool signal_pending(const sigset_t *held)
{
    sigset_t pending;
    if (sigpending(&pending) != 0)
        return false;
    for (int sig = 1; sig < NSIG; sig++) {
        struct sigaction sa;
        if (sigismember(held, sig) == 1 && sigismember(&pending, sig) == 1 &&
            sigaction(sig, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
            return true;
    }
    return false;
}

/* Writes all of data to fd; -1 with errno. */
static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* A device, a pipe or a socket: written in place (mm_write_atomic). */
static int write_special(const char *path, const void *data, size_t len, mm_err *err)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0 || write_all(fd, data, len) < 0) {
        mm_err_set(err, 2, path, 0, 0, "cannot write: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (close(fd) != 0) {
        mm_err_set(err, 2, path, 0, 0, "cannot write: %s", strerror(errno));
        return -1;
    }
    return 0;
}

int mm_write_atomic(const char *path, const void *data, size_t len, mm_err *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return write_special(path, data, len, err);
    /* a symlink to a file: the file is replaced, the link stays */
    char *real = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        real = realpath(path, NULL);
    const char *target = real ? real : path;
    char *tmp = mm_xasprintf("%s.mamori-%ld.tmp", target, (long)getpid());
    /* an interrupt while the temporary file exists (Ctrl-C during --output) must leave neither
     * it nor a partial file: the signal waits until the file is renamed or removed, and one
     * that came before the rename keeps the previous file (the signal then ends the process) */
    sigset_t held, old;
    hold_signals(&held, &old);
    int rc = -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        mm_err_set(err, 2, path, 0, 0, "cannot write: %s", strerror(errno));
        goto done;
    }
    if (write_all(fd, data, len) < 0) {
        mm_err_set(err, 2, path, 0, 0, "cannot write: %s", strerror(errno));
        close(fd);
        unlink(tmp);
        goto done;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        mm_err_set(err, 2, path, 0, 0, "cannot write: %s", strerror(errno));
        unlink(tmp);
        goto done;
    }
    if (signal_pending(&held)) {
        mm_err_set(err, 2, path, 0, 0, "not written: interrupted");
        unlink(tmp);
        goto done;
    }
    if (rename(tmp, target) != 0) {
        mm_err_set(err, 2, path, 0, 0, "cannot write: %s", strerror(errno));
        unlink(tmp);
        goto done;
    }
    rc = 0;
done:
    free(tmp);
    free(real);
    pthread_sigmask(SIG_SETMASK, &old, NULL); /* a pending signal is delivered here */
    return rc;
}

/* --- UTF-8 -------------------------------------------------------------------------------- */

size_t mm_utf8_seq(const uint8_t *s, size_t n, uint32_t *cp)
{
    uint8_t c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

unsigned mm_utf8_col(const char *line_start, size_t off_in_line)
{
    const uint8_t *s = (const uint8_t *)line_start;
    unsigned col = 1;
    size_t i = 0;
    while (i < off_in_line) {
        uint32_t cp;
        size_t len = mm_utf8_seq(s + i, off_in_line - i, &cp);
        i += len;
        col++;
    }
    return col;
}

double mm_entropy(const char *s, size_t n)
{
    if (!n)
        return 0;
    unsigned counts[256] = {0};
    for (size_t i = 0; i < n; i++)
        counts[(uint8_t)s[i]]++;
    double h = 0;
    for (int i = 0; i < 256; i++) {
        if (!counts[i])
            continue;
        double p = (double)counts[i] / (double)n;
        h -= p * log2(p);
    }
    return h;
}

static bool walk_dir(const char *abs, const char *rel, int depth, int max_depth,
                     bool (*skip_dir)(const char *),
                     bool (*on_file)(const char *abs, const char *rel, void *arg), void *arg)
{
    DIR *d = opendir(abs);
    if (!d)
        return true;
    bool go = true;
    struct dirent *e;
    while (go && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *ca = mm_xasprintf("%s/%s", abs, e->d_name);
        char *cr = rel[0] ? mm_xasprintf("%s/%s", rel, e->d_name) : mm_xstrdup(e->d_name);
        struct stat st;
        if (lstat(ca, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                if (depth < max_depth && !(skip_dir && skip_dir(e->d_name)))
                    go = walk_dir(ca, cr, depth + 1, max_depth, skip_dir, on_file, arg);
            } else if (S_ISREG(st.st_mode)) {
                go = on_file(ca, cr, arg);
            }
        }
        free(ca);
        free(cr);
    }
    closedir(d);
    return go;
}

void mm_walk_dir(const char *abs, const char *rel, int max_depth, bool (*skip_dir)(const char *),
                 bool (*on_file)(const char *abs, const char *rel, void *arg), void *arg)
{
    walk_dir(abs, rel, 0, max_depth, skip_dir, on_file, arg);
}
void mm_today(char out[11])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

