/* report_text.c: the compiler-style text report — `path:line:col: severity: message [rule-id]`,
 * the source line (secrets redacted) with a caret, and a summary. IDEs and editors jump to
 * these lines as they do to compiler diagnostics. */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "report/report.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"
#define C_DIM "\033[2m"

static const char *sev_color(mm_severity s)
{
    return s == MM_SEV_ERROR ? C_RED : s == MM_SEV_WARNING ? C_YELLOW : C_CYAN;
}

/* Appends text with control characters made visible, so a hostile file cannot drive the
 * terminal (escape sequences in a snippet or path): C0 controls and DEL, C1 controls (U+0080 to
 * U+009F, CSI among them) and bytes that are not UTF-8 (a raw 0x9b is CSI to an 8-bit terminal)
 * are written as \xNN, byte by byte. */
static void put_safe(mm_buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = mm_utf8_seq(p + i, n - i, &cp);
        bool bad = (p[i] >= 0x80 && k == 1) || (cp >= 0x80 && cp <= 0x9f);
        if (p[i] == '\t') {
            mm_buf_putc(out, ' ');
        } else if (p[i] < 0x20 || p[i] == 0x7f || bad) {
            for (size_t j = 0; j < k; j++)
                mm_buf_printf(out, "\\x%02x", p[i + j]);
        } else {
            mm_buf_put(out, s + i, k);
        }
        i += k;
    }
}

/* A file's path from the current directory: "main/app.c" run inside the project's "fw/",
 * "../lib/x.c" for a file beside it. */
static void put_path(mm_buf *out, const mm_scan *s, const char *rel, bool absolute)
{
    if (absolute) {
        /* root + rel, with the "../" of a file outside the root resolved */
        mm_buf b = {0};
        mm_buf_puts(&b, strcmp(s->root, "/") ? s->root : "");
        for (const char *p = rel; *p;) {
            const char *e = strchr(p, '/');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (n == 2 && !strncmp(p, "..", 2)) {
                char *slash = b.len ? strrchr(mm_buf_cstr(&b), '/') : NULL;
                if (slash)
                    b.len = (size_t)(slash - b.data);
            } else if (!(n == 1 && *p == '.')) {
                mm_buf_putc(&b, '/');
                mm_buf_put(&b, p, n);
            }
            p = e ? e + 1 : p + n;
        }
        put_safe(out, mm_buf_cstr(&b));
        mm_buf_free(&b);
        return;
    }
    if (!s->cwd_rel) {
        put_safe(out, s->display_prefix);
        put_safe(out, rel);
        return;
    }
    /* the directories both share, then one "../" per directory of the cwd left */
    const char *c = s->cwd_rel, *r = rel;
    for (;;) {
        const char *ce = strchr(c, '/'), *re = strchr(r, '/');
        size_t cl = ce ? (size_t)(ce - c) : strlen(c);
        if (!*c || !re || (size_t)(re - r) != cl || strncmp(c, r, cl))
            break;
        r = re + 1;
        c = ce ? ce + 1 : c + cl;
    }
    for (const char *p = c; *p; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p))
        mm_buf_puts(out, "../");
    put_safe(out, r);
}

static void plural(mm_buf *out, unsigned n, const char *one, const char *many)
{
    mm_buf_printf(out, "%u %s", n, n == 1 ? one : many);
}

