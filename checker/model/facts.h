/* facts.h: the shared vocabulary between front ends and rules. A front end turns bytes into
 * these records; matchers read them and never walk a syntax tree themselves. All offsets are
 * byte offsets into the file; all strings live in the file's arena. */
#ifndef MM_FACTS_H
#define MM_FACTS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct mm_span {
    uint32_t start, end;
} mm_span;

typedef enum {
    MM_ARG_OTHER = 0,
    MM_ARG_STRING, /* string literal, adjacent literals, or literal(s) joined with macros */
    MM_ARG_NUMBER,
    MM_ARG_IDENT,  /* identifier, field access, subscript, address-of: something with a name */
} mm_arg_kind;

#define MM_STR_GAP '\x1a' /* in mm_arg.str: a piece of a concatenation that is not a literal */

/* A length or a size the front end could prove: a constant, plus the lengths (strlen) of some
 * expressions, summed: `64`, `strlen(src) + 1`, `strlen(a) + strlen(b) + 1`. Counted in
 * elements of the string (bytes for char, wide characters for wchar_t). */
/* The engine a finding names when the libclang deep tier read its file (mm_cfacts.engine). */
#define MM_ENGINE_DEEP "libclang"

typedef struct mm_len {
    bool known;           /* false: nothing is known */
    int64_t k;            /* the constant part (may be negative with terms: strlen(s) - 8) */
    const char **terms;   /* expressions whose strlen() adds to it, as written (blanks collapsed) */
    uint32_t nterms;
    const char *why;      /* how it is known, for messages: "char buf[32]", "\"abc\" (3 chars)" */
} mm_len;

typedef struct mm_arg {
    mm_span span;
    mm_arg_kind kind;  /* MM_ARG_STRING also for a choice of literals: c ? "a" : "b" (inexact) */
    const char *text;  /* source text, whitespace collapsed */
    /* MM_ARG_STRING: the decoded value of all literal pieces joined. str_exact is false when
     * a macro or identifier sits between the pieces (e.g. "%" PRIu32): the value is then
     * known to be constant but not known in full, and MM_STR_GAP stands where each such piece
     * was ("%\x1a" for "%" PRIu32), so that a check never reads two pieces as one. */
    const char *str;
    uint32_t str_len;
    bool str_exact;
    mm_span str_span;  /* the first literal piece: where a secret value stands */
    /* the name the argument is about: `buf` for buf, &buf, buf[i], (char *)buf;
     * `password` for cfg.sta.password */
    const char *name;
    const char *base;  /* the base identifier: `cfg` for cfg.sta.password, `buf` for buf[i];
                          NULL when the expression has none (a field of a call's result, or
                          code that does not parse) even though `name` is set */
    /* What the front end could prove about the value (sizes and constants). A tier fills what
     * it can; what it cannot stays not known. */
    mm_len cap;        /* room the pointer has: elements of the array or allocation it points to */
    mm_len len;        /* the longest string it holds, without the NUL */
    mm_len held;       /* as a destination: the longest string it already holds before this call
                          (what strcat appends to) */
    bool held_konst;   /* as a destination: what it holds before the call is program text */
    bool konst;        /* its text comes only from the program: literals, a variable or buffer
                          the function (or a const declaration) fills only with literals, a
                          macro that stands for literals */
    bool ranged;       /* an integer whose range is known (declared type, `x % 10`, a cast) */
    int64_t imin, imax;
    uint8_t real;      /* a floating-point value: 1 float, 2 double (or unknown width) */
} mm_arg;

typedef struct mm_local {
    const char *name;
    int64_t array_len; /* elements of a local array with a constant size; -1 when unknown */
    uint32_t elem_size;/* 1 for char arrays, 0 when unknown */
    const char *size_macro; /* char buf[LEN]: the macro to resolve from the file's #defines */
    bool is_static;    /* static storage: outlives the call */
    bool is_pointer;   /* T *p: what it points to is not the function's own */
} mm_local;

typedef struct mm_func {
    const char *name;
    mm_span span, body;
    mm_local *locals;
    uint32_t nlocals;
    const char **params; /* parameter names; for a macro body, the macro's parameters */
    uint32_t nparams;
    bool variadic;       /* `...` or a va_list parameter: it can forward its caller's arguments */
} mm_func;

