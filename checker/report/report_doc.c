/* report_doc.c: the sign-off report (`mamori report`): one self-contained HTML page (no
 * external assets, no script, print styles for A4) or the same content as Markdown, in the
 * language of base/i18n.h. It is written from saved results (the JSON report, one or more),
 * the rules (titles, standards mappings) and the standards data (checker/data/standards.json),
 * so that a report from a scan and one from `--from` are the same. Every string that comes
 * from the repository is escaped; a secret value never reaches a result, so never this page. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/version.h"
#include "report/report.h"

#define MAX_LOCATIONS 40 /* locations listed per rule; the rest are counted */

typedef struct doc {
    mm_buf *b;
    const mm_doc_opts *o;
    bool html;
    const mm_ruleset *rs;
    const cJSON *std;
    /* every finding of the results, flattened */
    MM_VEC(const cJSON *) all;
} doc;

/* --- output primitives ----------------------------------------------------------------------- */

static void esc(doc *d, const char *s)
{
    if (!s)
        return;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (d->html) {
            switch (c) {
            case '&': mm_buf_puts(d->b, "&amp;"); break;
            case '<': mm_buf_puts(d->b, "&lt;"); break;
            case '>': mm_buf_puts(d->b, "&gt;"); break;
            case '"': mm_buf_puts(d->b, "&quot;"); break;
            case '\'': mm_buf_puts(d->b, "&#39;"); break;
            default:
                if ((unsigned char)c < 0x20 && c != '\n' && c != '\t')
                    mm_buf_putc(d->b, ' ');
                else
                    mm_buf_putc(d->b, c);
            }
        } else {
            if (c == '\n' || c == '\r' || c == '\t' || ((unsigned char)c < 0x20)) {
                mm_buf_putc(d->b, ' ');
                continue;
            }
            if (strchr("\\`*_[]<>|#!~&", c))
                mm_buf_putc(d->b, '\\');
            mm_buf_putc(d->b, c);
        }
    }
}

static void put(doc *d, const char *s)
{
    mm_buf_puts(d->b, s);
}

static void escf(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void escf(doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mm_buf t = {0};
    mm_buf_vprintf(&t, fmt, ap);
    va_end(ap);
    esc(d, mm_buf_cstr(&t));
    mm_buf_free(&t);
}

static void heading(doc *d, int level, const char *id, const char *text)
{
    if (d->html) {
        mm_buf_printf(d->b, "<h%d", level);
        if (id)
            mm_buf_printf(d->b, " id=\"%s\"", id);
        put(d, ">");
        esc(d, text);
        mm_buf_printf(d->b, "</h%d>\n", level);
    } else {
        put(d, "\n");
        if (id)
            mm_buf_printf(d->b, "<a id=\"%s\"></a>\n\n", id);
        for (int i = 0; i < level; i++)
            put(d, "#");
        put(d, " ");
        esc(d, text);
        put(d, "\n\n");
    }
}

static void para(doc *d, const char *text)
{
    put(d, d->html ? "<p>" : "");
    esc(d, text);
    put(d, d->html ? "</p>\n" : "\n\n");
}

/* a URL for an href: percent-encode what could break out of the attribute or the link */
static void url(doc *d, const char *u)
{
    for (const unsigned char *p = (const unsigned char *)u; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7f || strchr("\"'<>()[]\\`{}|^%", *p))
            mm_buf_printf(d->b, "%%%02X", *p);
        else
            mm_buf_putc(d->b, (char)*p);
    }
}

/* a link to a place in the repository: relative to where the report is written */
static void loc_link(doc *d, const char *path, unsigned line)
{
    bool safe = path && *path && path[0] != '/' && !strstr(path, "://") && !strstr(path, "..");
    char *text = line ? mm_xasprintf("%s:%u", path ? path : "", line)
                      : mm_xstrdup(path ? path : "");
    if (!safe) {
        if (d->html)
            put(d, "<code>");
        esc(d, text);
        if (d->html)
            put(d, "</code>");
        free(text);
        return;
    }
    mm_buf href = {0};
    mm_buf_puts(&href, d->o->link_base ? d->o->link_base : "");
    mm_buf_puts(&href, path);
    if (line)
        mm_buf_printf(&href, "#L%u", line);
    if (d->html) {
        put(d, "<a href=\"");
        url(d, mm_buf_cstr(&href));
        put(d, "\"><code>");
        esc(d, text);
        put(d, "</code></a>");
    } else {
        put(d, "[");
        esc(d, text);
        put(d, "](");
        url(d, mm_buf_cstr(&href));
        put(d, ")");
    }
    mm_buf_free(&href);
    free(text);
}

