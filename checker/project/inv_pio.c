/* inv_pio.c: PlatformIO (platformio.ini and the files its extra_configs name) and Arduino
 * libraries (library.json, library.properties).
 *
 * A PlatformIO project is read as PlatformIO reads it: every [env:NAME] section is a build,
 * whose options come from the section itself, then the sections its `extends` names, then
 * [env]; `${section.option}` (and `${this.option}`) interpolates another option's value; and
 * the files `extra_configs` names add sections. Since those files are read one at a time (and
 * cached one at a time), each file's reader only records the options that matter here, as
 * MM_COMP_OPTION records (inv_read_pio_ini); inv_pio_resolve puts each project together once
 * all files are read and makes one found record per library, platform or package spec, saying
 * in which environments it is used. Options a script reads rather than PlatformIO itself (any
 * key with "lib_deps" in its name, in any section) are read too. */
#define _GNU_SOURCE
#include "project/inventory_int.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- one spec: "owner/name @ ^1.2.3", "name@1.0", "https://github.com/o/r.git#v1.0", ... ---- */

typedef enum { SPEC_LIB, SPEC_PLATFORM, SPEC_PACKAGE } spec_kind;

/* GitHub's archive and release download URLs name their tag or ref:
 * .../archive/refs/tags/v1.2.zip, .../archive/v1.2.tar.gz, .../releases/download/2023.06.02/x.zip */
