/* cdeep.c: the libclang deep tier. See cdeep.h.
 *
 * A listed translation unit is parsed by libclang with its translated command (ccdb.c), and
 * read whole by the tree-sitter front end. The two are joined call by call, at the place where
 * each call starts in the file (a macro's invocation for what a macro body expands to):
 *
 * - a call both see keeps the tree-sitter tier's facts (contexts, flow facts of cflow.c) with
 *   what the compiler adds: the room of an array argument (clang_getArraySize) and the value of
 *   a constant argument (clang_Cursor_Evaluate) where the shallow tier had none;
 * - a call only the compiler sees (the callee comes out of a macro the tree-sitter tier cannot
 *   follow: one in a header outside the tree, token pasting, a macro that expands to another)
 *   is added with the compiler's facts, `via` naming the macro written there;
 * - a call only the tree-sitter tier sees, in code the compiler compiled, is a misreading (a
 *   macro that takes the name of a function) and is dropped, when the translation unit had no
 *   error and is C (C++ calls the shallow tier records are member and template calls the
 *   compiler may spell elsewhere);
 * - code the preprocessor skipped with the build's flags is not compiled in this configuration
 *   (a note, as code the tree's configuration compiles out), and code it compiled is live,
 *   whatever the shallow tier guessed of its conditions. */
#define _GNU_SOURCE
#include "front/cdeep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/openguard.h"
#include "base/i18n.h"
#include "front/cpp.h"
#include "front/libclang.h"

/* libclang's functions (front/libclang.h), set by the first mm_cdeep_new() */
static const mm_libclang *lc;

struct mm_cdeep {
    CXIndex idx;     /* NULL when libclang could not be loaded ... */
    const char *why; /* ... and why */
};

mm_cdeep *mm_cdeep_new(void)
{
    mm_cdeep *cd = mm_xcalloc(1, sizeof *cd);
    const char *why = NULL;
    lc = mm_libclang_load(&why);
    if (lc)
        cd->idx = lc->clang_createIndex(0, 0);
    else
        cd->why = why;
    return cd;
}

/* What the compiler read besides the unit's own bytes: the headers (mm_file.deep_deps). */
typedef struct deps_ctx {
    mm_file *f;
    CXFile main;
    const char *dir; /* the command's directory: a name clang gives relative to it */
    MM_VEC(const char *) v;
} deps_ctx;

static void add_dep(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
    (void)stack;
    (void)depth;
    deps_ctx *d = data;
    if (d->main && lc->clang_File_isEqual(file, d->main))
        return;
    CXString s = lc->clang_getFileName(file);
    const char *name = lc->clang_getCString(s);
    if (name && *name)
        mm_vec_push(&d->v, name[0] == '/' ? mm_arena_strdup(d->f->arena, name)
                                          : mm_arena_printf(d->f->arena, "%s/%s", d->dir, name));
    lc->clang_disposeString(s);
}

void mm_cdeep_free(mm_cdeep *cd)
{
    if (!cd)
        return;
    if (cd->idx)
        lc->clang_disposeIndex(cd->idx);
    free(cd);
}

/* --- the compiler's calls ---------------------------------------------------------------------- */

typedef struct dcall {
    CXCursor cur;
    const char *name;   /* the function called, or NULL (a pointer, a member) */
    uint32_t at;        /* where the call starts in the file (a macro's invocation) */
    uint32_t end;
    bool in_loop;
    const mm_func *func;
} dcall;

typedef struct dctx {
    mm_file *f;
    CXFile main;
    MM_VEC(dcall) calls;
    const mm_func *func;
    int loops;
} dctx;

static bool file_offset(dctx *d, CXSourceLocation loc, uint32_t *off)
{
    CXFile file = NULL;
    unsigned o = 0;
    lc->clang_getFileLocation(loc, &file, NULL, NULL, &o);
    if (!file || !lc->clang_File_isEqual(file, d->main) || o > d->f->len)
        return false;
    *off = o;
    return true;
}

static const char *spelling(mm_arena *a, CXString s)
{
    const char *c = lc->clang_getCString(s);
    const char *r = mm_arena_strdup(a, c ? c : "");
    lc->clang_disposeString(s);
    return r;
}

