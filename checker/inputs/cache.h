/* cache.h: the persistent scan cache — per-file results keyed by the object id of the bytes and
 * the identity of the scan (rules, engine build, the policy parts that change per-file results),
 * plus the history walk's state. It is only an accelerator: a scan with it reports exactly what
 * a scan without it does, and a missing, corrupt, foreign or unwritable cache is rebuilt or
 * skipped, never an error. It stores what reports show (redacted snippets, hashes), never a
 * secret value. */
#ifndef MM_CACHE_H
#define MM_CACHE_H

#include "core/ruleset.h"
#include "core/scan.h"

typedef struct mm_cache mm_cache;

enum { MM_CACHE_KEY = 32 };

/* Kinds of entries (the first byte of a key). */
enum {
    MM_CACHE_WORKTREE = 'W', /* a tracked file whose stat data matches the index: its blob id */
    MM_CACHE_BLOB = 'B',     /* a blob scanned whole (HEAD's files, staged files) */
    MM_CACHE_BLOB_ALONE = 'A', /* the same, judged alone (history: mm_file.alone) */
    MM_CACHE_HISTORY = 'H',  /* the history walk's state (one entry per identity) */
};

/* The identity of a scan's per-file results: the loaded rules (mm_ruleset.hash), this build of
 * the engine, the line-length cap and the policy's profiles. Anything else that changes what one
 * file yields must be added here. */
void mm_cache_identity(const mm_scan *s, char out[65]);

/* Opens the cache of identity in dir (created when missing). trusted: dir was named by the user
 * (--cache); otherwise it lies inside the scanned repository, and entries are authenticated with
 * a key kept in the user's own cache directory, so that a cache planted in a repository (a
 * tarball with its .git) cannot hide findings. Returns NULL, with a note in *why, when no cache
 * can be used. */
mm_cache *mm_cache_open(const char *dir, bool trusted, const char *identity, char **why);
/* Writes what changed (atomically, merged with a concurrent run's writes); a failure is a note
 * in *why. Frees the cache. */
void mm_cache_close(mm_cache *c, char **why);
/* True when the loaded file was unusable (corrupt, foreign) and is being rebuilt. */
bool mm_cache_rebuilt(const mm_cache *c);

/* Keys: kind, a 20-byte object id, and what else tells results apart (path, size). */
void mm_cache_key(uint8_t key[MM_CACHE_KEY], int kind, const uint8_t oid[20], const char *path,
                  uint64_t extra);
/* The extra of a file's results: its size, and the role the scan gave its path (a file's
 * results depend on it: core/scan.c). */
static inline uint64_t mm_cache_extra(uint64_t size, mm_role role)
{
    return size << 4 | (uint64_t)role;
}

/* Raw entries (thread-safe). get copies the value into out (appended). */
bool mm_cache_get(mm_cache *c, const uint8_t key[MM_CACHE_KEY], mm_buf *out);
void mm_cache_put(mm_cache *c, const uint8_t key[MM_CACHE_KEY], const void *v, size_t n);

/* One file's results (thread-safe). get fills out (zeroed first) or returns false. */
bool mm_cache_get_result(mm_cache *c, const uint8_t key[MM_CACHE_KEY], const mm_ruleset *rs,
                         mm_file_result *out);
void mm_cache_put_result(mm_cache *c, const uint8_t key[MM_CACHE_KEY], const mm_file_result *r);
/* The blobs of the tree's C headers, configurations and build files (front/cproject.c reads
 * them while judging other files): a worktree result that read them is cached under their
 * digest. */
void mm_cache_set_tree(mm_cache *c, const mm_input *files, size_t n);

/* The codec of results, also used for the history state. decode returns -1 on bad data. */
typedef struct mm_reader {
    const uint8_t *p, *end;
    bool bad;
} mm_reader;
void mm_enc_u32(mm_buf *b, uint32_t v);
void mm_enc_u64(mm_buf *b, uint64_t v);
void mm_enc_str(mm_buf *b, const char *s); /* NULL allowed */
uint32_t mm_dec_u32(mm_reader *r);
uint64_t mm_dec_u64(mm_reader *r);
char *mm_dec_str(mm_reader *r); /* malloc'd; NULL when it was NULL */
const uint8_t *mm_dec_bytes(mm_reader *r, size_t n);
void mm_result_encode(mm_buf *b, const mm_file_result *r);
int mm_result_decode(mm_reader *rd, const mm_ruleset *rs, mm_file_result *out);

/* The prefilter's compiled databases, kept in the user's cache directory (never in a scanned
 * repository: a database is code for the matcher); for mm_ruleset_compile. */
extern const mm_db_store mm_hsdb_store;

/* The scan's cache (opened under the repository's git directory, or --cache DIR, unless
 * --no-cache): s->cache for the git input sets, s->store for a worktree scan's files. A cache
 * that cannot be used is a note, never an error. */
void mm_scan_cache_open(mm_scan *s, const char *gitdir);
/* The user's own cache directory ($XDG_CACHE_HOME/mamori or ~/.cache/mamori, 0700, made when
 * missing): what holds for every repository (prefilter databases, a compiler's answers).
 * Malloc'd, or NULL when there is none. */
char *mm_cache_user_dir(void);
void mm_scan_cache_close(mm_scan *s);

#endif