static void anchor_link(doc *d, const char *id, const char *text)
{
    if (d->html) {
        mm_buf_printf(d->b, "<a href=\"#%s\">", id);
        esc(d, text);
        put(d, "</a>");
    } else {
        put(d, "[");
        esc(d, text);
        mm_buf_printf(d->b, "](#%s)", id);
    }
}

static void table_start(doc *d, const char *const *cols, size_t n)
{
    if (d->html) {
        put(d, "<table><thead><tr>");
        for (size_t i = 0; i < n; i++) {
            put(d, "<th>");
            esc(d, _(cols[i]));
            put(d, "</th>");
        }
        put(d, "</tr></thead><tbody>\n");
    } else {
        put(d, "|");
        for (size_t i = 0; i < n; i++) {
            put(d, " ");
            esc(d, _(cols[i]));
            put(d, " |");
        }
        put(d, "\n|");
        for (size_t i = 0; i < n; i++)
            put(d, "---|");
        put(d, "\n");
    }
}

static void row_start(doc *d, const char *cls)
{
    if (d->html) {
        put(d, cls ? "<tr class=\"" : "<tr>");
        if (cls) {
            put(d, cls);
            put(d, "\">");
        }
        put(d, "<td>");
    } else {
        put(d, "| ");
    }
}

static void cell(doc *d)
{
    put(d, d->html ? "</td><td>" : " | ");
}

static void row_end(doc *d)
{
    put(d, d->html ? "</td></tr>\n" : " |\n");
}

static void table_end(doc *d)
{
    put(d, d->html ? "</tbody></table>\n" : "\n");
}

static void list_start(doc *d)
{
    if (d->html)
        put(d, "<ul>\n");
}

static void item_start(doc *d)
{
    put(d, d->html ? "<li>" : "- ");
}

static void item_end(doc *d)
{
    put(d, d->html ? "</li>\n" : "\n");
}

static void list_end(doc *d)
{
    put(d, d->html ? "</ul>\n" : "\n");
}

/* --- reading the results --------------------------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double jnum(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static bool suppressed(const cJSON *f)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(f, "suppressed");
    return v && !cJSON_IsNull(v);
}

/* counts for --fail-on: in the product, or raised by the policy */
static bool counted(const cJSON *f)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(f, "counted");
    return !suppressed(f) && (!v || cJSON_IsTrue(v));
}

static bool from_history(const cJSON *f)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(f, "origin");
    const char *k = o ? jstr(o, "kind") : NULL;
    return k && !strcmp(k, "commit");
}

static int sev_rank(const char *s)
{
    return !s ? 0 : !strcmp(s, "error") ? 3 : !strcmp(s, "warning") ? 2 : !strcmp(s, "note") ? 1 : 0;
}

static const char *sev_label(const char *s)
{
    switch (sev_rank(s)) {
    case 3: return _("error");
    case 2: return _("warning");
    case 1: return _("note");
    default: return s ? s : "";
    }
}

static bool has_int(const mm_rule *r, int m)
{
    for (size_t i = 0; i < r->standards.meti.n; i++) {
        if (r->standards.meti.v[i] == m)
            return true;
    }
    return false;
}

static bool has_str(const mm_rule *r, const char *family, const char *id)
{
    const mm_standards *st = &r->standards;
    char *const *v = NULL;
    size_t n = 0;
    if (!strcmp(family, "etsi")) {
        v = st->etsi.v;
        n = st->etsi.n;
    } else if (!strcmp(family, "jcstar")) {
        v = st->jcstar.v;
        n = st->jcstar.n;
    } else {
        v = st->cra.v;
        n = st->cra.n;
    }
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(v[i], id))
            return true;
    }
    return false;
}

/* findings of rule r at HEAD (not from history): counted, and all unsuppressed */
static void rule_counts(const doc *d, const mm_rule *r, size_t *cnt, size_t *all, int *worst)
{
    *cnt = *all = 0;
    *worst = 0;
    for (size_t i = 0; i < d->all.n; i++) {
        const cJSON *f = d->all.v[i];
        const char *id = jstr(f, "rule_id");
        if (!id || strcmp(id, r->id) || suppressed(f) || from_history(f))
            continue;
        (*all)++;
        if (counted(f)) {
            (*cnt)++;
            int k = sev_rank(jstr(f, "severity"));
            if (k > *worst)
                *worst = k;
        }
    }
}

