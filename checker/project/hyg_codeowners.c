/* hyg_codeowners.c: CODEOWNERS over key material, bootloader and release configuration, read
 * with GitHub's (and GitLab's) matching rules. */
#define _GNU_SOURCE
#include "project/hygiene_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/policy.h"

/* ================================================================================================
 * CODEOWNERS: who must review changes to key material, the bootloader and release configuration.
 * GitHub reads .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS (the first it finds); GitLab
 * CODEOWNERS, docs/CODEOWNERS, .gitlab/CODEOWNERS. */

static const char *const codeowners_paths[] = {".github/CODEOWNERS", "CODEOWNERS",
                                               "docs/CODEOWNERS", ".gitlab/CODEOWNERS"};

static int codeowners_rank(const char *path)
{
    for (size_t i = 0; i < MM_ARRAY_LEN(codeowners_paths); i++) {
        if (!strcmp(path, codeowners_paths[i]))
            return (int)i;
    }
    return -1;
}

typedef enum { CLASS_KEYS, CLASS_BOOT, CLASS_CONFIG, CLASS__COUNT } sensitive_class;

static const char *const class_names[CLASS__COUNT] = {
    "key material", "the bootloader", "release configuration"};
static const char *const class_examples[CLASS__COUNT] = {
    "`*.pem @org/security`", "`/bootloader/ @org/security`", "`sdkconfig* @org/release`"};

static bool seg_in(const char *path, const char *const *names, size_t nn)
{
    for (const char *seg = path, *slash; (slash = strchr(seg, '/')); seg = slash + 1) {
        for (size_t i = 0; i < nn; i++) {
            if (hyg_ieq(seg, (size_t)(slash - seg), names[i]))
                return true;
        }
    }
    return false;
}

static int sensitive_class_of(const mm_scan *s, const char *path);

/* Which class of sensitive file a path is, or -1. */
static int sensitive(const mm_scan *s, const char *path)
{
    if (!strcmp(path, "mamori.json"))
        return CLASS_CONFIG; /* what the release is checked against */
    int c = sensitive_class_of(s, path);
    return c >= 0 && !hyg_in_foreign_dir(path) ? c : -1;
}

static int sensitive_class_of(const mm_scan *s, const char *path)
{
    const char *base = mm_path_base(path);
    size_t bl = strlen(base);
    static const char *const key_dirs[] = {"keys", "secrets", "certs", "certificates", "pki"};
    /* source code in such a directory is code about keys (psa/key/attributes.h), not keys */
    static const char *const code_exts[] = {"c", "h", "cc", "cpp", "cxx", "hh", "hpp", "hxx",
                                            "s", "asm", "py", "rs", "go", "js", "ts", "java",
                                            "sh", "mk", "cmake", "ld"};
    static const char *const key_exts[] = {"pem", "key", "p12", "pfx", "der", "crt", "cer",
                                           "jks", "keystore", "pub"};
    const char *e = hyg_ext_of(base);
    for (size_t i = 0; i < MM_ARRAY_LEN(key_exts); i++) {
        if (!strcasecmp(e, key_exts[i]))
            return CLASS_KEYS;
    }
    bool code = false;
    for (size_t i = 0; i < MM_ARRAY_LEN(code_exts) && !code; i++)
        code = !strcasecmp(e, code_exts[i]);
    if (!code && seg_in(path, key_dirs, MM_ARRAY_LEN(key_dirs)))
        return CLASS_KEYS;
    static const char *const boot_dirs[] = {"bootloader", "bootloaders", "bootloader_components",
                                            "mcuboot", "u-boot", "uboot", "bl1", "bl2"};
    if (seg_in(path, boot_dirs, MM_ARRAY_LEN(boot_dirs)) || hyg_istarts(base, bl, "bootloader") ||
        hyg_istarts(base, bl, "mcuboot") || hyg_istarts(base, bl, "u-boot"))
        return CLASS_BOOT;
    bool config = (!strncmp(base, "sdkconfig", 9) && (!base[9] || base[9] == '.') &&
                   strcmp(base, "sdkconfig.old") != 0) ||
                  (!strncmp(base, "prj", 3) && mm_str_ends(base, ".conf")) ||
                  !strcmp(base, "sysbuild.conf") || mm_str_ends(base, "_defconfig") ||
                  !strcmp(base, "defconfig");
    if (config && !strcmp(mm_profile_of(s->policy, path), "release"))
        return CLASS_CONFIG;
    return -1;
}

typedef MM_VEC(const char *) path_list;

static void sensitive_paths(const mm_scan *s, path_list out[CLASS__COUNT])
{
    for (size_t i = 0; i < s->paths.n; i++) {
        int c = sensitive(s, s->paths.v[i]);
        if (c >= 0)
            mm_vec_push(&out[c], s->paths.v[i]);
    }
}