static char *url_ref(const char *url)
{
    const char *p;
    if ((p = strstr(url, "/releases/download/"))) {
        p += strlen("/releases/download/");
        size_t n = strcspn(p, "/?#");
        return n && p[n] == '/' ? mm_xstrndup(p, n) : NULL;
    }
    p = strstr(url, "/archive/refs/tags/");
    p = p ? p + strlen("/archive/refs/tags/") : strstr(url, "/archive/");
    if (p && !strncmp(p, "/archive/", 9))
        p += 9;
    if (!p || strchr(p, '/'))
        return NULL;
    size_t n = strcspn(p, "?#");
    static const char *const exts[] = {".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".zip"};
    for (size_t x = 0; x < MM_ARRAY_LEN(exts); x++) {
        size_t el = strlen(exts[x]);
        if (n > el && !strncmp(p + n - el, exts[x], el))
            return mm_xstrndup(p, n - el);
    }
    return NULL;
}

/* The repository of a GitHub URL (an archive or release download names a file, not it). */
static char *github_repo(const char *url)
{
    const char *p = strstr(url, "github.com/");
    if (!p)
        return NULL;
    p += strlen("github.com/");
    const char *slash = strchr(p, '/');
    if (!slash || slash == p)
        return NULL;
    const char *r = slash + 1;
    size_t n = strcspn(r, "/?#");
    if (n > 4 && !strncmp(r + n - 4, ".git", 4))
        n -= 4;
    return n ? mm_xstrndup(r, n) : NULL;
}

static bool is_archive(const char *url)
{
    return strstr(url, ".zip") || strstr(url, ".tar.gz") || strstr(url, ".tgz") ||
           strstr(url, ".tar.bz2") || strstr(url, ".tar.xz");
}

/* pkg:generic/owner/name@version?repository_url=...: the PlatformIO registry has no purl type
 * of its own (the purl specification lists none), so a registry package is a generic package
 * of that registry. */
static char *registry_purl(const char *group, const char *name, const char *version)
{
    mm_buf b = {0};
    mm_buf_puts(&b, "pkg:generic/");
    if (group) {
        mm_purl_put(&b, group);
        mm_buf_putc(&b, '/');
    }
    mm_purl_put(&b, name);
    if (version) {
        mm_buf_putc(&b, '@');
        mm_purl_put(&b, version);
    }
    mm_buf_puts(&b, "?repository_url=https://registry.platformio.org");
    return mm_buf_cstr(&b);
}

static const char *spec_source(spec_kind kind, const char *name)
{
    if (kind == SPEC_PLATFORM)
        return "platformio-platform";
    if (kind == SPEC_PACKAGE) {
        if (name && (mm_str_starts(name, "tool-") || mm_str_starts(name, "toolchain-")))
            return "platformio-tool";
        return "platformio-package";
    }
    return "platformio";
}

/* Parses one spec into c (name, group, url, pin, version, purl, key). False for what is no
 * third-party component: a local library (file://, symlink://, a path), an empty item. */
static bool pio_spec(const char *item, size_t n, spec_kind kind, mm_component *c)
{
    const char *s = item;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == ','))
        n--;
    if (!n || s[0] == '$' || s[0] == ';' || s[0] == '#')
        return false;
    char *it = mm_xstrndup(s, n);
    if (mm_str_starts(it, "symlink://") || mm_str_starts(it, "file://") || it[0] == '.' ||
        it[0] == '/' || it[0] == '~') {
        free(it);
        return false; /* a local library: part of the project */
    }
    c->role = MM_COMP_FOUND;
    c->evidence = MM_EV_MANIFEST;
    char *scheme = strstr(it, "://");
    char *custom = NULL;
    /* "Name=https://...", "name @ https://..." (a package from a URL, under its name) */
    char *eq = strchr(it, '=');
    char *at = strchr(it, '@');
    bool url_after_eq = eq && ((scheme && eq < scheme) || strstr(eq, "git@"));
    char *sep = url_after_eq ? eq
                : at && scheme && at < scheme && !memchr(it, ':', (size_t)(at - it)) ? at
                                                                                      : NULL;
    if (sep) {
        char *ce = sep;
        while (ce > it && (ce[-1] == ' ' || ce[-1] == '\t'))
            ce--;
        custom = mm_xstrndup(it, (size_t)(ce - it));
        memmove(it, sep + 1, strlen(sep + 1) + 1);
        while (*it == ' ' || *it == '\t')
            memmove(it, it + 1, strlen(it));
        scheme = strstr(it, "://");
        at = strchr(it, '@');
    }
    if (at && scheme && at > scheme) {
        /* "user@host" inside a URL is not a version separator */
        char *host_end = strchr(scheme + 3, '/');
        if (!host_end || at < host_end)
            at = NULL;
    }
    if (scheme || mm_str_starts(it, "git@")) {
        /* a repository or an archive: "#ref" pins it */
        char *hash = strchr(it, '#');
        char *ref = hash ? mm_xstrdup(hash + 1) : NULL;
        if (hash)
            *hash = 0;
        c->url = mm_url_strip_credentials(it);
        c->name = custom && *custom ? mm_xstrdup(custom) : github_repo(c->url);
        if (!c->name)
            c->name = inv_name_of_url(c->url);
        char *slash = c->name ? strchr(c->name, '/') : NULL;
        if (slash && custom) {
            c->group = mm_xstrndup(c->name, (size_t)(slash - c->name));
            memmove(c->name, slash + 1, strlen(slash + 1) + 1);
        }
        if (is_archive(c->url) && !ref) {
            char *tag = url_ref(c->url);
            char *v = tag ? inv_version_in(tag) : inv_version_in(mm_path_base(c->url));
            if (tag) {
                free(v);
                v = mm_xstrdup(tag);
            }
            c->version = v;
            c->pin = v ? MM_PIN_TAG : MM_PIN_NONE;
            inv_set(&c->pin_text, tag ? tag : mm_path_base(c->url));
            free(tag);
        } else {
            inv_pin_git(c, ref, !ref);
        }
        free(ref);
        c->purl = mm_purl_of_url(c->url, c->commit ? c->commit : c->version);
    } else {
        char *spec = NULL;
        if (at) {
            *at = 0;
            spec = at + 1;
            while (*spec == ' ' || *spec == '\t')
                spec++;
        }
        size_t nl = strlen(it);
        while (nl && (it[nl - 1] == ' ' || it[nl - 1] == '\t'))
            it[--nl] = 0;
        char *slash = strchr(it, '/');
        c->name = mm_xstrdup(slash ? slash + 1 : it);
        c->group = slash ? mm_xstrndup(it, (size_t)(slash - it)) : NULL;
        /* the registry's own platforms: "espressif32" is "platformio/espressif32", released as
         * github.com/platformio/platform-espressif32 tags v<version> */
        if (kind == SPEC_PLATFORM && !c->group)
            c->group = mm_xstrdup("platformio");
        c->pin = inv_classify_spec(spec);
        inv_set(&c->pin_text, spec && *spec ? spec : "(no version)");
        if (c->pin == MM_PIN_VERSION)
            inv_set(&c->version, spec[0] == '=' ? spec + strspn(spec, "= ") : spec);
        if (kind == SPEC_PLATFORM && !strcmp(c->group, "platformio")) {
            c->url = mm_xasprintf("https://github.com/platformio/platform-%s", c->name);
            char *tag = c->version ? mm_xasprintf("v%s", c->version) : NULL;
            c->purl = mm_purl_of_url(c->url, tag);
            free(tag);
        } else if (*c->name) {
            c->purl = registry_purl(c->group, c->name, c->version);
        }
    }
    c->source = spec_source(kind, c->name);
    bool ok = c->name && *c->name;
    if (ok) {
        /* one component per name and version: the same library at two versions (in two
         * environments) is two entries */
        const char *v = c->version ? c->version : c->pin_text ? c->pin_text : "";
        char *k = mm_xasprintf("pio:%s%s%s@%s", c->group ? c->group : "", c->group ? "/" : "",
                               c->name, v);
        for (char *z = k; *z; z++)
            *z = (char)tolower((unsigned char)*z);
        c->key = k;
    }
    free(custom);
    free(it);
    return ok;
}

