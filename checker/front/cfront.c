/* cfront.c: tree-sitter front end for C and C++. Turns the parsed items of a file into facts:
 * calls (with arguments and where their value goes), string literals with the name they are
 * given, function and macro definitions, and the local arrays of each function. */
#define _GNU_SOURCE
#include "front/cfront_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "front/cdecl.h"
#include "front/chunk.h"
#include "front/cpp.h"
#include "front/cproject.h"

const TSLanguage *tree_sitter_c(void);
const TSLanguage *tree_sitter_cpp(void);

static const struct {
    const char *name;
    int kind;
} kind_names[] = {
    {"call_expression", K_CALL},
    {"identifier", K_IDENT},
    {"field_identifier", K_FIELD_IDENT},
    {"field_expression", K_FIELD_EXPR},
    {"qualified_identifier", K_QUALIFIED},
    {"init_declarator", K_INIT_DECL},
    {"initializer_pair", K_INIT_PAIR},
    {"initializer_list", K_INIT_LIST},
    {"field_designator", K_FIELD_DESIGNATOR},
    {"preproc_def", K_PREPROC_DEF},
    {"preproc_function_def", K_PREPROC_FUNC_DEF},
    {"function_definition", K_FUNC_DEF},
    {"function_declarator", K_FUNC_DECL},
    {"string_literal", K_STRING},
    {"raw_string_literal", K_RAW_STRING},
    {"concatenated_string", K_CONCAT},
    {"assignment_expression", K_ASSIGN},
    {"subscript_expression", K_SUBSCRIPT},
    {"pointer_expression", K_POINTER_EXPR},
    {"pointer_declarator", K_POINTER_DECL},
    {"reference_declarator", K_REFERENCE_DECL},
    {"array_declarator", K_ARRAY_DECL},
    {"cast_expression", K_CAST},
    {"parenthesized_expression", K_PAREN},
    {"binary_expression", K_BINARY},
    {"unary_expression", K_UNARY},
    {"conditional_expression", K_CONDITIONAL},
    {"declaration", K_DECLARATION},
    {"field_declaration", K_FIELD_DECL},
    {"return_statement", K_RETURN},
    {"argument_list", K_ARGS},
    {"number_literal", K_NUMBER},
    {"char_literal", K_CHAR},
    {"expression_statement", K_EXPR_STMT},
    {"storage_class_specifier", K_STORAGE},
    {"primitive_type", K_PRIMITIVE},
    {"type_identifier", K_TYPE_IDENT},
    {"sized_type_specifier", K_SIZED_TYPE},
    {"template_function", K_TEMPLATE_FUNC},
    {"destructor_name", K_DESTRUCTOR},
    {"operator_name", K_OPERATOR_NAME},
    {"sizeof_expression", K_SIZEOF},
    {"for_statement", K_LOOP},
    {"while_statement", K_LOOP},
    {"do_statement", K_LOOP},
    {"for_range_loop", K_LOOP},
    {"compound_literal_expression", K_COMPOUND_LIT},
    {"subscript_designator", K_SUBSCRIPT_DESIGNATOR},
    {"null", K_NULL},
    {"update_expression", K_UPDATE},
    {"parameter_declaration", K_PARAM_DECL},
    {"optional_parameter_declaration", K_PARAM_DECL},
    {"if_statement", K_IF},
    {"compound_statement", K_BLOCK},
    {"else_clause", K_ELSE},
    {"break_statement", K_JUMP},
    {"continue_statement", K_JUMP},
    {"goto_statement", K_JUMP},
    {"condition_clause", K_COND_CLAUSE},
    {"new_expression", K_NEW},
    {"class_specifier", K_CLASS},
    {"struct_specifier", K_CLASS},
};

struct mm_cfront {
    cf_lang c, cpp;
};

static void lang_init(cf_lang *l, const TSLanguage *ts)
{
    l->ts = ts;
    l->parser = ts_parser_new();
    ts_parser_set_language(l->parser, ts);
    l->nsyms = ts_language_symbol_count(ts);
    l->kinds = mm_xcalloc(l->nsyms, 1);
    for (uint32_t s = 0; s < l->nsyms; s++) {
        if (ts_language_symbol_type(ts, (TSSymbol)s) != TSSymbolTypeRegular)
            continue;
        const char *name = ts_language_symbol_name(ts, (TSSymbol)s);
        for (size_t k = 0; k < MM_ARRAY_LEN(kind_names); k++) {
            if (strcmp(name, kind_names[k].name) == 0)
                l->kinds[s] = (uint8_t)kind_names[k].kind;
        }
    }
#define FIELD(var, name) l->var = ts_language_field_id_for_name(ts, name, (uint32_t)strlen(name))
    FIELD(f_function, "function");
    FIELD(f_arguments, "arguments");
    FIELD(f_argument, "argument");
    FIELD(f_field, "field");
    FIELD(f_declarator, "declarator");
    FIELD(f_value, "value");
    FIELD(f_left, "left");
    FIELD(f_right, "right");
    FIELD(f_name, "name");
    FIELD(f_scope, "scope");
    FIELD(f_body, "body");
    FIELD(f_designator, "designator");
    FIELD(f_size, "size");
    FIELD(f_type, "type");
    FIELD(f_default_value, "default_value");
    FIELD(f_parameters, "parameters");
    FIELD(f_consequence, "consequence");
    FIELD(f_alternative, "alternative");
    FIELD(f_operator, "operator");
    FIELD(f_condition, "condition");
    FIELD(f_initializer, "initializer");
#undef FIELD
}

unsigned mm_cfront_abi(void)
{
    return ts_language_abi_version(tree_sitter_c());
}

typedef struct ts_text {
    const char *src;
    uint32_t len;
} ts_text;

static const char *ts_text_read(void *payload, uint32_t byte, TSPoint pos, uint32_t *bytes_read)
{
    (void)pos;
    const ts_text *t = payload;
    if (byte >= t->len) {
        *bytes_read = 0;
        return "";
    }
    *bytes_read = t->len - byte;
    return t->src + byte;
}

/* tree-sitter asks this every hundred or so parse operations; true cancels the parse */
static bool ts_past_deadline(TSParseState *state)
{
    const struct timespec *end = state->payload;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > end->tv_sec || (now.tv_sec == end->tv_sec && now.tv_nsec >= end->tv_nsec);
}

/* The time limit is a progress callback: tree-sitter 0.25 deprecates ts_parser_set_timeout_micros
 * (removed in 0.26). A cancelled parse leaves the parser set to resume the same text, so it is
 * reset before the next. */
TSTree *mm_ts_parse(TSParser *parser, const char *src, uint32_t len, unsigned seconds)
{
    ts_text text = {src, len};
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    end.tv_sec += (time_t)seconds;
    TSInput input = {&text, ts_text_read, TSInputEncodingUTF8, NULL};
    TSParseOptions options = {&end, ts_past_deadline};
    TSTree *tree = ts_parser_parse_with_options(parser, NULL, input, options);
    if (!tree)
        ts_parser_reset(parser);
    return tree;
}

mm_cfront *mm_cfront_new(void)
{
    mm_cfront *cf = mm_xcalloc(1, sizeof *cf);
    lang_init(&cf->c, tree_sitter_c());
    lang_init(&cf->cpp, tree_sitter_cpp());
    return cf;
}

void mm_cfront_free(mm_cfront *cf)
{
    if (!cf)
        return;
    ts_parser_delete(cf->c.parser);
    ts_parser_delete(cf->cpp.parser);
    free(cf->c.kinds);
    free(cf->cpp.kinds);
    free(cf);
}

/* --- extraction ------------------------------------------------------------------------------ */

mm_span cf_span_of(const cf_ctx *c, TSNode n)
{
    int64_t s = (int64_t)ts_node_start_byte(n) + c->delta;
    int64_t e = (int64_t)ts_node_end_byte(n) + c->delta;
    if (s < c->clamp_lo)
        s = c->clamp_lo;
    if (e > c->clamp_hi)
        e = c->clamp_hi;
    if (e < s)
        e = s;
    return (mm_span){(uint32_t)s, (uint32_t)e};
}

/* Source text of a node with whitespace runs collapsed to one space. */
const char *cf_text_of(cf_ctx *c, TSNode n)
{
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    if (e - s > 4096)
        e = s + 4096;
    return mm_arena_collapse(c->f->arena, c->src + s, e - s);
}

/* static_cast<T>(x), reinterpret_cast<T>(x), const_cast<T>(x): a C++ cast of one argument */
static bool cxx_cast(const cf_ctx *c, TSNode call)
{
    TSNode fn = ts_node_child_by_field_id(call, c->l->f_function);
    if (ts_node_is_null(fn) || cf_kind_of(c, fn) != K_TEMPLATE_FUNC)
        return false;
    TSNode name = ts_node_child_by_field_id(fn, c->l->f_name);
    TSNode args = ts_node_child_by_field_id(call, c->l->f_arguments);
    if (ts_node_is_null(name) || ts_node_is_null(args) || ts_node_named_child_count(args) != 1)
        return false;
    uint32_t s = ts_node_start_byte(name), e = ts_node_end_byte(name);
    static const char *const casts[] = {"static_cast", "reinterpret_cast", "const_cast"};
    for (size_t i = 0; i < MM_ARRAY_LEN(casts); i++) {
        if (e - s == strlen(casts[i]) && !memcmp(c->src + s, casts[i], e - s))
            return true;
    }
    return false;
}

TSNode cf_unwrap(const cf_ctx *c, TSNode n)
{
    for (int guard = 0; guard < 64 && !ts_node_is_null(n); guard++) {
        int k = cf_kind_of(c, n);
        if (k == K_PAREN)
            n = ts_node_named_child(n, 0);
        else if (k == K_CAST)
            n = ts_node_child_by_field_id(n, c->l->f_value);
        else if (k == K_CALL && cxx_cast(c, n))
            n = ts_node_named_child(ts_node_child_by_field_id(n, c->l->f_arguments), 0);
        else
            break;
    }
    return n;
}

/* The name an expression is about (`password` for cfg.sta.password, `buf` for &buf[0]) and
 * its base identifier (`cfg`, `buf`). */
