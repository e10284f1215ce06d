/* cfront.c: tree-sitter front end for C and C++. Turns the parsed items of a file into facts:
 * calls (with arguments and where their value goes), string literals with the name they are
 * given, function and macro definitions, and the local arrays of each function. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "cfront.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tree_sitter/api.h>

#include "chunk.h"

const TSLanguage *tree_sitter_c(void);
const TSLanguage *tree_sitter_cpp(void);

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
    K__COUNT
};

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
};

typedef struct lang {
    const TSLanguage *ts;
    TSParser *parser;
    uint8_t *kinds; /* symbol -> K_* */
    uint32_t nsyms;
    TSFieldId f_function, f_arguments, f_argument, f_field, f_declarator, f_value, f_left,
        f_right, f_name, f_scope, f_body, f_designator, f_size, f_type, f_default_value,
        f_parameters, f_consequence, f_alternative, f_operator;
} lang;

struct mm_cfront {
    lang c, cpp;
};

static void lang_init(lang *l, const TSLanguage *ts)
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

/* --- string literals ------------------------------------------------------------------------ */

static void put_utf8(mm_buf *out, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | cp >> 18);
        b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    mm_buf_put(out, b, n);
}

bool mm_c_string_decode(const char *s, size_t n, mm_buf *out)
{
    size_t i = 0;
    while (i < n && s[i] != '"' && s[i] != 'R')
        i++; /* prefix: L, u, U, u8 */
    if (i < n && s[i] == 'R' && i + 1 < n && s[i + 1] == '"') {
        size_t d = i + 2, ds = d;
        while (d < n && s[d] != '(')
            d++;
        size_t dl = d - ds;
        if (d >= n || n < d + 1 + dl + 2)
            return false;
        size_t body_end = n - dl - 2; /* before )delim" */
        if (body_end < d + 1 || s[n - 1] != '"' || s[body_end] != ')' ||
            memcmp(s + body_end + 1, s + ds, dl) != 0)
            return false; /* not closed by )delim" */
        mm_buf_put(out, s + d + 1, body_end - (d + 1));
        return true;
    }
    if (i >= n || s[i] != '"')
        return false;
    i++;
    size_t end = n;
    if (end > i && s[end - 1] == '"')
        end--;
    while (i < end) {
        char c = s[i];
        if (c != '\\') {
            mm_buf_putc(out, c);
            i++;
            continue;
        }
        if (i + 1 >= end) {
            i++;
            break;
        }
        char e = s[i + 1];
        i += 2;
        switch (e) {
        case 'n': mm_buf_putc(out, '\n'); break;
        case 't': mm_buf_putc(out, '\t'); break;
        case 'r': mm_buf_putc(out, '\r'); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            int v = e - '0';
            for (int k = 0; k < 2 && i < end && s[i] >= '0' && s[i] <= '7'; k++)
                v = v * 8 + (s[i++] - '0');
            mm_buf_putc(out, (char)v);
            break;
        }
        case 'u':
        case 'U': {
            /* a universal character name: exactly 4 or 8 hex digits, written out as UTF-8 */
            int want = e == 'u' ? 4 : 8, got = 0, h;
            uint32_t cp = 0;
            while (got < want && i < end && (h = mm_hex_value(s[i])) >= 0) {
                cp = cp << 4 | (uint32_t)h;
                i++;
                got++;
            }
            if (got < want || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0xFFFD;
            put_utf8(out, cp);
            break;
        }
        case 'x': {
            int v = 0, h;
            while (i < end && (h = mm_hex_value(s[i])) >= 0) {
                v = (v * 16 + h) & 0xff;
                i++;
            }
            mm_buf_putc(out, (char)v);
            break;
        }
        case '\n': break; /* line continuation */
        case 'a': mm_buf_putc(out, '\a'); break;
        case 'b': mm_buf_putc(out, '\b'); break;
        case 'f': mm_buf_putc(out, '\f'); break;
        case 'v': mm_buf_putc(out, '\v'); break;
        case 'e': mm_buf_putc(out, 27); break;
        default: mm_buf_putc(out, e); break; /* \\ \" \' \? and unknowns */
        }
    }
    return true;
}

/* --- extraction ------------------------------------------------------------------------------ */

typedef struct macro_body {
    uint32_t start, end;
    const char *name;
    const char **params;
    uint32_t nparams;
    bool variadic;
} macro_body;

typedef struct ctx {
    mm_file *f;
    mm_cfacts *facts;
    lang *l;
    const char *src;  /* text the tree was parsed from */
    int64_t delta;    /* file offset = node offset + delta */
    uint32_t clamp_lo, clamp_hi; /* file offsets facts must stay within (macro bodies) */
    bool in_macro;
    const char *macro_name;
    const macro_body *macro; /* the macro whose body is being parsed */
    MM_VEC(macro_body) macros;
} ctx;

static inline int kind_of(const ctx *c, TSNode n)
{
    TSSymbol s = ts_node_symbol(n);
    return s < c->l->nsyms ? c->l->kinds[s] : K_NONE;
}

