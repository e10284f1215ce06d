/* hyg_support.c: a declared support period that has not ended — product.support_until, or a
 * statement in the project's own documents. */
#define _GNU_SOURCE
#include "project/hygiene_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "model/policy.h"

/* ================================================================================================
 * support period: product.support_until, or a statement in the project's own documents */

static bool is_support_doc(const char *path)
{
    size_t dl = hyg_dir_len(path);
    if (dl && !hyg_ieq(path, dl, ".github") && !hyg_ieq(path, dl, "docs") && !hyg_ieq(path, dl, "doc"))
        return false;
    const char *base = path + (dl ? dl + 1 : 0);
    if (!hyg_is_text_doc(base))
        return false;
    if (hyg_history_doc(base))
        return false;
    static const char *const prefixes[] = {"readme", "security", "support", "lifecycle",
                                           "life-cycle", "end-of-life", "eol", "maintenance",
                                           "release", "サポート"};
    for (size_t i = 0; i < MM_ARRAY_LEN(prefixes); i++) {
        if (hyg_istarts(base, strlen(base), prefixes[i]))
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
    bool any = scan_dates(hyg_rx.sp_iso, D_ISO, s, n, end, col);
    any |= scan_dates(hyg_rx.sp_month, D_MONTH, s, n, end, col);
    any |= scan_dates(hyg_rx.sp_dmy, D_DMY, s, n, end, col);
    any |= scan_dates(hyg_rx.sp_ja, D_JA, s, n, end, col);
    any |= scan_dates(hyg_rx.sp_quarter, D_QUARTER, s, n, end, col);
    if (!any)
        any = scan_dates(hyg_rx.sp_year, D_YEAR, s, n, end, col);
    if (any)
        return true;
    size_t ov[2];
    if (mm_regex_find(hyg_rx.sp_duration, s, n, 0, ov, 1)) {
        memcpy(end, "duration", 9);
        *col = ov[0];
        return true;
    }
    return false;
}

bool mm_support_line(const char *line, size_t n, char end[11], size_t *col, bool *key_only)
{
    hyg_rx_ready();
    *key_only = false;
    end[0] = 0;
    *col = 0;
    if (!hyg_rx_in(hyg_rx.sp_key, line, n))
        return false;
    if (period_end(line, n, end, col))
        return true;
    *key_only = true;
    return false;
}

static void support_statement(mm_file *f, const hyg_lines *l, size_t i, const char *key)
{
    size_t n;
    const char *s = hyg_line_at(l, i, &n);
    char end[11];
    size_t col = 0;
    if (!period_end(s, n, end, &col))
        return;
    unsigned c = mm_utf8_col(s, col);
    hyg_put_hint(f, key, "%zu" US "%u" US "%s" US "%s", i + 1, c, end, f->path);
}

void mm_hygiene_collect_support_period(const mm_rule *rule, mm_file *f)
{
    if (!is_support_doc(f->path))
        return;
    hyg_rx_ready();
    const char *key = rule->match ? ((const mm_analyzer *)rule->match)->name : "support-period";
    if (!hyg_rx_in(hyg_rx.sp_key, f->data, f->len))
        return; /* one pass over the text: most documents never name the subject */
    char *t = hyg_doc_text(f);
    hyg_lines l;
    hyg_split_lines(f->arena, t, f->len, &l);
    bool adoc = !strcasecmp(hyg_ext_of(mm_path_base(f->path)), "adoc") ||
                !strcasecmp(hyg_ext_of(mm_path_base(f->path)), "asciidoc");
    for (size_t i = 0; i < l.n; i++) {
        size_t n;
        const char *s = hyg_line_at(&l, i, &n);
        char end[11];
        size_t col;
        bool key_only;
        if (mm_support_line(s, n, end, &col, &key_only)) {
            hyg_put_hint(f, key, "%zu" US "%u" US "%s" US "%s", i + 1, mm_utf8_col(s, col), end,
                     f->path);
            continue;
        }
        if (!key_only)
            continue;
        /* the subject without its end: read what follows — a heading's section, a table's
         * rows, or the rest of the paragraph */
        int level = hyg_heading_level(&l, i, adoc);
        size_t k = i + 1;
        if (level) {
            size_t lead = strspn(s, " ");
            if (lead >= n || (s[lead] != '#' && s[lead] != '='))
                k++; /* past the underline of an underlined title */
            for (size_t lim = 0; k < l.n && lim < 40; k++, lim++) {
                int h = hyg_heading_level(&l, k, adoc);
                if (h && h <= level)
                    break;
                support_statement(f, &l, k, key);
            }
        } else if (n && s[strspn(s, " \t")] == '|') {
            for (; k < l.n; k++) {
                size_t rn;
                const char *r = hyg_line_at(&l, k, &rn);
                if (hyg_comment_line(&l, f, k))
                    continue; /* not rendered: the table goes on */
                if (!rn || r[strspn(r, " \t")] != '|')
                    break;
                support_statement(f, &l, k, key);
            }
        } else {
            for (size_t lim = 0; k < l.n && lim < 3; k++, lim++) {
                size_t rn;
                const char *r = hyg_line_at(&l, k, &rn);
                if (hyg_comment_line(&l, f, k))
                    continue;
                if (hyg_blank_line(r, rn) || hyg_heading_level(&l, k, adoc))
                    break;
                support_statement(f, &l, k, key);
            }
        }
        i = k - 1;
    }
}

void mm_hygiene_support_period(const mm_rule *rule, mm_scan *s)
{
    if (!hyg_at_project_root(s))
        return;
    char now[11];
    mm_today(now);
    const mm_product *pr = s->policy && s->policy->has_product ? &s->policy->product : NULL;
    if (pr && pr->support_until) {
        if (strcmp(pr->support_until, now) >= 0)
            return;
        hyg_policy_pos pp;
        hyg_policy_pos_of(s, pr->where_support_until, &pp);
        char *detail =
            pr->name ? mm_xasprintf(_("the support period product.support_until declares for %s "
                                      "ended on %s: extend it, or announce the product's end "
                                      "of life"),
                                    pr->name, pr->support_until)
                     : mm_xasprintf(_("the support period product.support_until declares ended "
                                      "on %s: extend it, or announce the product's end of life"),
                                    pr->support_until);
        char *key = mm_xasprintf("ended %s", pr->support_until);
        hyg_project_finding pf = {pp.path, pp.line, pp.col, pp.snippet, key, NULL, detail};
        hyg_emit_project(rule, s, &pf);
        free(detail);
        free(key);
        hyg_policy_pos_free(&pp);
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
        if (hyg_hint_fields(copy, fl, 4) == 4) {
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
        char *at = hyg_anchor_path(s, "SECURITY.md");
        const char *pname = pr && pr->name ? pr->name : NULL;
        char *detail =
            pname ? mm_xasprintf(_("no support period declared for %s: say until when it gets "
                                   "security updates (\"Security updates until 2030-12-31\" in "
                                   "README.md or SECURITY.md), or set product.support_until in "
                                   "mamori.json"),
                                 pname)
                  : mm_xstrdup(_("no support period declared: say until when the product gets "
                                 "security updates (\"Security updates until 2030-12-31\" in "
                                 "README.md or SECURITY.md), or set product.support_until in "
                                 "mamori.json"));
        hyg_project_finding pf = {at, 1, 1, NULL, "missing", NULL, detail};
        hyg_emit_project(rule, s, &pf);
        free(detail);
        free(at);
    } else if (!open_ended && best && strcmp(best, now) < 0) {
        char *detail = mm_xasprintf(_("the support period declared here ended on %s: extend "
                                      "it, or announce the product's end of life"),
                                    best);
        char *key = mm_xasprintf("ended %s", best);
        hyg_project_finding pf = {best_path, best_line, best_col, NULL, key, NULL, detail};
        hyg_emit_project(rule, s, &pf);
        free(detail);
        free(key);
    }
    free(best);
    free(best_path);
}
