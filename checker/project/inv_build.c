/* inv_build.c: components a build fetches — CMake FetchContent_Declare/ExternalProject_Add,
 * RIOT packages (pkg/NAME/Makefile), OpenWrt packages (package/.../Makefile) and BitBake
 * recipes. */
#define _GNU_SOURCE
#include "project/inventory_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
            bool word = q == f->data || (!isalnum((unsigned char)q[-1]) && q[-1] != '_');
            if (word && (after == ' ' || after == '\t')) {
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
    char *v = inv_version_in(c);
    free(c);
    return v;
}

void inv_read_cmake(mm_file *f)
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
                    c.role = MM_COMP_FOUND;
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
                            inv_pin_git(&c, rt, !rt);
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
                        c.version = moving ? NULL : inv_version_in(mm_path_base(u));
                        if (!c.version && !moving)
                            c.version = inv_version_in(u);
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
                    inv_at_line(&c, f, line, col);
                    if (tag_off) {
                        unsigned tl, tc;
                        mm_file_pos(f, tag_off, &tl, &tc);
                        inv_pin_at_line(&c, f, tl, tc);
                    }
                    inv_push(f, &c);
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

void inv_read_riot_pkg(mm_file *f)
{
    static const char *const names[] = {"PKG_NAME", "PKG_VERSION", "PKG_URL", "PKG_LICENSE"};
    mk_var v[4] = {0};
    mk_read(f, names, v, 4, false);
    if (!v[0].value || (!v[1].value && !v[2].value) || strstr(v[0].value, "$(")) {
        mk_free(v, 4);
        return;
    }
    mm_component c = {0};
    c.role = MM_COMP_FOUND;
    c.source = "riot-pkg";
    c.evidence = MM_EV_MANIFEST;
    c.name = mm_xstrdup(v[0].value);
    if (v[2].value && !strstr(v[2].value, "$("))
        c.url = mm_url_strip_credentials(v[2].value);
    if (v[1].value && !strstr(v[1].value, "$(")) {
        inv_pin_git(&c, v[1].value, false);
        /* RIOT writes the release a commit is at in a comment: "PKG_VERSION=<sha> # 5.9.0";
         * "# Past v5.9.2" names a release the commit is not */
        bool past = v[1].comment && (strcasestr(v[1].comment, "past ") ||
                                     strcasestr(v[1].comment, "after ") ||
                                     strcasestr(v[1].comment, "ahead of"));
        char *label = c.pin == MM_PIN_COMMIT && !past ? inv_version_in(v[1].comment) : NULL;
        if (label) {
            free(c.version);
            c.version = label;
        }
        inv_pin_at_line(&c, f, v[1].line, v[1].col);
    } else if (v[1].value) {
        c.pin = MM_PIN_UNKNOWN;
        c.pin_text = mm_xstrdup(v[1].value);
    } else {
        c.pin = MM_PIN_BRANCH; /* no PKG_VERSION: the default branch */
        c.pin_text = mm_xstrdup("(no PKG_VERSION)");
    }
    inv_set(&c.license, v[3].value);
    c.purl = mm_purl_of_url(c.url, c.commit ? c.commit : c.version);
    c.key = mm_xasprintf("riot:%s", c.name);
    inv_at_line(&c, f, v[0].line, v[0].col);
    inv_push(f, &c);
    mk_free(v, 4);
}

/* --- OpenWrt packages ------------------------------------------------------------------- */

typedef struct owvar {
    char *name, *value;
    unsigned line, col;
} owvar;
typedef MM_VEC(owvar) owvars;

/* The make variables a package Makefile assigns at the start of a line (NAME:=, NAME=, NAME?=,
 * NAME+=), continuation lines joined; recipe lines (a tab first) and define ... endef blocks
 * are not assignments of the package. The last assignment wins. */
