/* cgraph.h: the call-graph facts of one C/C++ file (model/cgraph.h), read from the whole-file
 * token view (clex.c): functions, lambdas, calls, names passed as callbacks, route comparisons,
 * braced initializers, declarations. A lexical reading, not a parse: it needs no build
 * configuration and reads both branches of an #if. */
#ifndef MM_FRONT_CGRAPH_H
#define MM_FRONT_CGRAPH_H

#include "model/cgraph.h"
#include "model/file.h"

/* What the caller wants noted beyond functions, calls and names (all optional). */
typedef struct mm_cg_want {
    /* calls that get a site (a place for a finding, with its source line): "name",
     * "Obj.method", "*.method" (any object's method) */
    const mm_strset *sites;
    char *const *site_prefixes; /* the same, for names by prefix ("mbedtls_md5" for mbedtls_md5*) */
    size_t nsite_prefixes;
    /* types whose declarations are recorded ("ESP8266HTTPUpdateServer") */
    const mm_strset *types;
    /* identifiers noted as words when their name, split into lower-case parts (camelCase and
     * `_`: correctPIN -> correct_pin), holds one of these as whole parts ("auth", "correct_pin") */
    char *const *words;
    size_t nwords;
    /* `if (...)` conditions that compare a name holding one of these parts ("url", "topic") with
     * a string literal are routes */
    char *const *route_names;
    size_t nroute_names;
    /* a call with a string argument that starts with "/" gets a site too (a route registered
     * by a function of the project's own) */
    bool path_literal_sites;
    /* ... and so does a call with a string argument that mentions one of these ("sysupgrade") */
    char *const *site_strings;
    size_t nsite_strings;
} mm_cg_want;

/* Reads f (C or C++) into out; strings live in f's arena. */
void mm_cg_extract(mm_file *f, const mm_cg_want *w, mm_cg_file *out);

/* name split into lower-case parts joined by '_' (fooBar -> foo_bar, HTTPServer -> http_server) */
void mm_cg_norm(char *out, size_t cap, const char *in, size_t n);
/* Does the normalised name hold `seq` ("auth", "correct_pin") as whole parts? */
bool mm_cg_has_parts(const char *norm, const char *seq);

#endif
