/* hygiene.c: repository hygiene, the METI measures made checkable — a security policy that says
 * how to report a vulnerability (SECURITY.md and co., RFC 9116 security.txt), a declared support
 * period, a threat model, CODEOWNERS over key material, bootloader and release configuration,
 * and accepted risks with an owner and an expiry.
 *
 * Absence is judged once per project, and only when the scan covers a project's root: a git work
 * tree scanned from its top, a directory that was one (it keeps .github/, .gitlab/, .gitignore or
 * .gitattributes, as `git archive` and forge tarballs do), or any directory whose policy declares
 * a `product`. A scan of src/, of a file list or of a fixture file never reports a missing
 * SECURITY.md. Such findings stand at line 1 of the root's README (else the policy file, else the
 * file to create), have no snippet, and are fingerprinted by rule and subject, not by place. */
#define _GNU_SOURCE
#include "project/hygiene.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "match/matchers.h"
#include "core/policy.h"

/* --- small text helpers ------------------------------------------------------------------------ */

static bool ieq(const char *a, size_t n, const char *b)
{
    return strlen(b) == n && strncasecmp(a, b, n) == 0;
}

static bool istarts(const char *s, size_t n, const char *prefix)
{
    size_t pl = strlen(prefix);
    return n >= pl && strncasecmp(s, prefix, pl) == 0;
}

/* The extension of a base name without its dot ("" for none, and for ".gitignore"). */
static const char *ext_of(const char *base)
{
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

static bool is_text_doc(const char *base)
{
    static const char *const exts[] = {"", "md", "markdown", "mdown", "rst", "txt", "text",
                                       "adoc", "asciidoc", "org", "html", "htm"};
    const char *e = ext_of(base);
    for (size_t i = 0; i < MM_ARRAY_LEN(exts); i++) {
        if (!strcasecmp(e, exts[i]))
            return true;
    }
    return false;
}

/* Length of the stem of a base name (before its extension). */
static size_t stem_len(const char *base)
{
    const char *e = ext_of(base);
    return *e ? (size_t)(e - 1 - base) : strlen(base);
}

/* The directory part of a root-relative path: "" at the root, "docs", ".github/x". */
static size_t dir_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) : 0;
}

/* Directories whose content is not the product's own: vendored code, tests, examples, docs
 * (for key material and configuration found there). Compared case-insensitively. */
static bool foreign_dir(const char *seg, size_t n)
{
    static const char *const names[] = {
        "test",        "tests",       "testing",      "testdata",   "test_data",
        "test-data",   "unittest",    "unittests",    "fixtures",   "example",
        "examples",    "sample",      "samples",      "demo",       "demos",
        "doc",         "docs",        "third_party",  "third-party", "thirdparty",
        "3rdparty",    "vendor",      "vendored",     "external",   "extern",
        "node_modules", "managed_components"};
    for (size_t i = 0; i < MM_ARRAY_LEN(names); i++) {
        if (ieq(seg, n, names[i]))
            return true;
    }
    return false;
}

static bool in_foreign_dir(const char *path)
{
    for (const char *seg = path, *slash; (slash = strchr(seg, '/')); seg = slash + 1) {
        if (foreign_dir(seg, (size_t)(slash - seg)))
            return true;
    }
    return false;
}

/* Blanks HTML comments (template guidance in Markdown) and NUL bytes, keeping every offset. */
static char *doc_text(mm_file *f)
{
    char *t = mm_arena_alloc(f->arena, f->len + 1);
    memcpy(t, f->data, f->len);
    t[f->len] = 0;
    for (size_t i = 0; i < f->len; i++) {
        if (!t[i])
            t[i] = ' ';
    }
    for (char *p = t; (p = strstr(p, "<!--"));) {
        char *e = strstr(p + 4, "-->");
        char *stop = e ? e + 3 : t + f->len;
        for (; p < stop; p++) {
            if (*p != '\n')
                *p = ' ';
        }
    }
    return t;
}

typedef struct lines {
    const char *text;
    uint32_t *start; /* start offsets; start[n] is one past the end */
    size_t n;
} lines;

static void split_lines(mm_arena *a, const char *t, size_t len, lines *out)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += t[i] == '\n';
    out->start = mm_arena_alloc(a, (n + 1) * sizeof *out->start);
    out->text = t;
    size_t k = 0;
    out->start[k++] = 0;
    for (size_t i = 0; i < len; i++) {
        if (t[i] == '\n')
            out->start[k++] = (uint32_t)(i + 1);
    }
    out->n = k;
    out->start[k] = (uint32_t)len + 1;
}

/* Was line i all HTML comment (blank now, not blank in the file's own bytes)? */
static bool comment_line(const lines *l, const mm_file *f, size_t i)
{
    size_t n;
    const char *s = l->text + l->start[i];
    size_t e = l->start[i + 1] - 1 - l->start[i];
    for (n = 0; n < e; n++) {
        if (!isspace((unsigned char)s[n]))
            return false;
    }
    const char *o = f->data + l->start[i];
    for (n = 0; n < e; n++) {
        if (!isspace((unsigned char)o[n]))
            return true;
    }
    return false;
}

/* Line i (0-based) without its newline and carriage return. */
static const char *line_at(const lines *l, size_t i, size_t *n)
{
    const char *s = l->text + l->start[i];
    size_t e = l->start[i + 1] - 1 - l->start[i];
    while (e && (s[e - 1] == '\r' || s[e - 1] == '\n'))
        e--;
    *n = e;
    return s;
}

static bool blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isspace((unsigned char)s[i]))
            return false;
    }
    return true;
}

/* The heading level of line i (1-6), or 0: Markdown `#`, AsciiDoc `=`, and underlined titles
 * (setext, reStructuredText): `=` is level 1, `-` level 2, other punctuation level 3. */
static int heading_level(const lines *l, size_t i, bool adoc)
{
    size_t n;
    const char *s = line_at(l, i, &n);
    size_t k = 0;
    while (k < n && k < 3 && s[k] == ' ')
        k++;
    char mark = adoc ? '=' : '#';
    if (k < n && s[k] == mark) {
        size_t h = k;
        while (h < n && s[h] == mark)
            h++;
        if (h - k <= 6 && (h == n || s[h] == ' ' || s[h] == '\t'))
            return (int)(h - k);
        return 0;
    }
    if (blank_line(s, n) || i + 1 >= l->n)
        return 0;
    size_t un;
    const char *u = line_at(l, i + 1, &un);
    while (un && (u[un - 1] == ' ' || u[un - 1] == '\t'))
        un--;
    if (un < 3 || !strchr("=-~^\"'*+#:.`_", u[0]))
        return 0;
    for (size_t j = 1; j < un; j++) {
        if (u[j] != u[0])
            return 0;
    }
    if (s[k] == '-' || s[k] == '*' || s[k] == '|' || s[k] == '+')
        return 0; /* a list item or a table above a rule, not a title */
    return u[0] == '=' ? 1 : u[0] == '-' ? 2 : 3;
}

