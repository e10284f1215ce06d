/* resolve.c: from per-file results to the scan's answer — snippets and fingerprints per file,
 * then, over the whole project: the project's own definitions of watched names, the C library,
 * rendered messages, the policy, project analyzers, ordering and counts. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/libc.h"
#include "core/policy.h"
#include "core/roles.h"
#include "core/scan.h"
#include "front/ccdb.h"
#include "front/clex.h"
#include "front/cpp.h"
#include "front/kconfig.h"
#include "match/matchers.h"
#include "project/analyzers.h"
#include "project/inventory.h"

enum { SNIPPET_MAX = 300 };

static int cmp_emitted(const void *a, const void *b)
{
    const mm_finding *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Text of [s, e) with secret values replaced, for snippets (display) or fingerprints (hashes). */
static void render_region(mm_file *f, uint32_t s, uint32_t e, bool for_hash, mm_buf *out)
{
    uint32_t i = s;
    while (i < e) {
        const mm_secret_span *hit = NULL;
        for (size_t k = 0; k < f->secrets.n; k++) {
            const mm_secret_span *sp = &f->secrets.v[k];
            if (sp->start <= i && i < sp->end) {
                hit = sp;
                break;
            }
        }
        if (hit) {
            if (for_hash)
                mm_buf_printf(out, "<secret:%s>", hit->sha);
            else
                mm_buf_puts(out, hit->redacted);
            i = hit->end;
            continue;
        }
        char c = f->data[i++];
        if (for_hash && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\'))
            continue;
        mm_buf_putc(out, c);
    }
}

/* Source text in the form message variables hold it (call arguments, names): runs of blanks
 * and backslashes become one space, none at either end. */
static void collapse(mm_buf *out, const char *s, size_t n)
{
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\') {
            space = out->len > 0;
            continue;
        }
        if (space)
            mm_buf_putc(out, ' ');
        space = false;
        mm_buf_putc(out, c);
    }
}

/* Is text[at, at+n) part of a longer identifier or word (a letter, digit or _ joins it on a
 * side where the match itself ends in one)? */
static bool inside_word(const char *text, const char *at, size_t n)
{
    if (at > text && mm_ident_char(at[-1]) && mm_ident_char(at[0]))
        return true;
    return mm_ident_char(at[n - 1]) && mm_ident_char(at[n]);
}

/* A message variable taken from the source ({arg1}, {name}) may hold a secret that some rule
 * found in the file: replace it by its redacted form, whichever rule's message shows it. */
static void redact_vars(const mm_file *f, mm_finding *fd)
{
    if (!fd->vars || !f->secrets.n)
        return;
    mm_buf out = {0};
    bool changed = false;
    for (const char *p = fd->vars; *p;) {
        const char *val = p + strlen(p) + 1;
        const char *next = val + strlen(val) + 1;
        mm_buf_put(&out, p, strlen(p) + 1);
        mm_buf v = {0};
        collapse(&v, val, strlen(val));
        bool hit = false;
        /* {value} is redacted already; a "=name" holds text of a rule or of mamori's own */
        for (size_t k = 0; k < f->secrets.n && strcmp(p, "value") != 0 && p[0] != '='; k++) {
            const mm_secret_span *sp = &f->secrets.v[k];
            mm_buf raw = {0};
            collapse(&raw, f->data + sp->start, sp->end - sp->start);
            if (raw.len && v.len) {
                const char *needle = mm_buf_cstr(&raw), *from = mm_buf_cstr(&v), *at;
                mm_buf r = {0};
                const char *scan = from;
                while ((at = strstr(scan, needle))) {
                    /* the value as a token of the text, not inside a longer name: `admin` is
                     * not redacted out of `admin_pass`, nor `password` out of `ap_password` */
                    if (inside_word(mm_buf_cstr(&v), at, raw.len)) {
                        scan = at + 1;
                        continue;
                    }
                    mm_buf_put(&r, from, (size_t)(at - from));
                    mm_buf_puts(&r, sp->redacted);
                    from = scan = at + raw.len;
                    hit = true;
                }
                mm_buf_puts(&r, from);
                mm_buf_free(&v);
                v = r;
            }
            mm_buf_free(&raw);
        }
        if (hit) {
            mm_buf_put(&out, v.data, v.len);
            mm_buf_putc(&out, 0);
            changed = true;
        } else {
            mm_buf_put(&out, val, strlen(val) + 1);
        }
        mm_buf_free(&v);
        p = next;
    }
    mm_buf_putc(&out, 0);
    if (changed) {
        free(fd->vars);
        fd->vars = out.data;
    } else {
        mm_buf_free(&out);
    }
}

