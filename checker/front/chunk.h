/* chunk.h: top-level items of C/C++ text, found lexically (see chunk.c). */
#ifndef MM_CHUNK_H
#define MM_CHUNK_H

#include "base/util.h"
#include "model/file.h"

typedef struct mm_chunks {
    uint32_t *starts; /* offsets where a top-level item may begin; starts[0] == 0 */
    size_t n;
    uint32_t len;
    uint32_t covered; /* the chunks are known up to here: len, or the start of the first chunk
                         past the `until` the lexer was asked for (starts[n - 1] then) */
    bool whole;       /* the text did not balance: parse it whole */
} mm_chunks;

/* The chunks of s up to the one holding offset until (SIZE_MAX: all of s). Lexing stops at the
 * first boundary after until: the chunks before it do not depend on what follows. */
int mm_chunks_find(const char *s, size_t len, size_t until, mm_arena *a, mm_chunks *out);
/* The chunks of a C/C++ file up to the one holding until, lexed once per file (the history
 * scope and the C front end both ask; a later, larger `until` lexes again from the start). */
const mm_chunks *mm_chunks_of(mm_file *f, size_t until);
size_t mm_chunks_index(const mm_chunks *c, uint32_t off); /* chunk holding off */
uint32_t mm_chunks_end(const mm_chunks *c, size_t idx);
/* The simple statement of s[lo, hi) that holds offset at: 1 and [start, end), its first token
 * to its ';' (initializer braces included), or the head of an if/while/for/switch to its '{'
 * (*opens: close it with '}'); 0 when at is inside a comment; -1 when there is none the caller
 * could parse alone (a return, a directive inside it, a form it cannot tell): parse the chunk. */
int mm_chunks_statement(const char *s, uint32_t lo, uint32_t hi, uint32_t at, uint32_t *start,
                        uint32_t *end, bool *opens);

#endif