static const char *rank_name(int k)
{
    return k == 3 ? "error" : k == 2 ? "warning" : k == 1 ? "note" : NULL;
}

/* --- sections ---------------------------------------------------------------------------------- */

static const char *evidence_label(const char *kind)
{
    static const struct {
        const char *kind, *label;
    } labels[] = {
        {"security-policy", N_("security policy")},
        {"security-txt", N_("security.txt (RFC 9116)")},
        {"security-section", N_("a README or CONTRIBUTING section on reporting vulnerabilities")},
        {"security-contact", N_("security contact (policy)")},
        {"codeowners", N_("code owners (CODEOWNERS)")},
        {"threat-model", N_("threat model")},
        {"components", N_("third-party components in the inventory")},
        {"sbom", N_("SBOM document")},
        {"policy-components", N_("components declared in the policy")},
        {"advisories", N_("offline advisory database (OSV) configured")},
        {"support-period", N_("support period")},
        {"accepted-risk", N_("accepted risk")},
        {"policy", N_("mamori policy (mamori.json)")},
        {"ci", N_("mamori runs in CI")},
        {"pre-commit", N_("mamori runs as a pre-commit hook")},
        {"build", N_("mamori runs in the build")},
        {"changelog", N_("change log or release notes")},
    };
    for (size_t i = 0; i < MM_ARRAY_LEN(labels); i++) {
        if (!strcmp(labels[i].kind, kind))
            return _(labels[i].label);
    }
    return kind;
}

static const cJSON *project_of(const cJSON *const *results, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(results[i], "project");
        if (cJSON_IsObject(p))
            return p;
    }
    return NULL;
}

static void kv_row(doc *d, const char *key, const char *value, const char *source)
{
    row_start(d, NULL);
    esc(d, key);
    cell(d);
    esc(d, value ? value : _("not stated in the repository"));
    if (value && source && *source) {
        put(d, " (");
        esc(d, _("from"));
        put(d, " ");
        /* a file of the tree, or where else the value came from */
        if (!strcmp(source, "directory"))
            esc(d, _("the directory's name"));
        else if (!strcmp(source, "git remote"))
            esc(d, _("the git remote"));
        else if (!strcmp(source, "manifest"))
            esc(d, _("manifest"));
        else if (!strcmp(source, "policy"))
            esc(d, _("policy"));
        else
            loc_link(d, source, 0);
        put(d, ")");
    }
    row_end(d);
}

static void product_section(doc *d, const cJSON *proj, const cJSON *first)
{
    heading(d, 2, "product", _("The product"));
    static const char *const cols[] = {N_("Item"), N_("What the repository states")};
    table_start(d, cols, 2);
    if (proj) {
        kv_row(d, _("Name"), jstr(proj, "name"), jstr(proj, "name_source"));
        kv_row(d, _("Version"), jstr(proj, "version"), jstr(proj, "version_source"));
        const char *sp = jstr(proj, "support_until");
        kv_row(d, _("Support period (until)"), sp && !strcmp(sp, "stated as a duration")
                                                   ? _("stated as a duration")
                                                   : sp,
               jstr(proj, "support_source"));
        kv_row(d, _("Security contact"), jstr(proj, "security_contact"), NULL);
        if (jstr(proj, "repository"))
            kv_row(d, _("Repository"), jstr(proj, "repository"), NULL);
    } else {
        kv_row(d, _("Name"), NULL, NULL);
    }
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(first, "summary");
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(first, "tool");
    char *files = mm_xasprintf("%.0f", jnum(sum, "files_scanned"));
    kv_row(d, _("Files scanned"), files, NULL);
    free(files);
    char *by = mm_xasprintf("mamori %s", tool && jstr(tool, "version") ? jstr(tool, "version") : "?");
    kv_row(d, _("Checked by"), by, NULL);
    free(by);
    table_end(d);
    if (!proj)
        para(d, _("The result read has no product facts (a partial, git or history scan, or an "
                  "older mamori): the product and the six measures are shown from findings only."));
}