static char *make_snippet(mm_file *f, unsigned line, uint32_t at)
{
    uint32_t ls = mm_file_line_start(f, line), le = mm_file_line_end(f, line);
    if (le > ls && f->data[le - 1] == '\r')
        le--;
    /* a long line shows a window around the finding, cut on character boundaries */
    if (le - ls > SNIPPET_MAX) {
        uint32_t ws = at > ls + SNIPPET_MAX / 3 ? at - SNIPPET_MAX / 3 : ls;
        uint32_t we = ws + SNIPPET_MAX < le ? ws + SNIPPET_MAX : le;
        while (ws > ls && ((uint8_t)f->data[ws] & 0xC0) == 0x80)
            ws--;
        while (we < le && ((uint8_t)f->data[we] & 0xC0) == 0x80)
            we++;
        mm_buf b = {0};
        if (ws > ls)
            mm_buf_puts(&b, "...");
        render_region(f, ws, we, false, &b);
        if (we < le)
            mm_buf_puts(&b, "...");
        return mm_buf_cstr(&b);
    }
    mm_buf b = {0};
    /* a secret that starts on an earlier line still covers this one */
    render_region(f, ls, le, false, &b);
    return mm_buf_cstr(&b);
}

typedef struct fp_base {
    char hex[65]; /* SHA-256 of the rule and the normalised matched text */
    size_t finding;
} fp_base;

static int cmp_fp_base(const void *a, const void *b)
{
    const fp_base *x = a, *y = b;
    int c = strcmp(x->hex, y->hex);
    if (c)
        return c;
    return x->finding < y->finding ? -1 : x->finding > y->finding;
}

/* The rule and the finding's text without whitespace, secrets hashed (at most 64 KiB of it). */
static void fingerprint_key(mm_file *f, const mm_finding *fd, mm_buf *key)
{
    mm_buf norm = {0};
    uint32_t e = fd->end;
    if (e - fd->start > 65536)
        e = fd->start + 65536;
    render_region(f, fd->start, e, true, &norm);
    mm_buf_printf(key, "%s%c", fd->rule->id, 0);
    mm_buf_put(key, norm.data ? norm.data : "", norm.len);
    mm_buf_free(&norm);
}

void mm_scan_finalize_file(mm_file *f)
{
    mm_sort(f->findings.v, f->findings.n, sizeof *f->findings.v, cmp_emitted);
    size_t n = f->findings.n;
    fp_base *bases = mm_xcalloc(n ? n : 1, sizeof *bases);
    for (size_t i = 0; i < n; i++) {
        mm_finding *fd = &f->findings.v[i];
        mm_file_pos(f, fd->start, &fd->line, &fd->col);
        mm_file_pos(f, fd->end, &fd->end_line, &fd->end_col);
        if (fd->end_line == fd->line && fd->end_col <= fd->col)
            fd->end_col = fd->col + 1;
        fd->snippet = f->len && f->kind != MM_KIND_BINARY ? make_snippet(f, fd->line, fd->start)
                                                          : mm_xstrdup("");
        redact_vars(f, fd);
        mm_buf key = {0};
        fingerprint_key(f, fd, &key);
        mm_sha256_hex(key.data, key.len, bases[i].hex);
        bases[i].finding = i;
        mm_buf_free(&key);
    }
    /* fingerprint: the rule and the matched text without whitespace, secrets hashed, and which
     * occurrence of that same text in its file this is. Neither the line nor the path: edits
     * above a finding, and renames, keep it (a leaked key accepted once stays accepted);
     * policy entries can add a path to narrow it. The occurrence is the finding's rank among
     * those with the same text, found by sorting (a file may hold tens of thousands of the
     * same call: counting pairwise was quadratic); the key is made again rather than kept (a
     * key may be 64 KiB). */
    unsigned *occurrence = mm_xcalloc(n ? n : 1, sizeof *occurrence);
    mm_sort(bases, n, sizeof *bases, cmp_fp_base);
    for (size_t i = 1; i < n; i++) {
        if (!strcmp(bases[i].hex, bases[i - 1].hex))
            occurrence[bases[i].finding] = occurrence[bases[i - 1].finding] + 1;
    }
    free(bases);
    for (size_t i = 0; i < n; i++) {
        mm_finding *fd = &f->findings.v[i];
        mm_buf key = {0};
        fingerprint_key(f, fd, &key);
        mm_buf_printf(&key, "%c%u", 0, occurrence[i]);
        char full[65];
        mm_sha256_hex(key.data, key.len, full);
        memcpy(fd->fingerprint, full, 32);
        fd->fingerprint[32] = 0;
        mm_buf_free(&key);
    }
    free(occurrence);
    for (size_t i = 0; i < f->supps.n; i++)
        f->supps.v[i].snippet = make_snippet(f, f->supps.v[i].line, 0);
    if (f->cf) {
        for (uint32_t i = 0; i < f->cf->ndefs; i++) {
            const mm_def *d = &f->cf->defs[i];
            mm_project_def pd = {mm_xstrdup(d->name), mm_xstrdup(f->path), d->is_static,
                                 d->is_macro,         d->params,           d->ellipsis,
                                 d->ret_max < 0 ? -1 : d->ret_max};
            mm_vec_push(&f->defs, pd);
        }
    }
}

