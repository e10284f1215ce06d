/* test_hygiene.c: checker/hygiene.c and the policy keys it reads — CODEOWNERS patterns as GitHub
 * documents them, the support-period statements a line can make, the `product` object and the
 * positions of accepted risks in mamori.json, and the policy's path from the scan's root. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/policy.h"
#include "mmtest.h"
#include "project/hygiene.h"

#define OWNS(pattern, path)                                                                   \
    CHECKF(mm_codeowners_match(pattern, path), "\"%s\" should own %s", pattern, path)
#define NOT_OWNS(pattern, path)                                                               \
    CHECKF(!mm_codeowners_match(pattern, path), "\"%s\" should not own %s", pattern, path)

/* The examples of GitHub's "About code owners", and the differences from gitignore. */
static void test_codeowners_github_examples(void)
{
    OWNS("*", "README.md");
    OWNS("*", "some/deeply/nested/file.rb");
    OWNS("*.js", "app.js");
    OWNS("*.js", "src/ui/app.js");
    NOT_OWNS("*.js", "app.jsx");
    OWNS("/build/logs/", "build/logs/today.txt");
    OWNS("/build/logs/", "build/logs/2024/01/a.txt");
    NOT_OWNS("/build/logs/", "src/build/logs/a.txt");
    NOT_OWNS("/build/logs/", "build/logs"); /* a file of that name is not the directory */
    /* a lone star: the files directly in docs/, not deeper */
    OWNS("docs/*", "docs/getting-started.md");
    NOT_OWNS("docs/*", "docs/build-app/troubleshooting.md");
    NOT_OWNS("docs/*", "src/docs/a.md"); /* a slash in the middle anchors it */
    /* only a trailing slash: anywhere */
    OWNS("apps/", "apps/main.js");
    OWNS("apps/", "src/apps/x/y.js");
    OWNS("/docs/", "docs/a/b/c.md");
    NOT_OWNS("/docs/", "src/docs/a.md");
    OWNS("**/logs", "logs/a.txt");
    OWNS("**/logs", "build/logs/a.txt");
    OWNS("**/logs", "a/b/logs/c/d.txt");
    NOT_OWNS("**/logs", "a/logsx/c.txt");
    /* a last part other than a lone star also owns a directory of that name */
    OWNS("/apps/github", "apps/github");
    OWNS("/apps/github", "apps/github/index.js");
    NOT_OWNS("/apps/github", "apps/githubx/index.js");
    OWNS("/boards/common/esp*", "boards/common/esp32/Makefile");
    OWNS("/boards/esp*/", "boards/esp32-wroom/board.c");
    NOT_OWNS("/boards/esp*/", "boards/common/esp32/board.c");
    OWNS("keys", "keys/ota.pub");
    OWNS("keys", "sub/keys/ota.pub");
    OWNS("a/**/b", "a/b");
    OWNS("a/**/b", "a/x/y/b");
    OWNS("a/**/b", "a/x/b/c.txt");
    OWNS("docs/**", "docs/x/y.md");
    NOT_OWNS("docs/**", "docs");
    OWNS("file?.c", "src/file1.c");
    NOT_OWNS("file?.c", "src/file12.c");
    OWNS("*.pem", "certs/ca.pem");
    NOT_OWNS("/", "a.c");
    /* many `**` cost no search through every split of a deep path */
    OWNS("**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/z",
         "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/z");
    NOT_OWNS("**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b",
             "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/c");
    NOT_OWNS("", "a.c");
}

#define DECLARES(line, want)                                                                  \
    do {                                                                                      \
        char end_[11];                                                                        \
        size_t col_;                                                                          \
        bool key_;                                                                            \
        bool got_ = mm_support_line(line, strlen(line), end_, &col_, &key_);                 \
        CHECKF(got_ && !strcmp(end_, want), "\"%s\": %s, expected %s", line,                 \
               got_ ? end_ : "no statement", want);                                          \
    } while (0)
#define SUBJECT_ONLY(line)                                                                    \
    do {                                                                                      \
        char end_[11];                                                                        \
        size_t col_;                                                                          \
        bool key_;                                                                            \
        bool got_ = mm_support_line(line, strlen(line), end_, &col_, &key_);                 \
        CHECKF(!got_ && key_, "\"%s\" should name the subject only", line);                  \
    } while (0)
#define NO_STATEMENT(line)                                                                    \
    do {                                                                                      \
        char end_[11];                                                                        \
        size_t col_;                                                                          \
        bool key_;                                                                            \
        bool got_ = mm_support_line(line, strlen(line), end_, &col_, &key_);                 \
        CHECKF(!got_ && !key_, "\"%s\" should declare nothing (got %s)", line,               \
               got_ ? end_ : "the subject");                                                  \
    } while (0)

