/* inv_build.c: components a build fetches — CMake FetchContent_Declare/ExternalProject_Add,
 * RIOT packages (pkg/NAME/Makefile) and BitBake recipes. */
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

/* ${VAR} from a inv_set(VAR value) in the same file, or NULL */
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
        /* inv_set(VAR "value") */
        char *needle = mm_xasprintf("inv_set(%s", var);
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
                            c.pin = MM_PIN_UNKNOWN; /* ${VAR} inv_set elsewhere */
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
            c.pin = MM_PIN_UNKNOWN; /* SRCREV may be inv_set by a .inc or the distro */
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
