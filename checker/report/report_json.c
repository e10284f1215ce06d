/* report_json.c: the JSON report, version 1 (schema: checker/schema/findings-v1.schema.json).
 * Fields are only ever added within a version; a change of meaning gets a new version. */
#include <stdlib.h>
#include <string.h>

#include "base/version.h"
#include "report/report.h"

static void str(mm_buf *b, const char *s)
{
    if (!s) {
        mm_buf_puts(b, "null");
        return;
    }
    mm_buf_json_str(b, s, strlen(s));
}

/* Where the finding's bytes came from (git input sets only: a worktree finding has none). */
static void origin(mm_buf *b, const mm_finding *f)
{
    const mm_origin *o = f->origin;
    static const char *const kinds[] = {"worktree", "index", "commit"};
    mm_buf_printf(b, ", \"origin\": {\"kind\": \"%s\"", kinds[o->kind]);
    if (o->kind == MM_ORIGIN_COMMIT) {
        char date[32];
        mm_origin_date(o, date);
        mm_buf_printf(b, ", \"commit\": \"%s\", \"author_date\": \"%s\"", o->commit, date);
        if (o->email) {
            mm_buf_puts(b, ", \"author_email\": ");
            str(b, o->email);
        }
        mm_buf_puts(b, ", \"at_head\": ");
        mm_buf_puts(b, f->at_head < 0 ? "null" : f->at_head ? "true" : "false");
    }
    if (o->blob[0])
        mm_buf_printf(b, ", \"blob\": \"%s\"", o->blob);
    mm_buf_puts(b, "}");
}

