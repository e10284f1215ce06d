/* inventory.c: the inventory front end — reads one file (a manifest, lock file, SBOM, license
 * file or version header) into component records. One reader per kind of file, chosen by name;
 * version headers and CMake fetches are chosen by the prefilter (mm_inventory_trigger). Every
 * record says where it came from (file, line) so that a finding can point at it. */
#define _GNU_SOURCE
#include "project/inventory.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/yaml.h"

const char *const mm_pin_names[MM_PIN__COUNT] = {
    [MM_PIN_UNKNOWN] = "unknown", [MM_PIN_COMMIT] = "commit", [MM_PIN_TAG] = "tag",
    [MM_PIN_VERSION] = "version", [MM_PIN_HASH] = "hash",     [MM_PIN_RANGE] = "range",
    [MM_PIN_BRANCH] = "branch",   [MM_PIN_NONE] = "none",
};

/* Version macros of widely vendored libraries (see version_macros[] below), and the CMake
 * commands that fetch sources at configure time (CMake command names are case-insensitive).
 * Plain literals, so that the prefilter's literal matcher carries them: a "#define" prefix
 * would make it look at every define of every C file (measured: +20% prefilter time on RIOT);
 * the reader checks that the name is defined. */
const char mm_inventory_trigger[] =
    "MBEDTLS_VERSION_STRING|LWIP_VERSION_MAJOR|tskKERNEL_VERSION_NUMBER|OPENSSL_VERSION_TEXT|"
    "LIBRESSL_VERSION_TEXT|LIBCURL_VERSION|WOLFSSL_VERSION_STRING|CJSON_VERSION_MAJOR|"
    "ZLIB_VERSION|TUSB_VERSION_MAJOR|LFS_VERSION|NANOPB_VERSION|LVGL_VERSION_MAJOR|"
    "SQLITE_VERSION|SODIUM_VERSION_STRING|XML_MAJOR_VERSION|JANSSON_VERSION|PROTOBUF_C_VERSION|"
    "(?i)FetchContent_Declare|(?i)ExternalProject_Add";

/* --- records ------------------------------------------------------------------------------- */

void mm_component_free(mm_component *c)
{
    free(c->name);
    free(c->group);
    free(c->version);
    free(c->commit);
    free(c->pin_text);
    free(c->license);
    free(c->supplier);
    free(c->url);
    free(c->purl);
    free(c->cpe);
    free(c->dir);
    free(c->support_until);
    free(c->key);
    free(c->path);
    free(c->snippet);
    free(c->pin_path);
    free(c->pin_snippet);
}

void mm_components_free(mm_component *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        mm_component_free(&v[i]);
    free(v);
}

static char *dup0(const char *s)
{
    return s && *s ? mm_xstrdup(s) : NULL;
}

static void set(char **field, const char *v)
{
    free(*field);
    *field = dup0(v);
}

char *mm_url_strip_credentials(const char *url)
{
    if (!url)
        return NULL;
    const char *scheme = strstr(url, "://");
    if (!scheme) {
        /* scp-like "git@github.com:owner/repo.git" -> "ssh://github.com/owner/repo.git" */
        const char *at = strchr(url, '@'), *colon = strchr(url, ':'), *slash = strchr(url, '/');
        if (at && colon && at < colon && (!slash || colon < slash))
            return mm_xasprintf("ssh://%.*s/%s", (int)(colon - at - 1), at + 1, colon + 1);
        return mm_xstrdup(url);
    }
    const char *host = scheme + 3;
    const char *slash = strchr(host, '/');
    const char *at = memchr(host, '@', slash ? (size_t)(slash - host) : strlen(host));
    if (!at)
        return mm_xstrdup(url);
    return mm_xasprintf("%.*s%s", (int)(host - url), url, at + 1);
}

/* A line of the file, at most 300 bytes, with "user:password@" in URLs masked as "***@". */
static char *line_snippet(mm_file *f, unsigned line)
{
    uint32_t s = mm_file_line_start(f, line), e = mm_file_line_end(f, line);
    if (e > s && f->data[e - 1] == '\r')
        e--;
    if (e - s > 300) {
        e = s + 300;
        while (e > s && ((uint8_t)f->data[e] & 0xC0) == 0x80)
            e--;
    }
    mm_buf b = {0};
    const char *p = f->data + s, *end = f->data + e;
    while (p < end) {
        const char *sch = memmem(p, (size_t)(end - p), "://", 3);
        if (!sch) {
            mm_buf_put(&b, p, (size_t)(end - p));
            break;
        }
        const char *h = sch + 3, *q = h;
        while (q < end && *q != '/' && *q != '@' && *q != ' ' && *q != '"' && *q != '\'' &&
               *q != '\t')
            q++;
        mm_buf_put(&b, p, (size_t)(h - p));
        if (q < end && *q == '@') {
            mm_buf_puts(&b, "***");
            p = q;
        } else {
            p = h;
        }
    }
    return mm_buf_cstr(&b) ? mm_buf_cstr(&b) : mm_xstrdup("");
}

static void at_line(mm_component *c, mm_file *f, unsigned line, unsigned col)
{
    free(c->path);
    free(c->snippet);
    c->path = mm_xstrdup(f->path);
    c->line = line ? line : 1;
    c->col = col ? col : 1;
    c->snippet = line_snippet(f, c->line);
    c->end_col = mm_utf8_col(c->snippet, strlen(c->snippet));
    if (c->end_col <= c->col)
        c->end_col = c->col + 1;
}

static void at_offset(mm_component *c, mm_file *f, uint32_t off)
{
    unsigned line, col;
    mm_file_pos(f, off, &line, &col);
    at_line(c, f, line, col);
}

/* Where the pin is written, when that is not the entry's own line (west "revision:"). */
static void pin_at_line(mm_component *c, mm_file *f, unsigned line, unsigned col)
{
    free(c->pin_path);
    free(c->pin_snippet);
    c->pin_path = mm_xstrdup(f->path);
    c->pin_line = line;
    c->pin_col = col ? col : 1;
    c->pin_snippet = line_snippet(f, line);
}

static void push(mm_file *f, mm_component *c)
{
    if (!c->name || !*c->name) {
        mm_component_free(c);
        return;
    }
    mm_vec_push(&f->components, *c);
    memset(c, 0, sizeof *c);
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? mm_xstrndup(path, (size_t)(slash - path)) : mm_xstrdup("");
}

/* "a/b" + "c" */
static char *join(const char *dir, const char *rel)
{
    if (!dir || !*dir)
        return mm_xstrdup(rel);
    return mm_xasprintf("%s/%s", dir, rel);
}

/* Normalises "a/./b//c/" to "a/b/c"; ".." segments are resolved; NULL when it leaves the root. */
static char *norm_path(const char *p)
{
    char *out = mm_xmalloc(strlen(p) + 1);
    size_t n = 0;
    const char *s = p;
    while (*s) {
        while (*s == '/')
            s++;
        const char *e = s;
        while (*e && *e != '/')
            e++;
        size_t l = (size_t)(e - s);
        if (l == 0)
            break;
        if (l == 1 && s[0] == '.') {
            /* nothing */
        } else if (l == 2 && s[0] == '.' && s[1] == '.') {
            if (!n) {
                free(out);
                return NULL;
            }
            while (n && out[n - 1] != '/')
                n--;
            if (n)
                n--;
        } else {
            if (n)
                out[n++] = '/';
            memcpy(out + n, s, l);
            n += l;
        }
        s = e;
    }
    out[n] = 0;
    return out;
}

/* --- references: what a revision, tag or version spec pins --------------------------------- */

static bool is_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isxdigit((unsigned char)s[i]))
            return false;
    }
    return n > 0;
}

static bool is_commit(const char *s)
{
    size_t n = strlen(s);
    if (n == 40 || n == 64)
        return is_hex(s, n);
    /* an abbreviated id: hex with both digits and letters (a branch named "deadbeef"...) */
    if (n < 7 || n > 40 || !is_hex(s, n))
        return false;
    bool digit = false, alpha = false;
    for (size_t i = 0; i < n; i++) {
        digit |= isdigit((unsigned char)s[i]) != 0;
        alpha |= isalpha((unsigned char)s[i]) != 0;
    }
    return digit && alpha;
}

/* A git reference: a commit id, a tag (something that names a version) or a branch. */
static mm_pin classify_ref(const char *r)
{
    if (!r || !*r)
        return MM_PIN_BRANCH;
    if (mm_str_starts(r, "refs/tags/"))
        return MM_PIN_TAG;
    if (mm_str_starts(r, "refs/heads/") || strchr(r, '/'))
        return MM_PIN_BRANCH;
    if (is_commit(r))
        return MM_PIN_COMMIT;
    if (strstr(r, "${AUTOREV}") || !strcmp(r, "AUTOINC"))
        return MM_PIN_NONE;
    static const char *const branches[] = {"main", "master", "develop", "development", "dev",
                                           "trunk", "head", "latest", "stable", "next",
                                           "nightly", "default", "tip", NULL};
    for (const char *const *b = branches; *b; b++) {
        if (!strcasecmp(r, *b))
            return MM_PIN_BRANCH;
    }
    if (mm_str_ends(r, "-branch") || mm_str_ends(r, "_branch") || mm_str_starts(r, "branch"))
        return MM_PIN_BRANCH;
    size_t n = strlen(r);
    bool tag = isdigit((unsigned char)r[0]) ||
               ((r[0] == 'v' || r[0] == 'V') && n > 1 && isdigit((unsigned char)r[1]));
    for (size_t i = 0; i + 1 < n && !tag; i++)
        tag = (r[i] == '-' || r[i] == '_' || r[i] == '.') && isdigit((unsigned char)r[i + 1]);
    return tag ? MM_PIN_TAG : MM_PIN_BRANCH;
}

/* A registry version spec (ESP component registry, PlatformIO). */
static mm_pin classify_spec(const char *v)
{
    if (!v)
        return MM_PIN_NONE;
    while (*v == ' ' || *v == '\t')
        v++;
    if (!*v || !strcmp(v, "*") || !strcasecmp(v, "latest"))
        return MM_PIN_NONE;
    if (strpbrk(v, "^~<>*,|! ") || strstr(v, ".x") || strstr(v, ".X"))
        return MM_PIN_RANGE;
    if (v[0] == '=')
        return MM_PIN_VERSION;
    return isdigit((unsigned char)v[0]) ||
                   ((v[0] == 'v' || v[0] == 'V') && isdigit((unsigned char)v[1]))
               ? MM_PIN_VERSION
               : MM_PIN_RANGE;
}

/* The version a tag or text names: "v2.2.1" -> "2.2.1", "STABLE-2_1_3_RELEASE" -> "2.1.3",
 * "release-1.10.0" -> "1.10.0"; NULL when it holds no dotted number. */
static char *version_in(const char *s)
{
    if (!s)
        return NULL;
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > s && isalnum((unsigned char)p[-1]) &&
                                            p[-1] != 'v' && p[-1] != 'V'))
            continue;
        const char *q = p;
        int seps = 0;
        char sep = 0;
        while (isdigit((unsigned char)*q) ||
               ((*q == '.' || *q == '_') && isdigit((unsigned char)q[1]) && (!sep || *q == sep))) {
            if (!isdigit((unsigned char)*q)) {
                sep = *q;
                seps++;
            }
            q++;
        }
        if (seps >= 1) {
            char *v = mm_xstrndup(p, (size_t)(q - p));
            for (char *k = v; *k; k++) {
                if (*k == '_')
                    *k = '.';
            }
            return v;
        }
        p = q - 1;
    }
    return NULL;
}