static mm_func *make_func(dctx *d, CXCursor c)
{
    mm_func *fn = mm_arena_calloc(d->f->arena, 1, sizeof *fn);
    fn->name = spelling(d->f->arena, lc->clang_getCursorSpelling(c));
    CXSourceRange ext = lc->clang_getCursorExtent(c);
    uint32_t s = 0, e = 0;
    if (file_offset(d, lc->clang_getRangeStart(ext), &s) && file_offset(d, lc->clang_getRangeEnd(ext), &e) &&
        s <= e) {
        fn->span = (mm_span){s, e};
        fn->body = fn->span;
    }
    int n = lc->clang_Cursor_getNumArguments(c);
    if (n > 0) {
        fn->params = mm_arena_calloc(d->f->arena, (size_t)n, sizeof *fn->params);
        for (int i = 0; i < n; i++)
            fn->params[i] = spelling(d->f->arena, lc->clang_getCursorSpelling(lc->clang_Cursor_getArgument(c, (unsigned)i)));
        fn->nparams = (uint32_t)n;
    }
    fn->variadic = lc->clang_Cursor_isVariadic(c) != 0;
    return fn;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    dctx *d = data;
    enum CXCursorKind k = lc->clang_getCursorKind(c);
    if (lc->clang_getCursorKind(parent) == CXCursor_TranslationUnit &&
        !lc->clang_Location_isFromMainFile(lc->clang_getCursorLocation(c)))
        return CXChildVisit_Continue; /* the headers' own declarations */
    if ((k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
         k == CXCursor_Destructor || k == CXCursor_FunctionTemplate) &&
        lc->clang_isCursorDefinition(c)) {
        const mm_func *saved = d->func;
        d->func = make_func(d, c);
        lc->clang_visitChildren(c, visit, d);
        d->func = saved;
        return CXChildVisit_Continue;
    }
    if (k == CXCursor_ForStmt || k == CXCursor_WhileStmt || k == CXCursor_DoStmt) {
        d->loops++;
        lc->clang_visitChildren(c, visit, d);
        d->loops--;
        return CXChildVisit_Continue;
    }
    if (k == CXCursor_CallExpr) {
        dcall dc;
        memset(&dc, 0, sizeof dc);
        dc.cur = c;
        CXSourceRange ext = lc->clang_getCursorExtent(c);
        if (file_offset(d, lc->clang_getRangeStart(ext), &dc.at)) {
            if (!file_offset(d, lc->clang_getRangeEnd(ext), &dc.end) || dc.end < dc.at)
                dc.end = dc.at;
            CXCursor ref = lc->clang_getCursorReferenced(c);
            if (!lc->clang_Cursor_isNull(ref) && lc->clang_getCursorKind(ref) == CXCursor_FunctionDecl)
                dc.name = spelling(d->f->arena, lc->clang_getCursorSpelling(ref));
            dc.in_loop = d->loops > 0;
            dc.func = d->func;
            mm_vec_push(&d->calls, dc);
        }
    }
    return CXChildVisit_Recurse;
}

/* --- arguments ------------------------------------------------------------------------------- */

static enum CXChildVisitResult first_child_of(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Break;
}

static CXCursor first_child(CXCursor c)
{
    CXCursor out = lc->clang_getNullCursor();
    lc->clang_visitChildren(c, first_child_of, &out);
    return out;
}

static enum CXChildVisitResult last_child_of(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Continue;
}

/* The last child: a variable's initializer (after the size of `char b[16] = "..."`). */
static CXCursor last_child(CXCursor c)
{
    CXCursor out = lc->clang_getNullCursor();
    lc->clang_visitChildren(c, last_child_of, &out);
    return out;
}

/* Below implicit conversions and parentheses: the expression as written. */
static CXCursor unwrap(CXCursor c)
{
    for (int i = 0; i < 16; i++) {
        enum CXCursorKind k = lc->clang_getCursorKind(c);
        if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr)
            break;
        CXCursor ch = first_child(c);
        if (lc->clang_Cursor_isNull(ch))
            break;
        c = ch;
    }
    return c;
}

