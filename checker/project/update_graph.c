/* update_graph.c: the project's call graph, joined once per scan from the facts every file left
 * (front/cgraph.c, as hints): functions by name across files (a `static` one only in its own
 * file; a name several files define — one per platform — reaches all of them), calls resolved to
 * those functions, and the names a function passes or stores (a callback, a thread, a lambda, a
 * registered HTTP handler) as edges too: whoever registers a handler may make it run. Calls the
 * catalogue names keep their role and are not followed into the project's code. Each function
 * also knows the roles of everything it reaches. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project/update_int.h"

/* --- names -------------------------------------------------------------------------------------- */

typedef struct namemap {
    int32_t *head; /* bucket -> first function */
    int32_t *next; /* function -> next with the same bucket */
    size_t mask;
} namemap;

static size_t bucket(const namemap *m, const char *name)
{
    return (size_t)mm_hash64(name, strlen(name)) & m->mask;
}

static void namemap_build(namemap *m, const mm_update_graph *g)
{
    size_t cap = 16;
    while (cap < g->funcs.n * 2)
        cap <<= 1;
    m->mask = cap - 1;
    m->head = mm_xmalloc(cap * sizeof *m->head);
    m->next = mm_xmalloc((g->funcs.n ? g->funcs.n : 1) * sizeof *m->next);
    for (size_t i = 0; i < cap; i++)
        m->head[i] = -1;
    for (size_t i = g->funcs.n; i-- > 0;) {
        const mm_cg_func *f = g->funcs.v[i].f;
        if (f->lambda)
            continue;
        size_t b = bucket(m, f->name);
        m->next[i] = m->head[b];
        m->head[b] = (int32_t)i;
    }
}

static void namemap_free(namemap *m)
{
    free(m->head);
    free(m->next);
}

/* The methods `name` of class cls (any file). */
static void resolve_method(const mm_update_graph *g, const namemap *m, const char *name,
                           const char *cls, ug_ids *out)
{
    out->n = 0;
    for (int32_t i = m->head[bucket(m, name)]; i >= 0; i = m->next[i]) {
        const mm_cg_func *f = g->funcs.v[i].f;
        if (f->cls && !strcmp(f->cls, cls) && !strcmp(f->name, name))
            mm_vec_push(out, i);
    }
}

/* The functions `name` means in file `file`: its own static one, else every other. A method is
 * meant only from its own class (a call without an object in a method of that class); C++'s
 * other member calls go through resolve_member. */
static bool ns_visible(const char *from, const char *ns)
{
    /* a function in ns is seen by name from namespace `from` when ns is from or encloses it */
    if (!ns)
        return true;
    if (!from)
        return false;
    size_t n = strlen(ns);
    return !strncmp(from, ns, n) && (from[n] == 0 || (from[n] == ':' && from[n + 1] == ':'));
}

static bool ns_ends(const char *ns, const char *qual)
{
    if (!ns || !qual)
        return false;
    size_t n = strlen(ns), q = strlen(qual);
    return n >= q && !strcmp(ns + n - q, qual) && (n == q || ns[n - q - 1] == ':');
}

static void resolve(const mm_update_graph *g, const namemap *m, const char *name, int32_t file,
                    ug_ids *out)
{
    out->n = 0;
    bool own_static = false;
    for (int32_t i = m->head[bucket(m, name)]; i >= 0; i = m->next[i]) {
        const ug_func *f = &g->funcs.v[i];
        if (strcmp(f->f->name, name) != 0)
            continue;
        if (f->f->is_static && f->file == file)
            own_static = true;
    }
    for (int32_t i = m->head[bucket(m, name)]; i >= 0; i = m->next[i]) {
        const ug_func *f = &g->funcs.v[i];
        if (strcmp(f->f->name, name) != 0 || f->f->cls)
            continue;
        if (own_static ? (f->f->is_static && f->file == file) : !f->f->is_static)
            mm_vec_push(out, i);
    }
}

/* The declared type of var as seen from function func of file `file`: a declaration in the
 * function (or a lambda's enclosing function), in the file outside functions (a global, a class
 * member), else outside functions in any file (an extern). NULL when unknown. */
