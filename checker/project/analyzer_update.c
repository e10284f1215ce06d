/* analyzer_update.c: firmware update paths in the project's call graph. The rule
 * update-unverified-image holds the catalogue of update APIs (update_catalogue.c); its per-file
 * part leaves each file's call-graph facts and the configuration that makes images checked at
 * boot (hints), and once per scan the graph is joined (update_graph.c) and judged:
 *
 *   update-unverified-image         an image is written and made bootable on a path where no
 *                                   signature is checked: reported at the write, with the path
 *                                   (entry -> write, and the step that boots it);
 *   update-md5-as-authenticity      the only check of the image on such a path is an MD5;
 *   update-unauthenticated-endpoint a route whose handler reaches an image write with no
 *                                   authentication check on the way;
 *   update-arduinoota-no-password,  a library update endpoint (ArduinoOTA, HTTPUpdateServer,
 *   update-web-updater-no-password  ElegantOTA) started without a password.
 *
 * The path of a write W in function Fw: the nearest function P at or above Fw (by callers) that
 * also reaches a commit or a reboot, an entry above P (a registered route's handler, or a
 * function nobody calls), and the chain between them. The image is authentic when a signature
 * check is reachable from P or called on the way down to it, when the family's signature check
 * is installed anywhere (Update.installSignature), or when the configuration above the file has
 * the bootloader check it (ESP-IDF secure boot, MCUboot with a signature type). A flash write of
 * no particular API is an image write only on an update path: bytes received on the way, or a
 * function or file named for an update (ota, firmware, dfu). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "front/kconfig.h"
#include "project/analyzers.h"
#include "project/update_int.h"

enum { MAX_UP = 12, PATH_NAMES = 8 };

/* --- the rule file's data -------------------------------------------------------------------- */

const char *const mm_update_path_keys[] = {"catalogue", NULL};

int mm_update_path_compile(mm_compile_ctx *cx, const cJSON *match, void **data)
{
    const cJSON *cat = cJSON_GetObjectItemCaseSensitive(match, "catalogue");
    if (!cat)
        return mm_json_err(cx->doc, match, cx->err,
                           "the update-path analyzer needs \"catalogue\" (rules/README.md)");
    mm_update_catalogue *c = mm_xcalloc(1, sizeof *c);
    *data = c;
    if (mm_update_catalogue_compile(cx->doc, cat, c, cx->err) < 0)
        return -1;
    MM_VEC(char *) trig = {0};
    mm_update_catalogue_triggers(c, (void *)&trig);
    for (size_t i = 0; i < trig.n; i++) {
        mm_rule_add_trigger(cx->rule, trig.v[i], false);
        free(trig.v[i]);
    }
    mm_vec_free(&trig);
    return 0;
}

void mm_update_path_free(void *data)
{
    mm_update_catalogue_free(data);
    free(data);
}

typedef struct password_data {
    MM_VEC(char *) endpoints; /* names of the catalogue's library endpoints this rule judges */
} password_data;

const char *const mm_update_password_keys[] = {"endpoints", NULL};

int mm_update_password_compile(mm_compile_ctx *cx, const cJSON *match, void **data)
{
    password_data *d = mm_xcalloc(1, sizeof *d);
    *data = d;
    if (mm_json_copy_strs(cx->doc, match, "endpoints", &d->endpoints, cx->err) < 0)
        return -1;
    if (!d->endpoints.n)
        return mm_json_err(cx->doc, match, cx->err,
                           "the update-password analyzer needs \"endpoints\": names of the "
                           "catalogue's library endpoints");
    return 0;
}

void mm_update_password_free(void *data)
{
    password_data *d = data;
    for (size_t i = 0; i < d->endpoints.n; i++)
        free(d->endpoints.v[i]);
    mm_vec_free(&d->endpoints);
    free(d);
}

/* --- per file: the facts ---------------------------------------------------------------------- */

static bool has_hint(const mm_file *f, const char *key)
{
    for (size_t i = 0; i < f->hints.n; i++) {
        if (!strcmp(f->hints.v[i].key, key))
            return true;
    }
    return false;
}

/* The catalogue's configuration keys a Kconfig-style file sets or unsets. */
static void collect_conf(const mm_update_catalogue *cat, mm_file *f)
{
    mm_buf b = {0};
    mm_buf_printf(&b, "%s\n", f->path);
    size_t head = b.len;
    const char *p = f->data, *end = f->data + f->len;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t'))
            q++;
        bool unset = false;
        if (q < e && *q == '#') {
            q++;
            while (q < e && *q == ' ')
                q++;
            unset = true;
        }
        for (size_t k = 0; k < cat->config_keys.n; k++) {
            const char *key = cat->config_keys.v[k];
            size_t kl = strlen(key);
            if ((size_t)(e - q) <= kl || memcmp(q, key, kl) != 0)
                continue;
            const char *r = q + kl;
            if (unset && (size_t)(e - r) >= 11 && !memcmp(r, " is not set", 11)) {
                mm_buf_printf(&b, "%s=n\n", key);
            } else if (!unset && *r == '=') {
                const char *v = r + 1, *ve = e;
                while (ve > v && (ve[-1] == '\r' || ve[-1] == ' '))
                    ve--;
                if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
                    v++;
                    ve--;
                }
                mm_buf_printf(&b, "%s=%.*s\n", key, (int)(ve - v), v);
            }
        }
        p = e + 1;
    }
    if (b.len > head) {
        mm_kv kv = {mm_xstrdup(MM_UPDATE_HINT_CONF), mm_buf_cstr(&b)};
        mm_vec_push(&f->hints, kv);
    } else {
        mm_buf_free(&b);
    }
}

