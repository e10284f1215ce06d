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
#include "project/hygiene_int.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/policy.h"

/* --- small text helpers ------------------------------------------------------------------------ */

bool hyg_ieq(const char *a, size_t n, const char *b)
{
    return strlen(b) == n && strncasecmp(a, b, n) == 0;
}

bool hyg_istarts(const char *s, size_t n, const char *prefix)
{
    size_t pl = strlen(prefix);
    return n >= pl && strncasecmp(s, prefix, pl) == 0;
}

/* The extension of a base name without its dot ("" for none, and for ".gitignore"). */
const char *hyg_ext_of(const char *base)
{
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

bool hyg_is_text_doc(const char *base)
{
    static const char *const exts[] = {"", "md", "markdown", "mdown", "rst", "txt", "text",
                                       "adoc", "asciidoc", "org", "html", "htm"};
    const char *e = hyg_ext_of(base);
    for (size_t i = 0; i < MM_ARRAY_LEN(exts); i++) {
        if (!strcasecmp(e, exts[i]))
            return true;
    }
    return false;
}

/* Length of the stem of a base name (before its extension). */
size_t hyg_stem_len(const char *base)
{
    const char *e = hyg_ext_of(base);
    return *e ? (size_t)(e - 1 - base) : strlen(base);
}

/* The directory part of a root-relative path: "" at the root, "docs", ".github/x". */
size_t hyg_dir_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) : 0;
}

/* Directories whose content is not the product's own: vendored code, tests, examples, docs
 * (for key material and configuration found there). Compared case-insensitively. */
bool hyg_foreign_dir(const char *seg, size_t n)
{
    static const char *const names[] = {
        "test",        "tests",       "testing",      "testdata",   "test_data",
        "test-data",   "unittest",    "unittests",    "fixtures",   "example",
        "examples",    "sample",      "samples",      "demo",       "demos",
        "doc",         "docs",        "third_party",  "third-party", "thirdparty",
        "3rdparty",    "vendor",      "vendored",     "external",   "extern",
        "node_modules", "managed_components"};
    for (size_t i = 0; i < MM_ARRAY_LEN(names); i++) {
        if (hyg_ieq(seg, n, names[i]))
            return true;
    }
    return false;
}

bool hyg_in_foreign_dir(const char *path)
{
    for (const char *seg = path, *slash; (slash = strchr(seg, '/')); seg = slash + 1) {
        if (hyg_foreign_dir(seg, (size_t)(slash - seg)))
            return true;
    }
    return false;
}

/* Blanks HTML comments (template guidance in Markdown) and NUL bytes, keeping every offset. */
char *hyg_doc_text(mm_file *f)
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


void hyg_split_lines(mm_arena *a, const char *t, size_t len, hyg_lines *out)
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
bool hyg_comment_line(const hyg_lines *l, const mm_file *f, size_t i)
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
const char *hyg_line_at(const hyg_lines *l, size_t i, size_t *n)
{
    const char *s = l->text + l->start[i];
    size_t e = l->start[i + 1] - 1 - l->start[i];
    while (e && (s[e - 1] == '\r' || s[e - 1] == '\n'))
        e--;
    *n = e;
    return s;
}

bool hyg_blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isspace((unsigned char)s[i]))
            return false;
    }
    return true;
}

/* The heading level of line i (1-6), or 0: Markdown `#`, AsciiDoc `=`, and underlined titles
 * (setext, reStructuredText): `=` is level 1, `-` level 2, other punctuation level 3. */