/* Percent-encodes a purl segment. */
void mm_purl_put(mm_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (isalnum(ch) || ch == '.' || ch == '-' || ch == '_' || ch == '~')
            mm_buf_putc(b, (char)ch);
        else
            mm_buf_printf(b, "%%%02X", ch);
    }
}

/* pkg:github/owner/repo@version for a GitHub (or Bitbucket) URL, else NULL. */
char *mm_purl_of_url(const char *url, const char *version)
{
    if (!url)
        return NULL;
    static const struct {
        const char *host, *type;
    } hosts[] = {{"github.com", "github"}, {"bitbucket.org", "bitbucket"}};
    for (size_t h = 0; h < MM_ARRAY_LEN(hosts); h++) {
        const char *p = strstr(url, hosts[h].host);
        if (!p)
            continue;
        p += strlen(hosts[h].host);
        if (*p != '/' && *p != ':')
            continue;
        p++;
        const char *slash = strchr(p, '/');
        if (!slash)
            continue;
        const char *e = slash + 1;
        while (*e && *e != '/' && *e != '#' && *e != '?' && *e != ' ')
            e++;
        size_t rl = (size_t)(e - slash - 1);
        if (rl > 4 && !strncmp(e - 4, ".git", 4))
            rl -= 4;
        if (!rl || slash == p)
            continue;
        mm_buf b = {0};
        mm_buf_printf(&b, "pkg:%s/", hosts[h].type);
        char *owner = mm_xstrndup(p, (size_t)(slash - p)), *repo = mm_xstrndup(slash + 1, rl);
        mm_purl_put(&b, owner);
        mm_buf_putc(&b, '/');
        mm_purl_put(&b, repo);
        free(owner);
        free(repo);
        if (version && *version) {
            mm_buf_putc(&b, '@');
            mm_purl_put(&b, version);
        }
        return mm_buf_cstr(&b);
    }
    return NULL;
}

/* The last path segment of a URL without ".git": the usual name of what it fetches. */
static char *name_of_url(const char *url)
{
    if (!url)
        return NULL;
    size_t n = strlen(url);
    while (n && (url[n - 1] == '/'))
        n--;
    if (n > 4 && !strncmp(url + n - 4, ".git", 4))
        n -= 4;
    size_t s = n;
    while (s && url[s - 1] != '/' && url[s - 1] != ':')
        s--;
    return n > s ? mm_xstrndup(url + s, n - s) : NULL;
}

/* Sets the pin, the pinned version or commit, and the pin text from a git reference. */
static void pin_git(mm_component *c, const char *ref, bool absent)
{
    c->pin = absent ? MM_PIN_BRANCH : classify_ref(ref);
    set(&c->pin_text, absent ? "(default branch)" : ref);
    if (c->pin == MM_PIN_COMMIT) {
        set(&c->commit, ref);
        if (!c->version)
            set(&c->version, ref);
    } else if (c->pin == MM_PIN_TAG && !c->version) {
        set(&c->version, mm_str_starts(ref, "refs/tags/") ? ref + 10 : ref);
    }
}

/* esp-idf-sbom writes CPEs with "{}" where the version goes */
static char *cpe_with_version(const char *cpe, const char *version)
{
    const char *brace = cpe ? strstr(cpe, "{}") : NULL;
    if (!cpe)
        return NULL;
    if (!brace)
        return mm_xstrdup(cpe);
    return mm_xasprintf("%.*s%s%s", (int)(brace - cpe), cpe, version ? version : "*", brace + 2);
}

static char *spdx_actor(const char *s);

/* --- .gitmodules (and esp-idf-sbom's "sbom-" keys in it) ----------------------------------- */

typedef struct ini_kv {
    const char *key;
    char *value;   /* "LINE:text", continuation lines appended as "\nLINE:text" */
    size_t len, cap;
    unsigned line, col;
} ini_kv;

/* A small git-config / INI line reader: calls back per section with its keys. */
typedef struct ini_section {
    char *name;  /* "submodule \"lib/x\"" or "env:esp32" */
    unsigned line;
    MM_VEC(ini_kv) kv;
} ini_section;

static void ini_free(ini_section *s)
{
    free(s->name);
    for (size_t i = 0; i < s->kv.n; i++)
        free(s->kv.v[i].value);
    mm_vec_free(&s->kv);
    memset(s, 0, sizeof *s);
}

/* Reads sections; continuation lines (indented, no '=') append to the last key's value with a
 * newline (PlatformIO multi-line lib_deps). Keys are borrowed from the file's arena. */
static void ini_read(mm_file *f, bool multiline, void (*on)(mm_file *, ini_section *, void *),
                     void *arg)
{
    ini_section sec = {0};
    const char *p = f->data, *end = f->data + f->len;
    unsigned line = 0;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *s = p, *e = eol;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        bool indented = s > p;
        if (s == e || *s == '#' || *s == ';') {
            /* blank or comment */
        } else if (*s == '[') {
            if (sec.name)
                on(f, &sec, arg);
            ini_free(&sec);
            const char *c = memchr(s, ']', (size_t)(e - s));
            sec.name = mm_xstrndup(s + 1, (size_t)((c ? c : e) - s - 1));
            sec.line = line;
        } else {
            const char *eq = memchr(s, '=', (size_t)(e - s));
            if (multiline && indented && sec.kv.n &&
                (!eq || memmem(s, (size_t)(e - s), "://", 3) || strchr(s, '@'))) {
                /* a continuation of the last value */
                ini_kv *kv = &sec.kv.v[sec.kv.n - 1];
                mm_buf b = {kv->value, kv->len, kv->cap}; /* appended in place: linear */
                mm_buf_printf(&b, "\n%u:%.*s", line, (int)(e - s), s);
                kv->value = b.data;
                kv->len = b.len;
                kv->cap = b.cap;
            } else if (eq) {
                const char *ke = eq;
                while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t'))
                    ke--;
                const char *v = eq + 1;
                while (v < e && (*v == ' ' || *v == '\t'))
                    v++;
                const char *ve = e;
                if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
                    v++;
                    ve--;
                }
                char *val = mm_xasprintf("%u:%.*s", line, (int)(ve - v), v);
                size_t vl = strlen(val);
                ini_kv kv = {mm_arena_strndup(f->arena, s, (size_t)(ke - s)), val, vl, vl + 1,
                             line, (unsigned)(s - p) + 1};
                mm_vec_push(&sec.kv, kv);
            }
        }
        p = eol + 1;
    }
    if (sec.name)
        on(f, &sec, arg);
    ini_free(&sec);
}

/* Values carry "LINE:" before each line's text; this takes the first line's text. */
static const char *ini_text(const char *v, unsigned *line)
{
    char *colon = strchr(v, ':');
    if (line)
        *line = (unsigned)atoi(v);
    return colon ? colon + 1 : v;
}

static const ini_kv *ini_get(const ini_section *s, const char *key)
{
    const ini_kv *hit = NULL;
    for (size_t i = 0; i < s->kv.n; i++) {
        if (!strcasecmp(s->kv.v[i].key, key))
            hit = &s->kv.v[i]; /* the last one wins, as in git */
    }
    return hit;
}

static void on_submodule(mm_file *f, ini_section *sec, void *arg)
{
    (void)arg;
    if (strncmp(sec->name, "submodule", 9) != 0)
        return;
    const ini_kv *path = ini_get(sec, "path"), *url = ini_get(sec, "url");
    const ini_kv *branch = ini_get(sec, "branch");
    if (!path)
        return;
    mm_component c = {0};
    c.role = MM_ROLE_FOUND;
    c.source = "gitmodules";
    c.evidence = MM_EV_MANIFEST;
    char *dir = norm_path(ini_text(path->value, NULL));
    if (!dir)
        return;
    c.dir = dir;
    c.url = url ? mm_url_strip_credentials(ini_text(url->value, NULL)) : NULL;
    c.name = name_of_url(c.url);
    if (!c.name)
        c.name = mm_xstrdup(mm_path_base(c.dir));
    c.key = mm_xasprintf("dir:%s", c.dir);
    at_line(&c, f, sec->line, 1);
    if (branch) {
        /* tracks a branch: `git submodule update --remote` moves it */
        c.pin = MM_PIN_BRANCH;
        c.pin_text = mm_xstrdup(ini_text(branch->value, NULL));
        pin_at_line(&c, f, branch->line, branch->col);
    } else {
        c.pin = MM_PIN_COMMIT; /* the gitlink; its id is read from the index later */
        c.pin_text = mm_xstrdup("(gitlink)");
    }
    c.purl = mm_purl_of_url(c.url, NULL);
    char *sub_dir = mm_xstrdup(c.dir);
    char *sub_name = mm_xstrdup(c.name);
    char *sub_url = c.url ? mm_xstrdup(c.url) : NULL;
    push(f, &c);

    /* esp-idf-sbom: "sbom-version", "sbom-cpe", ... declare the submodule */
    const ini_kv *first = NULL;
    mm_component d = {0};
    d.role = MM_ROLE_DECLARED;
    d.source = "gitmodules-sbom";
    for (size_t i = 0; i < sec->kv.n; i++) {
        const ini_kv *kv = &sec->kv.v[i];
        if (strncasecmp(kv->key, "sbom-", 5) != 0)
            continue;
        if (!first)
            first = kv;
        const char *k = kv->key + 5, *v = ini_text(kv->value, NULL);
        if (!strcasecmp(k, "name"))
            set(&d.name, v);
        else if (!strcasecmp(k, "version"))
            set(&d.version, v);
        else if (!strcasecmp(k, "cpe") && !d.cpe)
            set(&d.cpe, v);
        else if (!strcasecmp(k, "supplier")) {
            free(d.supplier);
            d.supplier = spdx_actor(v);
        }
        else if (!strcasecmp(k, "license"))
            set(&d.license, v);
        else if (!strcasecmp(k, "url") || !strcasecmp(k, "repository")) {
            free(d.url);
            d.url = mm_url_strip_credentials(v);
        }
    }
    if (first) {
        char *cpe = cpe_with_version(d.cpe, d.version);
        free(d.cpe);
        d.cpe = cpe;
        if (!d.name)
            d.name = mm_xstrdup(sub_name);
        if (!d.url && sub_url)
            d.url = mm_xstrdup(sub_url);
        d.dir = mm_xstrdup(sub_dir);
        at_line(&d, f, first->line, first->col);
        push(f, &d);
    }
    mm_component_free(&d);
    free(sub_dir);
    free(sub_name);
    free(sub_url);
}

/* --- west.yml -------------------------------------------------------------------------------- */