void mm_update_collect(const mm_rule *rule, mm_file *f)
{
    const mm_update_catalogue *cat = mm_rule_analyzer_data(rule);
    if (!cat)
        return;
    if (f->kind == MM_KIND_C || f->kind == MM_KIND_CPP) {
        if (has_hint(f, MM_UPDATE_HINT_CODE))
            return;
        mm_cg_file g;
        mm_cg_extract(f, &cat->want, &g);
        if (g.funcs.n || g.calls.n || g.decls.n || g.inits.n) {
            char *text = mm_cg_encode(&g);
            mm_kv kv = {mm_xstrdup(MM_UPDATE_HINT_CODE), mm_xasprintf("%s\n%s", f->path, text)};
            mm_vec_push(&f->hints, kv);
            free(text);
        }
        mm_cg_file_free(&g);
        return;
    }
    if (f->kind == MM_KIND_OTHER && mm_kconfig_candidate(f->path) &&
        !has_hint(f, MM_UPDATE_HINT_CONF))
        collect_conf(cat, f);
}

/* --- the graph of this scan ------------------------------------------------------------------- */

static const mm_update_catalogue *scan_catalogue(const mm_scan *s)
{
    for (size_t i = 0; i < s->rules->rules.n; i++) {
        const mm_rule *r = s->rules->rules.v[i];
        const mm_analyzer *an = mm_rule_analyzer(r);
        if (an && !strcmp(an->name, "update-path"))
            return mm_rule_analyzer_data(r);
    }
    return NULL;
}

/* The graph, or NULL (with a notice) when no loaded rule holds the catalogue. */
static mm_update_graph *graph_for(const mm_rule *rule, mm_scan *s)
{
    const mm_update_catalogue *cat = scan_catalogue(s);
    if (!cat) {
        mm_notice n = {NULL, 0, 0, MM_NOTICE_NOTE, mm_xstrdup("update-catalogue-off"),
                       mm_xasprintf(_("%s was not applied: it reads the update API catalogue "
                                      "of update-unverified-image, which this scan does not "
                                      "load"),
                                    rule->id)};
        mm_vec_push(&s->notices, n);
        return NULL;
    }
    return mm_update_graph_get(s, cat);
}

/* --- searching ---------------------------------------------------------------------------------- */

typedef struct bfs {
    uint32_t *seen;
    uint32_t stamp;
    int32_t *prev;  /* the node it was reached from */
    int32_t *depth;
    int32_t *queue;
    size_t cap;
    bool no_registrations; /* going up: do not climb from a handler to whoever registered it */
} bfs;

static void bfs_init(bfs *b, size_t n)
{
    memset(b, 0, sizeof *b);
    b->cap = n ? n : 1;
    b->seen = mm_xcalloc(b->cap, sizeof *b->seen);
    b->prev = mm_xmalloc(b->cap * sizeof *b->prev);
    b->depth = mm_xmalloc(b->cap * sizeof *b->depth);
    b->queue = mm_xmalloc(b->cap * sizeof *b->queue);
}

static void bfs_free(bfs *b)
{
    free(b->seen);
    free(b->prev);
    free(b->depth);
    free(b->queue);
}

typedef bool (*node_pred)(const mm_update_graph *g, int32_t f, const void *arg);

/* Is every edge from -> to a registration (a handler handed over, not called)? */
static bool only_registered(const mm_update_graph *g, int32_t from, int32_t to)
{
    const ug_func *f = &g->funcs.v[from];
    bool any = false;
    for (size_t i = 0; i < f->out.n; i++) {
        if (f->out.v[i].to != to)
            continue;
        if (f->out.v[i].route < 0)
            return false;
        any = true;
    }
    return any;
}

/* Breadth first from `from`, up over callers or down over callees, to the first node that
 * satisfies pred (from itself first); -1 when none within max_depth. b->prev holds the way. */
static int32_t bfs_find(bfs *b, const mm_update_graph *g, int32_t from, bool up, int max_depth,
                        node_pred pred, const void *arg)
{
    if (++b->stamp == 0) {
        memset(b->seen, 0, b->cap * sizeof *b->seen);
        b->stamp = 1;
    }
    size_t head = 0, tail = 0;
    b->queue[tail++] = from;
    b->seen[from] = b->stamp;
    b->prev[from] = -1;
    b->depth[from] = 0;
    while (head < tail) {
        int32_t x = b->queue[head++];
        if (pred(g, x, arg))
            return x;
        if (b->depth[x] >= max_depth)
            continue;
        const ug_func *fx = &g->funcs.v[x];
        size_t n = up ? fx->in.n : fx->out.n;
        for (size_t k = 0; k < n; k++) {
            int32_t y = up ? fx->in.v[k] : fx->out.v[k].to;
            if (b->seen[y] == b->stamp)
                continue;
            if (up && b->no_registrations && only_registered(g, y, x))
                continue;
            b->seen[y] = b->stamp;
            b->prev[y] = x;
            b->depth[y] = b->depth[x] + 1;
            b->queue[tail++] = y;
        }
    }
    return -1;
}

/* The call in `from` that leads to `to` (-1: `from` only names it, or defines it: a lambda). */
static int32_t edge_call(const mm_update_graph *g, int32_t from, int32_t to)
{
    const ug_func *f = &g->funcs.v[from];
    for (size_t i = 0; i < f->out.n; i++) {
        if (f->out.v[i].to == to && f->out.v[i].call >= 0)
            return f->out.v[i].call;
    }
    return -1;
}

/* The first call of f with one of these roles. */
static int32_t call_with(const mm_update_graph *g, int32_t f, unsigned roles)
{
    const ug_func *fn = &g->funcs.v[f];
    for (size_t i = 0; i < fn->calls.n; i++) {
        if (g->calls.v[fn->calls.v[i]].role & roles)
            return fn->calls.v[i];
    }
    return -1;
}