static const char *type_of(const mm_update_graph *g, int32_t file, int32_t func, const char *var)
{
    const mm_cg_file *cf = &g->files.v[file].g;
    for (int32_t fn = func; fn >= 0; fn = cf->funcs.v[fn].parent) {
        for (size_t k = 0; k < cf->decls.n; k++) {
            if (cf->decls.v[k].func == fn && !strcmp(cf->decls.v[k].var, var))
                return cf->decls.v[k].type;
        }
    }
    for (size_t k = 0; k < cf->decls.n; k++) {
        if (cf->decls.v[k].func < 0 && !strcmp(cf->decls.v[k].var, var))
            return cf->decls.v[k].type;
    }
    for (size_t i = 0; i < g->decls.n; i++) {
        if (!strcmp(g->decls.v[i].key, var))
            return g->decls.v[i].value;
    }
    return NULL;
}

/* A call to a member, a qualified name, or a name from inside a method. */
static void resolve_call(const mm_update_graph *g, const namemap *m, const ug_call *uc,
                         ug_ids *out)
{
    const mm_cg_call *c = uc->c;
    out->n = 0;
    const ug_file *uf = &g->files.v[uc->file];
    const mm_cg_func *caller = uc->func >= 0 ? g->funcs.v[uc->func].f : NULL;
    /* a lambda's class is its enclosing function's */
    while (caller && caller->lambda && caller->parent >= 0)
        caller = &uf->g.funcs.v[caller->parent];
    const char *own = caller ? caller->cls : NULL;
    if (c->object && strcmp(c->object, "this") != 0) {
        int32_t local = uc->func >= 0 ? uc->func - uf->func0 : -1;
        const char *t = type_of(g, uc->file, local, c->object);
        if (t)
            resolve_method(g, m, c->name, t, out);
        return;
    }
    if (c->qual) {
        resolve_method(g, m, c->name, c->qual, out);
        if (out->n)
            return;
    }
    if (own) {
        resolve_method(g, m, c->name, own, out);
        if (out->n)
            return;
    }
    /* a name the function declares (a parameter, a local holding a callback) is no function */
    for (int32_t fn = uc->func >= 0 ? uc->func - uf->func0 : -1; !c->qual && fn >= 0;
         fn = uf->g.funcs.v[fn].parent) {
        for (size_t k = 0; k < uf->g.decls.n; k++) {
            if (uf->g.decls.v[k].func == fn && !strcmp(uf->g.decls.v[k].var, c->name))
                return;
        }
    }
    resolve(g, m, c->name, uc->file, out);
    /* by namespace: a qualified call to functions of that namespace; a plain one to those of
     * its own namespace or an enclosing one; otherwise none (another namespace's function of
     * that name is not the one meant) */
    const char *from = caller ? caller->ns : NULL;
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++) {
        const char *ns = g->funcs.v[out->v[i]].f->ns;
        if (c->qual ? ns_ends(ns, c->qual) || ns_visible(from, ns) : ns_visible(from, ns))
            out->v[k++] = out->v[i];
    }
    out->n = k;
}

/* --- reading the hints -------------------------------------------------------------------------- */

static void read_conf(mm_update_graph *g, const char *value)
{
    const char *nl = strchr(value, '\n');
    if (!nl)
        return;
    ug_conf c;
    memset(&c, 0, sizeof c);
    c.path = mm_arena_strndup(&g->arena, value, (size_t)(nl - value));
    const char *slash = strrchr(c.path, '/');
    c.dirlen = slash ? (size_t)(slash - c.path) : 0;
    for (const char *p = nl + 1; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        if (eq) {
            mm_kv kv = {mm_arena_strndup(&g->arena, p, (size_t)(eq - p)),
                        mm_arena_strndup(&g->arena, eq + 1, n - (size_t)(eq - p) - 1)};
            mm_vec_push(&c.keys, kv);
        }
        p = e ? e + 1 : p + n;
    }
    mm_vec_push(&g->confs, c);
}

static void read_code(mm_update_graph *g, const char *value)
{
    const char *nl = strchr(value, '\n');
    if (!nl)
        return;
    ug_file uf;
    memset(&uf, 0, sizeof uf);
    uf.path = mm_arena_strndup(&g->arena, value, (size_t)(nl - value));
    if (mm_cg_decode(nl + 1, &g->arena, &uf.g) < 0)
        return;
    mm_vec_push(&g->files, uf);
}