static void read_west(mm_file *f)
{
    const mm_ynode *root = mm_yaml_parse(f->arena, f->data, f->len);
    const mm_ynode *man = mm_yaml_get(root, "manifest");
    if (!man || man->kind != MM_Y_MAP)
        return;
    const mm_ynode *defaults = mm_yaml_get(man, "defaults");
    const char *def_remote = mm_yaml_str(defaults, "remote");
    const char *def_rev = mm_yaml_str(defaults, "revision");
    const mm_ynode *remotes = mm_yaml_get(man, "remotes");
    const mm_ynode *projects = mm_yaml_get(man, "projects");
    if (!projects || projects->kind != MM_Y_SEQ)
        return;
    for (const mm_ynode *p = projects->child; p; p = p->next) {
        const char *name = mm_yaml_str(p, "name");
        if (!name || !*name)
            continue;
        mm_component c = {0};
        c.role = MM_ROLE_FOUND;
        c.source = "west";
        c.evidence = MM_EV_MANIFEST;
        c.name = mm_xstrdup(name);
        const char *url = mm_yaml_str(p, "url");
        if (url) {
            c.url = mm_url_strip_credentials(url);
        } else {
            const char *rname = mm_yaml_str(p, "remote");
            if (!rname)
                rname = def_remote;
            const char *base = NULL;
            for (const mm_ynode *r = remotes ? remotes->child : NULL; r && rname; r = r->next) {
                const char *n = mm_yaml_str(r, "name");
                if (n && !strcmp(n, rname))
                    base = mm_yaml_str(r, "url-base");
            }
            const char *repo = mm_yaml_str(p, "repo-path");
            if (base) {
                char *u = mm_xasprintf("%s/%s", base, repo ? repo : name);
                c.url = mm_url_strip_credentials(u);
                free(u);
            }
        }
        const char *path = mm_yaml_str(p, "path");
        c.dir = norm_path(path ? path : name);
        const mm_ynode *rev = mm_yaml_get(p, "revision");
        const char *r = rev && rev->kind == MM_Y_SCALAR ? rev->value : def_rev;
        /* west's default revision is the remote's "master" branch */
        pin_git(&c, r ? r : "master", false);
        at_line(&c, f, p->line, p->col);
        if (rev)
            pin_at_line(&c, f, rev->line, rev->col);
        c.purl = mm_purl_of_url(c.url, c.version);
        c.key = c.dir ? mm_xasprintf("dir:%s", c.dir) : mm_xasprintf("west:%s", name);
        push(f, &c);
    }
}

/* --- ESP-IDF component manager: idf_component.yml, dependencies.lock, managed_components ---- */

/* "led_strip" -> "espressif/led_strip": the registry's default namespace */
static char *idf_full_name(const char *n)
{
    if (strchr(n, '/'))
        return mm_xstrdup(n);
    return mm_xasprintf("espressif/%s", n);
}

static void idf_split(mm_component *c, const char *full)
{
    const char *slash = strchr(full, '/');
    c->name = mm_xstrdup(slash ? slash + 1 : full);
    c->group = slash ? mm_xstrndup(full, (size_t)(slash - full)) : NULL;
    char *lower = mm_xstrdup(full);
    for (char *k = lower; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    c->key = mm_xasprintf("idf:%s", lower);
    free(lower);
}

/* the "sbom" dictionary of a managed component's manifest (esp-idf-sbom reads it too) */
static void idf_sbom_dict(mm_file *f, const mm_ynode *sbom, const mm_component *of)
{
    if (!sbom || sbom->kind != MM_Y_MAP)
        return;
    mm_component d = {0};
    d.role = MM_ROLE_DECLARED;
    d.source = "idf-component-sbom";
    d.name = mm_xstrdup(mm_yaml_str(sbom, "name") ? mm_yaml_str(sbom, "name") : of->name);
    set(&d.group, of->group);
    set(&d.version, mm_yaml_str(sbom, "version") ? mm_yaml_str(sbom, "version") : of->version);
    d.supplier = spdx_actor(mm_yaml_str(sbom, "supplier"));
    set(&d.license, mm_yaml_str(sbom, "license") ? mm_yaml_str(sbom, "license") : of->license);
    d.cpe = cpe_with_version(mm_yaml_str(sbom, "cpe"), d.version);
    set(&d.dir, of->dir);
    at_line(&d, f, sbom->line, sbom->col);
    push(f, &d);
}

static void read_idf_manifest(mm_file *f)
{
    const mm_ynode *root = mm_yaml_parse(f->arena, f->data, f->len);
    if (!root || root->kind != MM_Y_MAP)
        return;
    /* managed_components/<ns>__<name>/idf_component.yml: the downloaded component itself */
    const char *mc = strstr(f->path, "managed_components/");
    if (mc && (mc == f->path || mc[-1] == '/')) {
        const char *d = mc + strlen("managed_components/");
        const char *slash = strchr(d, '/');
        if (slash && !strcmp(slash + 1, "idf_component.yml")) {
            char *dname = mm_xstrndup(d, (size_t)(slash - d));
            char *sep = strstr(dname, "__");
            char *full = sep ? mm_xasprintf("%.*s/%s", (int)(sep - dname), dname, sep + 2)
                             : idf_full_name(dname);
            mm_component c = {0};
            c.role = MM_ROLE_FOUND;
            c.source = "idf-managed";
            c.evidence = MM_EV_MANIFEST;
            idf_split(&c, full);
            set(&c.version, mm_yaml_str(root, "version"));
            c.pin = c.version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
            set(&c.pin_text, c.version);
            const char *url = mm_yaml_str(root, "repository");
            if (!url)
                url = mm_yaml_str(root, "url");
            c.url = url ? mm_url_strip_credentials(url) : NULL;
            set(&c.license, mm_yaml_str(root, "license"));
            c.dir = mm_xstrndup(f->path, (size_t)(slash - f->path));
            const mm_ynode *v = mm_yaml_get(root, "version");
            at_line(&c, f, v ? v->line : 1, v ? v->col : 1);
            idf_sbom_dict(f, mm_yaml_get(root, "sbom"), &c);
            push(f, &c);
            free(full);
            free(dname);
            return;
        }
    }
    const mm_ynode *deps = mm_yaml_get(root, "dependencies");
    if (!deps || deps->kind != MM_Y_MAP)
        return;
    for (const mm_ynode *d = deps->child; d; d = d->next) {
        if (!d->key || !strcmp(d->key, "idf"))
            continue; /* the framework itself: the lock file records which one */
        const char *spec = d->kind == MM_Y_SCALAR ? d->value : mm_yaml_str(d, "version");
        const mm_ynode *vnode = d->kind == MM_Y_MAP ? mm_yaml_get(d, "version") : NULL;
        const char *git = d->kind == MM_Y_MAP ? mm_yaml_str(d, "git") : NULL;
        if (d->kind == MM_Y_MAP && !git &&
            (mm_yaml_get(d, "path") || mm_yaml_get(d, "override_path")))
            continue; /* a local component: part of the project */
        mm_component c = {0};
        c.role = MM_ROLE_FOUND;
        c.source = "idf-manifest";
        c.evidence = MM_EV_MANIFEST;
        if (git) {
            c.url = mm_url_strip_credentials(git);
            char *full = idf_full_name(d->key);
            idf_split(&c, full);
            free(full);
            pin_git(&c, spec, !spec);
        } else {
            char *full = idf_full_name(d->key);
            idf_split(&c, full);
            free(full);
            c.pin = classify_spec(spec);
            set(&c.pin_text, spec && *spec ? spec : "(no version)");
            if (c.pin == MM_PIN_VERSION)
                set(&c.version, spec[0] == '=' ? spec + strspn(spec, "= ") : spec);
        }
        at_line(&c, f, d->line, d->col);
        if (vnode)
            pin_at_line(&c, f, vnode->line, vnode->col);
        c.purl = mm_purl_of_url(c.url, c.version);
        push(f, &c);
    }
}

static void read_idf_lock(mm_file *f)
{
    const mm_ynode *root = mm_yaml_parse(f->arena, f->data, f->len);
    const mm_ynode *deps = mm_yaml_get(root, "dependencies");
    if (!deps || deps->kind != MM_Y_MAP)
        return;
    mm_component lock = {0};
    lock.role = MM_ROLE_LOCK;
    lock.source = "idf-lock";
    lock.name = mm_xstrdup("dependencies.lock");
    lock.dir = dir_of(f->path);
    at_line(&lock, f, 1, 1);
    push(f, &lock);
    for (const mm_ynode *d = deps->child; d; d = d->next) {
        if (!d->key || d->kind != MM_Y_MAP)
            continue;
        const mm_ynode *src = mm_yaml_get(d, "source");
        const char *type = mm_yaml_str(src, "type");
        const char *version = mm_yaml_str(d, "version");
        if (type && !strcmp(type, "local"))
            continue;
        mm_component c = {0};
        c.role = MM_ROLE_FOUND;
        c.source = "idf-lock";
        c.evidence = MM_EV_MANIFEST | MM_EV_LOCKED;
        if ((type && !strcmp(type, "idf")) || !strcmp(d->key, "idf")) {
            c.name = mm_xstrdup("esp-idf");
            c.group = mm_xstrdup("espressif");
            c.key = mm_xstrdup("idf:esp-idf");
            c.url = mm_xstrdup("https://github.com/espressif/esp-idf");
            set(&c.version, version);
            c.pin = version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
            if (version) {
                char *tag = mm_xasprintf("v%s", version);
                c.purl = mm_purl_of_url(c.url, tag);
                free(tag);
            }
        } else {
            char *full = idf_full_name(d->key);
            idf_split(&c, full);
            free(full);
            const char *git = mm_yaml_str(src, "git");
            if (git) {
                c.url = mm_url_strip_credentials(git);
                pin_git(&c, version, !version);
            } else {
                set(&c.version, version);
                c.pin = version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
            }
            c.purl = mm_purl_of_url(c.url, c.version);
        }
        set(&c.pin_text, version);
        at_line(&c, f, d->line, d->col);
        push(f, &c);
    }
}

/* --- PlatformIO: platformio.ini, library.json --------------------------------------------- */

/* One lib_deps / platform / platform_packages item: "owner/name @ ^1.2.3", "name@1.0",
 * "https://github.com/o/r.git#v1.0", "Name=https://...", "symlink://../lib" */
static void pio_item(mm_file *f, const char *item, unsigned line, unsigned col, const char *source,
                     bool platform)
{
    const char *s = item;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == ','))
        n--;
    /* an inline comment */
    for (size_t i = 0; i + 1 < n; i++) {
        if ((s[i] == ' ' || s[i] == '\t') && (s[i + 1] == ';' || s[i + 1] == '#')) {
            n = i;
            while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                n--;
            break;
        }
    }
    if (!n || s[0] == '$' || s[0] == ';' || s[0] == '#')
        return; /* ${common.lib_deps}: an interpolation, read where it is defined */
    char *it = mm_xstrndup(s, n);
    if (mm_str_starts(it, "symlink://") || mm_str_starts(it, "file://") || it[0] == '.' ||
        it[0] == '/') {
        free(it);
        return; /* a local library: part of the project */
    }
    mm_component c = {0};
    c.role = MM_ROLE_FOUND;
    c.source = source;
    c.evidence = MM_EV_MANIFEST;
    char *eq = strchr(it, '=');
    char *scheme = strstr(it, "://");
    char *custom = NULL;
    if (eq && (!scheme || eq < scheme)) {
        custom = mm_xstrndup(it, (size_t)(eq - it));
        memmove(it, eq + 1, strlen(eq + 1) + 1);
        while (*it == ' ')
            memmove(it, it + 1, strlen(it));
        scheme = strstr(it, "://");
    }
    char *at = strchr(it, '@');
    if (at && scheme && at > scheme) {
        /* "user@host" inside a URL is not a version separator */
        char *host_end = strchr(scheme + 3, '/');
        if (!host_end || at < host_end)
            at = NULL;
    }
    if (scheme || mm_str_starts(it, "git@")) {
        /* a repository: "#ref" pins it */
        char *hash = strchr(it, '#');
        char *ref = hash ? mm_xstrdup(hash + 1) : NULL;
        if (hash)
            *hash = 0;
        c.url = mm_url_strip_credentials(it);
        c.name = custom ? mm_xstrdup(custom) : name_of_url(c.url);
        bool archive = strstr(c.url, ".zip") || strstr(c.url, ".tar.gz") || strstr(c.url, ".tgz");
        if (archive && !ref) {
            char *v = version_in(mm_path_base(c.url));
            c.version = v;
            c.pin = v ? MM_PIN_TAG : MM_PIN_NONE;
            set(&c.pin_text, mm_path_base(c.url));
        } else {
            pin_git(&c, ref, !ref);
        }
        free(ref);
    } else {
        char *spec = NULL;
        if (at) {
            *at = 0;
            spec = at + 1;
            while (*spec == ' ')
                spec++;
        }
        size_t nl = strlen(it);
        while (nl && it[nl - 1] == ' ')
            it[--nl] = 0;
        char *slash = strchr(it, '/');
        c.name = mm_xstrdup(slash ? slash + 1 : it);
        c.group = slash ? mm_xstrndup(it, (size_t)(slash - it)) : NULL;
        c.pin = classify_spec(spec);
        set(&c.pin_text, spec && *spec ? spec : "(no version)");
        if (c.pin == MM_PIN_VERSION)
            set(&c.version, spec[0] == '=' ? spec + strspn(spec, "= ") : spec);
    }
    char *lower = mm_xasprintf("%s%s%s", c.group && !platform ? c.group : "",
                               c.group && !platform ? "/" : "", c.name ? c.name : "");
    for (char *k = lower; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    c.key = mm_xasprintf("pio:%s", lower);
    free(lower);
    c.purl = mm_purl_of_url(c.url, c.version);
    at_line(&c, f, line, col);
    /* the item's own column on a continuation line */
    char probe[24];
    snprintf(probe, sizeof probe, "%.*s", (int)(n < sizeof probe - 1 ? n : sizeof probe - 1), s);
    const char *hit = strstr(c.snippet, probe);
    if (hit && col == 1)
        c.col = mm_utf8_col(c.snippet, (size_t)(hit - c.snippet));
    push(f, &c);
    free(custom);
    free(it);
}

