/* json.h: reading the project's JSON inputs (rule packs, mamori.json) with comments allowed and
 * with every error tied to a file, line and column. cJSON parses; this module remembers where
 * each value stood in the text so that a semantic error ("severity must be ...") can point at it. */
#ifndef MM_JSON_H
#define MM_JSON_H

#include <cjson/cJSON.h>

#include "base/util.h"

typedef struct mm_json_pos mm_json_pos;

typedef struct mm_json_doc {
    const char *file; /* name used in messages */
    char *text;       /* comments blanked out, offsets unchanged */
    size_t len;
    cJSON *root;
    mm_json_pos *pos; /* value -> offset map */
    size_t npos, cappos;
} mm_json_doc;

/* Parses text (not necessarily NUL-terminated); allow_comments blanks // and block comments
 * first. On a syntax error fills err with the position of the offending character. */
int mm_json_parse(mm_json_doc *doc, const char *file, const char *text, size_t len,
                  bool allow_comments, mm_err *err);
void mm_json_free(mm_json_doc *doc);

/* Where value v starts: 1-based line, column in code points, and byte offset in doc->text
 * (comments blanked); false (and zeros) when v is not a value of this document. */
bool mm_json_where(const mm_json_doc *doc, const cJSON *v, unsigned *line, unsigned *col,
                   size_t *off);

/* Sets err to a message about value v (its line and column in the document); returns -1. */
int mm_json_err(const mm_json_doc *doc, const cJSON *v, mm_err *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The byte offset of value v in the text (the same in the caller's bytes: comments are blanked,
 * not removed), or SIZE_MAX when unknown. Values are found fastest in document order: *hint
 * (start it at 0) remembers where the last one was. */
size_t mm_json_offset(const mm_json_doc *doc, const cJSON *v, size_t *hint);

/* Checks that object obj has only the listed keys (NULL-terminated); names the stray one. */
int mm_json_only_keys(const mm_json_doc *doc, const cJSON *obj, const char *const *keys,
                      const char *what, mm_err *err);

/* Typed getters: return 0 when absent (out untouched), -1 with err on a wrong type. */
int mm_json_get_str(const mm_json_doc *doc, const cJSON *obj, const char *key, const char **out,
                    mm_err *err);
int mm_json_get_bool(const mm_json_doc *doc, const cJSON *obj, const char *key, bool *out,
                     mm_err *err);
int mm_json_get_num(const mm_json_doc *doc, const cJSON *obj, const char *key, double *out,
                    mm_err *err);
/* A list of strings; a single string is accepted as a list of one. Items are borrowed; the list
 * is the caller's to free. Absent: *out is NULL and *n is 0 (callers reuse their variables). */
int mm_json_get_strs(const mm_json_doc *doc, const cJSON *obj, const char *key,
                     const char ***out, size_t *n, mm_err *err);
/* The same list, copied (mm_xstrdup) onto the end of vec, an MM_VEC(char *) that owns them;
 * returns how many (0: absent or empty), or -1 with err. */
int mm_json_copy_strs(const mm_json_doc *doc, const cJSON *obj, const char *key, void *vec,
                      mm_err *err);

#endif