static mm_span span_of(const ctx *c, TSNode n)
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
static const char *text_of(ctx *c, TSNode n)
{
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    if (e - s > 4096)
        e = s + 4096;
    return mm_arena_collapse(c->f->arena, c->src + s, e - s);
}

static TSNode unwrap(const ctx *c, TSNode n)
{
    for (int guard = 0; guard < 64 && !ts_node_is_null(n); guard++) {
        int k = kind_of(c, n);
        if (k == K_PAREN)
            n = ts_node_named_child(n, 0);
        else if (k == K_CAST)
            n = ts_node_child_by_field_id(n, c->l->f_value);
        else
            break;
    }
    return n;
}

/* The name an expression is about (`password` for cfg.sta.password, `buf` for &buf[0]) and
 * its base identifier (`cfg`, `buf`). */
static void expr_names(ctx *c, TSNode n, const char **name, const char **base)
{
    *name = *base = NULL;
    const char *leaf = NULL;
    for (int guard = 0; guard < 64 && !ts_node_is_null(n); guard++) {
        n = unwrap(c, n);
        if (ts_node_is_null(n))
            break;
        int k = kind_of(c, n);
        if (k == K_IDENT || k == K_FIELD_IDENT) {
            const char *t = text_of(c, n);
            if (!leaf)
                leaf = t;
            *base = t;
            break;
        }
        if (k == K_FIELD_EXPR) {
            if (!leaf) {
                TSNode fld = ts_node_child_by_field_id(n, c->l->f_field);
                if (!ts_node_is_null(fld))
                    leaf = text_of(c, fld);
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
static TSNode declarator_ident(const ctx *c, TSNode d)
{
    for (int guard = 0; guard < 64 && !ts_node_is_null(d); guard++) {
        int k = kind_of(c, d);
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

static const char *enclosing_func_name(ctx *c, TSNode n)
{
    for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
        if (kind_of(c, p) == K_FUNC_DEF) {
            TSNode id = declarator_ident(c, ts_node_child_by_field_id(p, c->l->f_declarator));
            if (!ts_node_is_null(id)) {
                if (kind_of(c, id) == K_QUALIFIED) {
                    TSNode nm = ts_node_child_by_field_id(id, c->l->f_name);
                    if (!ts_node_is_null(nm))
                        id = nm;
                }
                return text_of(c, id);
            }
            return NULL;
        }
    }
    return NULL;
}

static const char *callee_of_call(ctx *c, TSNode call)
{
    TSNode fn = ts_node_child_by_field_id(call, c->l->f_function);
    if (ts_node_is_null(fn))
        return NULL;
    int k = kind_of(c, fn);
    if (k == K_FIELD_EXPR) {
        TSNode obj = ts_node_child_by_field_id(fn, c->l->f_argument);
        TSNode fld = ts_node_child_by_field_id(fn, c->l->f_field);
        if (ts_node_is_null(obj) || ts_node_is_null(fld))
            return NULL;
        return mm_arena_printf(c->f->arena, "%s.%s", text_of(c, obj), text_of(c, fld));
    }
    return text_of(c, fn);
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
static mm_ctx_kind value_context(ctx *c, TSNode n, const char **name, const char **full,
                                 const char **callee, int *argi, TSNode *out_call)
{
    *name = *full = *callee = NULL;
    *argi = -1;
    TSNode child = n;
    for (TSNode p = ts_node_parent(n); !ts_node_is_null(p);
         child = p, p = ts_node_parent(p)) {
        int k = kind_of(c, p);
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
            *full = text_of(c, left);
            return MM_CTX_ASSIGN;
        }
        case K_INIT_DECL: {
            TSNode id = declarator_ident(c, ts_node_child_by_field_id(p, c->l->f_declarator));
            if (ts_node_is_null(id))
                return MM_CTX_NONE;
            *name = *full = text_of(c, id);
            return MM_CTX_INIT;
        }
        case K_DECLARATION:
        case K_FIELD_DECL: {
            /* C++ default member initializer: std::string password = "..."; */
            TSNode id = declarator_ident(c, ts_node_child_by_field_id(p, c->l->f_declarator));
            if (ts_node_is_null(id))
                return MM_CTX_NONE;
            *name = *full = text_of(c, id);
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
                int qk = kind_of(c, q);
                if (qk == K_INIT_PAIR) {
                    /* designators: .a .b (field_designator children before the value) */
                    uint32_t cnt = ts_node_named_child_count(q);
                    for (uint32_t i = cnt; i-- > 0;) {
                        TSNode d = ts_node_named_child(q, i);
                        if (kind_of(c, d) == K_FIELD_DESIGNATOR) {
                            TSNode fid = ts_node_named_child(d, 0);
                            if (!ts_node_is_null(fid))
                                mm_vec_push(&parts, text_of(c, fid));
                        }
                    }
                } else if (qk == K_INIT_LIST) {
                    continue;
                } else if (qk == K_INIT_DECL) {
                    TSNode id =
                        declarator_ident(c, ts_node_child_by_field_id(q, c->l->f_declarator));
                    if (!ts_node_is_null(id))
                        root = text_of(c, id);
                    break;
                } else if (qk == K_ASSIGN) {
                    TSNode left = ts_node_child_by_field_id(q, c->l->f_left);
                    if (!ts_node_is_null(left))
                        root = text_of(c, left);
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
            int ck = kind_of(c, call);
            if (ck == K_INIT_DECL) {
                /* C++ direct initialisation: String password("..."); */
                TSNode id =
                    declarator_ident(c, ts_node_child_by_field_id(call, c->l->f_declarator));
                if (ts_node_is_null(id))
                    return MM_CTX_NONE;
                *name = *full = text_of(c, id);
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
static void *arena_grow(ctx *c, const void *v, uint32_t n, uint32_t *cap, uint32_t first,
                        size_t size)
{
    *cap = *cap ? *cap * 2 : first;
    void *grown = mm_arena_alloc(c->f->arena, *cap * size);
    if (n)
        memcpy(grown, v, n * size);
    return grown;
}

static void push_def(ctx *c, const char *name, bool is_static, bool is_macro, int params,
                     bool ellipsis, mm_span span)
{
    mm_cfacts *fa = c->facts;
    if (fa->ndefs == fa->capdefs)
        fa->defs = arena_grow(c, fa->defs, fa->ndefs, &fa->capdefs, 8, sizeof *fa->defs);
    fa->defs[fa->ndefs++] = (mm_def){name, is_static, is_macro, params, ellipsis, span};
}

/* Decodes a string expression (literal, or adjacent literals possibly with macros between).
 * `gap`, when not 0, stands in the value for each piece that is not a literal. */
static bool string_value_gap(ctx *c, TSNode n, mm_buf *val, bool *exact, mm_span *first,
                             char gap)
{
    int k = kind_of(c, n);
    *exact = true;
    if (k == K_STRING || k == K_RAW_STRING) {
        *first = span_of(c, n);
        uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
        return mm_c_string_decode(c->src + s, e - s, val);
    }
    if (k != K_CONCAT)
        return false;
    bool any = false;
    uint32_t cnt = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode part = ts_node_named_child(n, i);
        int pk = kind_of(c, part);
        if (pk == K_STRING || pk == K_RAW_STRING) {
            if (!any)
                *first = span_of(c, part);
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

static bool string_value(ctx *c, TSNode n, mm_buf *val, bool *exact, mm_span *first)
{
    return string_value_gap(c, n, val, exact, first, 0);
}

/* Every value a conditional can take is a string literal (nested conditionals included). */
static bool choice_of_literals(ctx *c, TSNode n, mm_buf *out, int depth)
{
    n = unwrap(c, n);
    if (ts_node_is_null(n) || depth > 8)
        return false;
    int k = kind_of(c, n);
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

static void fill_arg(ctx *c, TSNode a, mm_arg *out)
{
    memset(out, 0, sizeof *out);
    out->span = span_of(c, a);
    out->text = text_of(c, a);
    TSNode u = unwrap(c, a);
    if (ts_node_is_null(u))
        return;
    int k = kind_of(c, u);
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

static void handle_call(ctx *c, TSNode n, const mm_func *func)
{
    TSNode fn = ts_node_child_by_field_id(n, c->l->f_function);
    if (ts_node_is_null(fn))
        return;
    int k = kind_of(c, fn);
    mm_call call;
    memset(&call, 0, sizeof call);
    TSNode name_node = fn;
    if (k == K_IDENT) {
        call.name = call.callee = text_of(c, fn);
    } else if (k == K_QUALIFIED) {
        TSNode scope = ts_node_child_by_field_id(fn, c->l->f_scope);
        TSNode nm = ts_node_child_by_field_id(fn, c->l->f_name);
        if (ts_node_is_null(nm) || kind_of(c, nm) != K_IDENT)
            return;
        name_node = nm;
        call.name = text_of(c, nm);
        call.callee = text_of(c, fn);
        const char *sc = ts_node_is_null(scope) ? "" : text_of(c, scope);
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
        call.name = text_of(c, fld);
        call.object = text_of(c, obj);
        call.callee = mm_arena_printf(c->f->arena, "%s.%s", call.object, call.name);
    } else {
        return;
    }
    bool wanted = mm_ruleset_wants_callee(c->f->scan->rules, call.name);
    bool copy = !call.member && mm_ruleset_is_copy_call(c->f->scan->rules, call.name);
    if (!wanted && !copy)
        return;
    call.span = span_of(c, n);
    call.name_span = span_of(c, name_node);
    call.func = func;
    call.in_macro = c->in_macro;
    for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
        int pk = kind_of(c, p);
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
            fill_arg(c, a, &call.args[call.nargs++]);
        }
    }
    const char *full, *callee;
    int argi;
    TSNode outer = {0};
    call.ctx = value_context(c, n, &call.ctx_name, &full, &callee, &argi, &outer);
    if (call.ctx == MM_CTX_ARG)
        call.ctx_name = callee;
    if (!wanted)
        return; /* copy calls only matter for the literals inside them */
    mm_cfacts *fa = c->facts;
    if (fa->ncalls == fa->capcalls)
        fa->calls = arena_grow(c, fa->calls, fa->ncalls, &fa->capcalls, 16, sizeof *fa->calls);
    fa->calls[fa->ncalls++] = call;
}

static void handle_string(ctx *c, TSNode n)
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
        if (!mm_ruleset_is_copy_call(c->f->scan->rules, plain) || argi < 1)
            return;
        TSNode args = ts_node_child_by_field_id(call, c->l->f_arguments);
        TSNode dest = ts_node_named_child(args, 0);
        if (ts_node_is_null(dest))
            return;
        const char *base;
        expr_names(c, dest, &name, &base);
        if (!name)
            return;
        full = text_of(c, unwrap(c, dest));
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
        fa->strs = arena_grow(c, fa->strs, fa->nstrs, &fa->capstrs, 16, sizeof *fa->strs);
    mm_strlit *s = &fa->strs[fa->nstrs++];
    memset(s, 0, sizeof *s);
    s->span = span_of(c, n);
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

static bool has_static(const ctx *c, TSNode def)
{
    uint32_t cnt = ts_node_named_child_count(def);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode ch = ts_node_named_child(def, i);
        if (kind_of(c, ch) == K_STORAGE) {
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

static void add_local(ctx *c, mm_func *fn, TSNode decl)
{
    /* element type: char-sized types give byte arrays */
    TSNode type = ts_node_child_by_field_id(decl, c->l->f_type);
    uint32_t elem = 0;
    if (!ts_node_is_null(type)) {
        const char *t = text_of(c, type);
        if (!strcmp(t, "char") || !strcmp(t, "unsigned char") || !strcmp(t, "signed char") ||
            !strcmp(t, "uint8_t") || !strcmp(t, "int8_t") || !strcmp(t, "u8") ||
            !strcmp(t, "u_char"))
            elem = 1;
    }
    uint32_t cnt = ts_node_named_child_count(decl);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode d = ts_node_named_child(decl, i);
        if (!ts_node_eq(d, type)) {
            int dk = kind_of(c, d);
            TSNode target = d;
            if (dk == K_INIT_DECL)
                target = ts_node_child_by_field_id(d, c->l->f_declarator);
            if (ts_node_is_null(target))
                continue;
            int tk = kind_of(c, target);
            if (tk != K_ARRAY_DECL && tk != K_IDENT && tk != K_POINTER_DECL)
                continue;
            TSNode id = declarator_ident(c, target);
            if (ts_node_is_null(id))
                continue;
            mm_local loc = {text_of(c, id), -1, elem, NULL, has_static(c, decl),
                            tk == K_POINTER_DECL};
            if (tk == K_ARRAY_DECL) {
                TSNode size = ts_node_child_by_field_id(target, c->l->f_size);
                int sk = ts_node_is_null(size) ? K_NONE : kind_of(c, size);
                if (sk == K_NUMBER) {
                    loc.array_len = parse_int(text_of(c, size));
                } else if (sk == K_IDENT) {
                    loc.size_macro = text_of(c, size); /* resolved against the file's #defines */
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

static void push_param(ctx *c, mm_func *fn, const char *name)
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
static void func_signature(ctx *c, TSNode decl, int *params, bool *ellipsis)
{
    *params = 0;
    *ellipsis = false;
    for (int guard = 0; guard < 16 && !ts_node_is_null(decl); guard++) {
        if (kind_of(c, decl) == K_FUNC_DECL)
            break;
        TSNode inner = ts_node_child_by_field_id(decl, c->l->f_declarator);
        decl = ts_node_is_null(inner) ? ts_node_named_child(decl, 0) : inner;
    }
    if (ts_node_is_null(decl) || kind_of(c, decl) != K_FUNC_DECL) {
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
            !strcmp(text_of(c, p), "void"))
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
static void func_params(ctx *c, mm_func *fn, TSNode decl)
{
    /* the function_declarator: through pointer declarators (char *f(void)) and parentheses */
    for (int guard = 0; guard < 16 && !ts_node_is_null(decl); guard++) {
        if (kind_of(c, decl) == K_FUNC_DECL)
            break;
        TSNode inner = ts_node_child_by_field_id(decl, c->l->f_declarator);
        decl = ts_node_is_null(inner) ? ts_node_named_child(decl, 0) : inner;
    }
    if (ts_node_is_null(decl) || kind_of(c, decl) != K_FUNC_DECL)
        return;
    TSNode list = ts_node_child_by_field_id(decl, c->l->f_parameters);
    uint32_t cnt = ts_node_is_null(list) ? 0 : ts_node_child_count(list);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode p = ts_node_child(list, i);
        const char *type = ts_node_type(p);
        if (!strcmp(type, "...") || !strcmp(type, "variadic_parameter") ||
            !strcmp(type, "variadic_parameter_declaration")) {
            fn->variadic = true;
        } else if (kind_of(c, p) == K_IDENT) {
            push_param(c, fn, text_of(c, p)); /* K&R: f(a, b) int a; char *b; { */
        } else if (!strcmp(type, "parameter_declaration") ||
                   !strcmp(type, "optional_parameter_declaration")) {
            TSNode t = ts_node_child_by_field_id(p, c->l->f_type);
            if (!ts_node_is_null(t) && mm_str_ends(text_of(c, t), "va_list"))
                fn->variadic = true;
            TSNode id = declarator_ident(c, ts_node_child_by_field_id(p, c->l->f_declarator));
            if (!ts_node_is_null(id) && kind_of(c, id) == K_IDENT)
                push_param(c, fn, text_of(c, id));
        }
    }
}

static mm_func *handle_funcdef(ctx *c, TSNode n)
{
    TSNode decl = ts_node_child_by_field_id(n, c->l->f_declarator);
    TSNode id = declarator_ident(c, decl);
    mm_func *fn = mm_arena_calloc(c->f->arena, 1, sizeof *fn);
    if (c->macro) {
        /* the wrapper around a macro body: its parameters are the macro's */
        fn->params = c->macro->params;
        fn->nparams = c->macro->nparams;
        fn->variadic = c->macro->variadic;
    } else {
        func_params(c, fn, decl);
    }
    fn->span = span_of(c, n);
    TSNode body = ts_node_child_by_field_id(n, c->l->f_body);
    fn->body = ts_node_is_null(body) ? fn->span : span_of(c, body);
    if (!ts_node_is_null(id)) {
        TSNode nm = id;
        bool qualified = false;
        if (kind_of(c, id) == K_QUALIFIED) {
            qualified = true;
            nm = ts_node_child_by_field_id(id, c->l->f_name);
        }
        if (!ts_node_is_null(nm)) {
            fn->name = text_of(c, nm);
            /* a definition of a name some rule watches: the project's own function */
            if (!qualified && kind_of(c, nm) == K_IDENT &&
                mm_ruleset_wants_callee(c->f->scan->rules, fn->name))
            {
                int params;
                bool ellipsis;
                func_signature(c, decl, &params, &ellipsis);
                push_def(c, fn->name, has_static(c, n), false, params, ellipsis, fn->span);
            }
        }
    }
    return fn;
}

/* --- struct objects and fields (initializer facts) ----------------------------------------------
 * Recorded only for the types and field names that some rule reads (mm_ruleset types/fields),
 * so that a file with many initializers costs nothing when no such rule is loaded. */

/* The type of a declaration as written, without qualifiers: "T", "ns::T", "struct s". NULL for
 * a type that defines a body (struct s { ... } x) or one no rule watches. */
static const char *watched_type(ctx *c, TSNode type)
{
    if (ts_node_is_null(type))
        return NULL;
    uint32_t s = ts_node_start_byte(type), e = ts_node_end_byte(type);
    int k = kind_of(c, type);
    if (k == K_TYPE_IDENT) {
        if (!mm_strset_hasn(&c->f->scan->rules->types, c->src + s, e - s))
            return NULL;
        return mm_arena_strndup(c->f->arena, c->src + s, e - s);
    }
    if (k != K_QUALIFIED && strcmp(ts_node_type(type), "struct_specifier") != 0)
        return NULL; /* int, unsigned long, enum e: no struct a rule watches */
    if (e - s > 256 || memchr(c->src + s, '{', e - s))
        return NULL;
    const char *t = text_of(c, type);
    return mm_ruleset_wants_type(c->f->scan->rules, t) ? t : NULL;
}

static mm_object *push_object(ctx *c)
{
    mm_cfacts *fa = c->facts;
    if (fa->nobjects == fa->capobjects)
        fa->objects = arena_grow(c, fa->objects, fa->nobjects, &fa->capobjects, 8,
                                 sizeof *fa->objects);
    mm_object *o = &fa->objects[fa->nobjects++];
    memset(o, 0, sizeof *o);
    return o;
}

/* What an initializer tells about the fields it sets: `{ .a = 1 }` designates them, `{0}` and
 * `{}` set none, anything else (positional members, a copy, a call) sets fields we cannot name. */
static void initializer_shape(ctx *c, TSNode value, mm_object *o)
{
    o->has_init = true;
    if (kind_of(c, value) != K_INIT_LIST) {
        o->positional = true;
        return;
    }
    uint32_t cnt = ts_node_named_child_count(value);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode m = ts_node_named_child(value, i);
        if (ts_node_is_extra(m) || kind_of(c, m) == K_INIT_PAIR)
            continue;
        /* {0}, {NULL}, {false}: zero-initialised */
        const char *t = text_of(c, m);
        if (cnt == 1 && (!strcmp(t, "0") || kind_of(c, m) == K_NULL || !strcmp(t, "false")))
            continue;
        o->positional = true;
    }
}

static void handle_object_decl(ctx *c, TSNode decl, const mm_func *func)
{
    TSNode type = ts_node_child_by_field_id(decl, c->l->f_type);
    const char *tname = watched_type(c, type);
    if (!tname)
        return;
    uint32_t cnt = ts_node_named_child_count(decl);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode d = ts_node_named_child(decl, i);
        if (ts_node_eq(d, type))
            continue;
        int dk = kind_of(c, d);
        TSNode target = d, value = {0};
        if (dk == K_INIT_DECL) {
            target = ts_node_child_by_field_id(d, c->l->f_declarator);
            value = ts_node_child_by_field_id(d, c->l->f_value);
        }
        if (ts_node_is_null(target))
            continue;
        int tk = kind_of(c, target);
        if (tk != K_IDENT && tk != K_POINTER_DECL && tk != K_ARRAY_DECL && tk != K_REFERENCE_DECL)
            continue; /* function declarators, storage specifiers, qualifiers */
        TSNode id = declarator_ident(c, target);
        if (ts_node_is_null(id) || kind_of(c, id) != K_IDENT)
            continue;
        mm_object *o = push_object(c);
        o->span = span_of(c, d);
        o->name_span = span_of(c, id);
        o->type = tname;
        o->name = text_of(c, id);
        o->func = func;
        o->is_pointer = tk == K_POINTER_DECL || tk == K_REFERENCE_DECL;
        o->is_array = tk == K_ARRAY_DECL;
        if (!ts_node_is_null(value))
            initializer_shape(c, value, o);
    }
}

static void handle_compound_literal(ctx *c, TSNode n, const mm_func *func)
{
    TSNode td = ts_node_child_by_field_id(n, c->l->f_type);
    if (ts_node_is_null(td))
        return;
    TSNode t = ts_node_child_by_field_id(td, c->l->f_type);
    const char *tname = watched_type(c, ts_node_is_null(t) ? td : t);
    if (!tname)
        return;
    mm_object *o = push_object(c);
    o->span = span_of(c, n);
    o->name_span = span_of(c, td);
    o->type = tname;
    o->func = func;
    TSNode value = ts_node_child_by_field_id(n, c->l->f_value);
    if (!ts_node_is_null(value))
        initializer_shape(c, value, o);
}

static int32_t object_at(const ctx *c, TSNode n)
{
    uint32_t start = span_of(c, n).start;
    for (uint32_t i = c->facts->nobjects; i-- > 0;) {
        if (c->facts->objects[i].span.start == start)
            return (int32_t)i;
    }
    return -1;
}

static mm_field *push_field(ctx *c)
{
    mm_cfacts *fa = c->facts;
    if (fa->nfields == fa->capfields)
        fa->fields = arena_grow(c, fa->fields, fa->nfields, &fa->capfields, 16,
                                sizeof *fa->fields);
    mm_field *fd = &fa->fields[fa->nfields++];
    memset(fd, 0, sizeof *fd);
    fd->object = -1;
    return fd;
}

typedef MM_VEC(const char *) name_parts;

/* Field designators of one initializer pair, in order, appended to parts; false when the pair
 * designates an array element ([i] = ...), whose path we do not name. */
static bool pair_designators(ctx *c, TSNode pair, name_parts *parts)
{
    uint32_t cnt = ts_node_named_child_count(pair);
    TSNode value = ts_node_child_by_field_id(pair, c->l->f_value);
    bool any = false;
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode d = ts_node_named_child(pair, i);
        if (!ts_node_is_null(value) && ts_node_eq(d, value))
            break;
        int dk = kind_of(c, d);
        if (dk == K_FIELD_DESIGNATOR) {
            TSNode fid = ts_node_named_child(d, 0);
            if (ts_node_is_null(fid))
                return false;
            mm_vec_push(parts, text_of(c, fid));
            any = true;
        } else if (dk == K_SUBSCRIPT_DESIGNATOR) {
            return false;
        }
    }
    return any;
}

static const char *join_parts(ctx *c, const char *const *v, size_t n)
{
    mm_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i)
            mm_buf_putc(&b, '.');
        mm_buf_puts(&b, v[i]);
    }
    const char *out = mm_arena_strndup(c->f->arena, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
    return out;
}

/* `.a.b = v` inside an initializer: the path climbs the enclosing pairs up to the object. */
static void handle_init_pair(ctx *c, TSNode pair, const mm_func *func)
{
    TSNode value = ts_node_child_by_field_id(pair, c->l->f_value);
    if (ts_node_is_null(value) || kind_of(c, value) == K_INIT_LIST)
        return; /* the pairs inside say what it sets */
    /* the last designator is the field; check it before building anything */
    TSNode last = {0};
    uint32_t cnt = ts_node_named_child_count(pair);
    for (uint32_t i = 0; i < cnt; i++) {
        TSNode d = ts_node_named_child(pair, i);
        if (ts_node_eq(d, value))
            break;
        last = d;
    }
    if (ts_node_is_null(last) || kind_of(c, last) != K_FIELD_DESIGNATOR)
        return;
    TSNode lid = ts_node_named_child(last, 0);
    if (ts_node_is_null(lid))
        return;
    uint32_t ls = ts_node_start_byte(lid), le = ts_node_end_byte(lid);
    if (!mm_ruleset_wants_field(c->f->scan->rules, c->src + ls, le - ls))
        return;
    MM_VEC(name_parts) levels = {0}; /* designators per pair, innermost first */
    name_parts mine = {0};
    if (!pair_designators(c, pair, &mine)) {
        mm_vec_free(&mine);
        return;
    }
    mm_vec_push(&levels, mine);
    const char *var = NULL;
    int32_t object = -1;
    bool ok = true;
    for (TSNode q = ts_node_parent(pair); !ts_node_is_null(q) && ok; q = ts_node_parent(q)) {
        int qk = kind_of(c, q);
        if (qk == K_INIT_LIST)
            continue;
        if (qk == K_INIT_PAIR) {
            name_parts up = {0};
            ok = pair_designators(c, q, &up);
            mm_vec_push(&levels, up);
            continue;
        }
        if (qk == K_INIT_DECL) {
            TSNode id = declarator_ident(c, ts_node_child_by_field_id(q, c->l->f_declarator));
            if (!ts_node_is_null(id))
                var = text_of(c, id);
            object = object_at(c, q);
        } else if (qk == K_COMPOUND_LIT) {
            object = object_at(c, q);
        } else if (qk == K_ASSIGN) {
            TSNode left = ts_node_child_by_field_id(q, c->l->f_left);
            if (!ts_node_is_null(left))
                var = text_of(c, left);
        }
        break;
    }
    if (ok) {
        name_parts all = {0};
        for (size_t i = levels.n; i-- > 0;) {
            for (size_t k = 0; k < levels.v[i].n; k++)
                mm_vec_push(&all, levels.v[i].v[k]);
        }
        mm_field *fd = push_field(c);
        fd->span = span_of(c, pair);
        fd->var = var;
        fd->path = join_parts(c, all.v, all.n);
        fd->leaf = all.v[all.n - 1];
        fill_arg(c, value, &fd->value);
        fd->object = object;
        fd->func = func;
        mm_vec_free(&all);
    }
    for (size_t i = 0; i < levels.n; i++)
        mm_vec_free(&levels.v[i]);
    mm_vec_free(&levels);
}

/* `x.a.b = v;`, `p->a = v;` */
static void handle_field_assign(ctx *c, TSNode n, const mm_func *func)
{
    TSNode left = ts_node_child_by_field_id(n, c->l->f_left);
    TSNode right = ts_node_child_by_field_id(n, c->l->f_right);
    if (ts_node_is_null(left) || ts_node_is_null(right) || kind_of(c, left) != K_FIELD_EXPR)
        return;
    TSNode op = ts_node_child_by_field_id(n, c->l->f_operator);
    if (!ts_node_is_null(op) && ts_node_end_byte(op) - ts_node_start_byte(op) != 1)
        return; /* |=, +=: not a plain value */
    TSNode fld = ts_node_child_by_field_id(left, c->l->f_field);
    if (ts_node_is_null(fld))
        return;
    uint32_t fs = ts_node_start_byte(fld), fe = ts_node_end_byte(fld);
    if (!mm_ruleset_wants_field(c->f->scan->rules, c->src + fs, fe - fs))
        return;
    name_parts parts = {0}; /* outermost field first */
    bool arrow = false;
    TSNode base = left;
    for (int guard = 0; guard < 64 && kind_of(c, base) == K_FIELD_EXPR; guard++) {
        TSNode f2 = ts_node_child_by_field_id(base, c->l->f_field);
        TSNode arg = ts_node_child_by_field_id(base, c->l->f_argument);
        if (ts_node_is_null(f2) || ts_node_is_null(arg))
            break;
        mm_vec_push(&parts, text_of(c, f2));
        /* the operator sits between the object and the field: "->" or "." */
        uint32_t gs = ts_node_end_byte(arg), ge = ts_node_start_byte(f2);
        if (ge > gs && memchr(c->src + gs, '>', ge - gs))
            arrow = true;
        base = arg;
    }
    if (!parts.n) {
        mm_vec_free(&parts);
        return;
    }
    /* reverse into path order */
    for (size_t i = 0, j = parts.n - 1; i < j; i++, j--) {
        const char *t = parts.v[i];
        parts.v[i] = parts.v[j];
        parts.v[j] = t;
    }
    mm_field *fd = push_field(c);
    fd->span = span_of(c, n);
    TSNode b = unwrap(c, base);
    fd->var = text_of(c, ts_node_is_null(b) ? base : b);
    fd->path = join_parts(c, parts.v, parts.n);
    fd->leaf = parts.v[parts.n - 1];
    fill_arg(c, right, &fd->value);
    fd->assign = true;
    fd->arrow = arrow;
    fd->func = func;
    mm_vec_free(&parts);
}

/* Walks a tree depth-first with a cursor (no recursion, no O(n^2) child access). */
static void walk(ctx *c, TSNode root)
{
    TSTreeCursor cur = ts_tree_cursor_new(root);
    MM_VEC(struct fstack { uint32_t depth; mm_func *fn; }) fs = {0};
    uint32_t depth = 0;
    mm_func *func = NULL;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cur);
        int k = kind_of(c, n);
        bool descend = true;
        switch (k) {
        case K_CALL:
            handle_call(c, n, func);
            break;
        case K_STRING:
        case K_RAW_STRING:
        case K_CONCAT: {
            TSNode p = ts_node_parent(n);
            if (k == K_CONCAT || ts_node_is_null(p) || kind_of(c, p) != K_CONCAT)
                handle_string(c, n);
            descend = false;
            break;
        }
        case K_FUNC_DEF: {
            mm_func *fn = handle_funcdef(c, n);
            struct fstack e = {depth, fn};
            mm_vec_push(&fs, e);
            func = fn;
            break;
        }
        case K_DECLARATION:
            if (func)
                add_local(c, func, n);
            if (c->f->scan->rules->types.n && !c->in_macro)
                handle_object_decl(c, n, func);
            break;
        case K_COMPOUND_LIT:
            if (c->f->scan->rules->types.n && !c->in_macro)
                handle_compound_literal(c, n, func);
            break;
        case K_INIT_PAIR:
            if (c->f->scan->rules->fields.n && !c->in_macro)
                handle_init_pair(c, n, func);
            break;
        case K_ASSIGN:
            if (c->f->scan->rules->fields.n && !c->in_macro)
                handle_field_assign(c, n, func);
            break;
        case K_PREPROC_DEF:
        case K_PREPROC_FUNC_DEF: {
            TSNode nm = ts_node_child_by_field_id(n, c->l->f_name);
            TSNode val = ts_node_child_by_field_id(n, c->l->f_value);
            const char *name = ts_node_is_null(nm) ? NULL : text_of(c, nm);
            if (name && mm_ruleset_wants_callee(c->f->scan->rules, name))
                push_def(c, name, false, true, -1, false, span_of(c, n));
            if (!ts_node_is_null(val) && !c->in_macro) {
                mm_span vs = span_of(c, val);
                macro_body mb = {vs.start, vs.end, name, NULL, 0, false};
                TSNode ps = ts_node_child_by_field_id(n, c->l->f_parameters);
                uint32_t cnt = ts_node_is_null(ps) ? 0 : ts_node_child_count(ps);
                if (cnt)
                    mb.params = mm_arena_alloc(c->f->arena, cnt * sizeof *mb.params);
                for (uint32_t i = 0; i < cnt; i++) {
                    TSNode p = ts_node_child(ps, i);
                    if (kind_of(c, p) == K_IDENT)
                        mb.params[mb.nparams++] = text_of(c, p);
                    else if (!strcmp(text_of(c, p), "..."))
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

static void parse_range(ctx *c, const char *src, uint32_t len, int64_t delta)
{
    /* a pathological input must not hold a worker forever */
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
    ts_tree_delete(tree);
}

/* Macro bodies are text to tree-sitter; parse each one as the body of a function so that calls
 * and literals inside macros are seen too. Offsets map back one-to-one. */
static void parse_macros(ctx *c)
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

void mm_cfront_run(mm_cfront *cfr, mm_file *f, bool whole_file)
{
    mm_cfacts *facts = mm_arena_calloc(f->arena, 1, sizeof *facts);
    f->cf = facts;
    facts->cpp = f->kind == MM_KIND_CPP;
    ctx c;
    memset(&c, 0, sizeof c);
    c.f = f;
    c.facts = facts;
    c.l = facts->cpp ? &cfr->cpp : &cfr->c;
    c.clamp_lo = 0;
    c.clamp_hi = (uint32_t)f->len;

    mm_chunks ch;
    if (!whole_file)
        mm_chunks_find(f->data, f->len, f->arena, &ch);
    if (whole_file || ch.whole) {
        parse_range(&c, f->data, (uint32_t)f->len, 0);
    } else {
        /* parse the runs of chunks that hold a hit of a rule that reads C facts */
        size_t i = 0;
        while (i < f->nhits) {
            const mm_hit *h = &f->hits[i];
            uint32_t rule = h->trigger < f->scan->rules->trig_rule.n
                                ? f->scan->rules->trig_rule.v[h->trigger]
                                : UINT32_MAX;
            if (rule == UINT32_MAX ||
                !(f->scan->rules->rules.v[rule]->needs & MM_NEED_CFACTS)) {
                i++;
                continue;
            }
            uint32_t at = h->end ? h->end - 1 : 0;
            size_t first = mm_chunks_index(&ch, at);
            size_t last = first;
            uint32_t end = mm_chunks_end(&ch, last);
            /* absorb following hits that fall in the same or the next chunks */
            size_t j = i + 1;
            while (j < f->nhits) {
                uint32_t a2 = f->hits[j].end ? f->hits[j].end - 1 : 0;
                if (a2 >= end) {
                    size_t idx = mm_chunks_index(&ch, a2);
                    if (idx > last + 1)
                        break;
                    last = idx;
                    end = mm_chunks_end(&ch, last);
                }
                j++;
            }
            uint32_t start = ch.starts[first];
            parse_range(&c, f->data + start, end - start, start);
            i = j;
        }
    }
    parse_macros(&c);
    mm_vec_free(&c.macros);
}