/* --- roles -------------------------------------------------------------------------------------- */

static bool name_has_any(const char *norm, char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (mm_cg_has_parts(norm, words[i]))
            return true;
    }
    return false;
}

/* Roles a name gives by itself: verify_signature(), check_fw_sig(), webAuthenticate(). */
static unsigned name_roles(const mm_update_catalogue *cat, const char *name)
{
    char norm[256];
    mm_cg_norm(norm, sizeof norm, name, strlen(name));
    unsigned r = 0;
    bool verb = false;
    for (size_t i = 0; i < cat->sig_verbs.n && !verb; i++)
        verb = strstr(norm, cat->sig_verbs.v[i]) != NULL;
    if (verb && name_has_any(norm, cat->sig_nouns.v, cat->sig_nouns.n))
        r |= UC_OWN_VERIFY;
    if (name_has_any(norm, cat->auth_words.v, cat->auth_words.n))
        r |= UC_OWN_AUTH;
    return r;
}

static bool spec_holds(const mm_update_graph *g, const uc_spec *s, const ug_call *uc)
{
    const mm_cg_call *c = uc->c;
    if (!mm_uc_spec_matches(s, c->name, c->object, c->nargs))
        return false;
    if (s->types.n) {
        const ug_file *uf = &g->files.v[uc->file];
        int32_t local = uc->func >= 0 ? uc->func - uf->func0 : -1;
        const char *t = c->object ? type_of(g, uc->file, local, c->object) : NULL;
        for (size_t i = 0; t && i < s->types.n; i++) {
            if (!strcmp(s->types.v[i], t))
                return true;
        }
        return false;
    }
    return true;
}

/* Does a shell command line run program `cmd` ("sysupgrade -n f", "/sbin/sysupgrade f",
 * "usign -V ... && sysupgrade f")? Its words are looked at where commands start. */
static bool runs_command(const char *line, const char *cmd)
{
    size_t cl = strlen(cmd);
    const char *p = line;
    bool start = true;
    while (*p) {
        if (start) {
            while (*p == ' ' || *p == '\t')
                p++;
            const char *w = p;
            while (*p && *p != ' ' && *p != '\t' && *p != ';' && *p != '&' && *p != '|')
                p++;
            const char *base = w;
            for (const char *k = w; k < p; k++) {
                if (*k == '/')
                    base = k + 1;
            }
            if ((size_t)(p - base) == cl && !strncmp(base, cmd, cl))
                return true;
            start = false;
            continue;
        }
        if (*p == ';' || *p == '&' || *p == '|')
            start = true;
        p++;
    }
    return false;
}

typedef struct classify_ctx {
    mm_update_graph *g;
    ug_call *uc;
} classify_ctx;

static void classify_one(int32_t i, void *arg)
{
    classify_ctx *cx = arg;
    const uc_spec *s = &cx->g->cat->specs.v[i];
    ug_call *uc = cx->uc;
    if (!spec_holds(cx->g, s, uc))
        return;
    uc->role |= s->role;
    if (uc->spec < 0 || (s->role & (UC_WRITE | UC_WRITE_GENERIC | UC_UPDATE))) {
        if (uc->spec < 0 || !(cx->g->cat->specs.v[uc->spec].role & (UC_WRITE | UC_UPDATE)))
            uc->spec = i;
        if (s->family >= 0 && (uc->family < 0 || (s->role & (UC_WRITE | UC_UPDATE))))
            uc->family = s->family;
    }
}

static void classify(mm_update_graph *g, ug_call *uc)
{
    const mm_update_catalogue *cat = g->cat;
    uc->spec = -1;
    uc->family = -1;
    classify_ctx cx = {g, uc};
    mm_uc_specs_named(cat, uc->c->name, classify_one, &cx);
    for (size_t i = 0; i < cat->endpoints.n; i++) {
        const uc_endpoint *e = &cat->endpoints.v[i];
        if (spec_holds(g, &e->call, uc))
            uc->role |= UC_UPDATE;
        for (size_t k = 0; k < e->password_calls.n; k++) {
            if (spec_holds(g, &e->password_calls.v[k], uc))
                uc->role |= UC_PASSWORD;
        }
    }
    for (size_t i = 0; uc->c->str && i < cat->update_strings.n; i++) {
        if (runs_command(uc->c->str, cat->update_strings.v[i]))
            uc->role |= UC_UPDATE;
    }
    for (size_t i = 0; uc->c->str && i < cat->verify_strings.n; i++) {
        if (runs_command(uc->c->str, cat->verify_strings.v[i]))
            uc->role |= UC_VERIFY;
    }
    if (!uc->c->object || !strcmp(uc->c->object, "this"))
        uc->role |= name_roles(cat, uc->c->name);
    else if (uc->role == 0)
        uc->role |= name_roles(cat, uc->c->name) & UC_OWN_AUTH; /* server.authenticate() */
}