void mm_report_text(const mm_scan *s, const mm_report_opts *o, mm_buf *out)
{
    for (size_t i = 0; i < s->findings.n; i++) {
        const mm_finding *f = &s->findings.v[i];
        if (f->suppressed)
            continue;
        if (o->color)
            mm_buf_puts(out, C_BOLD);
        put_path(out, s, f->path, o->absolute_paths);
        mm_buf_printf(out, ":%u:%u:", f->line, f->col);
        if (o->color)
            mm_buf_printf(out, C_RESET " %s%s:" C_RESET " ", sev_color(f->severity),
                          mm_severity_name(f->severity));
        else
            mm_buf_printf(out, " %s: ", mm_severity_name(f->severity));
        put_safe(out, f->message);
        /* which engine saw it, when that is not the rule's usual one (-v): the deep tier */
        if (o->verbose && f->engine && f->rule->kind && strcmp(f->engine, f->rule->kind->engine))
            mm_buf_printf(out, " [%s, %s]", f->rule->id, f->engine);
        else
            mm_buf_printf(out, " [%s]", f->rule->id);
        if (f->role != MM_ROLE_PRODUCT) {
            /* where it is: an example, a test, a vendored component (mamori roles says why) */
            mm_buf_printf(out, " [%s", mm_role_names[f->role]);
            if (f->component) {
                mm_buf_puts(out, ": ");
                put_safe(out, f->component);
            }
            mm_buf_putc(out, ']');
        }
        mm_buf_putc(out, '\n');
        if (f->snippet && f->snippet[0]) {
            /* the line without its indentation, and a caret under the column */
            const char *sn = f->snippet;
            unsigned skipped = 0;
            while (*sn == ' ' || *sn == '\t') {
                sn++;
                skipped++;
            }
            mm_buf_puts(out, "    ");
            put_safe(out, sn);
            mm_buf_putc(out, '\n');
            if (strncmp(sn, "...", 3) != 0 && f->col > skipped) {
                mm_buf_puts(out, "    ");
                for (unsigned c = skipped + 1; c < f->col; c++)
                    mm_buf_putc(out, ' ');
                if (o->color)
                    mm_buf_printf(out, "%s^" C_RESET "\n", sev_color(f->severity));
                else
                    mm_buf_puts(out, "^\n");
            }
        }
        if (f->origin && f->origin->kind == MM_ORIGIN_COMMIT) {
            /* history: the commit that brought it, and whether HEAD still has it */
            char date[32];
            mm_origin_date(f->origin, date);
            mm_buf_printf(out, _("    added in commit %.12s on %.10s"), f->origin->commit, date);
            if (f->origin->email) {
                mm_buf_puts(out, " by ");
                put_safe(out, f->origin->email);
            }
            mm_buf_puts(out, f->at_head > 0    ? _("; still at HEAD\n")
                             : f->at_head == 0 ? _("; no longer at HEAD (still in history)\n")
                                               : "\n");
        }
    }
    unsigned total = s->counts[MM_SEV_ERROR] + s->counts[MM_SEV_WARNING] + s->counts[MM_SEV_NOTE];
    if (strcmp(mm_i18n_lang(), "en") != 0 && s->mode != MM_INPUT_HISTORY) {
        /* one sentence per language: English keeps its plurals below */
        if (!total)
            mm_buf_printf(out, _("mamori: no findings in %zu files"), s->files_scanned);
        else
            mm_buf_printf(out, _("mamori: %u errors, %u warnings, %u notes in %zu files"),
                          s->counts[MM_SEV_ERROR], s->counts[MM_SEV_WARNING],
                          s->counts[MM_SEV_NOTE], s->files_scanned);
        if (s->suppressed)
            mm_buf_printf(out, _(" (%u suppressed)"), s->suppressed);
        mm_buf_putc(out, '\n');
        mm_report_role_summary(s, out);
        return;
    }
    mm_buf_puts(out, "mamori: ");
    if (!total) {
        mm_buf_puts(out, "no findings");
    } else {
        plural(out, s->counts[MM_SEV_ERROR], "error", "errors");
        mm_buf_puts(out, ", ");
        plural(out, s->counts[MM_SEV_WARNING], "warning", "warnings");
        mm_buf_puts(out, ", ");
        plural(out, s->counts[MM_SEV_NOTE], "note", "notes");
    }
    mm_buf_puts(out, " in ");
    if (s->mode == MM_INPUT_HISTORY) {
        plural(out, (unsigned)s->files_scanned, "blob", "blobs");
        mm_buf_puts(out, " of ");
        plural(out, (unsigned)(s->commits_scanned + s->commits_cached), "commit", "commits");
    } else {
        plural(out, (unsigned)s->files_scanned,
               s->mode == MM_INPUT_STAGED ? "staged file" : s->mode == MM_INPUT_DIFF ? "changed file" : "file",
               s->mode == MM_INPUT_STAGED ? "staged files" : s->mode == MM_INPUT_DIFF ? "changed files" : "files");
    }
    if (s->suppressed)
        mm_buf_printf(out, " (%u suppressed)", s->suppressed);
    mm_buf_putc(out, '\n');
    mm_report_role_summary(s, out);
}