void mm_file_result_take(mm_file_result *res, mm_file *f)
{
#define MOVE(field)                                                                          \
    do {                                                                                     \
        res->field.v = f->field.v;                                                           \
        res->field.n = f->field.n;                                                           \
        res->field.cap = f->field.cap;                                                       \
        f->field.v = NULL;                                                                   \
        f->field.n = f->field.cap = 0;                                                       \
    } while (0)
    MOVE(findings);
    MOVE(notices);
    MOVE(defs);
    MOVE(supps);
    MOVE(hints);
    MOVE(includes);
    MOVE(components);
#undef MOVE
    res->tree_dependent = f->tree_dependent;
    free(res->path);
    res->path = mm_xstrdup(f->path);
    res->content_role = f->role_content;
    free(res->content_why);
    res->content_why = f->role_content != MM_ROLE_PRODUCT && f->role_why
                           ? mm_xstrdup(f->role_why)
                           : NULL;
    mm_vec_free(&f->secrets);
    mm_clex_release(f); /* the token view's heap parts; the arena goes next */
    mm_pp_release(f);
}

void mm_file_result_delete(mm_file_result *res)
{
    if (!res)
        return;
    mm_file_result_free(res);
    free(res);
}

void mm_file_result_free(mm_file_result *res)
{
    for (size_t i = 0; i < res->findings.n; i++)
        mm_finding_free(&res->findings.v[i]);
    mm_vec_free(&res->findings);
    for (size_t i = 0; i < res->notices.n; i++)
        mm_notice_free(&res->notices.v[i]);
    mm_vec_free(&res->notices);
    for (size_t i = 0; i < res->defs.n; i++) {
        free(res->defs.v[i].name);
        free(res->defs.v[i].path);
    }
    mm_vec_free(&res->defs);
    for (size_t i = 0; i < res->supps.n; i++)
        mm_suppression_free(&res->supps.v[i]);
    mm_vec_free(&res->supps);
    for (size_t i = 0; i < res->hints.n; i++) {
        free(res->hints.v[i].key);
        free(res->hints.v[i].value);
    }
    mm_vec_free(&res->hints);
    for (size_t i = 0; i < res->includes.n; i++)
        free(res->includes.v[i]);
    mm_vec_free(&res->includes);
    mm_components_free(res->components.v, res->components.n);
    res->components.v = NULL;
    res->components.n = res->components.cap = 0;
    free(res->path);
    res->path = NULL;
    free(res->content_why);
    res->content_why = NULL;
}

/* --- messages ------------------------------------------------------------------------------- */

/* TRANSLATORS: the names of profiles, as in "({profile} configuration)" */
static const char *const profile_words[] __attribute__((unused)) = {N_("release"), N_("debug"),
                                                                     N_("other")};

/* The value of a message variable. A name stored as "=name" holds text written by a rule or by
 * mamori (never the scanned source): it is shown in the language of messages. */
static const char *var_of(const mm_finding *f, const char *name)
{
    if (!f->vars)
        return NULL;
    for (const char *p = f->vars; *p;) {
        const char *val = p + strlen(p) + 1;
        if (p[0] == '=' && !strcmp(p + 1, name)) {
            const char *t = mm_rtr(val);
            return t != val ? t : mm_tr(val);
        }
        if (!strcmp(p, name))
            return val;
        p = val + strlen(val) + 1;
    }
    return NULL;
}

/* libc hints: the one whose directory is nearest above a finding decides its replacement */
typedef struct libc_hint {
    int prio;
    char *libc, *path;
} libc_hint;
typedef MM_VEC(libc_hint) libc_hints;