static void on_pio_section(mm_file *f, ini_section *sec, void *arg)
{
    (void)arg;
    if (strncmp(sec->name, "env", 3) != 0 && strcmp(sec->name, "common") != 0 &&
        strncmp(sec->name, "common", 6) != 0)
        return;
    for (size_t i = 0; i < sec->kv.n; i++) {
        const ini_kv *kv = &sec->kv.v[i];
        bool libs = !strcmp(kv->key, "lib_deps") || !strcmp(kv->key, "platform_packages");
        bool platform = !strcmp(kv->key, "platform");
        if (!libs && !platform)
            continue;
        const char *source = platform ? "platformio-platform" : "platformio";
        /* lines "LINE:text", separated by newlines; items also by commas on one line (old
         * syntax), unless the comma sits inside a version range */
        char *copy = mm_xstrdup(kv->value);
        for (char *save = NULL, *ln = strtok_r(copy, "\n", &save); ln;
             ln = strtok_r(NULL, "\n", &save)) {
            unsigned line;
            const char *text = ini_text(ln, &line);
            unsigned col = line == kv->line ? kv->col : 1;
            bool range_comma = strpbrk(text, "<>") != NULL;
            if (libs && !range_comma && strchr(text, ',')) {
                char *items = mm_xstrdup(text);
                for (char *s2 = NULL, *item = strtok_r(items, ",", &s2); item;
                     item = strtok_r(NULL, ",", &s2))
                    pio_item(f, item, line, col, source, false);
                free(items);
            } else {
                pio_item(f, text, line, col, source, platform);
            }
        }
        free(copy);
    }
}

/* library.json: a vendored PlatformIO library (its own name and version), and the
 * dependencies it (or the project's root manifest) lists */
static void read_library_json(mm_file *f)
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
        c.role = MM_ROLE_FOUND;
        c.source = "library-json";
        c.evidence = MM_EV_MANIFEST;
        c.name = mm_xstrdup(name->valuestring);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc.root, "version");
        if (cJSON_IsString(v))
            set(&c.version, v->valuestring);
        c.pin = c.version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
        const cJSON *lic = cJSON_GetObjectItemCaseSensitive(doc.root, "license");
        if (cJSON_IsString(lic))
            set(&c.license, lic->valuestring);
        const cJSON *repo = cJSON_GetObjectItemCaseSensitive(doc.root, "repository");
        const cJSON *url = cJSON_IsObject(repo) ? cJSON_GetObjectItemCaseSensitive(repo, "url")
                                                : NULL;
        if (cJSON_IsString(url))
            c.url = mm_url_strip_credentials(url->valuestring);
        c.dir = dir_of(f->path);
        c.key = mm_xasprintf("dir:%s", c.dir);
        c.purl = mm_purl_of_url(c.url, c.version);
        size_t off = mm_json_offset(&doc, name, &hint);
        if (off == SIZE_MAX)
            at_line(&c, f, 1, 1);
        else
            at_offset(&c, f, (uint32_t)off);
        push(f, &c);
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
        pio_item(f, item, line, col, "platformio", false);
        free(item);
    }
    mm_json_free(&doc);
}

/* Arduino's library.properties of a vendored library */
static void read_library_properties(mm_file *f)
{
    if (!strchr(f->path, '/'))
        return;
    mm_component c = {0};
    c.role = MM_ROLE_FOUND;
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
                set(&c.name, v);
                name_line = line;
            } else if (kl == 7 && !strncmp(p, "version", 7)) {
                set(&c.version, v);
            } else if (kl == 3 && !strncmp(p, "url", 3)) {
                free(c.url);
                c.url = mm_url_strip_credentials(v);
            } else if (kl == 7 && !strncmp(p, "license", 7)) {
                set(&c.license, v);
            }
            free(v);
        }
        p = eol + 1;
    }
    c.pin = c.version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
    c.dir = dir_of(f->path);
    c.key = mm_xasprintf("dir:%s", c.dir);
    c.purl = mm_purl_of_url(c.url, c.version);
    at_line(&c, f, name_line ? name_line : 1, 1);
    push(f, &c);
}

/* --- CMake: FetchContent_Declare, ExternalProject_Add ---------------------------------------- */

typedef struct cm_arg {
    char *text;
    uint32_t off;
} cm_arg;

/* Arguments of a command call starting at the '(' at *pi; quotes, nested parentheses and
 * comments honoured. */
static void cmake_args(const char *t, size_t len, size_t *pi, void *vec)
{
    MM_VEC(cm_arg) *args = vec;
    size_t i = *pi + 1;
    int depth = 1;
    while (i < len && depth > 0 && args->n < 256) {
        char ch = t[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            i++;
        } else if (ch == '#') {
            while (i < len && t[i] != '\n')
                i++;
        } else if (ch == ')') {
            depth--;
            i++;
        } else if (ch == '(') {
            depth++;
            i++;
        } else if (ch == '"') {
            size_t s = ++i;
            while (i < len && t[i] != '"') {
                if (t[i] == '\\')
                    i++;
                i++;
            }
            cm_arg a = {mm_xstrndup(t + s, (i < len ? i : len) - s), (uint32_t)s};
            mm_vec_push(args, a);
            i++;
        } else {
            size_t s = i;
            while (i < len && !strchr(" \t\r\n()#\"", t[i]))
                i++;
            cm_arg a = {mm_xstrndup(t + s, i - s), (uint32_t)s};
            mm_vec_push(args, a);
        }
    }
    *pi = i;
}

/* ${VAR} from a set(VAR value) in the same file, or NULL */
static char *cmake_resolve(mm_file *f, const char *v)
{
    if (!v || !strstr(v, "${"))
        return v ? mm_xstrdup(v) : NULL;
    mm_buf out = {0};
    const char *p = v;
    while (*p) {
        const char *s = strstr(p, "${");
        if (!s) {
            mm_buf_puts(&out, p);
            break;
        }
        mm_buf_put(&out, p, (size_t)(s - p));
        const char *e = strchr(s, '}');
        if (!e) {
            mm_buf_free(&out);
            return NULL;
        }
        char *var = mm_xstrndup(s + 2, (size_t)(e - s - 2));
        /* set(VAR "value") */
        char *needle = mm_xasprintf("set(%s", var);
        const char *hit = NULL;
        for (const char *q = f->data; (q = strcasestr(q, needle)); q++) {
            char after = q[strlen(needle)];
            if (after == ' ' || after == '\t') {
                hit = q;
                break;
            }
        }
        char *value = NULL;
        if (hit) {
            const char *a = hit + strlen(needle);
            while (*a == ' ' || *a == '\t')
                a++;
            const char *b = a;
            if (*a == '"') {
                a++;
                b = strchr(a, '"');
            } else {
                while (*b && !strchr(" \t\r\n)", *b))
                    b++;
            }
            if (b)
                value = mm_xstrndup(a, (size_t)(b - a));
        }
        free(needle);
        free(var);
        if (!value || strstr(value, "${")) {
            free(value);
            mm_buf_free(&out);
            return NULL;
        }
        mm_buf_puts(&out, value);
        free(value);
        p = e + 1;
    }
    return mm_buf_cstr(&out) ? mm_buf_cstr(&out) : mm_xstrdup("");
}

/* the version in a comment after the tag: "GIT_TAG 703bd9c... # release-1.10.0" */
static char *comment_version(mm_file *f, uint32_t off)
{
    unsigned line, col;
    mm_file_pos(f, off, &line, &col);
    uint32_t e = mm_file_line_end(f, line);
    const char *hash = memchr(f->data + off, '#', e - off);
    if (!hash)
        return NULL;
    char *c = mm_xstrndup(hash + 1, (size_t)(f->data + e - hash - 1));
    char *v = version_in(c);
    free(c);
    return v;
}

