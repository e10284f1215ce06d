/* cfront.h: the tree-sitter front end for C and C++ (`.ino` is C++). */
#ifndef MM_CFRONT_H
#define MM_CFRONT_H

#include "model/file.h"

typedef struct mm_cfront mm_cfront; /* one per worker thread: parsers and symbol tables */

mm_cfront *mm_cfront_new(void);
void mm_cfront_free(mm_cfront *cf);

/* Parses the parts of f that hold a hit of a rule in rule_mask (whole file when asked or when
 * the text does not split), and fills f->cf with facts. */
void mm_cfront_run(mm_cfront *cf, mm_file *f, bool whole_file);

/* Decodes a C/C++ string literal token (with prefix, escapes, raw strings) into out;
 * returns false when the text is not a string literal. */
bool mm_c_string_decode(const char *s, size_t n, mm_buf *out);

/* Version of the grammars' ABI, for --version. */
unsigned mm_cfront_abi(void);

/* Parses len bytes of src from scratch with parser, giving up after seconds: NULL then, and the
 * parser is reset for the next text. (dtfront.c uses it too.) */
struct TSParser;
struct TSTree *mm_ts_parse(struct TSParser *parser, const char *src, uint32_t len,
                           unsigned seconds);

#endif