static void expr_names(cf_ctx *c, TSNode n, const char **name, const char **base)
{
    *name = *base = NULL;
    const char *leaf = NULL;
    for (int guard = 0; guard < 64 && !ts_node_is_null(n); guard++) {
        n = cf_unwrap(c, n);
        if (ts_node_is_null(n))
            break;
        int k = cf_kind_of(c, n);
        if (k == K_IDENT || k == K_FIELD_IDENT) {
            const char *t = cf_text_of(c, n);
            if (!leaf)
                leaf = t;
            *base = t;
            break;
        }
        if (k == K_FIELD_EXPR) {
            if (!leaf) {
                TSNode fld = ts_node_child_by_field_id(n, c->l->f_field);
                if (!ts_node_is_null(fld))
                    leaf = cf_text_of(c, fld);
            }
            n = ts_node_child_by_field_id(n, c->l->f_argument);
        } else if (k == K_SUBSCRIPT || k == K_POINTER_EXPR) {
            n = ts_node_child_by_field_id(n, c->l->f_argument);
        } else if (k == K_QUALIFIED) {
            n = ts_node_child_by_field_id(n, c->l->f_name);
        } else {
            break;
        }
    }
    *name = leaf;
}

/* Name declared by a declarator (through pointers, arrays, references, functions). */
TSNode cf_declarator_ident(const cf_ctx *c, TSNode d)
{
    for (int guard = 0; guard < 64 && !ts_node_is_null(d); guard++) {
        int k = cf_kind_of(c, d);
        if (k == K_IDENT || k == K_FIELD_IDENT || k == K_QUALIFIED || k == K_DESTRUCTOR ||
            k == K_OPERATOR_NAME)
            return d;
        if (k == K_POINTER_DECL || k == K_ARRAY_DECL || k == K_FUNC_DECL || k == K_INIT_DECL) {
            d = ts_node_child_by_field_id(d, c->l->f_declarator);
        } else if (k == K_REFERENCE_DECL || k == K_PAREN) {
            d = ts_node_named_child(d, 0);
        } else {
            /* parenthesized_declarator and friends: first named child */
            TSNode inner = ts_node_child_by_field_id(d, c->l->f_declarator);
            d = ts_node_is_null(inner) ? ts_node_named_child(d, 0) : inner;
        }
    }
    TSNode null = {0};
    return null;
}

static const char *enclosing_func_name(cf_ctx *c, TSNode n)
{
    for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
        if (cf_kind_of(c, p) == K_FUNC_DEF) {
            TSNode id = cf_declarator_ident(c, ts_node_child_by_field_id(p, c->l->f_declarator));
            if (!ts_node_is_null(id)) {
                if (cf_kind_of(c, id) == K_QUALIFIED) {
                    TSNode nm = ts_node_child_by_field_id(id, c->l->f_name);
                    if (!ts_node_is_null(nm))
                        id = nm;
                }
                return cf_text_of(c, id);
            }
            return NULL;
        }
    }
    return NULL;
}

static const char *callee_of_call(cf_ctx *c, TSNode call)
{
    TSNode fn = ts_node_child_by_field_id(call, c->l->f_function);
    if (ts_node_is_null(fn))
        return NULL;
    int k = cf_kind_of(c, fn);
    if (k == K_FIELD_EXPR) {
        TSNode obj = ts_node_child_by_field_id(fn, c->l->f_argument);
        TSNode fld = ts_node_child_by_field_id(fn, c->l->f_field);
        if (ts_node_is_null(obj) || ts_node_is_null(fld))
            return NULL;
        return mm_arena_printf(c->f->arena, "%s.%s", cf_text_of(c, obj), cf_text_of(c, fld));
    }
    return cf_text_of(c, fn);
}

static uint32_t arg_index(TSNode args, TSNode child)
{
    uint32_t idx = 0;
    uint32_t target = ts_node_start_byte(child);
    uint32_t n = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < n; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (ts_node_start_byte(a) == target)
            return idx;
        idx++;
    }
    return idx;
}

/* Where a value produced at node n goes: climb through parentheses, casts and operators. */
static mm_ctx_kind value_context(cf_ctx *c, TSNode n, const char **name, const char **full,
                                 const char **callee, int *argi, TSNode *out_call)
{
    *name = *full = *callee = NULL;
    *argi = -1;
    TSNode child = n;
    for (TSNode p = ts_node_parent(n); !ts_node_is_null(p);
         child = p, p = ts_node_parent(p)) {
        int k = cf_kind_of(c, p);
        switch (k) {
        case K_PAREN:
        case K_CAST:
        case K_BINARY:
        case K_UNARY:
        case K_CONDITIONAL:
            continue;
        case K_ASSIGN: {
            TSNode left = ts_node_child_by_field_id(p, c->l->f_left);
            if (ts_node_is_null(left) || ts_node_start_byte(left) == ts_node_start_byte(child))
                return MM_CTX_NONE;
            const char *base;
            expr_names(c, left, name, &base);
            *full = cf_text_of(c, left);
            return MM_CTX_ASSIGN;
        }
        case K_INIT_DECL: {
            TSNode id = cf_declarator_ident(c, ts_node_child_by_field_id(p, c->l->f_declarator));
            if (ts_node_is_null(id))
                return MM_CTX_NONE;
            *name = *full = cf_text_of(c, id);
            return MM_CTX_INIT;
        }
        case K_DECLARATION:
        case K_FIELD_DECL: {
            /* C++ default member initializer: std::string password = "..."; */
            TSNode id = cf_declarator_ident(c, ts_node_child_by_field_id(p, c->l->f_declarator));
            if (ts_node_is_null(id))
                return MM_CTX_NONE;
            *name = *full = cf_text_of(c, id);
            return MM_CTX_INIT;
        }
        case K_INIT_PAIR: {
            /* designated initializer: build "decl.a.b.field" from the enclosing pairs */
            mm_buf path = {0};
            const char *leaf = NULL;
            const char *root = NULL;
            TSNode q = p;
            MM_VEC(const char *) parts = {0};
            for (; !ts_node_is_null(q); q = ts_node_parent(q)) {
                int qk = cf_kind_of(c, q);
                if (qk == K_INIT_PAIR) {
                    /* designators: .a .b (field_designator children before the value) */
                    uint32_t cnt = ts_node_named_child_count(q);
                    for (uint32_t i = cnt; i-- > 0;) {
                        TSNode d = ts_node_named_child(q, i);
                        if (cf_kind_of(c, d) == K_FIELD_DESIGNATOR) {
                            TSNode fid = ts_node_named_child(d, 0);
                            if (!ts_node_is_null(fid))
                                mm_vec_push(&parts, cf_text_of(c, fid));
                        }
                    }
                } else if (qk == K_INIT_LIST) {
                    continue;
                } else if (qk == K_INIT_DECL) {
                    TSNode id =
                        cf_declarator_ident(c, ts_node_child_by_field_id(q, c->l->f_declarator));
                    if (!ts_node_is_null(id))
                        root = cf_text_of(c, id);
                    break;
                } else if (qk == K_ASSIGN) {
                    TSNode left = ts_node_child_by_field_id(q, c->l->f_left);
                    if (!ts_node_is_null(left))
                        root = cf_text_of(c, left);
                    break;
                } else if (qk == K_CAST || qk == K_PAREN) {
                    continue; /* compound literal (T){ .f = ... } */
                } else {
                    break;
                }
            }
            if (root)
                mm_buf_puts(&path, root);
            for (size_t i = parts.n; i-- > 0;) {
                if (path.len)
                    mm_buf_putc(&path, '.');
                mm_buf_puts(&path, parts.v[i]);
            }
            if (parts.n)
                leaf = parts.v[0];
            mm_vec_free(&parts);
            if (!leaf) {
                mm_buf_free(&path);
                return MM_CTX_NONE;
            }
            *name = leaf;
            *full = mm_arena_strdup(c->f->arena, mm_buf_cstr(&path));
            mm_buf_free(&path);
            return MM_CTX_FIELD;
        }
        case K_INIT_LIST:
            continue; /* positional initializer: the declared name is the context */
        case K_RETURN:
            *name = *full = enclosing_func_name(c, p);
            return *name ? MM_CTX_RETURN : MM_CTX_NONE;
        case K_ARGS: {
            TSNode call = ts_node_parent(p);
            int ck = cf_kind_of(c, call);
            if (ck == K_INIT_DECL) {
                /* C++ direct initialisation: String password("..."); */
                TSNode id =
                    cf_declarator_ident(c, ts_node_child_by_field_id(call, c->l->f_declarator));
                if (ts_node_is_null(id))
                    return MM_CTX_NONE;
                *name = *full = cf_text_of(c, id);
                return MM_CTX_INIT;
            }
            if (ck != K_CALL)
                return MM_CTX_NONE;
            *callee = callee_of_call(c, call);
            if (*callee && (mm_str_starts(*callee, "static_cast<") ||
                            mm_str_starts(*callee, "reinterpret_cast<") ||
                            mm_str_starts(*callee, "const_cast<"))) {
                p = call; /* a C++ cast: the value goes where the cast's value goes */
                continue;
            }
            *argi = (int)arg_index(p, child);
            *out_call = call;
            return MM_CTX_ARG;
        }
        case K_EXPR_STMT:
            if (c->in_macro && c->macro_name) {
                *name = *full = c->macro_name;
                return MM_CTX_DEFINE;
            }
            return MM_CTX_NONE;
        default:
            return MM_CTX_NONE;
        }
    }
    return MM_CTX_NONE;
}

/* A copy of the arena array v of n items, of the given size each, with room for more: twice
 * *cap items, or `first` for the first; *cap takes the new capacity. */
void *cf_arena_grow(cf_ctx *c, const void *v, uint32_t n, uint32_t *cap, uint32_t first,
                        size_t size)
{
    *cap = *cap ? *cap * 2 : first;
    void *grown = mm_arena_alloc(c->f->arena, *cap * size);
    if (n)
        memcpy(grown, v, n * size);
    return grown;
}

static int32_t push_def(cf_ctx *c, const char *name, bool is_static, bool is_macro, int params,
                        bool ellipsis, mm_span span, int64_t ret_max)
{
    mm_cfacts *fa = c->facts;
    if (fa->ndefs == fa->capdefs)
        fa->defs = cf_arena_grow(c, fa->defs, fa->ndefs, &fa->capdefs, 8, sizeof *fa->defs);
    fa->defs[fa->ndefs++] = (mm_def){name, is_static, is_macro, params, ellipsis, span, ret_max};
    return (int32_t)fa->ndefs - 1;
}