static void summary_section(doc *d)
{
    size_t c[4] = {0}, outside = 0, supp = 0, hist = 0;
    for (size_t i = 0; i < d->all.n; i++) {
        const cJSON *f = d->all.v[i];
        if (from_history(f)) {
            hist++;
            continue;
        }
        if (suppressed(f))
            supp++;
        else if (counted(f))
            c[sev_rank(jstr(f, "severity"))]++;
        else
            outside++;
    }
    heading(d, 2, "summary", _("Summary"));
    static const char *const cols[] = {N_("Findings"), N_("Count")};
    table_start(d, cols, 2);
    const char *labels[] = {NULL, N_("notes"), N_("warnings"), N_("errors")};
    for (int k = 3; k >= 1; k--) {
        row_start(d, k == 3 && c[3] ? "bad" : NULL);
        esc(d, _(labels[k]));
        cell(d);
        escf(d, "%zu", c[k]);
        row_end(d);
    }
    row_start(d, NULL);
    esc(d, _("outside the product (examples, tests, tools, vendored code): notes that do not count"));
    cell(d);
    escf(d, "%zu", outside);
    row_end(d);
    row_start(d, NULL);
    esc(d, _("suppressed (inline, or accepted risks of the policy)"));
    cell(d);
    escf(d, "%zu", supp);
    row_end(d);
    row_start(d, NULL);
    esc(d, _("secrets found in git history"));
    cell(d);
    escf(d, "%zu", hist);
    row_end(d);
    table_end(d);
    para(d, _("A static checker finds violations; it cannot prove that a requirement is met. "
              "\"No finding\" below means that the rules which check a provision found nothing, "
              "not that the product conforms."));
}

static char *measure_title(const cJSON *m)
{
    return mm_xasprintf(_("Measure %d: %s"), (int)jnum(m, "id"), mm_rtr(jstr(m, "title")));
}

static void measures_section(doc *d, const cJSON *proj)
{
    heading(d, 2, "measures", _("The six measures (METI)"));
    const cJSON *ms = cJSON_GetObjectItemCaseSensitive(d->std, "measures");
    const cJSON *ev = proj ? cJSON_GetObjectItemCaseSensitive(proj, "evidence") : NULL;
    const cJSON *m;
    cJSON_ArrayForEach(m, ms)
    {
        int id = (int)jnum(m, "id");
        char *title = measure_title(m);
        char anchor[16];
        snprintf(anchor, sizeof anchor, "measure-%d", id);
        if (d->html)
            put(d, "<section class=\"measure\">\n");
        heading(d, 3, anchor, title);
        free(title);
        put(d, d->html ? "<p class=\"looks\">" : "*");
        esc(d, _("What is looked for:"));
        put(d, " ");
        esc(d, mm_rtr(jstr(m, "shows")));
        put(d, d->html ? "</p>\n" : "*\n\n");
        /* what the repository shows */
        put(d, d->html ? "<p><strong>" : "**");
        esc(d, _("What the repository shows"));
        put(d, d->html ? "</strong></p>\n" : "**\n\n");
        size_t shown = 0;
        const cJSON *e;
        list_start(d);
        cJSON_ArrayForEach(e, ev)
        {
            if ((int)jnum(e, "measure") != id)
                continue;
            shown++;
            item_start(d);
            esc(d, evidence_label(jstr(e, "kind")));
            const char *path = jstr(e, "path");
            if (path) {
                put(d, ": ");
                loc_link(d, path, (unsigned)jnum(e, "line"));
            }
            const char *detail = jstr(e, "detail");
            if (detail) {
                put(d, " — ");
                esc(d, !strcmp(detail, "stated as a duration") ? _(detail) : detail);
            }
            item_end(d);
        }
        if (!shown) {
            item_start(d);
            esc(d, proj ? _("nothing found in the repository")
                        : _("not known: the result has no product facts"));
            item_end(d);
        }
        list_end(d);
        /* the findings that bear on it */
        put(d, d->html ? "<p><strong>" : "**");
        esc(d, _("Findings that bear on it"));
        put(d, d->html ? "</strong></p>\n" : "**\n\n");
        size_t rules_with = 0;
        list_start(d);
        for (size_t i = 0; i < d->rs->rules.n; i++) {
            const mm_rule *r = d->rs->rules.v[i];
            if (!has_int(r, id))
                continue;
            size_t cnt, all;
            int worst;
            rule_counts(d, r, &cnt, &all, &worst);
            if (!all)
                continue;
            rules_with++;
            item_start(d);
            char *aid = mm_xasprintf("rule-%s", r->id);
            anchor_link(d, aid, mm_rtr(r->title));
            free(aid);
            put(d, " — ");
            if (cnt)
                escf(d, _("%zu counted (worst: %s)"), cnt, sev_label(rank_name(worst)));
            else
                esc(d, _("none counted"));
            if (all > cnt) {
                /* TRANSLATORS: the separator of a list in running text */
                esc(d, _(", "));
                escf(d, _("%zu outside the product"), all - cnt);
            }
            item_end(d);
        }
        if (!rules_with) {
            item_start(d);
            esc(d, _("no finding"));
            item_end(d);
        }
        list_end(d);
        if (d->html)
            put(d, "</section>\n");
    }
}