/* "1 file: keys/a.pem", "12 files, e.g. keys/a.pem, keys/b.pem, keys/c.pem" */
static void describe(mm_buf *b, const path_list *l)
{
    if (l->n == 1) {
        mm_buf_printf(b, "1 file: %s", l->v[0]);
        return;
    }
    mm_buf_printf(b, "%zu files%s ", l->n, l->n > 3 ? ", e.g." : ":");
    for (size_t i = 0; i < l->n && i < 3; i++)
        mm_buf_printf(b, "%s%s", i ? ", " : "", l->v[i]);
}

void mm_hygiene_codeowners_missing(const mm_rule *rule, mm_scan *s)
{
    if (!hyg_at_project_root(s))
        return;
    for (size_t i = 0; i < MM_ARRAY_LEN(codeowners_paths); i++) {
        if (hyg_has_path(s, codeowners_paths[i]))
            return;
    }
    path_list cl[CLASS__COUNT] = {{0}};
    sensitive_paths(s, cl);
    /* the policy alone (what `mamori init` just wrote) is no reason to ask for CODEOWNERS: it
     * guards key material, the bootloader or release configuration, and is listed with them */
    if (!cl[CLASS_KEYS].n && !cl[CLASS_BOOT].n && cl[CLASS_CONFIG].n == 1 &&
        !strcmp(cl[CLASS_CONFIG].v[0], "mamori.json"))
        mm_vec_free(&cl[CLASS_CONFIG]);
    mm_buf d = {0};
    int left = 0;
    for (int c = 0; c < CLASS__COUNT; c++)
        left += cl[c].n > 0;
    for (int c = 0; c < CLASS__COUNT; c++) {
        if (!cl[c].n)
            continue;
        left--;
        mm_buf_printf(&d, "%s (", class_names[c]);
        describe(&d, &cl[c]);
        mm_buf_printf(&d, ")%s", left > 1 ? ", " : left == 1 ? " and " : "");
    }
    if (d.len) {
        char *at = hyg_anchor_path(s, ".github/CODEOWNERS");
        hyg_project_finding pf = {at, 1, 1, NULL, "missing", NULL, mm_buf_cstr(&d)};
        hyg_emit_project(rule, s, &pf);
        free(at);
    }
    mm_buf_free(&d);
    for (int c = 0; c < CLASS__COUNT; c++)
        mm_vec_free(&cl[c]);
}

void mm_hygiene_collect_codeowners(const mm_rule *rule, mm_file *f)
{
    if (codeowners_rank(f->path) < 0)
        return;
    const char *key = rule->match ? ((const mm_analyzer *)rule->match)->name : "codeowners";
    hyg_put_hint(f, key, "%s" US "%.*s", f->path, (int)strlen(f->data), f->data);
}

/* --- GitHub's matching: gitignore-like, with its documented differences --------------------------
 * A pattern without a slash (or with only a trailing one) matches at any depth; any other is
 * anchored at the root. A trailing slash matches everything below that directory; a last part
 * other than a lone `*` also matches everything below a directory of that name (`/build/logs`,
 * `*.js`); a lone `*` does not (docs/ and a star owns docs/a.md, not docs/x/b.md). `**` spans any
 * number of directories. `!`, `[ ]` and a `\#` escape do not work in CODEOWNERS: such hyg_lines are
 * skipped, as GitHub skips them. The last matching line wins; a line with no owners leaves the
 * files it matches without one. */

static bool seg_glob(const char *p, size_t pn, const char *s, size_t sn)
{
    size_t pi = 0, si = 0, star_p = SIZE_MAX, star_s = 0;
    while (si < sn) {
        if (pi < pn && p[pi] == '\\' && pi + 1 < pn && p[pi + 1] == s[si]) {
            pi += 2;
            si++;
        } else if (pi < pn && (p[pi] == '?' || (p[pi] == s[si] && p[pi] != '*' &&
                                                 p[pi] != '\\'))) {
            pi++;
            si++;
        } else if (pi < pn && p[pi] == '*') {
            star_p = ++pi;
            star_s = si;
        } else if (star_p != SIZE_MAX) {
            pi = star_p;
            si = ++star_s;
        } else {
            return false;
        }
    }
    while (pi < pn && p[pi] == '*')
        pi++;
    return pi == pn;
}

typedef struct seg {
    const char *s;
    size_t n;
} seg;

static size_t split_segs(const char *s, seg *out, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len)
            out[n++] = (seg){s, len};
        if (!e)
            break;
        s = e + 1;
    }
    return n;
}

/* Does pattern p match path s? A table over (pattern part, path part), filled from the end,
 * so that patterns full of `**` cost np * ns steps, never a search through every split. */