/* The identifier at off in the file, or NULL. */
static const char *ident_at(mm_file *f, uint32_t off, uint32_t *len)
{
    const char *p = f->data + off, *end = f->data + f->len;
    const char *q = p;
    while (q < end && (*q == '_' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                       (q > p && *q >= '0' && *q <= '9')))
        q++;
    *len = (uint32_t)(q - p);
    return q > p ? mm_arena_strndup(f->arena, p, (size_t)(q - p)) : NULL;
}

/* The end of a macro invocation NAME(...) that starts at off: after its closing parenthesis. */
static uint32_t invocation_end(mm_file *f, uint32_t off, uint32_t name_len)
{
    uint32_t i = off + name_len;
    while (i < f->len && (f->data[i] == ' ' || f->data[i] == '\t'))
        i++;
    if (i >= f->len || f->data[i] != '(')
        return off + name_len;
    int depth = 0;
    char quote = 0;
    for (; i < f->len; i++) {
        char ch = f->data[i];
        if (quote) {
            if (ch == '\\')
                i++;
            else if (ch == quote)
                quote = 0;
        } else if (ch == '"' || ch == '\'') {
            quote = ch;
        } else if (ch == '(') {
            depth++;
        } else if (ch == ')' && --depth == 0) {
            return i + 1;
        }
    }
    return off + name_len;
}

/* What the compiler knows of an argument: its room when it is an array, its value when it is
 * constant. */
static void deep_sizes(dctx *d, CXCursor e, mm_arg *a)
{
    CXType t = lc->clang_getCursorType(e);
    if (!a->cap.known && t.kind == CXType_ConstantArray) {
        long long n = lc->clang_getArraySize(t);
        if (n > 0) {
            const char *elem = spelling(d->f->arena, lc->clang_getTypeSpelling(lc->clang_getArrayElementType(t)));
            a->cap.known = true;
            a->cap.k = n;
            a->cap.why = mm_arena_printf(d->f->arena, "%s %s[%lld]", elem,
                                         a->name ? a->name : a->text ? a->text : "", n);
        }
    }
    if (!a->ranged && lc->clang_getCursorKind(e) != CXCursor_StringLiteral) {
        CXEvalResult r = lc->clang_Cursor_Evaluate(e);
        if (r) {
            if (lc->clang_EvalResult_getKind(r) == CXEval_Int) {
                long long v = lc->clang_EvalResult_isUnsignedInt(r)
                                  ? (long long)lc->clang_EvalResult_getAsUnsigned(r)
                                  : lc->clang_EvalResult_getAsLongLong(r);
                a->ranged = true;
                a->imin = a->imax = v;
            }
            lc->clang_EvalResult_dispose(r);
        }
    }
}

/* The base identifier and the name of an expression: `cfg` and `password` for cfg.password. */
static void deep_names(dctx *d, CXCursor e, mm_arg *a)
{
    mm_arena *ar = d->f->arena;
    CXCursor c = e;
    for (int i = 0; i < 16; i++) {
        enum CXCursorKind k = lc->clang_getCursorKind(c);
        if (k == CXCursor_DeclRefExpr) {
            const char *s = spelling(ar, lc->clang_getCursorSpelling(c));
            if (!a->name)
                a->name = s;
            a->base = s;
            return;
        }
        if (k == CXCursor_MemberRefExpr && !a->name)
            a->name = spelling(ar, lc->clang_getCursorSpelling(c));
        if (k != CXCursor_MemberRefExpr && k != CXCursor_ArraySubscriptExpr &&
            k != CXCursor_UnaryOperator && k != CXCursor_CStyleCastExpr &&
            k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr)
            return;
        c = first_child(c);
        if (lc->clang_Cursor_isNull(c))
            return;
    }
}