/* --- one file: the options that matter, as MM_COMP_OPTION records ---------------------------- */

static bool libs_key(const char *key)
{
    return strcasestr(key, "lib_deps") != NULL;
}

/* The option of the record that says a section exists and has no options. */
#define SECTION_ONLY "(section)"

typedef struct ini_all {
    MM_VEC(inv_ini_section) secs;
} ini_all;

static void keep_section(mm_file *f, inv_ini_section *sec, void *arg)
{
    (void)f;
    ini_all *all = arg;
    mm_vec_push(&all->secs, *sec);
    memset(sec, 0, sizeof *sec);
}

/* The value lines of kv as the record keeps them: "LINE:COL:text\x1fsnippet", one a line. */
static char *option_lines(mm_file *f, const inv_ini_kv *kv)
{
    mm_buf b = {0};
    char *copy = mm_xstrdup(kv->value);
    for (char *save = NULL, *ln = strtok_r(copy, "\n", &save); ln;
         ln = strtok_r(NULL, "\n", &save)) {
        unsigned line, col;
        const char *text = inv_ini_line(ln, &line, &col);
        char *snip = inv_line_snippet(f, line);
        mm_buf_printf(&b, "%s%u:%u:", b.len ? "\n" : "", line, col);
        for (const char *t = text; *t; t++)
            mm_buf_putc(&b, *t == '\x1f' ? '?' : *t);
        mm_buf_putc(&b, '\x1f');
        for (const char *t = snip; *t; t++)
            mm_buf_putc(&b, *t == '\x1f' || *t == '\n' ? '?' : *t);
        free(snip);
    }
    free(copy);
    return mm_buf_cstr(&b) ? mm_buf_cstr(&b) : mm_xstrdup("");
}

void inv_read_pio_ini(mm_file *f)
{
    /* every option of every section: which ones a project needs is known only once its files
     * are put together (${this.board_libs} may name an option of another file) */
    ini_all all = {0};
    inv_ini_read(f, true, keep_section, &all);
    char *dir = inv_dir_of(f->path);
    for (size_t i = 0; i < all.secs.n; i++) {
        const inv_ini_section *sec = &all.secs.v[i];
        for (size_t j = 0; j <= sec->kv.n; j++) {
            if (j == sec->kv.n && sec->kv.n)
                break;
            /* a section without options still exists (an environment of defaults only) */
            const inv_ini_kv *kv = j < sec->kv.n ? &sec->kv.v[j] : NULL;
            mm_component c = {0};
            c.role = MM_COMP_OPTION;
            c.source = "platformio-option";
            c.name = mm_xstrdup(sec->name);
            c.group = mm_xstrdup(kv ? kv->key : SECTION_ONLY);
            c.pin_text = kv ? option_lines(f, kv) : mm_xstrdup("");
            c.dir = mm_xstrdup(dir);
            inv_at_line(&c, f, kv ? kv->line : sec->line, kv ? kv->col : 1);
            mm_vec_push(&f->components, c);
        }
    }
    free(dir);
    for (size_t i = 0; i < all.secs.n; i++)
        inv_ini_free(&all.secs.v[i]);
    mm_vec_free(&all.secs);
}

/* --- the project: environments, extends, interpolation ----------------------------------------- */

typedef struct psec {
    const char *name;
    MM_VEC(const mm_component *) opts; /* the last definition of each option */
} psec;

typedef struct project {
    const char *dir;
    MM_VEC(psec) secs;
} project;

typedef struct vline {
    char *text;
    char *snippet; /* the line as written (credentials masked) */
    const char *path;
    unsigned line, col;
} vline;
typedef MM_VEC(vline) vlines;

static psec *find_sec(project *p, const char *name)
{
    for (size_t i = 0; i < p->secs.n; i++) {
        if (!strcmp(p->secs.v[i].name, name))
            return &p->secs.v[i];
    }
    return NULL;
}