static bool reaches(const mm_update_graph *g, int32_t f, const void *arg)
{
    return (g->funcs.v[f].reach & *(const unsigned *)arg) != 0;
}

static bool is_entry(const mm_update_graph *g, int32_t f, const void *arg)
{
    (void)arg;
    return g->reg_of[f] >= 0 || g->funcs.v[f].in.n == 0;
}

/* --- names for update words -------------------------------------------------------------------- */

static bool update_word(const mm_update_catalogue *cat, const char *s)
{
    char norm[512];
    mm_cg_norm(norm, sizeof norm, s, strlen(s));
    for (size_t i = 0; i < cat->update_words.n; i++) {
        if (mm_cg_has_parts(norm, cat->update_words.v[i]))
            return true;
    }
    return false;
}

/* --- the analysis of each write ---------------------------------------------------------------- */

typedef ug_ids fnlist;

typedef struct ua_write {
    int32_t call;   /* the write (or a library call that updates by itself) */
    int32_t P;      /* the function that reaches both it and the boot step (-1: none) */
    bool image;     /* a write of an image that can boot */
    bool authentic; /* ... checked for who made it */
    bool reported;  /* the first write of its function for that P: the one a finding is at */
} ua_write;

typedef struct upath {
    fnlist fns;      /* entry ... P ... the write's function */
    size_t p_at;     /* index of P in fns */
    int32_t boot_call;
    fnlist boot;     /* P ... the function making the boot call */
} upath;

static void upath_free(upath *u)
{
    mm_vec_free(&u->fns);
    mm_vec_free(&u->boot);
}

static const unsigned BOOT_ROLES = UC_COMMIT | UC_REBOOT;
static const unsigned VERIFY_ROLES = UC_VERIFY | UC_OWN_VERIFY;

/* The boot step for a write in P's reach: a commit of the write's own family first, then one in
 * the write's directory (one platform's HAL of several), a commit before a reset, the nearest. */
static int32_t pick_boot(bfs *b, const mm_update_graph *g, int32_t P, int32_t wcall,
                         ug_ids *chain)
{
    const ug_call *w = &g->calls.v[wcall];
    const char *wpath = g->files.v[w->file].path;
    size_t wdir = (size_t)(mm_path_base(wpath) - wpath);
    if (++b->stamp == 0) {
        memset(b->seen, 0, b->cap * sizeof *b->seen);
        b->stamp = 1;
    }
    size_t head = 0, tail = 0;
    b->queue[tail++] = P;
    b->seen[P] = b->stamp;
    b->prev[P] = -1;
    int32_t best = -1, best_fn = -1, best_score = 1 << 30;
    while (head < tail) {
        int32_t x = b->queue[head++];
        const ug_func *fx = &g->funcs.v[x];
        if (!(fx->reach & BOOT_ROLES))
            continue;
        for (size_t i = 0; (fx->direct & BOOT_ROLES) && i < fx->calls.n; i++) {
            const ug_call *c = &g->calls.v[fx->calls.v[i]];
            if (!(c->role & BOOT_ROLES))
                continue;
            const char *cp = g->files.v[c->file].path;
            bool commit = (c->role & UC_COMMIT) != 0;
            bool own = commit && c->family >= 0 && c->family == w->family;
            bool near = !strncmp(cp, wpath, wdir) && (size_t)(mm_path_base(cp) - cp) == wdir;
            /* a commit of another family (another platform's HAL) is the last choice */
            int score = (own ? 0 : commit ? 8 : 1) + (near ? 0 : 2);
            if (score < best_score) {
                best_score = score;
                best = fx->calls.v[i];
                best_fn = x;
            }
        }
        if (best_score == 0)
            break;
        for (size_t k = 0; k < fx->out.n; k++) {
            int32_t y = fx->out.v[k].to;
            if (b->seen[y] == b->stamp)
                continue;
            b->seen[y] = b->stamp;
            b->prev[y] = x;
            b->queue[tail++] = y;
        }
    }
    chain->n = 0;
    if (best < 0 || best_score >= 8)
        return -1; /* only another platform's commit: the bootloader takes the image at a reset */
    ug_ids rev = {0};
    for (int32_t x = best_fn; x >= 0; x = b->prev[x])
        mm_vec_push(&rev, x);
    for (size_t i = rev.n; i-- > 0;)
        mm_vec_push(chain, rev.v[i]);
    mm_vec_free(&rev);
    return best;
}

/* The path of a write `wcall` in fw: P (the nearest caller reaching a boot step, not climbing
 * from a handler to whoever registered it; fw itself for a library update), the entry above P,
 * and the boot step. False when nothing above fw boots. */
static bool find_path(bfs *b, const mm_update_graph *g, int32_t fw, int32_t wcall, bool library,
                      upath *u)
{
    memset(u, 0, sizeof *u);
    u->boot_call = -1;
    int32_t P = fw;
    fnlist down = {0};
    if (!library) {
        b->no_registrations = true;
        P = bfs_find(b, g, fw, true, MAX_UP, reaches, &BOOT_ROLES);
        b->no_registrations = false;
        if (P < 0)
            return false;
    }
    for (int32_t x = P; x >= 0; x = x == fw ? -1 : b->prev[x])
        mm_vec_push(&down, x); /* P ... fw */
    int32_t E = bfs_find(b, g, P, true, 64, is_entry, NULL);
    if (E < 0)
        E = P;
    fnlist up = {0};
    for (int32_t x = E; x >= 0; x = x == P ? -1 : b->prev[x])
        mm_vec_push(&up, x); /* E ... P */
    for (size_t i = 0; i < up.n; i++)
        mm_vec_push(&u->fns, up.v[i]);
    u->p_at = up.n - 1;
    for (size_t i = 1; i < down.n; i++)
        mm_vec_push(&u->fns, down.v[i]);
    mm_vec_free(&up);
    mm_vec_free(&down);
    if (!library)
        u->boot_call = pick_boot(b, g, P, wcall, &u->boot);
    return true;
}

