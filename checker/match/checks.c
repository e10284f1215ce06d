/* checks.c: the one list of named conditions a `call` rule can put on a call ("where" and
 * "severity_when" in rule files). Each check reads call facts only. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "front/clex.h"
#include "front/cpp.h"
#include "base/i18n.h"
#include "match/matchers.h"

typedef bool (*check_fn)(const mm_check *c, mm_check_env *env, int arg);

struct mm_check_def {
    const char *name;
    const char *arg_param; /* callee parameter giving the argument when the check has no "arg" */
    bool regex;            /* takes "regex" */
    bool values;           /* takes "values" */
    bool value_filter;     /* takes "value" */
    check_fn eval;
    const char *doc;
};

/* --- helpers ------------------------------------------------------------------------------------ */

static const mm_arg *arg_at(const mm_check_env *env, int i)
{
    if (i < 0 || (uint32_t)i >= env->call->nargs)
        return NULL;
    return &env->call->args[i];
}

static bool norm_match(const mm_regex *re, const char *name)
{
    if (!name || !re)
        return false;
    char norm[256];
    mm_name_norm(norm, sizeof norm, name);
    return mm_regex_test(re, norm, strlen(norm));
}

/* Does the argument name one variable, as a whole (`buf`, `&buf`, `(char *)buf`, not `p->buf`
 * and not the field of an expression that has no base name)? */
static bool names_variable(const mm_arg *a)
{
    return a && a->kind == MM_ARG_IDENT && a->name && a->base && !strcmp(a->name, a->base);
}

static const mm_local *find_local(const mm_check_env *env, const char *name)
{
    const mm_func *fn = env->call->func;
    if (!fn || !name)
        return NULL;
    for (uint32_t i = 0; i < fn->nlocals; i++) {
        if (!strcmp(fn->locals[i].name, name))
            return &fn->locals[i];
    }
    return NULL;
}

static bool is_param(const mm_func *fn, const char *name)
{
    for (uint32_t i = 0; fn && name && i < fn->nparams; i++) {
        if (!strcmp(fn->params[i], name))
            return true;
    }
    return false;
}

/* A string literal, literals joined with macros, a choice of literals, an ALL_CAPS macro
 * (almost always one standing for a literal), or a translated literal: _("..."). */