static void read_cmake(mm_file *f)
{
    static const char *const cmds[] = {"FetchContent_Declare", "ExternalProject_Add"};
    for (size_t k = 0; k < MM_ARRAY_LEN(cmds); k++) {
        size_t cl = strlen(cmds[k]);
        for (const char *q = f->data; (q = strcasestr(q, cmds[k])); q += cl) {
            /* a whole word, not in a comment, followed by '(' */
            if (q > f->data && (isalnum((unsigned char)q[-1]) || q[-1] == '_'))
                continue;
            unsigned line, col;
            mm_file_pos(f, (uint32_t)(q - f->data), &line, &col);
            uint32_t ls = mm_file_line_start(f, line);
            if (memchr(f->data + ls, '#', (size_t)(q - f->data - ls)))
                continue;
            size_t i = (size_t)(q - f->data) + cl;
            while (i < f->len && (f->data[i] == ' ' || f->data[i] == '\t'))
                i++;
            if (i >= f->len || f->data[i] != '(')
                continue;
            MM_VEC(cm_arg) args = {0};
            cmake_args(f->data, f->len, &i, &args);
            if (args.n) {
                const char *repo = NULL, *tag = NULL, *url = NULL;
                uint32_t tag_off = 0;
                bool hash = false, svn = false;
                for (size_t a = 1; a + 1 < args.n; a++) {
                    const char *kw = args.v[a].text;
                    if (!strcmp(kw, "GIT_REPOSITORY"))
                        repo = args.v[a + 1].text;
                    else if (!strcmp(kw, "GIT_TAG")) {
                        tag = args.v[a + 1].text;
                        tag_off = args.v[a + 1].off;
                    } else if (!strcmp(kw, "URL") && !url)
                        url = args.v[a + 1].text;
                    else if (!strcmp(kw, "URL_HASH") || !strcmp(kw, "URL_MD5"))
                        hash = true;
                    else if (!strcmp(kw, "SVN_REPOSITORY"))
                        svn = true;
                }
                if (repo || url || svn) {
                    mm_component c = {0};
                    c.role = MM_ROLE_FOUND;
                    c.source = k == 0 ? "cmake-fetchcontent" : "cmake-externalproject";
                    c.evidence = MM_EV_MANIFEST;
                    c.name = mm_xstrdup(args.v[0].text);
                    char *rr = cmake_resolve(f, repo ? repo : url);
                    c.url = rr ? mm_url_strip_credentials(rr) : NULL;
                    free(rr);
                    if (repo) {
                        char *rt = tag ? cmake_resolve(f, tag) : NULL;
                        if (tag && !rt) {
                            c.pin = MM_PIN_UNKNOWN; /* ${VAR} set elsewhere */
                            c.pin_text = mm_xstrdup(tag);
                        } else {
                            pin_git(&c, rt, !rt);
                            if (c.pin == MM_PIN_COMMIT && tag_off) {
                                char *label = comment_version(f, tag_off);
                                if (label) {
                                    free(c.version);
                                    c.version = label;
                                }
                            }
                        }
                        free(rt);
                    } else if (url) {
                        const char *u = c.url ? c.url : url;
                        bool moving = strstr(u, "/heads/") || strstr(u, "/master.") ||
                                      strstr(u, "/main.") || strstr(u, "/archive/master") ||
                                      strstr(u, "/archive/main");
                        c.version = moving ? NULL : version_in(mm_path_base(u));
                        if (!c.version && !moving)
                            c.version = version_in(u);
                        /* GitHub archives name their tag: .../archive/refs/tags/v2.6.0.tar.gz */
                        const char *tags = strstr(u, "/archive/refs/tags/");
                        const char *arch = tags ? tags + 19 : strstr(u, "/archive/");
                        if (!tags && arch)
                            arch += 9;
                        if (!moving && arch && !strchr(arch, '/')) {
                            size_t tl = strcspn(arch, "?#");
                            static const char *const exts[] = {".tar.gz", ".tar.bz2", ".tar.xz",
                                                               ".tgz", ".zip"};
                            for (size_t x = 0; x < MM_ARRAY_LEN(exts); x++) {
                                size_t el = strlen(exts[x]);
                                if (tl > el && !strncmp(arch + tl - el, exts[x], el)) {
                                    tl -= el;
                                    break;
                                }
                            }
                            c.pin_text = mm_xstrndup(arch, tl);
                        }
                        c.pin = moving ? MM_PIN_BRANCH
                                : hash ? MM_PIN_HASH
                                : c.version ? MM_PIN_TAG
                                            : MM_PIN_NONE;
                        if (!c.pin_text)
                            c.pin_text = mm_xstrdup(mm_path_base(u));
                    } else {
                        c.pin = MM_PIN_UNKNOWN;
                    }
                    c.purl = mm_purl_of_url(c.url, c.commit    ? c.commit
                                                   : url && c.pin_text && c.version &&
                                                           strstr(c.pin_text, c.version)
                                                       ? c.pin_text
                                                       : c.version);
                    char *lower = mm_xstrdup(c.name);
                    for (char *z = lower; *z; z++)
                        *z = (char)tolower((unsigned char)*z);
                    c.key = mm_xasprintf("cmake:%s", lower);
                    free(lower);
                    at_line(&c, f, line, col);
                    if (tag_off) {
                        unsigned tl, tc;
                        mm_file_pos(f, tag_off, &tl, &tc);
                        pin_at_line(&c, f, tl, tc);
                    }
                    push(f, &c);
                }
            }
            for (size_t a = 0; a < args.n; a++)
                free(args.v[a].text);
            mm_vec_free(&args);
        }
    }
}

/* --- make-style assignments: RIOT packages (pkg/NAME/Makefile) and BitBake recipes --------- */

typedef struct mk_var {
    const char *name;
    char *value;     /* without quotes and trailing comment */
    char *comment;   /* the trailing comment, or the comment line just above */
    unsigned line, col;
} mk_var;

/* Reads NAME = value, NAME := value, NAME ?= value, NAME += value (the last assignment wins,
 * "+=" appends, "?=" sets only what is unset), with the comment at the end of the line or the
 * comment lines just above. */
static void mk_read(mm_file *f, const char *const *names, mk_var *out, size_t n, bool quotes)
{
    const char *p = f->data, *end = f->data + f->len;
    unsigned line = 0;
    const char *prev_comment = NULL;
    size_t prev_comment_len = 0;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *s = p, *e = eol;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if (s < e && *s == '#') {
            /* a block of comment lines above an assignment: kept whole */
            if (!prev_comment)
                prev_comment = s + 1;
            prev_comment_len = (size_t)(e - prev_comment);
            p = eol + 1;
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            size_t nl = strlen(names[k]);
            if ((size_t)(e - s) <= nl || strncmp(s, names[k], nl) != 0)
                continue;
            const char *q = s + nl;
            while (q < e && (*q == ' ' || *q == '\t'))
                q++;
            bool append = false, dflt = false;
            if (q < e && (*q == ':' || *q == '?' || *q == '+')) {
                append = *q == '+';
                dflt = *q == '?';
                q++;
            }
            if (q >= e || *q != '=')
                continue;
            q++;
            while (q < e && (*q == ' ' || *q == '\t'))
                q++;
            const char *ve = e;
            const char *cm = NULL;
            for (const char *z = q; z < e; z++) {
                if (*z == '#' && (!quotes || z == q || z[-1] == ' ' || z[-1] == '\t') &&
                    !(quotes && memchr(z, '"', (size_t)(e - z)))) {
                    cm = z;
                    break;
                }
            }
            if (cm) {
                ve = cm;
                while (ve > q && (ve[-1] == ' ' || ve[-1] == '\t'))
                    ve--;
            }
            if (quotes && ve - q >= 2 && (*q == '"' || *q == '\'') && ve[-1] == *q) {
                q++;
                ve--;
            }
            if (out[k].value && dflt)
                break; /* ?= only sets what is unset */
            char *v = mm_xstrndup(q, (size_t)(ve - q));
            if (out[k].value && append) {
                char *j = mm_xasprintf("%s %s", out[k].value, v);
                free(v);
                free(out[k].value);
                v = j;
            } else {
                /* a later assignment wins, as in make (the `else` branch of RIOT's
                 * PKG_BLEEDING conditionals is the default) */
                free(out[k].value);
                free(out[k].comment);
                out[k].comment = NULL;
                out[k].line = line;
                out[k].col = (unsigned)(s - p) + 1;
                if (cm)
                    out[k].comment = mm_xstrndup(cm + 1, (size_t)(e - cm - 1));
                else if (prev_comment)
                    out[k].comment = mm_xstrndup(prev_comment, prev_comment_len);
            }
            out[k].value = v;
            break;
        }
        prev_comment = NULL;
        p = eol + 1;
    }
}

static void mk_free(mk_var *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].value);
        free(v[i].comment);
    }
}

static void read_riot_pkg(mm_file *f)
{
    static const char *const names[] = {"PKG_NAME", "PKG_VERSION", "PKG_URL", "PKG_LICENSE"};
    mk_var v[4] = {0};
    mk_read(f, names, v, 4, false);
    if (!v[0].value || (!v[1].value && !v[2].value) || strstr(v[0].value, "$(")) {
        mk_free(v, 4);
        return;
    }
    mm_component c = {0};
    c.role = MM_ROLE_FOUND;
    c.source = "riot-pkg";
    c.evidence = MM_EV_MANIFEST;
    c.name = mm_xstrdup(v[0].value);
    if (v[2].value && !strstr(v[2].value, "$("))
        c.url = mm_url_strip_credentials(v[2].value);
    if (v[1].value && !strstr(v[1].value, "$(")) {
        pin_git(&c, v[1].value, false);
        /* RIOT writes the release a commit is at in a comment: "PKG_VERSION=<sha> # 5.9.0";
         * "# Past v5.9.2" names a release the commit is not */
        bool past = v[1].comment && (strcasestr(v[1].comment, "past ") ||
                                     strcasestr(v[1].comment, "after ") ||
                                     strcasestr(v[1].comment, "ahead of"));
        char *label = c.pin == MM_PIN_COMMIT && !past ? version_in(v[1].comment) : NULL;
        if (label) {
            free(c.version);
            c.version = label;
        }
        pin_at_line(&c, f, v[1].line, v[1].col);
    } else if (v[1].value) {
        c.pin = MM_PIN_UNKNOWN;
        c.pin_text = mm_xstrdup(v[1].value);
    } else {
        c.pin = MM_PIN_BRANCH; /* no PKG_VERSION: the default branch */
        c.pin_text = mm_xstrdup("(no PKG_VERSION)");
    }
    set(&c.license, v[3].value);
    c.purl = mm_purl_of_url(c.url, c.commit ? c.commit : c.version);
    c.key = mm_xasprintf("riot:%s", c.name);
    at_line(&c, f, v[0].line, v[0].col);
    push(f, &c);
    mk_free(v, 4);
}

/* BitBake recipe: SRC_URI from a remote fetcher, SRCREV (a commit, or ${AUTOREV}) */
static void read_bitbake(mm_file *f)
{
    static const char *const names[] = {"SRC_URI", "SRCREV", "LICENSE", "PV"};
    mk_var v[4] = {0};
    mk_read(f, names, v, 4, true);
    const char *uri = v[0].value;
    if (!uri) {
        mk_free(v, 4);
        return;
    }
    /* the first remote item of SRC_URI */
    char *first = NULL;
    char *copy = mm_xstrdup(uri);
    for (char *save = NULL, *it = strtok_r(copy, " \t\\", &save); it;
         it = strtok_r(NULL, " \t\\", &save)) {
        if (strstr(it, "://") && !mm_str_starts(it, "file://")) {
            first = mm_xstrdup(it);
            break;
        }
    }
    free(copy);
    if (!first) {
        mk_free(v, 4);
        return;
    }
    mm_component c = {0};
    c.role = MM_ROLE_FOUND;
    c.source = "bitbake";
    c.evidence = MM_EV_MANIFEST;
    char *semi = strchr(first, ';');
    char *params = semi ? mm_xstrdup(semi + 1) : NULL;
    if (semi)
        *semi = 0;
    bool git = mm_str_starts(first, "git://") || mm_str_starts(first, "gitsm://");
    if (git) {
        const char *host = strstr(first, "://") + 3;
        const char *proto = params ? strstr(params, "protocol=") : NULL;
        char *pr = proto ? mm_xstrndup(proto + 9, strcspn(proto + 9, ";")) : mm_xstrdup("https");
        char *u = mm_xasprintf("%s://%s", pr, host);
        c.url = mm_url_strip_credentials(u);
        free(u);
        free(pr);
    } else {
        c.url = mm_url_strip_credentials(first);
    }
    /* the recipe's name and version: foo_1.2.3.bb */
    const char *base = mm_path_base(f->path);
    const char *us = strchr(base, '_');
    const char *dot = strrchr(base, '.');
    c.name = mm_xstrndup(base, (size_t)((us ? us : dot ? dot : base + strlen(base)) - base));
    if (us && dot && dot > us + 1) {
        char *pv = mm_xstrndup(us + 1, (size_t)(dot - us - 1));
        if (strcmp(pv, "git") && isdigit((unsigned char)pv[0]))
            c.version = pv;
        else
            free(pv);
    }
    if (!c.version && v[3].value && isdigit((unsigned char)v[3].value[0]) &&
        !strstr(v[3].value, "${"))
        c.version = mm_xstrdup(v[3].value);
    if (git) {
        const char *rev = v[1].value;
        if (rev) {
            c.pin = strstr(rev, "${AUTOREV}") ? MM_PIN_NONE : classify_ref(rev);
            c.pin_text = mm_xstrdup(rev);
            if (c.pin == MM_PIN_COMMIT)
                c.commit = mm_xstrdup(rev);
            pin_at_line(&c, f, v[1].line, v[1].col);
        } else {
            const char *br = params ? strstr(params, "branch=") : NULL;
            c.pin = MM_PIN_UNKNOWN; /* SRCREV may be set by a .inc or the distro */
            if (br)
                c.pin_text = mm_xstrndup(br + 7, strcspn(br + 7, ";"));
        }
    } else {
        c.pin = strstr(uri, "sha256sum") || (params && strstr(params, "sha256sum"))
                    ? MM_PIN_HASH
                    : MM_PIN_TAG;
        bool checksum = false;
        for (const char *q = f->data; (q = strstr(q, "SRC_URI[")); q++)
            checksum |= !strncmp(q + 8, "sha256sum]", 10) ||
                        (strstr(q, "sha256sum]") && strstr(q, "sha256sum]") < q + 40);
        if (checksum)
            c.pin = MM_PIN_HASH;
    }
    set(&c.license, v[2].value);
    c.purl = mm_purl_of_url(c.url, c.commit ? c.commit : c.version);
    c.key = mm_xasprintf("bitbake:%s", c.name);
    at_line(&c, f, v[0].line, v[0].col);
    push(f, &c);
    free(first);
    free(params);
    mk_free(v, 4);
}