/* Is the image of this path authentic, and by what (NULL: it is not)? */
static const char *authentic_by(mm_update_graph *g, const ug_call *w, const upath *u)
{
    if (w->family >= 0) {
        for (size_t i = 0; i < g->signed_by_families.n; i++) {
            if (g->signed_by_families.v[i] == w->family)
                return "a signature check installed for every update";
        }
        const char *via = NULL;
        if (mm_ug_family_signed(g, w->family, g->files.v[w->file].path, &via))
            return via;
    }
    int32_t P = u->fns.v[u->p_at];
    if (g->funcs.v[P].reach & VERIFY_ROLES)
        return "a signature check reachable from the update";
    for (size_t i = 0; i < u->p_at; i++) {
        if (g->funcs.v[u->fns.v[i]].direct & VERIFY_ROLES)
            return "a signature check on the way";
    }
    return NULL;
}

/* A flash write of no particular API writes an image when the path receives bytes or is named
 * for an update. */
static bool update_context(const mm_update_graph *g, const ug_call *w, const upath *u)
{
    /* bytes received on the way: called by a function of the path, or reached from one below
     * P (not from P's other branches: a dispatcher reaches every receive of the firmware) */
    for (size_t i = 0; i < u->fns.n; i++) {
        const ug_func *f = &g->funcs.v[u->fns.v[i]];
        if ((f->direct & UC_SOURCE) || (i > u->p_at && (f->reach & UC_SOURCE)))
            return true;
    }
    for (size_t i = 0; i < u->fns.n; i++) {
        const mm_cg_func *f = g->funcs.v[u->fns.v[i]].f;
        if (!f->lambda && update_word(g->cat, f->name))
            return true;
    }
    /* the file's name, not its directories (a tree kept under firmware/ is no update) */
    return update_word(g->cat, mm_path_base(g->files.v[w->file].path));
}

static void analyze_writes(mm_update_graph *g)
{
    if (g->analyzed)
        return;
    g->analyzed = true;
    bfs b;
    bfs_init(&b, g->funcs.n);
    MM_VEC(ua_write) ws = {0};
    for (size_t i = 0; i < g->calls.n; i++) {
        const ug_call *c = &g->calls.v[i];
        if (c->func < 0 || !(c->role & (UC_WRITE | UC_WRITE_GENERIC | UC_UPDATE)))
            continue;
        bool library = (c->role & UC_UPDATE) && !(c->role & (UC_WRITE | UC_WRITE_GENERIC));
        ua_write w = {(int32_t)i, -1, false, false, false};
        upath u;
        if (find_path(&b, g, c->func, (int32_t)i, library, &u)) {
            w.P = u.fns.v[u.p_at];
            w.image = library || (c->role & UC_WRITE) || update_context(g, c, &u);
            w.authentic = authentic_by(g, c, &u) != NULL;
        }
        upath_free(&u);
        mm_vec_push(&ws, w);
    }
    /* one finding per function and path: its first write */
    for (size_t i = 0; i < ws.n; i++) {
        ua_write *w = &ws.v[i];
        if (!w->image)
            continue;
        w->reported = true;
        for (size_t k = 0; k < i && w->reported; k++) {
            const ua_write *o = &ws.v[k];
            w->reported = !(o->image && o->P == w->P &&
                            g->calls.v[o->call].func == g->calls.v[w->call].func);
        }
    }
    bfs_free(&b);
    g->writes = ws.v;
    g->nwrites = ws.n;
}

/* --- findings ---------------------------------------------------------------------------------- */

typedef MM_VEC(mm_flow_step) flow;

static void flow_add(flow *fl, const char *path, unsigned line, unsigned col, char *message)
{
    mm_flow_step st = {mm_xstrdup(path), line, col ? col : 1, message};
    mm_vec_push(fl, st);
}

static const char *call_text(mm_arena *a, const mm_cg_call *c)
{
    return c->object && strcmp(c->object, "?") != 0 && strcmp(c->object, "()") != 0 &&
                   strcmp(c->object, "[]") != 0
               ? mm_arena_printf(a, "%s.%s", c->object, c->name)
               : c->name;
}

/* The route a path enters by: the registration of its entry and a route comparison on the
 * way ("/api/ -> api/ota"), or NULL. */
static const char *route_of(mm_update_graph *g, const fnlist *fns, size_t upto)
{
    int32_t reg = fns->n ? g->reg_of[fns->v[0]] : -1;
    if (reg < 0)
        return NULL; /* a comparison with a URL matters only in a request's handler */
    const char *route = g->regs.v[reg].route;
    for (size_t i = 0; i + 1 <= upto && i + 1 < fns->n; i++) {
        int32_t c = edge_call(g, fns->v[i], fns->v[i + 1]);
        if (c < 0 || g->calls.v[c].c->route < 0)
            continue;
        const ug_file *uf = &g->files.v[g->calls.v[c].file];
        const char *sub = uf->g.routes.v[g->calls.v[c].c->route].route;
        return route ? mm_arena_printf(&g->arena, "%s -> %s", route, sub) : sub;
    }
    return route;
}