static void add_option(project *p, const mm_component *r)
{
    psec *s = find_sec(p, r->name);
    if (!s) {
        psec ns = {r->name, {0}};
        mm_vec_push(&p->secs, ns);
        s = &p->secs.v[p->secs.n - 1];
    }
    if (!strcmp(r->group, SECTION_ONLY))
        return;
    for (size_t i = 0; i < s->opts.n; i++) {
        if (!strcasecmp(s->opts.v[i]->group, r->group)) {
            s->opts.v[i] = r; /* a later file (or line) redefines it */
            return;
        }
    }
    mm_vec_push(&s->opts, r);
}

static const mm_component *own_option(project *p, const char *section, const char *key)
{
    psec *s = find_sec(p, section);
    for (size_t i = 0; s && i < s->opts.n; i++) {
        if (!strcasecmp(s->opts.v[i]->group, key))
            return s->opts.v[i];
    }
    return NULL;
}

/* The names a multi-value option lists (extends, extra_configs): split at newlines and commas. */
static void list_items(const char *value, void *outp)
{
    MM_VEC(char *) *out = outp;
    char *copy = mm_xstrdup(value);
    for (char *save = NULL, *ln = strtok_r(copy, "\n", &save); ln;
         ln = strtok_r(NULL, "\n", &save)) {
        const char *text = inv_ini_line(ln, NULL, NULL);
        size_t tl = strcspn(text, "\x1f");
        char *t = mm_xstrndup(text, tl);
        for (char *s2 = NULL, *it = strtok_r(t, ",", &s2); it; it = strtok_r(NULL, ",", &s2)) {
            while (*it == ' ' || *it == '\t')
                it++;
            size_t n = strlen(it);
            while (n && (it[n - 1] == ' ' || it[n - 1] == '\t'))
                n--;
            if (n)
                mm_vec_push(out, mm_xstrndup(it, n));
        }
        free(t);
    }
    free(copy);
}

/* An option as an environment sees it: its own, else from the sections `extends` names (in
 * order), else from [env]. */
static const mm_component *lookup(project *p, const char *section, const char *key, int depth)
{
    if (depth > 16)
        return NULL;
    const mm_component *r = own_option(p, section, key);
    if (r)
        return r;
    const mm_component *ext = own_option(p, section, "extends");
    if (ext) {
        MM_VEC(char *) names = {0};
        list_items(ext->pin_text, &names);
        for (size_t i = 0; i < names.n && !r; i++)
            r = lookup(p, names.v[i], key, depth + 1);
        for (size_t i = 0; i < names.n; i++)
            free(names.v[i]);
        mm_vec_free(&names);
        if (r)
            return r;
    }
    if (mm_str_starts(section, "env:"))
        return lookup(p, "env", key, depth + 1);
    return NULL;
}

static void push_line(vlines *out, const char *text, size_t n, const mm_component *r,
                      const char *src, unsigned line, unsigned col)
{
    const char *sep = strchr(src, '\x1f');
    vline v = {mm_xstrndup(text, n), mm_xstrdup(sep ? sep + 1 : ""), r->path, line, col};
    mm_vec_push(out, v);
}

static void free_line(vline *v)
{
    free(v->text);
    free(v->snippet);
}

static void free_lines(vlines *vl)
{
    for (size_t i = 0; i < vl->n; i++)
        free_line(&vl->v[i]);
    mm_vec_free(vl);
}

/* The lines of option r with ${section.option} replaced, each where its text is written: a
 * line that is only "${a.b}" becomes a.b's lines; a reference inside other text is replaced by
 * the value's text. A reference that cannot be resolved (${sysenv.X}, a missing option) drops
 * the line: mamori cannot know what it is. */
