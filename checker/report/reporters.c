/* reporters.c: the one list of output formats, and helpers the reporters share. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/version.h"
#include "report/report.h"

static const mm_reporter reporters[] = {
    {"text", "path:line:col: severity: message [rule-id], with a redacted snippet", mm_report_text},
    {"json", "findings as JSON (schema: checker/schema/findings-v1.schema.json)", mm_report_json},
    {"sarif", "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers", mm_report_sarif},
    {"github", "GitHub Actions annotations (workflow commands), for runs without code scanning",
     mm_report_github},
    {"gitlab-sast", "GitLab SAST report (gl-sast-report.json, schema 15.1.4)", mm_report_gitlab},
    {"junit", "JUnit XML: one test case per rule, failed when it has findings at --fail-on",
     mm_report_junit},
};

const mm_reporter *mm_reporter_find(const char *name)
{
    for (size_t i = 0; i < MM_ARRAY_LEN(reporters); i++) {
        if (!strcmp(reporters[i].name, name))
            return &reporters[i];
    }
    return NULL;
}

void mm_reporter_names(mm_buf *out)
{
    for (size_t i = 0; i < MM_ARRAY_LEN(reporters); i++)
        mm_buf_printf(out, "%s%s", i ? ", " : "", reporters[i].name);
}

char *mm_rule_pascal_name(const char *id)
{
    mm_buf b = {0};
    bool up = true;
    for (const char *p = id; *p; p++) {
        if (*p == '-') {
            up = true;
            continue;
        }
        mm_buf_putc(&b, up ? (char)toupper((unsigned char)*p) : *p);
        up = false;
    }
    return mm_buf_cstr(&b);
}

char *mm_help_first_paragraph(const char *md)
{
    /* the first paragraph that is not a heading, as one line of plain text */
    const char *p = md;
    for (;;) {
        while (*p == '\n')
            p++;
        if (*p != '#')
            break;
        p = strchr(p, '\n');
        if (!p)
            return mm_xstrdup("");
    }
    const char *end = strstr(p, "\n\n");
    size_t n = end ? (size_t)(end - p) : strlen(p);
    mm_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '\n')
            c = ' ';
        if (c == '`' || c == '*')
            continue;
        mm_buf_putc(&b, c);
    }
    return mm_buf_cstr(&b);
}

char *mm_rule_help_uri(const mm_rule *r)
{
    if (r->builtin)
        return mm_xasprintf("%s/blob/main/%s", MAMORI_URL, r->source);
    return mm_xasprintf("%s#writing-rules", MAMORI_URL);
}

bool mm_scan_failed(const mm_scan *s, mm_severity fail_on)
{
    if (fail_on == MM_SEV_NONE)
        return false;
    /* findings a role made notes (examples, tests, tools ...) do not count */
    for (int sev = fail_on; sev <= MM_SEV_ERROR; sev++) {
        if (s->fail_counts[sev])
            return true;
    }
    return false;
}

void mm_origin_date(const mm_origin *o, char out[32])
{
    time_t t = (time_t)(o->time + (int64_t)o->tz * 60);
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        snprintf(out, 32, "1970-01-01T00:00:00+00:00");
        return;
    }
    char date[24];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    int tz = o->tz < 0 ? -o->tz : o->tz;
    snprintf(out, 32, "%s%c%02d:%02d", date, o->tz < 0 ? '-' : '+', (tz / 60) % 100, tz % 60);
}

const char *mm_input_name(mm_input_mode m)
{
    switch (m) {
    case MM_INPUT_STAGED: return "staged";
    case MM_INPUT_DIFF: return "diff";
    case MM_INPUT_HISTORY: return "history";
    default: return NULL;
    }
}