/* "a -> b -> c", long chains shortened in the middle */
static const char *names_of(mm_update_graph *g, const fnlist *fns, const char *last)
{
    mm_buf b = {0};
    for (size_t i = 0; i < fns->n; i++) {
        if (fns->n > PATH_NAMES && i == PATH_NAMES / 2) {
            mm_buf_puts(&b, " -> ...");
            i = fns->n - PATH_NAMES / 2;
        }
        mm_buf_printf(&b, "%s%s", b.len ? " -> " : "", mm_ug_func_name(g, fns->v[i]));
    }
    if (last)
        mm_buf_printf(&b, "%s%s", b.len ? " -> " : "", last);
    const char *out = mm_arena_strdup(&g->arena, b.len ? mm_buf_cstr(&b) : "");
    mm_buf_free(&b);
    return out;
}

/* The steps of a path for SARIF codeFlows: the entry, each call down to `last`. */
static void path_flow(mm_update_graph *g, const fnlist *fns, int32_t last, const char *last_msg,
                      flow *fl)
{
    if (!fns->n)
        return;
    int32_t e = fns->v[0];
    const ug_func *ef = &g->funcs.v[e];
    int32_t reg = g->reg_of[e];
    if (reg >= 0) {
        const ug_reg *r = &g->regs.v[reg];
        flow_add(fl, g->files.v[r->file].path, r->site->line, r->site->col,
                 mm_xasprintf("%s registers the handler %s", r->route ? r->route : "a route",
                              mm_ug_func_name(g, e)));
    } else {
        flow_add(fl, g->files.v[ef->file].path, ef->f->line, ef->f->col,
                 mm_xasprintf("entry: %s", mm_ug_func_name(g, e)));
    }
    for (size_t i = 0; i + 1 < fns->n; i++) {
        int32_t from = fns->v[i], to = fns->v[i + 1];
        int32_t c = edge_call(g, from, to);
        const ug_func *ff = &g->funcs.v[from], *tf = &g->funcs.v[to];
        if (c >= 0) {
            const mm_cg_call *cc = g->calls.v[c].c;
            flow_add(fl, g->files.v[ff->file].path, cc->line, cc->col,
                     mm_xasprintf("%s calls %s", mm_ug_func_name(g, from),
                                  mm_ug_func_name(g, to)));
        } else {
            flow_add(fl, g->files.v[tf->file].path, tf->f->line, tf->f->col,
                     mm_xasprintf("%s hands %s over to run later", mm_ug_func_name(g, from),
                                  mm_ug_func_name(g, to)));
        }
    }
    if (last >= 0) {
        const ug_call *lc = &g->calls.v[last];
        flow_add(fl, g->files.v[lc->file].path, lc->c->line, lc->c->col,
                 mm_xasprintf("%s", last_msg));
    }
}

/* The snippet a finding shows: another finding's of the same line when there is one (its
 * secrets are redacted), else the line as the front end kept it. */
static char *snippet_for(const mm_scan *s, const char *path, const mm_cg_site *site)
{
    for (size_t i = 0; i < s->findings.n; i++) {
        const mm_finding *f = &s->findings.v[i];
        if (f->line == site->line && !strcmp(f->path, path) && f->snippet)
            return mm_xstrdup(f->snippet);
    }
    return mm_xstrdup(site->snippet ? site->snippet : "");
}

typedef MM_VEC(char *) keylist;

static void emit(mm_scan *s, const mm_rule *rule, const char *path, const mm_cg_site *site,
                 const char *const *vars, const char *subject, keylist *keys, flow *fl)
{
    mm_finding f;
    memset(&f, 0, sizeof f);
    f.rule = rule;
    f.path = mm_xstrdup(path);
    f.line = site->line;
    f.col = site->col;
    f.end_line = site->end_line;
    f.end_col = site->end_col;
    f.severity = rule->severity;
    f.engine = "analyzer";
    f.snippet = snippet_for(s, path, site);
    mm_buf vb = {0};
    for (const char *const *v = vars; v[0] && v[1]; v += 2) {
        mm_buf_put(&vb, v[0], strlen(v[0]) + 1);
        mm_buf_put(&vb, v[1], strlen(v[1]) + 1);
    }
    mm_buf_putc(&vb, 0);
    f.vars = vb.data;
    /* by rule, what is reported and the source line without blanks, and which occurrence of
     * that in the file: not by line, as the per-file findings */
    mm_buf key = {0};
    mm_buf_printf(&key, "%s%c%s%c", rule->id, 0, subject, 0);
    for (const char *p = f.snippet; *p; p++) {
        if (*p != ' ' && *p != '\t')
            mm_buf_putc(&key, *p);
    }
    char base[65];
    mm_sha256_hex(key.data, key.len, base);
    char *tag = mm_xasprintf("%s\n%s", path, base);
    unsigned occurrence = 0;
    for (size_t i = 0; i < keys->n; i++)
        occurrence += !strcmp(keys->v[i], tag);
    mm_vec_push(keys, tag);
    mm_buf_printf(&key, "%c%u", 0, occurrence);
    char full[65];
    mm_sha256_hex(key.data, key.len, full);
    mm_buf_free(&key);
    memcpy(f.fingerprint, full, 32);
    f.fingerprint[32] = 0;
    if (fl && fl->n) {
        f.flow = fl->v;
        f.nflow = fl->n;
        fl->v = NULL;
        fl->n = fl->cap = 0;
    }
    mm_vec_push(&s->findings, f);
}

static void keys_free(keylist *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->v[i]);
    mm_vec_free(k);
}

static void flow_free(flow *fl)
{
    for (size_t i = 0; i < fl->n; i++) {
        free(fl->v[i].path);
        free(fl->v[i].message);
    }
    mm_vec_free(fl);
}

/* The functions whose own checks count for a path: those on it (entry ... P ... the write), and
 * the ones that P and the functions below it call directly (a helper that computes the
 * digest). Not all that P reaches: a dispatcher reaches every checksum of the firmware. */
