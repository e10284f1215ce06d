/* cgraph.c: one file's call-graph facts as text and back (see cgraph.h). A line per record,
 * its kind first, fields separated by tabs; tabs, newlines and backslashes inside a field are
 * escaped, and "-" stands for a field that is NULL. */
#define _GNU_SOURCE
#include "model/cgraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_str(mm_buf *b, const char *s)
{
    mm_buf_putc(b, '\t');
    if (!s) {
        mm_buf_putc(b, '-');
        return;
    }
    if (s[0] == '-')
        mm_buf_putc(b, '\\'); /* a literal "-" is not NULL (a backslash is escaped below) */
    for (; *s; s++) {
        switch (*s) {
        case '\t': mm_buf_puts(b, "\\t"); break;
        case '\n': mm_buf_puts(b, "\\n"); break;
        case '\r': mm_buf_puts(b, "\\r"); break;
        case '\\': mm_buf_puts(b, "\\\\"); break;
        default: mm_buf_putc(b, *s);
        }
    }
}

static void put_int(mm_buf *b, long long v)
{
    char tmp[24];
    size_t n = 0;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    mm_buf_putc(b, '\t');
    if (v < 0)
        mm_buf_putc(b, '-');
    while (n)
        mm_buf_putc(b, tmp[--n]);
}

char *mm_cg_encode(const mm_cg_file *g)
{
    mm_buf b = {0};
    mm_buf_puts(&b, "cg1\n");
    for (size_t i = 0; i < g->funcs.n; i++) {
        const mm_cg_func *f = &g->funcs.v[i];
        mm_buf_putc(&b, 'F');
        put_str(&b, f->name);
        put_str(&b, f->cls);
        put_int(&b, f->line);
        put_int(&b, f->col);
        put_int(&b, (f->is_static ? 1 : 0) | (f->lambda ? 2 : 0));
        put_int(&b, f->parent);
        put_str(&b, f->ns);
        mm_buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < g->sites.n; i++) {
        const mm_cg_site *s = &g->sites.v[i];
        mm_buf_putc(&b, 'S');
        put_int(&b, s->line);
        put_int(&b, s->col);
        put_int(&b, s->end_line);
        put_int(&b, s->end_col);
        put_str(&b, s->snippet);
        mm_buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < g->routes.n; i++) {
        const mm_cg_route *r = &g->routes.v[i];
        mm_buf_putc(&b, 'U');
        put_int(&b, r->func);
        put_str(&b, r->route);
        put_int(&b, r->site);
        mm_buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < g->calls.n; i++) {
        const mm_cg_call *c = &g->calls.v[i];
        mm_buf_putc(&b, 'C');
        put_int(&b, c->func);
        put_str(&b, c->name);
        put_str(&b, c->object);
        put_int(&b, c->line);
        put_int(&b, c->col);
        put_int(&b, c->nargs);
        put_int(&b, c->str_arg);
        put_str(&b, c->str);
        put_int(&b, c->empty_args);
        put_int(&b, c->site);
        put_int(&b, c->route);
        put_str(&b, c->refs);
        put_str(&b, c->bases);
        put_str(&b, c->qual);
        mm_buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < g->refs.n; i++) {
        mm_buf_putc(&b, 'R');
        put_int(&b, g->refs.v[i].func);
        put_str(&b, g->refs.v[i].name);
        mm_buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < g->words.n; i++) {
        mm_buf_putc(&b, 'W');
        put_int(&b, g->words.v[i].func);
        put_str(&b, g->words.v[i].word);
        put_int(&b, g->words.v[i].route);
        mm_buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < g->inits.n; i++) {
        const mm_cg_init *in = &g->inits.v[i];
        mm_buf_putc(&b, 'I');
        put_str(&b, in->var);
        put_int(&b, in->site);
        put_int(&b, in->elem);
        put_str(&b, in->field);
        put_str(&b, in->value);
        put_int(&b, in->str);
        mm_buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < g->decls.n; i++) {
        const mm_cg_decl *d = &g->decls.v[i];
        mm_buf_putc(&b, 'D');
        put_str(&b, d->var);
        put_str(&b, d->type);
        put_int(&b, d->func);
        mm_buf_putc(&b, '\n');
    }
    return mm_buf_cstr(&b);
}