/* --- patterns ---------------------------------------------------------------------------------
 * Compiled once, shared by the workers (PCRE2 matching allocates its match data per call). */

static struct {
    mm_regex *template_text, *cue, *gh_private, *email;
    mm_regex *sp_key, *sp_iso, *sp_month, *sp_dmy, *sp_ja, *sp_quarter, *sp_year, *sp_duration;
    mm_regex *tm_heading, *tm_assets, *tm_threats;
} rx;
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;

static mm_regex *must_compile(const char *pattern, bool caseless)
{
    char err[256];
    mm_regex *re = mm_regex_compile(pattern, caseless, err, sizeof err);
    if (!re) {
        fprintf(stderr, "mamori: internal error: hygiene pattern: %s\n", err);
        abort();
    }
    return re;
}

#define MONTHS "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?"
#define YEAR "(2[01]\\d\\d)"

static void rx_init(void)
{
    /* GitHub's proposed SECURITY.md, left as it was */
    rx.template_text = must_compile(
        "use\\s+this\\s+section\\s+to\\s+tell\\s+people\\s+how\\s+to\\s+report|"
        "tell\\s+them\\s+where\\s+to\\s+go,\\s+how\\s+often\\s+they\\s+can\\s+expect", true);
    /* words of a paragraph that tells where reports go */
    rx.cue = must_compile("report|contact|disclos|send|submit|e-?mail|reach|notify|advisor|"
                          "psirt|\\bcert\\b|bounty|vulnerab|security\\s+(issue|bug|team)|"
                          "\\bform\\b|報告|連絡|窓口|届出|脆弱性|問い合わせ|問合せ",
                          true);
    /* GitHub's private vulnerability reporting and security advisories */
    rx.gh_private = must_compile("privately?\\s+report|private\\s+vulnerability\\s+report|"
                                 "security\\s+advisor(y|ies)|security[\"'`*]*\\s+tab|"
                                 "report\\s+a\\s+vulnerability[\"'`*]*\\s+button",
                                 true);
    rx.email = must_compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}", false);
    /* a support period: the subject ... */
    rx.sp_key = must_compile(
        "\\bsupport(ed)?\\s+(period|until|through|thru|till|ends?|end\\s+date|lifetime|"
        "duration|window|life\\s*cycle|timeline|horizon)\\b|"
        "\\bsupported\\s+for\\s+(at\\s+least\\s+)?(?=\\S+[\\s-]+(years?|months?))|"
        "\\b(security\\s+)?(updates?|fixes|patches|maintenance|support)\\s+((are|is|will\\s+be)"
        "\\s+)?((provided|available|guaranteed|offered|published|delivered|released)\\s+)?"
        "(until|through|thru|till|for\\s+(at\\s+least\\s+)?(?=\\S+[\\s-]+(years?|months?)))|"
        "\\b(years?|months?)\\s+of\\s+(security\\s+)?(updates?|support|patches|fixes|"
        "maintenance)\\b|"
        "\\bend[\\s-]+of[\\s-]+(life|support|security\\s+support|maintenance|updates)\\b|"
        "\\beo[ls]\\b|\\bmaintained\\s+(until|through|thru|till|for)\\b|"
        "サポート期間|サポート期限|サポート終了|保守期間|提供期間|提供期限|"
        "(アップデート|更新|パッチ).{0,24}提供",
        true);
    /* ... and its end: a date or a duration */
    rx.sp_iso = must_compile("\\b" YEAR "[-/.](1[0-2]|0?[1-9])([-/.](3[01]|[12]\\d|0?[1-9]))?\\b",
                             false);
    rx.sp_month = must_compile("\\b" MONTHS "\\s+(([0-3]?\\d)(st|nd|rd|th)?,?\\s+)?" YEAR "\\b",
                               true);
    rx.sp_dmy = must_compile("\\b([0-3]?\\d)(st|nd|rd|th)?\\s+" MONTHS ",?\\s+" YEAR "\\b", true);
    rx.sp_ja = must_compile(YEAR "\\s*年(\\s*(1[0-2]|0?[1-9])\\s*月(\\s*([0-3]?\\d)\\s*日)?)?",
                            false);
    rx.sp_quarter = must_compile("\\bQ([1-4])\\s*/?\\s*" YEAR "\\b", true);
    rx.sp_year = must_compile("\\b" YEAR "\\b", false);
    rx.sp_duration = must_compile(
        "\\b(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
        "[\\s-]*\\+?[\\s-]*(years?|yrs?|months?)\\b|\\d{1,2}\\s*(年間|か月|ヶ月|カ月|ケ月)",
        true);
    rx.tm_heading = must_compile("threat\\s*model|threat\\s+analysis|risk\\s+assessment|"
                                 "\\bTARA\\b|脅威分析|脅威モデル",
                                 true);
    rx.tm_assets = must_compile("\\bassets?\\b|資産|保護対象|守るべき", true);
    rx.tm_threats = must_compile(
        "\\bthreats\\b|\\bthreat\\s+(?!model|analysis|assessment)|\\bmisuse|\\babuse|\\battack|"
        "\\badversar|\\bSTRIDE\\b|脅威(?!モデル|分析)|攻撃|悪用",
        true);
}

static void rx_ready(void)
{
    pthread_once(&rx_once, rx_init);
}

static bool rx_in(const mm_regex *re, const char *s, size_t n)
{
    return mm_regex_test(re, s, n);
}

/* --- where a project is ------------------------------------------------------------------------ */

static bool has_path(const mm_scan *s, const char *path)
{
    size_t lo = 0, hi = s->paths.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->paths.v[mid], path);
        if (!c)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Is any path under directory dir ("a/b")? */
static bool has_dir(const mm_scan *s, const char *dir)
{
    size_t dl = strlen(dir);
    size_t lo = 0, hi = s->paths.n;
    while (lo < hi) { /* the first path >= dir */
        size_t mid = (lo + hi) / 2;
        if (strcmp(s->paths.v[mid], dir) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < s->paths.n && !strncmp(s->paths.v[i], dir, dl); i++) {
        if (s->paths.v[i][dl] == '/')
            return true;
    }
    return false;
}

static bool at_project_root(const mm_scan *s)
{
    if (!s->whole_root || !s->paths.n)
        return false; /* a part of a tree, a file list, or nothing at all */
    if (s->git || (s->policy && s->policy->has_product))
        return true;
    return has_dir(s, ".github") || has_dir(s, ".gitlab") || has_path(s, ".gitignore") ||
           has_path(s, ".gitattributes");
}

/* Where a finding about something absent stands: the root's README, else the policy file
 * (when it is inside the root), else the file the finding asks for. */
static char *anchor_path(const mm_scan *s, const char *fallback)
{
    const char *readme = NULL;
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *p = s->paths.v[i];
        if (strchr(p, '/') || !istarts(p, strlen(p), "readme"))
            continue;
        if (!strcasecmp(p, "README.md")) {
            readme = p;
            break;
        }
        if (!readme)
            readme = p;
    }
    if (readme)
        return mm_xstrdup(readme);
    char *rel = mm_policy_rel_path(s);
    if (rel && strncmp(rel, "../", 3) != 0)
        return rel;
    free(rel);
    return mm_xstrdup(fallback);
}