static void path_scope(const mm_update_graph *g, const upath *u, fnlist *out)
{
    out->n = 0;
    for (size_t i = 0; i < u->fns.n; i++)
        mm_vec_push(out, u->fns.v[i]);
    for (size_t i = u->p_at; i < u->fns.n; i++) {
        const ug_func *f = &g->funcs.v[u->fns.v[i]];
        for (size_t k = 0; k < f->out.n; k++) {
            if (f->out.v[k].route >= 0)
                continue;
            bool seen = false;
            for (size_t j = 0; j < out->n && !seen; j++)
                seen = out->v[j] == f->out.v[k].to;
            if (!seen)
                mm_vec_push(out, f->out.v[k].to);
        }
    }
}

/* The digest the path relies on, if any: "MD5Builder.calculate", "mbedtls_sha256_update". */
static const char *digest_on(mm_update_graph *g, const upath *u)
{
    fnlist scope = {0};
    path_scope(g, u, &scope);
    const char *out = NULL;
    for (size_t i = 0; i < scope.n && !out; i++) {
        int32_t c = call_with(g, scope.v[i], UC_DIGEST);
        if (c >= 0)
            out = call_text(&g->arena, g->calls.v[c].c);
    }
    mm_vec_free(&scope);
    return out;
}

void mm_update_unverified_image(const mm_rule *rule, mm_scan *s)
{
    mm_update_graph *g = graph_for(rule, s);
    if (!g)
        return;
    analyze_writes(g);
    bfs b;
    bfs_init(&b, g->funcs.n);
    keylist keys = {0};
    for (size_t i = 0; i < g->nwrites; i++) {
        const ua_write *w = &g->writes[i];
        if (!w->reported || w->authentic)
            continue;
        const ug_call *wc = &g->calls.v[w->call];
        const mm_cg_site *site = mm_ug_site(g, w->call);
        if (!site)
            continue;
        bool library = (wc->role & UC_UPDATE) && !(wc->role & (UC_WRITE | UC_WRITE_GENERIC));
        upath u;
        if (!find_path(&b, g, wc->func, w->call, library, &u)) {
            upath_free(&u);
            continue;
        }
        const char *writer = call_text(&g->arena, wc->c);
        const char *route = route_of(g, &u.fns, u.fns.n);
        const char *entry = route ? mm_arena_printf(&g->arena, _("route %s"), route)
                            : g->reg_of[u.fns.v[0]] >= 0 ? _("a registered route")
                                                         : mm_ug_func_name(g, u.fns.v[0]);
        const char *boot = library ? _("the library itself")
                           : u.boot_call >= 0
                               ? call_text(&g->arena, g->calls.v[u.boot_call].c)
                               : _("the bootloader at the next reset");
        const char *digest = digest_on(g, &u);
        const char *extra = digest ? mm_arena_printf(&g->arena,
                                                     _("; %s checks integrity, not who made "
                                                       "the image"),
                                                     digest)
                                   : "";
        const char *vars[] = {"callee", writer, "name", writer,  "arg0",   entry,
                              "arg1",   boot,   "arg2", extra,   "detail", names_of(g, &u.fns, writer),
                              NULL};
        flow fl = {0};
        path_flow(g, &u.fns, w->call,
                  library ? mm_arena_printf(&g->arena, "%s receives, writes and boots an image",
                                            writer)
                          : mm_arena_printf(&g->arena, "%s writes the image", writer),
                  &fl);
        if (u.boot_call >= 0) {
            for (size_t k = 0; k + 1 < u.boot.n; k++) {
                int32_t c = edge_call(g, u.boot.v[k], u.boot.v[k + 1]);
                if (c < 0)
                    continue;
                const ug_call *cc = &g->calls.v[c];
                flow_add(&fl, g->files.v[cc->file].path, cc->c->line, cc->c->col,
                         mm_xasprintf("%s calls %s", mm_ug_func_name(g, u.boot.v[k]),
                                      mm_ug_func_name(g, u.boot.v[k + 1])));
            }
            const ug_call *bc = &g->calls.v[u.boot_call];
            flow_add(&fl, g->files.v[bc->file].path, bc->c->line, bc->c->col,
                     mm_xasprintf("%s makes the written image boot", boot));
        }
        char *subject = mm_xasprintf("%s %s", writer, mm_ug_func_name(g, wc->func));
        emit(s, rule, g->files.v[wc->file].path, site, vars, subject, &keys, &fl);
        free(subject);
        flow_free(&fl);
        upath_free(&u);
    }
    keys_free(&keys);
    bfs_free(&b);
}

/* --- MD5 as the only check --------------------------------------------------------------------- */