static void interpolate(project *p, const char *env, const mm_component *r, vlines *out,
                        int depth)
{
    if (depth > 16)
        return;
    char *copy = mm_xstrdup(r->pin_text ? r->pin_text : "");
    for (char *save = NULL, *ln = strtok_r(copy, "\n", &save); ln;
         ln = strtok_r(NULL, "\n", &save)) {
        unsigned line, col;
        const char *text = inv_ini_line(ln, &line, &col);
        size_t tl = strcspn(text, "\x1f");
        const char *src = text; /* the "text\x1fsnippet" of the line */
        while (tl && (text[tl - 1] == ' ' || text[tl - 1] == '\t'))
            tl--;
        if (!tl)
            continue;
        const char *ref = memmem(text, tl, "${", 2);
        if (!ref) {
            push_line(out, text, tl, r, src, line, col);
            continue;
        }
        /* resolve each reference */
        mm_buf b = {0};
        bool whole = false, ok = true;
        const char *q = text, *end = text + tl;
        vlines sub = {0};
        while (q < end && ok) {
            const char *open = memmem(q, (size_t)(end - q), "${", 2);
            if (!open) {
                mm_buf_put(&b, q, (size_t)(end - q));
                break;
            }
            mm_buf_put(&b, q, (size_t)(open - q));
            const char *close = memchr(open, '}', (size_t)(end - open));
            const char *dot = close ? memchr(open, '.', (size_t)(close - open)) : NULL;
            if (!close || !dot) {
                ok = false;
                break;
            }
            char *sec = mm_xstrndup(open + 2, (size_t)(dot - open - 2));
            char *key = mm_xstrndup(dot + 1, (size_t)(close - dot - 1));
            const char *in = !strcmp(sec, "this") ? env : sec;
            const mm_component *target =
                in && strcmp(sec, "sysenv") ? lookup(p, in, key, 0) : NULL;
            free(sec);
            free(key);
            if (!target) {
                ok = false;
                break;
            }
            whole = open == text && close + 1 == end;
            vlines got = {0};
            interpolate(p, env, target, &got, depth + 1);
            if (whole) {
                sub = got;
            } else {
                for (size_t i = 0; i < got.n; i++)
                    mm_buf_printf(&b, "%s%s", i ? "\n" : "", got.v[i].text);
                free_lines(&got);
            }
            q = close + 1;
        }
        if (ok && whole) {
            for (size_t i = 0; i < sub.n; i++)
                mm_vec_push(out, sub.v[i]);
        } else {
            for (size_t i = 0; i < sub.n; i++)
                free_line(&sub.v[i]);
            if (ok && b.data) {
                for (char *s2 = NULL, *part = strtok_r(b.data, "\n", &s2); part;
                     part = strtok_r(NULL, "\n", &s2))
                    push_line(out, part, strlen(part), r, src, line, col);
            }
        }
        mm_vec_free(&sub);
        mm_buf_free(&b);
    }
    free(copy);
}

/* --- found records ------------------------------------------------------------------------------ */

/* One spec at one place, seen by one user (an environment, or "[section] option"). */
typedef struct hit {
    mm_component rec;
    const char *user; /* borrowed */
} hit;
typedef MM_VEC(hit) hits;

static void place_text(mm_component *c, const vline *v, unsigned col)
{
    c->path = mm_xstrdup(v->path);
    c->line = v->line;
    c->col = col ? col : 1;
    c->snippet = mm_xstrdup(v->snippet);
    c->end_col = mm_utf8_col(c->snippet, strlen(c->snippet));
    if (c->end_col <= c->col)
        c->end_col = c->col + 1;
}

/* Records the specs of the lines as used by who: items split at commas (the old list syntax)
 * unless the comma sits inside a version range; a single-valued option takes its first line. */
static void take(hits *hs, const vlines *vl, spec_kind kind, const char *who)
{
    for (size_t i = 0; i < vl->n; i++) {
        const vline *v = &vl->v[i];
        const char *t = v->text;
        bool split = kind != SPEC_PLATFORM && !strpbrk(t, "<>");
        for (const char *item = t; item;) {
            const char *comma = split ? strchr(item, ',') : NULL;
            size_t n = comma ? (size_t)(comma - item) : strlen(item);
            hit h = {{0}, who};
            if (pio_spec(item, n, kind, &h.rec)) {
                /* the item's own column: where its text starts in the line */
                size_t lead = strspn(item, " \t");
                place_text(&h.rec, v, v->col + (unsigned)(item + lead - t));
                mm_vec_push(hs, h);
            } else {
                mm_component_free(&h.rec);
            }
            item = comma ? comma + 1 : NULL;
            if (kind == SPEC_PLATFORM)
                break;
        }
        if (kind == SPEC_PLATFORM)
            break;
    }
}

static spec_kind kind_of_key(const char *key)
{
    if (!strcasecmp(key, "platform"))
        return SPEC_PLATFORM;
    if (!strcasecmp(key, "platform_packages"))
        return SPEC_PACKAGE;
    return SPEC_LIB;
}

/* environments first, then the sections that only list */
static int cmp_user(const char *a, const char *b)
{
    bool ea = mm_str_starts(a, "env:"), eb = mm_str_starts(b, "env:");
    if (ea != eb)
        return ea ? -1 : 1;
    return strcmp(a, b);
}