/* `char *f(...)` or `const char *f(...)`: a function that returns a string. */
static bool returns_string(cf_ctx *c, TSNode fdef, TSNode decl)
{
    TSNode type = ts_node_child_by_field_id(fdef, c->l->f_type);
    if (ts_node_is_null(type) || strcmp(cf_text_of(c, type), "char") != 0 ||
        cf_kind_of(c, decl) != K_POINTER_DECL)
        return false;
    TSNode inner = ts_node_child_by_field_id(decl, c->l->f_declarator);
    return !ts_node_is_null(inner) && cf_kind_of(c, inner) == K_FUNC_DECL;
}

/* Decodes a string expression (literal, or adjacent literals possibly with macros between).
 * `gap`, when not 0, stands in the value for each piece that is not a literal. */
static bool string_value_gap(cf_ctx *c, TSNode n, mm_buf *val, bool *exact, mm_span *first,
                             char gap)
{
    int k = cf_kind_of(c, n);
    *exact = true;
    if (k == K_STRING || k == K_RAW_STRING) {
        *first = cf_span_of(c, n);
        uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
        return mm_c_string_decode(c->src + s, e - s, val);
    }
    if (k != K_CONCAT)
        return false;
    bool any = false;
    uint32_t cnt = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode part = ts_node_named_child(n, i);
        int pk = cf_kind_of(c, part);
        if (pk == K_STRING || pk == K_RAW_STRING) {
            if (!any)
                *first = cf_span_of(c, part);
            any = true;
            uint32_t s = ts_node_start_byte(part), e = ts_node_end_byte(part);
            mm_c_string_decode(c->src + s, e - s, val);
        } else {
            *exact = false;
            if (gap)
                mm_buf_putc(val, gap);
        }
    }
    return any;
}

static bool string_value(cf_ctx *c, TSNode n, mm_buf *val, bool *exact, mm_span *first)
{
    return string_value_gap(c, n, val, exact, first, 0);
}

bool cf_string_value(cf_ctx *c, TSNode n, mm_buf *val, bool *exact, mm_span *first, char gap)
{
    return string_value_gap(c, n, val, exact, first, gap);
}

/* Every value a conditional can take is a string literal (nested conditionals included). */
static bool choice_of_literals(cf_ctx *c, TSNode n, mm_buf *out, int depth)
{
    n = cf_unwrap(c, n);
    if (ts_node_is_null(n) || depth > 8)
        return false;
    int k = cf_kind_of(c, n);
    if (k == K_CONDITIONAL) {
        TSNode a = ts_node_child_by_field_id(n, c->l->f_consequence);
        TSNode b = ts_node_child_by_field_id(n, c->l->f_alternative);
        if (ts_node_is_null(a) || ts_node_is_null(b) || !choice_of_literals(c, a, out, depth + 1))
            return false;
        mm_buf_putc(out, '\n');
        return choice_of_literals(c, b, out, depth + 1);
    }
    if (k != K_STRING && k != K_RAW_STRING && k != K_CONCAT)
        return false;
    bool exact;
    mm_span first;
    return string_value_gap(c, n, out, &exact, &first, MM_STR_GAP);
}

bool cf_marker_macro(const char *name)
{
    static const char *const markers[] = {"PSTR", "F", "FPSTR", "_", "N_", "gettext", "TEXT",
                                          "_T"};
    for (size_t i = 0; name && i < MM_ARRAY_LEN(markers); i++) {
        if (!strcmp(name, markers[i]))
            return true;
    }
    return false;
}

/* The literal of a marker macro around it (cf_marker_macro): the text is the literal's. A null
 * node when n is no such call. */
static TSNode marker_literal(cf_ctx *c, TSNode n)
{
    TSNode none = {0};
    TSNode fn = ts_node_child_by_field_id(n, c->l->f_function);
    TSNode args = ts_node_child_by_field_id(n, c->l->f_arguments);
    if (ts_node_is_null(fn) || cf_kind_of(c, fn) != K_IDENT || ts_node_is_null(args) ||
        ts_node_named_child_count(args) != 1 || !cf_marker_macro(cf_text_of(c, fn)))
        return none;
    TSNode lit = ts_node_named_child(args, 0);
    int k = cf_kind_of(c, lit);
    return k == K_STRING || k == K_RAW_STRING || k == K_CONCAT ? lit : none;
}

void cf_fill_arg(cf_ctx *c, TSNode a, mm_arg *out)
{
    memset(out, 0, sizeof *out);
    out->span = cf_span_of(c, a);
    out->text = cf_text_of(c, a);
    TSNode u = cf_unwrap(c, a);
    if (ts_node_is_null(u))
        return;
    int k = cf_kind_of(c, u);
    if (k == K_CALL) {
        TSNode lit = marker_literal(c, u);
        if (!ts_node_is_null(lit)) {
            u = lit;
            k = cf_kind_of(c, u);
        }
    }
    if (k == K_STRING || k == K_RAW_STRING || k == K_CONCAT) {
        mm_buf v = {0};
        bool exact;
        mm_span first = out->span;
        if (string_value_gap(c, u, &v, &exact, &first, MM_STR_GAP)) {
            out->kind = MM_ARG_STRING;
            out->str = mm_arena_strndup(c->f->arena, v.data ? v.data : "", v.len);
            out->str_len = (uint32_t)v.len;
            out->str_exact = exact;
            out->str_span = first;
        }
        mm_buf_free(&v);
        return;
    }
    if (k == K_CONDITIONAL) {
        /* c ? "a" : "b": constant text, though not one known value; the values are joined
         * with a newline so that checks of format directives still see every branch */
        mm_buf v = {0};
        if (choice_of_literals(c, u, &v, 0)) {
            out->kind = MM_ARG_STRING;
            out->str = mm_arena_strndup(c->f->arena, v.data ? v.data : "", v.len);
            out->str_len = (uint32_t)v.len;
            out->str_exact = false;
            out->str_span = out->span;
        }
        mm_buf_free(&v);
        return;
    }
    if (k == K_NUMBER || k == K_CHAR) {
        out->kind = MM_ARG_NUMBER;
        return;
    }
    const char *name, *base;
    expr_names(c, u, &name, &base);
    if (name) {
        out->kind = MM_ARG_IDENT;
        out->name = name;
        out->base = base;
    }
}

static void push_call(cf_ctx *c, const mm_call *call)
{
    mm_cfacts *fa = c->facts;
    if (fa->ncalls == fa->capcalls)
        fa->calls = cf_arena_grow(c, fa->calls, fa->ncalls, &fa->capcalls, 16, sizeof *fa->calls);
    fa->calls[fa->ncalls++] = *call;
}

static void push_forward(cf_ctx *c, const char *func, const char *callee, int arg, int param,
                         bool attribute, mm_span span)
{
    mm_cfacts *fa = c->facts;
    for (uint32_t i = 0; i < fa->nforwards; i++) {
        const mm_forward *f = &fa->forwards[i];
        if (!strcmp(f->func, func) && !strcmp(f->callee, callee) && f->arg == arg &&
            f->param == param)
            return;
    }
    if (fa->nforwards == fa->capforwards)
        fa->forwards = cf_arena_grow(c, fa->forwards, fa->nforwards, &fa->capforwards, 4,
                                     sizeof *fa->forwards);
    fa->forwards[fa->nforwards++] = (mm_forward){func, callee, arg, param, attribute, span};
}

/* A call in a variadic function (or one taking a va_list) that passes one of the function's
 * own parameters on: the function forwards it (a printf-like wrapper). */
static void note_forwards(cf_ctx *c, const mm_call *call, const mm_func *func)
{
    for (uint32_t a = 0; a < call->nargs; a++) {
        const mm_arg *arg = &call->args[a];
        if (arg->kind != MM_ARG_IDENT || !arg->name || !arg->base || strcmp(arg->name, arg->text))
            continue;
        for (uint32_t p = 0; p < func->nparams; p++) {
            if (!strcmp(func->params[p], arg->name))
                push_forward(c, func->name, call->name, (int)a, (int)p, false, call->span);
        }
    }
}

/* --- macros that stand for a watched call -------------------------------------------------------
 * `#define SYSTEM system`, `#define SNPRINTF _snprintf` / `snprintf` (one per #if branch),
 * `#define strcpy_P(d, s) strcpy((d), (s))`, `#define LOG(fmt, ...) printf(fmt, ##__VA_ARGS__)`,
 * in the file or in a project header it includes. A use of the macro is a call of what it
 * stands for; the macro's body is its definition. */

typedef struct cf_alias {
    const char *name;
    const char *target;
    const mm_ppmacro *m;
    int nargs;                   /* -1: object-like (the use's arguments are the call's) */
    uint32_t arg_a[16], arg_b[16]; /* function-like: the body call's arguments (token ranges) */
} cf_alias;

struct cf_aliases {
    cf_alias *v;
    uint32_t n, cap;
};

static bool alias_known(const cf_ctx *c, const char *name)
{
    for (uint32_t i = 0; i < c->aliases->n; i++) {
        if (!strcmp(c->aliases->v[i].name, name))
            return true;
    }
    return false;
}

const char *cf_callee_target(const cf_ctx *c, const char *name)
{
    if (!name || !c->aliases)
        return name;
    for (uint32_t i = 0; i < c->aliases->n; i++) {
        if (!strcmp(c->aliases->v[i].name, name) && c->aliases->v[i].nargs < 0)
            return c->aliases->v[i].target;
    }
    return name;
}

static bool mtok_is(const mm_ppmacro *m, uint32_t i, const char *w)
{
    size_t n = strlen(w);
    return i < m->nbody && m->body[i].len == n && !memcmp(m->src + m->body[i].start, w, n);
}

static const char *mtok_text(cf_ctx *c, const mm_ppmacro *m, uint32_t i)
{
    return mm_arena_strndup(c->f->arena, m->src + m->body[i].start, m->body[i].len);
}