static int primary_measure(const mm_rule *r)
{
    return r->standards.meti.n ? r->standards.meti.v[0] : 0;
}

static void rule_block(doc *d, const mm_rule *r)
{
    size_t cnt, all;
    int worst;
    rule_counts(d, r, &cnt, &all, &worst);
    char *aid = mm_xasprintf("rule-%s", r->id);
    char *title = mm_xasprintf("%s (%s)", mm_rtr(r->title), r->id);
    heading(d, 5, aid, title);
    free(title);
    free(aid);
    put(d, d->html ? "<p class=\"meta\">" : "");
    escf(d, _("%zu findings, %zu counted; severity of the rule: %s"), all, cnt,
         sev_label(mm_severity_name(r->severity)));
    if (r->cwe.n)
        escf(d, "; CWE-%d", r->cwe.v[0]);
    put(d, d->html ? "</p>\n" : "\n\n");
    static const char *const cols[] = {N_("Location"), N_("Severity"), N_("Role"), N_("Message")};
    table_start(d, cols, 4);
    size_t listed = 0;
    /* counted findings first, then the rest */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < d->all.n && listed < MAX_LOCATIONS; i++) {
            const cJSON *f = d->all.v[i];
            const char *id = jstr(f, "rule_id");
            if (!id || strcmp(id, r->id) || suppressed(f) || from_history(f))
                continue;
            if (counted(f) != (pass == 0))
                continue;
            listed++;
            const char *sev = jstr(f, "severity");
            row_start(d, sev_rank(sev) == 3 && counted(f) ? "bad" : NULL);
            loc_link(d, jstr(f, "path"), (unsigned)jnum(f, "line"));
            cell(d);
            esc(d, sev_label(sev));
            cell(d);
            esc(d, jstr(f, "role"));
            cell(d);
            esc(d, jstr(f, "message"));
            row_end(d);
        }
    }
    table_end(d);
    if (all > listed) {
        char *more = mm_xasprintf(_("... and %zu more (the JSON result lists every one)"),
                                  all - listed);
        para(d, more);
        free(more);
    }
}

static void findings_section(doc *d)
{
    heading(d, 2, "findings", _("Findings by measure, category and rule"));
    para(d, _("Each rule is listed under the first measure it maps to. Suppressed findings and "
              "findings in git history are not listed here."));
    const cJSON *ms = cJSON_GetObjectItemCaseSensitive(d->std, "measures");
    size_t total = 0;
    for (int mid = 0; mid <= 6; mid++) {
        bool head = false;
        for (int cat = 0; cat < MM_CAT__COUNT; cat++) {
            bool cat_head = false;
            for (size_t i = 0; i < d->rs->rules.n; i++) {
                const mm_rule *r = d->rs->rules.v[i];
                if (primary_measure(r) != mid || (int)r->category != cat)
                    continue;
                size_t cnt, all;
                int worst;
                rule_counts(d, r, &cnt, &all, &worst);
                if (!all)
                    continue;
                if (!head) {
                    const cJSON *m;
                    char *t = NULL;
                    cJSON_ArrayForEach(m, ms)
                    {
                        if ((int)jnum(m, "id") == mid)
                            t = measure_title(m);
                    }
                    heading(d, 3, NULL, t ? t : _("Not mapped to a measure"));
                    free(t);
                    head = true;
                }
                if (!cat_head) {
                    char *t = mm_xasprintf(_("Category: %s"), mm_categories[cat].name);
                    heading(d, 4, NULL, t);
                    free(t);
                    cat_head = true;
                }
                rule_block(d, r);
                total++;
            }
        }
    }
    if (!total)
        para(d, _("No findings."));
}