/* --- reading ------------------------------------------------------------------------------------ */

enum { MAX_FIELDS = 16 };

typedef struct fields {
    const char *v[MAX_FIELDS];
    size_t len[MAX_FIELDS];
    size_t n;
} fields;

static void split(const char *line, size_t n, fields *f)
{
    f->n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n && f->n < MAX_FIELDS; i++) {
        if (i == n || line[i] == '\t') {
            f->v[f->n] = line + start;
            f->len[f->n] = i - start;
            f->n++;
            start = i + 1;
        }
    }
}

static const char *get_str(mm_arena *a, const fields *f, size_t i)
{
    if (i >= f->n)
        return NULL;
    const char *s = f->v[i];
    size_t n = f->len[i];
    if (n == 1 && s[0] == '-')
        return NULL;
    char *out = mm_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        if (s[j] == '\\' && j + 1 < n) {
            char c = s[++j];
            out[k++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
        } else {
            out[k++] = s[j];
        }
    }
    out[k] = 0;
    return out;
}

static long long get_int(const fields *f, size_t i, bool *ok)
{
    if (i >= f->n || !f->len[i]) {
        *ok = false;
        return 0;
    }
    char buf[32];
    size_t n = f->len[i] < sizeof buf - 1 ? f->len[i] : sizeof buf - 1;
    memcpy(buf, f->v[i], n);
    buf[n] = 0;
    char *end;
    long long v = strtoll(buf, &end, 10);
    if (*end)
        *ok = false;
    return v;
}