/* --- emission ------------------------------------------------------------------------------------ */

typedef struct project_finding {
    const char *path;
    unsigned line, col;
    const char *snippet; /* NULL: none */
    const char *key;     /* what the finding is about, for its fingerprint */
    const char *name, *detail; /* message variables {name} and {detail} */
} project_finding;

static void emit_project(const mm_rule *rule, mm_scan *s, const project_finding *pf)
{
    mm_finding f;
    memset(&f, 0, sizeof f);
    f.rule = rule;
    f.path = mm_xstrdup(pf->path);
    f.line = f.end_line = pf->line ? pf->line : 1;
    f.col = pf->col ? pf->col : 1;
    f.end_col = f.col + 1;
    f.severity = rule->severity;
    f.engine = "analyzer";
    f.snippet = mm_xstrdup(pf->snippet ? pf->snippet : "");
    mm_buf vars = {0};
    if (pf->name) {
        mm_buf_put(&vars, "name", 5);
        mm_buf_put(&vars, pf->name, strlen(pf->name) + 1);
    }
    if (pf->detail) {
        mm_buf_put(&vars, "detail", 7);
        mm_buf_put(&vars, pf->detail, strlen(pf->detail) + 1);
    }
    mm_buf_putc(&vars, 0);
    f.vars = vars.data;
    /* by rule and subject, not by place: the README may move, the finding stays the same */
    char *k = mm_xasprintf("%s\n%s", rule->id, pf->key ? pf->key : "");
    char hex[65];
    mm_sha256_hex(k, strlen(k), hex);
    free(k);
    memcpy(f.fingerprint, hex, 32);
    f.fingerprint[32] = 0;
    mm_vec_push(&s->findings, f);
}

/* A finding of a per-file analyzer over [start, end) of f. */
static void emit_file(const mm_rule *rule, mm_file *f, uint32_t start, uint32_t end,
                      const char *detail)
{
    const char *vars[] = {"detail", detail, "name", f->path, NULL};
    mm_emit e;
    memset(&e, 0, sizeof e);
    e.start = start;
    e.end = end;
    e.vars = vars;
    mm_emit_finding(f, rule, &e);
}

/* The first line of f that is not blank, as a region (for findings about the file as a whole). */
static void first_line(mm_file *f, uint32_t *start, uint32_t *end)
{
    size_t i = 0;
    while (i < f->len && isspace((unsigned char)f->data[i]))
        i++;
    if (i == f->len)
        i = 0;
    size_t e = i;
    while (e < f->len && f->data[e] != '\n' && f->data[e] != '\r')
        e++;
    *start = (uint32_t)i;
    *end = (uint32_t)e;
}

/* Hints: "<analyzer>" -> fields separated by US (0x1f); a path or a text comes last, where any
 * byte of it is safe. */
#define US "\x1f"