void mm_update_md5(const mm_rule *rule, mm_scan *s)
{
    mm_update_graph *g = graph_for(rule, s);
    if (!g)
        return;
    analyze_writes(g);
    bfs b;
    bfs_init(&b, g->funcs.n);
    keylist keys = {0};
    uint8_t *done = mm_xcalloc(g->calls.n ? g->calls.n : 1, 1);
    /* an MD5 the family's own API checks the image against (Update.setMD5), unless the family's
     * images are signed */
    for (size_t i = 0; i < g->calls.n; i++) {
        const ug_call *c = &g->calls.v[i];
        if (!(c->role & UC_MD5) || c->family < 0)
            continue;
        bool signed_by = false;
        for (size_t k = 0; k < g->signed_by_families.n && !signed_by; k++)
            signed_by = g->signed_by_families.v[k] == c->family;
        if (signed_by || mm_ug_family_signed(g, c->family, g->files.v[c->file].path, NULL))
            continue;
        done[i] = 1;
    }
    /* an MD5 computed on an update path whose image nothing authenticates */
    for (size_t i = 0; i < g->nwrites; i++) {
        const ua_write *w = &g->writes[i];
        if (!w->image || w->authentic || w->P < 0)
            continue;
        const ug_call *wc = &g->calls.v[w->call];
        bool library = (wc->role & UC_UPDATE) && !(wc->role & (UC_WRITE | UC_WRITE_GENERIC));
        upath u;
        if (!find_path(&b, g, wc->func, w->call, library, &u)) {
            upath_free(&u);
            continue;
        }
        fnlist scope = {0};
        path_scope(g, &u, &scope);
        for (size_t k = 0; k < scope.n; k++) {
            const ug_func *fx = &g->funcs.v[scope.v[k]];
            for (size_t j = 0; (fx->direct & UC_MD5) && j < fx->calls.n; j++) {
                if (g->calls.v[fx->calls.v[j]].role & UC_MD5)
                    done[fx->calls.v[j]] = 1;
            }
        }
        mm_vec_free(&scope);
        upath_free(&u);
    }
    for (size_t i = 0; i < g->calls.n; i++) {
        if (!done[i])
            continue;
        const ug_call *c = &g->calls.v[i];
        const mm_cg_site *site = mm_ug_site(g, (int32_t)i);
        if (!site)
            continue;
        const char *text = call_text(&g->arena, c->c);
        const char *vars[] = {"callee", text, "name", text, NULL};
        emit(s, rule, g->files.v[c->file].path, site, vars, text, &keys, NULL);
    }
    free(done);
    keys_free(&keys);
    bfs_free(&b);
}

/* --- unauthenticated endpoints ----------------------------------------------------------------- */

typedef struct write_target {
    const uint8_t *image_call; /* per call: 1 for a write of an image */
} write_target;

static bool writes_image(const mm_update_graph *g, int32_t f, const void *arg)
{
    const write_target *t = arg;
    const ug_func *fn = &g->funcs.v[f];
    if (!(fn->direct & (UC_WRITE | UC_WRITE_GENERIC | UC_UPDATE)))
        return false;
    for (size_t i = 0; i < fn->calls.n; i++) {
        if (t->image_call[fn->calls.v[i]])
            return true;
    }
    return false;
}

/* Does f check who is asking: anywhere (route < -1), or on the way through a route
 * comparison of its own (route >= 0: outside any route's block, or in that one's)? */
static bool authenticates(const mm_update_graph *g, int32_t f, int32_t route)
{
    const ug_func *fn = &g->funcs.v[f];
    if (fn->auth_any)
        return true;
    for (size_t i = 0; i < fn->auth_routes.n; i++) {
        if (route < -1 || fn->auth_routes.v[i] == route)
            return true;
    }
    return false;
}

/* From a handler (through the calls of one route comparison, or of none): the first image
 * write, with the path; -1 when none. */
static int32_t endpoint_write(bfs *b, mm_update_graph *g, int32_t h, int32_t route,
                              const write_target *t, fnlist *path)
{
    path->n = 0;
    const ug_func *hf = &g->funcs.v[h];
    for (size_t i = 0; i < hf->calls.n; i++) {
        int32_t c = hf->calls.v[i];
        if (t->image_call[c] && g->calls.v[c].c->route == route) {
            mm_vec_push(path, h);
            return c;
        }
    }
    /* below h: through the calls (and the names) of h under this route */
    for (size_t i = 0; i < hf->out.n; i++) {
        const ug_edge *e = &hf->out.v[i];
        int32_t r = e->call >= 0 ? g->calls.v[e->call].c->route : -1;
        if (r != route)
            continue;
        int32_t x = bfs_find(b, g, e->to, false, 32, writes_image, t);
        if (x < 0)
            continue;
        fnlist rev = {0};
        for (int32_t y = x; y >= 0; y = b->prev[y])
            mm_vec_push(&rev, y);
        mm_vec_push(path, h);
        for (size_t k = rev.n; k-- > 0;)
            mm_vec_push(path, rev.v[k]);
        mm_vec_free(&rev);
        const ug_func *xf = &g->funcs.v[x];
        for (size_t k = 0; k < xf->calls.n; k++) {
            if (t->image_call[xf->calls.v[k]])
                return xf->calls.v[k];
        }
    }
    return -1;
}