static bool segs_match(const seg *p, size_t np, const seg *s, size_t ns, bool extend)
{
    /* m[i][j]: p[i..] matches s[j..]; at most (MAX_SEGS + 3)^2 cells */
    bool m[68][66];
    for (size_t j = 0; j <= ns; j++)
        m[np][j] = j == ns || extend; /* the rest of the path lies below a matched directory */
    for (size_t i = np; i-- > 0;) {
        bool dstar = p[i].n == 2 && !memcmp(p[i].s, "**", 2);
        for (size_t j = ns + 1; j-- > 0;) {
            if (dstar && i == np - 1)
                m[i][j] = j < ns; /* a trailing `**`: something below */
            else if (dstar)
                m[i][j] = m[i + 1][j] || (j < ns && m[i][j + 1]);
            else
                m[i][j] = j < ns && seg_glob(p[i].s, p[i].n, s[j].s, s[j].n) && m[i + 1][j + 1];
        }
    }
    return m[0][0];
}

enum { MAX_SEGS = 64 };

bool mm_codeowners_match(const char *pattern, const char *path)
{
    size_t pl = strlen(pattern);
    if (!pl || !strcmp(pattern, "/"))
        return false;
    bool dir_only = pattern[pl - 1] == '/';
    const char *inner = memchr(pattern, '/', dir_only ? pl - 1 : pl);
    bool anchored = inner != NULL; /* a slash at the start or in the middle */
    seg p[MAX_SEGS + 2], s[MAX_SEGS];
    size_t np = 0;
    if (!anchored)
        p[np++] = (seg){"**", 2};
    np += split_segs(pattern, p + np, MAX_SEGS);
    if (!np)
        return false;
    bool extend = !(p[np - 1].n == 1 && p[np - 1].s[0] == '*');
    if (dir_only) {
        p[np++] = (seg){"**", 2};
        extend = false;
    }
    size_t ns = split_segs(path, s, MAX_SEGS);
    return segs_match(p, np, s, ns, extend);
}

typedef struct co_line {
    char *pattern;
    int owners;  /* 0: matched files have no owner */
    int section; /* GitLab sections: each is judged on its own */
    unsigned line;
} co_line;

typedef MM_VEC(co_line) co_lines;

/* A GitLab section header: `[Name]` or `^[Name]`, an optional `[approvals]`, then a blank or
 * the end. Returns the length of the header, or 0 (`[bB]oot/` is a pattern, not a header). */
static size_t section_header(const char *s, size_t n)
{
    size_t i = s[0] == '^' ? 1 : 0;
    if (i >= n || s[i] != '[')
        return 0;
    const char *close = memchr(s + i, ']', n - i);
    if (!close || close == s + i + 1)
        return 0;
    i = (size_t)(close - s) + 1;
    if (i < n && s[i] == '[') {
        size_t j = i + 1;
        while (j < n && isdigit((unsigned char)s[j]))
            j++;
        if (j == i + 1 || j >= n || s[j] != ']')
            return 0;
        i = j + 1;
    }
    return i == n || s[i] == ' ' || s[i] == '\t' ? i : 0;
}

/* Does the text have GitLab sections? */
static bool has_sections(const char *text)
{
    for (const char *p = text; *p;) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t')) {
            p++;
            n--;
        }
        while (n && p[n - 1] == '\r')
            n--;
        if (n && section_header(p, n))
            return true;
        if (!eol)
            break;
        p = eol + 1;
    }
    return false;
}