static void checklist(doc *d, const char *family, const char *id, const char *title,
                      const char *note)
{
    heading(d, 3, id, title);
    para(d, _("Violated: a rule that checks the item has counted findings. No finding: the "
              "rules that check it found nothing (which does not prove it is met). Not checkable "
              "by static analysis: no rule of mamori checks it; it needs a review of documents, "
              "processes or the device."));
    if (note)
        para(d, mm_rtr(note));
    static const char *const cols[] = {N_("Item"), N_("Status"), N_("Rules and findings")};
    table_start(d, cols, 3);
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(d->std, family);
    const cJSON *it;
    cJSON_ArrayForEach(it, items)
    {
        const char *pid = jstr(it, "id");
        size_t nrules = 0, counted_n = 0;
        for (size_t i = 0; i < d->rs->rules.n; i++) {
            const mm_rule *r = d->rs->rules.v[i];
            if (!has_str(r, family, pid))
                continue;
            nrules++;
            size_t cnt, all;
            int worst;
            rule_counts(d, r, &cnt, &all, &worst);
            counted_n += cnt;
        }
        const char *status = counted_n ? _("violated")
                             : nrules  ? _("no finding")
                                       : _("not checkable by static analysis");
        const char *cls = counted_n ? "bad" : nrules ? "ok" : "na";
        row_start(d, cls);
        if (d->html)
            put(d, "<strong>");
        esc(d, pid);
        if (d->html)
            put(d, "</strong>");
        put(d, " ");
        esc(d, mm_rtr(jstr(it, "title")));
        cell(d);
        if (!d->html && counted_n)
            put(d, "**");
        esc(d, status);
        if (!d->html && counted_n)
            put(d, "**");
        cell(d);
        if (nrules) {
            escf(d, _("%zu rules check it"), nrules);
            if (counted_n) {
                put(d, ": ");
                bool first = true;
                for (size_t i = 0; i < d->rs->rules.n; i++) {
                    const mm_rule *r = d->rs->rules.v[i];
                    if (!has_str(r, family, pid))
                        continue;
                    size_t cnt, all;
                    int worst;
                    rule_counts(d, r, &cnt, &all, &worst);
                    if (!cnt)
                        continue;
                    if (!first)
                        put(d, ", ");
                    first = false;
                    char *aid = mm_xasprintf("rule-%s", r->id);
                    char *t = mm_xasprintf("%s (%zu)", r->id, cnt);
                    anchor_link(d, aid, t);
                    free(t);
                    free(aid);
                }
            }
        } else {
            put(d, "—");
        }
        row_end(d);
    }
    table_end(d);
}

static void sbom_section(doc *d, const cJSON *proj)
{
    heading(d, 2, "sbom", _("Components and SBOM"));
    const cJSON *c = proj ? cJSON_GetObjectItemCaseSensitive(proj, "components") : NULL;
    if (c) {
        static const char *const cols[] = {N_("Item"), N_("Count")};
        table_start(d, cols, 2);
        const struct {
            const char *key, *label;
        } rows[] = {
            {"third_party", N_("third-party components found in the tree")},
            {"first_party", N_("components of this repository (the product's own)")},
            {"declared", N_("components declared (SBOM documents, sbom.yml, the policy)")},
            {"sbom_documents", N_("SBOM documents")},
            {"advisories_loaded", N_("advisories in the offline database checked against them")},
        };
        for (size_t i = 0; i < MM_ARRAY_LEN(rows); i++) {
            row_start(d, NULL);
            esc(d, _(rows[i].label));
            cell(d);
            escf(d, "%.0f", jnum(c, rows[i].key));
            row_end(d);
        }
        table_end(d);
    } else {
        para(d, _("The result has no component facts."));
    }
    /* findings of the component rules, per rule */
    list_start(d);
    size_t n = 0;
    for (size_t i = 0; i < d->rs->rules.n; i++) {
        const mm_rule *r = d->rs->rules.v[i];
        if (r->category != MM_CAT_COMPONENT)
            continue;
        size_t cnt, all;
        int worst;
        rule_counts(d, r, &cnt, &all, &worst);
        if (!all)
            continue;
        n++;
        item_start(d);
        char *aid = mm_xasprintf("rule-%s", r->id);
        anchor_link(d, aid, mm_rtr(r->title));
        free(aid);
        escf(d, ": %zu", all);
        item_end(d);
    }
    if (!n) {
        item_start(d);
        esc(d, _("no finding of the component rules"));
        item_end(d);
    }
    list_end(d);
    heading(d, 3, "advisories", _("Advisories matched"));
    size_t adv = 0;
    list_start(d);
    for (size_t i = 0; i < d->all.n; i++) {
        const cJSON *f = d->all.v[i];
        const char *id = jstr(f, "rule_id");
        if (!id || strcmp(id, "component-known-advisory") || from_history(f))
            continue;
        adv++;
        item_start(d);
        esc(d, jstr(f, "message"));
        put(d, " — ");
        loc_link(d, jstr(f, "path"), (unsigned)jnum(f, "line"));
        item_end(d);
    }
    if (!adv) {
        item_start(d);
        esc(d, c && jnum(c, "advisories_loaded") > 0
                   ? _("none of the loaded advisories names a component of the tree")
                   : _("no advisory database was given (--advisories, or \"advisories\" in the "
                       "policy): nothing was matched"));
        item_end(d);
    }
    list_end(d);
}

