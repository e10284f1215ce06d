/* report.c: a libFuzzer target over the reporters fed hostile strings — file names, messages,
 * snippets, suppression reasons, component names, notices, author e-mails and the display
 * prefix taken from the input (control characters, escape sequences, invalid UTF-8, quotes,
 * markup), in findings of real built-in rules, with and without an origin, a flow, a
 * suppression. Every reporter runs, and what it wrote is checked:
 *   - text (and the notices and role summary for stderr), without colour: valid UTF-8 with no
 *     C0 control but newline, no DEL, no C1 control, so nothing in a repository can drive the
 *     terminal;
 *   - json, sarif, gitlab: one valid JSON document in valid UTF-8;
 *   - github: every line a workflow command or the summary (nothing can start another command);
 *   - junit: valid UTF-8 with no control character XML 1.0 forbids.
 *
 * Input: up to ten strings separated by NUL bytes; the last bytes also choose the rule,
 * severities, roles and the input mode. tests/fuzz/run.sh report SECONDS. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "report/report.h"

enum { NFIELDS = 10 };

/* Length of the valid UTF-8 sequence at s (strict: no overlong forms, no surrogates, nothing
 * past U+10FFFF), or 0 when it is not one; its code point in *cp. */
static size_t utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t k = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3
               : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
    if (!k || k > n)
        return 0;
    uint32_t c = s[0] & (0xff >> (k + 1));
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3f);
    }
    if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return k;
}

/* Fails unless b is valid UTF-8 whose code points pass allowed(). */
static void check_chars(const char *who, const mm_buf *b, bool (*allowed)(uint32_t))
{
    const unsigned char *s = (const unsigned char *)b->data;
    for (size_t i = 0; i < b->len;) {
        uint32_t cp;
        size_t k = utf8(s + i, b->len - i, &cp);
        if (!k)
            fz_fail("%s: invalid UTF-8 (byte 0x%02x at %zu)", who, s[i], i);
        if (!allowed(cp))
            fz_fail("%s: control character U+%04X at byte %zu", who, (unsigned)cp, i);
        i += k;
    }
}

static bool terminal_safe(uint32_t c)
{
    return c == '\n' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f));
}

static bool json_chars(uint32_t c)
{
    return c == '\n' || c == '\t' || c == '\r' || c >= 0x20;
}

static bool xml_chars(uint32_t c)
{
    return c == '\n' || c == '\t' || c == '\r' || (c >= 0x20 && c != 0xfffe && c != 0xffff);
}

static void check_json(const char *who, const mm_buf *b)
{
    check_chars(who, b, json_chars);
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(b->data, b->len, &end, false);
    if (!doc)
        fz_fail("%s: not valid JSON near byte %td", who, end ? end - b->data : -1);
    for (; end && end < b->data + b->len; end++) {
        if (*end != '\n' && *end != ' ')
            fz_fail("%s: bytes after the JSON document", who);
    }
    cJSON_Delete(doc);
}