static void ow_read(mm_file *f, owvars *out)
{
    const char *p = f->data, *end = f->data + f->len;
    unsigned line = 0;
    bool in_define = false;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *e = eol;
        while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
            e--;
        unsigned start_line = line;
        mm_buf text = {0};
        mm_buf_put(&text, p, (size_t)(e - p));
        /* a value continued with a backslash */
        while (text.len && text.data[text.len - 1] == '\\' && eol < end) {
            text.len--;
            mm_buf_putc(&text, ' ');
            p = eol + 1;
            line++;
            eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol)
                eol = end;
            e = eol;
            while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
                e--;
            const char *s = p;
            while (s < e && (*s == ' ' || *s == '\t'))
                s++;
            mm_buf_put(&text, s, (size_t)(e - s));
        }
        const char *t = text.data ? mm_buf_cstr(&text) : "";
        if (mm_str_starts(t, "define ") || mm_str_starts(t, "define\t")) {
            in_define = true;
        } else if (mm_str_starts(t, "endef")) {
            in_define = false;
        } else if (!in_define && (isupper((unsigned char)t[0]) || t[0] == '_')) {
            size_t n = 0;
            while (isalnum((unsigned char)t[n]) || t[n] == '_')
                n++;
            const char *q = t + n;
            while (*q == ' ' || *q == '\t')
                q++;
            bool append = *q == '+', dflt = *q == '?';
            if (*q == ':' || *q == '?' || *q == '+')
                q++;
            if (*q == '=') {
                q++;
                while (*q == ' ' || *q == '\t')
                    q++;
                owvar *hit = NULL;
                for (size_t i = 0; i < out->n && !hit; i++) {
                    if (strlen(out->v[i].name) == n && !strncmp(out->v[i].name, t, n))
                        hit = &out->v[i];
                }
                if (!hit) {
                    owvar v = {mm_xstrndup(t, n), mm_xstrdup(q), start_line, 1};
                    mm_vec_push(out, v);
                } else if (append) {
                    char *j = mm_xasprintf("%s %s", hit->value, q);
                    free(hit->value);
                    hit->value = j;
                } else if (!dflt) {
                    free(hit->value);
                    hit->value = mm_xstrdup(q);
                    hit->line = start_line;
                }
            }
        }
        mm_buf_free(&text);
        p = eol + 1;
    }
}

static const owvar *ow_get(const owvars *vars, const char *name)
{
    for (size_t i = 0; i < vars->n; i++) {
        if (!strcmp(vars->v[i].name, name))
            return &vars->v[i];
    }
    return NULL;
}

/* A variable's value with $(NAME) and ${NAME} of the file expanded (a few levels); NULL when it
 * is unset or refers to something the file does not set ($(PROJECT_GIT), @SF/...). */
static char *ow_value(const owvars *vars, const char *name, int depth)
{
    const owvar *v = ow_get(vars, name);
    if (!v || depth > 8)
        return NULL;
    mm_buf b = {0};
    for (const char *p = v->value; *p;) {
        if (p[0] == '$' && (p[1] == '(' || p[1] == '{')) {
            char close = p[1] == '(' ? ')' : '}';
            const char *e = strchr(p + 2, close);
            char *ref = e ? mm_xstrndup(p + 2, (size_t)(e - p - 2)) : NULL;
            char *val = ref ? ow_value(vars, ref, depth + 1) : NULL;
            free(ref);
            if (!val) {
                mm_buf_free(&b);
                return NULL;
            }
            mm_buf_puts(&b, val);
            free(val);
            p = e + 1;
        } else {
            mm_buf_putc(&b, *p++);
        }
    }
    return mm_buf_cstr(&b) ? mm_buf_cstr(&b) : mm_xstrdup("");
}

/* The first word of a variable's expanded value. */
static char *ow_word(const owvars *vars, const char *name)
{
    char *v = ow_value(vars, name, 0);
    if (!v)
        return NULL;
    const char *s = v + strspn(v, " \t");
    size_t n = strcspn(s, " \t");
    char *w = n ? mm_xstrndup(s, n) : NULL;
    free(v);
    return w;
}

/* An OpenWrt package (package/.../Makefile): PKG_NAME, PKG_VERSION, where the sources come
 * from (PKG_SOURCE_URL, a git commit in PKG_SOURCE_VERSION) and how they are checked
 * (PKG_HASH, PKG_MIRROR_HASH). A recipe that only builds a host tool (host-build.mk without
 * package.mk) makes nothing of the firmware, and one whose sources are in the tree is code of
 * the tree: neither is a component. */