/* --- edges -------------------------------------------------------------------------------------- */

static bool has_edge(const ug_func *f, int32_t to, int32_t call)
{
    for (size_t i = 0; i < f->out.n; i++) {
        if (f->out.v[i].to == to && f->out.v[i].call == call)
            return true;
    }
    return false;
}

static void add_edge(mm_update_graph *g, int32_t from, int32_t to, int32_t call, int32_t route)
{
    if (from < 0 || to < 0)
        return;
    ug_func *f = &g->funcs.v[from];
    if (has_edge(f, to, call))
        return;
    ug_edge e = {to, call, route};
    mm_vec_push(&f->out, e);
    ug_func *t = &g->funcs.v[to];
    for (size_t i = 0; i < t->in.n; i++) {
        if (t->in.v[i] == from)
            return;
    }
    mm_vec_push(&t->in, from);
}

/* The functions a name in a call's arguments or a function body means: "#k" is the file's
 * lambda k. */
static void ref_targets(const mm_update_graph *g, const namemap *m, const ug_file *uf,
                        int32_t file, const char *ref, size_t n, ug_ids *out)
{
    out->n = 0;
    if (ref[0] == '#') {
        long k = strtol(ref + 1, NULL, 10);
        if (k >= 0 && (size_t)k < uf->g.funcs.n)
            mm_vec_push(out, uf->func0 + (int32_t)k);
        return;
    }
    char name[256];
    if (n >= sizeof name)
        return;
    memcpy(name, ref, n);
    name[n] = 0;
    resolve(g, m, name, file, out);
}

/* The word at index i of a space-separated list, or NULL ("-" is NULL too). */
static const char *nth_word(mm_arena *a, const char *list, int i)
{
    if (!list || i < 0)
        return NULL;
    const char *p = list;
    for (int k = 0; k < i; k++) {
        p = strchr(p, ' ');
        if (!p)
            return NULL;
        p++;
    }
    const char *e = strchr(p, ' ');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n == 1 && p[0] == '-')
        return NULL;
    return mm_arena_strndup(a, p, n);
}

/* A name for a literal: `const char R[] = "/update";` in this file, else in any. */
static const char *literal_named(const mm_update_graph *g, int32_t file, const char *name)
{
    const char *any = NULL;
    for (size_t i = 0; i < g->files.n; i++) {
        const mm_cg_file *cf = &g->files.v[i].g;
        for (size_t k = 0; k < cf->inits.n; k++) {
            const mm_cg_init *in = &cf->inits.v[k];
            if (in->str && !strcmp(in->field, "=") && !strcmp(in->var, name)) {
                if ((int32_t)i == file)
                    return in->value;
                if (!any)
                    any = in->value;
            }
        }
    }
    return any;
}

static const mm_cg_init *init_field(const mm_cg_file *cf, const char *var, uint32_t elem,
                                    const char *field, int pos)
{
    char posname[16];
    snprintf(posname, sizeof posname, "#%d", pos);
    for (size_t k = 0; k < cf->inits.n; k++) {
        const mm_cg_init *in = &cf->inits.v[k];
        if (in->elem != elem || strcmp(in->var, var) != 0)
            continue;
        if ((field && !strcmp(in->field, field)) || (pos >= 0 && !strcmp(in->field, posname)))
            return in;
    }
    return NULL;
}