static bool arg_is_constant(const mm_arg *a)
{
    if (a->kind == MM_ARG_STRING || a->konst)
        return true;
    /* a C++ raw string literal, in a header read as C */
    const char *r = a->text;
    if (*r == 'u' && r[1] == '8')
        r += 2;
    else if (*r == 'u' || *r == 'U' || *r == 'L')
        r++;
    if (r[0] == 'R' && r[1] == '"')
        return true;
    if (!strncmp(a->text, "gettext(\"", 9))
        return true;
    /* a literal in a marker macro: _("..."), N_("..."), PSTR("...") (AVR flash) */
    const char *p = a->text;
    while (isupper((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_')
        p++;
    size_t n = strlen(a->text);
    if (p > a->text && !isdigit((unsigned char)a->text[0]) && !strncmp(p, "(\"", 2) && n >= 2 &&
        !strcmp(a->text + n - 2, "\")"))
        return true;
    if (names_variable(a)) {
        bool caps = true; /* __VA_ARGS__ too: a variadic macro forwards its caller's format */
        for (const char *q = a->name; *q && caps; q++)
            caps = isupper((unsigned char)*q) || isdigit((unsigned char)*q) || *q == '_';
        return caps;
    }
    return false;
}

/* --- sizes: what a copy or a formatted write needs, and the room it has ------------------------
 * The front end proves what it can (model/facts.h: mm_arg.cap, len, held, ranges, konst, and the
 * bounds of checks before the call); these functions put it together for one call and say why. */

/* Longest text an argument can contribute, as a number, or -1. */
static int64_t string_max(const mm_arg *a)
{
    if (!a)
        return -1;
    if (a->len.known && !a->len.nterms)
        return a->len.k;
    if (a->kind == MM_ARG_STRING && a->str_exact)
        return (int64_t)strlen(a->str);
    return -1;
}

static int64_t digits(uint64_t v, unsigned base)
{
    int64_t n = 1;
    while (v >= base) {
        v /= base;
        n++;
    }
    return n;
}

/* Format macros of vendor SDKs (ESP-IDF, ESP8266, Beken, Realtek, ...) that trees use without
 * defining them, their headers being outside the tree: the text all of them give the format,
 * and the macro that stands for its byte arguments (MAC2STR(mac) is mac[0], ..., mac[5]). */
static const struct sdk_format {
    const char *name, *text, *args;
    int nargs;
} sdk_formats[] = {
    {"MACSTR", "%02x:%02x:%02x:%02x:%02x:%02x", "MAC2STR", 6},
    {"MAC_STR", "%02x:%02x:%02x:%02x:%02x:%02x", "MAC2STR", 6},
    {"IPSTR", "%d.%d.%d.%d", "IP2STR", 4},
};

/* The arguments printf conversions read, in order; an argument that is one of the SDK
 * argument macros stands for its bytes, each 0..255. */
typedef struct argcur {
    int arg, sub, nsub;
    mm_arg byte;
} argcur;

static const mm_arg *conv_arg(const mm_check_env *env, argcur *ac)
{
    const mm_arg *a = arg_at(env, ac->arg);
    if (a && !ac->nsub && a->text) {
        for (size_t i = 0; i < MM_ARRAY_LEN(sdk_formats); i++) {
            size_t l = strlen(sdk_formats[i].args);
            if (!strncmp(a->text, sdk_formats[i].args, l) && a->text[l] == '(') {
                ac->nsub = sdk_formats[i].nargs;
                ac->sub = 0;
            }
        }
    }
    if (!ac->nsub)
        return a;
    memset(&ac->byte, 0, sizeof ac->byte);
    ac->byte.kind = MM_ARG_OTHER;
    ac->byte.text = a->text;
    ac->byte.ranged = true;
    ac->byte.imin = 0;
    ac->byte.imax = 255;
    return &ac->byte;
}

static void conv_next(argcur *ac)
{
    if (ac->nsub && ++ac->sub < ac->nsub)
        return;
    ac->nsub = ac->sub = 0;
    ac->arg++;
}

/* Longest output of a printf-family format with its arguments, or -1 when it has no bound.
 * *konst: every conversion takes program text or a number (no %s of text from outside).
 * When the only unbounded conversions are %s of strings whose length is known as strlen() of
 * an expression (a parameter the buffer was sized by), *sym gets the output as such a length:
 * malloc(strlen(a) + strlen(b) + 3) holds sprintf(p, "%s: %s", a, b). */
static int64_t printf_max(const mm_check_env *env, const char *fmt, size_t n, int next_arg,
                          bool *konst, mm_len *sym)
{
    int64_t total = 0;
    const char *terms[32];
    uint32_t nterms = 0;
    argcur ac;
    memset(&ac, 0, sizeof ac);
    ac.arg = next_arg;
    *konst = true;
    for (size_t i = 0; i < n; i++) {
        if (fmt[i] == MM_STR_GAP)
            return -1;
        if (fmt[i] != '%') {
            total++;
            continue;
        }
        i++;
        if (i < n && fmt[i] == '%') {
            total++;
            continue;
        }
        bool alt = false, sign = false;
        while (i < n && strchr("-+ #0'", fmt[i])) {
            alt |= fmt[i] == '#';
            sign |= fmt[i] == '+' || fmt[i] == ' ';
            i++;
        }
        int64_t width = 0, prec = -1;
        if (i < n && fmt[i] == '*')
            return -1;
        while (i < n && isdigit((unsigned char)fmt[i]))
            width = width * 10 + (fmt[i++] - '0');
        if (i < n && fmt[i] == '.') {
            i++;
            if (i < n && fmt[i] == '*')
                return -1;
            prec = 0;
            while (i < n && isdigit((unsigned char)fmt[i]))
                prec = prec * 10 + (fmt[i++] - '0');
        }
        int len = 0; /* 0 none, 1 hh, 2 h, 3 long and longer */
        while (i < n && strchr("hljztLq", fmt[i])) {
            if (fmt[i] == 'h')
                len = len == 2 ? 1 : 2;
            else
                len = 3;
            i++;
        }
        if (i >= n)
            return -1;
        const mm_arg *a = conv_arg(env, &ac);
        bool ranged = a && a->ranged;
        int64_t out;
        char conv = fmt[i];
        switch (conv) {
        case 'd':
        case 'i':
            if (ranged) {
                uint64_t mag = (uint64_t)(a->imax > -a->imin ? a->imax : -a->imin);
                out = digits(mag, 10) + (a->imin < 0 || sign ? 1 : 0);
            } else {
                out = len == 1 ? 4 : len == 2 ? 6 : len == 3 ? 20 : 11;
            }
            break;
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            unsigned base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
            if (ranged && a->imin >= 0) {
                out = digits((uint64_t)a->imax, base);
            } else {
                static const int64_t w[3][4] = {{10, 3, 5, 20}, {8, 2, 4, 16}, {11, 3, 6, 22}};
                int row = base == 10 ? 0 : base == 16 ? 1 : 2;
                out = w[row][len];
            }
            if (alt)
                out += base == 16 ? 2 : base == 8 ? 1 : 0;
            break;
        }
        case 'c':
            out = 1;
            break;
        case 'p':
            out = 18;
            break;
        case 's': {
            int64_t m = string_max(a);
            if (!a || !(a->konst || a->kind == MM_ARG_STRING))
                *konst = false;
            if (prec >= 0 && (m < 0 || prec < m))
                m = prec;
            if (m < 0 && a && a->len.known && a->len.nterms &&
                nterms + a->len.nterms <= MM_ARRAY_LEN(terms)) {
                for (uint32_t t = 0; t < a->len.nterms; t++)
                    terms[nterms++] = a->len.terms[t];
                m = a->len.k > 0 ? a->len.k : 0; /* the terms stand for the rest */
                if (a->len.k < 0)
                    return -1;
            }
            if (m < 0)
                return -1;
            out = m;
            break;
        }
        case 'f':
        case 'F':
            /* a float's largest value has 39 digits before the point; a double's 309 */
            out = (a && a->real == 1 ? 39 : 309) + 2 + (prec >= 0 ? prec : 6);
            break;
        case 'e':
        case 'E':
        case 'g':
        case 'G':
            out = (prec >= 0 ? (prec ? prec : 1) : 6) + 8;
            break;
        default:
            return -1; /* %a, %n and conversions we do not know: no bound we can prove */
        }
        if (prec > out && strchr("diuxXo", conv))
            out = prec;
        total += width > out ? width : out;
        conv_next(&ac);
    }
    if (nterms) {
        if (sym) {
            sym->known = true;
            sym->k = total;
            sym->nterms = nterms;
            sym->terms = mm_arena_alloc(env->file->arena, nterms * sizeof *sym->terms);
            memcpy(sym->terms, terms, nterms * sizeof *terms);
        }
        return -1;
    }
    return total;
}

/* The string a macro of a project header stands for (`#define MACSTR "%02x:%02x:..."` in the
 * tree's hal_wifi.h): one object-like definition whose body is string literals. */
static void header_string(mm_file *file, const char *name, mm_cvalue *v)
{
    uint32_t n = 0;
    const mm_ppmacro *const *ms = mm_pp_lookup(file, name, strlen(name), &n);
    if (!ms || n != 1 || ms[0]->undef || ms[0]->nparams >= 0 || !ms[0]->nbody)
        return;
    const mm_ppmacro *m = ms[0];
    for (uint32_t i = 0; i < m->nbody; i++) {
        if (m->body[i].kind != 's')
            return; /* only literals: another macro on the way is not followed */
    }
    uint32_t st = m->body[0].start;
    uint32_t en = m->body[m->nbody - 1].start + m->body[m->nbody - 1].len;
    char *text = mm_arena_strndup(file->arena, m->src + st, en - st);
    mm_cvalue w;
    mm_c_value(file, text, &w);
    if (w.kind == MM_CV_STRING && w.str_exact)
        *v = w;
}

/* A format argument's text, when it is a literal, with inttypes.h macros ("%" PRIu32) read as
 * their longest form. */
static const char *format_text(const mm_check_env *env, const mm_arg *f, size_t *n)
{
    if (f && f->kind == MM_ARG_IDENT && f->text) {
        /* an SDK's format macro that neither the file nor its headers define */
        for (size_t i = 0; i < MM_ARRAY_LEN(sdk_formats); i++) {
            mm_cvalue v;
            if (strcmp(f->text, sdk_formats[i].name) != 0)
                continue;
            mm_c_value(env->file, f->text, &v);
            if (v.kind == MM_CV_IDENT && !f->konst) {
                *n = strlen(sdk_formats[i].text);
                return sdk_formats[i].text;
            }
        }
    }
    if (!f || !(f->kind == MM_ARG_STRING || f->konst))
        return NULL;
    if (f->kind == MM_ARG_STRING && f->str_exact) {
        *n = f->str_len;
        return f->str;
    }
    mm_cvalue v;
    mm_c_value(env->file, f->text, &v);
    if (v.kind == MM_CV_IDENT && f->kind == MM_ARG_IDENT)
        header_string(env->file, f->text, &v);
    if (v.kind != MM_CV_STRING || v.ambiguous || !v.str)
        return NULL;
    if (v.str_exact) {
        *n = v.str_len;
        return v.str;
    }
    /* "%" PRIu32: each gap is a macro; PRI<conv><width> becomes "ll<conv>" */
    mm_buf b = {0};
    const char *t = f->text;
    size_t gi = 0;
    for (size_t i = 0; i < v.str_len; i++) {
        if (v.str[i] != MM_STR_GAP) {
            mm_buf_putc(&b, v.str[i]);
            continue;
        }
        /* the gi-th identifier outside the literals of the text */
        const char *p = t;
        size_t seen = 0;
        const char *id = NULL;
        size_t idl = 0;
        while (*p) {
            if (*p == '"') {
                p++;
                while (*p && *p != '"') {
                    if (*p == '\\' && p[1])
                        p++;
                    p++;
                }
                if (*p)
                    p++;
                continue;
            }
            if (isalpha((unsigned char)*p) || *p == '_') {
                const char *s0 = p;
                while (isalnum((unsigned char)*p) || *p == '_')
                    p++;
                if (seen++ == gi) {
                    id = s0;
                    idl = (size_t)(p - s0);
                    break;
                }
                continue;
            }
            p++;
        }
        gi++;
        if (!id || idl < 5 || strncmp(id, "PRI", 3) != 0 || !strchr("diouxX", id[3])) {
            mm_buf_free(&b);
            return NULL;
        }
        mm_buf_puts(&b, "ll");
        mm_buf_putc(&b, id[3]);
    }
    *n = b.len;
    const char *out = mm_arena_strndup(env->file->arena, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
    return out;
}

/* What one call writes and where, put together once per call and callee. */
typedef struct sizing {
    bool done;
    mm_len room;       /* the destination's */
    mm_len need;       /* the longest text written, without the NUL (held + appended) */
    bool konst;        /* all of it is program text or numbers */
    bool format;       /* a formatted write */
    bool append;
    mm_len held, added; /* an append: what the destination holds, what is added */
    const char *why;   /* for messages */
} sizing;

static bool numeric_len(const mm_len *l)
{
    return l->known && !l->nterms;
}

/* The terms of need that the room has too are room enough for them; what is left must be a
 * number. need's terms bounded by a check before the call become numbers first. */
static void apply_call_bounds(const mm_call *call, mm_len *need)
{
    if (!need->known || !need->nterms)
        return;
    for (uint32_t i = 0; i < call->nbounds; i++) {
        const mm_len *b = &call->bounds[i];
        if (b->nterms != need->nterms)
            continue;
        bool all = true;
        for (uint32_t k = 0; k < need->nterms && all; k++) {
            bool found = false;
            for (uint32_t j = 0; j < b->nterms && !found; j++)
                found = !strcmp(need->terms[k], b->terms[j]);
            all = found;
        }
        if (all) {
            need->k += b->k;
            need->nterms = 0;
            need->why = b->why;
            return;
        }
    }
}

static bool fits_len(const mm_len *room, const mm_len *need)
{
    if (!room->known || !need->known)
        return false;
    /* every term of need must be one of room's (as many times) */
    bool used[32] = {false};
    if (room->nterms > 32)
        return false;
    for (uint32_t i = 0; i < need->nterms; i++) {
        bool found = false;
        for (uint32_t k = 0; k < room->nterms && !found; k++) {
            if (!used[k] && !strcmp(need->terms[i], room->terms[k]))
                used[k] = found = true;
        }
        if (!found)
            return false;
    }
    return need->k + 1 <= room->k;
}

static const char *len_words(mm_arena *a, const mm_len *l)
{
    if (!l->known)
        return NULL;
    mm_buf b = {0};
    for (uint32_t i = 0; i < l->nterms; i++) {
        /* a printf length term (mm_c_printf_term) reads as the call that measures it */
        if (mm_str_starts(l->terms[i], "printf("))
            mm_buf_printf(&b, "%svsnprintf(NULL,0,%s", i ? " + " : "", l->terms[i] + 7);
        else
            mm_buf_printf(&b, "%sstrlen(%s)", i ? " + " : "", l->terms[i]);
    }
    if (l->nterms && l->k > 0)
        mm_buf_printf(&b, " + %lld", (long long)l->k);
    else if (l->nterms && l->k < 0)
        mm_buf_printf(&b, " - %lld", (long long)-l->k);
    else if (!l->nterms)
        mm_buf_printf(&b, "%lld", (long long)l->k);
    const char *s = mm_arena_strndup(a, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
    return s;
}

static const sizing *size_of(mm_check_env *env, int dest)
{
    sizing *z = env->sizing;
    if (z && z->done)
        return z;
    mm_arena *ar = env->file->arena;
    z = mm_arena_calloc(ar, 1, sizeof *z);
    env->sizing = z;
    z->done = true;
    const mm_callee *ce = env->callee;
    const mm_arg *d = arg_at(env, dest);
    if (d)
        z->room = d->cap;
    z->append = ce->append;
    if (ce->format_arg >= 0) {
        z->format = true;
        const mm_arg *f = arg_at(env, ce->format_arg);
        size_t n = 0;
        const char *fmt = format_text(env, f, &n);
        bool k = false;
        mm_len sym = {0};
        int64_t m = fmt ? printf_max(env, fmt, n, ce->format_arg + 1, &k, &sym) : -1;
        if (m >= 0) {
            z->need.known = true;
            z->need.k = m;
        } else if (sym.known) {
            z->need = sym;
        } else if (!fmt && f && z->room.known && z->room.nterms) {
            /* a format not known here, into room measured by the same format and arguments
             * (buf = malloc(vsnprintf(NULL, 0, fmt, va) + 1); vsprintf(buf, fmt, va)) */
            const mm_call *call = env->call;
            uint32_t from = (uint32_t)ce->format_arg + 1;
            const char *rest[16];
            uint32_t nr = 0;
            for (uint32_t i = from; i < call->nargs && nr < 16; i++)
                rest[nr++] = call->args[i].text;
            const char *term = call->nargs - from <= 16
                                   ? mm_c_printf_term(ar, f->text, rest, nr)
                                   : NULL;
            for (uint32_t i = 0; term && i < z->room.nterms; i++) {
                if (!strcmp(z->room.terms[i], term)) {
                    z->need.known = true;
                    z->need.k = 0;
                    z->need.terms = mm_arena_alloc(ar, sizeof *z->need.terms);
                    z->need.terms[0] = term;
                    z->need.nterms = 1;
                    z->need.why = _("what the same format and arguments measured");
                }
            }
        }
        z->konst = fmt && k;
    } else if (ce->src_arg >= 0) {
        const mm_arg *src = arg_at(env, ce->src_arg);
        if (src) {
            z->need = src->len;
            if (!z->need.known && src->kind == MM_ARG_STRING && src->str_exact) {
                z->need.known = true;
                z->need.k = (int64_t)strlen(src->str);
            }
            z->konst = src->konst || src->kind == MM_ARG_STRING;
        }
        if (ce->append) {
            mm_len held = d ? d->held : (mm_len){0};
            z->held = held;
            z->added = z->need;
            if (held.known && z->need.known) {
                mm_len sum = held;
                sum.k += z->need.k;
                sum.nterms = held.nterms + z->need.nterms;
                if (sum.nterms) {
                    sum.terms = mm_arena_alloc(ar, sum.nterms * sizeof *sum.terms);
                    for (uint32_t i = 0; i < held.nterms; i++)
                        sum.terms[i] = held.terms[i];
                    for (uint32_t i = 0; i < z->need.nterms; i++)
                        sum.terms[held.nterms + i] = z->need.terms[i];
                }
                z->need = sum;
            } else {
                z->need.known = false;
            }
            z->konst = z->konst && ((held.known && !held.nterms) || (d && d->held_konst));
        }
    }
    apply_call_bounds(env->call, &z->need);
    if (!fits_len(&z->room, &z->need) && z->need.nterms) {
        /* the room is a number: a bounded need may still be one */
        apply_call_bounds(env->call, &z->need);
    }
    /* why, in words */
    const char *what = z->format ? _("output") : z->append ? _("text after the append") : _("source");
    const char *nw = len_words(ar, &z->need);
    if (z->append && z->held.known && z->added.known && z->need.known) {
        what = mm_arena_printf(ar, _("held %s and appended %s: text"), len_words(ar, &z->held),
                               len_words(ar, &z->added));
        z->need.why = NULL;
    } else if (z->append && !z->held.known) {
        what = _("text held before the append");
        nw = NULL;
    } else if (!z->append && !z->format && z->need.nterms) {
        nw = NULL; /* strlen() of the source itself: not a length anyone can check */
    }
    const char *rw = numeric_len(&z->room) || z->room.nterms ? len_words(ar, &z->room) : NULL;
    const char *nwhy = z->need.why ? mm_arena_printf(ar, _(" (%s)"), z->need.why) : "";
    const char *rwhy = z->room.why ? mm_arena_printf(ar, _(" (%s)"), z->room.why) : "";
    if (nw && rw)
        z->why = mm_arena_printf(ar, _("%s up to %s chars%s, destination %s%s"), what, nw, nwhy,
                                 rw, rwhy);
    else if (rw)
        z->why = mm_arena_printf(ar, _("%s length unknown, destination %s%s"), what, rw, rwhy);
    else if (nw)
        z->why = mm_arena_printf(ar, _("%s up to %s chars%s, destination size unknown"), what,
                                 nw, nwhy);
    else
        z->why = mm_arena_printf(ar, _("%s length and destination size unknown"), what);
    return z;
}

/* --- the checks ----------------------------------------------------------------------------------- */

static bool chk_format_not_constant(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const mm_arg *a = arg_at(env, arg);
    if (!a)
        return false; /* too few arguments: not the libc function we know */
    if (arg_is_constant(a))
        return false;
    env->detail = a->text;
    return true;
}

static bool chk_arg_constant(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const mm_arg *a = arg_at(env, arg);
    return a && arg_is_constant(a);
}

/* The format is the enclosing function's own parameter and that function is variadic or takes
 * a va_list (a macro body: the macro's parameter, in a variadic macro): a printf-style wrapper,
 * whose callers supply the format. */
static bool chk_format_forwarded(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const mm_arg *a = arg_at(env, arg);
    const mm_func *fn = env->call->func;
    if (!fn || !fn->variadic || !names_variable(a) || strcmp(a->text, a->name) != 0)
        return false;
    return is_param(fn, a->name) && !find_local(env, a->name);
}

static bool chk_scanf_unbounded(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const mm_arg *a = arg_at(env, arg);
    if (!a || a->kind != MM_ARG_STRING)
        return false;
    const char *f = a->str;
    size_t n = a->str_len;
    for (size_t i = 0; i + 1 < n; i++) {
        if (f[i] != '%')
            continue;
        i++;
        if (f[i] == '%')
            continue;
        if (f[i] == '*')
            continue; /* assignment suppressed: nothing is written */
        bool width = false, alloc = false;
        while (i < n && isdigit((unsigned char)f[i])) {
            width = true;
            i++;
        }
        while (i < n && strchr("hljztLqm", f[i]))
            alloc |= f[i++] == 'm'; /* %ms, %m[: the library allocates (POSIX.1-2008) */
        if (i < n && (f[i] == 's' || f[i] == '[') && !width && !alloc) {
            env->detail = f[i] == 's' ? "%s" : "%[";
            return true;
        }
    }
    return false;
}

static bool chk_fits(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const sizing *z = size_of(env, arg);
    env->why = z->why;
    return fits_len(&z->room, &z->need);
}

bool mm_check_fits_pending(const mm_check_list *l, mm_check_env *env, const char **calls,
                           int64_t *k, int64_t *room)
{
    const sizing *z = env->sizing;
    bool negated_fits = false;
    for (size_t i = 0; i < l->n; i++)
        negated_fits |= l->v[i].negate && l->v[i].def->eval == chk_fits;
    if (!negated_fits || !z || !z->done || !numeric_len(&z->room) || !z->need.known ||
        !z->need.nterms || z->need.k < 0 || z->room.k > (1 << 30) || z->need.k > (1 << 30))
        return false;
    mm_buf b = {0};
    for (uint32_t i = 0; i < z->need.nterms; i++) {
        const char *t = z->need.terms[i];
        size_t n = strlen(t);
        bool call = n > 2 && !strcmp(t + n - 2, "()");
        for (size_t j = 0; call && j < n - 2; j++)
            call = isalnum((unsigned char)t[j]) || t[j] == '_';
        if (!call || isdigit((unsigned char)t[0])) {
            mm_buf_free(&b);
            return false;
        }
        mm_buf_printf(&b, "%s%.*s", i ? "\n" : "", (int)(n - 2), t);
    }
    *calls = mm_arena_strndup(env->file->arena, b.data, b.len);
    mm_buf_free(&b);
    *k = z->need.k;
    *room = z->room.k;
    return true;
}

static bool chk_dest_sized(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const sizing *z = size_of(env, arg);
    env->why = z->why;
    return z->room.known;
}

static bool chk_output_bounded(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const sizing *z = size_of(env, arg);
    env->why = z->why;
    return numeric_len(&z->need);
}

static bool chk_overflows(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const sizing *z = size_of(env, arg);
    env->why = z->why;
    return numeric_len(&z->room) && numeric_len(&z->need) && !fits_len(&z->room, &z->need);
}

static bool chk_input_constant(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const sizing *z = size_of(env, arg);
    env->why = z->why;
    return z->konst;
}

static bool chk_arg_literal(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const mm_arg *a = arg_at(env, arg);
    return a && a->kind == MM_ARG_STRING;
}

static bool chk_arg_name(const mm_check *c, mm_check_env *env, int arg)
{
    const mm_arg *a = arg_at(env, arg);
    return a && norm_match(c->regex, a->name);
}

static bool chk_arg_equals(const mm_check *c, mm_check_env *env, int arg)
{
    const mm_arg *a = arg_at(env, arg);
    if (!a)
        return false;
    for (size_t i = 0; i < c->values.n; i++) {
        if (!strcmp(a->text, c->values.v[i]))
            return true;
    }
    return false;
}

static bool chk_context_name(const mm_check *c, mm_check_env *env, int arg)
{
    (void)arg;
    if (norm_match(c->regex, env->call->ctx_name)) {
        env->detail = env->call->ctx_name;
        return true;
    }
    /* written through a macro: the macro's name says where the value goes too (NEW_NONCE()) */
    if (env->call->via && norm_match(c->regex, env->call->via)) {
        env->detail = env->call->via;
        return true;
    }
    return false;
}

static bool word_after(const char *s, size_t from, size_t to, const char *word)
{
    size_t wl = strlen(word);
    const char *p = s + from, *end = s + to;
    while ((p = memmem(p, (size_t)(end - p), word, wl))) {
        bool left = p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        bool right = p + wl >= end || !(isalnum((unsigned char)p[wl]) || p[wl] == '_');
        if (left && right)
            return true;
        p += wl;
    }
    return false;
}

/* Every later mention of the pointer `word` is free(word), and there is one, before it is
 * assigned again (free(p); p = NULL;): the memory it points to dies there unread. */
static bool only_freed_after(const char *s, size_t from, size_t to, const char *word)
{
    size_t wl = strlen(word);
    const char *p = s + from, *end = s + to;
    bool freed = false;
    while ((p = memmem(p, (size_t)(end - p), word, wl))) {
        bool left = p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        bool right = p + wl >= end || !(isalnum((unsigned char)p[wl]) || p[wl] == '_');
        if (left && right) {
            const char *b = p, *e = p + wl;
            while (e < end && (*e == ' ' || *e == '\t'))
                e++;
            if (e + 1 < end && e[0] == '=' && e[1] != '=' && b > s + from &&
                (b[-1] == ' ' || b[-1] == '\t' || b[-1] == ';' || b[-1] == '\n' || b[-1] == '{'))
                return freed; /* p = ...: what follows is about other memory */
            e = p + wl;
            while (b > s + from && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
            if (b == s + from || b[-1] != '(')
                return false;
            b--;
            while (b > s + from && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
            bool is_free = b - (s + from) >= 4 && !memcmp(b - 4, "free", 4) &&
                           (b - 4 == s || !(isalnum((unsigned char)b[-5]) || b[-5] == '_'));
            while (e < end && (*e == ' ' || *e == '\t'))
                e++;
            if (!is_free || e >= end || *e != ')')
                return false;
            freed = true;
        }
        p += wl;
    }
    return freed;
}

static bool chk_arg_dead_local(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const mm_arg *a = arg_at(env, arg);
    const mm_call *call = env->call;
    if (!a || a->kind != MM_ARG_IDENT || !a->base || !call->func || call->in_loop)
        return false;
    const mm_local *l = find_local(env, a->base);
    if (!l || l->is_static)
        return false; /* static storage outlives the call: the store stays */
    const char *data = env->file->data;
    if (l->is_pointer) {
        /* the pointee is not the function's own, unless it is freed next and never read */
        return only_freed_after(data, call->span.end, call->func->body.end, a->base);
    }
    /* the buffer is never read again before the function ends: the compiler may drop the store */
    return !word_after(data, call->span.end, call->func->body.end, a->base);
}

static bool chk_callee_is(const mm_check *c, mm_check_env *env, int arg)
{
    (void)arg;
    for (size_t i = 0; i < c->values.n; i++) {
        if (!strcmp(env->call->name, c->values.v[i]))
            return true;
    }
    return false;
}

/* Copies text without spaces into out (bounded); false when it does not fit. */
static bool squeeze(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && s[i]; i++) {
        if (s[i] == ' ')
            continue;
        if (k + 1 >= cap)
            return false;
        out[k++] = s[i];
    }
    out[k] = 0;
    return true;
}

static bool chk_size_is_dest_size(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const mm_arg *size = arg_at(env, arg);
    const mm_arg *dest = arg_at(env, env->callee->dest_arg);
    if (!size || !dest || strncmp(size->text, "sizeof", 6) != 0)
        return false;
    const char *rest = size->text + 6;
    if (*rest != ' ' && *rest != '(')
        return false; /* sizeofx: another identifier */
    while (*rest == ' ')
        rest++;
    size_t n = strlen(rest);
    if (n >= 2 && rest[0] == '(' && rest[n - 1] == ')') {
        rest++;
        n -= 2;
    }
    char a[256], b[256];
    if (!squeeze(rest, n, a, sizeof a) || !squeeze(dest->text, strlen(dest->text), b, sizeof b))
        return false;
    if (strcmp(a, b) != 0)
        return false;
    env->detail = size->text;
    return true;
}

static bool chk_arg_secret(const mm_check *c, mm_check_env *env, int arg)
{
    const mm_arg *a = arg_at(env, arg);
    if (!a || a->kind != MM_ARG_STRING || !a->str_exact)
        return false;
    if (!mm_valfilter_pass(&c->vf, a->str, a->str_len))
        return false;
    env->secret_arg = a;
    return true;
}

/* --- constants, types and places (checks that read beyond the call's own text) ---------------- */

/* The detail for text whose value, through `#define`s of the same file, is one of values (the
 * value and the macro it came through, or text as written), or NULL when it is none of them. */
static const char *value_in(const mm_check *c, mm_check_env *env, const char *text)
{
    mm_cvalue v;
    mm_c_value(env->file, text, &v);
    if (!mm_cvalue_in(&v, c->values.v, c->values.n))
        return NULL;
    if (v.via)
        return mm_arena_printf(env->file->arena, "%s (through %s)", v.text ? v.text : "", v.via);
    return text;
}

/* The argument's value, through `#define`s of the same file, is one of values. */
static bool chk_arg_value(const mm_check *c, mm_check_env *env, int arg)
{
    const mm_arg *a = arg_at(env, arg);
    const char *detail = a ? value_in(c, env, a->text) : NULL;
    if (!detail)
        return false;
    env->detail = detail;
    return true;
}

/* The argument is constant text (a literal, literals joined, or a macro of the same file that
 * stands for them) and its value matches regex. */
static bool chk_arg_string(const mm_check *c, mm_check_env *env, int arg)
{
    const mm_arg *a = arg_at(env, arg);
    if (!a)
        return false;
    const char *str = a->str;
    size_t len = a->str_len;
    mm_cvalue v;
    if (a->kind != MM_ARG_STRING) {
        mm_c_value(env->file, a->text, &v);
        if (v.kind != MM_CV_STRING || v.ambiguous)
            return false;
        str = v.str;
        len = v.str_len;
    }
    if (!str || !mm_regex_test(c->regex, str, len))
        return false;
    /* the value is source text (a URL, a mode), not a secret: show it, up to the first gap */
    const char *gap = memchr(str, MM_STR_GAP, len);
    env->detail = mm_arena_strndup(env->file->arena, str, gap ? (size_t)(gap - str) : len);
    return true;
}

static bool chk_arg_text(const mm_check *c, mm_check_env *env, int arg)
{
    const mm_arg *a = arg_at(env, arg);
    return a && mm_regex_test(c->regex, a->text, strlen(a->text));
}

/* The argument is `&x` and the last value given to x before the call, in its function (or at
 * file scope), is one of values: `int verify = TLS_PEER_VERIFY_NONE; setsockopt(..., &verify, ...)`.
 * A compound literal `&(int){ TLS_PEER_VERIFY_NONE }` is read directly. */
static bool chk_arg_points_to(const mm_check *c, mm_check_env *env, int arg)
{
    const mm_arg *a = arg_at(env, arg);
    if (!a || a->text[0] != '&')
        return false;
    const char *p = a->text + 1;
    while (*p == ' ')
        p++;
    const char *val = NULL;
    const char *brace = strchr(p, '{');
    if (*p == '(' && brace) {
        const char *end = strrchr(brace, '}');
        if (!end || end <= brace)
            return false;
        val = mm_arena_strndup(env->file->arena, brace + 1, (size_t)(end - brace - 1));
    } else {
        size_t n = 0;
        while (isalnum((unsigned char)p[n]) || p[n] == '_')
            n++;
        if (!n || p[n])
            return false; /* &cfg.field, &buf[0]: not a plain variable */
        char *name = mm_arena_strndup(env->file->arena, p, n);
        const mm_func *fn = env->call->func;
        if (fn)
            val = mm_clex_last_value(env->file, name, fn->span.start, env->call->span.start);
        if (!val)
            val = mm_clex_last_value(env->file, name, 0, fn ? fn->span.start : env->call->span.start);
        const char *detail = val ? value_in(c, env, val) : NULL;
        if (!detail)
            return false;
        env->detail = mm_arena_printf(env->file->arena, "%s = %s", name, detail);
        return true;
    }
    const char *detail = value_in(c, env, val);
    if (!detail)
        return false;
    env->detail = detail;
    return true;
}

static bool type_in(const mm_check *c, const char *type)
{
    for (size_t i = 0; type && i < c->values.n; i++) {
        if (!strcmp(type, c->values.v[i]))
            return true;
    }
    return false;
}

/* The identifier at the start of an expression: `client` for client, *client, client.get(). */
static const char *base_ident(mm_check_env *env, const char *text)
{
    while (*text == '*' || *text == '&' || *text == ' ')
        text++;
    size_t n = 0;
    while (isalnum((unsigned char)text[n]) || text[n] == '_')
        n++;
    return n && !isdigit((unsigned char)text[0]) ? mm_arena_strndup(env->file->arena, text, n)
                                                  : NULL;
}

/* The variable at the start of expr (NULL: none) is declared before the call with one of the
 * types in values. */
static bool declared_type_in(const mm_check *c, mm_check_env *env, const char *expr)
{
    const char *name = expr ? base_ident(env, expr) : NULL;
    if (!name)
        return false;
    const char *type = mm_clex_declared_type(env->file, name, env->call->span.start);
    if (!type_in(c, type))
        return false;
    env->detail = type;
    return true;
}

static bool chk_arg_declared_type(const mm_check *c, mm_check_env *env, int arg)
{
    const mm_arg *a = arg_at(env, arg);
    return declared_type_in(c, env, a ? a->text : NULL);
}

static bool chk_object_declared_type(const mm_check *c, mm_check_env *env, int arg)
{
    (void)arg;
    return declared_type_in(c, env, env->call->object);
}

/* The argument moves through a buffer: `in + off`, `&in[i]`, `in[i]` with a variable index. */
static bool chk_arg_offset(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    const mm_arg *a = arg_at(env, arg);
    if (!a)
        return false;
    const char *t = a->text;
    if (strchr(t, '+'))
        return true;
    const char *b = strchr(t, '[');
    if (!b)
        return false;
    const char *e = strchr(b, ']');
    for (const char *q = b + 1; e && q < e; q++) {
        if (isalpha((unsigned char)*q) || *q == '_')
            return true;
    }
    return false;
}

static bool chk_in_loop(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    (void)arg;
    return env->call->in_loop;
}

/* Test code: a test directory or file name (mm_path_is_test), or a function named test_... */
static bool chk_in_test_code(const mm_check *c, mm_check_env *env, int arg)
{
    (void)c;
    (void)arg;
    if (mm_path_is_test(env->file->path))
        return true;
    const mm_func *fn = env->call->func;
    return fn && fn->name && !env->call->in_macro &&
           (!strncasecmp(fn->name, "test_", 5) || !strncmp(fn->name, "Test", 4) ||
            !strncmp(fn->name, "TEST", 4));
}

static bool chk_function_name(const mm_check *c, mm_check_env *env, int arg)
{
    (void)arg;
    const mm_func *fn = env->call->func;
    return fn && fn->name && !env->call->in_macro && norm_match(c->regex, fn->name);
}

/* The file calls one of values anywhere ("name", "Obj.method", "*.method", "prefix*"), outside
 * comments and strings. */
static bool chk_file_calls(const mm_check *c, mm_check_env *env, int arg)
{
    (void)arg;
    const mm_clex *x = mm_clex_get(env->file);
    for (size_t i = 0; i < c->values.n; i++) {
        if (mm_clex_calls(x, c->values.v[i])) {
            env->detail = c->values.v[i];
            return true;
        }
    }
    return false;
}

static bool chk_file_mentions(const mm_check *c, mm_check_env *env, int arg)
{
    (void)arg;
    const mm_clex *x = mm_clex_get(env->file);
    for (size_t i = 0; i < c->values.n; i++) {
        if (mm_clex_mentions(x, c->values.v[i]))
            return true;
    }
    return false;
}

static const mm_check_def check_defs[] = {
    /* name                  arg from       regex  values vfilter eval */
    {"format-not-constant", "format_arg", false, false, false, chk_format_not_constant,
     "the format argument is not a string literal (or an ALL_CAPS macro)"},
    {"format-forwarded", "format_arg", false, false, false, chk_format_forwarded,
     "the format is a parameter of the enclosing variadic (or va_list) function or macro"},
    {"arg-constant", "arg", false, false, false, chk_arg_constant,
     "the argument is constant text: literal(s), a choice of literals, an ALL_CAPS macro"},
    {"scanf-unbounded", "format_arg", false, false, false, chk_scanf_unbounded,
     "the constant format has %s or %[ without a field width"},
    {"fits", "dest_arg", false, false, false, chk_fits,
     "the longest text the call writes (source, text held plus text appended, formatted "
     "output) and its NUL fit the room the destination is known to have"},
    {"fits-destination", "dest_arg", false, false, false, chk_fits,
     "the same as fits (its former name)"},
    {"dest-sized", "dest_arg", false, false, false, chk_dest_sized,
     "the room the destination has is known (an array, an allocation of a known size)"},
    {"output-bounded", "dest_arg", false, false, false, chk_output_bounded,
     "the longest text the call writes is a known number of characters"},
    {"overflows", "dest_arg", false, false, false, chk_overflows,
     "both the room and the longest text are known numbers, and the text with its NUL does "
     "not fit"},
    {"input-constant", "dest_arg", false, false, false, chk_input_constant,
     "all the call writes is program text or numbers: literals, constants, integers"},
    {"arg-literal", "arg", false, false, false, chk_arg_literal,
     "the argument is a string literal"},
    {"arg-name", "arg", true, false, false, chk_arg_name,
     "the argument's name (normalised) matches regex"},
    {"arg-equals", "arg", false, true, false, chk_arg_equals,
     "the argument's text is one of values"},
    {"context-name", NULL, true, false, false, chk_context_name,
     "where the result goes (assigned name, returning function, receiving call, or the macro "
     "the call is written through) matches regex"},
    {"arg-dead-local", "arg", false, false, false, chk_arg_dead_local,
     "the argument is a local (not static) not used again in the function, outside loops; a "
     "local pointer only when it is freed next"},
    {"arg-secret", "arg", false, false, true, chk_arg_secret,
     "the argument is a string literal that passes the value filter (a secret)"},
    {"callee-is", NULL, false, true, false, chk_callee_is,
     "the called function's name is one of values (for severities that differ by callee)"},
    {"size-is-dest-size", "size_arg", false, false, false, chk_size_is_dest_size,
     "the size argument is sizeof the destination argument (dest_arg)"},
    {"arg-value", "arg", false, true, false, chk_arg_value,
     "the argument's value, through #defines of the same file, is one of values (numbers "
     "compare as numbers)"},
    {"arg-string", "arg", true, false, false, chk_arg_string,
     "the argument is constant text (a literal, or a #define of the file) matching regex"},
    {"arg-text", "arg", true, false, false, chk_arg_text,
     "the argument's source text matches regex"},
    {"arg-points-to", "arg", false, true, false, chk_arg_points_to,
     "the argument is &x and the value last given to x before the call is one of values"},
    {"arg-declared-type", "arg", false, true, false, chk_arg_declared_type,
     "the argument names a variable declared in the file with one of the types in values"},
    {"object-declared-type", NULL, false, true, false, chk_object_declared_type,
     "the member call's object is declared in the file with one of the types in values"},
    {"arg-offset", "arg", false, false, false, chk_arg_offset,
     "the argument moves through a buffer: p + n, &p[i], p[i] with a variable index"},
    {"in-loop", NULL, false, false, false, chk_in_loop,
     "the call is inside a for/while/do loop of its function"},
    {"in-test-code", NULL, false, false, false, chk_in_test_code,
     "the file is test code (test/tests/mock directories, test_*.c, *_test.cc), or the "
     "function is named test_*"},
    {"function-name", NULL, true, false, false, chk_function_name,
     "the enclosing function's name (normalised) matches regex"},
    {"file-calls", NULL, false, true, false, chk_file_calls,
     "the file calls one of values anywhere (name, Obj.method, *.method, prefix*)"},
    {"file-mentions", NULL, false, true, false, chk_file_mentions,
     "the file mentions one of the identifiers in values outside comments and strings"},
};

bool mm_check_list_local(const mm_check_list *l)
{
    static const char *const local[] = {"arg-literal", "arg-name", "arg-equals", "arg-secret",
                                        "callee-is", "arg-text"};
    for (size_t i = 0; i < l->n; i++) {
        bool ok = false;
        for (size_t k = 0; k < MM_ARRAY_LEN(local) && !ok; k++)
            ok = !strcmp(l->v[i].def->name, local[k]);
        if (!ok)
            return false;
    }
    return true;
}

static int callee_param(const mm_callee *ce, const char *param)
{
    if (!param)
        return -1;
    if (!strcmp(param, "format_arg"))
        return ce->format_arg;
    if (!strcmp(param, "dest_arg"))
        return ce->dest_arg;
    if (!strcmp(param, "src_arg"))
        return ce->src_arg;
    if (!strcmp(param, "arg"))
        return ce->arg;
    if (!strcmp(param, "size_arg"))
        return ce->size_arg;
    return -1;
}

int mm_check_compile(mm_compile_ctx *cx, const cJSON *obj, mm_check *out)
{
    memset(out, 0, sizeof *out);
    out->arg = -1;
    if (!cJSON_IsObject(obj))
        return mm_json_err(cx->doc, obj, cx->err, "a check is an object {\"check\": name, ...}");
    static const char *const keys[] = {"check", "arg", "regex", "values", "value", "not", NULL};
    if (mm_json_only_keys(cx->doc, obj, keys, "check", cx->err) < 0)
        return -1;
    const char *name = NULL;
    if (mm_json_get_str(cx->doc, obj, "check", &name, cx->err) < 0)
        return -1;
    if (!name)
        return mm_json_err(cx->doc, obj, cx->err, "a check needs \"check\": its name");
    for (size_t i = 0; i < MM_ARRAY_LEN(check_defs); i++) {
        if (!strcmp(check_defs[i].name, name))
            out->def = &check_defs[i];
    }
    if (!out->def) {
        mm_buf names = {0};
        for (size_t i = 0; i < MM_ARRAY_LEN(check_defs); i++)
            mm_buf_printf(&names, "%s%s", i ? ", " : "", check_defs[i].name);
        mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(obj, "check"), cx->err,
                    "unknown check \"%s\" (one of: %s)", name, names.data);
        mm_buf_free(&names);
        return -1;
    }
    if (mm_json_get_bool(cx->doc, obj, "not", &out->negate, cx->err) < 0)
        return -1;
    const cJSON *arg = cJSON_GetObjectItemCaseSensitive(obj, "arg");
    if (arg) {
        if (!cJSON_IsNumber(arg) || arg->valuedouble < 0 || arg->valuedouble > 32 ||
            arg->valuedouble != (int)arg->valuedouble)
            return mm_json_err(cx->doc, arg, cx->err, "\"arg\" is an argument index from 0 to 32");
        out->arg = (int)arg->valuedouble;
    }
    const mm_check_def *d = out->def;
    /* a parameter the check does not read is a mistake in the rule, not something to ignore */
    const struct {
        const char *key;
        bool takes;
    } params[] = {{"regex", d->regex}, {"values", d->values}, {"value", d->value_filter}};
    for (size_t i = 0; i < MM_ARRAY_LEN(params); i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, params[i].key);
        if (v && !params[i].takes)
            return mm_json_err(cx->doc, v, cx->err, "check %s takes no \"%s\"", d->name,
                               params[i].key);
    }
    if (d->regex) {
        if (mm_json_regex(cx, obj, "regex", false, &out->regex) < 0)
            return -1;
        if (!out->regex)
            return mm_json_err(cx->doc, obj, cx->err, "check %s needs \"regex\"", d->name);
    }
    if (d->values) {
        if (!cJSON_GetObjectItemCaseSensitive(obj, "values"))
            return mm_json_err(cx->doc, obj, cx->err, "check %s needs \"values\"", d->name);
        if (mm_json_copy_strs(cx->doc, obj, "values", &out->values, cx->err) < 0)
            return -1;
    }
    if (d->value_filter) {
        if (mm_valfilter_compile(cx, cJSON_GetObjectItemCaseSensitive(obj, "value"), &out->vf) <
            0)
            return -1;
        out->has_vf = true;
    }
    return 0;
}

int mm_check_fits_callee(mm_compile_ctx *cx, const cJSON *where, const mm_check *c,
                         const mm_callee *ce)
{
    if (c->arg >= 0 || !c->def->arg_param)
        return 0;
    if (callee_param(ce, c->def->arg_param) < 0)
        return mm_json_err(cx->doc, where, cx->err,
                           "check %s needs \"arg\", or \"%s\" on callee %s", c->def->name,
                           c->def->arg_param, ce->name);
    if (!strcmp(c->def->name, "size-is-dest-size") && ce->dest_arg < 0)
        return mm_json_err(cx->doc, where, cx->err,
                           "check size-is-dest-size needs \"dest_arg\" on callee %s", ce->name);
    if ((!strcmp(c->def->name, "fits-destination") || !strcmp(c->def->name, "fits") ||
         !strcmp(c->def->name, "output-bounded") || !strcmp(c->def->name, "input-constant") ||
         !strcmp(c->def->name, "overflows")) &&
        ce->format_arg < 0 && ce->src_arg < 0)
        return mm_json_err(cx->doc, where, cx->err,
                           "check %s needs \"format_arg\" or \"src_arg\" on callee %s",
                           c->def->name, ce->name);
    return 0;
}

unsigned mm_check_facts(const mm_check *c)
{
    static const char *const konst[] = {"format-not-constant", "arg-constant", NULL};
    static const char *const size[] = {"fits", "fits-destination", "dest-sized", "output-bounded",
                                       "input-constant", "overflows", NULL};
    unsigned f = 0;
    for (const char *const *k = konst; *k; k++)
        f |= !strcmp(c->def->name, *k) ? MM_FACT_KONST : 0;
    for (const char *const *k = size; *k; k++)
        f |= !strcmp(c->def->name, *k) ? (MM_FACT_SIZE | MM_FACT_KONST) : 0;
    return f;
}

bool mm_check_eval(const mm_check *c, mm_check_env *env)
{
    int arg = c->arg >= 0 ? c->arg : callee_param(env->callee, c->def->arg_param);
    bool r = c->def->eval(c, env, arg);
    return c->negate ? !r : r;
}

void mm_check_free(mm_check *c)
{
    mm_regex_free(c->regex);
    for (size_t i = 0; i < c->values.n; i++)
        free(c->values.v[i]);
    mm_vec_free(&c->values);
    if (c->has_vf)
        mm_valfilter_free(&c->vf);
}

int mm_check_list_compile(mm_compile_ctx *cx, const cJSON *obj, const char *key,
                          mm_check_list *out)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!list)
        return 0;
    if (!cJSON_IsArray(list))
        return mm_json_err(cx->doc, list, cx->err, "\"%s\" must be a list of checks", key);
    for (const cJSON *c = list->child; c; c = c->next) {
        mm_check ck;
        if (mm_check_compile(cx, c, &ck) < 0) {
            mm_check_free(&ck);
            return -1;
        }
        mm_vec_push(out, ck);
    }
    return 0;
}

/* The last check that names a detail gives the finding's (an option, then its value); a negated
 * check's detail is what did not hold, never the finding's. */
bool mm_check_list_eval(const mm_check_list *l, mm_check_env *env)
{
    for (size_t i = 0; i < l->n; i++) {
        const char *detail = env->detail;
        bool ok = mm_check_eval(&l->v[i], env);
        if (l->v[i].negate)
            env->detail = detail;
        if (!ok)
            return false;
    }
    return true;
}

void mm_check_list_free(mm_check_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        mm_check_free(&l->v[i]);
    mm_vec_free(l);
}