/* What a macro stands for: a watched function (through other object-like macros). */
static bool alias_target(cf_ctx *c, const mm_ppmacro *m, int depth, cf_alias *out)
{
    if (depth > 4 || m->undef || !m->nbody)
        return false;
    if (m->nparams < 0) {
        uint32_t a = 0, b = m->nbody;
        while (b - a >= 3 && mtok_is(m, a, "(") && mtok_is(m, b - 1, ")")) {
            a++;
            b--;
        }
        if (b - a != 1 || m->body[a].kind != 'i')
            return false;
        const char *t = mtok_text(c, m, a);
        if (mm_wants_callee(c->f->wants, t)) {
            out->target = t;
            out->nargs = -1;
            return true;
        }
        /* through another macro of the file (#define A B, #define B system) */
        uint32_t nm = 0;
        const mm_ppmacro *const *ms = mm_pp_lookup_in(c->f, mm_pp_get(c->f), t, strlen(t), &nm);
        for (uint32_t i = 0; i < nm; i++) {
            if (ms[i] != m && alias_target(c, ms[i], depth + 1, out))
                return true;
        }
        return false;
    }
    /* function-like: the first call in the body of a watched function */
    for (uint32_t i = 0; i + 1 < m->nbody; i++) {
        if (m->body[i].kind != 'i' || !mtok_is(m, i + 1, "("))
            continue;
        if (i && (mtok_is(m, i - 1, ".") || mtok_is(m, i - 1, "->") || mtok_is(m, i - 1, "#")))
            continue;
        const char *t = mtok_text(c, m, i);
        bool w = mm_wants_callee(c->f->wants, t);
        if (!w) {
            /* through an object-like macro: #define CPY strcpy ... CPY(a, b) */
            uint32_t nm = 0;
            const mm_ppmacro *const *ms =
                depth < 4 ? mm_pp_lookup_in(c->f, mm_pp_get(c->f), t, strlen(t), &nm) : NULL;
            cf_alias inner;
            for (uint32_t k = 0; k < nm && !w; k++) {
                if (ms[k] != m && ms[k]->nparams < 0 && alias_target(c, ms[k], depth + 1, &inner)) {
                    t = inner.target;
                    w = true;
                }
            }
        }
        if (!w)
            continue;
        /* its arguments */
        int depth2 = 0;
        uint32_t start = i + 2;
        out->nargs = 0;
        uint32_t k = i + 1;
        for (; k < m->nbody; k++) {
            if (mtok_is(m, k, "(") || mtok_is(m, k, "[") || mtok_is(m, k, "{"))
                depth2++;
            else if (mtok_is(m, k, ")") || mtok_is(m, k, "]") || mtok_is(m, k, "}")) {
                if (--depth2 == 0)
                    break;
            } else if (depth2 == 1 && mtok_is(m, k, ",") && out->nargs < 16) {
                out->arg_a[out->nargs] = start;
                out->arg_b[out->nargs++] = k;
                start = k + 1;
            }
        }
        if (k >= m->nbody)
            return false;
        if ((k > start || out->nargs) && out->nargs < 16) {
            out->arg_a[out->nargs] = start;
            out->arg_b[out->nargs++] = k;
        }
        out->target = t;
        return true;
    }
    return false;
}

static void add_alias(cf_ctx *c, const mm_ppmacro *m)
{
    if (mm_wants_callee(c->f->wants, m->name))
        return; /* #define strcpy my_strcpy renames the function itself: a shadow, not an alias */
    cf_alias al;
    memset(&al, 0, sizeof al);
    if (!alias_target(c, m, 0, &al))
        return;
    al.name = m->name;
    al.m = m;
    if (!c->aliases)
        c->aliases = mm_arena_calloc(c->f->arena, 1, sizeof *c->aliases);
    struct cf_aliases *as = c->aliases;
    for (uint32_t i = 0; i < as->n; i++) {
        if (!strcmp(as->v[i].name, al.name) && !strcmp(as->v[i].target, al.target) &&
            as->v[i].nargs == al.nargs)
            return; /* the same in another #if branch */
    }
    if (as->n == as->cap)
        as->v = cf_arena_grow(c, as->v, as->n, &as->cap, 8, sizeof *as->v);
    as->v[as->n++] = al;
}

/* The use's argument j, or for __VA_ARGS__ the rest of them. */
static int param_index(const mm_ppmacro *m, const mm_ctok *t)
{
    for (int p = 0; p < m->nparams; p++) {
        size_t pl = strlen(m->params[p]);
        if (t->len == pl && !memcmp(m->src + t->start, m->params[p], pl))
            return p;
    }
    if (m->variadic && t->len == 11 && !memcmp(m->src + t->start, "__VA_ARGS__", 11))
        return m->nparams - 1;
    return -1;
}

/* The calls a use of a macro stands for: one per watched function it names (several #if
 * branches may name different ones). */
static void push_alias_calls(cf_ctx *c, const mm_call *use)
{
    for (uint32_t i = 0; i < c->aliases->n; i++) {
        const cf_alias *al = &c->aliases->v[i];
        if (strcmp(al->name, use->name) != 0)
            continue;
        mm_call call = *use;
        call.via = al->name;
        call.name = call.callee = al->target;
        if (al->nargs >= 0) {
            const mm_ppmacro *m = al->m;
            mm_arg *args = mm_arena_calloc(c->f->arena, (uint32_t)al->nargs + use->nargs + 1,
                                           sizeof *args);
            uint32_t n = 0;
            bool ok = true;
            for (int a = 0; a < al->nargs && ok; a++) {
                uint32_t ta = al->arg_a[a], tb = al->arg_b[a];
                /* strip parentheses and casts around a lone parameter: (d), (char *)(d) */
                while (tb - ta >= 3 && mtok_is(m, ta, "(") && mtok_is(m, tb - 1, ")"))
                    ta++, tb--;
                /* a lone parameter, or ##__VA_ARGS__ (GNU: the comma goes when it is empty) */
                int p = -1;
                if (tb - ta == 1 ||
                    (tb - ta == 3 && mtok_is(m, ta, "#") && mtok_is(m, ta + 1, "#")))
                    p = m->body[tb - 1].kind == 'i' ? param_index(m, &m->body[tb - 1]) : -1;
                if (p >= 0) {
                    bool va = m->variadic && p == m->nparams - 1;
                    if (va) {
                        for (uint32_t u = (uint32_t)p; u < use->nargs; u++)
                            args[n++] = use->args[u];
                    } else if ((uint32_t)p < use->nargs) {
                        args[n++] = use->args[p];
                    } else {
                        ok = false;
                    }
                    continue;
                }
                /* other text: the body's, with the use's arguments put in */
                mm_buf text = {0};
                for (uint32_t k = ta; k < tb; k++) {
                    const mm_ctok *t = &m->body[k];
                    int q = t->kind == 'i' ? param_index(m, t) : -1;
                    /* #param is a literal of the argument's text */
                    bool str = mtok_is(m, k, "#") && !(k + 1 < tb && mtok_is(m, k + 1, "#")) &&
                               !(k > ta && mtok_is(m, k - 1, "#")) && k + 1 < tb &&
                               m->body[k + 1].kind == 'i' && param_index(m, &m->body[k + 1]) >= 0;
                    if (text.len)
                        mm_buf_putc(&text, ' ');
                    if (str) {
                        int sq = param_index(m, &m->body[++k]);
                        mm_buf_putc(&text, '"');
                        for (const char *u = (uint32_t)sq < use->nargs ? use->args[sq].text : "";
                             *u; u++) {
                            if (*u == '"' || *u == '\\')
                                mm_buf_putc(&text, '\\');
                            mm_buf_putc(&text, *u);
                        }
                        mm_buf_putc(&text, '"');
                    } else if (q >= 0 && (uint32_t)q < use->nargs) {
                        mm_buf_puts(&text, use->args[q].text);
                    } else {
                        mm_buf_put(&text, m->src + t->start, t->len);
                    }
                }
                mm_arg *x = &args[n++];
                memset(x, 0, sizeof *x);
                x->span = use->span;
                x->text = mm_arena_strndup(c->f->arena, text.data ? text.data : "", text.len);
                mm_buf_free(&text);
                mm_cvalue v;
                mm_c_value(c->f, x->text, &v);
                if (v.kind == MM_CV_STRING && !v.ambiguous) {
                    x->kind = MM_ARG_STRING;
                    x->str = v.str;
                    x->str_len = v.str_len;
                    x->str_exact = v.str_exact;
                    x->konst = true;
                    if (v.str_exact) {
                        x->len.known = true;
                        x->len.k = (int64_t)v.str_len;
                    }
                } else if (mm_c_text_konst(x->text)) {
                    x->konst = true;
                } else if (v.kind == MM_CV_NUMBER) {
                    x->kind = MM_ARG_NUMBER;
                }
            }
            if (!ok)
                continue;
            call.args = args;
            call.nargs = n;
        }
        push_call(c, &call);
    }
}