static void add_reg(mm_update_graph *g, const char *route, int32_t file, int32_t call,
                    const mm_cg_site *site, const ug_ids *handlers)
{
    if (!handlers->n || !site)
        return;
    /* the registering function hands its handlers over: no procedure of its own runs them
     * (ug_edge.route marks such edges); the handlers of one registration run as one request
     * (an upload handler, then the request's), so each reaches the others */
    int32_t from = g->calls.v[call].func;
    for (size_t i = 0; from >= 0 && i < handlers->n; i++) {
        ug_func *f = &g->funcs.v[from];
        for (size_t k = 0; k < f->out.n; k++) {
            if (f->out.v[k].to == handlers->v[i])
                f->out.v[k].route = (int32_t)g->regs.n;
        }
    }
    for (size_t i = 0; i < handlers->n; i++) {
        for (size_t k = 0; k < handlers->n; k++) {
            if (i != k && handlers->v[i] != handlers->v[k])
                add_edge(g, handlers->v[i], handlers->v[k], -1, -1);
        }
    }
    ug_reg r;
    memset(&r, 0, sizeof r);
    r.route = route;
    r.file = file;
    r.call = call;
    r.site = site;
    for (size_t i = 0; i < handlers->n; i++)
        mm_vec_push(&r.handlers, handlers->v[i]);
    mm_vec_push(&g->regs, r);
}

/* Route registrations the catalogue names, and calls of the project's own that pass a path
 * literal ("/api/") and a function (HTTP_RegisterCallback("/api/", HTTP_POST, handler, 1)). */
static void registrations(mm_update_graph *g, const namemap *m, int32_t ci)
{
    const ug_call *uc = &g->calls.v[ci];
    const mm_cg_call *c = uc->c;
    const ug_file *uf = &g->files.v[uc->file];
    const mm_cg_site *site = mm_ug_site(g, ci);
    ug_ids hs = {0}, tmp = {0};
    bool done = false;
    for (size_t r = 0; r < g->cat->routes.n && !done; r++) {
        const uc_route *rt = &g->cat->routes.v[r];
        if (!mm_uc_spec_matches(&rt->call, c->name, c->object, c->nargs))
            continue;
        done = true;
        if (rt->struct_arg >= 0) {
            const char *var = nth_word(&g->arena, c->bases, rt->struct_arg);
            if (!var)
                continue;
            /* one registration per element of the struct (an array registers each) */
            for (uint32_t elem = 0; elem < 64; elem++) {
                const mm_cg_init *h = init_field(&uf->g, var, elem, rt->handler_field,
                                                 rt->handler_pos);
                const mm_cg_init *ri = init_field(&uf->g, var, elem, rt->route_field,
                                                  rt->route_pos);
                if (!h && !ri)
                    break;
                if (!h || h->str)
                    continue;
                hs.n = 0;
                resolve(g, m, h->value, uc->file, &hs);
                const char *route = ri && ri->str ? ri->value : NULL;
                if (!route && rt->route_arg >= 0 && c->str_arg == rt->route_arg)
                    route = c->str;
                /* the route's literal names the endpoint best: `.uri = "/api/ota"` */
                const mm_cg_site *at = ri && ri->str && ri->site >= 0 ? &uf->g.sites.v[ri->site]
                                                                      : site;
                add_reg(g, route, uc->file, ci, at, &hs);
            }
            continue;
        }
        const char *route = NULL;
        if (rt->route_arg >= 0 && c->str_arg == rt->route_arg)
            route = c->str;
        else if (rt->route_arg >= 0) {
            const char *nm = nth_word(&g->arena, c->bases, rt->route_arg);
            route = nm ? literal_named(g, uc->file, nm) : NULL;
        }
        hs.n = 0;
        for (const char *p = c->refs; p && *p;) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            ref_targets(g, m, uf, uc->file, p, n, &tmp);
            for (size_t k = 0; k < tmp.n; k++)
                mm_vec_push(&hs, tmp.v[k]);
            p = e ? e + 1 : p + n;
        }
        add_reg(g, route, uc->file, ci, site, &hs);
    }
    if (!done && c->str && c->str[0] == '/' && c->refs) {
        hs.n = 0;
        for (const char *p = c->refs; *p;) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            ref_targets(g, m, uf, uc->file, p, n, &tmp);
            for (size_t k = 0; k < tmp.n; k++)
                mm_vec_push(&hs, tmp.v[k]);
            p = e ? e + 1 : p + n;
        }
        add_reg(g, c->str, uc->file, ci, site, &hs);
    }
    mm_vec_free(&hs);
    mm_vec_free(&tmp);
}