void mm_report_json(const mm_scan *s, const mm_report_opts *o, mm_buf *b)
{
    mm_buf_puts(b, "{\n  \"schema\": \"mamori-findings\",\n  \"schema_version\": 1,\n");
    mm_buf_printf(b, "  \"tool\": {\"name\": \"mamori\", \"version\": \"%s\"},\n", MAMORI_VERSION);
    mm_buf_puts(b, "  \"root\": ");
    str(b, s->root);
    mm_buf_puts(b, ",\n  \"libc\": ");
    if (s->libc) {
        mm_buf_puts(b, "{\"name\": ");
        str(b, s->libc);
        mm_buf_puts(b, ", \"source\": ");
        str(b, s->libc_source);
        mm_buf_puts(b, "}");
    } else {
        mm_buf_puts(b, "null");
    }
    const char *input = mm_input_name(s->mode);
    if (input) {
        /* the git input sets: which commit HEAD was, and what a --diff compared with */
        mm_buf_puts(b, ",\n  \"git\": {\"head\": ");
        str(b, s->head[0] ? s->head : NULL);
        mm_buf_puts(b, ", \"branch\": ");
        str(b, s->branch);
        if (s->diff_base) {
            mm_buf_puts(b, ", \"diff_base\": ");
            str(b, s->diff_base);
        }
        mm_buf_puts(b, "}");
    }
    if (s->project) {
        /* what the repository shows of the product and the six measures (project/facts.c) */
        char *t = cJSON_PrintUnformatted(s->project);
        mm_buf_printf(b, ",\n  \"project\": %s", t ? t : "null");
        free(t);
    }
    mm_buf_printf(b,
                  ",\n  \"summary\": {\"files_scanned\": %zu, \"files_skipped\": %zu, "
                  "\"errors\": %u, \"warnings\": %u, \"notes\": %u, \"suppressed\": %u, "
                  "\"fail_on\": \"%s\", \"failed\": %s",
                  s->files_scanned, s->files_skipped, s->counts[MM_SEV_ERROR],
                  s->counts[MM_SEV_WARNING], s->counts[MM_SEV_NOTE], s->suppressed,
                  mm_severity_name(o->fail_on), mm_scan_failed(s, o->fail_on) ? "true" : "false");
    if (input)
        mm_buf_printf(b, ", \"input\": \"%s\"", input);
    if (input || s->cache_used)
        mm_buf_printf(b, ", \"files_from_cache\": %zu", (size_t)atomic_load(&s->from_cache));
    if (s->mode == MM_INPUT_HISTORY)
        mm_buf_printf(b, ", \"commits_scanned\": %zu, \"commits_from_cache\": %zu",
                      s->commits_scanned, s->commits_cached);
    /* unsuppressed findings per role, and how many of them count for fail_on */
    mm_buf_puts(b, ", \"roles\": {");
    for (int r = 0; r < MM_ROLE__COUNT; r++)
        mm_buf_printf(b, "%s\"%s\": %u", r ? ", " : "", mm_role_names[r], s->role_counts[r]);
    mm_buf_printf(b, "}, \"counted\": %u",
                  s->fail_counts[MM_SEV_ERROR] + s->fail_counts[MM_SEV_WARNING] +
                      s->fail_counts[MM_SEV_NOTE]);
    mm_buf_puts(b, "},\n");
    mm_buf_puts(b, "  \"findings\": [");
    for (size_t i = 0; i < s->findings.n; i++) {
        const mm_finding *f = &s->findings.v[i];
        mm_buf_puts(b, i ? ",\n    {" : "\n    {");
        mm_buf_puts(b, "\"rule_id\": ");
        str(b, f->rule->id);
        mm_buf_puts(b, ", \"category\": ");
        str(b, mm_categories[f->rule->category].name);
        mm_buf_printf(b, ", \"severity\": \"%s\", \"message\": ", mm_severity_name(f->severity));
        str(b, f->message);
        mm_buf_puts(b, ", \"path\": ");
        str(b, f->path);
        mm_buf_printf(b, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u",
                      f->line, f->col, f->end_line, f->end_col);
        mm_buf_puts(b, ", \"snippet\": ");
        str(b, f->snippet);
        mm_buf_printf(b, ", \"fingerprint\": \"%s\", \"engine\": \"%s\", \"profile\": ", f->fingerprint,
                      f->engine);
        str(b, f->profile);
        mm_buf_puts(b, ", \"cwe\": [");
        for (size_t k = 0; k < f->rule->cwe.n; k++)
            mm_buf_printf(b, "%s%d", k ? ", " : "", f->rule->cwe.v[k]);
        mm_buf_printf(b, "], \"role\": \"%s\"", mm_role_names[f->role]);
        if (f->component) {
            mm_buf_puts(b, ", \"component\": ");
            str(b, f->component);
        }
        mm_buf_printf(b, ", \"counted\": %s", f->demoted ? "false" : "true");
        mm_buf_puts(b, ", \"suppressed\": ");
        if (f->suppressed) {
            mm_buf_printf(b, "{\"kind\": \"%s\", \"reason\": ",
                          f->suppressed == MM_SUPP_INLINE ? "inline" : "accepted-risk");
            str(b, f->supp_reason);
            mm_buf_puts(b, "}");
        } else {
            mm_buf_puts(b, "null");
        }
        if (f->origin)
            origin(b, f);
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, s->findings.n ? "\n  ],\n" : "],\n");
    mm_buf_puts(b, "  \"notices\": [");
    for (size_t i = 0; i < s->notices.n; i++) {
        const mm_notice *n = &s->notices.v[i];
        mm_buf_puts(b, i ? ",\n    {" : "\n    {");
        mm_buf_printf(b, "\"level\": \"%s\", \"code\": ",
                      n->level == MM_NOTICE_WARNING ? "warning" : "note");
        str(b, n->code);
        mm_buf_puts(b, ", \"path\": ");
        str(b, n->path);
        mm_buf_printf(b, ", \"line\": %u, \"message\": ", n->line);
        str(b, n->message);
        if (n->detail) {
            mm_buf_puts(b, ", \"detail\": ");
            str(b, n->detail);
        }
        if (n->count > 1)
            mm_buf_printf(b, ", \"count\": %u", n->count);
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, s->notices.n ? "\n  ]\n}\n" : "]\n}\n");
}