static const char *libc_for(const libc_hints *h, const char *path)
{
    /* the nearest configuration above the file decides; at equal distance, the stronger hint */
    const libc_hint *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < h->n; i++) {
        const char *slash = strrchr(h->v[i].path, '/');
        size_t dl = slash ? (size_t)(slash - h->v[i].path) : 0;
        if (dl && (strncmp(path, h->v[i].path, dl) != 0 || path[dl] != '/'))
            continue;
        if (!best || dl > best_len || (dl == best_len && h->v[i].prio < best->prio)) {
            best = &h->v[i];
            best_len = dl;
        }
    }
    return best ? best->libc : NULL;
}

static char *render_message(const libc_hints *hints, const mm_finding *f)
{
    const char *tpl = f->rule->message;
    mm_buf b = {0};
    for (const char *p = tpl; *p;) {
        if (*p != '{') {
            mm_buf_putc(&b, *p++);
            continue;
        }
        const char *e = strchr(p, '}');
        if (!e) {
            mm_buf_puts(&b, p);
            break;
        }
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(e - p - 1), p + 1);
        const char *val = var_of(f, name);
        char *owned = NULL;
        if (!val && !strcmp(name, "replacement")) {
            val = mm_rule_replacement(f->rule, libc_for(hints, f->path));
        } else if (!val && !strcmp(name, "libc")) {
            const char *l = libc_for(hints, f->path);
            val = l ? l : "an unknown C library";
        } else if (!val && !strcmp(name, "path")) {
            /* the file's name only: the location says where it is, relative to where the user
             * stands in text output and to the repository in SARIF; a message that spelled the
             * directory would use a second convention */
            val = mm_path_base(f->path);
        }
        else if (val && !strcmp(name, "profile"))
            val = mm_tr(val); /* the profile's name in the language of messages */
        if (!val)
            val = owned = mm_xasprintf("<%s>", name);
        mm_buf_puts(&b, val);
        free(owned);
        p = e + 1;
    }
    /* C/C++ code under a condition the scan could not decide, or that the configuration
     * compiles out (model/file.c): every rule's message says so, in the same words */
    const char *cond = var_of(f, "condition");
    if (cond && !strstr(tpl, "{condition}"))
        mm_buf_printf(&b, _(" (%s)"), cond);
    /* what the source says of a credential (model/role.c) */
    const char *decl = var_of(f, "declared");
    if (decl)
        mm_buf_printf(&b, _(" (%s)"), decl);
    return mm_buf_cstr(&b);
}

/* --- merge ------------------------------------------------------------------------------------ */

static int cmp_finding(const void *a, const void *b)
{
    const mm_finding *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    c = strcmp(x->rule->id, y->rule->id);
    if (c)
        return c;
    return strcmp(x->fingerprint, y->fingerprint);
}

static int cmp_notice(const void *a, const void *b)
{
    const mm_notice *x = a, *y = b;
    int c = strcmp(x->path ? x->path : "", y->path ? y->path : "");
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    c = strcmp(x->code, y->code);
    return c ? c : strcmp(x->message, y->message); /* qsort is not stable: say it all */
}

