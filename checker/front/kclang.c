/* kclang.c: a reader of the Kconfig language, enough to say what a project's own Kconfig files
 * do to a configuration: which symbols a symbol `select`s or `imply`s (and under which
 * condition), the defaults it gives its own symbols, the dependencies of `if`, `menu` and
 * `depends on` around them, and `choice` defaults. Files are read line by line (help texts
 * skipped by their indentation, `\` continuations joined); `source`, `rsource`, `osource` and
 * `orsource` are followed within the tree (with `*` globs), never outside it.
 *
 * Evaluation is three-valued: a symbol neither the configuration nor the tree's Kconfig gives
 * a value is unknown, and so is a condition that reads it. A select whose condition is unknown
 * does not select; a default whose condition is unknown does not apply. */
#define _GNU_SOURCE
#include "front/kclang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_INCLUDE_DEPTH = 16,
    MAX_EXPR_DEPTH = 64,
    MAX_EVAL_DEPTH = 24,
    MAX_LINE = 8192,
};

/* --- expressions --------------------------------------------------------------------------- */

typedef enum { E_SYM, E_STR, E_NOT, E_AND, E_OR, E_EQ, E_NE, E_LT, E_LE, E_GT, E_GE } eop;

typedef struct kexpr {
    eop op;
    const char *s; /* E_SYM: symbol (or y/n/m); E_STR: text */
    struct kexpr *a, *b;
} kexpr;

/* --- definitions --------------------------------------------------------------------------- */

typedef enum { P_DEFAULT, P_SELECT, P_IMPLY } pkind;

typedef struct kprop {
    pkind kind;
    kexpr *value;  /* P_DEFAULT: the value expression; P_SELECT/P_IMPLY: NULL */
    const char *target; /* P_SELECT/P_IMPLY: the symbol */
    kexpr *cond;   /* `if` condition, or NULL */
    unsigned line;
} kprop;

typedef struct kdef {
    const char *name;    /* without prefix; for a choice, "" unless named */
    bool typed;          /* bool/tristate/string/int/hex/def_bool here: the tree owns it */
    bool is_choice;
    int choice;          /* index of the choice def it is a member of, or -1 */
    kexpr *deps;         /* depends on, and the enclosing if/menu conditions; NULL: none */
    kprop *props;
    size_t nprops, capprops;
    const char *path;
    unsigned line;
    const char *project; /* the project it belongs to; NULL: every project */
    bool sysbuild;       /* from a Kconfig.sysbuild file: the sysbuild image's */
    bool early;          /* read before any source that leaves the tree: its defaults come
                            before the SDK's */
} kdef;

typedef struct ksel {
    const char *target; /* selected symbol */
    size_t def;         /* the selecting def */
    size_t prop;
} ksel;

struct mm_kclang {
    mm_arena arena;
    MM_VEC(kdef) defs;
    size_t *by_name; /* def indexes sorted by name */
    MM_VEC(ksel) sels; /* sorted by target */
    char digest[65];
};

/* --- lexing --------------------------------------------------------------------------------- */

typedef enum { T_END, T_WORD, T_STR, T_OP } tkind;

typedef struct tok {
    tkind kind;
    const char *s; /* arena copy */
} tok;

typedef struct lexer {
    mm_arena *a;
    const char *p, *e;
} lexer;

static bool word_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c == '$' || c == '/' || c == '*' || c == '+';
}

