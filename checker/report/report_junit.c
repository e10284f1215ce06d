/* report_junit.c: JUnit XML for CI systems that show only test results (Jenkins, GitLab's test
 * report, Azure Pipelines). One test suite per category and one test case per rule that ran,
 * so the same tests appear run after run and a test's history means something: a rule's case
 * fails when it has unsuppressed findings at or above --fail-on (so the report agrees with the
 * exit code), and lists them in compiler format; findings below the threshold are listed in
 * its system-out. */
#include <stdint.h>
#include <string.h>

#include "report/report.h"

/* XML 1.0 text: markup characters escaped, invalid UTF-8 and the control characters XML forbids
 * replaced by U+FFFD, so any file name or snippet gives a well-formed report */
static void xml(mm_buf *b, const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = mm_utf8_seq(p + i, n - i, &cp);
        bool bad = (l == 1 && p[i] >= 0x80) || (cp < 0x20 && cp != '\t' && cp != '\n') ||
                   cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF);
        if (bad)
            mm_buf_puts(b, "\xEF\xBF\xBD");
        else if (cp == '&')
            mm_buf_puts(b, "&amp;");
        else if (cp == '<')
            mm_buf_puts(b, "&lt;");
        else if (cp == '>')
            mm_buf_puts(b, "&gt;");
        else if (cp == '"')
            mm_buf_puts(b, "&quot;");
        else if (cp == '\'')
            mm_buf_puts(b, "&apos;");
        else
            mm_buf_put(b, p + i, l);
        i += l;
    }
}

static void finding_line(mm_buf *b, const mm_finding *f)
{
    mm_buf t = {0};
    mm_buf_printf(&t, "%s:%u:%u: %s: %s [%s]\n", f->path, f->line, f->col,
                  mm_severity_name(f->severity), f->message, f->rule->id);
    xml(b, mm_buf_cstr(&t));
    mm_buf_free(&t);
}

static bool fails(const mm_finding *f, mm_severity fail_on)
{
    /* a note its role made (an example's, a test's) fails nothing, as for the exit code */
    return !f->suppressed && !f->demoted && fail_on != MM_SEV_NONE && f->severity >= fail_on;
}

void mm_report_junit(const mm_scan *s, const mm_report_opts *o, mm_buf *b)
{
    const mm_ruleset *rs = s->rules;
    size_t tests = rs->rules.n, failures = 0;
    for (size_t r = 0; r < rs->rules.n; r++) {
        for (size_t i = 0; i < s->findings.n; i++) {
            if (s->findings.v[i].rule == rs->rules.v[r] && fails(&s->findings.v[i], o->fail_on)) {
                failures++;
                break;
            }
        }
    }
    mm_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    mm_buf_printf(b,
                  "<testsuites name=\"mamori\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
                  "skipped=\"0\" time=\"0\">\n",
                  tests, failures);
    for (int c = 0; c < MM_CAT__COUNT; c++) {
        size_t ct = 0, cf = 0;
        for (size_t r = 0; r < rs->rules.n; r++) {
            if ((int)rs->rules.v[r]->category != c)
                continue;
            ct++;
            for (size_t i = 0; i < s->findings.n; i++) {
                if (s->findings.v[i].rule == rs->rules.v[r] &&
                    fails(&s->findings.v[i], o->fail_on)) {
                    cf++;
                    break;
                }
            }
        }
        if (!ct)
            continue;
        const char *cat = mm_categories[c].name;
        mm_buf_printf(b,
                      "  <testsuite name=\"mamori.%s\" tests=\"%zu\" failures=\"%zu\" "
                      "errors=\"0\" skipped=\"0\" time=\"0\">\n",
                      cat, ct, cf);
        for (size_t r = 0; r < rs->rules.n; r++) {
            const mm_rule *rule = rs->rules.v[r];
            if ((int)rule->category != c)
                continue;
            size_t nfail = 0, nbelow = 0, nsupp = 0;
            for (size_t i = 0; i < s->findings.n; i++) {
                const mm_finding *f = &s->findings.v[i];
                if (f->rule != rule)
                    continue;
                if (f->suppressed)
                    nsupp++;
                else if (fails(f, o->fail_on))
                    nfail++;
                else
                    nbelow++;
            }
            mm_buf_printf(b, "    <testcase classname=\"mamori.%s\" name=\"", cat);
            xml(b, rule->id);
            mm_buf_puts(b, "\" time=\"0\"");
            if (!nfail && !nbelow && !nsupp) {
                mm_buf_puts(b, "/>\n");
                continue;
            }
            mm_buf_puts(b, ">\n");
            if (nfail) {
                mm_buf_printf(b, "      <failure type=\"%s\" message=\"%zu finding%s: ",
                              mm_severity_name(o->fail_on), nfail, nfail == 1 ? "" : "s");
                xml(b, rule->title);
                mm_buf_puts(b, "\">");
                for (size_t i = 0; i < s->findings.n; i++) {
                    if (s->findings.v[i].rule == rule && fails(&s->findings.v[i], o->fail_on))
                        finding_line(b, &s->findings.v[i]);
                }
                mm_buf_puts(b, "</failure>\n");
            }
            if (nbelow || nsupp) {
                mm_buf_puts(b, "      <system-out>");
                for (size_t i = 0; i < s->findings.n; i++) {
                    const mm_finding *f = &s->findings.v[i];
                    if (f->rule == rule && !f->suppressed && !fails(f, o->fail_on))
                        finding_line(b, f);
                }
                if (nsupp)
                    mm_buf_printf(b, "%zu suppressed (inline or as accepted risks)\n", nsupp);
                mm_buf_puts(b, "</system-out>\n");
            }
            mm_buf_puts(b, "    </testcase>\n");
        }
        mm_buf_puts(b, "  </testsuite>\n");
    }
    mm_buf_puts(b, "</testsuites>\n");
}