static int cmp_supp(const void *a, const void *b)
{
    const mm_suppression *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* A libc hint reads "<priority>\t<name>\t<path>"; the lowest priority wins, then the first
 * path in input order. */
static void choose_libc(mm_scan *s, const char *hint, int *best, libc_hints *hints)
{
    char *copy = mm_xstrdup(hint);
    char *name = strchr(copy, '\t');
    char *path = name ? strchr(name + 1, '\t') : NULL;
    if (path) {
        *name++ = 0;
        *path++ = 0;
        int prio = atoi(copy);
        libc_hint h = {prio, mm_xstrdup(name), mm_xstrdup(path)};
        mm_vec_push(hints, h);
        if (prio < *best) {
            *best = prio;
            free(s->libc);
            free(s->libc_source);
            s->libc = mm_xstrdup(name);
            s->libc_source = mm_xstrdup(path);
        }
    }
    free(copy);
}

/* --- the project's own definitions of watched names ------------------------------------------ */

static int cmp_def(const void *a, const void *b)
{
    return strcmp(((const mm_project_def *)a)->name, ((const mm_project_def *)b)->name);
}

static bool is_header(const char *path)
{
    const char *dot = strrchr(mm_path_base(path), '.');
    if (!dot)
        return true; /* <cstdio>-style */
    static const char *const hdr[] = {"h", "hh", "hpp", "hxx", "h++", "H", "inc", "ipp", "tpp"};
    for (size_t i = 0; i < MM_ARRAY_LEN(hdr); i++) {
        if (!strcmp(dot + 1, hdr[i]))
            return true;
    }
    return false;
}

static bool includes(const mm_file_result *r, const char *base)
{
    for (size_t i = 0; i < r->includes.n; i++) {
        if (!strcmp(r->includes.v[i], base))
            return true;
    }
    return false;
}

/* Does a definition in the scanned tree make this call the project's own, not libc's?
 * - a function definition: yes (a `static` one only in its file), except for rules whose danger
 *   follows from the signature itself ("shadowed_by": "other-signature": an unbounded copy, a
 *   format string): there a definition with libc's own signature is a re-implementation (a
 *   vendored libc, a port's syscalls) and as unsafe as the original;
 * - a macro: in its own file, and in files that include its header, unless that header has a
 *   standard name (a replacement stdio.h is a libc, not the project's own function). */
/* The first of the definitions of name in defs (sorted by name), or NULL. */
static const mm_project_def *first_def(const mm_project_def *defs, size_t ndefs, const char *name)
{
    mm_project_def key = {(char *)name, NULL, false, false, 0, false, 0};
    const mm_project_def *hit = bsearch(&key, defs, ndefs, sizeof *defs, cmp_def);
    while (hit && hit > defs && !strcmp(hit[-1].name, name))
        hit--;
    return hit;
}

static bool shadowed(const mm_finding *f, const mm_file_result *r, const mm_project_def *defs,
                     size_t ndefs)
{
    const mm_project_def *hit = first_def(defs, ndefs, f->callee);
    if (!hit)
        return false;
    int params;
    bool ellipsis;
    bool known = mm_libc_proto(f->callee, &params, &ellipsis);
    for (; hit < defs + ndefs && !strcmp(hit->name, f->callee); hit++) {
        bool same_file = !strcmp(hit->path, f->path);
        if (hit->is_macro) {
            const char *base = mm_path_base(hit->path);
            if (same_file || (is_header(hit->path) && !mm_libc_header(base) && includes(r, base)))
                return true;
            continue;
        }
        if (f->shadow_by_signature && known && hit->params == params &&
            hit->ellipsis == ellipsis)
            continue;
        if (hit->is_static && !same_file)
            continue;
        return true;
    }
    return false;
}

/* Does a size finding's text fit once the project's functions it formats or copies are known
 * (mm_finding.fits_calls): every one defined where the file can call it (not static elsewhere),
 * each definition bounding what it returns (`return g_cfg.name;` of a char[64]: 63)? */
static bool fits_by_defs(const mm_finding *f, const mm_project_def *defs, size_t ndefs)
{
    int64_t total = f->fits_k;
    const char *p = f->fits_calls;
    while (*p) {
        size_t n = strcspn(p, "\n");
        char name[128];
        if (!n || n >= sizeof name)
            return false;
        memcpy(name, p, n);
        name[n] = 0;
        p += n + (p[n] == '\n');
        const mm_project_def *hit = first_def(defs, ndefs, name);
        if (!hit)
            return false;
        int64_t most = -1;
        bool any = false;
        for (; hit < defs + ndefs && !strcmp(hit->name, name); hit++) {
            if (hit->is_macro || (hit->is_static && strcmp(hit->path, f->path) != 0))
                continue;
            if (hit->ret_max < 0)
                return false;
            any = true;
            if (hit->ret_max > most)
                most = hit->ret_max;
        }
        if (!any)
            return false;
        total += most;
    }
    return total + 1 <= f->fits_room;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is some fact (sorted) equal to cond or longer with cond as its prefix? */
static bool has_fact(char *const *facts, size_t n, const char *cond)
{
    size_t lo = 0, hi = n, cl = strlen(cond);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(facts[mid], cond) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && !strncmp(facts[lo], cond, cl);
}

/* --- verdicts by role --------------------------------------------------------------------- */

static int cmp_content_role(const void *a, const void *b)
{
    return strcmp(((const mm_content_role *)a)->path, ((const mm_content_role *)b)->path);
}

/* Does finding f, at a place of decision d (f->component set), keep its rule's severity?
 * Product findings do; so do those of roles the rule names (a production flashing script is a
 * tool; but not a credential the source calls a test value, in a test or an example), a
 * credential that could be live anywhere in the project's own code (a real key in a test
 * still leaks; not one in a vendored component's examples or tests: its author's value,
 * published with the component, which this project neither ships nor can rotate), the policy
 * rules (they judge the project's process, wherever the file they point at lies), and the
 * component rules' verdicts at a vendored component's own manifest (they judge the component
 * itself, which ships; not the dependencies of its own development build). */
static bool keeps_severity(const mm_finding *f, const mm_role_decision *d)
{
    mm_role role = d->role;
    if (role == MM_ROLE_PRODUCT || role == MM_ROLE_GENERATED)
        return true;
    if (f->rule->category == MM_CAT_CREDENTIALS) {
        bool fixture = f->test_value && (role == MM_ROLE_TEST || role == MM_ROLE_EXAMPLE);
        bool others = f->component && role != MM_ROLE_VENDORED;
        if (fixture || others)
            return false;
        if (f->live)
            return true;
    }
    if (mm_role_in(f->rule->keep_roles, role) || f->rule->category == MM_CAT_POLICY)
        return true;
    return role == MM_ROLE_VENDORED && f->rule->category == MM_CAT_COMPONENT &&
           (!d->where || !strcmp(d->where, f->path));
}

/* The role of f's place and what it makes of f's severity: a note that does not count for
 * --fail-on, unless the policy raises the role ("roles": {"example": {"severity": ...}}: the
 * highest severity a finding there gets). */
static void judge_role(mm_scan *s, mm_finding *f)
{
    if (!s->roles)
        return;
    mm_role_decision d = mm_roles_of(s, f->path);
    if (d.role == MM_ROLE_PRODUCT && f->role == MM_ROLE_SIMULATOR) {
        /* in a product file, but in a branch built only for Windows (core/roles.c) */
        d.role = MM_ROLE_SIMULATOR;
        d.by = MM_ROLE_BY_CONTENT;
    }
    f->role = d.role;
    free(f->component);
    const char *comp = d.role == MM_ROLE_VENDORED && d.by == MM_ROLE_BY_COMPONENT ? d.what
                       : d.role != MM_ROLE_PRODUCT && d.role != MM_ROLE_VENDORED
                           ? mm_roles_component_of(s->roles, f->path)
                           : NULL;
    f->component = comp ? mm_xstrdup(comp) : NULL;
    f->demoted = false;
    if (keeps_severity(f, &d))
        return;
    mm_severity cap = s->policy ? s->policy->role_severity[d.role] : MM_SEV_NONE;
    if (cap) {
        if (f->severity > cap)
            f->severity = cap;
    } else {
        f->severity = MM_SEV_NOTE;
        f->demoted = true;
    }
}

void mm_scan_merge(mm_scan *s, mm_file_result *results, size_t n)
{
    MM_VEC(mm_project_def) defs = {0}; /* moved out of the results, which are freed early */
    int best_libc = 1000;
    libc_hints hints = {0};
    mm_kconfig_prefer_resolved(results, n);
    /* what files said about the project (mm_file_fact), sorted: a finding's condition
     * matches the facts it is a prefix of */
    MM_VEC(char *) facts = {0};
    MM_VEC(const char *) undecided = {0}; /* rule ids (static strings of the rule set) */
    for (size_t i = 0; i < n; i++) {
        mm_file_result *r = &results[i];
        if (r->skipped)
            s->files_skipped++;
        else
            s->files_scanned++;
        s->bytes_scanned += r->bytes;
        for (size_t k = 0; k < r->defs.n; k++)
            mm_vec_push(&defs, r->defs.v[k]);
        r->defs.n = 0;
        for (size_t k = 0; k < r->hints.n; k++) {
            if (!strcmp(r->hints.v[k].key, "libc"))
                choose_libc(s, r->hints.v[k].value, &best_libc, &hints);
            else if (!strcmp(r->hints.v[k].key, "fact"))
                mm_vec_push(&facts, mm_xstrdup(r->hints.v[k].value));
            mm_vec_push(&s->hints, r->hints.v[k]); /* the project analyzers read them */
        }
        r->hints.n = 0;
    }
    mm_sort(defs.v, defs.n, sizeof *defs.v, cmp_def);
    mm_sort(facts.v, facts.n, sizeof *facts.v, cmp_str);

    for (size_t i = 0; i < n; i++) {
        mm_file_result *r = &results[i];
        for (size_t k = 0; k < r->findings.n; k++) {
            mm_finding *f = &r->findings.v[k];
            if ((f->callee && defs.n && shadowed(f, r, defs.v, defs.n)) ||
                (f->fits_calls && defs.n && fits_by_defs(f, defs.v, defs.n)) ||
                (f->requires_fact && !has_fact(facts.v, facts.n, f->requires_fact)) ||
                (f->unless_fact && has_fact(facts.v, facts.n, f->unless_fact))) {
                mm_finding_free(f);
                continue;
            }
            /* a configuration whose code consumer nothing in the tree calls changes nothing */
            if (f->demote_unless_fact && s->analyzers == MM_ANALYZERS_ALL &&
                !has_fact(facts.v, facts.n, f->demote_unless_fact)) {
                f->severity = MM_SEV_NOTE;
                f->unconsumed = true;
            }
            /* "unless some file says otherwise" cannot be judged on part of the tree */
            if (f->unless_fact && s->analyzers != MM_ANALYZERS_ALL) {
                bool seen = false;
                for (size_t u = 0; u < undecided.n && !seen; u++)
                    seen = !strcmp(undecided.v[u], f->rule->id);
                if (!seen)
                    mm_vec_push(&undecided, f->rule->id);
                mm_finding_free(f);
                continue;
            }
            mm_vec_push(&s->findings, *f);
        }
        r->findings.n = 0;
        for (size_t k = 0; k < r->notices.n; k++)
            mm_vec_push(&s->notices, r->notices.v[k]);
        r->notices.n = 0;
        for (size_t k = 0; k < r->supps.n; k++)
            mm_vec_push(&s->supps, r->supps.v[k]);
        r->supps.n = 0;
        for (size_t k = 0; k < r->components.n; k++)
            mm_vec_push(&s->components, r->components.v[k]);
        r->components.n = 0;
        if (r->content_role != MM_ROLE_PRODUCT && r->path) {
            mm_content_role cr = {r->path, r->content_role, r->content_why};
            mm_vec_push(&s->content_roles, cr);
            r->path = r->content_why = NULL;
        }
        mm_file_result_free(r);
    }
    for (size_t i = 0; i < defs.n; i++) {
        free(defs.v[i].name);
        free(defs.v[i].path);
    }
    mm_vec_free(&defs);
    for (size_t i = 0; i < facts.n; i++)
        free(facts.v[i]);
    mm_vec_free(&facts);

    /* roles: the components' directories are vendored; files that said their own role */
    mm_sort(s->content_roles.v, s->content_roles.n, sizeof *s->content_roles.v,
            cmp_content_role);
    if (s->roles && s->components.n)
        mm_roles_set_vendored(s->roles, mm_inventory_of(s));
    for (size_t i = 0; i < s->findings.n; i++) {
        mm_finding *f = &s->findings.v[i];
        f->message = render_message(&hints, f);
        if (f->unconsumed) {
            const char *who = var_of(f, "consumers");
            char *m = mm_xasprintf(_("%s (a note: nothing in the scanned tree calls %s)"),
                                   f->message, who ? who : _("what this configuration changes"));
            free(f->message);
            f->message = m;
        }
        f->severity = mm_policy_severity(s->policy, f->rule, f->severity);
        judge_role(s, f);
        if (f->unconsumed)
            f->demoted = true; /* a note whatever its place: it does not count */
        if (f->test_value && f->demoted &&
            (f->role == MM_ROLE_TEST || f->role == MM_ROLE_EXAMPLE)) {
            /* a test's fixture (keeps_severity): say why a live-looking value is a note, in
             * the words render_message adds the others with */
            mm_buf m = {0};
            mm_buf_puts(&m, f->message);
            mm_buf_printf(&m, _(" (%s)"), _("a comment or its name calls it a test value"));
            free(f->message);
            f->message = mm_buf_cstr(&m);
        }
    }
    mm_sort(s->supps.v, s->supps.n, sizeof *s->supps.v, cmp_supp);
    mm_policy_apply(s);

    /* project analyzers run last: they may look at everything above; the policy holds for
     * their findings too, and those that judge suppressions come after that. Those that judge
     * the whole tree do not run on part of it (staged files, a diff) nor on history */
    mm_buf skipped = {0};
    for (int pass = 0; pass < 2; pass++) {
        size_t before = s->findings.n;
        for (size_t i = 0; i < s->rules->rules.n; i++) {
            const mm_rule *rule = s->rules->rules.v[i];
            const mm_analyzer *an = mm_rule_analyzer(rule);
            if (!an || !an->run_project || an->last != (pass == 1))
                continue;
            if (s->analyzers == MM_ANALYZERS_NONE ||
                (s->analyzers == MM_ANALYZERS_PARTIAL && !an->partial)) {
                mm_buf_printf(&skipped, "%s%s", skipped.len ? ", " : "", rule->id);
                continue;
            }
            an->run_project(rule, s);
        }
        for (size_t i = before; i < s->findings.n; i++) {
            mm_finding *f = &s->findings.v[i];
            if (!f->message)
                f->message = render_message(&hints, f);
            f->severity = mm_policy_severity(s->policy, f->rule, f->severity);
            judge_role(s, f);
        }
        if (pass == 0)
            mm_policy_apply_late(s, before);
    }
    for (size_t i = 0; i < undecided.n; i++)
        mm_buf_printf(&skipped, "%s%s", skipped.len ? ", " : "", undecided.v[i]);
    mm_vec_free(&undecided);
    if (skipped.len) {
        size_t nskipped = 1;
        for (const char *c = skipped.data; (c = strchr(c, ',')); c++)
            nskipped++;
        mm_notice note = {NULL, 0, 0, MM_NOTICE_NOTE, mm_xstrdup("analyzers-skipped"),
                          mm_xasprintf(s->analyzers == MM_ANALYZERS_NONE
                                           ? mm_ntr("%zu rule that judges the whole tree was "
                                                    "not applied to history",
                                                    "%zu rules that judge the whole tree were "
                                                    "not applied to history",
                                                    nskipped)
                                           : mm_ntr("%zu rule that judges the whole tree was "
                                                    "not applied to part of it",
                                                    "%zu rules that judge the whole tree were "
                                                    "not applied to part of it",
                                                    nskipped),
                                       nskipped),
                          mm_buf_cstr(&skipped), 0};
        skipped = (mm_buf){0}; /* the notice owns the list */
        mm_vec_push(&s->notices, note);
    }
    mm_buf_free(&skipped);
    mm_sort(s->findings.v, s->findings.n, sizeof *s->findings.v, cmp_finding);
    mm_sort(s->notices.v, s->notices.n, sizeof *s->notices.v, cmp_notice);
    for (size_t i = 0; i < hints.n; i++) {
        free(hints.v[i].libc);
        free(hints.v[i].path);
    }
    mm_vec_free(&hints);

    memset(s->counts, 0, sizeof s->counts);
    memset(s->fail_counts, 0, sizeof s->fail_counts);
    memset(s->role_counts, 0, sizeof s->role_counts);
    s->suppressed = 0;
    for (size_t i = 0; i < s->findings.n; i++) {
        const mm_finding *f = &s->findings.v[i];
        if (f->suppressed) {
            s->suppressed++;
            continue;
        }
        s->counts[f->severity]++;
        s->role_counts[f->role]++;
        if (!f->demoted)
            s->fail_counts[f->severity]++;
    }
}

void mm_scan_free(mm_scan *s)
{
    mm_ccdb_free(s->ccdb_found);
    s->ccdb_found = NULL;
    for (size_t i = 0; i < s->findings.n; i++)
        mm_finding_free(&s->findings.v[i]);
    mm_vec_free(&s->findings);
    for (size_t i = 0; i < s->notices.n; i++)
        mm_notice_free(&s->notices.v[i]);
    mm_vec_free(&s->notices);
    for (size_t i = 0; i < s->supps.n; i++)
        mm_suppression_free(&s->supps.v[i]);
    mm_vec_free(&s->supps);
    for (size_t i = 0; i < s->paths.n; i++)
        free(s->paths.v[i]);
    mm_vec_free(&s->paths);
    for (size_t i = 0; i < s->hints.n; i++) {
        free(s->hints.v[i].key);
        free(s->hints.v[i].value);
    }
    mm_vec_free(&s->hints);
    free(s->root);
    free(s->display_prefix);
    free(s->cwd_rel);
    free(s->libc);
    free(s->libc_source);
    for (size_t i = 0; i < s->origins.n; i++) {
        free(s->origins.v[i]->email);
        free(s->origins.v[i]);
    }
    mm_vec_free(&s->origins);
    free(s->branch);
    free(s->vcs_uri);
    free(s->diff_base);
    mm_inventory_free(s->inventory);
    s->inventory = NULL;
    cJSON_Delete(s->project);
    s->project = NULL;
    mm_kc_ctx_free(s->kctx);
    s->kctx = NULL;
    mm_roles_free(s->roles);
    s->roles = NULL;
    for (size_t i = 0; i < s->content_roles.n; i++) {
        free(s->content_roles.v[i].path);
        free(s->content_roles.v[i].why);
    }
    mm_vec_free(&s->content_roles);
    mm_update_graph_free(s->update_graph);
    s->update_graph = NULL;
    mm_components_free(s->components.v, s->components.n);
    s->components.v = NULL;
    s->components.n = s->components.cap = 0;
}
