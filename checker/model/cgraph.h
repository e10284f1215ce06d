/* cgraph.h: the call-graph facts of one C/C++ file — the functions it defines (lambdas too),
 * the calls each makes, the functions it names without calling them (a handler registered, a
 * callback passed, a thread started), the routes it compares a request's URL with, and the
 * places a finding may point at. A front end makes them (front/cgraph.c), a file result carries
 * them to the end of the scan as text (mm_cg_encode, one hint per file), and the project
 * analyzers join the files into one graph (project/update_graph.c). Names only: calls are
 * resolved by name across files later, so nothing here knows another file. */
#ifndef MM_CGRAPH_H
#define MM_CGRAPH_H

#include <stdbool.h>
#include <stdint.h>

#include "base/util.h"

/* A place a finding may point at: its region and its source line (secrets not known here). */
typedef struct mm_cg_site {
    uint32_t line, col, end_line, end_col;
    const char *snippet;
} mm_cg_site;

typedef struct mm_cg_func {
    const char *name;   /* "upload"; "lambda" for a C++ lambda */
    const char *cls;    /* "Updater" for `void Updater::upload()` or a method written in its
                           class; NULL */
    const char *ns;     /* the namespaces it is written in, "ota::web"; NULL at the top */
    uint32_t line, col; /* of the name (a lambda: of its `[`) */
    bool is_static;     /* `static`, or in an anonymous namespace: seen only by its file */
    bool lambda;
    int32_t parent;     /* a lambda: the function it is written in (-1: file scope) */
} mm_cg_func;

/* A call made in a function body (or in an initializer at file scope: func -1). */
typedef struct mm_cg_call {
    int32_t func;
    const char *name;     /* the function or method: "write", "esp_ota_write" */
    const char *object;   /* member calls: "Update", "server", "this", "()" (a call's result) */
    const char *qual;     /* `A::name(...)`: A (a class or namespace); NULL */
    uint32_t line, col;
    uint16_t nargs;
    int16_t str_arg;      /* the first argument holding a string literal, or -1 ... */
    const char *str;      /* ... and that literal's text, decoded roughly (escapes kept) */
    uint32_t empty_args;  /* bit i: argument i is exactly "" (the first 32) */
    int32_t site;         /* a place for findings (mm_cg_file.sites), or -1 */
    int32_t route;        /* inside the block of a route comparison (mm_cg_file.routes), or -1 */
    const char *refs;     /* arguments that are a name alone ("fn", "&fn", "A::fn") and lambdas
                             written as arguments ("#3": function 3), space-separated; NULL */
    const char *bases;    /* each argument's base name (`x` of &x, x[i], x.y; "-" for none),
                             space-separated, or NULL */
} mm_cg_call;

/* A name used as a value in a function (not called): `cb = &handler`, `.handler = fn`. */
typedef struct mm_cg_ref {
    int32_t func;
    const char *name;
} mm_cg_ref;

/* A word of interest a function mentions: an identifier that names authentication
 * (`correctPIN`, `isAuthenticated`) — what the front end was asked to note. */
typedef struct mm_cg_word {
    int32_t func;
    const char *word;
    int32_t route; /* inside the block of this route comparison (mm_cg_file.routes), or -1 */
} mm_cg_word;

/* `if (... "literal" ... url ...)`: a request dispatched by comparing its URL (or topic, path)
 * with a literal; the calls of the block it guards carry its index. */
typedef struct mm_cg_route {
    int32_t func;
    const char *route;
    int32_t site;
} mm_cg_route;

/* A field of a braced initializer: `httpd_uri_t up = {.uri = "/ota", .handler = ota_post}`.
 * Only string and name values are kept. */
typedef struct mm_cg_init {
    const char *var;   /* the initialised variable (an array's elements share it) */
    int32_t site;      /* a string that looks like a route ("/ota"): its place, else -1 */
    uint32_t elem;     /* which element of an array of structs (0 for one object) */
    const char *field; /* last designator: "handler" */
    const char *value; /* the name, or the literal's text */
    bool str;          /* value is a string literal */
} mm_cg_init;

/* A declaration with one of the types the front end was asked about:
 * `ESP8266HTTPUpdateServer httpUpdater;`, `extern HTTPUpdateServer updater;`. */
typedef struct mm_cg_decl {
    const char *var;
    const char *type;
    int32_t func; /* -1 at file scope (and class members) */
} mm_cg_decl;

typedef struct mm_cg_file {
    MM_VEC(mm_cg_func) funcs;
    MM_VEC(mm_cg_call) calls;
    MM_VEC(mm_cg_ref) refs;
    MM_VEC(mm_cg_word) words;
    MM_VEC(mm_cg_route) routes;
    MM_VEC(mm_cg_init) inits;
    MM_VEC(mm_cg_decl) decls;
    MM_VEC(mm_cg_site) sites;
} mm_cg_file;

/* Text of one file's facts (heap), for a hint: lines of tab-separated fields. */
char *mm_cg_encode(const mm_cg_file *g);
/* Reads what mm_cg_encode wrote; strings go to the arena. Returns -1 on text it did not write
 * (a cache from another version): g is then left empty. */
int mm_cg_decode(const char *text, mm_arena *a, mm_cg_file *g);
/* Frees the vectors (the strings belong to an arena). */
void mm_cg_file_free(mm_cg_file *g);

#endif
