/* test_components.c: what the component rules compare with — version order, name and version
 * equality, credentials stripped from URLs, purls — and OSV advisory matching (checker/osv.c):
 * SEMVER and ECOSYSTEM ranges, listed versions, git commits, withdrawn advisories, bad files. */
#include <stdlib.h>

#include "mmtest.h"
#include "project/inventory.h"
#include "project/osv.h"

#define LT(a, b) CHECKF(mm_version_cmp(a, b) < 0 && mm_version_cmp(b, a) > 0, "%s < %s", a, b)
#define EQ(a, b) CHECKF(mm_version_cmp(a, b) == 0 && mm_version_cmp(b, a) == 0, "%s == %s", a, b)

static void test_version_order(void)
{
    LT("1.2.3", "1.2.4");
    LT("1.2.9", "1.2.10");
    LT("1.9", "1.10.0");
    LT("2.28.9", "3.0.0");
    LT("1.0", "1.0.1");
    LT("1.0.0-rc1", "1.0.0");
    LT("1.0.0-alpha", "1.0.0-beta");
    LT("1.0.0-rc.1", "1.0.0-rc.2");
    LT("1.0.0", "1.0.0+1"); /* build metadata after the release */
    EQ("v3.6.2", "3.6.2");
    EQ("V10.4.3", "10.4.3");
    EQ("1.02", "1.2");
    LT("10.4.3", "11.0.1+");
}

static void test_equality(void)
{
    CHECK(mm_component_same_version("v3.6.2", "3.6.2"));
    CHECK(mm_component_same_version("d393c16", "d393c16f3eb30d0c47e6f9d92db62272f0ec4dc7"));
    CHECK(!mm_component_same_version("d393c17", "d393c16f3eb30d0c47e6f9d92db62272f0ec4dc7"));
    CHECK(!mm_component_same_version("3.6", "3.6.2"));
    CHECK(mm_component_same_name("Mbed TLS", "mbedtls"));
    CHECK(mm_component_same_name("mbed-tls", "MbedTLS"));
    CHECK(mm_component_same_name("libcurl", "curl"));
    CHECK(mm_component_same_name("espressif/led_strip", "led_strip"));
    CHECK(!mm_component_same_name("lwip", "lwext4"));
    CHECK(!mm_component_same_name("libc", "c")); /* too short to drop "lib" */
}

static void test_urls(void)
{
    char *u = mm_url_strip_credentials("https://user:s3cret@github.com/acme/x.git");
    CHECK_STR(u, "https://github.com/acme/x.git");
    free(u);
    u = mm_url_strip_credentials("git@github.com:acme/x.git");
    CHECK_STR(u, "ssh://github.com/acme/x.git");
    free(u);
    u = mm_url_strip_credentials("../../espressif/mbedtls.git");
    CHECK_STR(u, "../../espressif/mbedtls.git");
    free(u);
    u = mm_purl_of_url("https://github.com/Mbed-TLS/mbedtls.git", "v3.6.2");
    CHECK_STR(u, "pkg:github/Mbed-TLS/mbedtls@v3.6.2");
    free(u);
    u = mm_purl_of_url("ssh://github.com/acme/x.git", "1.0+build 7");
    CHECK_STR(u, "pkg:github/acme/x@1.0%2Bbuild%207");
    free(u);
    CHECK(mm_purl_of_url("https://gitlab.com/acme/x.git", "1.0") == NULL);
}

static const char advisories[] =
    "[{\"id\": \"A-SEMVER\", \"aliases\": [\"GHSA-1\", \"CVE-2024-1\"], \"summary\": \"semver\","
    "  \"affected\": [{\"package\": {\"purl\": \"pkg:github/Mbed-TLS/mbedtls\"},"
    "    \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"2.0.0\"},"
    "      {\"fixed\": \"2.28.8\"}, {\"introduced\": \"3.0.0\"}, {\"fixed\": \"3.6.1\"}]}]}]},"
    " {\"id\": \"B-LAST\", \"affected\": [{\"package\": {\"purl\": \"pkg:generic/lwip\"},"
    "    \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"0\"},"
    "      {\"last_affected\": \"2.1.2\"}]}]}]},"
    " {\"id\": \"C-GIT\", \"affected\": [{\"ranges\": [{\"type\": \"GIT\","
    "    \"repo\": \"https://github.com/intel/tinycbor\","
    "    \"events\": [{\"introduced\": \"1111111111111111111111111111111111111111\"},"
    "                 {\"fixed\": \"2222222222222222222222222222222222222222\"}]}]}]},"
    " {\"id\": \"D-LIST\", \"affected\": [{\"package\": {\"ecosystem\": \"OSS-Fuzz\", \"name\": \"cjson\"},"
    "    \"versions\": [\"v1.7.14\"]}]},"
    " {\"id\": \"E-GONE\", \"withdrawn\": \"2024-01-01T00:00:00Z\","
    "    \"affected\": [{\"package\": {\"purl\": \"pkg:github/Mbed-TLS/mbedtls\"},"
    "    \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}]}]}]},"
    " {\"id\": \"F-LIMIT\", \"affected\": [{\"package\": {\"purl\": \"pkg:github/acme/x\"},"
    "    \"ranges\": [{\"type\": \"ECOSYSTEM\", \"events\": [{\"introduced\": \"1.0\"}, {\"limit\": \"2.0\"}]}]}]}]";