void mm_report_role_summary(const mm_scan *s, mm_buf *out)
{
    unsigned total = 0;
    for (int r = 0; r < MM_ROLE__COUNT; r++)
        total += s->role_counts[r];
    if (total == s->role_counts[MM_ROLE_PRODUCT])
        return; /* all of it is product: nothing to tell apart */
    mm_buf_puts(out, _("mamori: by role:"));
    const char *sep = " ";
    for (int r = 0; r < MM_ROLE__COUNT; r++) {
        if (!s->role_counts[r])
            continue;
        mm_buf_printf(out, "%s%u %s", sep, s->role_counts[r], mm_role_names[r]);
        sep = ", ";
    }
    unsigned counted = 0;
    for (int sev = MM_SEV_NOTE; sev <= MM_SEV_ERROR; sev++)
        counted += s->fail_counts[sev];
    if (counted < total)
        mm_buf_printf(out,
                      mm_ntr("; %u outside the product is a note that does not count for "
                             "--fail-on (`mamori roles` says why)",
                             "; %u outside the product are notes that do not count for "
                             "--fail-on (`mamori roles` says why)",
                             total - counted),
                      total - counted);
    mm_buf_putc(out, '\n');
}

/* One notice as a compiler says it: "path:line:col: note: message", or "mamori: note: message"
 * when it is about the whole scan. */
static void put_notice(mm_buf *out, const mm_scan *s, const mm_report_opts *o, const mm_notice *n)
{
    if (n->path) {
        put_path(out, s, n->path, o->absolute_paths);
        if (n->line)
            mm_buf_printf(out, ":%u:%u", n->line, n->col ? n->col : 1);
        mm_buf_puts(out, ": ");
    } else {
        mm_buf_puts(out, "mamori: ");
    }
    mm_buf_printf(out, "%s: ", n->level == MM_NOTICE_WARNING ? "warning" : "note");
    put_safe(out, n->message);
    if (n->detail && o->verbose) {
        mm_buf_puts(out, ": ");
        put_safe(out, n->detail);
    } else if (n->detail) {
        mm_buf_puts(out, " (--verbose lists them)");
    }
}

void mm_report_notices(const mm_scan *s, const mm_report_opts *o, mm_buf *out)
{
    if (o->verbose) {
        for (size_t i = 0; i < s->notices.n; i++) {
            put_notice(out, s, o, &s->notices.v[i]);
            mm_buf_printf(out, " [%s]\n", s->notices.v[i].code);
        }
        return;
    }
    /* one line per kind of notice: the first one, and how many more there are */
    typedef struct kind {
        const mm_notice *first;
        size_t count, listed; /* notices of the kind, and how many are listed one by one */
    } kind;
    MM_VEC(kind) kinds = {0};
    for (size_t i = 0; i < s->notices.n; i++) {
        const mm_notice *n = &s->notices.v[i];
        size_t k = 0;
        while (k < kinds.n && strcmp(kinds.v[k].first->code, n->code) != 0)
            k++;
        if (k == kinds.n) {
            kind nk = {n, 0, 0};
            mm_vec_push(&kinds, nk);
        } else if (kinds.v[k].first->count && !n->count) {
            kinds.v[k].first = n; /* show a listed one, not the one that counts the rest */
        }
        kinds.v[k].count += n->count ? n->count : 1;
        kinds.v[k].listed += n->count ? 0 : 1;
    }
    for (size_t k = 0; k < kinds.n; k++) {
        const mm_notice *first = kinds.v[k].first;
        put_notice(out, s, o, first);
        size_t more = kinds.v[k].count - (first->count ? first->count : 1);
        if (more && kinds.v[k].listed == kinds.v[k].count)
            mm_buf_printf(out, "; and %zu more like it (--verbose lists them)", more);
        else if (more)
            mm_buf_printf(out, "; and %zu more like it (--verbose lists the first %zu)", more,
                          kinds.v[k].listed);
        mm_buf_printf(out, " [%s]\n", first->code);
    }
    mm_vec_free(&kinds);
}