static void check_github(const mm_buf *b)
{
    const char *p = b->data, *end = b->data + b->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            fz_fail("github: a line without its newline");
        if (strncmp(p, "::", 2) && strncmp(p, "mamori: ", 8))
            fz_fail("github: a line that is no workflow command: %.40s", p);
        p = nl + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mm_scan *base = fz_scan();
    const mm_ruleset *rs = base->rules;
    /* the strings */
    char *field[NFIELDS];
    const uint8_t *p = data, *end = data + size;
    for (int i = 0; i < NFIELDS; i++) {
        const uint8_t *z = p < end ? memchr(p, 0, (size_t)(end - p)) : NULL;
        size_t n = p < end ? (z ? (size_t)(z - p) : (size_t)(end - p)) : 0;
        field[i] = mm_xstrndup((const char *)p, n);
        p = z ? z + 1 : end;
    }
    /* the numbers: from the last bytes */
    uint32_t num = 0;
    for (size_t i = 0; i < 4 && i < size; i++)
        num = num << 8 | data[size - 1 - i];

    mm_scan s;
    memset(&s, 0, sizeof s);
    s.rules = (mm_ruleset *)rs;
    s.root = mm_xstrdup("/work/fw");
    s.display_prefix = mm_xstrdup(field[7]);
    s.cwd_rel = num & 0x100 ? mm_xstrdup(field[9]) : NULL;
    s.mode = (mm_input_mode)(num % 4);
    s.git = s.mode != MM_INPUT_WORKTREE;
    if (s.git) {
        memcpy(s.head, "0123456789abcdef0123456789abcdef01234567", 41);
        s.branch = mm_xstrdup("refs/heads/main");
        s.vcs_uri = mm_xstrdup("https://example.com/fw.git");
    }
    if (s.mode == MM_INPUT_DIFF)
        s.diff_base = mm_xstrdup("0123456789abcdef0123456789abcdef01234567");
    s.files_scanned = 2;
    mm_origin *o = mm_xcalloc(1, sizeof *o);
    o->kind = MM_ORIGIN_COMMIT;
    memcpy(o->commit, "89abcdef0123456789abcdef0123456789abcdef", 41);
    memcpy(o->blob, "fedcba9876543210fedcba9876543210fedcba98", 41);
    o->time = 1700000000;
    o->tz = (int)(num % 1500) - 750;
    o->email = mm_xstrdup(field[6]);
    mm_vec_push(&s.origins, o);

    for (int i = 0; i < 3; i++) {
        mm_finding f;
        memset(&f, 0, sizeof f);
        f.rule = rs->rules.v[(num / 7 + (uint32_t)i * 31) % rs->rules.n];
        f.path = mm_xstrdup(field[0]);
        f.line = 1 + (num >> (i * 3)) % 5000;
        f.col = 1 + (num >> 5) % 200;
        f.end_line = f.line;
        f.end_col = f.col + 3;
        f.severity = (mm_severity)(1 + (num + (uint32_t)i) % 3);
        f.message = mm_xstrdup(field[1]);
        f.snippet = mm_xstrdup(field[2]);
        memcpy(f.fingerprint, "00112233445566778899aabbccddeeff", 33);
        f.engine = "fuzz";
        f.role = (mm_role)((num >> 12) % MM_ROLE__COUNT);
        f.component = (num & 0x200) ? mm_xstrdup(field[3]) : NULL;
        f.at_head = -1;
        if (i == 1) {
            f.suppressed = MM_SUPP_INLINE;
            f.supp_reason = mm_xstrdup(field[3]);
        }
        if (i == 2) {
            f.origin = o;
            f.at_head = 0;
            f.nflow = 2;
            f.flow = mm_xcalloc(2, sizeof *f.flow);
            for (int k = 0; k < 2; k++) {
                f.flow[k].path = mm_xstrdup(k ? field[0] : field[9]);
                f.flow[k].line = 1 + (unsigned)k;
                f.flow[k].col = 1;
                f.flow[k].message = mm_xstrdup(field[8]);
            }
        }
        if (!f.suppressed) {
            s.counts[f.severity]++;
            s.fail_counts[f.severity]++;
            s.role_counts[f.role]++;
        } else {
            s.suppressed++;
        }
        mm_vec_push(&s.findings, f);
    }
    for (int i = 0; i < 2; i++) {
        mm_notice n;
        memset(&n, 0, sizeof n);
        n.path = i ? mm_xstrdup(field[0]) : NULL;
        n.line = (unsigned)i * 7;
        n.level = i ? MM_NOTICE_WARNING : MM_NOTICE_NOTE;
        n.code = mm_xstrdup(i ? "unreadable" : "long-line");
        n.message = mm_xstrdup(field[4]);
        n.detail = field[5][0] ? mm_xstrdup(field[5]) : NULL;
        mm_vec_push(&s.notices, n);
    }
    mm_suppression sp;
    memset(&sp, 0, sizeof sp);
    sp.path = mm_xstrdup(field[0]);
    sp.line = 3;
    sp.col = 1;
    sp.snippet = mm_xstrdup(field[2]);
    sp.rules = mm_xstrdup(field[3]);
    sp.reason = mm_xstrdup(field[8]);
    mm_vec_push(&s.supps, sp);

    static const char *const formats[] = {"text", "json", "sarif", "github", "gitlab-sast", "junit"};
    for (int color = 0; color < 2; color++) {
        mm_report_opts opts;
        memset(&opts, 0, sizeof opts);
        opts.color = color;
        opts.verbose = num & 0x400;
        opts.fail_on = MM_SEV_WARNING;
        opts.command = field[9];
        opts.absolute_paths = num & 0x800;
        opts.started = opts.now = 1700000000;
        /* colour changes the text report only: the others (SARIF carries every rule's help,
         * the slowest part) once */
        for (size_t i = 0; i < (color ? 1 : MM_ARRAY_LEN(formats)); i++) {
            const mm_reporter *r = mm_reporter_find(formats[i]);
            if (!r)
                fz_fail("no reporter %s", formats[i]);
            mm_buf out = {0};
            r->write(&s, &opts, &out);
            if (i == 0 && !color)
                check_chars("text", &out, terminal_safe);
            else if (i == 1 || i == 2 || i == 4)
                check_json(formats[i], &out);
            else if (i == 3)
                check_github(&out);
            else if (i == 5)
                check_chars("junit", &out, xml_chars);
            mm_buf_free(&out);
        }
        mm_buf err = {0};
        mm_report_notices(&s, &opts, &err);
        mm_report_role_summary(&s, &err);
        if (!color)
            check_chars("notices", &err, terminal_safe);
        mm_buf_free(&err);
    }

    s.rules = NULL;
    mm_scan_free(&s);
    for (int i = 0; i < NFIELDS; i++)
        free(field[i]);
    return 0;
}