typedef enum {
    MM_CTX_NONE = 0,
    MM_CTX_ASSIGN,  /* lhs = <here> */
    MM_CTX_INIT,    /* T name = <here> */
    MM_CTX_RETURN,  /* return <here> in function `name` */
    MM_CTX_ARG,     /* f(<here>): name is the callee */
    MM_CTX_DEFINE,  /* #define NAME <here> */
    MM_CTX_FIELD,   /* { .field = <here> } */
    MM_CTX_COPY,    /* strcpy(dest, <here>): name is the destination */
} mm_ctx_kind;

extern const char *const mm_ctx_names[]; /* indexed by mm_ctx_kind: "assign", "init", ... */

typedef struct mm_call {
    const char *callee; /* "strcpy"; "WiFi.begin" for member calls; "std::system" as written */
    const char *name;   /* the function or method name alone: "strcpy", "begin", "system" */
    const char *object; /* member calls: the object expression ("WiFi", "cfg->ops"); else NULL */
    bool member;        /* obj.f() or obj->f() */
    bool qualified_libc;/* ::system() or std::system(): a qualified name that still means libc */
    bool qualified;     /* any other qualified name (ns::f) */
    mm_span span, name_span;
    mm_arg *args;
    uint32_t nargs;
    mm_ctx_kind ctx;    /* where the call's value goes */
    const char *ctx_name;
    const mm_func *func;/* enclosing function (a macro body counts as one), or NULL */
    bool in_macro;      /* inside a #define body */
    bool in_loop;       /* inside a for/while/do body of its function */
    const char *via;    /* written through a macro that stands for the callee (`SYSTEM(cmd)` with
                           `#define SYSTEM system`): the macro's name; callee and name are then
                           the function the macro names */
    /* bounds that hold where the call is, from the checks before it: the lengths of `terms`
       summed are at most k (`if (strlen(a) + strlen(b) + 2 >= 64) return;` gives
       strlen(a) + strlen(b) <= 61) */
    mm_len *bounds;
    uint32_t nbounds;
} mm_call;

/* A function of the project that hands one of its parameters on to another call: a printf-like
 * wrapper `void log(const char *fmt, ...) { ... vprintf(fmt, ap); }` (variadic, or taking a
 * va_list), or a declaration `__attribute__((format(printf, 1, 2)))`. A call rule may judge the
 * wrapper's callers as callers of what it forwards to. */
typedef struct mm_forward {
    const char *func;   /* the wrapper */
    const char *callee; /* the call it forwards to ("vprintf"; "printf" or "scanf" for a format
                           attribute) */
    int32_t arg;        /* the callee's argument that receives the parameter */
    int32_t param;      /* the wrapper's parameter (from 0) */
    bool attribute;     /* declared with __attribute__((format(...))) */
    mm_span span;
} mm_forward;

/* Conditional compilation: how a place of a C/C++ file is built. */
typedef enum {
    MM_COND_LIVE = 0, /* compiled, or under conditions that hold */
    MM_COND_UNKNOWN,  /* under a condition the tier cannot decide: both branches stay */
    MM_COND_OFF,      /* compiled out by the configuration the tree resolves (sdkconfig, .config) */
    MM_COND_DEAD,     /* never compiled: #if 0, a condition the file's own #defines make false */
} mm_cond_state;

/* A stretch of the file, from `start` to the next region's start, and how it is built. */
typedef struct mm_cregion {
    uint32_t start;
    uint8_t state;   /* mm_cond_state */
    const char *why; /* UNKNOWN, OFF: "under #ifdef CONFIG_X, which the tree does not set" */
} mm_cregion;

typedef struct mm_strlit {
    mm_span span;       /* the whole literal expression (all adjacent pieces) */
    mm_span value_span; /* first piece: where the value starts */
    const char *value;  /* decoded, pieces joined */
    uint32_t len;
    bool exact;         /* false when macros sit between the pieces */
    mm_ctx_kind ctx;
    const char *name;   /* context name as written: "WIFI_PASSWORD", "wifi_config.sta.password" */
    const char *leaf;   /* its last component: "password" */
    const char *callee; /* MM_CTX_ARG / MM_CTX_COPY: the call */
    int arg_index;
    bool bytes;         /* not a string: a brace initializer of byte constants given a name,
                           `uint8_t key[16] = {0x2b, 0x7e, ...}` (value: the bytes) */
} mm_strlit;