static void handle_call(cf_ctx *c, TSNode n, const mm_func *func)
{
    TSNode fn = ts_node_child_by_field_id(n, c->l->f_function);
    if (ts_node_is_null(fn))
        return;
    int k = cf_kind_of(c, fn);
    mm_call call;
    memset(&call, 0, sizeof call);
    TSNode name_node = fn;
    if (k == K_IDENT) {
        call.name = call.callee = cf_text_of(c, fn);
    } else if (k == K_QUALIFIED) {
        TSNode scope = ts_node_child_by_field_id(fn, c->l->f_scope);
        TSNode nm = ts_node_child_by_field_id(fn, c->l->f_name);
        if (ts_node_is_null(nm) || cf_kind_of(c, nm) != K_IDENT)
            return;
        name_node = nm;
        call.name = cf_text_of(c, nm);
        call.callee = cf_text_of(c, fn);
        const char *sc = ts_node_is_null(scope) ? "" : cf_text_of(c, scope);
        if (!sc[0] || strcmp(sc, "std") == 0)
            call.qualified_libc = true;
        else
            call.qualified = true;
    } else if (k == K_FIELD_EXPR) {
        TSNode obj = ts_node_child_by_field_id(fn, c->l->f_argument);
        TSNode fld = ts_node_child_by_field_id(fn, c->l->f_field);
        if (ts_node_is_null(obj) || ts_node_is_null(fld))
            return;
        name_node = fld;
        call.member = true;
        call.name = cf_text_of(c, fld);
        call.object = cf_text_of(c, obj);
        call.callee = mm_arena_printf(c->f->arena, "%s.%s", call.object, call.name);
    } else {
        return;
    }
    bool wanted = mm_wants_callee(c->f->wants, call.name);
    bool copy = !call.member && mm_wants_copy_call(c->f->wants, call.name);
    bool plain = !call.member && !call.qualified && !call.qualified_libc;
    /* a wrapper or an exported name of the project, a macro that stands for a watched call */
    bool extra = !wanted && plain && c->extra.n && mm_strset_has(&c->extra, call.name);
    bool alias = !wanted && plain && c->aliases && alias_known(c, call.name);
    /* a call of any other name, kept when it is given a string literal (a project's own
     * function that may pass it on: through_functions) */
    bool lit = !wanted && !copy && !extra && !alias && c->f->wants->literal_calls && !c->in_macro;
    if (!wanted && !copy && !extra && !alias && !lit)
        return;
    /* the body of a function-like macro is a definition: its uses are the calls to judge */
    if (c->in_macro && c->macro && c->macro->fnlike && !copy)
        return;
    if (lit) {
        /* cheaply first: most calls are given no literal */
        TSNode as = ts_node_child_by_field_id(n, c->l->f_arguments);
        uint32_t cnt = ts_node_is_null(as) ? 0 : ts_node_named_child_count(as);
        bool any = false;
        for (uint32_t i = 0; i < cnt && !any; i++) {
            int ak = cf_kind_of(c, ts_node_named_child(as, i));
            any = ak == K_STRING || ak == K_RAW_STRING || ak == K_CONCAT;
        }
        if (!any)
            return;
    }
    call.span = cf_span_of(c, n);
    call.name_span = cf_span_of(c, name_node);
    call.func = func;
    call.in_macro = c->in_macro;
    for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
        int pk = cf_kind_of(c, p);
        if (pk == K_FUNC_DEF)
            break;
        if (pk == K_LOOP) {
            call.in_loop = true;
            break;
        }
    }
    TSNode args = ts_node_child_by_field_id(n, c->l->f_arguments);
    if (!ts_node_is_null(args)) {
        uint32_t cnt = ts_node_named_child_count(args);
        call.args = mm_arena_calloc(c->f->arena, cnt ? cnt : 1, sizeof *call.args);
        for (uint32_t i = 0; i < cnt; i++) {
            TSNode a = ts_node_named_child(args, i);
            if (ts_node_is_extra(a))
                continue;
            cf_fill_arg(c, a, &call.args[call.nargs++]);
        }
    }
    const char *full, *callee;
    int argi;
    TSNode outer = {0};
    call.ctx = value_context(c, n, &call.ctx_name, &full, &callee, &argi, &outer);
    if (call.ctx == MM_CTX_ARG)
        call.ctx_name = callee;
    if (lit) {
        bool any = false;
        for (uint32_t i = 0; i < call.nargs && !any; i++)
            any = call.args[i].kind == MM_ARG_STRING;
        if (!any)
            return;
    } else if (!wanted && !extra && !alias) {
        return; /* copy calls only matter for the literals inside them */
    }
    if (c->in_macro && c->macro && c->macro->fnlike)
        return;
    unsigned need = 0;
    if (wanted && mm_strset_has(&c->f->wants->size_callees, call.name))
        need = MM_FACT_SIZE | MM_FACT_KONST;
    else if (extra || (wanted && mm_strset_has(&c->f->wants->konst_callees, call.name)))
        need = MM_FACT_KONST;
    if (alias) {
        /* what the macro stands for decides */
        for (uint32_t i = 0; i < c->aliases->n; i++) {
            const char *t = c->aliases->v[i].target;
            if (strcmp(c->aliases->v[i].name, call.name) != 0)
                continue;
            if (mm_strset_has(&c->f->wants->size_callees, t))
                need |= MM_FACT_SIZE | MM_FACT_KONST;
            else if (mm_strset_has(&c->f->wants->konst_callees, t))
                need |= MM_FACT_KONST;
        }
    }
    if (need)
        cf_call_facts(c, n, &call, need);
    if (wanted || extra || lit) {
        push_call(c, &call);
        if (wanted && func && func->variadic && func->name && !c->in_macro)
            note_forwards(c, &call, func);
    }
    if (alias)
        push_alias_calls(c, &call);
}

static void handle_string(cf_ctx *c, TSNode n)
{
    const char *name, *full, *callee;
    int argi;
    TSNode call = {0};
    mm_ctx_kind kind = value_context(c, n, &name, &full, &callee, &argi, &call);
    if (kind == MM_CTX_NONE || kind == MM_CTX_RETURN)
        return;
    if (kind == MM_CTX_ARG) {
        /* a literal copied into a named destination: strcpy(cfg.password, "...") */
        const char *plain = callee;
        if (!callee || strchr(callee, '.'))
            return;
        const char *colon = strrchr(plain, ':');
        if (colon)
            plain = colon + 1;
        if (!mm_wants_copy_call(c->f->wants, plain) || argi < 1)
            return;
        TSNode args = ts_node_child_by_field_id(call, c->l->f_arguments);
        TSNode dest = ts_node_named_child(args, 0);
        if (ts_node_is_null(dest))
            return;
        const char *base;
        expr_names(c, dest, &name, &base);
        if (!name)
            return;
        full = cf_text_of(c, cf_unwrap(c, dest));
        kind = MM_CTX_COPY;
    }
    if (!name)
        return;
    mm_buf v = {0};
    bool exact;
    mm_span first;
    if (!string_value(c, n, &v, &exact, &first)) {
        mm_buf_free(&v);
        return;
    }
    mm_cfacts *fa = c->facts;
    if (fa->nstrs == fa->capstrs)
        fa->strs = cf_arena_grow(c, fa->strs, fa->nstrs, &fa->capstrs, 16, sizeof *fa->strs);
    mm_strlit *s = &fa->strs[fa->nstrs++];
    memset(s, 0, sizeof *s);
    s->span = cf_span_of(c, n);
    s->value_span = first;
    s->value = mm_arena_strndup(c->f->arena, v.data ? v.data : "", v.len);
    s->len = (uint32_t)v.len;
    s->exact = exact;
    s->ctx = kind;
    s->name = full ? full : name;
    s->leaf = name;
    s->callee = callee;
    s->arg_index = argi;
    mm_buf_free(&v);
}

/* `T name[] = {0x30, 0x82, ...}`: a brace initializer whose elements are all integer or
 * character constants from 0 to 255 (a key, a certificate, a DER blob), recorded like a string
 * literal with the name it is given. Anything else in the list (a name, an expression, a nested
 * list) makes it no byte array. */
enum { BYTES_MIN = 8, BYTES_MAX = 16384 };

static void handle_byte_array(cf_ctx *c, TSNode n)
{
    uint32_t cnt = ts_node_named_child_count(n);
    if (cnt < BYTES_MIN || cnt > BYTES_MAX)
        return;
    mm_buf v = {0};
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode e = ts_node_named_child(n, i);
        if (ts_node_is_extra(e))
            continue; /* a comment between the bytes */
        int k = cf_kind_of(c, e);
        uint32_t s = ts_node_start_byte(e), end = ts_node_end_byte(e);
        long long b = -1;
        if (k == K_NUMBER) {
            char tmp[32];
            size_t len = end - s;
            if (len >= sizeof tmp)
                break;
            memcpy(tmp, c->src + s, len);
            tmp[len] = 0;
            char *q;
            b = strtoll(tmp, &q, 0);
            while (*q == 'u' || *q == 'U' || *q == 'l' || *q == 'L')
                q++;
            if (*q)
                b = -1; /* 1.5, 0b101 and other forms: not a byte list we read */
        } else if (k == K_CHAR) {
            mm_buf ch = {0};
            char tmp[16];
            size_t len = end - s;
            if (len < sizeof tmp && len >= 3) {
                /* 'a', '\x30': decode as a one-character string */
                memcpy(tmp, c->src + s, len);
                tmp[0] = '"';
                tmp[len - 1] = '"';
                if (mm_c_string_decode(tmp, len, &ch) && ch.len == 1)
                    b = (unsigned char)ch.data[0];
            }
            mm_buf_free(&ch);
        }
        if (b < 0 || b > 255) {
            mm_buf_free(&v);
            return;
        }
        mm_buf_putc(&v, (char)b);
    }
    if (v.len < BYTES_MIN) {
        mm_buf_free(&v);
        return;
    }
    const char *name, *full, *callee;
    int argi;
    TSNode call = {0};
    mm_ctx_kind kind = value_context(c, n, &name, &full, &callee, &argi, &call);
    if ((kind != MM_CTX_INIT && kind != MM_CTX_FIELD && kind != MM_CTX_ASSIGN) || !name) {
        mm_buf_free(&v);
        return;
    }
    mm_cfacts *fa = c->facts;
    if (fa->nstrs == fa->capstrs)
        fa->strs = cf_arena_grow(c, fa->strs, fa->nstrs, &fa->capstrs, 16, sizeof *fa->strs);
    mm_strlit *sl = &fa->strs[fa->nstrs++];
    memset(sl, 0, sizeof *sl);
    sl->span = cf_span_of(c, n);
    sl->value_span = sl->span;
    sl->value = mm_arena_strndup(c->f->arena, v.data, v.len);
    sl->len = (uint32_t)v.len;
    sl->exact = true;
    sl->ctx = kind;
    sl->name = full ? full : name;
    sl->leaf = name;
    sl->arg_index = -1;
    sl->bytes = true;
    mm_buf_free(&v);
}

static bool has_static(const cf_ctx *c, TSNode def)
{
    uint32_t cnt = ts_node_named_child_count(def);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode ch = ts_node_named_child(def, i);
        if (cf_kind_of(c, ch) == K_STORAGE) {
            uint32_t s = ts_node_start_byte(ch);
            if (ts_node_end_byte(ch) - s == 6 && memcmp(c->src + s, "static", 6) == 0)
                return true;
        }
    }
    return false;
}

static int64_t parse_int(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 0);
    while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
        end++;
    return (*end || v < 0) ? -1 : (int64_t)v;
}