/* "env:a, env:b" (every environment: "every environment (N)"); long lists are cut. */
static char *users_text(const char *const *users, size_t n, size_t nenvs)
{
    size_t envs = 0;
    for (size_t i = 0; i < n; i++)
        envs += mm_str_starts(users[i], "env:");
    if (nenvs > 1 && envs == nenvs && envs == n)
        return mm_xasprintf("every environment (%zu)", nenvs);
    mm_buf b = {0};
    for (size_t i = 0; i < n && i < 12; i++)
        mm_buf_printf(&b, "%s%s", i ? ", " : "", users[i]);
    if (n > 12)
        mm_buf_printf(&b, " and %zu more", n - 12);
    return mm_buf_cstr(&b);
}

static int cmp_place(const mm_component *a, const mm_component *b)
{
    int c = strcmp(a->path, b->path);
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->col < b->col ? -1 : a->col > b->col;
}

/* by place, spec, then user */
static int cmp_hit(const void *pa, const void *pb)
{
    const hit *a = pa, *b = pb;
    int c = cmp_place(&a->rec, &b->rec);
    if (!c)
        c = strcmp(a->rec.key, b->rec.key);
    return c ? c : strcmp(a->user, b->user);
}

/* by spec, then user */
static int cmp_hit_key(const void *pa, const void *pb)
{
    const hit *a = *(const hit *const *)pa, *b = *(const hit *const *)pb;
    int c = strcmp(a->rec.key, b->rec.key);
    return c ? c : cmp_user(a->user, b->user);
}

static void resolve_project(project *p, mm_component_vec *out)
{
    hits hs = {0};
    MM_VEC(char *) labels = {0}; /* "[common] shared_lib_deps": users that are no environment */
    size_t nenvs = 0;
    for (size_t i = 0; i < p->secs.n; i++)
        nenvs += mm_str_starts(p->secs.v[i].name, "env:");
    static const char *const env_keys[] = {"platform", "platform_packages", "lib_deps"};
    /* every environment, as PlatformIO builds it */
    for (size_t i = 0; i < p->secs.n; i++) {
        const char *env = p->secs.v[i].name;
        if (!mm_str_starts(env, "env:"))
            continue;
        for (size_t k = 0; k < MM_ARRAY_LEN(env_keys); k++) {
            const mm_component *r = lookup(p, env, env_keys[k], 0);
            if (!r)
                continue;
            vlines vl = {0};
            interpolate(p, env, r, &vl, 0);
            take(&hs, &vl, kind_of_key(env_keys[k]), env);
            free_lines(&vl);
        }
    }
    /* the places environments reach, sorted, for the pass below */
    mm_sort(hs.v, hs.n, sizeof *hs.v, cmp_hit);
    size_t reached = hs.n;
    /* every list of libraries in any section (a script may install them), and the platforms
     * and packages of sections no environment uses, where they are written */
    for (size_t i = 0; i < p->secs.n; i++) {
        const psec *s = &p->secs.v[i];
        for (size_t j = 0; j < s->opts.n; j++) {
            const mm_component *r = s->opts.v[j];
            bool libs = libs_key(r->group);
            if (!libs && strcasecmp(r->group, "platform") &&
                strcasecmp(r->group, "platform_packages"))
                continue;
            if (!libs && mm_str_starts(s->name, "env"))
                continue; /* an environment's (or [env]'s) platform is read above */
            vlines vl = {0};
            interpolate(p, mm_str_starts(s->name, "env:") ? s->name : NULL, r, &vl, 0);
            char *who = mm_xasprintf("[%s] %s", s->name, r->group);
            mm_vec_push(&labels, who);
            hits more = {0};
            take(&more, &vl, kind_of_key(libs ? "lib_deps" : r->group), who);
            free_lines(&vl);
            for (size_t m = 0; m < more.n; m++) {
                size_t lo = 0, hi = reached;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (cmp_place(&hs.v[mid].rec, &more.v[m].rec) < 0)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                if (lo < reached && !cmp_place(&hs.v[lo].rec, &more.v[m].rec)) {
                    mm_component_free(&more.v[m].rec); /* an environment uses it */
                } else {
                    more.v[m].rec.evidence |= MM_EV_UNBUILT;
                    mm_vec_push(&hs, more.v[m]);
                }
            }
            mm_vec_free(&more);
        }
    }
    /* where each spec (name and version) is used: the union over its places */
    const hit **byk = mm_xcalloc(hs.n ? hs.n : 1, sizeof *byk);
    for (size_t i = 0; i < hs.n; i++)
        byk[i] = &hs.v[i];
    mm_sort(byk, hs.n, sizeof *byk, cmp_hit_key);
    MM_VEC(const char *) users = {0};
    MM_VEC(char *) texts = {0}; /* per spec, in byk order */
    MM_VEC(size_t) text_of = {0}; /* per hit index: its spec's text */
    for (size_t i = 0; i < hs.n; i++)
        mm_vec_push(&text_of, (size_t)0);
    for (size_t i = 0; i < hs.n;) {
        size_t e = i;
        users.n = 0;
        while (e < hs.n && !strcmp(byk[e]->rec.key, byk[i]->rec.key)) {
            if (!users.n || strcmp(users.v[users.n - 1], byk[e]->user))
                mm_vec_push(&users, byk[e]->user);
            text_of.v[(size_t)(byk[e] - hs.v)] = texts.n;
            e++;
        }
        mm_vec_push(&texts, users_text(users.v, users.n, nenvs));
        i = e;
    }
    /* one record per place: the hits of one place and spec are one */
    const hit *kept = NULL;
    for (size_t i = 0; i < hs.n; i++) {
        hit *h = &hs.v[i];
        if (i < reached && kept && !cmp_place(&kept->rec, &h->rec) &&
            !strcmp(kept->rec.key, h->rec.key)) {
            mm_component_free(&h->rec);
            continue;
        }
        h->rec.used_by = mm_xstrdup(texts.v[text_of.v[i]]);
        mm_vec_push(out, h->rec);
        kept = h;
    }
    for (size_t i = 0; i < texts.n; i++)
        free(texts.v[i]);
    mm_vec_free(&texts);
    mm_vec_free(&text_of);
    mm_vec_free(&users);
    free(byk);
    mm_vec_free(&hs);
    for (size_t i = 0; i < labels.n; i++)
        free(labels.v[i]);
    mm_vec_free(&labels);
}