/* --- vendored trees: license files and version macros --------------------------------------- */

static bool is_license_name(const char *base)
{
    static const char *const stems[] = {"license", "licence", "copying", "unlicense"};
    for (size_t i = 0; i < MM_ARRAY_LEN(stems); i++) {
        size_t n = strlen(stems[i]);
        if (strncasecmp(base, stems[i], n) != 0)
            continue;
        const char *rest = base + n;
        if (!*rest || !strcasecmp(rest, ".txt") || !strcasecmp(rest, ".md") ||
            !strcasecmp(rest, ".rst"))
            return true;
    }
    return false;
}

/* Directory names that hold third-party trees rather than being one. */
static bool generic_dir(const char *name, size_t n)
{
    static const char *const g[] = {"vendor", "vendors", "third_party", "third-party",
                                    "thirdparty", "3rdparty", "external", "externals",
                                    "deps", "lib", "libs", "include", "src", "source", "ext",
                                    "contrib", "components", "Third_Party", "Middlewares"};
    for (size_t i = 0; i < MM_ARRAY_LEN(g); i++) {
        if (strlen(g[i]) == n && !strncasecmp(g[i], name, n))
            return true;
    }
    return false;
}

/* The license a license text states: an SPDX-License-Identifier line, or the opening words of
 * the common licenses. */
static const char *license_of_text(const char *t, size_t n)
{
    size_t lim = n < 12000 ? n : 12000;
    const char *spdx = memmem(t, lim, "SPDX-License-Identifier:", 24);
    if (spdx) {
        static __thread char id[128];
        const char *s = spdx + 24;
        while (s < t + lim && (*s == ' ' || *s == '\t'))
            s++;
        size_t k = 0;
        while (s + k < t + lim && k < sizeof id - 1 && s[k] != '\n' && s[k] != '\r' &&
               s[k] != '*')
            k++;
        while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
            k--;
        memcpy(id, s, k);
        id[k] = 0;
        if (k)
            return id;
    }
#define HAS(str) (memmem(t, lim, str, strlen(str)) != NULL)
    if (HAS("Apache License") && (HAS("Version 2.0") || HAS("VERSION 2.0")))
        return "Apache-2.0";
    if (HAS("GNU LESSER GENERAL PUBLIC LICENSE") || HAS("GNU Lesser General Public License"))
        return HAS("Version 3") ? "LGPL-3.0" : HAS("Version 2.1") ? "LGPL-2.1" : "LGPL-2.0";
    if (HAS("GNU GENERAL PUBLIC LICENSE"))
        return HAS("Version 3") ? "GPL-3.0" : "GPL-2.0";
    if (HAS("Mozilla Public License Version 2.0") || HAS("Mozilla Public License, version 2.0"))
        return "MPL-2.0";
    if (HAS("Boost Software License"))
        return "BSL-1.0";
    if (HAS("This is free and unencumbered software released into the public domain"))
        return "Unlicense";
    if (HAS("Permission is hereby granted, free of charge"))
        return "MIT";
    if (HAS("Permission to use, copy, modify, and/or distribute this software for any"))
        return "ISC";
    if (HAS("Altered source versions must be plainly marked"))
        return "Zlib";
    if (HAS("Redistribution and use in source and binary forms"))
        return HAS("Neither the name") || HAS("endorse or promote") ? "BSD-3-Clause"
                                                                     : "BSD-2-Clause";
#undef HAS
    return NULL;
}

static void read_license_file(mm_file *f)
{
    char *dir = dir_of(f->path);
    if (!*dir || !strcmp(dir, "LICENSES") || mm_str_starts(dir, "LICENSES/") ||
        mm_str_starts(dir, ".git/") || !strcmp(dir, ".github") || mm_str_starts(dir, ".github/")) {
        free(dir);
        return; /* the project's own license (at the root, or a REUSE LICENSES/ directory) */
    }
    mm_component c = {0};
    c.role = MM_ROLE_FOUND;
    c.source = "license-file";
    c.evidence = MM_EV_LICENSE;
    const char *b = mm_path_base(dir);
    if (generic_dir(b, strlen(b)) && b > dir) {
        /* "cpu/fe310/vendor/LICENSE", "boards/hifive1/include/vendor/LICENSE": the vendor
         * tree of fe310, of hifive1 (the nearest directory with a name of its own) */
        const char *pe = b - 1, *ps = pe;
        for (;;) {
            ps = pe;
            while (ps > dir && ps[-1] != '/')
                ps--;
            if (!generic_dir(ps, (size_t)(pe - ps)) || ps == dir)
                break;
            pe = ps - 1;
        }
        c.name = mm_xasprintf("%.*s-%s", (int)(pe - ps), ps, b);
    } else {
        c.name = mm_xstrdup(b);
    }
    set(&c.license, license_of_text(f->data, f->len));
    c.dir = dir;
    c.key = mm_xasprintf("dir:%s", c.dir);
    at_line(&c, f, 1, 1);
    push(f, &c);
}

/* Version macros: NAME is defined with the version as a string, or as numbers in parts. */
typedef struct vmacro {
    const char *macro;    /* what the trigger matches */
    const char *lib;      /* component name */
    const char *parts[3]; /* major, minor, patch macros (numbers), when not a string */
    const char *strip;    /* a prefix of the string to drop ("OpenSSL ", "nanopb-") */
} vmacro;

static const vmacro version_macros[] = {
    {"MBEDTLS_VERSION_STRING", "mbedtls", {NULL}, NULL},
    {"LWIP_VERSION_MAJOR", "lwip", {"LWIP_VERSION_MAJOR", "LWIP_VERSION_MINOR",
                                    "LWIP_VERSION_REVISION"}, NULL},
    {"tskKERNEL_VERSION_NUMBER", "freertos-kernel", {NULL}, "V"},
    {"OPENSSL_VERSION_TEXT", "openssl", {NULL}, "OpenSSL "},
    {"LIBRESSL_VERSION_TEXT", "libressl", {NULL}, "LibreSSL "},
    {"LIBCURL_VERSION", "curl", {NULL}, NULL},
    {"LIBWOLFSSL_VERSION_STRING", "wolfssl", {NULL}, NULL},
    {"WOLFSSL_VERSION_STRING", "wolfssl", {NULL}, NULL},
    {"CJSON_VERSION_MAJOR", "cjson", {"CJSON_VERSION_MAJOR", "CJSON_VERSION_MINOR",
                                      "CJSON_VERSION_PATCH"}, NULL},
    {"ZLIB_VERSION", "zlib", {NULL}, NULL},
    {"TUSB_VERSION_MAJOR", "tinyusb", {"TUSB_VERSION_MAJOR", "TUSB_VERSION_MINOR",
                                       "TUSB_VERSION_REVISION"}, NULL},
    {"LFS_VERSION", "littlefs", {NULL}, NULL}, /* 0x00020009: major << 16 | minor */
    {"NANOPB_VERSION", "nanopb", {NULL}, "nanopb-"},
    {"LVGL_VERSION_MAJOR", "lvgl", {"LVGL_VERSION_MAJOR", "LVGL_VERSION_MINOR",
                                    "LVGL_VERSION_PATCH"}, NULL},
    {"SQLITE_VERSION", "sqlite", {NULL}, NULL},
    {"SODIUM_VERSION_STRING", "libsodium", {NULL}, NULL},
    {"XML_MAJOR_VERSION", "expat", {"XML_MAJOR_VERSION", "XML_MINOR_VERSION",
                                    "XML_MICRO_VERSION"}, NULL},
    {"JANSSON_VERSION", "jansson", {NULL}, NULL},
    {"PROTOBUF_C_VERSION", "protobuf-c", {NULL}, NULL},
};

typedef struct define {
    const char *name;
    size_t name_len;
    const char *value; /* up to the end of the line (comment trimmed) */
    size_t value_len;
    uint32_t off;      /* of the '#' */
} define;

/* The value of a define: a string literal's text, or the first token. */
static char *define_text(const define *d, bool *is_string)
{
    const char *v = d->value, *e = d->value + d->value_len;
    *is_string = false;
    if (v < e && *v == '"') {
        const char *q = memchr(v + 1, '"', (size_t)(e - v - 1));
        if (!q)
            return NULL;
        /* "a" "b" joined: only the first piece; a macro after it makes it inexact */
        *is_string = true;
        return mm_xstrndup(v + 1, (size_t)(q - v - 1));
    }
    const char *k = v;
    while (k < e && !strchr(" \t/(", *k))
        k++;
    return k > v ? mm_xstrndup(v, (size_t)(k - v)) : NULL;
}

static bool numeric(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    long v = strtol(s, &end, 0);
    while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
        end++;
    if (*end || v < 0)
        return false;
    *out = v;
    return true;
}