/* --- building ----------------------------------------------------------------------------------- */

static void auth_at(ug_func *f, int32_t route)
{
    if (route < 0) {
        f->auth_any = true;
        return;
    }
    for (size_t i = 0; i < f->auth_routes.n; i++) {
        if (f->auth_routes.v[i] == route)
            return;
    }
    mm_vec_push(&f->auth_routes, route);
}

static void build(mm_update_graph *g, mm_scan *s)
{
    for (size_t i = 0; i < s->hints.n; i++) {
        const mm_kv *kv = &s->hints.v[i];
        if (!strcmp(kv->key, MM_UPDATE_HINT_CODE)) {
            read_code(g, kv->value);
            g->collected = true;
        } else if (!strcmp(kv->key, MM_UPDATE_HINT_CONF)) {
            read_conf(g, kv->value);
            g->collected = true;
        }
    }
    /* functions and calls, numbered across files */
    for (size_t i = 0; i < g->files.n; i++) {
        ug_file *uf = &g->files.v[i];
        uf->func0 = (int32_t)g->funcs.n;
        uf->call0 = (int32_t)g->calls.n;
        for (size_t k = 0; k < uf->g.funcs.n; k++) {
            ug_func fn;
            memset(&fn, 0, sizeof fn);
            fn.f = &uf->g.funcs.v[k];
            fn.file = (int32_t)i;
            mm_vec_push(&g->funcs, fn);
        }
        for (size_t k = 0; k < uf->g.calls.n; k++) {
            const mm_cg_call *c = &uf->g.calls.v[k];
            ug_call uc;
            memset(&uc, 0, sizeof uc);
            uc.c = c;
            uc.file = (int32_t)i;
            uc.func = c->func >= 0 ? uf->func0 + c->func : -1;
            mm_vec_push(&g->calls, uc);
        }
    }
    for (size_t i = 0; i < g->files.n; i++) {
        const mm_cg_file *cf = &g->files.v[i].g;
        for (size_t k = 0; k < cf->decls.n; k++) {
            if (cf->decls.v[k].func < 0) {
                mm_kv kv = {(char *)cf->decls.v[k].var, (char *)cf->decls.v[k].type};
                mm_vec_push(&g->decls, kv);
            }
        }
    }
    for (size_t i = 0; i < g->calls.n; i++) {
        ug_call *uc = &g->calls.v[i];
        classify(g, uc);
        g->project_roles |= uc->role;
        if (uc->func >= 0) {
            ug_func *fn = &g->funcs.v[uc->func];
            mm_vec_push(&fn->calls, (int32_t)i);
            fn->direct |= uc->role;
        }
        if ((uc->role & UC_SIGNED_BY) && uc->family >= 0) {
            /* installs a signature check for every image of its family, wherever it is */
            bool seen = false;
            for (size_t k = 0; k < g->signed_by_families.n && !seen; k++)
                seen = g->signed_by_families.v[k] == uc->family;
            if (!seen)
                mm_vec_push(&g->signed_by_families, uc->family);
        }
    }
    /* every family a signed_by call belongs to (one call may install it for several) */
    for (size_t i = 0; i < g->calls.n; i++) {
        const ug_call *uc = &g->calls.v[i];
        if (!(uc->role & UC_SIGNED_BY))
            continue;
        for (size_t k = 0; k < g->cat->specs.n; k++) {
            const uc_spec *sp = &g->cat->specs.v[k];
            if (!(sp->role & UC_SIGNED_BY) || sp->family < 0 || !spec_holds(g, sp, uc))
                continue;
            bool seen = false;
            for (size_t j = 0; j < g->signed_by_families.n && !seen; j++)
                seen = g->signed_by_families.v[j] == sp->family;
            if (!seen)
                mm_vec_push(&g->signed_by_families, sp->family);
        }
    }
    for (size_t i = 0; i < g->funcs.n; i++) {
        ug_func *fn = &g->funcs.v[i];
        if (!fn->f->lambda)
            fn->direct |= name_roles(g->cat, fn->f->name) & (UC_OWN_VERIFY | UC_OWN_AUTH);
    }
    /* who checks who is asking: by a name or a call, outside or inside a route's block */
    for (size_t i = 0; i < g->files.n; i++) {
        const ug_file *uf = &g->files.v[i];
        for (size_t k = 0; k < uf->g.words.n; k++) {
            const mm_cg_word *w = &uf->g.words.v[k];
            if (w->func >= 0)
                auth_at(&g->funcs.v[uf->func0 + w->func], w->route);
        }
    }
    for (size_t i = 0; i < g->calls.n; i++) {
        const ug_call *uc = &g->calls.v[i];
        if (uc->func >= 0 && (uc->role & (UC_AUTH | UC_OWN_AUTH)))
            auth_at(&g->funcs.v[uc->func], uc->c->route);
    }
    /* edges */
    namemap m;
    namemap_build(&m, g);
    ug_ids tg = {0};
    for (size_t i = 0; i < g->calls.n; i++) {
        const ug_call *uc = &g->calls.v[i];
        const ug_file *uf = &g->files.v[uc->file];
        const mm_cg_call *c = uc->c;
        /* an API of the catalogue stands for itself, even if the tree holds its source */
        bool api = uc->role & ~(unsigned)(UC_OWN_VERIFY | UC_OWN_AUTH);
        if (!api && uc->func >= 0) {
            resolve_call(g, &m, uc, &tg);
            for (size_t k = 0; k < tg.n; k++)
                add_edge(g, uc->func, tg.v[k], (int32_t)i, -1);
        }
        for (const char *p = c->refs; p && *p;) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            ref_targets(g, &m, uf, uc->file, p, n, &tg);
            for (size_t k = 0; k < tg.n; k++)
                add_edge(g, uc->func, tg.v[k], (int32_t)i, -1);
            p = e ? e + 1 : p + n;
        }
    }
    for (size_t i = 0; i < g->files.n; i++) {
        const ug_file *uf = &g->files.v[i];
        for (size_t k = 0; k < uf->g.refs.n; k++) {
            const mm_cg_ref *r = &uf->g.refs.v[k];
            if (r->func < 0)
                continue;
            ref_targets(g, &m, uf, (int32_t)i, r->name, strlen(r->name), &tg);
            for (size_t j = 0; j < tg.n; j++)
                add_edge(g, uf->func0 + r->func, tg.v[j], -1, -1);
        }
        for (size_t k = 0; k < uf->g.funcs.n; k++) {
            const mm_cg_func *f = &uf->g.funcs.v[k];
            if (f->lambda && f->parent >= 0) {
                int32_t from = uf->func0 + f->parent, to = uf->func0 + (int32_t)k;
                bool linked = false;
                for (size_t j = 0; j < g->funcs.v[from].out.n && !linked; j++)
                    linked = g->funcs.v[from].out.v[j].to == to;
                if (!linked)
                    add_edge(g, from, to, -1, -1);
            }
        }
    }
    for (size_t i = 0; i < g->calls.n; i++)
        registrations(g, &m, (int32_t)i);
    g->reg_of = mm_xmalloc((g->funcs.n ? g->funcs.n : 1) * sizeof *g->reg_of);
    for (size_t i = 0; i < g->funcs.n; i++)
        g->reg_of[i] = -1;
    for (size_t i = 0; i < g->regs.n; i++) {
        for (size_t k = 0; k < g->regs.v[i].handlers.n; k++) {
            int32_t h = g->regs.v[i].handlers.v[k];
            if (g->reg_of[h] < 0)
                g->reg_of[h] = (int32_t)i;
        }
    }
    mm_vec_free(&tg);
    namemap_free(&m);
    /* what each function reaches: its own roles, then its callees', to a fixed point */
    ug_ids work = {0};
    for (size_t i = 0; i < g->funcs.n; i++) {
        g->funcs.v[i].reach = g->funcs.v[i].direct;
        mm_vec_push(&work, (int32_t)i);
    }
    while (work.n) {
        int32_t f = work.v[--work.n];
        unsigned r = g->funcs.v[f].reach;
        for (size_t k = 0; k < g->funcs.v[f].in.n; k++) {
            ug_func *caller = &g->funcs.v[g->funcs.v[f].in.v[k]];
            if ((caller->reach | r) != caller->reach) {
                caller->reach |= r;
                mm_vec_push(&work, g->funcs.v[f].in.v[k]);
            }
        }
    }
    mm_vec_free(&work);
}

