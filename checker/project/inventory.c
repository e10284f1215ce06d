/* inventory.c: the inventory front end — reads one file (a manifest, lock file, SBOM, license
 * file or version header) into component records. One reader per kind of file, chosen by name;
 * version headers and CMake fetches are chosen by the prefilter (mm_inventory_trigger). Every
 * record says where it came from (file, line) so that a finding can point at it. */
#define _GNU_SOURCE
#include "project/inventory_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* Version macros of widely vendored libraries (the table of inv_known.c), and the CMake
 * commands that fetch sources at configure time (CMake command names are case-insensitive).
 * Plain literals, so that the prefilter's literal matcher carries them: a "#define" prefix
 * would make it look at every define of every C file (measured: +20% prefilter time on RIOT);
 * the reader checks that the name is defined. */
const char mm_inventory_trigger[] =
    "MBEDTLS_VERSION_STRING|LWIP_VERSION_MAJOR|tskKERNEL_VERSION_NUMBER|OPENSSL_VERSION_TEXT|"
    "LIBRESSL_VERSION_TEXT|LIBCURL_VERSION|WOLFSSL_VERSION_STRING|CJSON_VERSION_MAJOR|"
    "ZLIB_VERSION|TUSB_VERSION_MAJOR|LFS_VERSION|NANOPB_VERSION|LVGL_VERSION_MAJOR|"
    "SQLITE_VERSION|SODIUM_VERSION_STRING|XML_MAJOR_VERSION|JANSSON_VERSION|PROTOBUF_C_VERSION|"
    "ARDUINOJSON_VERSION|NLOHMANN_JSON_VERSION_MAJOR|FatFs - |MG_VERSION|LIBCOAP_PACKAGE_VERSION|"
    "LIBCOAP_VERSION|FASTLED_VERSION|BLYNK_VERSION|_GPS_VERSION|EF_SW_VERSION|VERSION_IRREMOTE|"
    "BERRY_VERSION|CMSIS_VERSION_MAIN|"
    "(?i)FetchContent_Declare|(?i)ExternalProject_Add";

/* --- records ------------------------------------------------------------------------------- */

char *inv_dup0(const char *s)
{
    return s && *s ? mm_xstrdup(s) : NULL;
}

void inv_set(char **field, const char *v)
{
    free(*field);
    *field = inv_dup0(v);
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
char *inv_line_snippet(mm_file *f, unsigned line)
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

void inv_at_line(mm_component *c, mm_file *f, unsigned line, unsigned col)
{
    free(c->path);
    free(c->snippet);
    c->path = mm_xstrdup(f->path);
    c->line = line ? line : 1;
    c->col = col ? col : 1;
    c->snippet = inv_line_snippet(f, c->line);
    c->end_col = mm_utf8_col(c->snippet, strlen(c->snippet));
    if (c->end_col <= c->col)
        c->end_col = c->col + 1;
}

void inv_at_offset(mm_component *c, mm_file *f, uint32_t off)
{
    unsigned line, col;
    mm_file_pos(f, off, &line, &col);
    inv_at_line(c, f, line, col);
}

/* Where the pin is written, when that is not the entry's own line (west "revision:"). */
void inv_pin_at_line(mm_component *c, mm_file *f, unsigned line, unsigned col)
{
    free(c->pin_path);
    free(c->pin_snippet);
    c->pin_path = mm_xstrdup(f->path);
    c->pin_line = line;
    c->pin_col = col ? col : 1;
    c->pin_snippet = inv_line_snippet(f, line);
}

void inv_push(mm_file *f, mm_component *c)
{
    if (!c->name || !*c->name) {
        mm_component_free(c);
        return;
    }
    mm_vec_push(&f->components, *c);
    memset(c, 0, sizeof *c);
}

char *inv_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? mm_xstrndup(path, (size_t)(slash - path)) : mm_xstrdup("");
}