static void read_version_header(mm_file *f)
{
    MM_VEC(define) defs = {0};
    const char *p = f->data, *end = f->data + f->len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *s = p;
        while (s < eol && (*s == ' ' || *s == '\t'))
            s++;
        if (s < eol && *s == '#') {
            const char *q = s + 1;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            if (eol - q > 7 && !strncmp(q, "define", 6) && (q[6] == ' ' || q[6] == '\t')) {
                q += 6;
                while (q < eol && (*q == ' ' || *q == '\t'))
                    q++;
                const char *n = q;
                while (q < eol && (isalnum((unsigned char)*q) || *q == '_'))
                    q++;
                const char *ne = q;
                if (q < eol && (*q == ' ' || *q == '\t')) {
                    while (q < eol && (*q == ' ' || *q == '\t'))
                        q++;
                    const char *ve = eol;
                    const char *cm = NULL;
                    for (const char *z = q; z + 1 < eol; z++) {
                        if (*z == '/' && (z[1] == '*' || z[1] == '/')) {
                            cm = z;
                            break;
                        }
                    }
                    if (cm)
                        ve = cm;
                    while (ve > q && (ve[-1] == ' ' || ve[-1] == '\t' || ve[-1] == '\r'))
                        ve--;
                    define d = {n, (size_t)(ne - n), q, (size_t)(ve - q),
                                (uint32_t)(s - f->data)};
                    mm_vec_push(&defs, d);
                }
            }
        }
        p = eol + 1;
    }
    for (size_t m = 0; m < MM_ARRAY_LEN(version_macros); m++) {
        const vmacro *vm = &version_macros[m];
        const define *hit = NULL;
        for (size_t i = 0; i < defs.n && !hit; i++) {
            if (defs.v[i].name_len == strlen(vm->macro) &&
                !strncmp(defs.v[i].name, vm->macro, defs.v[i].name_len))
                hit = &defs.v[i];
        }
        if (!hit)
            continue;
        char *version = NULL;
        bool str = false;
        if (vm->parts[0]) {
            long nums[3];
            int got = 0;
            for (int k = 0; k < 3; k++) {
                for (size_t i = 0; i < defs.n; i++) {
                    if (defs.v[i].name_len == strlen(vm->parts[k]) &&
                        !strncmp(defs.v[i].name, vm->parts[k], defs.v[i].name_len)) {
                        char *t = define_text(&defs.v[i], &str);
                        if (!str && numeric(t, &nums[k]))
                            got++;
                        free(t);
                        break;
                    }
                }
            }
            if (got == 3)
                version = mm_xasprintf("%ld.%ld.%ld", nums[0], nums[1], nums[2]);
        } else {
            char *t = define_text(hit, &str);
            long hex;
            if (t && !strcmp(vm->lib, "littlefs") && !str && numeric(t, &hex)) {
                version = mm_xasprintf("%ld.%ld", (hex >> 16) & 0xffff, hex & 0xffff);
            } else if (t && (str || !strcmp(vm->lib, "nanopb"))) {
                const char *v = t;
                if (vm->strip && !strncmp(v, vm->strip, strlen(vm->strip)))
                    v += strlen(vm->strip);
                if (strstr(t, "BoringSSL")) {
                    v = NULL; /* BoringSSL claims OpenSSL's text for compatibility */
                }
                /* the version is the first word: "OpenSSL 3.0.8 7 Feb 2023" */
                if (v && isdigit((unsigned char)v[0]))
                    version = mm_xstrndup(v, strcspn(v, " \t"));
            }
            free(t);
        }
        if (!version)
            continue;
        mm_component c = {0};
        c.role = MM_ROLE_FOUND;
        c.source = "version-macro";
        c.evidence = MM_EV_VERSION;
        c.name = mm_xstrdup(vm->lib);
        c.version = version;
        c.pin = MM_PIN_VERSION;
        c.pin_text = mm_xasprintf("%s", vm->macro);
        c.dir = dir_of(f->path);
        c.key = mm_xasprintf("macro:%s:%s", vm->lib, c.dir);
        at_offset(&c, f, hit->off);
        push(f, &c);
        if (!strcmp(vm->macro, "LIBWOLFSSL_VERSION_STRING"))
            m++; /* one wolfSSL record, not two */
    }
    mm_vec_free(&defs);
}

/* --- declared components: CycloneDX, SPDX, ESP-IDF sbom.yml --------------------------------- */

static void sbom_doc(mm_file *f, const char *format)
{
    mm_component d = {0};
    d.role = MM_ROLE_SBOM_DOC;
    d.source = format;
    d.name = mm_xstrdup(f->path);
    at_line(&d, f, 1, 1);
    push(f, &d);
}

static void declared_at(mm_component *d, mm_file *f, const mm_json_doc *doc, const cJSON *v,
                        size_t *hint)
{
    size_t off = mm_json_offset(doc, v, hint);
    if (off == SIZE_MAX)
        at_line(d, f, 1, 1);
    else
        at_offset(d, f, (uint32_t)off);
}

/* A supplier as stated ("Organization: Acme (x@y)", "Person: Ken", "Acme"); NOASSERTION and
 * NONE state nothing. The SBOM writers keep or drop the SPDX actor type. */
static char *spdx_actor(const char *s)
{
    if (!s || !*s || !strcmp(s, "NOASSERTION") || !strcmp(s, "NONE"))
        return NULL;
    return mm_xstrdup(s);
}

static char *spdx_license(const char *s)
{
    if (!s || !*s || !strcmp(s, "NOASSERTION") || !strcmp(s, "NONE"))
        return NULL;
    return mm_xstrdup(s);
}

static void cdx_components(mm_file *f, const mm_json_doc *doc, const cJSON *list, size_t *hint,
                           int depth)
{
    if (!cJSON_IsArray(list) || depth > 16)
        return;
    for (const cJSON *c = list->child; c; c = c->next) {
        if (!cJSON_IsObject(c))
            continue;
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
        if (!cJSON_IsString(name))
            continue;
        mm_component d = {0};
        d.role = MM_ROLE_DECLARED;
        d.source = "cyclonedx";
        d.name = mm_xstrdup(name->valuestring);
#define STR(obj, key) (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, key)) ? \
                       cJSON_GetObjectItemCaseSensitive(obj, key)->valuestring : NULL)
        set(&d.group, STR(c, "group"));
        set(&d.version, STR(c, "version"));
        set(&d.purl, STR(c, "purl"));
        set(&d.cpe, STR(c, "cpe"));
        const cJSON *sup = cJSON_GetObjectItemCaseSensitive(c, "supplier");
        if (cJSON_IsObject(sup))
            set(&d.supplier, STR(sup, "name"));
        if (!d.supplier) {
            const cJSON *man = cJSON_GetObjectItemCaseSensitive(c, "manufacturer");
            if (cJSON_IsObject(man))
                set(&d.supplier, STR(man, "name"));
        }
        if (!d.supplier)
            set(&d.supplier, STR(c, "publisher"));
        const cJSON *lics = cJSON_GetObjectItemCaseSensitive(c, "licenses");
        mm_buf lb = {0};
        for (const cJSON *l = cJSON_IsArray(lics) ? lics->child : NULL; l; l = l->next) {
            const char *expr = STR(l, "expression");
            const cJSON *lic = cJSON_GetObjectItemCaseSensitive(l, "license");
            const char *id = expr ? expr : cJSON_IsObject(lic) ? STR(lic, "id") : NULL;
            if (!id && cJSON_IsObject(lic))
                id = STR(lic, "name");
            if (id)
                mm_buf_printf(&lb, "%s%s", lb.len ? " AND " : "", id);
        }
        if (lb.len)
            d.license = mm_buf_cstr(&lb);
        const cJSON *refs = cJSON_GetObjectItemCaseSensitive(c, "externalReferences");
        for (const cJSON *r = cJSON_IsArray(refs) ? refs->child : NULL; r && !d.url; r = r->next) {
            const char *type = STR(r, "type"), *url = STR(r, "url");
            if (url && type && (!strcmp(type, "vcs") || !strcmp(type, "distribution") ||
                                !strcmp(type, "website")))
                d.url = mm_url_strip_credentials(url);
        }
#undef STR
        declared_at(&d, f, doc, c, hint);
        push(f, &d);
        cdx_components(f, doc, cJSON_GetObjectItemCaseSensitive(c, "components"), hint,
                       depth + 1);
    }
}

/* An SBOM that does not parse declares nothing: say so, or its components would all look
 * undeclared for no visible reason. */
static void sbom_unreadable(mm_file *f, const mm_err *err)
{
    mm_file_notice(f, err->line, MM_NOTICE_WARNING, "sbom-invalid",
                   "%s at line %u, column %u; its components are not read as declared", err->msg,
                   err->line, err->col);
}

/* Parses f as a JSON SBOM: true with an object in doc for the caller to free, false with
 * nothing to free (a document that does not parse is a notice). */
static bool sbom_json(mm_file *f, mm_json_doc *doc)
{
    mm_err err;
    if (mm_json_parse(doc, f->path, f->data, f->len, false, &err) < 0) {
        sbom_unreadable(f, &err);
        mm_json_free(doc);
        return false;
    }
    if (!cJSON_IsObject(doc->root)) {
        mm_json_free(doc);
        return false;
    }
    return true;
}

static void read_cyclonedx(mm_file *f)
{
    mm_json_doc doc;
    if (!sbom_json(f, &doc))
        return;
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(doc.root, "bomFormat");
    if (cJSON_IsString(fmt) && !strcmp(fmt->valuestring, "CycloneDX")) {
        sbom_doc(f, "CycloneDX");
        size_t hint = 0;
        cdx_components(f, &doc, cJSON_GetObjectItemCaseSensitive(doc.root, "components"), &hint,
                       0);
    }
    mm_json_free(&doc);
}

static void read_spdx_json(mm_file *f)
{
    mm_json_doc doc;
    if (!sbom_json(f, &doc))
        return;
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(doc.root, "spdxVersion");
    if (!cJSON_IsString(ver) || !mm_str_starts(ver->valuestring, "SPDX-")) {
        mm_json_free(&doc);
        return;
    }
    sbom_doc(f, "SPDX");
    /* the packages the document describes are the product itself, not its components */
    mm_strset roots = {0};
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(doc.root, "documentDescribes");
    for (const cJSON *d = cJSON_IsArray(desc) ? desc->child : NULL; d; d = d->next) {
        if (cJSON_IsString(d))
            mm_strset_add(&roots, d->valuestring);
    }
    const cJSON *rels = cJSON_GetObjectItemCaseSensitive(doc.root, "relationships");
    for (const cJSON *r = cJSON_IsArray(rels) ? rels->child : NULL; r; r = r->next) {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(r, "relationshipType");
        const cJSON *from = cJSON_GetObjectItemCaseSensitive(r, "spdxElementId");
        const cJSON *to = cJSON_GetObjectItemCaseSensitive(r, "relatedSpdxElement");
        if (cJSON_IsString(type) && !strcmp(type->valuestring, "DESCRIBES") &&
            cJSON_IsString(from) && !strcmp(from->valuestring, "SPDXRef-DOCUMENT") &&
            cJSON_IsString(to))
            mm_strset_add(&roots, to->valuestring);
    }
    const cJSON *pkgs = cJSON_GetObjectItemCaseSensitive(doc.root, "packages");
    size_t hint = 0;
    for (const cJSON *p = cJSON_IsArray(pkgs) ? pkgs->child : NULL; p; p = p->next) {
#define STR(obj, key) (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, key)) ? \
                       cJSON_GetObjectItemCaseSensitive(obj, key)->valuestring : NULL)
        const char *name = STR(p, "name"), *id = STR(p, "SPDXID");
        if (!name || (id && mm_strset_has(&roots, id)))
            continue;
        mm_component d = {0};
        d.role = MM_ROLE_DECLARED;
        d.source = "spdx";
        d.name = mm_xstrdup(name);
        set(&d.version, STR(p, "versionInfo"));
        d.supplier = spdx_actor(STR(p, "supplier"));
        d.license = spdx_license(STR(p, "licenseDeclared"));
        if (!d.license)
            d.license = spdx_license(STR(p, "licenseConcluded"));
        const char *until = STR(p, "validUntilDate");
        if (until && strlen(until) >= 10)
            d.support_until = mm_xstrndup(until, 10);
        const char *dl = STR(p, "downloadLocation");
        if (dl && strcmp(dl, "NOASSERTION") && strcmp(dl, "NONE"))
            d.url = mm_url_strip_credentials(dl);
        const cJSON *refs = cJSON_GetObjectItemCaseSensitive(p, "externalRefs");
        for (const cJSON *r = cJSON_IsArray(refs) ? refs->child : NULL; r; r = r->next) {
            const char *type = STR(r, "referenceType"), *loc = STR(r, "referenceLocator");
            if (!type || !loc)
                continue;
            if (!strcmp(type, "purl") && !d.purl)
                d.purl = mm_xstrdup(loc);
            else if ((!strcmp(type, "cpe23Type") || !strcmp(type, "cpe22Type")) && !d.cpe)
                d.cpe = mm_xstrdup(loc);
        }
#undef STR
        declared_at(&d, f, &doc, p, &hint);
        push(f, &d);
    }
    mm_strset_free(&roots);
    mm_json_free(&doc);
}