static void put_hint(mm_file *f, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void put_hint(mm_file *f, const char *key, const char *fmt, ...)
{
    mm_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    mm_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    mm_kv kv = {mm_xstrdup(key), mm_buf_cstr(&b)};
    mm_vec_push(&f->hints, kv);
}

/* Splits a hint's value into at most max fields (the last keeps any separators). */
static size_t hint_fields(char *v, char **out, size_t max)
{
    size_t n = 0;
    while (n + 1 < max) {
        out[n++] = v;
        char *sep = strchr(v, '\x1f');
        if (!sep)
            return n;
        *sep = 0;
        v = sep + 1;
    }
    out[n++] = v;
    return n;
}

/* The policy's line of value v: its path (root-relative), line, column and text. */
typedef struct policy_pos {
    char *path;
    unsigned line, col;
    char *snippet;
} policy_pos;

static void policy_pos_of(const mm_scan *s, const cJSON *v, policy_pos *pp)
{
    const mm_json_doc *doc = &s->policy->doc;
    size_t off = 0;
    pp->path = mm_policy_rel_path(s);
    if (!mm_json_where(doc, v, &pp->line, &pp->col, &off)) {
        pp->line = pp->col = 1;
        off = 0;
    }
    size_t ls = off, le = off;
    while (ls > 0 && doc->text[ls - 1] != '\n')
        ls--;
    while (le < doc->len && doc->text[le] != '\n' && doc->text[le] != '\r')
        le++;
    while (le > ls && (doc->text[le - 1] == ' ' || doc->text[le - 1] == '\t'))
        le--; /* blanked comments leave blanks */
    pp->snippet = mm_xstrndup(doc->text + ls, le - ls);
}

static void policy_pos_free(policy_pos *pp)
{
    free(pp->path);
    free(pp->snippet);
}

/* ================================================================================================
 * security policy: SECURITY.md (root, .github/, docs/, and docs/security*) and security.txt */

static bool is_security_policy(const char *path)
{
    size_t dl = dir_len(path);
    const char *base = path + (dl ? dl + 1 : 0);
    if (dl && !ieq(path, dl, ".github") && !ieq(path, dl, "docs"))
        return false;
    if (!is_text_doc(base) || !strcasecmp(ext_of(base), "html") ||
        !strcasecmp(ext_of(base), "htm"))
        return false;
    size_t sl = stem_len(base);
    if (ieq(base, sl, "security"))
        return true;
    /* docs/security.md, docs/security-policy.rst, docs/SECURITY_POLICY.md */
    return dl && ieq(path, dl, "docs") && istarts(base, sl, "security");
}

static bool is_security_txt(const char *path)
{
    return !strcmp(path, "security.txt") || !strcmp(path, ".well-known/security.txt") ||
           mm_str_ends(path, "/.well-known/security.txt");
}

/* Addresses and hosts that stand for "put yours here". */
static bool placeholder_domain(const char *d, size_t n)
{
    static const char *const exact[] = {"example.com", "example.org", "example.net",
                                        "domain.com",  "email.com",   "company.com",
                                        "localhost",   "127.0.0.1",   "yourdomain.com"};
    for (size_t i = 0; i < MM_ARRAY_LEN(exact); i++) {
        if (ieq(d, n, exact[i]))
            return true;
        size_t el = strlen(exact[i]);
        if (n > el && d[n - el - 1] == '.' && !strncasecmp(d + n - el, exact[i], el))
            return true; /* security.example.com */
    }
    static const char *const tld[] = {".example", ".test", ".invalid", ".localhost"};
    for (size_t i = 0; i < MM_ARRAY_LEN(tld); i++) {
        size_t tl = strlen(tld[i]);
        if (n >= tl && !strncasecmp(d + n - tl, tld[i], tl))
            return true;
    }
    static const char *const words[] = {"your", "placeholder", "company-name", "org-name",
                                        "project-name"};
    for (size_t i = 0; i < MM_ARRAY_LEN(words); i++) {
        if (memmem(d, n, words[i], strlen(words[i])))
            return true;
    }
    return false;
}

static bool placeholder_local(const char *l, size_t n)
{
    static const char *const names[] = {"you", "your", "your.email", "your-email", "youremail",
                                        "email", "name", "user", "username", "someone",
                                        "example", "xxx", "todo"};
    for (size_t i = 0; i < MM_ARRAY_LEN(names); i++) {
        if (ieq(l, n, names[i]))
            return true;
    }
    return false;
}

/* Is there a real e-mail address in s? */
static bool has_email(const char *s, size_t n)
{
    size_t ov[4], at = 0;
    while (at < n && mm_regex_find(rx.email, s, n, at, ov, 2)) {
        const char *m = s + ov[0];
        size_t ml = ov[1] - ov[0];
        const char *sign = memchr(m, '@', ml);
        size_t local = (size_t)(sign - m);
        if (!placeholder_local(m, local) && !placeholder_domain(sign + 1, ml - local - 1))
            return true;
        at = ov[1];
    }
    return false;
}

/* The host of an http(s) URL at u (after the scheme), as a span. */
static size_t url_host(const char *u, size_t n)
{
    size_t k = 0;
    while (k < n && (isalnum((unsigned char)u[k]) || u[k] == '.' || u[k] == '-'))
        k++;
    return k;
}

/* Does paragraph [s, s+n) give a URL where reports go? A URL counts in a paragraph about
 * reporting (or when the URL itself says so), unless its host is a placeholder. */
static bool has_report_url(const char *s, size_t n)
{
    bool cue = rx_in(rx.cue, s, n);
    for (const char *p = s; (p = memmem(p, (size_t)(s + n - p), "http", 4));) {
        const char *u = p + 4;
        if (u < s + n && *u == 's')
            u++;
        if ((size_t)(s + n - u) < 4 || strncmp(u, "://", 3) != 0) {
            p += 4;
            continue;
        }
        u += 3;
        size_t hl = url_host(u, (size_t)(s + n - u));
        const char *e = u;
        while (e < s + n && !isspace((unsigned char)*e) && *e != ')' && *e != '>' && *e != ']')
            e++;
        if (hl && memchr(u, '.', hl) && !placeholder_domain(u, hl) &&
            (cue || rx_in(rx.cue, u, (size_t)(e - u)) || memmem(u, (size_t)(e - u), "security", 8)))
            return true;
        p = e;
    }
    return false;
}

/* Does the text say how to report a vulnerability? Paragraph by paragraph. */
static bool says_how_to_report(const lines *l)
{
    if (has_email(l->text, l->start[l->n] - 1) || rx_in(rx.gh_private, l->text, l->start[l->n] - 1))
        return true;
    for (size_t i = 0; i < l->n;) {
        size_t n;
        const char *s = line_at(l, i, &n);
        if (blank_line(s, n)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < l->n) {
            const char *t = line_at(l, j, &n);
            if (blank_line(t, n))
                break;
            j++;
        }
        size_t start = l->start[i], end = l->start[j] - 1;
        if (has_report_url(l->text + start, end - start))
            return true;
        i = j;
    }
    return false;
}

void mm_hygiene_security_policy_contact(const mm_rule *rule, mm_file *f)
{
    if (!is_security_policy(f->path))
        return;
    rx_ready();
    char *t = doc_text(f);
    lines l;
    split_lines(f->arena, t, f->len, &l);
    uint32_t start, end;
    size_t ov[2];
    if (mm_regex_find(rx.template_text, t, f->len, 0, ov, 1)) {
        /* at the template's sentence: that is what to replace */
        uint32_t e = (uint32_t)ov[1];
        for (uint32_t k = (uint32_t)ov[0]; k < ov[1]; k++) {
            if (t[k] == '\n') {
                e = k;
                break;
            }
        }
        emit_file(rule, f, (uint32_t)ov[0], e, "still holds the template text of GitHub's "
                                               "proposed security policy");
        return;
    }
    if (blank_line(t, f->len)) {
        first_line(f, &start, &end);
        emit_file(rule, f, start, end, "is empty");
        return;
    }
    if (says_how_to_report(&l))
        return;
    first_line(f, &start, &end);
    emit_file(rule, f, start, end, "names no contact for reports");
}

/* RFC 9116: "Contact:" at least once, "Expires:" exactly once, a date-time that has not passed.
 * A signed file's armour is skipped; field names are case-insensitive. */
void mm_hygiene_security_txt(const mm_rule *rule, mm_file *f)
{
    if (!is_security_txt(f->path))
        return;
    rx_ready();
    lines l;
    split_lines(f->arena, f->data, f->len, &l);
    bool contact = false, in_signature = false;
    unsigned expires = 0;
    char now[11];
    mm_today(now);
    for (size_t i = 0; i < l.n; i++) {
        size_t n;
        const char *s = line_at(&l, i, &n);
        if (istarts(s, n, "-----BEGIN PGP SIGNATURE"))
            in_signature = true;
        if (istarts(s, n, "-----END PGP SIGNATURE"))
            in_signature = false;
        if (in_signature || istarts(s, n, "-----"))
            continue;
        if (n >= 2 && s[0] == '-' && s[1] == ' ') { /* dash-escaped line of a signed file */
            s += 2;
            n -= 2;
        }
        const char *colon = memchr(s, ':', n);
        if (!colon || s[0] == '#')
            continue;
        size_t kl = (size_t)(colon - s);
        const char *v = colon + 1;
        size_t vn = n - kl - 1;
        while (vn && (*v == ' ' || *v == '\t')) {
            v++;
            vn--;
        }
        while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
            vn--;
        uint32_t vs = (uint32_t)(v - f->data), ve = vs + (uint32_t)vn;
        if (ieq(s, kl, "contact")) {
            /* an address or URL that is not a placeholder */
            const char *host = v;
            size_t hn = vn;
            if (istarts(v, vn, "mailto:") || (memchr(v, '@', vn) && !istarts(v, vn, "http"))) {
                host = memchr(v, '@', vn);
                hn = host ? vn - (size_t)(host - v) - 1 : 0;
                host = host ? host + 1 : v;
            } else if (istarts(v, vn, "https://") || istarts(v, vn, "http://")) {
                host = memchr(v, ':', vn) + 3;
                hn = url_host(host, vn - (size_t)(host - v));
            }
            if (hn && !placeholder_domain(host, hn))
                contact = true;
        } else if (ieq(s, kl, "expires")) {
            if (++expires > 1) {
                emit_file(rule, f, vs, ve, "names Expires more than once (RFC 9116 allows one)");
                continue;
            }
            /* RFC 3339: 2030-12-31T23:59:59Z */
            bool ok = vn >= 10;
            for (size_t k = 0; ok && k < 10; k++)
                ok = k == 4 || k == 7 ? v[k] == '-' : isdigit((unsigned char)v[k]);
            if (!ok) {
                emit_file(rule, f, vs, ve,
                          "has an Expires value that is not an RFC 3339 date "
                          "(2030-12-31T23:59:59Z)");
            } else if (strncmp(v, now, 10) < 0) {
                char *d = mm_arena_printf(f->arena, "expired on %.10s", v);
                emit_file(rule, f, vs, ve, d);
            }
        }
    }
    uint32_t start, end;
    first_line(f, &start, &end);
    if (!contact)
        emit_file(rule, f, start, end, "has no Contact field with an address or URL for reports");
    if (!expires)
        emit_file(rule, f, start, end, "has no Expires field");
}

void mm_hygiene_security_policy_missing(const mm_rule *rule, mm_scan *s)
{
    if (!at_project_root(s))
        return;
    if (s->policy && s->policy->product.security_contact)
        return; /* published elsewhere: an organisation's policy, a PSIRT page */
    for (size_t i = 0; i < s->paths.n; i++) {
        if (is_security_policy(s->paths.v[i]) || is_security_txt(s->paths.v[i]))
            return;
    }
    char *at = anchor_path(s, "SECURITY.md");
    project_finding pf = {at, 1, 1, NULL, "missing", NULL, NULL};
    emit_project(rule, s, &pf);
    free(at);
}

/* ================================================================================================
 * support period: product.support_until, or a statement in the project's own documents */

/* Release notes and change logs are history, not what holds now (and they are long). */
static bool history_doc(const char *base)
{
    return strcasestr(base, "note") || strcasestr(base, "changelog") ||
           strcasestr(base, "history") || strcasestr(base, "news");
}

static bool is_support_doc(const char *path)
{
    size_t dl = dir_len(path);
    if (dl && !ieq(path, dl, ".github") && !ieq(path, dl, "docs") && !ieq(path, dl, "doc"))
        return false;
    const char *base = path + (dl ? dl + 1 : 0);
    if (!is_text_doc(base))
        return false;
    if (history_doc(base))
        return false;
    static const char *const prefixes[] = {"readme", "security", "support", "lifecycle",
                                           "life-cycle", "end-of-life", "eol", "maintenance",
                                           "release", "サポート"};
    for (size_t i = 0; i < MM_ARRAY_LEN(prefixes); i++) {
        if (istarts(base, strlen(base), prefixes[i]))
            return true;
    }
    return false;
}

static int month_of(const char *s)
{
    static const char *const m[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++) {
        if (!strncasecmp(s, m[i], 3))
            return i + 1;
    }
    return 0;
}

static int num_at(const char *s, const size_t *ov, int g)
{
    if (ov[2 * g] == SIZE_MAX)
        return 0;
    return atoi(s + ov[2 * g]);
}

/* Keeps the latest end date of the dates regex re finds in the line. */
typedef enum { D_ISO, D_MONTH, D_DMY, D_JA, D_QUARTER, D_YEAR } date_form;

static bool scan_dates(const mm_regex *re, date_form form, const char *s, size_t n,
                       char best[11], size_t *col)
{
    bool any = false;
    size_t ov[16], at = 0;
    while (at < n && mm_regex_find(re, s, n, at, ov, 8)) {
        int y = 0, m = 12, d = 31;
        switch (form) {
        case D_ISO: /* year, month, (day) */
            y = num_at(s, ov, 1);
            m = num_at(s, ov, 2);
            d = ov[6] != SIZE_MAX ? num_at(s, ov, 4) : 31;
            break;
        case D_MONTH: /* month, (day, suffix), year */
            m = month_of(s + ov[2]);
            d = ov[6] != SIZE_MAX ? num_at(s, ov, 3) : 31;
            y = num_at(s, ov, 5);
            break;
        case D_DMY: /* day, suffix, month, year */
            d = num_at(s, ov, 1);
            m = month_of(s + ov[6]);
            y = num_at(s, ov, 4);
            break;
        case D_JA:
            y = num_at(s, ov, 1);
            if (ov[6] != SIZE_MAX)
                m = num_at(s, ov, 3);
            if (ov[10] != SIZE_MAX)
                d = num_at(s, ov, 5);
            break;
        case D_QUARTER:
            m = num_at(s, ov, 1) * 3;
            y = num_at(s, ov, 2);
            break;
        case D_YEAR:
            y = num_at(s, ov, 1);
            break;
        }
        if (y && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            char e[16];
            snprintf(e, sizeof e, "%04d-%02d-%02d", y, m, d);
            if (!best[0] || strcmp(e, best) > 0) {
                memcpy(best, e, 11);
                *col = ov[0];
            }
            any = true;
        }
        at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    return any;
}

/* The end of the period a piece of text names: the latest date, else a duration. */
static bool period_end(const char *s, size_t n, char end[11], size_t *col)
{
    end[0] = 0;
    bool any = scan_dates(rx.sp_iso, D_ISO, s, n, end, col);
    any |= scan_dates(rx.sp_month, D_MONTH, s, n, end, col);
    any |= scan_dates(rx.sp_dmy, D_DMY, s, n, end, col);
    any |= scan_dates(rx.sp_ja, D_JA, s, n, end, col);
    any |= scan_dates(rx.sp_quarter, D_QUARTER, s, n, end, col);
    if (!any)
        any = scan_dates(rx.sp_year, D_YEAR, s, n, end, col);
    if (any)
        return true;
    size_t ov[2];
    if (mm_regex_find(rx.sp_duration, s, n, 0, ov, 1)) {
        memcpy(end, "duration", 9);
        *col = ov[0];
        return true;
    }
    return false;
}

bool mm_support_line(const char *line, size_t n, char end[11], size_t *col, bool *key_only)
{
    rx_ready();
    *key_only = false;
    end[0] = 0;
    *col = 0;
    if (!rx_in(rx.sp_key, line, n))
        return false;
    if (period_end(line, n, end, col))
        return true;
    *key_only = true;
    return false;
}

static void support_statement(mm_file *f, const lines *l, size_t i, const char *key)
{
    size_t n;
    const char *s = line_at(l, i, &n);
    char end[11];
    size_t col = 0;
    if (!period_end(s, n, end, &col))
        return;
    unsigned c = mm_utf8_col(s, col);
    put_hint(f, key, "%zu" US "%u" US "%s" US "%s", i + 1, c, end, f->path);
}

void mm_hygiene_collect_support_period(const mm_rule *rule, mm_file *f)
{
    if (!is_support_doc(f->path))
        return;
    rx_ready();
    const char *key = rule->match ? ((const mm_analyzer *)rule->match)->name : "support-period";
    if (!rx_in(rx.sp_key, f->data, f->len))
        return; /* one pass over the text: most documents never name the subject */
    char *t = doc_text(f);
    lines l;
    split_lines(f->arena, t, f->len, &l);
    bool adoc = !strcasecmp(ext_of(mm_path_base(f->path)), "adoc") ||
                !strcasecmp(ext_of(mm_path_base(f->path)), "asciidoc");
    for (size_t i = 0; i < l.n; i++) {
        size_t n;
        const char *s = line_at(&l, i, &n);
        char end[11];
        size_t col;
        bool key_only;
        if (mm_support_line(s, n, end, &col, &key_only)) {
            put_hint(f, key, "%zu" US "%u" US "%s" US "%s", i + 1, mm_utf8_col(s, col), end,
                     f->path);
            continue;
        }
        if (!key_only)
            continue;
        /* the subject without its end: read what follows — a heading's section, a table's
         * rows, or the rest of the paragraph */
        int level = heading_level(&l, i, adoc);
        size_t k = i + 1;
        if (level) {
            size_t lead = strspn(s, " ");
            if (lead >= n || (s[lead] != '#' && s[lead] != '='))
                k++; /* past the underline of an underlined title */
            for (size_t lim = 0; k < l.n && lim < 40; k++, lim++) {
                int h = heading_level(&l, k, adoc);
                if (h && h <= level)
                    break;
                support_statement(f, &l, k, key);
            }
        } else if (n && s[strspn(s, " \t")] == '|') {
            for (; k < l.n; k++) {
                size_t rn;
                const char *r = line_at(&l, k, &rn);
                if (comment_line(&l, f, k))
                    continue; /* not rendered: the table goes on */
                if (!rn || r[strspn(r, " \t")] != '|')
                    break;
                support_statement(f, &l, k, key);
            }
        } else {
            for (size_t lim = 0; k < l.n && lim < 3; k++, lim++) {
                size_t rn;
                const char *r = line_at(&l, k, &rn);
                if (comment_line(&l, f, k))
                    continue;
                if (blank_line(r, rn) || heading_level(&l, k, adoc))
                    break;
                support_statement(f, &l, k, key);
            }
        }
        i = k - 1;
    }
}

void mm_hygiene_support_period(const mm_rule *rule, mm_scan *s)
{
    if (!at_project_root(s))
        return;
    char now[11];
    mm_today(now);
    const mm_product *pr = s->policy && s->policy->has_product ? &s->policy->product : NULL;
    if (pr && pr->support_until) {
        if (strcmp(pr->support_until, now) >= 0)
            return;
        policy_pos pp;
        policy_pos_of(s, pr->where_support_until, &pp);
        char *detail = mm_xasprintf("the support period product.support_until declares%s%s "
                                    "ended on %s: extend it, or announce the product's end of "
                                    "life",
                                    pr->name ? " for " : "", pr->name ? pr->name : "",
                                    pr->support_until);
        char *key = mm_xasprintf("ended %s", pr->support_until);
        project_finding pf = {pp.path, pp.line, pp.col, pp.snippet, key, NULL, detail};
        emit_project(rule, s, &pf);
        free(detail);
        free(key);
        policy_pos_free(&pp);
        return;
    }
    const char *name = rule->match ? ((const mm_analyzer *)rule->match)->name : "support-period";
    char *best = NULL, *best_path = NULL;
    unsigned best_line = 0, best_col = 0;
    bool any = false, open_ended = false;
    for (size_t i = 0; i < s->hints.n; i++) {
        if (strcmp(s->hints.v[i].key, name) != 0)
            continue;
        char *copy = mm_xstrdup(s->hints.v[i].value);
        char *fl[4];
        if (hint_fields(copy, fl, 4) == 4) {
            any = true;
            if (!strcmp(fl[2], "duration")) {
                open_ended = true;
            } else if (!best || strcmp(fl[2], best) > 0) {
                free(best);
                free(best_path);
                best = mm_xstrdup(fl[2]);
                best_path = mm_xstrdup(fl[3]);
                best_line = (unsigned)atoi(fl[0]);
                best_col = (unsigned)atoi(fl[1]);
            }
        }
        free(copy);
    }
    if (!any) {
        char *at = anchor_path(s, "SECURITY.md");
        const char *pname = pr && pr->name ? pr->name : NULL;
        char *detail = mm_xasprintf(
            "no support period declared%s%s: say until when %s gets security updates "
            "(\"Security updates until 2030-12-31\" in README.md or SECURITY.md), or set "
            "product.support_until in mamori.json",
            pname ? " for " : "", pname ? pname : "", pname ? "it" : "the product");
        project_finding pf = {at, 1, 1, NULL, "missing", NULL, detail};
        emit_project(rule, s, &pf);
        free(detail);
        free(at);
    } else if (!open_ended && best && strcmp(best, now) < 0) {
        char *detail = mm_xasprintf("the support period declared here ended on %s: extend it, "
                                    "or announce the product's end of life",
                                    best);
        char *key = mm_xasprintf("ended %s", best);
        project_finding pf = {best_path, best_line, best_col, NULL, key, NULL, detail};
        emit_project(rule, s, &pf);
        free(detail);
        free(key);
    }
    free(best);
    free(best_path);
}

/* ================================================================================================
 * threat model: a document by its name anywhere in the project's own tree, or a section of the
 * project's documents under a "Threat model" heading; it must name assets and threats */

/* Does one path component name a threat model? Words split at anything not a letter or digit:
 * threat-model, ThreatModel, threat_modeling, threat-analysis, risk-assessment, TARA. */
static bool threat_model_name(const char *seg, size_t n)
{
    if (memmem(seg, n, "脅威分析", strlen("脅威分析")) ||
        memmem(seg, n, "脅威モデル", strlen("脅威モデル")))
        return true;
    char w[128];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof w; i++) {
        unsigned char c = (unsigned char)seg[i];
        w[k++] = isalnum(c) ? (char)tolower(c) : ' ';
    }
    w[k] = 0;
    /* words joined without separators count as well: threatmodel */
    char joined[128];
    size_t j = 0;
    for (size_t i = 0; i < k; i++) {
        if (w[i] != ' ')
            joined[j++] = w[i];
    }
    joined[j] = 0;
    if (strstr(joined, "threatmodel") || strstr(joined, "threatanalysis") ||
        strstr(joined, "riskassessment"))
        return true;
    for (char *save = NULL, *t = strtok_r(w, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (!strcmp(t, "tara"))
            return true;
    }
    return false;
}

/* The candidate a path belongs to by name: the path itself, or the threat-model directory it
 * lies in ("docs/threat-model" for docs/threat-model/assets.md). Its length, or 0. */
/* Does the path hold a word a threat model's name needs (one cheap pass)? */
static bool may_name_threat_model(const char *path)
{
    for (const char *p = path; *p; p++) {
        char c = (char)tolower((unsigned char)*p);
        if ((c == 't' && (!strncasecmp(p, "threat", 6) || !strncasecmp(p, "tara", 4))) ||
            (c == 'r' && !strncasecmp(p, "risk", 4)) || (*p == '\xe8' && !strncmp(p, "脅威", strlen("脅威"))))
            return true;
    }
    return false;
}

static size_t threat_model_candidate(const char *path)
{
    /* every path of the tree comes here: most lack all of the words */
    if (!may_name_threat_model(path))
        return 0;
    if (in_foreign_dir(path) && !mm_str_starts(path, "docs/") && !mm_str_starts(path, "doc/"))
        return 0;
    for (const char *seg = path;;) {
        const char *slash = strchr(seg, '/');
        size_t n = slash ? (size_t)(slash - seg) : stem_len(seg);
        if (threat_model_name(seg, n))
            return slash ? (size_t)(slash - path) : strlen(path);
        if (!slash)
            return 0;
        seg = slash + 1;
    }
}

/* Project documents that may hold a threat model section. */
static bool is_project_doc(const char *path)
{
    if (!is_text_doc(mm_path_base(path)) || history_doc(mm_path_base(path)))
        return false;
    size_t dl = dir_len(path);
    if (!dl)
        return true;
    static const char *const dirs[] = {"docs", "doc", "documentation", ".github", "security"};
    for (size_t i = 0; i < MM_ARRAY_LEN(dirs); i++) {
        size_t n = strlen(dirs[i]);
        if (!strncasecmp(path, dirs[i], n) && path[n] == '/')
            return true;
    }
    return false;
}

void mm_hygiene_collect_threat_model(const mm_rule *rule, mm_file *f)
{
    const char *key = rule->match ? ((const mm_analyzer *)rule->match)->name : "threat-model";
    size_t cand = threat_model_candidate(f->path);
    const mm_product *pr = f->scan->policy && f->scan->policy->has_product
                               ? &f->scan->policy->product
                               : NULL;
    if (!cand && pr && pr->threat_model) {
        size_t tl = strlen(pr->threat_model);
        while (tl && pr->threat_model[tl - 1] == '/')
            tl--;
        if (!strncmp(f->path, pr->threat_model, tl) && (!f->path[tl] || f->path[tl] == '/'))
            cand = tl;
    }
    bool doc = is_text_doc(mm_path_base(f->path));
    if (cand && !doc)
        return; /* a model of a tool (.tm7, .pdf, .xlsx): accepted by name from the paths */
    if (!cand && !is_project_doc(f->path))
        return;
    rx_ready();
    char *t = doc_text(f);
    if (cand) {
        put_hint(f, key, "1" US "%c%c" US "%.*s", rx_in(rx.tm_assets, t, f->len) ? 'A' : '-',
                 rx_in(rx.tm_threats, t, f->len) ? 'T' : '-', (int)cand, f->path);
        return;
    }
    if (!rx_in(rx.tm_heading, t, f->len))
        return;
    lines l;
    split_lines(f->arena, t, f->len, &l);
    bool adoc = !strcasecmp(ext_of(mm_path_base(f->path)), "adoc");
    for (size_t i = 0; i < l.n; i++) {
        int level = heading_level(&l, i, adoc);
        size_t n;
        const char *s = line_at(&l, i, &n);
        if (!level || !rx_in(rx.tm_heading, s, n))
            continue;
        size_t k = i + 1;
        while (k < l.n) {
            int h = heading_level(&l, k, adoc);
            if (h && h <= level && k > i + 1)
                break;
            k++;
        }
        size_t from = l.start[i], to = l.start[k] - 1;
        put_hint(f, key, "%zu" US "%c%c" US "%s", i + 1,
                 rx_in(rx.tm_assets, t + from, to - from) ? 'A' : '-',
                 rx_in(rx.tm_threats, t + from, to - from) ? 'T' : '-', f->path);
        i = k - 1;
    }
}

void mm_hygiene_threat_model(const mm_rule *rule, mm_scan *s)
{
    if (!at_project_root(s))
        return;
    const mm_product *pr = s->policy && s->policy->has_product ? &s->policy->product : NULL;
    const char *tm = pr ? pr->threat_model : NULL;
    if (tm && (!strncmp(tm, "https://", 8) || !strncmp(tm, "http://", 7)))
        return; /* kept elsewhere, and the policy says where */
    if (tm) {
        char *dir = mm_xstrdup(tm);
        size_t dl = strlen(dir);
        while (dl && dir[dl - 1] == '/')
            dir[--dl] = 0;
        bool found = has_path(s, dir) || has_dir(s, dir);
        free(dir);
        if (!found) {
            policy_pos pp;
            policy_pos_of(s, pr->where_threat_model, &pp);
            char *detail = mm_xasprintf("product.threat_model names %s, which is not in the "
                                        "scanned tree: fix the path, or give the URL where the "
                                        "threat model is kept",
                                        tm);
            project_finding pf = {pp.path, pp.line, pp.col, pp.snippet, "policy-path", NULL, detail};
            emit_project(rule, s, &pf);
            free(detail);
            policy_pos_free(&pp);
            return;
        }
    }
    /* candidates by name that are not text documents count as they are */
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *p = s->paths.v[i];
        if (threat_model_candidate(p) && !is_text_doc(mm_path_base(p)))
            return;
    }
    const char *name = rule->match ? ((const mm_analyzer *)rule->match)->name : "threat-model";
    /* candidates from the hints, merged by name (a directory's files together) */
    typedef struct cand {
        char *key;
        unsigned line;
        bool assets, threats;
    } cand;
    MM_VEC(cand) cs = {0};
    for (size_t i = 0; i < s->hints.n; i++) {
        if (strcmp(s->hints.v[i].key, name) != 0)
            continue;
        char *copy = mm_xstrdup(s->hints.v[i].value);
        char *fl[3];
        if (hint_fields(copy, fl, 3) == 3 && strlen(fl[1]) == 2) {
            size_t k = 0;
            while (k < cs.n && strcmp(cs.v[k].key, fl[2]) != 0)
                k++;
            if (k == cs.n) {
                cand c = {mm_xstrdup(fl[2]), (unsigned)atoi(fl[0]), false, false};
                mm_vec_push(&cs, c);
            }
            cs.v[k].assets |= fl[1][0] == 'A';
            cs.v[k].threats |= fl[1][1] == 'T';
        }
        free(copy);
    }
    bool complete = false;
    for (size_t k = 0; k < cs.n; k++)
        complete |= cs.v[k].assets && cs.v[k].threats;
    /* a candidate document that was not read (too large, not text) is taken as it is */
    for (size_t i = 0; i < s->paths.n && !complete; i++) {
        const char *p = s->paths.v[i];
        if (threat_model_candidate(p) != strlen(p))
            continue;
        bool seen = false;
        for (size_t k = 0; k < cs.n && !seen; k++)
            seen = !strcmp(cs.v[k].key, p);
        complete = !seen;
    }
    if (!complete && cs.n) {
        /* the first candidate, with what it lacks */
        const cand *c = &cs.v[0];
        const char *lacks = !c->assets && !c->threats ? "neither the assets to protect nor the "
                                                        "threats or misuse cases against them"
                            : !c->assets ? "no assets to protect"
                                         : "no threats or misuse cases";
        char *detail = mm_xasprintf("the threat model here names %s: list the assets (keys, "
                                    "credentials, user data, the update path) and how each "
                                    "could be attacked",
                                    lacks);
        /* a directory candidate is reported at its first file */
        const char *at = c->key;
        for (size_t i = 0; i < s->paths.n; i++) {
            size_t kl = strlen(c->key);
            if (!strncmp(s->paths.v[i], c->key, kl) && s->paths.v[i][kl] == '/') {
                at = s->paths.v[i];
                break;
            }
        }
        project_finding pf = {at, c->line, 1, NULL, "incomplete", NULL, detail};
        emit_project(rule, s, &pf);
        free(detail);
    } else if (!complete) {
        char *at = anchor_path(s, "docs/threat-model.md");
        project_finding pf = {
            at, 1, 1, NULL, "missing", NULL,
            "no threat model: add one (docs/threat-model.md naming the assets to protect and the "
            "threats or misuse cases against them), or set product.threat_model in mamori.json "
            "to where it is kept"};
        emit_project(rule, s, &pf);
        free(at);
    }
    for (size_t k = 0; k < cs.n; k++)
        free(cs.v[k].key);
    mm_vec_free(&cs);
}

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
            if (ieq(seg, (size_t)(slash - seg), names[i]))
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
    return c >= 0 && !in_foreign_dir(path) ? c : -1;
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
    const char *e = ext_of(base);
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
    if (seg_in(path, boot_dirs, MM_ARRAY_LEN(boot_dirs)) || istarts(base, bl, "bootloader") ||
        istarts(base, bl, "mcuboot") || istarts(base, bl, "u-boot"))
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
    if (!at_project_root(s))
        return;
    for (size_t i = 0; i < MM_ARRAY_LEN(codeowners_paths); i++) {
        if (has_path(s, codeowners_paths[i]))
            return;
    }
    path_list cl[CLASS__COUNT] = {{0}};
    sensitive_paths(s, cl);
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
        char *at = anchor_path(s, ".github/CODEOWNERS");
        project_finding pf = {at, 1, 1, NULL, "missing", NULL, mm_buf_cstr(&d)};
        emit_project(rule, s, &pf);
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
    put_hint(f, key, "%s" US "%.*s", f->path, (int)strlen(f->data), f->data);
}

