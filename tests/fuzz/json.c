/* json.c: a libFuzzer target over every JSON reader — base/json.c itself (positions of every
 * value), rule files and rule packs (mm_rule_load with the real matcher kinds), mamori.json
 * (mm_policy_load and mm_policy_validate against the built-in rules; a policy that loads then
 * rules a scan of a small file with findings, so that its settings and accepted risks are
 * applied), OSV advisories, a compilation database (-p), and the JSON SBOMs and manifests the
 * component inventory reads (CycloneDX, SPDX, library.json). A reader that refuses its input
 * must say why; none may crash or leak.
 *
 * Input: the bytes of one JSON document (every reader gets the same bytes).
 * tests/fuzz/run.sh json SECONDS; driver.c replays the seeds in every build. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/json.h"
#include "core/policy.h"
#include "core/ruleset.h"
#include "fuzz.h"
#include "inputs/buildstep.h"
#include "project/osv.h"

static const char *dir(void)
{
    static char tmpl[] = "/tmp/mamori-fuzz-json.XXXXXX";
    static const char *d;
    if (!d && !(d = mkdtemp(tmpl)))
        fz_fail("mkdtemp failed");
    return d;
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(text, 1, len, fp) != len || fclose(fp) != 0)
        fz_fail("cannot write %s", path);
}

static void walk(const mm_json_doc *doc, const cJSON *v, size_t *hint, int depth)
{
    for (; v && depth < 1000; v = v->next) {
        unsigned line, col;
        size_t off;
        if (mm_json_where(doc, v, &line, &col, &off) && (off > doc->len || !line || !col))
            fz_fail("a value at offset %zu of %zu, line %u, column %u", off, doc->len, line, col);
        size_t o = mm_json_offset(doc, v, hint);
        if (o != SIZE_MAX && o > doc->len)
            fz_fail("mm_json_offset %zu past the text's %zu bytes", o, doc->len);
        walk(doc, v->child, hint, depth + 1);
    }
}

static void must_say_why(const char *who, const mm_err *err)
{
    if (!err->msg[0])
        fz_fail("%s refused its input without a message", who);
}

static const char sample[] =
    "#include <string.h>\n"
    "#define WIFI_PASSWORD \"hunter2-but-longer\"\n"
    "void f(char *d, const char *s) { strcpy(d, s); system(s); }\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = 0;
    mm_err err;

    for (int comments = 0; comments < 2; comments++) {
        mm_json_doc doc;
        memset(&doc, 0, sizeof doc);
        memset(&err, 0, sizeof err);
        if (mm_json_parse(&doc, "fuzz.json", text, size, comments, &err) == 0) {
            size_t hint = 0;
            walk(&doc, doc.root, &hint, 0);
        } else {
            must_say_why("mm_json_parse", &err);
        }
        mm_json_free(&doc);
    }

    mm_rule *r = NULL;
    memset(&err, 0, sizeof err);
    if (mm_rule_load("pack/fuzz.json", text, size, false, mm_matcher_find, &r, &err) == 0)
        mm_rule_free(r);
    else
        must_say_why("mm_rule_load", &err);

    mm_osv_db osv;
    memset(&osv, 0, sizeof osv);
    memset(&err, 0, sizeof err);
    if (mm_osv_load_text(&osv, "osv/fuzz.json", text, size, &err) < 0)
        must_say_why("mm_osv_load_text", &err);
    mm_osv_free(&osv);

    char *path = mm_xasprintf("%s/mamori.json", dir());
    write_file(path, text, size);
    mm_policy policy;
    memset(&err, 0, sizeof err);
    if (mm_policy_load(&policy, path, &err) == 0) {
        memset(&err, 0, sizeof err);
        if (mm_policy_validate(&policy, fz_scan()->rules, &err) == 0) {
            mm_scan *s = fz_scan();
            s->policy = &policy;
            fz_scan_file("src/main.c", sample, sizeof sample - 1, true, NULL, NULL);
            s->policy = NULL;
        } else {
            must_say_why("mm_policy_validate", &err);
        }
    } else {
        must_say_why("mm_policy_load", &err);
    }
    mm_policy_free(&policy);
    free(path);

    path = mm_xasprintf("%s/compile_commands.json", dir());
    write_file(path, text, size);
    mm_build_step bs;
    memset(&bs, 0, sizeof bs);
    bs.compdb = path;
    mm_build_step_units(&bs);
    mm_build_step_free(&bs);
    free(path);

    static const char *const names[] = {"bom.json", "sbom/fw.cdx.json", "fw.spdx.json",
                                        "lib/x/library.json"};
    for (size_t i = 0; i < MM_ARRAY_LEN(names); i++)
        fz_scan_file(names[i], text, size, i == 0, NULL, NULL);
    free(text);
    return 0;
}