/* "a/b" + "c" */
char *inv_join(const char *dir, const char *rel)
{
    if (!dir || !*dir)
        return mm_xstrdup(rel);
    return mm_xasprintf("%s/%s", dir, rel);
}

/* Normalises "a/./b//c/" to "a/b/c"; ".." segments are resolved; NULL when it leaves the root. */
char *inv_norm_path(const char *p)
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

bool inv_is_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isxdigit((unsigned char)s[i]))
            return false;
    }
    return n > 0;
}

bool inv_is_commit(const char *s)
{
    size_t n = strlen(s);
    if (n == 40 || n == 64)
        return inv_is_hex(s, n);
    /* an abbreviated id: hex with both digits and letters (a branch named "deadbeef"...) */
    if (n < 7 || n > 40 || !inv_is_hex(s, n))
        return false;
    bool digit = false, alpha = false;
    for (size_t i = 0; i < n; i++) {
        digit |= isdigit((unsigned char)s[i]) != 0;
        alpha |= isalpha((unsigned char)s[i]) != 0;
    }
    return digit && alpha;
}

/* A git reference: a commit id, a tag (something that names a version) or a branch. */
mm_pin inv_classify_ref(const char *r)
{
    if (!r || !*r)
        return MM_PIN_BRANCH;
    if (mm_str_starts(r, "refs/tags/"))
        return MM_PIN_TAG;
    if (mm_str_starts(r, "refs/heads/") || strchr(r, '/'))
        return MM_PIN_BRANCH;
    if (inv_is_commit(r))
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
mm_pin inv_classify_spec(const char *v)
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
char *inv_version_in(const char *s)
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
char *inv_name_of_url(const char *url)
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
void inv_pin_git(mm_component *c, const char *ref, bool absent)
{
    c->pin = absent ? MM_PIN_BRANCH : inv_classify_ref(ref);
    inv_set(&c->pin_text, absent ? "(default branch)" : ref);
    if (c->pin == MM_PIN_COMMIT) {
        inv_set(&c->commit, ref);
        if (!c->version)
            inv_set(&c->version, ref);
    } else if (c->pin == MM_PIN_TAG && !c->version) {
        inv_set(&c->version, mm_str_starts(ref, "refs/tags/") ? ref + 10 : ref);
    }
}

/* esp-idf-sbom writes CPEs with "{}" where the version goes */
char *inv_cpe_with_version(const char *cpe, const char *version)
{
    const char *brace = cpe ? strstr(cpe, "{}") : NULL;
    if (!cpe)
        return NULL;
    if (!brace)
        return mm_xstrdup(cpe);
    return mm_xasprintf("%.*s%s%s", (int)(brace - cpe), cpe, version ? version : "*", brace + 2);
}


/* --- git-config / INI files (.gitmodules, platformio.ini) ---------------------------------- */

void inv_ini_free(inv_ini_section *s)
{
    free(s->name);
    for (size_t i = 0; i < s->kv.n; i++)
        free(s->kv.v[i].value);
    mm_vec_free(&s->kv);
    memset(s, 0, sizeof *s);
}

/* Reads sections. Values are kept as lines "LINE:COL:text" (COL: the byte column of the text).
 * With multiline (PlatformIO, read as Python's configparser reads it), a line indented deeper
 * than its option continues the option's value, and ';' or '#' after a blank starts an inline
 * comment; git-config files (.gitmodules) have neither. Keys are borrowed from the file's
 * arena. */
void inv_ini_read(mm_file *f, bool multiline, void (*on)(mm_file *, inv_ini_section *, void *),
                     void *arg)
{
    inv_ini_section sec = {0};
    const char *p = f->data, *end = f->data + f->len;
    unsigned line = 0, key_indent = 0;
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
        unsigned indent = (unsigned)(s - p);
        if (multiline) {
            /* an inline comment: "value ; comment", "value # comment" */
            for (const char *q = s + 1; q < e; q++) {
                if ((*q == ';' || *q == '#') && (q[-1] == ' ' || q[-1] == '\t')) {
                    e = q;
                    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
                        e--;
                    break;
                }
            }
        }
        if (s == e || *s == '#' || *s == ';') {
            /* blank or comment */
        } else if (*s == '[' && (!multiline || indent == 0 || !sec.kv.n)) {
            if (sec.name)
                on(f, &sec, arg);
            inv_ini_free(&sec);
            const char *c = memchr(s, ']', (size_t)(e - s));
            sec.name = mm_xstrndup(s + 1, (size_t)((c ? c : e) - s - 1));
            sec.line = line;
        } else {
            const char *eq = memchr(s, '=', (size_t)(e - s));
            if (multiline && sec.kv.n && indent > key_indent) {
                /* a continuation of the last value */
                inv_ini_kv *kv = &sec.kv.v[sec.kv.n - 1];
                mm_buf b = {kv->value, kv->len, kv->cap}; /* appended in place: linear */
                mm_buf_printf(&b, "%s%u:%u:%.*s", b.len ? "\n" : "", line, indent + 1,
                              (int)(e - s), s);
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
                /* an empty first line ("lib_deps =" and the list below) is no line */
                char *val = ve > v ? mm_xasprintf("%u:%u:%.*s", line, (unsigned)(v - p) + 1,
                                                  (int)(ve - v), v)
                                   : mm_xstrdup("");
                size_t vl = strlen(val);
                inv_ini_kv kv = {mm_arena_strndup(f->arena, s, (size_t)(ke - s)), val, vl, vl + 1,
                             line, (unsigned)(s - p) + 1};
                mm_vec_push(&sec.kv, kv);
                key_indent = indent;
            }
        }
        p = eol + 1;
    }
    if (sec.name)
        on(f, &sec, arg);
    inv_ini_free(&sec);
}