/* Puts the PlatformIO projects together from the option records of the scan and makes their
 * found records (appended to out; the caller owns them). */
void inv_pio_resolve(const mm_component *const *opts, size_t n, mm_component_vec *out)
{
    for (size_t i = 0; i < n; i++) {
        const mm_component *root = opts[i];
        if (strcmp(mm_path_base(root->path), "platformio.ini") != 0)
            continue;
        bool first = true; /* each platformio.ini once: its first record */
        for (size_t k = 0; k < i && first; k++)
            first = strcmp(opts[k]->path, root->path) != 0;
        if (!first)
            continue;
        project p = {root->dir, {0}};
        for (size_t k = 0; k < n; k++) {
            if (!strcmp(opts[k]->path, root->path))
                add_option(&p, opts[k]);
        }
        /* extra_configs: paths or globs relative to the project, read after it, in order */
        const mm_component *extra = own_option(&p, "platformio", "extra_configs");
        if (extra) {
            MM_VEC(char *) pats = {0};
            list_items(extra->pin_text, &pats);
            for (size_t q = 0; q < pats.n; q++) {
                char *pat = inv_join(root->dir, pats.v[q]);
                char *norm = inv_norm_path(pat);
                for (size_t k = 0; k < n && norm; k++) {
                    if (strcmp(opts[k]->path, root->path) != 0 &&
                        !fnmatch(norm, opts[k]->path, FNM_PATHNAME))
                        add_option(&p, opts[k]);
                }
                free(norm);
                free(pat);
                free(pats.v[q]);
            }
            mm_vec_free(&pats);
        }
        resolve_project(&p, out);
        for (size_t s = 0; s < p.secs.n; s++)
            mm_vec_free(&p.secs.v[s].opts);
        mm_vec_free(&p.secs);
    }
}

/* --- Arduino and PlatformIO library manifests ---------------------------------------------- */

/* A dependency of a library manifest, as a found record at (line, col) of f. */
static void manifest_dep(mm_file *f, const char *item, unsigned line, unsigned col)
{
    mm_component c = {0};
    if (!pio_spec(item, strlen(item), SPEC_LIB, &c)) {
        mm_component_free(&c);
        return;
    }
    inv_at_line(&c, f, line, col);
    inv_push(f, &c);
}

/* library.json: a vendored PlatformIO library (its own name and version), and the
 * dependencies it (or the project's root manifest) lists */