static void add_local(cf_ctx *c, mm_func *fn, TSNode decl)
{
    /* element type: char-sized types give byte arrays */
    TSNode type = ts_node_child_by_field_id(decl, c->l->f_type);
    uint32_t elem = 0;
    if (!ts_node_is_null(type)) {
        const char *t = cf_text_of(c, type);
        if (!strcmp(t, "char") || !strcmp(t, "unsigned char") || !strcmp(t, "signed char") ||
            !strcmp(t, "uint8_t") || !strcmp(t, "int8_t") || !strcmp(t, "u8") ||
            !strcmp(t, "u_char"))
            elem = 1;
    }
    uint32_t cnt = ts_node_named_child_count(decl);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode d = ts_node_named_child(decl, i);
        if (!ts_node_eq(d, type)) {
            int dk = cf_kind_of(c, d);
            TSNode target = d;
            if (dk == K_INIT_DECL)
                target = ts_node_child_by_field_id(d, c->l->f_declarator);
            if (ts_node_is_null(target))
                continue;
            int tk = cf_kind_of(c, target);
            if (tk != K_ARRAY_DECL && tk != K_IDENT && tk != K_POINTER_DECL)
                continue;
            TSNode id = cf_declarator_ident(c, target);
            if (ts_node_is_null(id))
                continue;
            mm_local loc = {cf_text_of(c, id), -1, elem, NULL, has_static(c, decl),
                            tk == K_POINTER_DECL};
            if (tk == K_ARRAY_DECL) {
                TSNode size = ts_node_child_by_field_id(target, c->l->f_size);
                int sk = ts_node_is_null(size) ? K_NONE : cf_kind_of(c, size);
                if (sk == K_NUMBER) {
                    loc.array_len = parse_int(cf_text_of(c, size));
                } else if (sk == K_IDENT) {
                    loc.size_macro = cf_text_of(c, size); /* resolved against the file's #defines */
                } else if (ts_node_is_null(size) && dk == K_INIT_DECL) {
                    /* char buf[] = "literal": its size is the literal's */
                    TSNode val = ts_node_child_by_field_id(d, c->l->f_value);
                    mm_buf v = {0};
                    bool exact;
                    mm_span first;
                    if (!ts_node_is_null(val) && string_value(c, val, &v, &exact, &first) && exact)
                        loc.array_len = (int64_t)v.len + 1;
                    mm_buf_free(&v);
                }
            }
            if (fn->nlocals % 8 == 0) {
                mm_local *grown = mm_arena_alloc(c->f->arena, (fn->nlocals + 8) * sizeof *grown);
                if (fn->nlocals)
                    memcpy(grown, fn->locals, fn->nlocals * sizeof *grown);
                fn->locals = grown;
            }
            fn->locals[fn->nlocals++] = loc;
        }
    }
}

static void push_param(cf_ctx *c, mm_func *fn, const char *name)
{
    if (fn->nparams % 8 == 0) {
        const char **grown = mm_arena_alloc(c->f->arena, (fn->nparams + 8) * sizeof *grown);
        if (fn->nparams)
            memcpy(grown, fn->params, fn->nparams * sizeof *grown);
        fn->params = grown;
    }
    fn->params[fn->nparams++] = name;
}

/* The signature of a function declarator: how many parameters (`(void)` has none) and whether
 * it ends in `...`; unnamed parameters count. */
static void func_signature(cf_ctx *c, TSNode decl, int *params, bool *ellipsis)
{
    *params = 0;
    *ellipsis = false;
    for (int guard = 0; guard < 16 && !ts_node_is_null(decl); guard++) {
        if (cf_kind_of(c, decl) == K_FUNC_DECL)
            break;
        TSNode inner = ts_node_child_by_field_id(decl, c->l->f_declarator);
        decl = ts_node_is_null(inner) ? ts_node_named_child(decl, 0) : inner;
    }
    if (ts_node_is_null(decl) || cf_kind_of(c, decl) != K_FUNC_DECL) {
        *params = -1;
        return;
    }
    TSNode list = ts_node_child_by_field_id(decl, c->l->f_parameters);
    uint32_t cnt = ts_node_is_null(list) ? 0 : ts_node_named_child_count(list);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode p = ts_node_named_child(list, i);
        const char *type = ts_node_type(p);
        if (!strcmp(type, "variadic_parameter") || !strcmp(type, "variadic_parameter_declaration")) {
            *ellipsis = true;
            continue;
        }
        if (ts_node_is_extra(p))
            continue;
        /* f(void) */
        if (cnt == 1 && !strcmp(type, "parameter_declaration") &&
            ts_node_is_null(ts_node_child_by_field_id(p, c->l->f_declarator)) &&
            !strcmp(cf_text_of(c, p), "void"))
            continue;
        (*params)++;
    }
    /* `...` is an anonymous token in the C grammar */
    uint32_t all = ts_node_is_null(list) ? 0 : ts_node_child_count(list);
    for (uint32_t i = 0; i < all; i++) {
        if (!strcmp(ts_node_type(ts_node_child(list, i)), "..."))
            *ellipsis = true;
    }
}

/* Parameter names of a function definition, and whether it is variadic or takes a va_list. */
static void func_params(cf_ctx *c, mm_func *fn, TSNode decl)
{
    /* the function_declarator: through pointer declarators (char *f(void)) and parentheses */
    for (int guard = 0; guard < 16 && !ts_node_is_null(decl); guard++) {
        if (cf_kind_of(c, decl) == K_FUNC_DECL)
            break;
        TSNode inner = ts_node_child_by_field_id(decl, c->l->f_declarator);
        decl = ts_node_is_null(inner) ? ts_node_named_child(decl, 0) : inner;
    }
    if (ts_node_is_null(decl) || cf_kind_of(c, decl) != K_FUNC_DECL)
        return;
    TSNode list = ts_node_child_by_field_id(decl, c->l->f_parameters);
    uint32_t cnt = ts_node_is_null(list) ? 0 : ts_node_child_count(list);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode p = ts_node_child(list, i);
        const char *type = ts_node_type(p);
        if (!strcmp(type, "...") || !strcmp(type, "variadic_parameter") ||
            !strcmp(type, "variadic_parameter_declaration")) {
            fn->variadic = true;
        } else if (cf_kind_of(c, p) == K_IDENT) {
            push_param(c, fn, cf_text_of(c, p)); /* K&R: f(a, b) int a; char *b; { */
        } else if (!strcmp(type, "parameter_declaration") ||
                   !strcmp(type, "optional_parameter_declaration")) {
            TSNode t = ts_node_child_by_field_id(p, c->l->f_type);
            if (!ts_node_is_null(t) && mm_str_ends(cf_text_of(c, t), "va_list"))
                fn->variadic = true;
            TSNode id = cf_declarator_ident(c, ts_node_child_by_field_id(p, c->l->f_declarator));
            if (!ts_node_is_null(id) && cf_kind_of(c, id) == K_IDENT)
                push_param(c, fn, cf_text_of(c, id));
        }
    }
}

static mm_func *handle_funcdef(cf_ctx *c, TSNode n)
{
    c->ret_def = -1;
    TSNode decl = ts_node_child_by_field_id(n, c->l->f_declarator);
    TSNode id = cf_declarator_ident(c, decl);
    mm_func *fn = mm_arena_calloc(c->f->arena, 1, sizeof *fn);
    if (c->macro) {
        /* the wrapper around a macro body: its parameters are the macro's */
        fn->params = c->macro->params;
        fn->nparams = c->macro->nparams;
        fn->variadic = c->macro->variadic;
    } else {
        func_params(c, fn, decl);
    }
    fn->span = cf_span_of(c, n);
    TSNode body = ts_node_child_by_field_id(n, c->l->f_body);
    fn->body = ts_node_is_null(body) ? fn->span : cf_span_of(c, body);
    if (!ts_node_is_null(id)) {
        TSNode nm = id;
        bool qualified = false;
        if (cf_kind_of(c, id) == K_QUALIFIED) {
            qualified = true;
            nm = ts_node_child_by_field_id(id, c->l->f_name);
        }
        if (!ts_node_is_null(nm)) {
            fn->name = cf_text_of(c, nm);
            /* a definition of a name some rule watches: the project's own function; and one
             * that returns a string, whose longest return the size checks of other files may
             * need (a getter of a configuration field) */
            bool str = !c->macro && returns_string(c, n, decl);
            if (!qualified && cf_kind_of(c, nm) == K_IDENT &&
                (str || mm_wants_callee(c->f->wants, fn->name)))
            {
                int params;
                bool ellipsis;
                func_signature(c, decl, &params, &ellipsis);
                int32_t at = push_def(c, fn->name, has_static(c, n), false, params, ellipsis,
                                      fn->span, str ? -2 : -1);
                if (str)
                    c->ret_def = at;
            }
        }
    }
    return fn;
}

static void walk(cf_ctx *c, TSNode root)
{
    TSTreeCursor cur = ts_tree_cursor_new(root);
    MM_VEC(struct fstack { uint32_t depth; mm_func *fn; TSNode node; int32_t ret_def; }) fs = {0};
    uint32_t depth = 0;
    mm_func *func = NULL;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cur);
        int k = cf_kind_of(c, n);
        bool descend = true;
        switch (k) {
        case K_CALL:
            c->fn_node = fs.n ? fs.v[fs.n - 1].node : (TSNode){0};
            handle_call(c, n, func);
            break;
        case K_STRING:
        case K_RAW_STRING:
        case K_CONCAT: {
            TSNode p = ts_node_parent(n);
            if (k == K_CONCAT || ts_node_is_null(p) || cf_kind_of(c, p) != K_CONCAT)
                handle_string(c, n);
            descend = false;
            break;
        }
        case K_FUNC_DEF: {
            mm_func *fn = handle_funcdef(c, n);
            struct fstack e = {depth, fn, n, c->ret_def};
            mm_vec_push(&fs, e);
            func = fn;
            break;
        }
        case K_RETURN:
            if (fs.n && fs.v[fs.n - 1].ret_def >= 0 && !c->in_macro) {
                mm_def *d = &c->facts->defs[fs.v[fs.n - 1].ret_def];
                c->fn_node = fs.v[fs.n - 1].node;
                int64_t len = d->ret_max == -1 ? -1 : cf_return_len(c, n);
                d->ret_max = len < 0 ? -1 : d->ret_max > len ? d->ret_max : len;
            }
            break;
        case K_DECLARATION:
            if (func)
                add_local(c, func, n);
            if (c->f->wants->types.n && !c->in_macro)
                cf_handle_object_decl(c, n, func);
            break;
        case K_COMPOUND_LIT:
            if (c->f->wants->types.n && !c->in_macro)
                cf_handle_compound_literal(c, n, func);
            break;
        case K_INIT_PAIR:
            if (c->f->wants->fields.n && !c->in_macro)
                cf_handle_init_pair(c, n, func);
            break;
        case K_INIT_LIST:
            if (c->f->wants->byte_arrays && !c->in_macro)
                handle_byte_array(c, n);
            break;
        case K_ASSIGN:
            if (c->f->wants->fields.n && !c->in_macro)
                cf_handle_field_assign(c, n, func);
            break;
        case K_PREPROC_DEF:
        case K_PREPROC_FUNC_DEF: {
            TSNode nm = ts_node_child_by_field_id(n, c->l->f_name);
            TSNode val = ts_node_child_by_field_id(n, c->l->f_value);
            const char *name = ts_node_is_null(nm) ? NULL : cf_text_of(c, nm);
            if (name && mm_wants_callee(c->f->wants, name))
                push_def(c, name, false, true, -1, false, cf_span_of(c, n), -1);
            if (!ts_node_is_null(val) && !c->in_macro) {
                mm_span vs = cf_span_of(c, val);
                cf_macro_body mb = {vs.start, vs.end, name, NULL, 0, false,
                                    k == K_PREPROC_FUNC_DEF};
                TSNode ps = ts_node_child_by_field_id(n, c->l->f_parameters);
                uint32_t cnt = ts_node_is_null(ps) ? 0 : ts_node_child_count(ps);
                if (cnt)
                    mb.params = mm_arena_alloc(c->f->arena, cnt * sizeof *mb.params);
                for (uint32_t i = 0; i < cnt; i++) {
                    TSNode p = ts_node_child(ps, i);
                    if (cf_kind_of(c, p) == K_IDENT)
                        mb.params[mb.nparams++] = cf_text_of(c, p);
                    else if (!strcmp(cf_text_of(c, p), "..."))
                        mb.variadic = true; /* (fmt, ...); GNU (fmt, args...) parses as ERROR */
                }
                mm_vec_push(&c->macros, mb);
            }
            descend = false;
            break;
        }
        default:
            break;
        }
        if (descend && ts_tree_cursor_goto_first_child(&cur)) {
            depth++;
            continue;
        }
        for (;;) {
            if (ts_tree_cursor_goto_next_sibling(&cur)) {
                while (fs.n && fs.v[fs.n - 1].depth >= depth)
                    fs.n--;
                func = fs.n ? fs.v[fs.n - 1].fn : NULL;
                break;
            }
            if (!ts_tree_cursor_goto_parent(&cur))
                goto done;
            depth--;
            while (fs.n && fs.v[fs.n - 1].depth > depth)
                fs.n--;
            func = fs.n ? fs.v[fs.n - 1].fn : NULL;
        }
    }
