/* report_sarif.c: SARIF 2.1.0, shaped for GitHub code scanning: every loaded rule with its
 * metadata, repository-relative URIs under %SRCROOT%, code-point columns, redacted snippets,
 * partialFingerprints, and suppressed findings as `suppressions`. */
#include <stdlib.h>
#include <string.h>

#include "base/version.h"
#include "report/report.h"

static void str(mm_buf *b, const char *s)
{
    mm_buf_json_str(b, s ? s : "", s ? strlen(s) : 0);
}

/* RFC 3986 path: unreserved characters and '/' stay, every other byte is %XX. */
static void uri_path(mm_buf *b, const char *p)
{
    static const char hex[] = "0123456789ABCDEF";
    mm_buf_putc(b, '"');
    for (const unsigned char *c = (const unsigned char *)p; *c; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
            strchr("-._~/", *c))
            mm_buf_putc(b, (char)*c);
        else
            mm_buf_printf(b, "%%%c%c", hex[*c >> 4], hex[*c & 15]);
    }
    mm_buf_putc(b, '"');
}

static const char *level(mm_severity s)
{
    return s == MM_SEV_ERROR ? "error" : s == MM_SEV_WARNING ? "warning" : "note";
}

static void rule_object(mm_buf *b, const mm_rule *r)
{
    char *name = mm_rule_pascal_name(r->id);
    char *full = mm_help_first_paragraph(r->help);
    char *uri = mm_rule_help_uri(r);
    mm_buf_puts(b, "{\"id\": ");
    str(b, r->id);
    mm_buf_puts(b, ", \"name\": ");
    str(b, name);
    mm_buf_puts(b, ", \"shortDescription\": {\"text\": ");
    str(b, r->title);
    mm_buf_puts(b, "}, \"fullDescription\": {\"text\": ");
    str(b, full[0] ? full : r->title);
    mm_buf_puts(b, "}, \"help\": {\"text\": ");
    str(b, full[0] ? full : r->title);
    mm_buf_puts(b, ", \"markdown\": ");
    str(b, r->help);
    mm_buf_puts(b, "}, \"helpUri\": ");
    str(b, uri);
    mm_buf_printf(b, ", \"defaultConfiguration\": {\"level\": \"%s\"}", level(r->severity));
    mm_buf_puts(b, ", \"properties\": {\"tags\": [");
    str(b, mm_categories[r->category].name);
    mm_buf_puts(b, ", \"security\"");
    for (size_t i = 0; i < r->cwe.n; i++)
        mm_buf_printf(b, ", \"external/cwe/cwe-%d\"", r->cwe.v[i]);
    mm_buf_puts(b, "], \"security-severity\": ");
    str(b, r->security_severity);
    mm_buf_puts(b, ", \"precision\": \"high\", \"standards\": {\"meti\": [");
    for (size_t i = 0; i < r->standards.meti.n; i++)
        mm_buf_printf(b, "%s%d", i ? ", " : "", r->standards.meti.v[i]);
    mm_buf_puts(b, "]");
    struct {
        const char *key;
        const void *vec;
    } lists[] = {{"etsi", &r->standards.etsi}, {"jcstar", &r->standards.jcstar},
                 {"cra", &r->standards.cra}};
    for (size_t l = 0; l < MM_ARRAY_LEN(lists); l++) {
        const MM_VEC(char *) *v = lists[l].vec;
        mm_buf_printf(b, ", \"%s\": [", lists[l].key);
        for (size_t i = 0; i < v->n; i++) {
            if (i)
                mm_buf_puts(b, ", ");
            str(b, v->v[i]);
        }
        mm_buf_puts(b, "]");
    }
    mm_buf_puts(b, "}}}");
    free(name);
    free(full);
    free(uri);
}