mm_update_graph *mm_update_graph_get(mm_scan *s, const mm_update_catalogue *cat)
{
    if (s->update_graph)
        return s->update_graph;
    mm_update_graph *g = mm_xcalloc(1, sizeof *g);
    g->cat = cat;
    build(g, s);
    s->update_graph = g;
    return g;
}

void mm_update_graph_free(mm_update_graph *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->files.n; i++)
        mm_cg_file_free(&g->files.v[i].g);
    mm_vec_free(&g->files);
    for (size_t i = 0; i < g->funcs.n; i++) {
        mm_vec_free(&g->funcs.v[i].out);
        mm_vec_free(&g->funcs.v[i].in);
        mm_vec_free(&g->funcs.v[i].calls);
        mm_vec_free(&g->funcs.v[i].auth_routes);
    }
    mm_vec_free(&g->funcs);
    mm_vec_free(&g->calls);
    for (size_t i = 0; i < g->regs.n; i++)
        mm_vec_free(&g->regs.v[i].handlers);
    mm_vec_free(&g->regs);
    for (size_t i = 0; i < g->confs.n; i++)
        mm_vec_free(&g->confs.v[i].keys);
    mm_vec_free(&g->confs);
    mm_vec_free(&g->signed_by_families);
    mm_vec_free(&g->decls);
    free(g->reg_of);
    free(g->writes);
    mm_arena_free(&g->arena);
    free(g);
}