done:
    mm_vec_free(&fs);
    ts_tree_cursor_delete(&cur);
}

static void parse_range(cf_ctx *c, const char *src, uint32_t len, int64_t delta)
{
    /* a pathological input must not hold a worker forever */
    c->facts->parsed += len;
    TSTree *tree = mm_ts_parse(c->l->parser, src, len, 5);
    if (!tree) {
        unsigned line, col;
        mm_file_pos(c->f, (uint32_t)delta, &line, &col);
        mm_file_notice(c->f, line, MM_NOTICE_WARNING, "parse-timeout",
                       "the C/C++ parser gave up on this part of the file (time limit); "
                       "facts from it are missing");
        return;
    }
    c->src = src;
    c->delta = delta;
    walk(c, ts_tree_root_node(tree));
    cf_flow_free(c); /* it holds nodes of this tree */
    ts_tree_delete(tree);
}

/* The statements of [start, end) that hold the hits from index i to j, each parsed alone as the
 * body of a function, when every hit there is of a rule that reads only that statement
 * (statement_local: a literal and where it goes, a call judged by its own arguments). A history scan
 * meets such hits in the added lines of large functions and class bodies again and again, and
 * parsing the statement instead of the item is most of its time saved. False (nothing walked)
 * when a hit is of another kind, the run is small, or a statement cannot be cut out or does
 * not parse cleanly alone: then the caller parses the run whole. */
/* A place to parse: a hit's offset and its rule, or a use of a name prepare_names() found (no
 * rule: not statement-local). */
typedef struct cf_place {
    uint32_t off;
    const mm_rule *rule;
} cf_place;

static bool parse_statements(cf_ctx *c, uint32_t start, uint32_t end, const cf_place *pl_,
                             size_t i, size_t j)
{
    enum { MIN_RUN = 2048, MAX_WIN = 32 };
    static const char prefix[] = "void __mamori_stmt(void){";
    static const char suffix[] = "}\n;}"; /* an opened body, then the function's */
    const size_t pl = sizeof prefix - 1;
    if (end - start < MIN_RUN)
        return false;
    struct win { uint32_t s, e; bool opens; TSTree *tree; char *buf; } w[MAX_WIN];
    size_t nw = 0;
    bool ok = true;
    for (size_t k = i; k < j && ok; k++) {
        const mm_rule *rl = pl_[k].rule;
        if (!rl || !(rl->statement_local || (c->f->alone && rl->statement_local_alone))) {
            ok = false; /* a use of an alias or a wrapper, or a rule that reads more */
            break;
        }
        uint32_t at = pl_[k].off, ws, we;
        bool opens;
        if (nw && at >= w[nw - 1].s && at < w[nw - 1].e)
            continue; /* the statement of the hit before */
        int r = mm_chunks_statement(c->f->data, start, end, at, &ws, &we, &opens);
        if (r == 0)
            continue; /* in a comment: nothing to read */
        if (r < 0 || nw == MAX_WIN) {
            ok = false;
            break;
        }
        w[nw++] = (struct win){ws, we, opens, NULL, NULL};
    }
    if (!ok)
        return false;
    /* parse them all first: a window that does not parse cleanly sends the whole run back */
    for (size_t k = 0; k < nw && ok; k++) {
        uint32_t n = w[k].e - w[k].s;
        const char *sfx = w[k].opens ? suffix : suffix + 1;
        size_t sl = strlen(sfx);
        /* in the file's arena, as macro bodies are: facts may point into the text */
        w[k].buf = mm_arena_alloc(c->f->arena, pl + n + sl + 1);
        memcpy(w[k].buf, prefix, pl);
        memcpy(w[k].buf + pl, c->f->data + w[k].s, n);
        memcpy(w[k].buf + pl + n, sfx, sl + 1);
        c->facts->parsed += (uint32_t)(pl + n + sl);
        w[k].tree = mm_ts_parse(c->l->parser, w[k].buf, (uint32_t)(pl + n + sl), 5);
        ok = w[k].tree && !ts_node_has_error(ts_tree_root_node(w[k].tree));
    }
    for (size_t k = 0; k < nw; k++) {
        if (ok) {
            c->src = w[k].buf;
            c->delta = (int64_t)w[k].s - (int64_t)pl;
            c->clamp_lo = w[k].s;
            c->clamp_hi = w[k].e;
            walk(c, ts_tree_root_node(w[k].tree));
            c->clamp_lo = 0;
            c->clamp_hi = (uint32_t)c->f->len;
        }
        if (w[k].tree)
            ts_tree_delete(w[k].tree);
    }
    return ok;
}

/* Macro bodies are text to tree-sitter; parse each one as the body of a function so that calls
 * and literals inside macros are seen too. Offsets map back one-to-one. */
static void parse_macros(cf_ctx *c)
{
    static const char prefix[] = "void __mamori_macro(void){";
    static const char suffix[] = "\n;}";
    const size_t pl = sizeof prefix - 1;
    for (size_t i = 0; i < c->macros.n; i++) {
        uint32_t s = c->macros.v[i].start, e = c->macros.v[i].end;
        if (e <= s)
            continue;
        /* only bodies that can hold something of interest */
        size_t lo = 0, hi = c->f->nhits;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c->f->hits[mid].end <= s)
                lo = mid + 1;
            else
                hi = mid;
        }
        bool interesting = lo < c->f->nhits && c->f->hits[lo].end <= e + 64;
        if (!interesting)
            continue;
        uint32_t n = e - s;
        char *buf = mm_arena_alloc(c->f->arena, pl + n + sizeof suffix);
        memcpy(buf, prefix, pl);
        memcpy(buf + pl, c->f->data + s, n);
        for (uint32_t k = 0; k < n; k++) {
            if (buf[pl + k] == '\\' && k + 1 < n && (buf[pl + k + 1] == '\n' || buf[pl + k + 1] == '\r'))
                buf[pl + k] = ' ';
        }
        memcpy(buf + pl + n, suffix, sizeof suffix);
        c->in_macro = true;
        c->macro_name = c->macros.v[i].name;
        c->macro = &c->macros.v[i];
        c->clamp_lo = s;
        c->clamp_hi = e;
        parse_range(c, buf, (uint32_t)(pl + n + sizeof suffix - 1), (int64_t)s - (int64_t)pl);
        c->in_macro = false;
        c->macro_name = NULL;
        c->macro = NULL;
        c->clamp_lo = 0;
        c->clamp_hi = (uint32_t)c->f->len;
    }
}

/* Does the line of off belong to a #define (itself, or a continued line of one)? */
static bool on_define_line(const mm_file *f, uint32_t off)
{
    const char *d = f->data;
    uint32_t ls = off;
    for (int guard = 0; guard < 64; guard++) {
        while (ls > 0 && d[ls - 1] != '\n')
            ls--;
        const char *p = d + ls;
        while (p < d + off && (*p == ' ' || *p == '\t'))
            p++;
        if (p < d + off && *p == '#') {
            p++;
            while (p < d + off && (*p == ' ' || *p == '\t'))
                p++;
            return (size_t)(d + f->len - p) > 6 && !strncmp(p, "define", 6);
        }
        /* the line before ends in a backslash: this one continues it */
        if (ls < 2 || !(d[ls - 2] == '\\' || (d[ls - 2] == '\r' && ls >= 3 && d[ls - 3] == '\\')))
            return false;
        ls--;
    }
    return false;
}

static int cmp_place(const void *a, const void *b)
{
    uint32_t x = ((const cf_place *)a)->off, y = ((const cf_place *)b)->off;
    return x < y ? -1 : x > y;
}

static bool exports_from(const mm_cexport *x, const mm_file *h)
{
    for (size_t k = 0; h && k < x->nheaders; k++) {
        if (!strcmp(h->path, x->headers[k]))
            return true;
    }
    return false;
}

/* A header that exports x and that the file includes, itself or through one header it
 * includes; NULL when there is none (deeper chains are not followed: README). The file's
 * #include lines are read as text, without its tokens. */
static mm_file *exporting_header(mm_file *f, const mm_cexport *x)
{
    uint32_t ni = 0;
    const mm_cinclude *incs = mm_cproject_text_includes(f, &ni);
    f->tree_dependent = true;
    for (int depth = 0; depth < 2; depth++) {
        for (uint32_t i = 0; i < ni; i++) {
            if (depth == 0) {
                /* only an include of the same base name can be it */
                const char *base = mm_path_base(incs[i].name);
                bool named = false;
                for (size_t k = 0; k < x->nheaders && !named; k++)
                    named = !strcmp(mm_path_base(x->headers[k]), base);
                if (!named)
                    continue;
            }
            mm_file *h = mm_cproject_include(f->cproject, f->path, incs[i].name, incs[i].quoted);
            if (!h)
                continue;
            if (exports_from(x, h))
                return h;
            if (depth == 0)
                continue;
            uint32_t nh;
            const mm_cinclude *his = mm_cproject_includes(h, &nh);
            for (uint32_t j = 0; j < nh; j++) {
                const char *base = mm_path_base(his[j].name);
                bool named = false;
                for (size_t k = 0; k < x->nheaders && !named; k++)
                    named = !strcmp(mm_path_base(x->headers[k]), base);
                if (!named)
                    continue;
                mm_file *h2 = mm_cproject_include(f->cproject, h->path, his[j].name, his[j].quoted);
                if (exports_from(x, h2))
                    return h2;
            }
        }
    }
    return NULL;
}

