/* cdecl.h: the declarations of a C/C++ file outside function bodies, read from its token view:
 * variables at file scope (`char buf[64];`, `extern cfg_t g_cfg;`, `static const char *usage =
 * "..."`) and the members of struct, union and class definitions (`typedef struct { char
 * ssid[33]; } wifi_t;`), with their types, array sizes as written and string initializers. The
 * size facts of call arguments read them (cflow.c) for globals and struct fields, in the file
 * and in the project headers it includes. */
#ifndef MM_CDECL_H
#define MM_CDECL_H

#include "front/clex.h"

typedef struct mm_cdecl {
    const char *name;
    const char *type;    /* base type, qualifiers and storage class dropped: "char", "struct foo",
                            "mainConfig_t"; an anonymous aggregate: its scope id ("@3") */
    const char *scope;   /* the aggregate it is a member of ("struct foo", "@3"); NULL: file scope */
    const char *dim;     /* its first array dimension as written ("64", "LEN + 1", "" for []);
                            NULL when not an array */
    int pointer;         /* how many '*' */
    bool is_const;       /* the object itself is constant: const char x[], T *const x, constexpr */
    bool is_static;
    const char *init;    /* a string literal initializer, decoded (literals joined); else NULL */
    uint32_t init_len;
    bool init_exact;     /* no macro between the literals */
    bool function;       /* a function's declaration or definition */
    bool variadic;       /* ... whose parameters end in `...` or take a va_list */
    char format;         /* a function declared printf-like ('p') or scanf-like ('s') by
                            __attribute__((format(...))), __printflike(), __printf_like() */
    int format_arg;      /* ... its format parameter, from 0 */
    uint32_t off;
} mm_cdecl;

typedef struct mm_cdecls mm_cdecls;

/* The declarations of f, made once (in its arena). */
const mm_cdecls *mm_cdecl_get(mm_file *f);

/* A file-scope declaration of name (the last one: a definition after an extern), or NULL. */
const mm_cdecl *mm_cdecl_global(const mm_cdecls *d, const char *name);
/* A file-scope declaration or definition of the function name (the last one), or NULL. */
const mm_cdecl *mm_cdecl_function(const mm_cdecls *d, const char *name);
/* A declaration of name anywhere outside functions (a class member too), or NULL when there is
 * none or more than one that differ. */
const mm_cdecl *mm_cdecl_any(const mm_cdecls *d, const char *name);
/* The member `field` of the aggregate type `type` ("struct foo", "foo_t", "@3"), or NULL. The
 * type is found by its tag, its typedef name or, for "struct X", also as X (C++). */
const mm_cdecl *mm_cdecl_member(const mm_cdecls *d, const char *type, const char *field);
/* Does the file define the aggregate `type`? */
bool mm_cdecl_has_type(const mm_cdecls *d, const char *type);
/* Every declaration, in file order. */
const mm_cdecl *mm_cdecl_all(const mm_cdecls *d, uint32_t *n);
/* typedef NAME of a non-aggregate type: the type it stands for ("uint8_t" for `typedef
 * uint8_t mac_t[6]`), its dimension when it is an array type; NULL when not a typedef here. */
const mm_cdecl *mm_cdecl_typedef(const mm_cdecls *d, const char *name);

#endif