static void history_section(doc *d, bool history_scanned)
{
    heading(d, 2, "history", _("Secrets in git history"));
    if (!history_scanned) {
        para(d, _("History was not scanned. Run mamori report --history, or give a result of "
                  "mamori scan --history --format json with a second --from."));
        return;
    }
    para(d, _("Credentials that a commit added, with the commit, its date and whether the same "
              "content is still at HEAD. The values are never shown: revoke each one at its "
              "provider, since removing it from the tree does not remove it from history."));
    static const char *const cols[] = {N_("Rule"), N_("Location"), N_("Commit"), N_("Date"),
                                       N_("Still at HEAD")};
    table_start(d, cols, 5);
    size_t n = 0;
    for (size_t i = 0; i < d->all.n; i++) {
        const cJSON *f = d->all.v[i];
        if (!from_history(f) || suppressed(f))
            continue;
        n++;
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(f, "origin");
        const mm_rule *r = mm_ruleset_find(d->rs, jstr(f, "rule_id") ? jstr(f, "rule_id") : "");
        const cJSON *ah = cJSON_GetObjectItemCaseSensitive(o, "at_head");
        row_start(d, cJSON_IsTrue(ah) ? "bad" : NULL);
        esc(d, r ? mm_rtr(r->title) : jstr(f, "rule_id"));
        cell(d);
        esc(d, jstr(f, "path"));
        escf(d, ":%.0f", jnum(f, "line"));
        cell(d);
        const char *commit = jstr(o, "commit");
        if (d->html)
            put(d, "<code>");
        if (commit)
            escf(d, "%.12s", commit);
        if (d->html)
            put(d, "</code>");
        cell(d);
        const char *date = jstr(o, "author_date");
        if (date)
            escf(d, "%.10s", date);
        cell(d);
        esc(d, cJSON_IsTrue(ah) ? _("yes") : cJSON_IsFalse(ah) ? _("no") : _("unknown"));
        row_end(d);
    }
    table_end(d);
    if (!n)
        para(d, _("No secret was found in the history that was scanned."));
}

static const char css[] =
    "body{font-family:\"Noto Sans CJK JP\",\"Noto Sans JP\",\"IPAPGothic\",\"IPAGothic\",\"Hiragino Sans\",\"Yu Gothic\","
    "sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;line-height:1.5;color:#1b1b1b;"
    "overflow-wrap:anywhere}"
    "h1{font-size:1.6rem;border-bottom:3px solid #1b1b1b}h2{font-size:1.3rem;margin-top:2rem;"
    "border-bottom:1px solid #888}h3{font-size:1.1rem}h4{font-size:1rem}h5{font-size:.95rem;"
    "margin:1.2rem 0 .3rem}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0;table-layout:fixed}"
    "th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top;"
    "word-break:break-word}th{background:#eee}"
    "code{font-family:monospace;font-size:.9em;word-break:break-all}"
    "tr.bad td:first-child{border-left:4px solid #b00020}tr.ok td:first-child{border-left:4px "
    "solid #2e7d32}tr.na td:first-child{border-left:4px solid #999}"
    ".meta,.looks{color:#444;font-size:.9rem}.measure{border:1px solid #ccc;padding:0 .8rem;"
    "margin:.8rem 0;break-inside:avoid}"
    "nav ol{columns:2}a{color:#0b57d0}"
    "@page{size:A4;margin:15mm}"
    "@media print{body{max-width:none;padding:0;font-size:10pt}a{color:inherit;"
    "text-decoration:none}h2{break-after:avoid}h3,h4,h5{break-after:avoid}tr{break-inside:avoid}"
    "nav{display:none}}";