/* The names a call of which must be recorded, besides the wanted ones, and the macros that
 * stand for wanted calls: from the file's own #defines (when a hit lies on one), from the
 * project headers it includes (names they export that the file uses), and the printf-like
 * functions it defines or declares. */
static void prepare_names(cf_ctx *c)
{
    mm_file *f = c->f;
    bool define_hit = false;
    for (size_t i = 0; i < f->nhits && !define_hit; i++) {
        const mm_hit *h = &f->hits[i];
        if (!h->rule && h->trigger == MM_TRIG_ALIAS)
            define_hit = true; /* #define NAME callee (core/ruleset.c) */
        else if (h->rule && (h->rule->needs & MM_NEED_CFACTS))
            define_hit = on_define_line(f, h->end ? h->end - 1 : 0);
    }
    if (define_hit) {
        uint32_t nm;
        const mm_ppmacro *ms = mm_pp_macros(mm_pp_get(f), &nm);
        for (uint32_t i = 0; i < nm; i++) {
            if (ms[i].state != MM_COND_DEAD && ms[i].state != MM_COND_OFF && !ms[i].undef)
                add_alias(c, &ms[i]);
        }
    }
    /* names the project's headers export that the file calls (core/scan.c found them), from
     * a header the file includes */
    for (size_t i = 0; i < f->nexport_uses; i++) {
        const char *name = f->export_uses[i];
        size_t nl = strlen(name);
        const mm_cexport *x = mm_cproject_export(f->cproject, name, nl);
        mm_file *from = x ? exporting_header(f, x) : NULL;
        if (!from)
            continue;
        uint32_t nm = 0;
        const mm_ppmacro *const *ms =
            mm_pp_lookup_in(f, mm_cproject_view(f->cproject, from), name, nl, &nm);
        for (uint32_t k = 0; k < nm; k++)
            add_alias(c, ms[k]);
        /* a printf-like declaration of the header */
        if (!c->f->wants->forwards)
            continue;
        const mm_cdecls *d = mm_cproject_decls(f->cproject, from);
        uint32_t nd = 0;
        const mm_cdecl *ds = d ? mm_cdecl_all(d, &nd) : NULL;
        for (uint32_t k = 0; k < nd; k++) {
            if (ds[k].function && ds[k].format && !strcmp(ds[k].name, name)) {
                push_forward(c, ds[k].name, ds[k].format == 'p' ? "printf" : "scanf", 0,
                             ds[k].format_arg, true, (mm_span){0, 0});
                mm_strset_add(&c->extra, ds[k].name);
            }
        }
    }
    /* the file's own printf-like functions: variadic, or declared with a format attribute */
    if (c->f->wants->forwards && (f->internal_hits & (1u << MM_TRIG_PRINTF_LIKE))) {
        const mm_cdecls *d = mm_cdecl_get(f);
        uint32_t nd = 0;
        const mm_cdecl *ds = mm_cdecl_all(d, &nd);
        for (uint32_t k = 0; k < nd; k++) {
            if (!ds[k].function || mm_wants_callee(f->wants, ds[k].name))
                continue;
            if (ds[k].format) {
                push_forward(c, ds[k].name, ds[k].format == 'p' ? "printf" : "scanf", 0,
                             ds[k].format_arg, true, (mm_span){ds[k].off, ds[k].off});
                mm_strset_add(&c->extra, ds[k].name);
            } else if (ds[k].variadic) {
                mm_strset_add(&c->extra, ds[k].name);
            }
        }
    }
}

static bool tok_is(const mm_clex *x, uint32_t i, const char *w)
{
    return i < x->n && mm_ctok_is(x->src, &x->toks[i], w);
}

/* `char *NAME(...) {`: the definition of a function that returns a string. Its returns are read
 * (cf_return_len) so that another file's size checks may use what it returns. */
static bool string_function_at(const mm_clex *x, uint32_t i)
{
    if (i < 2 || !tok_is(x, i - 1, "*") || !tok_is(x, i - 2, "char") || !tok_is(x, i + 1, "("))
        return false;
    int depth = 0;
    for (uint32_t k = i + 1; k < x->n && k < i + 256; k++) {
        if (tok_is(x, k, "("))
            depth++;
        else if (tok_is(x, k, ")") && --depth == 0)
            return tok_is(x, k + 1, "{");
    }
    return false;
}

/* Where the file uses the names of prepare_names(), and where it defines a function that
 * returns a string: more places to parse. */
static uint32_t *name_uses(cf_ctx *c, uint32_t *count)
{
    *count = 0;
    const mm_clex *x = mm_clex_toks(c->f);
    MM_VEC(uint32_t) at = {0};
    for (uint32_t i = 0; i + 1 < x->n; i++) {
        const mm_ctok *t = &x->toks[i];
        if (t->kind == 'i' && string_function_at(x, i)) {
            mm_vec_push(&at, t->start + t->len);
            continue;
        }
        if (!c->extra.n && !c->aliases)
            continue;
        if (t->kind != 'i' || x->toks[i + 1].kind != 'p' || x->src[x->toks[i + 1].start] != '(')
            continue;
        bool hit = c->extra.n && mm_strset_hasn(&c->extra, x->src + t->start, t->len);
        for (uint32_t k = 0; !hit && c->aliases && k < c->aliases->n; k++) {
            const char *nm = c->aliases->v[k].name;
            hit = strlen(nm) == t->len && !memcmp(nm, x->src + t->start, t->len);
        }
        if (hit && !(i >= 2 && x->toks[i - 1].kind == 'i' &&
                     x->toks[i - 1].len == 6 && !memcmp(x->src + x->toks[i - 1].start, "define", 6)))
            mm_vec_push(&at, t->start + t->len);
    }
    uint32_t *out = NULL;
    if (at.n) {
        out = mm_arena_alloc(c->f->arena, at.n * sizeof *out);
        memcpy(out, at.v, at.n * sizeof *at.v);
    }
    *count = (uint32_t)at.n;
    mm_vec_free(&at);
    return out;
}

void mm_cfront_run(mm_cfront *cfr, mm_file *f, bool whole_file)
{
    mm_cfacts *facts = mm_arena_calloc(f->arena, 1, sizeof *facts);
    f->cf = facts;
    f->cond_at = mm_pp_cond_at;
    facts->cpp = f->kind == MM_KIND_CPP;
    cf_ctx c;
    memset(&c, 0, sizeof c);
    c.f = f;
    c.facts = facts;
    c.l = facts->cpp ? &cfr->cpp : &cfr->c;
    c.clamp_lo = 0;
    c.clamp_hi = (uint32_t)f->len;
    prepare_names(&c);

    /* the places to parse: hits of rules that read C facts, and the uses of the names
     * prepare_names() found */
    MM_VEC(cf_place) at = {0};
    if (!whole_file) {
        uint32_t nuse;
        uint32_t *uses = name_uses(&c, &nuse);
        for (size_t i = 0; i < f->nhits; i++) {
            const mm_hit *h = &f->hits[i];
            if (h->rule && (h->rule->needs & MM_NEED_CFACTS))
                mm_vec_push(&at, ((cf_place){h->end ? h->end - 1 : 0, h->rule}));
        }
        for (uint32_t i = 0; i < nuse; i++)
            mm_vec_push(&at, ((cf_place){uses[i] ? uses[i] - 1 : 0, NULL}));
        if (nuse)
            mm_sort(at.v, at.n, sizeof *at.v, cmp_place);
    }
    /* the chunks up to the last place (hits are sorted by end): what follows is not read */
    const mm_chunks *ch =
        whole_file ? NULL : mm_chunks_of(f, at.n ? at.v[at.n - 1].off : SIZE_MAX);
    if (whole_file || ch->whole) {
        parse_range(&c, f->data, (uint32_t)f->len, 0);
    } else {
        /* parse the runs of chunks that hold them */
        size_t i = 0;
        while (i < at.n) {
            size_t first = mm_chunks_index(ch, at.v[i].off);
            size_t last = first;
            uint32_t end = mm_chunks_end(ch, last);
            /* absorb following places that fall in the same or the next chunks */
            size_t j = i + 1;
            while (j < at.n) {
                if (at.v[j].off >= end) {
                    size_t idx = mm_chunks_index(ch, at.v[j].off);
                    if (idx > last + 1)
                        break;
                    last = idx;
                    end = mm_chunks_end(ch, last);
                }
                j++;
            }
            uint32_t start = ch->starts[first];
            if (!parse_statements(&c, start, end, at.v, i, j))
                parse_range(&c, f->data + start, end - start, start);
            i = j;
        }
    }
    mm_vec_free(&at);
    parse_macros(&c);
    mm_vec_free(&c.macros);
    mm_strset_free(&c.extra);
    /* definitions in code that is never built (or that the configuration compiles out) do not
     * make a name the project's own */
    uint32_t kept = 0;
    for (uint32_t i = 0; i < facts->ndefs; i++) {
        const char *why;
        int st = mm_pp_cond_at(f, facts->defs[i].span.start, &why);
        if (st != MM_COND_DEAD && st != MM_COND_OFF)
            facts->defs[kept++] = facts->defs[i];
    }
    facts->ndefs = kept;
    /* a header exports its macros that stand for watched calls, and its printf-like
     * declarations, to the sources that include it (core/scan.c reads the hints) */
    const char *dot = strrchr(f->path, '.');
    bool header = dot && (dot[1] == 'h' || dot[1] == 'H');
    if (header && f->cproject) {
        for (uint32_t i = 0; c.aliases && i < c.aliases->n; i++)
            mm_file_fact(f, mm_arena_printf(f->arena, "c-export:%s:%s", c.aliases->v[i].name,
                                            c.aliases->v[i].target));
        for (uint32_t i = 0; i < facts->nforwards; i++) {
            if (facts->forwards[i].attribute)
                mm_file_fact(f, mm_arena_printf(f->arena, "c-export:%s:%s",
                                                facts->forwards[i].func,
                                                facts->forwards[i].callee));
        }
    }
}
