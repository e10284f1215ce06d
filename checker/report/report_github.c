/* report_github.c: GitHub Actions workflow commands, one annotation per finding, for runs
 * without code scanning: `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message`.
 * Escaping follows actions/toolkit (packages/core/src/command.ts): in the message, % CR LF
 * become %25 %0D %0A; in a property, also : and , become %3A and %2C. So a hostile file name
 * or message cannot end the command early or start another one. */
#include <string.h>

#include "report/report.h"

static void escape(mm_buf *b, const char *s, bool property)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '%': mm_buf_puts(b, "%25"); break;
        case '\r': mm_buf_puts(b, "%0D"); break;
        case '\n': mm_buf_puts(b, "%0A"); break;
        case ':':
            if (property)
                mm_buf_puts(b, "%3A");
            else
                mm_buf_putc(b, ':');
            break;
        case ',':
            if (property)
                mm_buf_puts(b, "%2C");
            else
                mm_buf_putc(b, ',');
            break;
        default: mm_buf_putc(b, *p);
        }
    }
}

static const char *command(mm_severity s)
{
    return s == MM_SEV_ERROR ? "error" : s == MM_SEV_WARNING ? "warning" : "notice";
}

void mm_report_github(const mm_scan *s, const mm_report_opts *o, mm_buf *out)
{
    (void)o;
    for (size_t i = 0; i < s->findings.n; i++) {
        const mm_finding *f = &s->findings.v[i];
        if (f->suppressed)
            continue;
        mm_buf_printf(out, "::%s file=", command(f->severity));
        escape(out, f->path, true);
        mm_buf_printf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", f->line, f->col,
                      f->end_line, f->end_col);
        mm_buf title = {0};
        mm_buf_printf(&title, "%s: %s", f->rule->id, f->rule->title);
        escape(out, mm_buf_cstr(&title), true);
        mm_buf_free(&title);
        mm_buf_puts(out, "::");
        escape(out, f->message, false);
        mm_buf_puts(out, " [");
        escape(out, f->rule->id, false);
        mm_buf_putc(out, ']');
        if (f->role != MM_ROLE_PRODUCT) { /* where it is, as in the text report */
            mm_buf_printf(out, " [%s", mm_role_names[f->role]);
            if (f->component) {
                mm_buf_puts(out, ": ");
                escape(out, f->component, false);
            }
            mm_buf_putc(out, ']');
        }
        mm_buf_putc(out, '\n');
    }
    /* what needs a person's eye but is no finding: accepted risks expired or unmatched, files
     * that could not be read */
    for (size_t i = 0; i < s->notices.n; i++) {
        const mm_notice *n = &s->notices.v[i];
        if (n->level != MM_NOTICE_WARNING)
            continue;
        mm_buf_puts(out, "::warning ");
        if (n->path) {
            mm_buf_puts(out, "file=");
            escape(out, n->path, true);
            if (n->line)
                mm_buf_printf(out, ",line=%u", n->line);
            mm_buf_putc(out, ',');
        }
        mm_buf_puts(out, "title=");
        mm_buf title = {0};
        mm_buf_printf(&title, "mamori: %s", n->code);
        escape(out, mm_buf_cstr(&title), true);
        mm_buf_free(&title);
        mm_buf_puts(out, "::");
        escape(out, n->message, false);
        mm_buf_putc(out, '\n');
    }
    mm_buf_printf(out, "mamori: %u error%s, %u warning%s, %u note%s in %zu file%s\n",
                  s->counts[MM_SEV_ERROR], s->counts[MM_SEV_ERROR] == 1 ? "" : "s",
                  s->counts[MM_SEV_WARNING], s->counts[MM_SEV_WARNING] == 1 ? "" : "s",
                  s->counts[MM_SEV_NOTE], s->counts[MM_SEV_NOTE] == 1 ? "" : "s",
                  s->files_scanned, s->files_scanned == 1 ? "" : "s");
}
