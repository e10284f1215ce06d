/* finding.c: freeing findings, notices and suppressions; making notices; redacting secrets. */
#include "model/finding.h"

#include "base/i18n.h"

#include <stdlib.h>
#include <string.h>

void mm_finding_free(mm_finding *f)
{
    free(f->path);
    free(f->message);
    free(f->snippet);
    free(f->vars);
    free(f->callee);
    free(f->fits_calls);
    free(f->requires_fact);
    free(f->unless_fact);
    free(f->demote_unless_fact);
    free(f->supp_reason);
    free(f->component);
    for (size_t i = 0; i < f->nflow; i++) {
        free(f->flow[i].path);
        free(f->flow[i].message);
    }
    free(f->flow);
}

void mm_notice_free(mm_notice *n)
{
    free(n->path);
    free(n->code);
    free(n->message);
    free(n->detail);
}

void mm_suppression_free(mm_suppression *s)
{
    free(s->path);
    free(s->rules);
    free(s->reason);
    free(s->snippet);
}

mm_notice mm_notice_vmake(const char *path, unsigned line, mm_notice_level level,
                          const char *code, const char *fmt, va_list ap)
{
    mm_buf b = {0};
    /* in the language of messages (the scan cache keeps one set of results per language) */
    mm_buf_vprintf(&b, mm_tr(fmt), ap);
    return (mm_notice){path ? mm_xstrdup(path) : NULL, line, line ? 1 : 0, level,
                       mm_xstrdup(code), mm_buf_cstr(&b)};
}

char *mm_redact(mm_arena *a, const char *s, size_t n)
{
    char sha[65];
    mm_sha256_hex(s, n, sha);
    /* show at most an eighth of the value each side, never more than 4 characters, and only
     * plain ASCII; values under 8 characters show nothing */
    size_t k = n / 8;
    if (k > 4)
        k = 4;
    for (size_t i = 0; i < k; i++) {
        if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e ||
            (unsigned char)s[n - 1 - i] < 0x21 || (unsigned char)s[n - 1 - i] > 0x7e)
            k = 0;
    }
    return mm_arena_printf(a, "%.*s***%.*s [redacted: %zu chars, sha256:%.8s]", (int)k, s,
                           (int)k, s + n - k, n, sha);
}