static void test_support_statements(void)
{
    DECLARES("Security updates until 2030-12-31.", "2030-12-31");
    DECLARES("Security updates are provided until 2030-12-31.", "2030-12-31");
    DECLARES("Supported until December 2030", "2030-12-31");
    DECLARES("Supported until Feb 2030", "2030-02-31"); /* by the month, not the bare year */
    DECLARES("End of life: 31 March 2031", "2031-03-31");
    DECLARES("end-of-support: Jan 15, 2029", "2029-01-15");
    DECLARES("EOL: Q2 2029", "2029-06-31");
    DECLARES("Support period: 2024-01 to 2030-06", "2030-06-31");
    DECLARES("| 2.x | supported until 2031/06 |", "2031-06-31");
    DECLARES("Maintained until 2027", "2027-12-31");
    DECLARES("We provide security updates for 5 years after the last sale.", "duration");
    DECLARES("Five years of security updates from the release date.", "duration");
    DECLARES("This product is supported for at least 10 years.", "duration");
    DECLARES("サポート期間: 2032年3月31日まで", "2032-03-31");
    DECLARES("セキュリティアップデートは2032年3月まで提供します。", "2032-03-31");
    DECLARES("保守期間は出荷後5年間です。", "duration");
    /* the column of the end */
    char end[11];
    size_t col;
    bool key;
    const char *l = "Support period: 2024-01 to 2030-06";
    CHECK(mm_support_line(l, strlen(l), end, &col, &key));
    CHECK_INT(col, strlen("Support period: 2024-01 to "));

    SUBJECT_ONLY("## Support period");
    SUBJECT_ONLY("| Version | Supported until |");
    SUBJECT_ONLY("End of life");
    NO_STATEMENT("Support for the ESP32-C6 was added in 2023.");
    NO_STATEMENT("Copyright 2019-2024 Acme Sensors");
    NO_STATEMENT("This board is supported for ESP32 only.");
    NO_STATEMENT("## Supported Versions");
    NO_STATEMENT("Use this section to tell people about which versions of your project are");
}

/* --- the policy --------------------------------------------------------------------------------- */

static char dir[] = "/tmp/mamori-hygiene-XXXXXX";