static void deep_arg(dctx *d, CXCursor raw, mm_arg *a)
{
    mm_file *f = d->f;
    CXCursor e = unwrap(raw);
    CXSourceRange ext = lc->clang_getCursorExtent(e);
    uint32_t s = 0, t = 0;
    if (file_offset(d, lc->clang_getRangeStart(ext), &s) && file_offset(d, lc->clang_getRangeEnd(ext), &t) &&
        s < t && t - s < 4096) {
        a->span = (mm_span){s, t};
        a->text = mm_arena_collapse(f->arena, f->data + s, t - s);
    } else {
        a->span = (mm_span){s, s};
        a->text = spelling(f->arena, lc->clang_getCursorSpelling(e));
    }
    enum CXCursorKind k = lc->clang_getCursorKind(e);
    if (k == CXCursor_StringLiteral) {
        /* libclang evaluates a literal through the conversion around it (the argument as the
         * call holds it), not the bare literal */
        CXEvalResult r = lc->clang_Cursor_Evaluate(raw);
        if (r && lc->clang_EvalResult_getKind(r) != CXEval_StrLiteral) {
            lc->clang_EvalResult_dispose(r);
            r = NULL;
        }
        if (!r)
            r = lc->clang_Cursor_Evaluate(e);
        if (r && lc->clang_EvalResult_getKind(r) == CXEval_StrLiteral) {
            const char *v = lc->clang_EvalResult_getAsStr(r);
            a->kind = MM_ARG_STRING;
            a->str = mm_arena_strdup(f->arena, v ? v : "");
            a->str_len = (uint32_t)strlen(a->str);
            a->str_exact = true;
            a->str_span = a->span;
            a->konst = true;
            a->len = (mm_len){true, a->str_len, NULL, 0,
                              mm_arena_printf(f->arena, "%s (%u chars)", a->text, a->str_len)};
            a->cap = (mm_len){true, (int64_t)a->str_len + 1, NULL, 0, a->len.why};
        }
        if (r)
            lc->clang_EvalResult_dispose(r);
        return;
    }
    if (k == CXCursor_IntegerLiteral || k == CXCursor_CharacterLiteral ||
        k == CXCursor_FloatingLiteral) {
        a->kind = MM_ARG_NUMBER;
        if (k == CXCursor_FloatingLiteral)
            a->real = 2;
    }
    deep_names(d, e, a);
    if (a->kind == MM_ARG_OTHER && a->name)
        a->kind = MM_ARG_IDENT;
    deep_sizes(d, e, a);
    /* a name that can only ever hold one literal: `static const char fmt[] = "..."`,
     * `const char *const fmt = "..."` — its text is program text */
    if (k == CXCursor_DeclRefExpr) {
        CXCursor v = lc->clang_getCursorReferenced(e);
        if (!lc->clang_Cursor_isNull(v) && lc->clang_getCursorKind(v) == CXCursor_VarDecl) {
            CXType vt = lc->clang_getCursorType(v);
            bool fixed = vt.kind == CXType_ConstantArray
                             ? lc->clang_isConstQualifiedType(lc->clang_getArrayElementType(vt)) != 0
                             : vt.kind == CXType_Pointer && lc->clang_isConstQualifiedType(vt) &&
                                   lc->clang_isConstQualifiedType(lc->clang_getPointeeType(vt));
            CXEvalResult r = fixed ? lc->clang_Cursor_Evaluate(v) : NULL;
            /* an array initialised by a literal is not evaluated by libclang: its initializer
             * says it, and its size bounds the text */
            CXCursor init = fixed && vt.kind == CXType_ConstantArray ? unwrap(last_child(v))
                                                                      : lc->clang_getNullCursor();
            if (!lc->clang_Cursor_isNull(init) && lc->clang_getCursorKind(init) == CXCursor_StringLiteral) {
                a->konst = true;
                long long n = lc->clang_getArraySize(vt);
                if (!a->len.known && n > 0)
                    a->len = (mm_len){true, n - 1, NULL, 0,
                                      mm_arena_printf(f->arena, "%s (at most %lld chars)",
                                                      a->text, n - 1)};
            }
            if (r && lc->clang_EvalResult_getKind(r) == CXEval_StrLiteral) {
                const char *sv = lc->clang_EvalResult_getAsStr(r);
                a->konst = true;
                if (!a->len.known)
                    a->len = (mm_len){true, (int64_t)strlen(sv ? sv : ""), NULL, 0,
                                      mm_arena_printf(f->arena, "%s (%zu chars)", a->text,
                                                      strlen(sv ? sv : ""))};
            }
            if (r)
                lc->clang_EvalResult_dispose(r);
        }
    }
}

/* --- joining the tiers ------------------------------------------------------------------------ */