/* --- GitHub's matching: gitignore-like, with its documented differences --------------------------
 * A pattern without a slash (or with only a trailing one) matches at any depth; any other is
 * anchored at the root. A trailing slash matches everything below that directory; a last part
 * other than a lone `*` also matches everything below a directory of that name (`/build/logs`,
 * `*.js`); a lone `*` does not (docs/ and a star owns docs/a.md, not docs/x/b.md). `**` spans any
 * number of directories. `!`, `[ ]` and a `\#` escape do not work in CODEOWNERS: such lines are
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
            continue; /* GitHub skips lines it cannot read */
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
        if (!blank_line(p, len))
            last = n;
        p = eol ? eol + 1 : p + len;
    }
    return last;
}

void mm_hygiene_codeowners_coverage(const mm_rule *rule, mm_scan *s)
{
    if (!at_project_root(s))
        return;
    const char *name = rule->match ? ((const mm_analyzer *)rule->match)->name : "codeowners";
    /* the file the forge uses: the first of its list that exists */
    const char *chosen = NULL;
    int rank = 99;
    for (size_t i = 0; i < MM_ARRAY_LEN(codeowners_paths); i++) {
        if (has_path(s, codeowners_paths[i]) && (int)i < rank) {
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
            project_finding pf = {chosen, at, 1, NULL, class_names[c], NULL, mm_buf_cstr(&d)};
            emit_project(rule, s, &pf);
            mm_buf_free(&d);
        }
        mm_vec_free(&miss);
        mm_vec_free(&cl[c]);
    }
    for (size_t i = 0; i < rules.n; i++)
        free(rules.v[i].pattern);
    mm_vec_free(&rules);
}