/* A definition of a name that rules care about: a function body or a macro. Used to tell a
 * project's own `system()` from libc's. */
typedef struct mm_def {
    const char *name;
    bool is_static;
    bool is_macro;
    int params;    /* functions: parameter count (`(void)` is 0); macros: -1 */
    bool ellipsis; /* functions: ends in `...` */
    mm_span span;
    /* functions returning char *: the longest string every return gives (a literal, an array of
     * known size), -1 when some return is not known; -2 while none was read (cfront.c) */
    int64_t ret_max;
} mm_def;

/* A struct object of a type some rule watches (the rule set's `types`): a variable declared
 * with that type, or a compound literal `(T){ ... }`. */
typedef struct mm_object {
    mm_span span;        /* the declarator with its initializer, or the compound literal */
    mm_span name_span;   /* the declared name (the compound literal's type) */
    const char *type;    /* as written, qualifiers dropped: "esp_http_client_config_t", "struct x" */
    const char *name;    /* the variable; NULL for a compound literal */
    const mm_func *func; /* enclosing function; NULL at file scope */
    bool has_init;       /* `= { ... }` (C++ also `T x{ ... }`) */
    bool positional;     /* its initializer lists members without designators: what it sets is
                            not known (`{0}` and `{}` set nothing and are not positional) */
    bool is_pointer;     /* T *p: the object lives elsewhere */
    bool is_array;
} mm_object;

/* A struct field given a value: a designator in an initializer (`{ .a.b = v }`, `.a = { .b = v }`)
 * or an assignment to a member (`x.a.b = v;`, `p->a = v;`). Recorded only for fields whose last
 * part some rule watches (the rule set's `fields`). */
typedef struct mm_field {
    mm_span span;        /* the designator pair, or the whole assignment */
    const char *var;     /* the object expression: the declared name of the initialised variable,
                            or the base of the member access ("cfg", "p", "cfgs[i]"); NULL for
                            a compound literal or an initializer of no named variable */
    const char *path;    /* field path below the object: "broker.verification.certificate" */
    const char *leaf;    /* its last part: "certificate" */
    mm_arg value;        /* the value, described as a call argument would be */
    int32_t object;      /* the mm_object this initializer belongs to, or -1 */
    bool assign;         /* an assignment statement rather than an initializer */
    bool arrow;          /* the member access went through a pointer (p->a) */
    const mm_func *func; /* enclosing function, or NULL */
} mm_field;

struct mm_clex; /* the file's tokens, made on demand (clex.c) */

typedef struct mm_cfacts {
    mm_call *calls;
    uint32_t ncalls, capcalls;
    mm_strlit *strs;
    uint32_t nstrs, capstrs;
    mm_def *defs;
    uint32_t ndefs, capdefs;
    bool cpp;
    mm_object *objects;
    uint32_t nobjects, capobjects;
    mm_field *fields;
    uint32_t nfields, capfields;
    mm_forward *forwards;
    uint32_t nforwards, capforwards;
    /* conditional compilation, in file order (made on demand: mm_file.cond_at) */
    mm_cregion *regions;
    uint32_t nregions;
    struct mm_clex *lex; /* cache of mm_clex_get() */
    struct mm_ppview *pp;/* cache of the preprocessor view (front/cpp.c) */
    struct mm_cdecls *decls; /* cache of the file-scope declarations (front/cdecl.c) */
    uint32_t parsed;     /* bytes handed to tree-sitter (what the cuts saved shows here) */
    /* the deep tier (front/cdeep.c): MM_ENGINE_DEEP when the compiler read the file, else NULL;
     * the ranges its preprocessor skipped with the build's flags, in file order */
    const char *engine;
    mm_span *skipped;
    uint32_t nskipped;
} mm_cfacts;

#endif