static char *write_policy(const char *name, const char *text)
{
    char *path = mm_xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

/* Loading fails at line:col with a message containing msg. */
static void expect_policy_error(const char *text, unsigned line, unsigned col, const char *msg)
{
    char *path = write_policy("bad.json", text);
    mm_policy p;
    mm_err err;
    memset(&err, 0, sizeof err);
    int rc = mm_policy_load(&p, path, &err);
    CHECKF(rc == -1, "%s should not load", text);
    CHECKF(err.line == line && err.col == col, "%s: error at %u:%u, expected %u:%u (%s)", text,
           err.line, err.col, line, col, err.msg);
    CHECKF(strstr(err.msg, msg) != NULL, "%s: message \"%s\" lacks \"%s\"", text, err.msg, msg);
    CHECK_INT(err.code, 2);
    mm_policy_free(&p);
    free(path);
}

static void test_product(void)
{
    char *path = write_policy("mamori.json",
                              "{\n  \"product\": {\n    \"name\": \"soil sensor\",\n"
                              "    \"support_until\": \"2031-03-31\",\n"
                              "    \"security_contact\": \"mailto:psirt@acme-sensors.co.jp\",\n"
                              "    \"threat_model\": \"docs/security/\"\n  }\n}\n");
    mm_policy p;
    mm_err err;
    CHECK(mm_policy_load(&p, path, &err) == 0);
    CHECK(p.has_product);
    CHECK_STR(p.product.name, "soil sensor");
    CHECK_STR(p.product.support_until, "2031-03-31");
    CHECK_STR(p.product.security_contact, "mailto:psirt@acme-sensors.co.jp");
    CHECK_STR(p.product.threat_model, "docs/security/");
    unsigned line, col;
    CHECK(mm_json_where(&p.doc, p.product.where_support_until, &line, &col, NULL));
    CHECK_INT(line, 4);
    CHECK_INT(col, 22);
    mm_policy_free(&p);
    free(path);

    expect_policy_error("{\"product\": []}", 1, 13, "\"product\" is an object");
    expect_policy_error("{\"product\": {\"owner\": \"x\"}}", 1, 23, "unknown field \"owner\"");
    expect_policy_error("{\"product\": {\"name\": \"\"}}", 1, 22, "product.name must not be empty");
    expect_policy_error("{\"product\": {\"support_until\": \"2030-13-01\"}}", 1, 31,
                        "support_until must be a date");
    expect_policy_error("{\"product\": {\n  \"security_contact\": \"the PSIRT\"\n}}", 2, 23,
                        "security_contact must be an e-mail address");
    expect_policy_error("{\"product\": {\"security_contact\": \"http://x.example/report\"}}", 1, 34,
                        "security_contact");
    expect_policy_error("{\"product\": {\"threat_model\": \"../elsewhere/tm.md\"}}", 1, 30,
                        "threat_model must be a URL, or a path inside the repository");
    expect_policy_error("{\"product\": {\"threat_model\": \"/abs/tm.md\"}}", 1, 30,
                        "threat_model");
    const char *good[] = {"psirt@acme.co.jp", "mailto:psirt@acme.co.jp",
                          "https://acme.co.jp/psirt", "tel:+81-3-0000-0000"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        char *t = mm_xasprintf("{\"product\": {\"security_contact\": \"%s\"}}", good[i]);
        char *pp = write_policy("c.json", t);
        mm_policy q;
        CHECKF(mm_policy_load(&q, pp, &err) == 0, "%s: %s", good[i], err.msg);
        mm_policy_free(&q);
        free(pp);
        free(t);
    }
}

static void test_risk_positions(void)
{
    char *path = write_policy("risks.json",
                              "{\n  // comments move nothing\n  \"accepted_risks\": [\n"
                              "    {\"fingerprint\": \"00000000000000000000000000000000\", "
                              "\"reason\": \"r\"},\n"
                              "    {\n      \"fingerprint\": \"11111111111111111111111111111111\",\n"
                              "      \"reason\": \"r\", \"owner\": \"o\",\n"
                              "      \"expires\": \"2001-01-01\"\n    }\n  ]\n}\n");
    mm_policy p;
    mm_err err;
    CHECK(mm_policy_load(&p, path, &err) == 0);
    CHECK_INT(p.risks.n, 2);
    unsigned line, col;
    if (p.risks.n == 2) {
        CHECK(mm_json_where(&p.doc, p.risks.v[0].where, &line, &col, NULL));
        CHECK_INT(line, 4);
        CHECK_INT(col, 5);
        CHECK(p.risks.v[0].where_expires == NULL);
        CHECK(mm_json_where(&p.doc, p.risks.v[1].where, &line, &col, NULL));
        CHECK_INT(line, 5);
        CHECK(mm_json_where(&p.doc, p.risks.v[1].where_expires, &line, &col, NULL));
        CHECK_INT(line, 8);
        CHECK_INT(col, 18);
    }
    /* a value of another document has no position here */
    CHECK(!mm_json_where(&p.doc, NULL, &line, &col, NULL) && line == 0 && col == 0);
    mm_policy_free(&p);
    free(path);
}

static void test_policy_rel_path(void)
{
    char *a = mm_xasprintf("%s/repo", dir), *b = mm_xasprintf("%s/policies", dir);
    CHECK(mkdir(a, 0700) == 0 && mkdir(b, 0700) == 0);
    char *inside = write_policy("repo/mamori.json", "{}");
    char *outside = write_policy("policies/mamori.json", "{}");
    mm_policy p;
    mm_err err;
    CHECK(mm_policy_load(&p, inside, &err) == 0);
    char *rel = mm_policy_rel_path(&p, a);
    CHECK_STR(rel, "mamori.json");
    free(rel);
    mm_policy_free(&p);
    CHECK(mm_policy_load(&p, outside, &err) == 0);
    rel = mm_policy_rel_path(&p, a);
    CHECK_STR(rel, "../policies/mamori.json");
    free(rel);
    mm_policy_free(&p);
    CHECK(mm_policy_rel_path(NULL, a) == NULL);
    unlink(inside);
    unlink(outside);
    rmdir(a);
    rmdir(b);
    free(inside);
    free(outside);
    free(a);
    free(b);
}

int main(void)
{
    test_codeowners_github_examples();
    test_support_statements();
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_product();
    test_risk_positions();
    test_policy_rel_path();
    const char *left[] = {"bad.json", "mamori.json", "c.json", "risks.json"};
    for (size_t i = 0; i < sizeof left / sizeof *left; i++) {
        char *p = mm_xasprintf("%s/%s", dir, left[i]);
        unlink(p);
        free(p);
    }
    rmdir(dir);
    return MM_TEST_RESULT;
}