void inv_read_openwrt_pkg(mm_file *f)
{
    if (memmem(f->data, f->len, "host-build.mk", 13) && !memmem(f->data, f->len, "package.mk", 10))
        return;
    owvars vars = {0};
    ow_read(f, &vars);
    char *name = ow_word(&vars, "PKG_NAME");
    const owvar *name_at = ow_get(&vars, "PKG_NAME");
    /* a recipe whose sources are in the tree (no PKG_SOURCE_URL, PKG_SOURCE or
     * PKG_SOURCE_PROTO) builds code of the tree itself: no component of its own */
    bool fetched = ow_get(&vars, "PKG_SOURCE_URL") || ow_get(&vars, "PKG_SOURCE") ||
                   ow_get(&vars, "PKG_SOURCE_PROTO");
    if (!name || !fetched) {
        free(name);
        for (size_t i = 0; i < vars.n; i++) {
            free(vars.v[i].name);
            free(vars.v[i].value);
        }
        mm_vec_free(&vars);
        return;
    }
    char *version = ow_word(&vars, "PKG_VERSION");
    char *srcver = ow_word(&vars, "PKG_SOURCE_VERSION");
    char *url = ow_word(&vars, "PKG_SOURCE_URL");
    char *hash = ow_word(&vars, "PKG_HASH");
    char *mhash = ow_word(&vars, "PKG_MIRROR_HASH");
    char *date = ow_word(&vars, "PKG_SOURCE_DATE");
    char *license = ow_value(&vars, "PKG_LICENSE", 0);
    mm_component c = {0};
    c.role = MM_COMP_FOUND;
    c.source = "openwrt-pkg";
    c.evidence = MM_EV_MANIFEST;
    c.name = name;
    if (url && strstr(url, "://"))
        c.url = mm_url_strip_credentials(url);
    bool hashed = (hash && strcmp(hash, "skip")) || (mhash && strcmp(mhash, "skip"));
    const owvar *ver_at = ow_get(&vars, srcver && inv_is_commit(srcver) ? "PKG_SOURCE_VERSION"
                                                                      : "PKG_VERSION");
    if (srcver && inv_is_commit(srcver)) {
        inv_pin_git(&c, srcver, false);
        if (version && isdigit((unsigned char)version[0])) {
            free(c.version);
            c.version = mm_xstrdup(version);
        } else if (date) {
            free(c.version);
            c.version = mm_xasprintf("%s-%.8s", date, srcver);
        }
    } else if (version) {
        c.version = mm_xstrdup(version);
        c.pin = hashed ? MM_PIN_HASH : MM_PIN_VERSION;
        c.pin_text = mm_xstrdup(version);
    } else if (ow_get(&vars, "PKG_VERSION")) {
        /* a version set through a variable of another file ($(LINUX_VERSION)): stated, but
         * not one mamori resolves */
        c.pin = MM_PIN_UNKNOWN;
        c.pin_text = mm_xstrdup(ow_get(&vars, "PKG_VERSION")->value);
    } else {
        c.pin = hashed ? MM_PIN_HASH : MM_PIN_UNKNOWN;
    }
    if (ver_at)
        inv_pin_at_line(&c, f, ver_at->line, ver_at->col);
    if (license && *license)
        c.license = license;
    else
        free(license);
    c.purl = mm_purl_of_url(c.url, c.commit ? c.commit : c.version);
    c.dir = inv_dir_of(f->path);
    c.key = mm_xasprintf("dir:%s", c.dir);
    inv_at_line(&c, f, name_at->line, name_at->col);
    inv_push(f, &c);
    free(version);
    free(srcver);
    free(url);
    free(hash);
    free(mhash);
    free(date);
    for (size_t i = 0; i < vars.n; i++) {
        free(vars.v[i].name);
        free(vars.v[i].value);
    }
    mm_vec_free(&vars);
}

/* BitBake recipe: SRC_URI from a remote fetcher, SRCREV (a commit, or ${AUTOREV}) */
void inv_read_bitbake(mm_file *f)
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
    c.role = MM_COMP_FOUND;
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
            c.pin = strstr(rev, "${AUTOREV}") ? MM_PIN_NONE : inv_classify_ref(rev);
            c.pin_text = mm_xstrdup(rev);
            if (c.pin == MM_PIN_COMMIT)
                c.commit = mm_xstrdup(rev);
            inv_pin_at_line(&c, f, v[1].line, v[1].col);
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
    inv_set(&c.license, v[2].value);
    c.purl = mm_purl_of_url(c.url, c.commit ? c.commit : c.version);
    c.key = mm_xasprintf("bitbake:%s", c.name);
    inv_at_line(&c, f, v[0].line, v[0].col);
    inv_push(f, &c);
    free(first);
    free(params);
    mk_free(v, 4);
}
