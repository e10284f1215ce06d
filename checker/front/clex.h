/* clex.h: a C/C++ token view of a whole file, made on demand for the few files where a rule
 * needs more than the parsed items around its prefilter hits: which functions the file calls
 * anywhere, which identifiers it mentions, what a `#define` in it stands for, what constant an
 * argument or field value comes to, and whether a place is compiled only in debug builds. */
#ifndef MM_CLEX_H
#define MM_CLEX_H

#include "model/file.h"

typedef struct mm_ctok {
    uint32_t start, len;
    char kind; /* 'i' identifier, 'n' number, 's' string or char literal, 'p' punctuation */
    bool line_start; /* first token of a line (a preprocessor directive starts with '#') */
} mm_ctok;

/* Is token t of src exactly the text w (an identifier, a keyword, a punctuator)? */
bool mm_ctok_is(const char *src, const mm_ctok *t, const char *w);

typedef struct mm_cdefine {
    const char *name;
    uint32_t body_first, body_end; /* token range of its body */
    uint32_t line_end;             /* file offset where the definition ends */
} mm_cdefine;

/* #if/#ifdef/#ifndef/#elif/#else/#endif, in file order */
typedef struct mm_cdirective {
    uint32_t off;
    char what;   /* 'i' if/ifdef/ifndef, 'e' elif, 'l' else, 'n' endif */
    int8_t debug;/* the branch it opens: +1 debug builds only, -1 release builds only, 0 other */
} mm_cdirective;

typedef struct mm_clex {
    const char *src;
    mm_ctok *toks;
    uint32_t n;
    mm_strset called;       /* plain calls anywhere: `name(` not declared there */
    mm_strset member_calls; /* "Obj.method" and "*.method" (any object) */
    mm_strset idents;       /* every identifier outside comments and literals */
    MM_VEC(mm_cdefine) defines;
    MM_VEC(mm_cdirective) directives;
    bool indexed;           /* the sets and lists above are made (mm_clex_get) */
    /* declarations with their types, sorted by name then position (arena; built on the first
     * mm_clex_declared_type) */
    struct mm_cdecl *decls;
    uint32_t ndecls;
    bool decls_built;
} mm_clex;

/* An integer literal (0x10, 1UL, 0b101, 1'000) as a number. */
bool mm_c_number(const char *s, size_t n, int64_t *out);

/* Is C source text program text by its look: string literals, numbers and ALL_CAPS macro names,
 * a macro call such as LOG_FORMAT(E, "...") of those, joined (no variable, no operator)? */
bool mm_c_text_konst(const char *text);

/* The symbolic length of what a printf-family call writes with format text fmt and the
 * arguments after it (texts as written, n of them): the same text for
 * vsprintf(buf, fmt, va) and for the vsnprintf(NULL, 0, fmt, va) that sized buf, so the sizes
 * can compare them as one term. Blanks are dropped (in a's memory). */
const char *mm_c_printf_term(mm_arena *a, const char *fmt, const char *const *args, size_t n);

/* Tokens of s[0, n): comments dropped, a literal one token (in a's memory; *count of them). */
mm_ctok *mm_clex_tokens(mm_arena *a, const char *s, size_t n, uint32_t *count);

/* The token view of f (built once per file, in its arena; its sets and lists are on the heap:
 * mm_clex_release frees them when the file is done). */
const mm_clex *mm_clex_get(mm_file *f);
void mm_clex_release(mm_file *f);
/* The tokens alone (toks, n, src): what the preprocessor view and the declarations read. */
const mm_clex *mm_clex_toks(mm_file *f);

/* Does the file call `spec` ("name", "Obj.method", "*.method"; "name*" for any name with that
 * prefix)? Calls in comments and strings, prototypes and definitions do not count. */
bool mm_clex_calls(const mm_clex *x, const char *spec);
/* The offset of the first such call, or UINT32_MAX. */
uint32_t mm_clex_call_at(const mm_clex *x, const char *spec);
bool mm_clex_mentions(const mm_clex *x, const char *ident);

/* The value a piece of C source text comes to, through `#define`s of the same file. */
typedef enum {
    MM_CV_OTHER = 0, /* an expression we do not evaluate */
    MM_CV_NUMBER,    /* integer literal, true/false, NULL/nullptr (num holds it) */
    MM_CV_STRING,    /* string literal(s), possibly joined with macros (str, str_exact) */
    MM_CV_IDENT,     /* a name no `#define` of the file gives a value: an enumerator, a macro
                        of a header, a variable */
} mm_cv_kind;

typedef struct mm_cvalue {
    mm_cv_kind kind;
    const char *text;   /* the final text, whitespace collapsed */
    int64_t num;
    bool is_null;       /* NULL, nullptr, 0, false: "not set" for a pointer or flag */
    const char *str;    /* MM_CV_STRING: the decoded value (MM_STR_GAP where a piece is not known) */
    uint32_t str_len;
    bool str_exact;
    const char *via;    /* the macros it went through, "VERIFY -> MODE", or NULL */
    bool ambiguous;     /* a macro on the way has differing definitions in the file */
} mm_cvalue;

void mm_c_value(mm_file *f, const char *text, mm_cvalue *out);
/* Is the value one of `values` (texts as written: "0", "MBEDTLS_SSL_VERIFY_NONE", "true")?
 * Numbers compare as numbers (0L is 0, true is 1); a macro on the way counts by its name. */
bool mm_cvalue_in(const mm_cvalue *v, char *const *values, size_t n);

/* "debug" when the place is compiled only in debug builds (inside #ifdef DEBUG, #ifndef NDEBUG,
 * #if defined(CONFIG_..._DEBUG), ...) or the file's path says debug/test; else "release". */
const char *mm_code_profile(mm_file *f, uint32_t off);

/* Is the file test code: a test/tests/unittest/mock(s) directory, test_x.c, x_test.cc, xTest.cpp? */
bool mm_path_is_test(const char *path);



/* The value text last given to `name` in [from, to): `name = v;`, `T name = v;`, `name{v}`
 * (arena), or NULL. */
const char *mm_clex_last_value(mm_file *f, const char *name, uint32_t from, uint32_t to);
/* The type of the last declaration of `name` before `before` ("WiFiClient" for
 * `WiFiClient client;`, "WiFiClientSecure" for `std::unique_ptr<BearSSL::WiFiClientSecure>
 * client(...)`), or NULL. */
const char *mm_clex_declared_type(mm_file *f, const char *name, uint32_t before);

#endif