/* the ids of the advisories that affect a component, space-separated; *fixed: the first's fix */
static char *hits_of(const mm_osv_db *db, const char *name, const char *version,
                     const char *commit, const char *purl, const char *url, char **fixed)
{
    mm_component c = {0};
    c.name = (char *)name;
    c.version = (char *)version;
    c.commit = (char *)commit;
    c.purl = (char *)purl;
    c.url = (char *)url;
    MM_VEC(mm_osv_hit) hits = {0};
    mm_osv_match(db, &c, (void *)&hits);
    mm_buf b = {0};
    mm_buf_puts(&b, "");
    for (size_t i = 0; i < hits.n; i++) {
        mm_buf_printf(&b, "%s%s", i ? " " : "", hits.v[i].id);
        if (i == 0 && fixed)
            *fixed = hits.v[i].fixed ? mm_xstrdup(hits.v[i].fixed) : NULL;
        mm_osv_hit_free(&hits.v[i]);
    }
    mm_vec_free(&hits);
    return mm_buf_cstr(&b);
}

#define HITS(expect, ...)                                                                      \
    do {                                                                                       \
        char *got_ = hits_of(&db, __VA_ARGS__, NULL);                                          \
        CHECKF(!strcmp(got_, expect), "%s: got \"%s\", expected \"%s\"", #__VA_ARGS__, got_,   \
               expect);                                                                        \
        free(got_);                                                                            \
    } while (0)

static void test_osv(void)
{
    mm_osv_db db = {0};
    mm_err err;
    CHECK_INT(mm_osv_load_text(&db, "fixtures.json", advisories, sizeof advisories - 1, &err), 0);
    CHECK_INT(db.n, 5); /* the withdrawn one is not kept */
    const char *mb = "pkg:github/Mbed-TLS/mbedtls@v3.5.0";
    HITS("A-SEMVER", "mbedtls", "3.5.0", NULL, mb, NULL);
    HITS("", "mbedtls", "3.6.1", NULL, mb, NULL);     /* the fix */
    HITS("A-SEMVER", "mbedtls", "2.28.7", NULL, mb, NULL);
    HITS("", "mbedtls", "2.28.8", NULL, mb, NULL);
    HITS("", "mbedtls", "2.99", NULL, mb, NULL);      /* between the two ranges */
    HITS("", "mbedtls", "1.3.22", NULL, mb, NULL);    /* before the first */
    HITS("", "mbedtls", "3.5.0", NULL, "pkg:github/other/mbedtls@3.5.0", NULL);
    HITS("B-LAST", "lwip", "2.1.2", NULL, "pkg:generic/lwip@2.1.2", NULL);
    HITS("", "lwip", "2.1.3", NULL, "pkg:generic/lwip@2.1.3", NULL);
    /* a commit of a GIT range's repository: the introduced commit is affected, the fix is not */
    const char *in = "1111111111111111111111111111111111111111";
    HITS("C-GIT", "tinycbor", in, in, NULL, "https://github.com/intel/tinycbor.git");
    HITS("", "tinycbor", "2222222222222222222222222222222222222222",
         "2222222222222222222222222222222222222222", NULL, "https://github.com/intel/tinycbor");
    HITS("", "tinycbor", in, in, NULL, "https://github.com/fork/tinycbor");
    /* an OSS-Fuzz entry names the project; its versions are tags */
    HITS("D-LIST", "cJSON", "1.7.14", NULL, NULL, NULL);
    HITS("", "cJSON", "1.7.15", NULL, NULL, NULL);
    /* limit: up to, not including */
    HITS("F-LIMIT", "x", "1.9.9", NULL, "pkg:github/acme/x@1.9.9", NULL);
    HITS("", "x", "2.0", NULL, "pkg:github/acme/x@2.0", NULL);
    /* the fix that ends the interval the version is in */
    char *fixed = NULL;
    char *h = hits_of(&db, "mbedtls", "2.16.0", NULL, mb, NULL, &fixed);
    CHECK_STR(fixed, "2.28.8");
    free(h);
    free(fixed);
    mm_osv_free(&db);
}

static void test_osv_errors(void)
{
    mm_osv_db db = {0};
    mm_err err;
    static const char *const bad[] = {
        "{\"summary\": \"no id\"}",
        "{\"id\": \"X\", \"affected\": {}}",
        "{\"id\": \"X\", \"affected\": [{\"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"fixed\": 1}]}]}]}",
        "{\"id\": \"X\", \"affected\": [{\"ranges\": [{\"type\": \"CALVER\", \"events\": []}]}]}",
        "{\"id\": \"X\",\n  \"affected\": [}",
    };
    static const unsigned lines[] = {1, 1, 1, 1, 2};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&err, 0, sizeof err);
        int rc = mm_osv_load_text(&db, "bad.json", bad[i], strlen(bad[i]), &err);
        CHECKF(rc < 0 && err.code == 2, "bad advisory %zu accepted", i);
        CHECKF(!strcmp(err.file, "bad.json") && err.line == lines[i] && err.col > 0,
               "bad advisory %zu: %s:%u:%u: %s", i, err.file, err.line, err.col, err.msg);
    }
    CHECK_INT(db.n, 0);
    mm_osv_free(&db);
}

int main(void)
{
    test_version_order();
    test_equality();
    test_urls();
    test_osv();
    test_osv_errors();
    return MM_TEST_RESULT;
}