static tok next_tok(lexer *lx)
{
    while (lx->p < lx->e && (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r'))
        lx->p++;
    if (lx->p >= lx->e || *lx->p == '#')
        return (tok){T_END, NULL};
    char c = *lx->p;
    if (c == '"' || c == '\'') {
        const char *q = lx->p + 1;
        mm_buf b = {0};
        while (q < lx->e && *q != c) {
            if (*q == '\\' && q + 1 < lx->e)
                q++;
            mm_buf_putc(&b, *q++);
        }
        lx->p = q < lx->e ? q + 1 : q;
        tok t = {T_STR, mm_arena_strndup(lx->a, b.data ? b.data : "", b.len)};
        mm_buf_free(&b);
        return t;
    }
    static const char *const ops[] = {"&&", "||", "!=", "<=", ">=", "!", "=", "(", ")", "<", ">",
                                      NULL};
    for (const char *const *o = ops; *o; o++) {
        size_t n = strlen(*o);
        if ((size_t)(lx->e - lx->p) >= n && !memcmp(lx->p, *o, n)) {
            lx->p += n;
            return (tok){T_OP, *o};
        }
    }
    const char *s = lx->p;
    if (c == '$' && lx->p + 1 < lx->e && lx->p[1] == '(') {
        /* a macro $(...): one word, whatever it holds */
        int depth = 0;
        while (lx->p < lx->e) {
            if (*lx->p == '(')
                depth++;
            else if (*lx->p == ')' && --depth == 0) {
                lx->p++;
                break;
            }
            lx->p++;
        }
        while (lx->p < lx->e && word_char(*lx->p))
            lx->p++;
        return (tok){T_WORD, mm_arena_strndup(lx->a, s, (size_t)(lx->p - s))};
    }
    while (lx->p < lx->e && word_char(*lx->p))
        lx->p++;
    if (lx->p == s) {
        lx->p++; /* a stray character: skip it as a word of its own */
        return (tok){T_WORD, mm_arena_strndup(lx->a, s, 1)};
    }
    return (tok){T_WORD, mm_arena_strndup(lx->a, s, (size_t)(lx->p - s))};
}

/* --- expression parser (recursive descent over one line's tokens) ------------------------ */

typedef struct eparser {
    lexer lx;
    tok cur;
    int depth;
    bool bad;
} eparser;

static void eadvance(eparser *p)
{
    p->cur = next_tok(&p->lx);
}

static bool is_op(const tok *t, const char *op)
{
    return t->kind == T_OP && !strcmp(t->s, op);
}

static bool is_word(const tok *t, const char *w)
{
    return t->kind == T_WORD && !strcmp(t->s, w);
}

static kexpr *mk(mm_arena *a, eop op, const char *s, kexpr *x, kexpr *y)
{
    kexpr *e = mm_arena_calloc(a, 1, sizeof *e);
    e->op = op;
    e->s = s;
    e->a = x;
    e->b = y;
    return e;
}

static kexpr *parse_or(eparser *p);

static kexpr *parse_primary(eparser *p)
{
    if (++p->depth > MAX_EXPR_DEPTH) {
        p->bad = true;
        return NULL;
    }
    kexpr *r = NULL;
    if (is_op(&p->cur, "!")) {
        eadvance(p);
        kexpr *x = parse_primary(p);
        r = x ? mk(p->lx.a, E_NOT, NULL, x, NULL) : NULL;
    } else if (is_op(&p->cur, "(")) {
        eadvance(p);
        r = parse_or(p);
        if (is_op(&p->cur, ")"))
            eadvance(p);
        else
            p->bad = true;
    } else if (p->cur.kind == T_WORD || p->cur.kind == T_STR) {
        kexpr *x = mk(p->lx.a, p->cur.kind == T_WORD ? E_SYM : E_STR, p->cur.s, NULL, NULL);
        eadvance(p);
        static const struct {
            const char *op;
            eop e;
        } cmp[] = {{"=", E_EQ}, {"!=", E_NE}, {"<", E_LT}, {"<=", E_LE}, {">", E_GT}, {">=", E_GE}};
        r = x;
        for (size_t i = 0; i < MM_ARRAY_LEN(cmp); i++) {
            if (is_op(&p->cur, cmp[i].op)) {
                eadvance(p);
                if (p->cur.kind != T_WORD && p->cur.kind != T_STR) {
                    p->bad = true;
                    break;
                }
                kexpr *y = mk(p->lx.a, p->cur.kind == T_WORD ? E_SYM : E_STR, p->cur.s, NULL,
                              NULL);
                eadvance(p);
                r = mk(p->lx.a, cmp[i].e, NULL, x, y);
                break;
            }
        }
    } else {
        p->bad = true;
    }
    p->depth--;
    return r;
}

static kexpr *parse_and(eparser *p)
{
    kexpr *l = parse_primary(p);
    while (l && is_op(&p->cur, "&&")) {
        eadvance(p);
        kexpr *r = parse_primary(p);
        if (!r)
            return NULL;
        l = mk(p->lx.a, E_AND, NULL, l, r);
    }
    return l;
}

static kexpr *parse_or(eparser *p)
{
    if (++p->depth > MAX_EXPR_DEPTH) {
        p->bad = true;
        return NULL;
    }
    kexpr *l = parse_and(p);
    while (l && is_op(&p->cur, "||")) {
        eadvance(p);
        kexpr *r = parse_and(p);
        if (!r) {
            l = NULL;
            break;
        }
        l = mk(p->lx.a, E_OR, NULL, l, r);
    }
    p->depth--;
    return l;
}

static kexpr *and_of(mm_arena *a, kexpr *x, kexpr *y)
{
    if (!x)
        return y;
    if (!y)
        return x;
    return mk(a, E_AND, NULL, x, y);
}

/* --- the reader ----------------------------------------------------------------------------- */

typedef struct frame {
    enum { F_IF, F_MENU, F_CHOICE } kind;
    kexpr *cond;
    size_t choice; /* F_CHOICE: the def index */
} frame;

typedef struct reader {
    mm_kclang *l;
    const mm_kcl_src *files;
    size_t n;
    const char *project;
    bool sysbuild;
    bool left_tree; /* a source outside the tree has been read (in this root's order) */
    MM_VEC(frame) stack;
    MM_VEC(char) visiting; /* per file: on the include stack now */
    bool *sourced;          /* per file: another file sources it */
    bool marking;           /* first pass: only mark what is sourced */
} reader;

static char *dir_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? mm_xstrndup(path, (size_t)(s - path)) : mm_xstrdup("");
}

static void read_file(reader *r, size_t fi, int depth);

/* `source PATH` and friends: the files of the set it names (a glob may name several). */
static bool do_source(reader *r, size_t fi, const char *kw, const char *arg, int depth)
{
    bool rel = kw[0] == 'r' || !strncmp(kw, "or", 2);
    /* ${ZEPHYR_<NAME>_MODULE_DIR}/x: a module's own file, and the scanned tree is a module: a
     * path of the tree when it names one (golioth's examples source their common defaults
     * so); any other variable ($(ZEPHYR_BASE)/...) is outside the tree */
    const char *mv = NULL;
    if (!strncmp(arg, "${ZEPHYR_", 9) || !strncmp(arg, "$(ZEPHYR_", 9)) {
        const char *e = strchr(arg, arg[1] == '{' ? '}' : ')');
        if (e && e - arg > 13 && !strncmp(e - 11, "_MODULE_DIR", 11) && e[1] == '/' &&
            !strchr(e + 1, '$')) {
            mv = e + 2;
            rel = false;
        }
    }
    if (mv)
        arg = mv;
    else if (strstr(arg, "$(") || strchr(arg, '$'))
        return false; /* $(ZEPHYR_BASE)/..., an environment variable: outside the tree */
    const char *from = r->files[fi].path;
    char *dir = dir_of(from);
    char *cands[3] = {NULL, NULL, NULL};
    if (rel) {
        cands[0] = mm_path_join_norm(dir, arg);
    } else {
        cands[0] = mm_path_join_norm("", arg);
        /* $srctree is the SDK's; a project's own source lines name files under its root
         * file's directory */
        if (!mv)
            cands[1] = mm_path_join_norm(dir, arg);
    }
    bool any = false;
    for (int c = 0; c < 2; c++) {
        if (!cands[c])
            continue;
        bool glob = strpbrk(cands[c], "*?[") != NULL;
        for (size_t k = 0; k < r->n; k++) {
            if (glob ? mm_glob_match(cands[c], r->files[k].path)
                     : !strcmp(cands[c], r->files[k].path)) {
                any = true;
                if (r->marking)
                    r->sourced[k] = true;
                else
                    read_file(r, k, depth + 1);
            }
        }
        if (any)
            break;
    }
    for (int c = 0; c < 3; c++)
        free(cands[c]);
    free(dir);
    return any;
}

static kdef *cur_def(reader *r, ssize_t cur)
{
    return cur >= 0 ? &r->l->defs.v[cur] : NULL;
}

static kexpr *stack_cond(reader *r)
{
    kexpr *c = NULL;
    for (size_t i = 0; i < r->stack.n; i++) {
        if (r->stack.v[i].cond)
            c = and_of(&r->l->arena, c, r->stack.v[i].cond);
    }
    return c;
}

static void add_prop(reader *r, kdef *d, kprop p)
{
    if (d->nprops == d->capprops) {
        size_t cap = d->capprops ? d->capprops * 2 : 4;
        kprop *np = mm_arena_alloc(&r->l->arena, cap * sizeof *np);
        if (d->nprops)
            memcpy(np, d->props, d->nprops * sizeof *np);
        d->props = np;
        d->capprops = cap;
    }
    d->props[d->nprops++] = p;
}

static kexpr *parse_expr_rest(lexer *lx)
{
    eparser ep = {*lx, {T_END, NULL}, 0, false};
    eadvance(&ep);
    kexpr *e = parse_or(&ep);
    *lx = ep.lx;
    /* an expression we cannot read is a condition we do not know, never one that holds */
    return ep.bad || !e ? mk(lx->a, E_SYM, "$unknown", NULL, NULL) : e;
}

/* `... if EXPR` at the end of an attribute: the condition, or NULL. */
static kexpr *parse_if_tail(lexer *lx)
{
    tok t = next_tok(lx);
    if (!is_word(&t, "if"))
        return NULL;
    return parse_expr_rest(lx);
}

static void read_lines(reader *r, size_t fi, int depth)
{
    const mm_kcl_src *src = &r->files[fi];
    mm_arena *a = &r->l->arena;
    const char *p = src->data, *end = src->data + src->len;
    unsigned line = 0, help_kw_indent = 0;
    int help_indent = -2; /* -2: not in help; -1: in help, no text line yet */
    ssize_t cur = -1;     /* the def whose attributes follow */
    size_t stack_base = r->stack.n;
    mm_buf joined = {0};
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *le = eol ? eol : end;
        line++;
        unsigned this_line = line;
        joined.len = 0;
        mm_buf_put(&joined, p, (size_t)(le - p));
        p = le < end ? le + 1 : end;
        /* `\` continues the line */
        while (joined.len && (joined.data[joined.len - 1] == '\\' ||
                              (joined.len > 1 && joined.data[joined.len - 1] == '\r' &&
                               joined.data[joined.len - 2] == '\\')) &&
               p < end) {
            while (joined.len && joined.data[joined.len - 1] != '\\')
                joined.len--;
            joined.len--;
            const char *e2 = memchr(p, '\n', (size_t)(end - p));
            const char *l2 = e2 ? e2 : end;
            mm_buf_put(&joined, p, (size_t)(l2 - p));
            p = l2 < end ? l2 + 1 : end;
            line++;
        }
        if (joined.len > MAX_LINE)
            continue;
        const char *s = joined.data ? joined.data : "", *e = s + joined.len;
        unsigned indent = 0;
        const char *q = s;
        for (; q < e && (*q == ' ' || *q == '\t'); q++)
            indent = *q == '\t' ? (indent / 8 + 1) * 8 : indent + 1;
        bool blank = q == e || *q == '\r';
        if (help_indent != -2) {
            if (blank)
                continue;
            if (help_indent == -1) {
                if (indent > help_kw_indent) {
                    help_indent = (int)indent;
                    continue;
                }
            } else if ((int)indent >= help_indent) {
                continue;
            }
            help_indent = -2;
        }
        lexer lx = {a, q, e};
        tok kw = next_tok(&lx);
        if (kw.kind != T_WORD)
            continue;
        const char *k = kw.s;
        if (!strcmp(k, "config") || !strcmp(k, "menuconfig")) {
            tok nm = next_tok(&lx);
            if (nm.kind != T_WORD) {
                cur = -1;
                continue;
            }
            kdef d = {0};
            d.name = nm.s;
            d.choice = -1;
            for (size_t i = r->stack.n; i-- > 0;) {
                if (r->stack.v[i].kind == F_CHOICE) {
                    d.choice = (int)r->stack.v[i].choice;
                    break;
                }
            }
            d.deps = stack_cond(r);
            d.path = src->path;
            d.line = this_line;
            d.project = r->project;
            d.sysbuild = r->sysbuild;
            d.early = !r->left_tree;
            mm_vec_push(&r->l->defs, d);
            cur = (ssize_t)r->l->defs.n - 1;
            continue;
        }
        if (!strcmp(k, "choice")) {
            tok nm = next_tok(&lx);
            kdef d = {0};
            d.name = nm.kind == T_WORD ? nm.s : "";
            d.is_choice = true;
            d.choice = -1;
            d.deps = stack_cond(r);
            d.path = src->path;
            d.line = this_line;
            d.project = r->project;
            d.sysbuild = r->sysbuild;
            d.early = !r->left_tree;
            mm_vec_push(&r->l->defs, d);
            cur = (ssize_t)r->l->defs.n - 1;
            frame f = {F_CHOICE, NULL, (size_t)cur};
            mm_vec_push(&r->stack, f);
            continue;
        }
        if (!strcmp(k, "endchoice") || !strcmp(k, "endmenu") || !strcmp(k, "endif")) {
            int want = k[3] == 'c' ? F_CHOICE : k[3] == 'm' ? F_MENU : F_IF;
            if (r->stack.n > stack_base && (int)r->stack.v[r->stack.n - 1].kind == want)
                r->stack.n--;
            cur = -1;
            continue;
        }
        if (!strcmp(k, "if")) {
            kexpr *c = parse_expr_rest(&lx);
            frame f = {F_IF, c, 0};
            mm_vec_push(&r->stack, f);
            cur = -1;
            continue;
        }
        if (!strcmp(k, "menu")) {
            frame f = {F_MENU, NULL, 0};
            mm_vec_push(&r->stack, f);
            cur = -1;
            continue;
        }
        if (!strcmp(k, "comment") || !strcmp(k, "mainmenu")) {
            cur = -1;
            continue;
        }
        if (!strcmp(k, "source") || !strcmp(k, "rsource") || !strcmp(k, "osource") ||
            !strcmp(k, "orsource")) {
            tok arg = next_tok(&lx);
            cur = -1;
            if (arg.kind != T_STR && arg.kind != T_WORD)
                continue;
            if (!do_source(r, fi, k, arg.s, depth) && !r->marking)
                r->left_tree = true; /* the SDK's Kconfig.zephyr and the like */
            continue;
        }
        if (!strcmp(k, "help") || !strcmp(k, "---help---")) {
            help_indent = -1;
            help_kw_indent = indent;
            continue;
        }
        if (!strcmp(k, "depends")) {
            tok on = next_tok(&lx);
            if (!is_word(&on, "on"))
                continue;
            kexpr *c = parse_expr_rest(&lx);
            kdef *d = cur_def(r, cur);
            if (d) {
                d->deps = and_of(a, d->deps, c ? c : mk(a, E_SYM, "$unknown", NULL, NULL));
            } else if (r->stack.n > stack_base && r->stack.v[r->stack.n - 1].kind == F_MENU) {
                frame *f = &r->stack.v[r->stack.n - 1];
                f->cond = and_of(a, f->cond, c ? c : mk(a, E_SYM, "$unknown", NULL, NULL));
            }
            continue;
        }
        kdef *d = cur_def(r, cur);
        if (!d)
            continue;
        if (!strcmp(k, "bool") || !strcmp(k, "tristate") || !strcmp(k, "string") ||
            !strcmp(k, "int") || !strcmp(k, "hex") || !strcmp(k, "boolean")) {
            d->typed = true;
            continue; /* a prompt and its `if` do not change the value */
        }
        if (!strcmp(k, "def_bool") || !strcmp(k, "def_tristate") || !strcmp(k, "default")) {
            if (k[0] == 'd' && k[1] == 'e' && k[2] == 'f' && k[3] == '_')
                d->typed = true;
            /* the value is an expression up to `if` */
            lexer probe = lx;
            eparser ep = {probe, {T_END, NULL}, 0, false};
            eadvance(&ep);
            kexpr *v = parse_or(&ep);
            kexpr *cond = NULL;
            if (is_word(&ep.cur, "if"))
                cond = parse_expr_rest(&ep.lx);
            if (ep.bad || !v)
                v = mk(a, E_SYM, "$unknown", NULL, NULL);
            kprop pr = {P_DEFAULT, v, NULL, cond, this_line};
            add_prop(r, d, pr);
            continue;
        }
        if (!strcmp(k, "select") || !strcmp(k, "imply")) {
            tok t = next_tok(&lx);
            if (t.kind != T_WORD)
                continue;
            kexpr *cond = parse_if_tail(&lx);
            kprop pr = {k[0] == 's' ? P_SELECT : P_IMPLY, NULL, t.s, cond, this_line};
            add_prop(r, d, pr);
            continue;
        }
        /* prompt, range, option, visible if, modules, transitional: no effect on values */
    }
    r->stack.n = stack_base; /* an unclosed if/menu ends with its file */
    mm_buf_free(&joined);
}

