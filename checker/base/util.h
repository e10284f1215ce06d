/* util.h: the small pieces every module needs — arenas, byte buffers, growable arrays,
 * errors as values, hashing, globbing and UTF-8 handling. */
#ifndef MM_UTIL_H
#define MM_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MM_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* --- errors ------------------------------------------------------------------------------
 * An error is a value: the function that detects it fills an mm_err once and returns -1;
 * callers pass it up unchanged and the top prints it as `file:line:col: error: message`. */
typedef struct mm_err {
    char file[512]; /* empty when the error is not about a file */
    unsigned line;  /* 1-based; 0 = none */
    unsigned col;   /* 1-based; 0 = none */
    int code;       /* exit code the error maps to: 2 usage/config, 3 internal */
    char msg[768];
} mm_err;

int mm_err_set(mm_err *err, int code, const char *file, unsigned line, unsigned col,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void mm_err_print(const mm_err *err);

/* --- arena -------------------------------------------------------------------------------
 * Ownership: everything a scan of one file produces (facts, strings) lives in that file's
 * arena and dies with mm_arena_reset; nothing allocated here is ever freed one by one. */
typedef struct mm_arena_block mm_arena_block;
typedef struct mm_arena {
    mm_arena_block *head;
    size_t total;
} mm_arena;

void *mm_arena_alloc(mm_arena *a, size_t size);
void *mm_arena_calloc(mm_arena *a, size_t n, size_t size);
char *mm_arena_strndup(mm_arena *a, const char *s, size_t n);
char *mm_arena_strdup(mm_arena *a, const char *s);
char *mm_arena_printf(mm_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A copy of s[0, n) with each run of blanks (a backslash counts: a continued line) made one
 * space, and none at either end: source text as a reader would quote it. */
char *mm_arena_collapse(mm_arena *a, const char *s, size_t n);
void mm_arena_reset(mm_arena *a); /* keeps the first block for reuse */
void mm_arena_free(mm_arena *a);

/* --- buffer ------------------------------------------------------------------------------ */
typedef struct mm_buf {
    char *data;
    size_t len, cap;
} mm_buf;

void mm_buf_put(mm_buf *b, const void *s, size_t n);
void mm_buf_puts(mm_buf *b, const char *s);
void mm_buf_putc(mm_buf *b, char c);
void mm_buf_printf(mm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void mm_buf_vprintf(mm_buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string (with quotes); invalid UTF-8 becomes U+FFFD so that every
 * report is valid JSON whatever bytes the scanned file held. */
void mm_buf_json_str(mm_buf *b, const char *s, size_t n);
void mm_buf_free(mm_buf *b);
char *mm_buf_cstr(mm_buf *b); /* NUL-terminated view; the buffer keeps ownership */

/* --- growable arrays ----------------------------------------------------------------------
 * MM_VEC(T) declares {T *v; size_t n, cap;}; mm_vec_push grows it with realloc. */
#define MM_VEC(T) struct { T *v; size_t n, cap; }
#define mm_vec_push(vec, item)                                                               \
    do {                                                                                     \
        if ((vec)->n == (vec)->cap) {                                                        \
            (vec)->cap = (vec)->cap ? (vec)->cap * 2 : 8;                                    \
            (vec)->v = mm_xrealloc((vec)->v, (vec)->cap * sizeof(*(vec)->v));                \
        }                                                                                    \
        (vec)->v[(vec)->n++] = (item);                                                       \
    } while (0)
#define mm_vec_free(vec) (free((vec)->v), (vec)->v = NULL, (vec)->n = (vec)->cap = 0)

void *mm_xmalloc(size_t n);
void *mm_xcalloc(size_t n, size_t size);
void *mm_xrealloc(void *p, size_t n);
char *mm_xstrdup(const char *s);
char *mm_xstrndup(const char *s, size_t n);
char *mm_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* --- hashing -----------------------------------------------------------------------------
 * SHA-256 (mbedTLS); hex output is lower case and NUL-terminated (65 bytes). */
void mm_sha256(const void *data, size_t len, uint8_t out[32]);
void mm_sha256_hex(const void *data, size_t len, char out[65]);
uint64_t mm_hash64(const void *data, size_t len); /* FNV-1a, for hash tables only */

/* --- string sets (open addressing; the strings are borrowed, not copied) ---------------- */
typedef struct mm_strset {
    const char **slots;
    size_t cap, n;
} mm_strset;
void mm_strset_add(mm_strset *set, const char *s);
bool mm_strset_has(const mm_strset *set, const char *s);
bool mm_strset_hasn(const mm_strset *set, const char *s, size_t n);
void mm_strset_free(mm_strset *set);

/* --- strings, paths, globs ---------------------------------------------------------------- */
/* qsort for vectors that may be empty: qsort(NULL, 0, ...) is undefined behaviour, and an
 * empty MM_VEC has a NULL array. */
void mm_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

bool mm_str_starts(const char *s, const char *prefix);
bool mm_str_ends(const char *s, const char *suffix);
const char *mm_path_base(const char *path);
/* dir + "/" + rel (rel alone when dir is NULL or empty, or rel is absolute) with "." and ".."
 * resolved and empty parts dropped, as a relative path; NULL when ".." leaves the root or
 * nothing is left. Malloc'd. */
char *mm_path_join_norm(const char *dir, const char *rel);

/* Walks directory abs, never following a link: on_file(abs, rel, arg) for each regular file,
 * rel naming it from the walk's top (pass rel ""); false from it ends the walk. Directories
 * more than max_depth levels below the top, and those skip_dir(name) names (NULL: none), are
 * not entered. For small trees (fixtures, `mamori init`); scans use input.c. */
void mm_walk_dir(const char *abs, const char *rel, int max_depth, bool (*skip_dir)(const char *),
                 bool (*on_file)(const char *abs, const char *rel, void *arg), void *arg);
int mm_hex_value(char c); /* 0-15 for a hexadecimal digit, else -1 */
/* The index of the last of v[0, n) (ascending) that is <= x, or 0: the line or the chunk that
 * holds an offset. */
size_t mm_u32_floor(const uint32_t *v, size_t n, uint32_t x);
/* Gitignore-like glob: `*` and `?` stay within a path segment, `**` crosses segments,
 * `[...]` classes; a pattern without `/` matches the base name anywhere. */
bool mm_glob_match(const char *pattern, const char *path);
/* Reads a whole regular file (no symlink following) up to max bytes; -1 with err. */
int mm_read_file(const char *path, size_t max, char **out, size_t *len, mm_err *err);
/* Writes data to path atomically: a temporary file beside it, fsync, rename. A path that is not
 * a regular file (/dev/null, /dev/stdout, a FIFO, a terminal) is written to as it is: a rename
 * would replace the device or the pipe with a file. A symlink to a file keeps the link: the file
 * it names is replaced. */
int mm_write_atomic(const char *path, const void *data, size_t len, mm_err *err);

/* --- text positions ------------------------------------------------------------------------ */
/* Decodes one UTF-8 sequence at s (n bytes available); returns its length (1 for an invalid
 * byte, which then counts as one character). */
size_t mm_utf8_seq(const uint8_t *s, size_t n, uint32_t *cp);
/* 1-based column, in Unicode code points, of byte offset off within the line starting at
 * line_start. */
unsigned mm_utf8_col(const char *line_start, size_t off_in_line);
/* Today's date in UTC, YYYY-MM-DD: what expiry dates are compared with. */
void mm_today(char out[11]);
/* Shannon entropy in bits per byte. */
double mm_entropy(const char *s, size_t n);

/* A letter, digit or '_' of the ASCII range: a character of a C identifier. */
static inline bool mm_ident_char(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

#endif
