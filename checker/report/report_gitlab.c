/* report_gitlab.c: the GitLab SAST report (gl-sast-report.json) that merge requests and the
 * security dashboard show, as GitLab's security-report-schemas define it in version 15.1.4
 * (sast-report-format.json): a `scan` object (analyzer, scanner, times, status) and one
 * vulnerability per unsuppressed finding, with the rule as primary identifier, its CWEs after
 * it, and a stable id made from the finding's fingerprint. tests/gitlab checks real reports
 * against a schema written from that specification. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/version.h"
#include "report/report.h"

#define GITLAB_SCHEMA_VERSION "15.1.4"

static void str(mm_buf *b, const char *s)
{
    mm_buf_json_str(b, s ? s : "", s ? strlen(s) : 0);
}

/* at most max bytes, cut on a character boundary (GitLab rejects longer names) */
static void str_max(mm_buf *b, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    mm_buf_json_str(b, s, n);
}

static void iso_time(mm_buf *b, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    char out[32];
    strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S", &tm);
    mm_buf_printf(b, "\"%s\"", out);
}

/* GitLab's scale from the rule's security-severity (CVSS-like, as GitHub reads it), or from the
 * finding's severity when the rule has none */
static const char *gitlab_severity(const mm_finding *f)
{
    if (f->rule->security_severity && f->rule->security_severity[0]) {
        double v = atof(f->rule->security_severity);
        return v >= 9.0 ? "Critical" : v >= 7.0 ? "High" : v >= 4.0 ? "Medium" : v > 0 ? "Low"
                                                                                        : "Info";
    }
    return f->severity == MM_SEV_ERROR ? "High" : f->severity == MM_SEV_WARNING ? "Medium"
                                                                                : "Low";
}

void mm_report_gitlab(const mm_scan *s, const mm_report_opts *o, mm_buf *b)
{
    long long end = o->now ? o->now : (long long)time(NULL);
    long long start = o->started && o->started <= end ? o->started : end;
    mm_buf_puts(b, "{\n  \"version\": \"" GITLAB_SCHEMA_VERSION "\",\n");
    mm_buf_puts(b, "  \"schema\": \"https://gitlab.com/gitlab-org/security-products/"
                   "security-report-schemas/-/raw/v" GITLAB_SCHEMA_VERSION
                   "/dist/sast-report-format.json\",\n");
    mm_buf_puts(b, "  \"scan\": {\n    \"analyzer\": {\"id\": \"mamori\", \"name\": \"mamori\", "
                   "\"url\": ");
    str(b, MAMORI_URL);
    mm_buf_puts(b, ", \"version\": \"" MAMORI_VERSION "\", \"vendor\": {\"name\": \"mamori\"}},\n");
    mm_buf_puts(b, "    \"scanner\": {\"id\": \"mamori\", \"name\": \"mamori\", \"url\": ");
    str(b, MAMORI_URL);
    mm_buf_puts(b, ", \"version\": \"" MAMORI_VERSION "\", \"vendor\": {\"name\": \"mamori\"}},\n");
    mm_buf_puts(b, "    \"type\": \"sast\",\n    \"start_time\": ");
    iso_time(b, start);
    mm_buf_puts(b, ",\n    \"end_time\": ");
    iso_time(b, end);
    mm_buf_puts(b, ",\n    \"status\": \"success\",\n    \"messages\": [");
    size_t nm = 0;
    for (size_t i = 0; i < s->notices.n; i++) {
        const mm_notice *n = &s->notices.v[i];
        if (n->level != MM_NOTICE_WARNING)
            continue;
        mm_buf_puts(b, nm++ ? ",\n      " : "\n      ");
        mm_buf_puts(b, "{\"level\": \"warn\", \"value\": ");
        mm_buf m = {0};
        if (n->path)
            mm_buf_printf(&m, "%s: ", n->path);
        mm_buf_printf(&m, "%s [%s]", n->message, n->code);
        str(b, mm_buf_cstr(&m));
        mm_buf_free(&m);
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, nm ? "\n    ]\n  },\n" : "]\n  },\n");
    mm_buf_puts(b, "  \"vulnerabilities\": [");
    size_t nv = 0;
    for (size_t i = 0; i < s->findings.n; i++) {
        const mm_finding *f = &s->findings.v[i];
        if (f->suppressed)
            continue; /* accepted inline or in the policy: not for the dashboard */
        const mm_rule *r = f->rule;
        const char *fp = f->fingerprint;
        mm_buf_puts(b, nv++ ? ",\n    {" : "\n    {");
        mm_buf_printf(b, "\"id\": \"%.8s-%.4s-%.4s-%.4s-%.12s\", ", fp,
                      fp + 8, fp + 12, fp + 16, fp + 20);
        mm_buf_puts(b, "\"name\": ");
        str_max(b, r->title, 255);
        mm_buf_puts(b, ", \"description\": ");
        str_max(b, f->message, 1048576);
        char *solution = mm_help_first_paragraph(r->help);
        mm_buf_puts(b, ", \"solution\": ");
        str_max(b, solution, 7000);
        free(solution);
        mm_buf_printf(b, ", \"severity\": \"%s\"", gitlab_severity(f));
        mm_buf_puts(b, ", \"scanner\": {\"id\": \"mamori\", \"name\": \"mamori\"}");
        mm_buf_puts(b, ", \"location\": {\"file\": ");
        str(b, f->path);
        mm_buf_printf(b, ", \"start_line\": %u, \"end_line\": %u}", f->line,
                      f->end_line >= f->line ? f->end_line : f->line);
        char *uri = mm_rule_help_uri(r);
        mm_buf_puts(b, ", \"identifiers\": [{\"type\": \"mamori_rule_id\", \"name\": ");
        str(b, r->id);
        mm_buf_puts(b, ", \"value\": ");
        str(b, r->id);
        mm_buf_puts(b, ", \"url\": ");
        str(b, uri);
        mm_buf_puts(b, "}");
        free(uri);
        for (size_t k = 0; k < r->cwe.n; k++)
            mm_buf_printf(b,
                          ", {\"type\": \"cwe\", \"name\": \"CWE-%d\", \"value\": \"%d\", "
                          "\"url\": \"https://cwe.mitre.org/data/definitions/%d.html\"}",
                          r->cwe.v[k], r->cwe.v[k], r->cwe.v[k]);
        mm_buf_puts(b, "]");
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, nv ? "\n  ]\n}\n" : "]\n}\n");
}