static void location(mm_buf *b, const char *path, unsigned line, unsigned col, unsigned eline,
                     unsigned ecol, const char *snippet, const char *message)
{
    mm_buf_puts(b, "{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
    uri_path(b, path);
    mm_buf_puts(b, ", \"uriBaseId\": \"%SRCROOT%\"}");
    if (line) {
        mm_buf_printf(b, ", \"region\": {\"startLine\": %u, \"startColumn\": %u", line,
                      col ? col : 1);
        if (eline)
            mm_buf_printf(b, ", \"endLine\": %u, \"endColumn\": %u", eline, ecol);
        if (snippet && snippet[0]) {
            mm_buf_puts(b, ", \"snippet\": {\"text\": ");
            str(b, snippet);
            mm_buf_puts(b, "}");
        }
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, "}");
    if (message) {
        mm_buf_puts(b, ", \"message\": {\"text\": ");
        str(b, message);
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, "}");
}

/* The path a finding is about (an update path: entry, write, boot) as one thread flow, which
 * GitHub code scanning shows step by step. */
static void code_flows(mm_buf *b, const mm_finding *f)
{
    mm_buf_puts(b, ", \"codeFlows\": [{\"threadFlows\": [{\"locations\": [");
    for (size_t i = 0; i < f->nflow; i++) {
        const mm_flow_step *st = &f->flow[i];
        mm_buf_puts(b, i ? ", {\"location\": " : "{\"location\": ");
        location(b, st->path, st->line, st->col, 0, 0, NULL, st->message);
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, "]}]}]");
}

/* Git input sets: which commit HEAD was, in the repository the remote names (credentials
 * stripped), or the local one. */
static void provenance(mm_buf *b, const mm_scan *s)
{
    mm_buf_puts(b, "      \"versionControlProvenance\": [{\"repositoryUri\": ");
    if (s->vcs_uri) {
        str(b, s->vcs_uri);
    } else {
        mm_buf_puts(b, "\"file://");
        mm_buf u = {0};
        uri_path(&u, strcmp(s->root, "/") ? s->root : "");
        mm_buf_put(b, u.data + 1, u.len - 2);
        mm_buf_free(&u);
        mm_buf_puts(b, "/\"");
    }
    if (s->head[0])
        mm_buf_printf(b, ", \"revisionId\": \"%s\"", s->head);
    if (s->branch) {
        mm_buf_puts(b, ", \"branch\": ");
        str(b, s->branch);
    }
    mm_buf_puts(b, ", \"mappedTo\": {\"uriBaseId\": \"%SRCROOT%\"}}],\n");
}

/* A result's origin, in its property bag (SARIF has no place for the commit that introduced a
 * result): commit, author date, whether it is still at HEAD. */
static void origin(mm_buf *b, const mm_finding *f)
{
    const mm_origin *o = f->origin;
    static const char *const kinds[] = {"worktree", "index", "commit"};
    mm_buf_printf(b, ", \"origin\": \"%s\"", kinds[o->kind]);
    if (o->kind == MM_ORIGIN_COMMIT) {
        char date[32];
        mm_origin_date(o, date);
        mm_buf_printf(b, ", \"commit\": \"%s\", \"authorDate\": \"%s\"", o->commit, date);
        if (o->email) {
            mm_buf_puts(b, ", \"authorEmail\": ");
            str(b, o->email);
        }
        if (f->at_head >= 0)
            mm_buf_printf(b, ", \"stillAtHead\": %s", f->at_head ? "true" : "false");
    }
    if (o->blob[0])
        mm_buf_printf(b, ", \"blob\": \"%s\"", o->blob);
}

void mm_report_sarif(const mm_scan *s, const mm_report_opts *o, mm_buf *b)
{
    mm_buf_puts(b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                   "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
    mm_buf_printf(b,
                  "      \"tool\": {\"driver\": {\"name\": \"mamori\", \"version\": \"%s\", "
                  "\"semanticVersion\": \"%s\", \"informationUri\": \"%s\", \"rules\": [",
                  MAMORI_VERSION, MAMORI_VERSION, MAMORI_URL);
    const mm_ruleset *rs = s->rules;
    for (size_t i = 0; i < rs->rules.n; i++) {
        mm_buf_puts(b, i ? ",\n        " : "\n        ");
        rule_object(b, rs->rules.v[i]);
    }
    mm_buf_puts(b, "\n      ]}},\n");
    /* the root as a file URI with a trailing slash */
    mm_buf_puts(b, "      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": ");
    char *root = mm_xasprintf("file://%s/", strcmp(s->root, "/") ? s->root : "");
    mm_buf_puts(b, "\"file://");
    mm_buf b2 = {0};
    uri_path(&b2, strcmp(s->root, "/") ? s->root : "");
    mm_buf_put(b, b2.data + 1, b2.len - 2);
    mm_buf_free(&b2);
    free(root);
    mm_buf_puts(b, "/\"}},\n      \"columnKind\": \"unicodeCodePoints\",\n");
    if (mm_input_name(s->mode))
        provenance(b, s);
    mm_buf_puts(b, "      \"results\": [");
    for (size_t i = 0; i < s->findings.n; i++) {
        const mm_finding *f = &s->findings.v[i];
        mm_buf_puts(b, i ? ",\n        {" : "\n        {");
        mm_buf_puts(b, "\"ruleId\": ");
        str(b, f->rule->id);
        mm_buf_printf(b, ", \"ruleIndex\": %u, \"level\": \"%s\", \"message\": {\"text\": ",
                      f->rule->index, level(f->severity));
        str(b, f->message);
        mm_buf_puts(b, "}, \"locations\": [");
        location(b, f->path, f->line, f->col, f->end_line, f->end_col, f->snippet, NULL);
        mm_buf_puts(b, "]");
        if (f->nflow)
            code_flows(b, f);
        mm_buf_printf(b, ", \"partialFingerprints\": {\"mamori/v1\": \"%s\"}", f->fingerprint);
        mm_buf_printf(b, ", \"properties\": {\"engine\": \"%s\"", f->engine);
        if (f->profile)
            mm_buf_printf(b, ", \"profile\": \"%s\"", f->profile);
        /* what the place is to the product; level above follows the verdict */
        mm_buf_printf(b, ", \"role\": \"%s\"", mm_role_names[f->role]);
        if (f->component) {
            mm_buf_puts(b, ", \"component\": ");
            str(b, f->component);
        }
        if (f->origin)
            origin(b, f);
        mm_buf_puts(b, "}");
        if (f->suppressed) {
            mm_buf_printf(b, ", \"suppressions\": [{\"kind\": \"%s\", \"justification\": ",
                          f->suppressed == MM_SUPP_INLINE ? "inSource" : "external");
            str(b, f->supp_reason);
            mm_buf_puts(b, "}]");
        }
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, s->findings.n ? "\n      ],\n" : "],\n");
    mm_buf_puts(b, "      \"invocations\": [{\"executionSuccessful\": true, \"commandLine\": ");
    str(b, o->command ? o->command : "mamori scan");
    mm_buf_puts(b, ", \"toolExecutionNotifications\": [");
    for (size_t i = 0; i < s->notices.n; i++) {
        const mm_notice *n = &s->notices.v[i];
        mm_buf_puts(b, i ? ",\n        {" : "\n        {");
        mm_buf_printf(b, "\"level\": \"%s\", \"descriptor\": {\"id\": ",
                      n->level == MM_NOTICE_WARNING ? "warning" : "note");
        str(b, n->code);
        mm_buf_puts(b, "}, \"message\": {\"text\": ");
        if (n->detail) {
            char *t = mm_xasprintf("%s: %s", n->message, n->detail);
            str(b, t);
            free(t);
        } else {
            str(b, n->message);
        }
        mm_buf_puts(b, "}");
        if (n->path) {
            mm_buf_puts(b, ", \"locations\": [");
            location(b, n->path, n->line, n->col, 0, 0, NULL, NULL);
            mm_buf_puts(b, "]");
        }
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, s->notices.n ? "\n      ]}]\n    }\n  ]\n}\n" : "]}]\n    }\n  ]\n}\n");
}