void inv_read_library_json(mm_file *f)
{
    mm_json_doc doc;
    mm_err err;
    if (mm_json_parse(&doc, f->path, f->data, f->len, true, &err) < 0 ||
        !cJSON_IsObject(doc.root)) {
        mm_json_free(&doc);
        return;
    }
    size_t hint = 0;
    bool vendored = strchr(f->path, '/') != NULL;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(doc.root, "name");
    if (vendored && cJSON_IsString(name) && name->valuestring[0]) {
        mm_component c = {0};
        c.role = MM_COMP_FOUND;
        c.source = "library-json";
        c.evidence = MM_EV_MANIFEST;
        c.name = mm_xstrdup(name->valuestring);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc.root, "version");
        if (cJSON_IsString(v))
            inv_set(&c.version, v->valuestring);
        c.pin = c.version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
        const cJSON *lic = cJSON_GetObjectItemCaseSensitive(doc.root, "license");
        if (cJSON_IsString(lic))
            inv_set(&c.license, lic->valuestring);
        const cJSON *repo = cJSON_GetObjectItemCaseSensitive(doc.root, "repository");
        const cJSON *url = cJSON_IsObject(repo) ? cJSON_GetObjectItemCaseSensitive(repo, "url")
                                                : NULL;
        if (cJSON_IsString(url))
            c.url = mm_url_strip_credentials(url->valuestring);
        c.dir = inv_dir_of(f->path);
        c.key = mm_xasprintf("dir:%s", c.dir);
        c.purl = mm_purl_of_url(c.url, c.version);
        size_t off = mm_json_offset(&doc, name, &hint);
        if (off == SIZE_MAX)
            inv_at_line(&c, f, 1, 1);
        else
            inv_at_offset(&c, f, (uint32_t)off);
        inv_push(f, &c);
        mm_json_free(&doc);
        return;
    }
    const cJSON *deps = cJSON_GetObjectItemCaseSensitive(doc.root, "dependencies");
    for (const cJSON *d = deps ? deps->child : NULL; d; d = d->next) {
        char *item = NULL;
        if (cJSON_IsString(d) && d->string) {
            item = mm_xasprintf("%s@%s", d->string, d->valuestring);
        } else if (cJSON_IsObject(d)) {
            const cJSON *n = cJSON_GetObjectItemCaseSensitive(d, "name");
            const cJSON *o = cJSON_GetObjectItemCaseSensitive(d, "owner");
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(d, "version");
            if (!cJSON_IsString(n))
                continue;
            item = mm_xasprintf("%s%s%s%s%s", cJSON_IsString(o) ? o->valuestring : "",
                                cJSON_IsString(o) ? "/" : "", n->valuestring,
                                cJSON_IsString(v) ? "@" : "",
                                cJSON_IsString(v) ? v->valuestring : "");
        }
        if (!item)
            continue;
        size_t off = mm_json_offset(&doc, d, &hint);
        unsigned line = 1, col = 1;
        if (off != SIZE_MAX)
            mm_file_pos(f, (uint32_t)off, &line, &col);
        manifest_dep(f, item, line, col);
        free(item);
    }
    mm_json_free(&doc);
}

/* Arduino's library.properties of a vendored library */
void inv_read_library_properties(mm_file *f)
{
    if (!strchr(f->path, '/'))
        return;
    mm_component c = {0};
    c.role = MM_COMP_FOUND;
    c.source = "arduino-library";
    c.evidence = MM_EV_MANIFEST;
    unsigned name_line = 0;
    const char *p = f->data, *end = f->data + f->len;
    unsigned line = 0;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *e = eol;
        while (e > p && (e[-1] == '\r' || e[-1] == ' '))
            e--;
        const char *eq = memchr(p, '=', (size_t)(e - p));
        if (eq) {
            size_t kl = (size_t)(eq - p);
            char *v = mm_xstrndup(eq + 1, (size_t)(e - eq - 1));
            if (kl == 4 && !strncmp(p, "name", 4)) {
                inv_set(&c.name, v);
                name_line = line;
            } else if (kl == 7 && !strncmp(p, "version", 7)) {
                inv_set(&c.version, v);
            } else if (kl == 3 && !strncmp(p, "url", 3)) {
                free(c.url);
                c.url = mm_url_strip_credentials(v);
            } else if (kl == 7 && !strncmp(p, "license", 7)) {
                inv_set(&c.license, v);
            }
            free(v);
        }
        p = eol + 1;
    }
    c.pin = c.version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
    c.dir = inv_dir_of(f->path);
    c.key = mm_xasprintf("dir:%s", c.dir);
    c.purl = mm_purl_of_url(c.url, c.version);
    inv_at_line(&c, f, name_line ? name_line : 1, 1);
    inv_push(f, &c);
}