void mm_report_document(const cJSON *const *results, size_t nresults, const mm_ruleset *rs,
                        const cJSON *standards, const mm_doc_opts *o, mm_buf *out)
{
    doc d = {out, o, o->html, rs, standards, {0}};
    bool history_scanned = false;
    for (size_t i = 0; i < nresults; i++) {
        const cJSON *sum = cJSON_GetObjectItemCaseSensitive(results[i], "summary");
        const char *in = sum ? jstr(sum, "input") : NULL;
        if (in && !strcmp(in, "history"))
            history_scanned = true;
        const cJSON *f;
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(results[i], "findings"))
        {
            mm_vec_push(&d.all, f);
        }
    }
    const cJSON *proj = project_of(results, nresults);
    const char *name = proj ? jstr(proj, "name") : NULL;
    const char *version = proj ? jstr(proj, "version") : NULL;
    mm_buf title = {0};
    mm_buf_puts(&title, _("Security report"));
    if (name)
        mm_buf_printf(&title, ": %s%s%s", name, version ? " " : "", version ? version : "");
    char date[32] = "";
    time_t now = (time_t)o->now;
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &tm);
    if (d.html) {
        mm_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                      mm_i18n_lang());
        put(&d, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        mm_buf_printf(out, "<meta name=\"generator\" content=\"mamori %s\">\n", MAMORI_VERSION);
        put(&d, "<title>");
        esc(&d, mm_buf_cstr(&title));
        put(&d, "</title>\n<style>");
        put(&d, css);
        put(&d, "</style>\n</head>\n<body>\n<header>\n<h1>");
        esc(&d, mm_buf_cstr(&title));
        put(&d, "</h1>\n<p class=\"meta\">");
    } else {
        put(&d, "# ");
        esc(&d, mm_buf_cstr(&title));
        put(&d, "\n\n");
    }
    escf(&d, _("Written by mamori %s on %s, for the person who signs off a release. Based on the "
               "guidance of METI for IoT product security (the six measures), with checklists "
               "for ETSI EN 303 645, JC-STAR star 1 and the EU Cyber Resilience Act (Annex I)."),
         MAMORI_VERSION, date);
    put(&d, d.html ? "</p>\n</header>\n<main>\n" : "\n\n");
    if (d.html) {
        put(&d, "<nav><ol>");
        static const struct {
            const char *id, *label;
        } toc[] = {
            {"product", N_("The product")},
            {"summary", N_("Summary")},
            {"measures", N_("The six measures (METI)")},
            {"findings", N_("Findings by measure, category and rule")},
            {"etsi", N_("ETSI EN 303 645")},
            {"jcstar", N_("JC-STAR star 1")},
            {"cra", N_("EU Cyber Resilience Act, Annex I")},
            {"sbom", N_("Components and SBOM")},
            {"history", N_("Secrets in git history")},
        };
        for (size_t i = 0; i < MM_ARRAY_LEN(toc); i++) {
            put(&d, "<li>");
            anchor_link(&d, toc[i].id, _(toc[i].label));
            put(&d, "</li>");
        }
        put(&d, "</ol></nav>\n");
    }
    product_section(&d, proj, nresults ? results[0] : NULL);
    summary_section(&d);
    measures_section(&d, proj);
    findings_section(&d);
    heading(&d, 2, "checklists", _("Checklists of the standards"));
    checklist(&d, "etsi", "etsi", _("ETSI EN 303 645"), NULL);
    checklist(&d, "jcstar", "jcstar", _("JC-STAR star 1"), jstr(standards, "jcstar_note"));
    checklist(&d, "cra", "cra", _("EU Cyber Resilience Act, Annex I"), NULL);
    sbom_section(&d, proj);
    history_section(&d, history_scanned);
    if (d.html)
        put(&d, "</main>\n</body>\n</html>\n");
    mm_buf_free(&title);
    mm_vec_free(&d.all);
}