/* Values are lines "LINE:COL:text"; this takes the first line's text (and line and column). */
const char *inv_ini_text(const char *v, unsigned *line)
{
    return inv_ini_line(v, line, NULL);
}

const char *inv_ini_line(const char *v, unsigned *line, unsigned *col)
{
    char *end;
    unsigned long l = strtoul(v, &end, 10);
    unsigned long c = 1;
    if (*end == ':') {
        c = strtoul(end + 1, &end, 10);
        if (*end == ':')
            end++;
    }
    if (line)
        *line = (unsigned)l;
    if (col)
        *col = (unsigned)c;
    return end;
}

const inv_ini_kv *inv_ini_get(const inv_ini_section *s, const char *key)
{
    const inv_ini_kv *hit = NULL;
    for (size_t i = 0; i < s->kv.n; i++) {
        if (!strcasecmp(s->kv.v[i].key, key))
            hit = &s->kv.v[i]; /* the last one wins, as in git */
    }
    return hit;
}

/* --- YAML manifests ---------------------------------------------------------------------------- */

static void notice_at(mm_file *f, unsigned line, unsigned col, mm_notice_level level,
                      const char *code, const char *msg)
{
    mm_file_notice(f, line, level, code, "%s", msg);
    f->notices.v[f->notices.n - 1].col = col;
}

/* f read as YAML (libyaml). What stops the parser is a warning naming line and column, so that
 * a manifest is never read as silently empty; a second document is a note (west and the ESP-IDF
 * component manager read one document and refuse more: mamori reads the first). */
const mm_ynode *inv_yaml(mm_file *f)
{
    mm_yaml_error err;
    const mm_ynode *root = mm_yaml_parse(f->arena, f->data, f->len, &err);
    if (err.failed) {
        char *m = mm_xasprintf("not read as YAML past line %u, column %u: %s", err.line, err.col,
                               err.msg);
        notice_at(f, err.line, err.col, MM_NOTICE_WARNING, "yaml-invalid", m);
        free(m);
    }
    if (err.documents > 1) {
        char *m = mm_xasprintf("a second YAML document starts at line %u; only the first is "
                               "read, as the tools that read this file accept one",
                               err.second_line);
        notice_at(f, err.second_line, err.second_col, MM_NOTICE_NOTE, "yaml-documents", m);
        free(m);
    }
    return root;
}

