/* cfront_int.h: what the C front end's files share — the node kinds it reads, the parse
 * context, and the helpers that turn nodes into facts (cfront.c); struct objects and fields
 * are made in cinit.c. */
#ifndef MM_CFRONT_INT_H
#define MM_CFRONT_INT_H

#include <tree_sitter/api.h>

#include "front/cfront.h"

/* Node kinds the front end looks at; everything else is K_NONE. */
enum {
    K_NONE = 0,
    K_CALL,
    K_IDENT,
    K_FIELD_IDENT,
    K_FIELD_EXPR,
    K_QUALIFIED,
    K_INIT_DECL,
    K_INIT_PAIR,
    K_INIT_LIST,
    K_FIELD_DESIGNATOR,
    K_PREPROC_DEF,
    K_PREPROC_FUNC_DEF,
    K_FUNC_DEF,
    K_FUNC_DECL,
    K_STRING,
    K_RAW_STRING,
    K_CONCAT,
    K_ASSIGN,
    K_SUBSCRIPT,
    K_POINTER_EXPR,
    K_POINTER_DECL,
    K_REFERENCE_DECL,
    K_ARRAY_DECL,
    K_CAST,
    K_PAREN,
    K_BINARY,
    K_UNARY,
    K_CONDITIONAL,
    K_DECLARATION,
    K_FIELD_DECL,
    K_RETURN,
    K_ARGS,
    K_NUMBER,
    K_CHAR,
    K_EXPR_STMT,
    K_STORAGE,
    K_PRIMITIVE,
    K_TYPE_IDENT,
    K_SIZED_TYPE,
    K_TEMPLATE_FUNC,
    K_DESTRUCTOR,
    K_OPERATOR_NAME,
    K_SIZEOF,
    K_LOOP,
    K_COMPOUND_LIT,
    K_SUBSCRIPT_DESIGNATOR,
    K_NULL,
    K_UPDATE,       /* x++, --x */
    K_PARAM_DECL,
    K_IF,
    K_BLOCK,        /* compound_statement */
    K_ELSE,         /* else_clause */
    K_JUMP,         /* break, continue, goto */
    K_COND_CLAUSE,  /* C++ if condition */
    K_NEW,          /* C++ new T[n] */
    K_CLASS,        /* C++ class_specifier, struct_specifier (a class with methods) */
    K__COUNT
};

typedef struct cf_lang {
    const TSLanguage *ts;
    TSParser *parser;
    uint8_t *kinds; /* symbol -> K_* */
    uint32_t nsyms;
    TSFieldId f_function, f_arguments, f_argument, f_field, f_declarator, f_value, f_left,
        f_right, f_name, f_scope, f_body, f_designator, f_size, f_type, f_default_value,
        f_parameters, f_consequence, f_alternative, f_operator, f_condition, f_initializer;
} cf_lang;

typedef struct cf_macro_body {
    uint32_t start, end;
    const char *name;
    const char **params;
    uint32_t nparams;
    bool variadic;
    bool fnlike; /* a function-like macro: its body is a definition, its uses are the calls */
} cf_macro_body;

struct cf_flow;   /* the value facts of the function being read (cflow.c) */
struct cf_aliases; /* the macros that stand for watched callees (cfront.c) */

typedef struct cf_ctx {
    mm_file *f;
    mm_cfacts *facts;
    cf_lang *l;
    const char *src;  /* text the tree was parsed from */
    int64_t delta;    /* file offset = node offset + delta */
    uint32_t clamp_lo, clamp_hi; /* file offsets facts must stay within (macro bodies) */
    bool in_macro;
    const char *macro_name;
    const cf_macro_body *macro; /* the macro whose body is being parsed */
    MM_VEC(cf_macro_body) macros;
    struct cf_flow *flow;       /* cache: the function last summarised */
    TSNode fn_node;             /* the function definition around the call being read */
    int32_t ret_def;            /* handle_funcdef: the def of a function returning a string, or -1 */
    struct cf_aliases *aliases; /* NULL: the file uses none */
    mm_strset extra;            /* names whose calls are recorded besides the wanted ones
                                   (printf-like wrappers of the file, exported names) */
} cf_ctx;

static inline int cf_kind_of(const cf_ctx *c, TSNode n)
{
    TSSymbol s = ts_node_symbol(n);
    return s < c->l->nsyms ? c->l->kinds[s] : K_NONE;
}

mm_span cf_span_of(const cf_ctx *c, TSNode n);
const char *cf_text_of(cf_ctx *c, TSNode n);
void cf_fill_arg(cf_ctx *c, TSNode a, mm_arg *out);
/* Is name a macro that marks a literal without changing its text: PSTR and F (AVR and ESP flash
 * strings), FPSTR, _ and N_ and gettext (translations), TEXT and _T (Windows)? */
bool cf_marker_macro(const char *name);
void *cf_arena_grow(cf_ctx *c, const void *v, uint32_t n, uint32_t *cap, uint32_t first, size_t size);
TSNode cf_unwrap(const cf_ctx *c, TSNode n);
TSNode cf_declarator_ident(const cf_ctx *c, TSNode d);
void cf_handle_field_assign(cf_ctx *c, TSNode n, const mm_func *func);
void cf_handle_object_decl(cf_ctx *c, TSNode decl, const mm_func *func);
void cf_handle_init_pair(cf_ctx *c, TSNode pair, const mm_func *func);
void cf_handle_compound_literal(cf_ctx *c, TSNode n, const mm_func *func);
/* The function a callee name stands for: itself, or what a macro of the file's aliases names
 * (cfront.c). */
const char *cf_callee_target(const cf_ctx *c, const char *name);
/* Sizes, constants and bounds of a recorded call's arguments (cflow.c). */
void cf_call_facts(cf_ctx *c, TSNode call, mm_call *out, unsigned need /* MM_FACT_* */);
void cf_flow_free(cf_ctx *c);
/* The longest string `return <expr>;` gives in the function c->fn_node (a literal, an array of
 * known size, NULL as "(null)"), or -1 (cflow.c). */
int64_t cf_return_len(cf_ctx *c, TSNode ret);
/* The string value of a literal expression (literals joined; gap stands for other pieces). */
bool cf_string_value(cf_ctx *c, TSNode n, mm_buf *val, bool *exact, mm_span *first, char gap);

#endif
