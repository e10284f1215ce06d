/* redact.c: a libFuzzer target over redaction — mm_redact on any bytes (at most four printable
 * ASCII characters shown each side, never more than an eighth of the value), and the credentials
 * rules through the per-file pipeline: whatever value a matcher marks as a secret never reaches
 * a finding's snippet, message, variables or a notice whole.
 *
 * Input: the path on the first line (main/secrets.h when empty), then the bytes.
 * tests/fuzz/run.sh redact SECONDS; driver.c replays the seeds in every build. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static bool holds(const char *hay, size_t hn, const char *needle, size_t n)
{
    return hay && n && hn >= n && memmem(hay, hn, needle, n) != NULL;
}

/* Does v[0, n) occur in f outside every span the matchers marked secret? */
static bool elsewhere(const mm_file *f, const char *v, size_t n)
{
    for (const char *p = f->data, *end = f->data + f->len;
         (p = memmem(p, (size_t)(end - p), v, n)) != NULL; p++) {
        size_t at = (size_t)(p - f->data);
        bool inside = false;
        for (size_t i = 0; i < f->secrets.n && !inside; i++)
            inside = at >= f->secrets.v[i].start && at + n <= f->secrets.v[i].end;
        if (!inside)
            return true;
    }
    return false;
}

/* Do the rule's own words hold v: its message template, or a variable of rule or program text
 * ("=name", never source text)? */
static bool rule_words(const mm_finding *fi, const char *v, size_t n)
{
    const char *tm = fi->rule->message;
    if (holds(tm, tm ? strlen(tm) : 0, v, n))
        return true;
    for (const char *p = fi->vars; p && *p;) { /* "name\0value\0...\0" */
        const char *val = p + strlen(p) + 1;
        if (p[0] == '=' && holds(val, strlen(val), v, n))
            return true;
        p = val + strlen(val) + 1;
    }
    return false;
}

static void check(mm_file *f, void *arg)
{
    (void)arg;
    for (size_t i = 0; i < f->secrets.n; i++) {
        const mm_secret_span *sp = &f->secrets.v[i];
        fz_check_span("secret", sp->start, sp->end, f->len);
        size_t n = sp->end - sp->start;
        if (n < 8)
            continue; /* short values show nothing, but a few bytes may occur anywhere */
        const char *v = f->data + sp->start;
        if (elsewhere(f, v, n))
            continue; /* the same text stands in the file outside every secret (a word such as
                         "password" that is also a name): output quoting that is not a leak */
        for (size_t k = 0; k < f->findings.n; k++) {
            const mm_finding *fi = &f->findings.v[k];
            const char *s = fi->snippet, *m = fi->message;
            /* the rule's own words are no leak */
            if (holds(s, s ? strlen(s) : 0, v, n) ||
                (holds(m, m ? strlen(m) : 0, v, n) && !rule_words(fi, v, n)))
                fz_fail("finding %zu (%s) shows the secret at [%u, %u)", k, fi->rule->id,
                        sp->start, sp->end);
            for (const char *p = fi->vars; p && *p;) { /* "name\0value\0...\0" */
                bool rule_text = p[0] == '=';
                p += strlen(p) + 1;
                if (!rule_text && holds(p, strlen(p), v, n))
                    fz_fail("finding %zu (%s): a message variable holds the secret", k,
                            fi->rule->id);
                p += strlen(p) + 1;
            }
        }
        for (size_t k = 0; k < f->notices.n; k++) {
            const char *m = f->notices.v[k].message;
            if (holds(m, m ? strlen(m) : 0, v, n))
                fz_fail("notice %s shows the secret", f->notices.v[k].code);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mm_arena a = {0};
    const char *r = mm_redact(&a, (const char *)data, size);
    size_t shown = size / 8 < 4 ? size / 8 : 4;
    const char *stars = strstr(r, "***");
    if (!stars || (size_t)(stars - r) > shown)
        fz_fail("mm_redact shows %zu bytes before ***, at most %zu allowed",
                stars ? (size_t)(stars - r) : strlen(r), shown);
    for (const char *p = r; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
            fz_fail("mm_redact output holds byte 0x%02x", (unsigned char)*p);
    mm_arena_free(&a);

    char path[256], *text;
    size_t len;
    fz_split(data, size, "main/secrets.h", path, &text, &len);
    fz_scan_file(path, text, len, false, check, NULL);
    free(text);
    return 0;
}