static int cmp_dcall(const void *a, const void *b)
{
    const dcall *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

static bool in_ranges(const mm_span *r, uint32_t n, uint32_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (off < r[mid].start)
            hi = mid;
        else if (off >= r[mid].end)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static int deep_cond_at(mm_file *f, uint32_t off, const char **why)
{
    const char *w = NULL;
    int st = mm_pp_cond_at(f, off, &w);
    if (f->cf && in_ranges(f->cf->skipped, f->cf->nskipped, off)) {
        if (st == MM_COND_DEAD) {
            *why = w;
            return MM_COND_DEAD;
        }
        *why = _("not compiled with the build's command (compile_commands.json)");
        return MM_COND_OFF;
    }
    *why = NULL;
    return MM_COND_LIVE; /* the compiler compiled it */
}

static bool wanted(const mm_file *f, const char *name, const mm_arg *args, uint32_t nargs)
{
    if (mm_wants_callee(f->wants, name) || mm_wants_copy_call(f->wants, name))
        return true;
    for (uint32_t i = 0; f->wants->literal_calls && i < nargs; i++) {
        if (args[i].kind == MM_ARG_STRING)
            return true;
    }
    return false;
}

static void add_call(mm_cfacts *fa, mm_arena *ar, const mm_call *c)
{
    if (fa->ncalls == fa->capcalls) {
        uint32_t cap = fa->capcalls ? fa->capcalls * 2 : 16;
        mm_call *v = mm_arena_alloc(ar, cap * sizeof *v);
        if (fa->ncalls)
            memcpy(v, fa->calls, fa->ncalls * sizeof *v);
        fa->calls = v;
        fa->capcalls = cap;
    }
    fa->calls[fa->ncalls++] = *c;
}

/* The tree-sitter tier's function that starts where the compiler's does, so that a call both
 * see and a call only the compiler sees share one. */
static const mm_func *shallow_func(const mm_cfacts *fa, const mm_func *deep)
{
    for (uint32_t i = 0; deep && i < fa->ncalls; i++) {
        const mm_func *fn = fa->calls[i].func;
        if (fn && fn->name && !strcmp(fn->name, deep->name) && fn->span.start <= deep->span.end &&
            deep->span.start <= fn->span.end && !fa->calls[i].in_macro)
            return fn;
    }
    return deep;
}

static void join(dctx *d, bool may_drop)
{
    mm_file *f = d->f;
    mm_cfacts *fa = f->cf;
    mm_sort(d->calls.v, d->calls.n, sizeof *d->calls.v, cmp_dcall);
    uint8_t *matched = mm_arena_calloc(f->arena, d->calls.n ? d->calls.n : 1, 1);
    /* the shallow tier's calls: enriched, kept or dropped */
    uint32_t kept = 0, nshallow = fa->ncalls;
    for (uint32_t i = 0; i < nshallow; i++) {
        mm_call *c = &fa->calls[i];
        /* the compiler's calls that start where this one does */
        size_t lo = 0, hi = d->calls.n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (d->calls.v[mid].at < c->span.start)
                lo = mid + 1;
            else
                hi = mid;
        }
        bool any = false, same = false;
        for (size_t j = lo; j < d->calls.n && d->calls.v[j].at == c->span.start; j++) {
            any = true;
            const dcall *dc = &d->calls.v[j];
            if (!dc->name || strcmp(dc->name, c->name) || matched[j])
                continue;
            same = true;
            matched[j] = 1;
            int na = lc->clang_Cursor_getNumArguments(dc->cur);
            for (uint32_t a = 0; na > 0 && a < c->nargs && a < (uint32_t)na; a++) {
                CXCursor e = unwrap(lc->clang_Cursor_getArgument(dc->cur, a));
                deep_sizes(d, e, &c->args[a]);
            }
            break;
        }
        if (!same && !c->in_macro && !c->member && !c->qualified && may_drop &&
            !in_ranges(fa->skipped, fa->nskipped, c->span.start) &&
            (any || !c->via)) {
            /* the compiler calls something else here, or nothing: a misreading */
            continue;
        }
        fa->calls[kept++] = *c;
    }
    fa->ncalls = kept;
    /* the compiler's calls the shallow tier did not see */
    for (size_t j = 0; j < d->calls.n; j++) {
        const dcall *dc = &d->calls.v[j];
        if (matched[j] || !dc->name)
            continue;
        int na = lc->clang_Cursor_getNumArguments(dc->cur);
        mm_call c;
        memset(&c, 0, sizeof c);
        c.callee = dc->name;
        c.name = dc->name;
        if (na > 0) {
            c.args = mm_arena_calloc(f->arena, (size_t)na, sizeof *c.args);
            c.nargs = (uint32_t)na;
            for (int a = 0; a < na; a++)
                deep_arg(d, lc->clang_Cursor_getArgument(dc->cur, (unsigned)a), &c.args[a]);
        }
        if (!wanted(f, dc->name, c.args, c.nargs))
            continue;
        uint32_t nl = 0;
        const char *written = ident_at(f, dc->at, &nl);
        /* the same call the shallow tier has, under another start (it cut the expression
         * elsewhere): not a new one */
        bool dup = false;
        for (uint32_t i = 0; i < fa->ncalls && !dup; i++)
            dup = !strcmp(fa->calls[i].name, dc->name) && fa->calls[i].name_span.start >= dc->at &&
                  fa->calls[i].name_span.start < (dc->end > dc->at ? dc->end : dc->at + 1);
        if (dup)
            continue;
        c.name_span = (mm_span){dc->at, dc->at + nl};
        if (written && strcmp(written, dc->name)) {
            c.via = written;
            c.span = (mm_span){dc->at, invocation_end(f, dc->at, nl)};
        } else {
            c.span = (mm_span){dc->at, dc->end > dc->at ? dc->end : dc->at + nl};
        }
        c.in_loop = dc->in_loop;
        c.func = shallow_func(fa, dc->func);
        add_call(fa, f->arena, &c);
    }
}

/* --- running ------------------------------------------------------------------------------------ */

bool mm_cdeep_run(mm_cdeep *cd, mm_cfront *cf, mm_file *f, const mm_ccmd *cmd)
{
    if (!cd->idx) {
        mm_file_notice(f, 0, MM_NOTICE_WARNING, "deep-fallback",
                       "libclang cannot be loaded (%s); the tree-sitter tier read it", cd->why);
        return false;
    }
    const char **args = mm_xcalloc(cmd->nargs + 5, sizeof *args);
    int nargs = 0;
#ifdef MAMORI_CLANG_RESOURCE_DIR
    /* clang's own headers (stddef.h, stdarg.h), wherever the loaded library sits: libclang
     * sets the resource directory from its own path, over any -resource-dir (CMakeLists.txt) */
    args[nargs++] = "-isystem";
    args[nargs++] = MAMORI_CLANG_RESOURCE_DIR "/include";
#endif
    for (size_t i = 0; i < cmd->nargs; i++)
        args[nargs++] = cmd->args[i];
    const char *dot = strrchr(cmd->file, '.');
    if (dot && (!strcmp(dot, ".ino") || !strcmp(dot, ".pde"))) {
        args[nargs++] = "-x";
        args[nargs++] = "c++";
    }
    /* the bytes the scan read, not whatever the file holds by now */
    struct CXUnsavedFile un = {cmd->file, f->data, (unsigned long)f->len};
    CXTranslationUnit tu = NULL;
    unsigned opts = CXTranslationUnit_DetailedPreprocessingRecord |
                    CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
    mm_open_guard(true); /* no device, FIFO or socket behind an #include (base/openguard.c) */
    enum CXErrorCode rc =
        lc->clang_parseTranslationUnit2(cd->idx, cmd->file, args, nargs, &un, 1, opts, &tu);
    mm_open_guard(false);
    free(args);
    if (rc != CXError_Success || !tu) {
        mm_file_notice(f, 0, MM_NOTICE_WARNING, "deep-fallback",
                       "libclang could not parse this translation unit (error %d); the "
                       "tree-sitter tier read it",
                       (int)rc);
        return false;
    }
    unsigned errors = 0;
    unsigned nd = lc->clang_getNumDiagnostics(tu);
    int first = -1; /* the first error: what the notice names when one is fatal */
    bool fatal = false;
    for (unsigned i = 0; i < nd; i++) {
        CXDiagnostic dg = lc->clang_getDiagnostic(tu, i);
        enum CXDiagnosticSeverity sev = lc->clang_getDiagnosticSeverity(dg);
        if (sev >= CXDiagnostic_Error) {
            errors++;
            if (first < 0)
                first = (int)i;
        }
        fatal |= sev == CXDiagnostic_Fatal;
        lc->clang_disposeDiagnostic(dg);
    }
    if (fatal) {
        CXDiagnostic dg = lc->clang_getDiagnostic(tu, (unsigned)first);
        {
            CXFile file = NULL;
            unsigned line = 0, col = 0;
            lc->clang_getFileLocation(lc->clang_getDiagnosticLocation(dg), &file, &line, &col, NULL);
            CXString fn = lc->clang_getFileName(file);
            CXString msg = lc->clang_getDiagnosticSpelling(dg);
            const char *where = lc->clang_getCString(fn);
            /* a path in the tree is named from the root, like every path of the report */
            const char *shown = where ? where : "?";
            bool in_tree = false;
            size_t fl = strlen(cmd->file), pl = strlen(f->path);
            if (where && !strcmp(where, cmd->file)) {
                shown = f->path;
                in_tree = true;
            } else if (where && fl > pl && !strcmp(cmd->file + fl - pl, f->path) &&
                       !strncmp(where, cmd->file, fl - pl)) {
                shown = where + (fl - pl);
                in_tree = true;
            }
            /* the compiler quotes the tokens it stopped at: of a file outside the tree (one a
             * hostile source or command includes, /etc/shadow, a key) they are not repeated */
            mm_file_notice(f, 0, MM_NOTICE_WARNING, "deep-fallback",
                           "libclang: %s:%u:%u: %s: %s; the tree-sitter tier read this file",
                           shown, line, col,
                           lc->clang_getDiagnosticSeverity(dg) == CXDiagnostic_Fatal
                               ? _("fatal error")
                               : _("error"),
                           in_tree || !where || mm_str_ends(lc->clang_getCString(msg), "file not found")
                               ? lc->clang_getCString(msg)
                               : _("in a file outside the scanned tree (not quoted)"));
            lc->clang_disposeString(fn);
            lc->clang_disposeString(msg);
            lc->clang_disposeDiagnostic(dg);
            lc->clang_disposeTranslationUnit(tu);
            return false;
        }
    }
    /* the shallow tier reads the whole file; its facts are then joined with the compiler's */
    mm_cfront_run(cf, f, true);
    mm_cfacts *fa = f->cf;
    fa->engine = MM_ENGINE_DEEP;
    dctx d;
    memset(&d, 0, sizeof d);
    d.f = f;
    d.main = lc->clang_getFile(tu, cmd->file);
    CXSourceRangeList *sk = d.main ? lc->clang_getSkippedRanges(tu, d.main) : NULL;
    if (sk && sk->count) {
        fa->skipped = mm_arena_calloc(f->arena, sk->count, sizeof *fa->skipped);
        for (unsigned i = 0; i < sk->count; i++) {
            uint32_t s = 0, e = 0;
            if (file_offset(&d, lc->clang_getRangeStart(sk->ranges[i]), &s) &&
                file_offset(&d, lc->clang_getRangeEnd(sk->ranges[i]), &e) && s < e)
                fa->skipped[fa->nskipped++] = (mm_span){s, e};
        }
    }
    if (sk)
        lc->clang_disposeSourceRangeList(sk);
    f->cond_at = deep_cond_at;
    if (d.main)
        lc->clang_visitChildren(lc->clang_getTranslationUnitCursor(tu), visit, &d);
    join(&d, errors == 0 && f->kind == MM_KIND_C);
    mm_vec_free(&d.calls);
    deps_ctx dc = {f, d.main, cmd->dir, {0}};
    lc->clang_getInclusions(tu, add_dep, &dc);
    if (dc.v.n) {
        f->deep_deps = mm_arena_alloc(f->arena, dc.v.n * sizeof *f->deep_deps);
        memcpy(f->deep_deps, dc.v.v, dc.v.n * sizeof *dc.v.v);
        f->ndeep_deps = dc.v.n;
    }
    mm_vec_free(&dc.v);
    lc->clang_disposeTranslationUnit(tu);
    /* what it read depends on headers and on the command: the cache keys it by the command and
     * checks the headers (inputs/cache.c) */
    f->tree_dependent = true;
    return true;
}