bool mm_ug_call_matches(const mm_update_graph *g, const uc_spec *s, int32_t call)
{
    return spec_holds(g, s, &g->calls.v[call]);
}

const mm_cg_site *mm_ug_site(const mm_update_graph *g, int32_t call)
{
    const ug_call *uc = &g->calls.v[call];
    if (uc->c->site < 0)
        return NULL;
    return &g->files.v[uc->file].g.sites.v[uc->c->site];
}

const char *mm_ug_func_name(const mm_update_graph *g, int32_t fn)
{
    const mm_cg_func *f = g->funcs.v[fn].f;
    return f->lambda ? "a lambda" : f->name;
}

static bool key_set(const ug_conf *c, const char *key, const char **value)
{
    for (size_t i = c->keys.n; i-- > 0;) {
        if (!strcmp(c->keys.v[i].key, key)) {
            *value = c->keys.v[i].value;
            return strcmp(c->keys.v[i].value, "n") != 0 && c->keys.v[i].value[0];
        }
    }
    return false;
}

bool mm_ug_family_signed(mm_update_graph *g, int family, const char *path, const char **via)
{
    if (family < 0 || (size_t)family >= g->cat->families.n)
        return false;
    const uc_family *fam = &g->cat->families.v[family];
    if (!fam->signed_when.n)
        return false;
    /* the nearest configuration file at or above the code that turns the check on ... */
    const ug_conf *on = NULL;
    const char *found = NULL;
    for (size_t i = 0; i < g->confs.n; i++) {
        const ug_conf *c = &g->confs.v[i];
        if (c->dirlen && (strncmp(path, c->path, c->dirlen) != 0 || path[c->dirlen] != '/'))
            continue;
        if (on && c->dirlen < on->dirlen)
            continue;
        const char *v;
        for (size_t k = 0; k < fam->signed_when.n; k++) {
            if (key_set(c, fam->signed_when.v[k], &v)) {
                on = c;
                found = mm_arena_printf(&g->arena, "%s=%s in %s", fam->signed_when.v[k], v,
                                        c->path);
                break;
            }
        }
    }
    if (!on)
        return false;
    /* ... unless a configuration of that project (its directory and below: the bootloader's
     * own, sysbuild/mcuboot.conf) or above the code turns it off */
    for (size_t i = 0; i < g->confs.n; i++) {
        const ug_conf *c = &g->confs.v[i];
        bool below = !on->dirlen || (!strncmp(c->path, on->path, on->dirlen) &&
                                     c->path[on->dirlen] == '/');
        bool above = !c->dirlen ||
                     (!strncmp(path, c->path, c->dirlen) && path[c->dirlen] == '/');
        if (!below && !above)
            continue;
        const char *v;
        for (size_t k = 0; k < fam->signed_unless.n; k++) {
            if (key_set(c, fam->signed_unless.v[k], &v))
                return false;
        }
    }
    if (via)
        *via = found;
    return true;
}