int mm_cg_decode(const char *text, mm_arena *a, mm_cg_file *g)
{
    memset(g, 0, sizeof *g);
    if (strncmp(text, "cg1\n", 4) != 0)
        return -1;
    bool ok = true;
    const char *p = text + 4;
    while (*p && ok) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fields f = {.n = 0};
        if (n >= 2 && p[1] == '\t')
            split(p + 2, n - 2, &f);
        switch (n ? p[0] : 0) {
        case 'F': {
            long long flags = get_int(&f, 4, &ok);
            mm_cg_func fn = {get_str(a, &f, 0),
                             get_str(a, &f, 1),
                             get_str(a, &f, 6),
                             (uint32_t)get_int(&f, 2, &ok),
                             (uint32_t)get_int(&f, 3, &ok),
                             (flags & 1) != 0,
                             (flags & 2) != 0,
                             (int32_t)get_int(&f, 5, &ok)};
            ok = ok && fn.name;
            mm_vec_push(&g->funcs, fn);
            break;
        }
        case 'S': {
            mm_cg_site s = {(uint32_t)get_int(&f, 0, &ok), (uint32_t)get_int(&f, 1, &ok),
                            (uint32_t)get_int(&f, 2, &ok), (uint32_t)get_int(&f, 3, &ok),
                            get_str(a, &f, 4)};
            mm_vec_push(&g->sites, s);
            break;
        }
        case 'U': {
            mm_cg_route r = {(int32_t)get_int(&f, 0, &ok), get_str(a, &f, 1),
                             (int32_t)get_int(&f, 2, &ok)};
            mm_vec_push(&g->routes, r);
            break;
        }
        case 'C': {
            mm_cg_call c;
            memset(&c, 0, sizeof c);
            c.func = (int32_t)get_int(&f, 0, &ok);
            c.name = get_str(a, &f, 1);
            c.object = get_str(a, &f, 2);
            c.line = (uint32_t)get_int(&f, 3, &ok);
            c.col = (uint32_t)get_int(&f, 4, &ok);
            c.nargs = (uint16_t)get_int(&f, 5, &ok);
            c.str_arg = (int16_t)get_int(&f, 6, &ok);
            c.str = get_str(a, &f, 7);
            c.empty_args = (uint32_t)get_int(&f, 8, &ok);
            c.site = (int32_t)get_int(&f, 9, &ok);
            c.route = (int32_t)get_int(&f, 10, &ok);
            c.refs = get_str(a, &f, 11);
            c.bases = get_str(a, &f, 12);
            c.qual = get_str(a, &f, 13);
            ok = ok && c.name;
            mm_vec_push(&g->calls, c);
            break;
        }
        case 'R': {
            mm_cg_ref r = {(int32_t)get_int(&f, 0, &ok), get_str(a, &f, 1)};
            ok = ok && r.name;
            mm_vec_push(&g->refs, r);
            break;
        }
        case 'W': {
            mm_cg_word w = {(int32_t)get_int(&f, 0, &ok), get_str(a, &f, 1),
                            (int32_t)get_int(&f, 2, &ok)};
            ok = ok && w.word;
            mm_vec_push(&g->words, w);
            break;
        }
        case 'I': {
            mm_cg_init in = {get_str(a, &f, 0), (int32_t)get_int(&f, 1, &ok),
                             (uint32_t)get_int(&f, 2, &ok), get_str(a, &f, 3), get_str(a, &f, 4),
                             get_int(&f, 5, &ok) != 0};
            ok = ok && in.var && in.field && in.value;
            mm_vec_push(&g->inits, in);
            break;
        }
        case 'D': {
            mm_cg_decl d = {get_str(a, &f, 0), get_str(a, &f, 1), (int32_t)get_int(&f, 2, &ok)};
            ok = ok && d.var && d.type;
            mm_vec_push(&g->decls, d);
            break;
        }
        default:
            ok = false;
        }
        p = nl ? nl + 1 : p + n;
    }
    /* indexes must point inside the file's own records */
    int32_t nf = (int32_t)g->funcs.n, ns = (int32_t)g->sites.n, nr = (int32_t)g->routes.n;
    for (size_t i = 0; ok && i < g->funcs.n; i++)
        ok = g->funcs.v[i].parent >= -1 && g->funcs.v[i].parent < nf;
    for (size_t i = 0; ok && i < g->calls.n; i++) {
        const mm_cg_call *c = &g->calls.v[i];
        ok = c->func >= -1 && c->func < nf && c->site >= -1 && c->site < ns && c->route >= -1 &&
             c->route < nr;
    }
    for (size_t i = 0; ok && i < g->routes.n; i++)
        ok = g->routes.v[i].func >= -1 && g->routes.v[i].func < nf && g->routes.v[i].site >= -1 &&
             g->routes.v[i].site < ns;
    for (size_t i = 0; ok && i < g->refs.n; i++)
        ok = g->refs.v[i].func >= -1 && g->refs.v[i].func < nf;
    for (size_t i = 0; ok && i < g->words.n; i++)
        ok = g->words.v[i].func >= -1 && g->words.v[i].func < nf && g->words.v[i].route >= -1 &&
             g->words.v[i].route < nr;
    for (size_t i = 0; ok && i < g->decls.n; i++)
        ok = g->decls.v[i].func >= -1 && g->decls.v[i].func < nf;
    for (size_t i = 0; ok && i < g->inits.n; i++)
        ok = g->inits.v[i].site >= -1 && g->inits.v[i].site < ns;
    if (!ok) {
        mm_cg_file_free(g);
        return -1;
    }
    return 0;
}

void mm_cg_file_free(mm_cg_file *g)
{
    mm_vec_free(&g->funcs);
    mm_vec_free(&g->calls);
    mm_vec_free(&g->refs);
    mm_vec_free(&g->words);
    mm_vec_free(&g->routes);
    mm_vec_free(&g->inits);
    mm_vec_free(&g->decls);
    mm_vec_free(&g->sites);
}