char *inv_spdx_actor(const char *s)
{
    if (!s || !*s || !strcmp(s, "NOASSERTION") || !strcmp(s, "NONE"))
        return NULL;
    return mm_xstrdup(s);
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

/* Another .ini file a platformio.ini may name in extra_configs (any name is allowed): one
 * with environments, platforms or library lists. */
static bool pio_extra(const mm_file *f, const char *base)
{
    return mm_str_ends(base, ".ini") &&
           (memmem(f->data, f->len, "[env", 4) || memmem(f->data, f->len, "lib_deps", 8) ||
            memmem(f->data, f->len, "platform", 8));
}

/* An OpenWrt package Makefile includes the build system's rules; a RIOT one includes
 * $(RIOTBASE)/pkg/pkg.mk. */
static bool openwrt(const mm_file *f)
{
    return memmem(f->data, f->len, "$(INCLUDE_DIR)/", 15) ||
           memmem(f->data, f->len, "$(TOPDIR)/rules.mk", 18);
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
    case 'p':
        if (!strcmp(base, "platformio.ini"))
            return true;
        break;
    case 'l':
        return !strcmp(base, "library.json") || !strcmp(base, "library.properties") ||
               inv_is_license_name(base);
    case 'M':
        return !strcmp(base, "Makefile") && memmem(f->data, f->len, "PKG_NAME", 8);
    default: break;
    }
    return is_cyclonedx_name(base) || mm_str_ends(base, ".spdx.json") || pio_extra(f, base) ||
           mm_str_ends(base, ".spdx") || is_sbom_yml(base) || inv_is_license_name(base) ||
           (is_bitbake(base) && memmem(f->data, f->len, "SRC_URI", 7));
}

void mm_inventory_run(mm_file *f)
{
    const char *base = mm_path_base(f->path);
    if (!strcmp(base, ".gitmodules"))
        inv_ini_read(f, false, inv_on_submodule, NULL);
    else if (!strcmp(base, "west.yml"))
        inv_read_west(f);
    else if (!strcmp(base, "idf_component.yml"))
        inv_read_idf_manifest(f);
    else if (!strcmp(base, "dependencies.lock"))
        inv_read_idf_lock(f);
    else if (!strcmp(base, "platformio.ini") || pio_extra(f, base))
        inv_read_pio_ini(f);
    else if (!strcmp(base, "library.json"))
        inv_read_library_json(f);
    else if (!strcmp(base, "library.properties"))
        inv_read_library_properties(f);
    else if (!strcmp(base, "Makefile") && openwrt(f))
        inv_read_openwrt_pkg(f);
    else if (!strcmp(base, "Makefile"))
        inv_read_riot_pkg(f);
    else if (is_bitbake(base))
        inv_read_bitbake(f);
    else if (mm_str_ends(base, ".spdx.json"))
        inv_read_spdx_json(f);
    else if (mm_str_ends(base, ".spdx"))
        inv_read_spdx_tv(f);
    else if (is_cyclonedx_name(base))
        inv_read_cyclonedx(f);
    else if (is_sbom_yml(base))
        inv_read_sbom_yml(f);
    else if (inv_is_license_name(base))
        inv_read_license_file(f);
    if (f->internal_hits & (1u << MM_TRIG_INVENTORY)) {
        if (!strcmp(base, "CMakeLists.txt") || mm_str_ends(base, ".cmake"))
            inv_read_cmake(f);
        else if (f->kind == MM_KIND_C || f->kind == MM_KIND_CPP)
            inv_read_version_header(f);
    }
}