void mm_update_endpoint(const mm_rule *rule, mm_scan *s)
{
    mm_update_graph *g = graph_for(rule, s);
    if (!g)
        return;
    analyze_writes(g);
    uint8_t *image = mm_xcalloc(g->calls.n ? g->calls.n : 1, 1);
    /* writes of an image, and library updates a request can start (esp_https_ota), not the
     * library endpoints that serve uploads themselves (their own rules judge those) */
    for (size_t i = 0; i < g->nwrites; i++) {
        int32_t c = g->writes[i].call;
        if (!g->writes[i].image)
            continue;
        bool endpoint = false;
        for (size_t k = 0; k < g->cat->endpoints.n && !endpoint; k++)
            endpoint = mm_ug_call_matches(g, &g->cat->endpoints.v[k].call, c);
        if (!endpoint)
            image[c] = 1;
    }
    write_target t = {image};
    bfs b;
    bfs_init(&b, g->funcs.n);
    keylist keys = {0};
    MM_VEC(const mm_cg_site *) seen = {0};
    fnlist path = {0};
    for (size_t r = 0; r < g->regs.n; r++) {
        const ug_reg *reg = &g->regs.v[r];
        bool reg_auth = reg->call >= 0 && g->calls.v[reg->call].func >= 0 &&
                        (g->funcs.v[g->calls.v[reg->call].func].direct & UC_AUTH);
        for (size_t h = 0; h < reg->handlers.n && !reg_auth; h++) {
            int32_t hf = reg->handlers.v[h];
            const ug_file *uf = &g->files.v[g->funcs.v[hf].file];
            /* the handler as registered, then each route it compares the URL with */
            for (int32_t route = -1; route < (int32_t)uf->g.routes.n; route++) {
                if (route >= 0 && uf->g.routes.v[route].func != hf - uf->func0)
                    continue;
                int32_t w = endpoint_write(&b, g, hf, route, &t, &path);
                if (w < 0)
                    continue;
                bool auth = false;
                for (size_t k = 0; k < path.n && !auth; k++)
                    auth = authenticates(g, path.v[k], k == 0 ? route : -2);
                if (auth)
                    continue;
                const mm_cg_site *site = reg->site;
                const char *where = g->files.v[reg->file].path;
                const char *route_text = reg->route ? reg->route : "a route";
                if (route >= 0) {
                    const mm_cg_route *rt = &uf->g.routes.v[route];
                    if (rt->site >= 0)
                        site = &uf->g.sites.v[rt->site];
                    where = uf->path;
                    route_text = reg->route ? mm_arena_printf(&g->arena, "%s -> %s", reg->route,
                                                              rt->route)
                                            : rt->route;
                }
                bool dup = false;
                for (size_t k = 0; k < seen.n && !dup; k++)
                    dup = seen.v[k] == site;
                if (dup)
                    continue;
                mm_vec_push(&seen, site);
                const ug_call *wc = &g->calls.v[w];
                const char *writer = call_text(&g->arena, wc->c);
                const char *vars[] = {"callee", writer, "name", route_text, "arg0", route_text,
                                      "detail", names_of(g, &path, writer), NULL};
                flow fl = {0};
                flow_add(&fl, where, site->line, site->col,
                         mm_xasprintf("%s is served by %s, with no authentication check",
                                      route_text, mm_ug_func_name(g, hf)));
                fnlist rest = {0};
                for (size_t k = 0; k < path.n; k++)
                    mm_vec_push(&rest, path.v[k]);
                for (size_t k = 0; k + 1 < rest.n; k++) {
                    int32_t c = edge_call(g, rest.v[k], rest.v[k + 1]);
                    const ug_func *tf = &g->funcs.v[rest.v[k + 1]];
                    if (c >= 0)
                        flow_add(&fl, g->files.v[g->calls.v[c].file].path, g->calls.v[c].c->line,
                                 g->calls.v[c].c->col,
                                 mm_xasprintf("%s calls %s", mm_ug_func_name(g, rest.v[k]),
                                              mm_ug_func_name(g, rest.v[k + 1])));
                    else
                        flow_add(&fl, g->files.v[tf->file].path, tf->f->line, tf->f->col,
                                 mm_xasprintf("%s hands %s over to run later",
                                              mm_ug_func_name(g, rest.v[k]),
                                              mm_ug_func_name(g, rest.v[k + 1])));
                }
                mm_vec_free(&rest);
                flow_add(&fl, g->files.v[wc->file].path, wc->c->line, wc->c->col,
                         mm_xasprintf("%s writes the uploaded image", writer));
                char *subject = mm_xasprintf("%s %s", route_text, writer);
                emit(s, rule, where, site, vars, subject, &keys, &fl);
                free(subject);
                flow_free(&fl);
            }
        }
    }
    mm_vec_free(&path);
    mm_vec_free(&seen);
    keys_free(&keys);
    bfs_free(&b);
    free(image);
}

/* --- library endpoints without a password ------------------------------------------------------ */

static bool endpoint_named(const password_data *d, const char *name)
{
    for (size_t i = 0; i < d->endpoints.n; i++) {
        if (!strcmp(d->endpoints.v[i], name))
            return true;
    }
    return false;
}

/* A password given to the endpoint anywhere in the project (not ""). */
static bool password_set(const mm_update_graph *g, const uc_endpoint *e)
{
    for (size_t i = 0; i < g->calls.n; i++) {
        const ug_call *c = &g->calls.v[i];
        if (!(c->role & UC_PASSWORD) || !c->c->nargs || (c->c->empty_args & 1))
            continue;
        for (size_t k = 0; k < e->password_calls.n; k++) {
            if (mm_uc_spec_matches(&e->password_calls.v[k], c->c->name, c->c->object,
                                   c->c->nargs))
                return true;
        }
    }
    return false;
}

void mm_update_password(const mm_rule *rule, mm_scan *s)
{
    const password_data *d = mm_rule_analyzer_data(rule);
    mm_update_graph *g = graph_for(rule, s);
    if (!g || !d)
        return;
    keylist keys = {0};
    for (size_t k = 0; k < g->cat->endpoints.n; k++) {
        const uc_endpoint *e = &g->cat->endpoints.v[k];
        if (!endpoint_named(d, e->name))
            continue;
        bool elsewhere = e->password_calls.n && password_set(g, e);
        for (size_t i = 0; i < g->calls.n && !elsewhere; i++) {
            const ug_call *c = &g->calls.v[i];
            if (!(c->role & UC_UPDATE))
                continue;
            /* the endpoint's own call, on an object of its type */
            if (!mm_ug_call_matches(g, &e->call, (int32_t)i))
                continue;
            unsigned n = c->c->nargs;
            int pa = n < MM_ARRAY_LEN(e->password_arg) ? e->password_arg[n] : -1;
            if (pa >= 0 && !(c->c->empty_args & (1u << pa)))
                continue;
            const mm_cg_site *site = mm_ug_site(g, (int32_t)i);
            if (!site)
                continue;
            const char *text = call_text(&g->arena, c->c);
            const char *vars[] = {"callee", text, "name", e->name, NULL};
            emit(s, rule, g->files.v[c->file].path, site, vars, text, &keys, NULL);
        }
    }
    keys_free(&keys);
}