static void parse_codeowners(const char *text, bool gitlab, co_lines *out)
{
    int section = 0, section_owners = 0;
    unsigned lineno = 0;
    for (const char *p = text; *p;) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        lineno++;
        const char *s = p;
        p = eol ? eol + 1 : p + n;
        if (lineno == 1 && n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
            s += 3;
            n -= 3;
        }
        while (n && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (!n || s[0] == '#')
            continue;
        /* tokens: the pattern (a backslash escapes a blank), then owners up to a comment */
        char *pat = mm_xmalloc(n + 1);
        size_t k = 0, i = 0;
        while (i < n && s[i] != ' ' && s[i] != '\t') {
            if (s[i] == '\\' && i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t'))
                i++;
            pat[k++] = s[i++];
        }
        pat[k] = 0;
        int owners = 0;
        while (i < n) {
            while (i < n && (s[i] == ' ' || s[i] == '\t'))
                i++;
            if (i < n && s[i] == '#' && !gitlab)
                break; /* GitHub: an inline comment; GitLab reads owners there too */
            if (i < n)
                owners++;
            while (i < n && s[i] != ' ' && s[i] != '\t')
                i++;
        }
        size_t hl = section_header(s, n);
        if (hl) {
            /* GitLab: [Section][2] @default-owners */
            size_t rest = n - hl;
            const char *r = s + hl;
            section++;
            section_owners = 0;
            for (size_t j = 0; j < rest;) {
                while (j < rest && (r[j] == ' ' || r[j] == '\t'))
                    j++;
                if (j < rest && r[j] == '#')
                    break;
                if (j < rest)
                    section_owners++;
                while (j < rest && r[j] != ' ' && r[j] != '\t')
                    j++;
            }
            free(pat);
            continue;
        }
        bool negated = pat[0] == '!';
        /* GitHub cannot read `!`, `[ ]` or an escaped `#`; GitLab reads `!` and `\#` */
        bool invalid = !gitlab ? negated || strchr(pat, '[') || !strncmp(pat, "\\#", 2)
                               : strchr(pat, '[') != NULL;
        if (invalid) {
            free(pat);
            continue; /* GitHub skips hyg_lines it cannot read */
        }
        if (negated) { /* GitLab: an exclusion leaves its files without an owner */
            memmove(pat, pat + 1, strlen(pat));
            owners = 0;
        } else if (!owners && section) {
            owners = section_owners;
        }
        co_line cl = {pat, owners, section, lineno};
        mm_vec_push(out, cl);
    }
}

/* Does any section's last matching line give the path an owner? When none does, *line is the
 * line that took its owner away (a line without owners, an exclusion), or 0. */
static bool owned(const co_lines *rules, const char *path, unsigned *line)
{
    *line = 0;
    int last_section = rules->n ? rules->v[rules->n - 1].section : 0;
    for (int sec = 0; sec <= last_section; sec++) {
        for (size_t i = rules->n; i-- > 0;) {
            if (rules->v[i].section != sec || !mm_codeowners_match(rules->v[i].pattern, path))
                continue;
            if (rules->v[i].owners > 0)
                return true;
            if (!*line)
                *line = rules->v[i].line;
            break;
        }
    }
    return false;
}

/* The last line of text that is not blank (where a new line takes precedence). */
static unsigned last_line(const char *text)
{
    unsigned n = 0, last = 1;
    for (const char *p = text; *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        n++;
        if (!hyg_blank_line(p, len))
            last = n;
        p = eol ? eol + 1 : p + len;
    }
    return last;
}

void mm_hygiene_codeowners_coverage(const mm_rule *rule, mm_scan *s)
{
    if (!hyg_at_project_root(s))
        return;
    const char *name = rule->match ? ((const mm_analyzer *)rule->match)->name : "codeowners";
    /* the file the forge uses: the first of its list that exists */
    const char *chosen = NULL;
    int rank = 99;
    for (size_t i = 0; i < MM_ARRAY_LEN(codeowners_paths); i++) {
        if (hyg_has_path(s, codeowners_paths[i]) && (int)i < rank) {
            rank = (int)i;
            chosen = codeowners_paths[i];
        }
    }
    if (!chosen)
        return; /* policy-codeowners-missing says so */
    const char *text = NULL;
    for (size_t i = 0; i < s->hints.n && !text; i++) {
        const mm_kv *h = &s->hints.v[i];
        if (!strcmp(h->key, name) && mm_str_starts(h->value, chosen) &&
            h->value[strlen(chosen)] == '\x1f')
            text = h->value + strlen(chosen) + 1;
    }
    if (!text)
        return; /* not read (too large, binary): nothing to judge */
    /* GitLab's flavour: sections, and `!` exclusions */
    bool gitlab = !strcmp(chosen, ".gitlab/CODEOWNERS") || has_sections(text);
    co_lines rules = {0};
    parse_codeowners(text, gitlab, &rules);
    path_list cl[CLASS__COUNT] = {{0}};
    sensitive_paths(s, cl);
    for (int c = 0; c < CLASS__COUNT; c++) {
        path_list miss = {0};
        unsigned at = 0;
        for (size_t i = 0; i < cl[c].n; i++) {
            unsigned line;
            if (!owned(&rules, cl[c].v[i], &line)) {
                mm_vec_push(&miss, cl[c].v[i]);
                if (!at)
                    at = line;
            }
        }
        if (miss.n) {
            /* at the line that left them without an owner, else at the end, where a line
             * for them would win */
            if (!at)
                at = last_line(text);
            mm_buf d = {0};
            mm_buf_printf(&d, "%s gives no owner to %s (", chosen, class_names[c]);
            describe(&d, &miss);
            mm_buf_printf(&d, "); give them an owner at the end of the file, e.g. %s",
                          class_examples[c]);
            hyg_project_finding pf = {chosen, at, 1, NULL, class_names[c], NULL, mm_buf_cstr(&d)};
            hyg_emit_project(rule, s, &pf);
            mm_buf_free(&d);
        }
        mm_vec_free(&miss);
        mm_vec_free(&cl[c]);
    }
    for (size_t i = 0; i < rules.n; i++)
        free(rules.v[i].pattern);
    mm_vec_free(&rules);
}