/* ================================================================================================
 * accepted risks: an owner and an expiry that has not passed (the policy's reason is required
 * when it loads) */

void mm_hygiene_risk_incomplete(const mm_rule *rule, mm_scan *s)
{
    if (!s->policy)
        return;
    for (size_t i = 0; i < s->policy->risks.n; i++) {
        const mm_accepted_risk *r = &s->policy->risks.v[i];
        if (r->owner && r->expires)
            continue;
        const char *lacks = !r->owner && !r->expires ? "neither an owner nor an expiry date"
                            : !r->owner              ? "no owner"
                                                     : "no expiry date";
        policy_pos pp;
        policy_pos_of(s, r->where, &pp);
        char *key = mm_xasprintf("%s %s", r->fingerprint, lacks);
        project_finding pf = {pp.path, pp.line, pp.col, pp.snippet, key, r->fingerprint, lacks};
        emit_project(rule, s, &pf);
        free(key);
        policy_pos_free(&pp);
    }
}

void mm_hygiene_risk_expired(const mm_rule *rule, mm_scan *s)
{
    if (!s->policy)
        return;
    char now[11];
    mm_today(now);
    for (size_t i = 0; i < s->policy->risks.n; i++) {
        const mm_accepted_risk *r = &s->policy->risks.v[i];
        if (!r->expires || strcmp(r->expires, now) >= 0)
            continue;
        policy_pos pp;
        policy_pos_of(s, r->where_expires, &pp);
        char *key = mm_xasprintf("%s %s", r->fingerprint, r->expires);
        project_finding pf = {pp.path, pp.line, pp.col, pp.snippet, key, r->fingerprint,
                              r->expires};
        emit_project(rule, s, &pf);
        free(key);
        policy_pos_free(&pp);
    }
}