int hyg_heading_level(const hyg_lines *l, size_t i, bool adoc)
{
    size_t n;
    const char *s = hyg_line_at(l, i, &n);
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
    if (hyg_blank_line(s, n) || i + 1 >= l->n)
        return 0;
    size_t un;
    const char *u = hyg_line_at(l, i + 1, &un);
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

struct hyg_rx hyg_rx;
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;

static mm_regex *hyg_must_compile(const char *pattern, bool caseless)
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

static void hyg_rx_init(void)
{
    /* GitHub's proposed SECURITY.md, left as it was */
    hyg_rx.template_text = hyg_must_compile(
        "use\\s+this\\s+section\\s+to\\s+tell\\s+people\\s+how\\s+to\\s+report|"
        "tell\\s+them\\s+where\\s+to\\s+go,\\s+how\\s+often\\s+they\\s+can\\s+expect", true);
    /* words of a paragraph that tells where reports go */
    hyg_rx.cue = hyg_must_compile("report|contact|disclos|send|submit|e-?mail|reach|notify|advisor|"
                          "psirt|\\bcert\\b|bounty|vulnerab|security\\s+(issue|bug|team)|"
                          "\\bform\\b|報告|連絡|窓口|届出|脆弱性|問い合わせ|問合せ",
                          true);
    /* GitHub's private vulnerability reporting and security advisories */
    hyg_rx.gh_private = hyg_must_compile("privately?\\s+report|private\\s+vulnerability\\s+report|"
                                 "security\\s+advisor(y|ies)|security[\"'`*]*\\s+tab|"
                                 "report\\s+a\\s+vulnerability[\"'`*]*\\s+button",
                                 true);
    hyg_rx.email = hyg_must_compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}", false);
    /* a support period: the subject ... */
    hyg_rx.sp_key = hyg_must_compile(
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
    hyg_rx.sp_iso = hyg_must_compile("\\b" YEAR "[-/.](1[0-2]|0?[1-9])([-/.](3[01]|[12]\\d|0?[1-9]))?\\b",
                             false);
    hyg_rx.sp_month = hyg_must_compile("\\b" MONTHS "\\s+(([0-3]?\\d)(st|nd|rd|th)?,?\\s+)?" YEAR "\\b",
                               true);
    hyg_rx.sp_dmy = hyg_must_compile("\\b([0-3]?\\d)(st|nd|rd|th)?\\s+" MONTHS ",?\\s+" YEAR "\\b", true);
    hyg_rx.sp_ja = hyg_must_compile(YEAR "\\s*年(\\s*(1[0-2]|0?[1-9])\\s*月(\\s*([0-3]?\\d)\\s*日)?)?",
                            false);
    hyg_rx.sp_quarter = hyg_must_compile("\\bQ([1-4])\\s*/?\\s*" YEAR "\\b", true);
    hyg_rx.sp_year = hyg_must_compile("\\b" YEAR "\\b", false);
    hyg_rx.sp_duration = hyg_must_compile(
        "\\b(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
        "[\\s-]*\\+?[\\s-]*(years?|yrs?|months?)\\b|\\d{1,2}\\s*(年間|か月|ヶ月|カ月|ケ月)",
        true);
    hyg_rx.sec_heading = hyg_must_compile(
        "\\bsecurity\\b|vulnerabilit|responsible\\s+disclosure|coordinated\\s+disclosure|"
        "\\bdisclosure\\s+polic|\\bpsirt\\b|セキュリティ|脆弱性",
        true);
    hyg_rx.tm_heading = hyg_must_compile("threat\\s*model|threat\\s+analysis|risk\\s+assessment|"
                                 "\\bTARA\\b|脅威分析|脅威モデル",
                                 true);
    hyg_rx.tm_assets = hyg_must_compile("\\bassets?\\b|資産|保護対象|守るべき", true);
    hyg_rx.tm_threats = hyg_must_compile(
        "\\bthreats\\b|\\bthreat\\s+(?!model|analysis|assessment)|\\bmisuse|\\babuse|\\battack|"
        "\\badversar|\\bSTRIDE\\b|脅威(?!モデル|分析)|攻撃|悪用",
        true);
}

void hyg_rx_ready(void)
{
    pthread_once(&rx_once, hyg_rx_init);
}

bool hyg_rx_in(const mm_regex *re, const char *s, size_t n)
{
    return mm_regex_test(re, s, n);
}

/* --- where a project is ------------------------------------------------------------------------ */

bool hyg_has_path(const mm_scan *s, const char *path)
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
bool hyg_has_dir(const mm_scan *s, const char *dir)
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

bool hyg_at_project_root(const mm_scan *s)
{
    if (!s->whole_root || !s->paths.n)
        return false; /* a part of a tree, a file list, or nothing at all */
    if (s->git || (s->policy && s->policy->has_product))
        return true;
    return hyg_has_dir(s, ".github") || hyg_has_dir(s, ".gitlab") || hyg_has_path(s, ".gitignore") ||
           hyg_has_path(s, ".gitattributes");
}

/* Where a finding about something absent stands: on a file that exists, so that code scanning
 * can show it (the message says what is missing) — the root's README, else the policy file
 * (when it is inside the root), else the top-level build file, else the first file at the
 * root (one that is not hidden if there is one), else the first file of the scan; the file to create only when the scan has none. */
char *hyg_anchor_path(const mm_scan *s, const char *fallback)
{
    const char *readme = NULL, *root_file = NULL, *dot_file = NULL;
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *p = s->paths.v[i];
        if (strchr(p, '/'))
            continue;
        if (p[0] == '.' && !dot_file)
            dot_file = p;
        if (p[0] != '.' && !root_file)
            root_file = p;
        if (!hyg_istarts(p, strlen(p), "readme"))
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
    char *rel = mm_policy_rel_path(s->policy, s->root);
    if (rel && strncmp(rel, "../", 3) != 0)
        return rel;
    free(rel);
    static const char *const build_files[] = {
        "CMakeLists.txt", "platformio.ini", "Makefile", "west.yml", "Kconfig", "prj.conf",
        "idf_component.yml", "library.json", "library.properties", "meson.build", "Config.in",
        "SConstruct", "build.gradle", "package.json"};
    for (size_t b = 0; b < MM_ARRAY_LEN(build_files); b++) {
        for (size_t i = 0; i < s->paths.n; i++) {
            if (!strcmp(s->paths.v[i], build_files[b]))
                return mm_xstrdup(build_files[b]);
        }
    }
    if (root_file || dot_file)
        return mm_xstrdup(root_file ? root_file : dot_file);
    return mm_xstrdup(s->paths.n ? s->paths.v[0] : fallback);
}

/* Release notes and change logs are history, not what holds now (and they are long). */
bool hyg_history_doc(const char *base)
{
    return strcasestr(base, "note") || strcasestr(base, "changelog") ||
           strcasestr(base, "history") || strcasestr(base, "news");
}

/* --- emission ------------------------------------------------------------------------------------ */


void hyg_emit_project(const mm_rule *rule, mm_scan *s, const hyg_project_finding *pf)
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
void hyg_emit_file(const mm_rule *rule, mm_file *f, uint32_t start, uint32_t end,
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
void hyg_first_line(mm_file *f, uint32_t *start, uint32_t *end)
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


void hyg_put_hint(mm_file *f, const char *key, const char *fmt, ...)
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
size_t hyg_hint_fields(char *v, char **out, size_t max)
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


void hyg_policy_pos_of(const mm_scan *s, const cJSON *v, hyg_policy_pos *pp)
{
    const mm_json_doc *doc = &s->policy->doc;
    size_t off = 0;
    pp->path = mm_policy_rel_path(s->policy, s->root);
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

void hyg_policy_pos_free(hyg_policy_pos *pp)
{
    free(pp->path);
    free(pp->snippet);
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
        hyg_policy_pos pp;
        hyg_policy_pos_of(s, r->where, &pp);
        char *key = mm_xasprintf("%s %s", r->fingerprint, lacks);
        hyg_project_finding pf = {pp.path, pp.line, pp.col, pp.snippet, key, r->fingerprint, lacks};
        hyg_emit_project(rule, s, &pf);
        free(key);
        hyg_policy_pos_free(&pp);
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
        hyg_policy_pos pp;
        hyg_policy_pos_of(s, r->where_expires, &pp);
        char *key = mm_xasprintf("%s %s", r->fingerprint, r->expires);
        hyg_project_finding pf = {pp.path, pp.line, pp.col, pp.snippet, key, r->fingerprint,
                              r->expires};
        hyg_emit_project(rule, s, &pf);
        free(key);
        hyg_policy_pos_free(&pp);
    }
}