/* SPDX tag-value: "Tag: value" lines, <text>...</text> values skipped */
static void read_spdx_tv(mm_file *f)
{
    const char *p = f->data, *end = f->data + f->len;
    if (f->len < 12 || !memmem(f->data, f->len < 4096 ? f->len : 4096, "SPDXVersion:", 12))
        return;
    sbom_doc(f, "SPDX");
    mm_component_vec pk = {0};
    MM_VEC(char *) ids = {0};
    mm_strset roots = {0};
    MM_VEC(char *) root_owned = {0};
    unsigned line = 0;
    bool in_text = false;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *e = eol;
        while (e > p && (e[-1] == '\r' || e[-1] == ' '))
            e--;
        if (in_text) {
            if (memmem(p, (size_t)(e - p), "</text>", 7))
                in_text = false;
            p = eol + 1;
            continue;
        }
        const char *colon = memchr(p, ':', (size_t)(e - p));
        if (colon && colon > p) {
            size_t kl = (size_t)(colon - p);
            const char *v = colon + 1;
            while (v < e && (*v == ' ' || *v == '\t'))
                v++;
            if (memmem(v, (size_t)(e - v), "<text>", 6) && !memmem(v, (size_t)(e - v), "</text>", 7)) {
                in_text = true;
                p = eol + 1;
                continue;
            }
            char *val = mm_xstrndup(v, (size_t)(e - v));
#define KEY(k) (kl == strlen(k) && !strncmp(p, k, kl))
            mm_component *cur = pk.n ? &pk.v[pk.n - 1] : NULL;
            if (KEY("PackageName")) {
                mm_component d = {0};
                d.role = MM_ROLE_DECLARED;
                d.source = "spdx";
                d.name = mm_xstrdup(val);
                at_line(&d, f, line, 1);
                mm_vec_push(&pk, d);
                mm_vec_push(&ids, NULL);
            } else if (KEY("SPDXID") && cur) {
                free(ids.v[ids.n - 1]);
                ids.v[ids.n - 1] = mm_xstrdup(val);
            } else if (KEY("PackageVersion") && cur) {
                set(&cur->version, val);
            } else if (KEY("PackageSupplier") && cur) {
                free(cur->supplier);
                cur->supplier = spdx_actor(val);
            } else if (KEY("PackageLicenseDeclared") && cur) {
                free(cur->license);
                cur->license = spdx_license(val);
            } else if (KEY("ValidUntilDate") && cur && strlen(val) >= 10) {
                free(cur->support_until);
                cur->support_until = mm_xstrndup(val, 10);
            } else if (KEY("PackageLicenseConcluded") && cur && !cur->license) {
                cur->license = spdx_license(val);
            } else if (KEY("PackageDownloadLocation") && cur && strcmp(val, "NOASSERTION") &&
                       strcmp(val, "NONE")) {
                free(cur->url);
                cur->url = mm_url_strip_credentials(val);
            } else if (KEY("ExternalRef") && cur) {
                /* "PACKAGE-MANAGER purl pkg:..." / "SECURITY cpe23Type cpe:2.3:..." */
                char *s1 = strchr(val, ' ');
                char *s2 = s1 ? strchr(s1 + 1, ' ') : NULL;
                if (s2) {
                    *s2 = 0;
                    if (!strcmp(s1 + 1, "purl") && !cur->purl)
                        cur->purl = mm_xstrdup(s2 + 1);
                    else if ((!strcmp(s1 + 1, "cpe23Type") || !strcmp(s1 + 1, "cpe22Type")) &&
                             !cur->cpe)
                        cur->cpe = mm_xstrdup(s2 + 1);
                }
            } else if (KEY("DocumentDescribes")) {
                char *o = mm_xstrdup(val);
                mm_vec_push(&root_owned, o);
                mm_strset_add(&roots, o);
            } else if (KEY("Relationship")) {
                /* "SPDXRef-DOCUMENT DESCRIBES SPDXRef-x" */
                char a[128], rel[64], b[128];
                if (sscanf(val, "%127s %63s %127s", a, rel, b) == 3 &&
                    !strcmp(a, "SPDXRef-DOCUMENT") && !strcmp(rel, "DESCRIBES")) {
                    char *o = mm_xstrdup(b);
                    mm_vec_push(&root_owned, o);
                    mm_strset_add(&roots, o);
                }
            }
#undef KEY
            free(val);
        }
        p = eol + 1;
    }
    for (size_t i = 0; i < pk.n; i++) {
        if (ids.v[i] && mm_strset_has(&roots, ids.v[i]))
            mm_component_free(&pk.v[i]);
        else
            push(f, &pk.v[i]);
        free(ids.v[i]);
    }
    mm_vec_free(&pk);
    mm_vec_free(&ids);
    mm_strset_free(&roots);
    for (size_t i = 0; i < root_owned.n; i++)
        free(root_owned.v[i]);
    mm_vec_free(&root_owned);
}

/* ESP-IDF sbom.yml and the sbom_*.yml files they reference */
static void read_sbom_yml(mm_file *f)
{
    const mm_ynode *root = mm_yaml_parse(f->arena, f->data, f->len);
    if (!root || root->kind != MM_Y_MAP)
        return;
    char *dir = dir_of(f->path);
    const mm_ynode *mans = mm_yaml_get(root, "manifests");
    for (const mm_ynode *m = mans && mans->kind == MM_Y_SEQ ? mans->child : NULL; m;
         m = m->next) {
        const char *path = mm_yaml_str(m, "path"), *dest = mm_yaml_str(m, "dest");
        if (!path || !dest)
            continue;
        char *pj = join(dir, path), *dj = join(dir, dest);
        mm_component r = {0};
        r.role = MM_ROLE_REDIRECT;
        r.source = "idf-sbom";
        r.name = norm_path(pj);
        r.dir = norm_path(dj);
        at_line(&r, f, m->line, m->col);
        if (r.name && r.dir)
            push(f, &r);
        else
            mm_component_free(&r);
        free(pj);
        free(dj);
    }
    bool any = mm_yaml_get(root, "name") || mm_yaml_get(root, "version") ||
               mm_yaml_get(root, "cpe") || mm_yaml_get(root, "supplier") ||
               mm_yaml_get(root, "license");
    if (!any) {
        free(dir);
        return;
    }
    mm_component d = {0};
    d.role = MM_ROLE_DECLARED;
    d.source = "idf-sbom";
    const char *name = mm_yaml_str(root, "name");
    d.name = name && *name ? mm_xstrdup(name) : mm_xstrdup(*dir ? mm_path_base(dir) : "project");
    set(&d.version, mm_yaml_str(root, "version"));
    d.supplier = spdx_actor(mm_yaml_str(root, "supplier"));
    set(&d.license, mm_yaml_str(root, "license"));
    const mm_ynode *cpe = mm_yaml_get(root, "cpe");
    const char *cpe1 = cpe && cpe->kind == MM_Y_SCALAR ? cpe->value
                       : cpe && cpe->kind == MM_Y_SEQ && cpe->child ? cpe->child->value
                                                                    : NULL;
    d.cpe = cpe_with_version(cpe1, d.version);
    const char *url = mm_yaml_str(root, "repository");
    if (!url)
        url = mm_yaml_str(root, "url");
    d.url = url ? mm_url_strip_credentials(url) : NULL;
    d.dir = dir;
    const mm_ynode *first = root->child;
    at_line(&d, f, first ? first->line : 1, 1);
    push(f, &d);
}

/* --- dispatch --------------------------------------------------------------------------------- */

static bool is_sbom_yml(const char *base)
{
    return !strcmp(base, "sbom.yml") || !strcmp(base, "sbom.yaml") ||
           (mm_str_starts(base, "sbom_") &&
            (mm_str_ends(base, ".yml") || mm_str_ends(base, ".yaml")));
}

static bool is_cyclonedx_name(const char *base)
{
    return !strcmp(base, "bom.json") || mm_str_ends(base, ".cdx.json") ||
           mm_str_ends(base, ".bom.json") || !strcmp(base, "sbom.json");
}

static bool is_bitbake(const char *base)
{
    return mm_str_ends(base, ".bb") || mm_str_ends(base, ".bbappend");
}

bool mm_inventory_reads(const mm_file *f)
{
    if (f->kind == MM_KIND_BINARY || !f->len)
        return false;
    if (f->internal_hits & (1u << MM_TRIG_INVENTORY))
        return true;
    const char *base = mm_path_base(f->path);
    switch (base[0]) {
    case '.': return !strcmp(base, ".gitmodules");
    case 'w': return !strcmp(base, "west.yml");
    case 'i': return !strcmp(base, "idf_component.yml");
    case 'd': return !strcmp(base, "dependencies.lock");
    case 'p': return !strcmp(base, "platformio.ini");
    case 'l':
        return !strcmp(base, "library.json") || !strcmp(base, "library.properties") ||
               is_license_name(base);
    case 'M':
        return !strcmp(base, "Makefile") && memmem(f->data, f->len, "PKG_NAME", 8);
    default: break;
    }
    return is_cyclonedx_name(base) || mm_str_ends(base, ".spdx.json") ||
           mm_str_ends(base, ".spdx") || is_sbom_yml(base) || is_license_name(base) ||
           (is_bitbake(base) && memmem(f->data, f->len, "SRC_URI", 7));
}

void mm_inventory_run(mm_file *f)
{
    const char *base = mm_path_base(f->path);
    if (!strcmp(base, ".gitmodules"))
        ini_read(f, false, on_submodule, NULL);
    else if (!strcmp(base, "west.yml"))
        read_west(f);
    else if (!strcmp(base, "idf_component.yml"))
        read_idf_manifest(f);
    else if (!strcmp(base, "dependencies.lock"))
        read_idf_lock(f);
    else if (!strcmp(base, "platformio.ini"))
        ini_read(f, true, on_pio_section, NULL);
    else if (!strcmp(base, "library.json"))
        read_library_json(f);
    else if (!strcmp(base, "library.properties"))
        read_library_properties(f);
    else if (!strcmp(base, "Makefile"))
        read_riot_pkg(f);
    else if (is_bitbake(base))
        read_bitbake(f);
    else if (mm_str_ends(base, ".spdx.json"))
        read_spdx_json(f);
    else if (mm_str_ends(base, ".spdx"))
        read_spdx_tv(f);
    else if (is_cyclonedx_name(base))
        read_cyclonedx(f);
    else if (is_sbom_yml(base))
        read_sbom_yml(f);
    else if (is_license_name(base))
        read_license_file(f);
    if (f->internal_hits & (1u << MM_TRIG_INVENTORY)) {
        if (!strcmp(base, "CMakeLists.txt") || mm_str_ends(base, ".cmake"))
            read_cmake(f);
        else if (f->kind == MM_KIND_C || f->kind == MM_KIND_CPP)
            read_version_header(f);
    }
}