static void read_file(reader *r, size_t fi, int depth)
{
    if (depth > MAX_INCLUDE_DEPTH || r->visiting.v[fi])
        return;
    r->visiting.v[fi] = 1;
    read_lines(r, fi, depth);
    r->visiting.v[fi] = 0;
}

/* --- building ------------------------------------------------------------------------------- */

static int cmp_def_name(const void *a, const void *b, void *ctx)
{
    const mm_kclang *l = ctx;
    const kdef *x = &l->defs.v[*(const size_t *)a], *y = &l->defs.v[*(const size_t *)b];
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int cmp_sel(const void *a, const void *b)
{
    const ksel *x = a, *y = b;
    int c = strcmp(x->target, y->target);
    if (c)
        return c;
    return x->def < y->def ? -1 : x->def > y->def ? 1 : (x->prop > y->prop) - (x->prop < y->prop);
}

/* The nearest project directory at or above dir, or NULL. */
static const char *project_of(char *const *roots, size_t nroots, const char *dir)
{
    const char *best = NULL;
    size_t bl = 0;
    for (size_t i = 0; i < nroots; i++) {
        size_t rl = strlen(roots[i]);
        bool above = rl == 0 || (!strncmp(dir, roots[i], rl) && (dir[rl] == 0 || dir[rl] == '/'));
        if (above && (!best || rl > bl)) {
            best = roots[i];
            bl = rl;
        }
    }
    return best;
}

mm_kclang *mm_kclang_build(const mm_kcl_src *files, size_t n, char *const *roots, size_t nroots)
{
    if (!n)
        return NULL;
    mm_kclang *l = mm_xcalloc(1, sizeof *l);
    reader r = {0};
    r.l = l;
    r.files = files;
    r.n = n;
    r.sourced = mm_xcalloc(n, sizeof *r.sourced);
    for (size_t i = 0; i < n; i++)
        mm_vec_push(&r.visiting, 0);
    /* first pass: which files other files source (those are read through their root) */
    r.marking = true;
    for (size_t i = 0; i < n; i++)
        read_file(&r, i, 0);
    mm_arena_reset(&l->arena);
    l->defs.n = 0;
    r.marking = false;
    mm_buf dig = {0};
    for (size_t i = 0; i < n; i++) {
        char sha[65];
        mm_sha256_hex(files[i].data, files[i].len, sha);
        mm_buf_printf(&dig, "%s %s\n", files[i].path, sha);
        char *dir = dir_of(files[i].path);
        const char *proj = project_of(roots, nroots, dir);
        /* a project's top Kconfig is its build's root even when another project sources it
         * too (a production-test app that reads ../app/Kconfig) */
        const char *b = mm_path_base(files[i].path);
        bool top = proj && !strcmp(proj, dir) &&
                   (!strcmp(b, "Kconfig") || !strcmp(b, "Kconfig.sysbuild"));
        if (r.sourced[i] && !top) {
            free(dir);
            continue;
        }
        r.project = proj ? mm_arena_strdup(&l->arena, proj) : NULL;
        r.sysbuild = mm_str_ends(files[i].path, "Kconfig.sysbuild");
        r.left_tree = false;
        r.stack.n = 0;
        read_file(&r, i, 0);
        free(dir);
    }
    mm_sha256_hex(dig.data ? dig.data : "", dig.len, l->digest);
    mm_buf_free(&dig);
    free(r.sourced);
    mm_vec_free(&r.visiting);
    mm_vec_free(&r.stack);
    if (!l->defs.n) {
        mm_kclang_free(l);
        return NULL;
    }
    l->by_name = mm_xmalloc(l->defs.n * sizeof *l->by_name);
    for (size_t i = 0; i < l->defs.n; i++) {
        l->by_name[i] = i;
        const kdef *d = &l->defs.v[i];
        for (size_t k = 0; k < d->nprops; k++) {
            if (d->props[k].kind != P_DEFAULT) {
                ksel s = {d->props[k].target, i, k};
                mm_vec_push(&l->sels, s);
            }
        }
    }
    qsort_r(l->by_name, l->defs.n, sizeof *l->by_name, cmp_def_name, l);
    mm_sort(l->sels.v, l->sels.n, sizeof *l->sels.v, cmp_sel);
    return l;
}

void mm_kclang_free(mm_kclang *l)
{
    if (!l)
        return;
    mm_arena_free(&l->arena);
    mm_vec_free(&l->defs);
    mm_vec_free(&l->sels);
    free(l->by_name);
    free(l);
}

const char *mm_kclang_digest(const mm_kclang *l)
{
    return l ? l->digest : "";
}

/* --- evaluation ----------------------------------------------------------------------------- */

typedef enum { V_UNKNOWN = 0, V_N, V_Y, V_STR } vkind;

typedef struct val {
    vkind k;
    const char *s; /* V_STR: the text; V_Y: "y" */
} val;

typedef struct evctx {
    const mm_kc_view *v;
    int depth;
    MM_VEC(const char *) visiting;
    const mm_kc_entry *first_own; /* the first entry of the file itself a derivation read that
                                     is not n: the cause to point at */
} evctx;

static bool visible(const mm_kc_view *v, const kdef *d)
{
    bool sys = v->image && !strcmp(v->image, "sysbuild");
    if (d->sysbuild != sys)
        return false;
    if (!d->project)
        return true; /* a module, a component: every project's */
    if (!v->project || strcmp(d->project, v->project) != 0)
        return false;
    /* a project's own Kconfig is its application's: MCUboot and other images have their own */
    return !v->image || !*v->image || !strcmp(v->image, "app") || sys;
}

/* The first def (in reading order) of name, from index position; loops with *it. */
static const kdef *next_def(const mm_kclang *l, const char *name, size_t *it)
{
    if (*it == SIZE_MAX) {
        size_t lo = 0, hi = l->defs.n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(l->defs.v[l->by_name[mid]].name, name) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        *it = lo;
    } else {
        (*it)++;
    }
    if (*it >= l->defs.n || strcmp(l->defs.v[l->by_name[*it]].name, name) != 0)
        return NULL;
    return &l->defs.v[l->by_name[*it]];
}

static val sym_val(evctx *c, const char *sym, mm_kc_value *why);

static val entry_val(const mm_kc_entry *e)
{
    if (e->state == MM_KC_UNSET)
        return (val){V_N, "n"};
    if (!e->quoted && e->vlen == 1 && (e->value[0] == 'y' || e->value[0] == 'm'))
        return (val){V_Y, "y"};
    return (val){V_STR, e->value};
}

static bool truthy(val x)
{
    return x.k == V_Y || (x.k == V_STR && x.s && *x.s && strcmp(x.s, "n") != 0);
}

/* 1 true, 0 false, -1 unknown */
static int ev(evctx *c, const kexpr *e);

static val ev_val(evctx *c, const kexpr *e)
{
    if (!e)
        return (val){V_UNKNOWN, NULL};
    if (e->op == E_STR)
        return (val){V_STR, e->s};
    if (e->op == E_SYM) {
        if (!strcmp(e->s, "y") || !strcmp(e->s, "m"))
            return (val){V_Y, "y"};
        if (!strcmp(e->s, "n"))
            return (val){V_N, "n"};
        if (e->s[0] == '$')
            return (val){V_UNKNOWN, NULL};
        bool num = true;
        for (const char *q = e->s; *q && num; q++)
            num = (*q >= '0' && *q <= '9') || *q == 'x' || *q == 'X' || *q == '-' ||
                  (*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F');
        bool sym = false;
        for (const char *q = e->s; *q && !sym; q++)
            sym = (*q >= 'A' && *q <= 'Z') || *q == '_';
        if (num && !sym)
            return (val){V_STR, e->s};
        return sym_val(c, e->s, NULL);
    }
    int t = ev(c, e);
    return t < 0 ? (val){V_UNKNOWN, NULL} : t ? (val){V_Y, "y"} : (val){V_N, "n"};
}

static int cmp_vals(val x, val y, eop op)
{
    if (x.k == V_UNKNOWN || y.k == V_UNKNOWN)
        return -1;
    const char *a = x.k == V_N ? "n" : x.s, *b = y.k == V_N ? "n" : y.s;
    if (op == E_EQ || op == E_NE) {
        bool eq = !strcmp(a, b);
        return op == E_EQ ? eq : !eq;
    }
    char *ea, *eb;
    long long ia = strtoll(a, &ea, 0), ib = strtoll(b, &eb, 0);
    if (*ea || *eb)
        return -1;
    switch (op) {
    case E_LT: return ia < ib;
    case E_LE: return ia <= ib;
    case E_GT: return ia > ib;
    default: return ia >= ib;
    }
}

static int ev(evctx *c, const kexpr *e)
{
    if (!e)
        return 1;
    switch (e->op) {
    case E_NOT: {
        int t = ev(c, e->a);
        return t < 0 ? -1 : !t;
    }
    case E_AND: {
        int x = ev(c, e->a);
        if (x == 0)
            return 0;
        int y = ev(c, e->b);
        if (y == 0)
            return 0;
        return x < 0 || y < 0 ? -1 : 1;
    }
    case E_OR: {
        int x = ev(c, e->a);
        if (x == 1)
            return 1;
        int y = ev(c, e->b);
        if (y == 1)
            return 1;
        return x < 0 || y < 0 ? -1 : 0;
    }
    case E_SYM:
    case E_STR: {
        val x = ev_val(c, e);
        return x.k == V_UNKNOWN ? -1 : truthy(x);
    }
    default:
        return cmp_vals(ev_val(c, e->a), ev_val(c, e->b), e->op);
    }
}

static const mm_kc_entry *layer_get(const mm_kconfig *kc, const char *prefix, const char *sym)
{
    if (!kc)
        return NULL;
    char key[256];
    if ((size_t)snprintf(key, sizeof key, "%s%s", prefix, sym) >= sizeof key)
        return NULL;
    return mm_kconfig_get(kc, key);
}

/* Is sym selected (or implied, when imply) by a symbol that is y? Fills why. */
static bool selected(evctx *c, const char *sym, bool imply, mm_kc_value *why)
{
    const mm_kclang *l = c->v->lang;
    size_t lo = 0, hi = l->sels.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(l->sels.v[mid].target, sym) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < l->sels.n && !strcmp(l->sels.v[i].target, sym); i++) {
        const kdef *d = &l->defs.v[l->sels.v[i].def];
        const kprop *p = &d->props[l->sels.v[i].prop];
        if ((p->kind == P_IMPLY) != imply || !visible(c->v, d))
            continue;
        mm_kc_value sw = {0};
        const mm_kc_entry *saved = c->first_own;
        val sv = sym_val(c, d->name, &sw);
        if (sv.k != V_Y || ev(c, p->cond) != 1) {
            c->first_own = saved; /* what this selector read is not the cause */
            continue;
        }
        if (why) {
            why->why = imply ? MM_KCW_IMPLIED : MM_KCW_SELECTED;
            why->selector = d->name;
            why->def_path = d->path;
            why->def_line = p->line;
            /* the file entry behind the selecting symbol, however deep */
            why->entry = sw.entry;
            why->entry_in_base = sw.entry_in_base;
            if (sw.why == MM_KCW_SELECTED || sw.why == MM_KCW_IMPLIED)
                why->selector = sw.selector; /* the chain's first link names the cause */
        }
        return true;
    }
    return false;
}

/* The default the tree's Kconfig gives sym, if it owns the symbol or gives it early. */
static val tree_default(evctx *c, const char *sym, mm_kc_value *why)
{
    const mm_kclang *l = c->v->lang;
    bool owned = false;
    size_t it = SIZE_MAX;
    for (const kdef *d; (d = next_def(l, sym, &it));)
        owned |= d->typed && visible(c->v, d);
    /* defs in reading order: by_name is sorted by name, then index */
    it = SIZE_MAX;
    for (const kdef *d; (d = next_def(l, sym, &it));) {
        if (!visible(c->v, d) || (!owned && !d->early &&
                                  !mm_str_ends(d->path, "Kconfig.defconfig")))
            continue;
        int deps = ev(c, d->deps);
        if (deps == 0 && owned && d->typed) {
            if (why) {
                why->why = MM_KCW_DEFAULT; /* its dependencies are not met: it is n */
                why->def_path = d->path;
                why->def_line = d->line;
            }
            return (val){V_N, "n"};
        }
        for (size_t k = 0; k < d->nprops; k++) {
            const kprop *p = &d->props[k];
            if (p->kind != P_DEFAULT)
                continue;
            int cond = ev(c, p->cond);
            if (cond == 0)
                continue;
            if (cond < 0 || deps < 0)
                return (val){V_UNKNOWN, NULL};
            val x = ev_val(c, p->value);
            if (x.k == V_UNKNOWN)
                return x;
            if (why) {
                why->why = MM_KCW_DEFAULT;
                why->def_path = d->path;
                why->def_line = p->line;
            }
            return x;
        }
    }
    /* a member of a choice: the choice's default picks one */
    it = SIZE_MAX;
    for (const kdef *d; (d = next_def(l, sym, &it));) {
        if (d->choice < 0 || !visible(c->v, d))
            continue;
        const kdef *ch = &l->defs.v[d->choice];
        /* a named choice may be given defaults in several places (a project's Kconfig adds
         * one to the SDK's): every definition of it, in reading order */
        size_t it2 = SIZE_MAX;
        const kdef *cd = ch->name[0] ? next_def(l, ch->name, &it2) : ch;
        for (; cd; cd = ch->name[0] ? next_def(l, ch->name, &it2) : NULL) {
            if (!cd->is_choice || !visible(c->v, cd))
                continue;
            for (size_t k = 0; k < cd->nprops; k++) {
                const kprop *p = &cd->props[k];
                if (p->kind != P_DEFAULT || p->value->op != E_SYM)
                    continue;
                int cond = ev(c, p->cond);
                if (cond == 0)
                    continue;
                if (cond < 0)
                    return (val){V_UNKNOWN, NULL};
                if (why) {
                    why->why = MM_KCW_DEFAULT;
                    why->def_path = cd->path;
                    why->def_line = p->line;
                }
                return !strcmp(p->value->s, sym) ? (val){V_Y, "y"} : (val){V_N, "n"};
            }
        }
    }
    if (owned) {
        /* a symbol of the tree with no default that applies is n */
        it = SIZE_MAX;
        const kdef *d = next_def(l, sym, &it);
        if (why && d) {
            why->why = MM_KCW_DEFAULT;
            why->def_path = d->path;
            why->def_line = d->line;
        }
        return (val){V_N, "n"};
    }
    return (val){V_UNKNOWN, NULL};
}

static val sym_val(evctx *c, const char *sym, mm_kc_value *why)
{
    mm_kc_value tmp = {0};
    if (!why)
        why = &tmp;
    memset(why, 0, sizeof *why);
    if (c->depth > MAX_EVAL_DEPTH)
        return (val){V_UNKNOWN, NULL};
    for (size_t i = 0; i < c->visiting.n; i++) {
        if (!strcmp(c->visiting.v[i], sym))
            return (val){V_UNKNOWN, NULL}; /* a cycle of selects or defaults */
    }
    c->depth++;
    mm_vec_push(&c->visiting, sym);
    const mm_kc_view *v = c->v;
    val r = {V_UNKNOWN, NULL};
    const mm_kc_entry *e = layer_get(v->own, v->prefix, sym);
    bool in_base = false;
    if (!e && v->base) {
        e = layer_get(v->base, v->prefix, sym);
        in_base = e != NULL;
    }
    bool resolved = v->own && v->own->role == MM_KC_RESOLVED;
    if (e) {
        r = entry_val(e);
        if (!in_base && r.k != V_N && !c->first_own)
            c->first_own = e;
        why->why = in_base ? MM_KCW_BASE : MM_KCW_OWN;
        why->entry = e;
        why->entry_in_base = in_base;
        /* a select overrides an explicit n (the tools warn, and build it) */
        if (r.k == V_N && !resolved && v->lang && selected(c, sym, false, why))
            r = (val){V_Y, "y"};
    } else if (v->lang && !resolved) {
        if (selected(c, sym, false, why) || selected(c, sym, true, why))
            r = (val){V_Y, "y"};
        else
            r = tree_default(c, sym, why);
        if (r.k == V_UNKNOWN)
            memset(why, 0, sizeof *why);
    }
    c->visiting.n--;
    c->depth--;
    return r;
}

void mm_kc_derive(const mm_kc_view *v, const char *key, mm_kc_value *out)
{
    memset(out, 0, sizeof *out);
    size_t pl = strlen(v->prefix);
    if (strncmp(key, v->prefix, pl) != 0)
        return;
    evctx c = {v, 0, {0}, NULL};
    val x = sym_val(&c, key + pl, out);
    mm_vec_free(&c.visiting);
    if (x.k == V_UNKNOWN) {
        memset(out, 0, sizeof *out);
        return;
    }
    if (!out->entry && (out->why == MM_KCW_SELECTED || out->why == MM_KCW_IMPLIED ||
                        out->why == MM_KCW_DEFAULT) && c.first_own) {
        out->entry = c.first_own; /* CONFIG_APP_REMOTE=y, through a default that reads it */
        out->entry_in_base = false;
    }
    out->state = x.k == V_N ? MM_KC_UNSET : MM_KC_SET;
    out->value = x.k == V_N ? "n" : x.k == V_Y ? "y" : x.s;
}
