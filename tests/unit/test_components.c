/* test_components.c: what the component rules compare with — version order, name and version
 * equality, credentials stripped from URLs, purls — the inventory's readers on the forms real
 * trees use (version macros of the known-library table, PlatformIO specs and environments,
 * OpenWrt recipes, vendored directories named after their release), and OSV advisory matching
 * (checker/osv.c): SEMVER and ECOSYSTEM ranges, listed versions, git commits, withdrawn
 * advisories, bad files. */
#include <stdlib.h>

#include "mmtest.h"
#include "project/inventory_int.h"
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

/* --- the inventory's readers ------------------------------------------------------------------ */

typedef struct fake {
    mm_arena arena;
    mm_file f;
} fake;

/* Reads text as the file path (a C header when it is one: as the prefilter would route it). */
static void read_file(fake *k, const char *path, const char *text)
{
    memset(k, 0, sizeof *k);
    k->f.path = path;
    k->f.data = text;
    k->f.len = strlen(text);
    k->f.arena = &k->arena;
    if (mm_str_ends(path, ".h") || mm_str_ends(path, ".hpp")) {
        k->f.kind = MM_KIND_C;
        k->f.internal_hits = 1u << MM_TRIG_INVENTORY;
    }
    mm_inventory_run(&k->f);
}

static void fake_free(fake *k)
{
    for (size_t i = 0; i < k->f.components.n; i++)
        mm_component_free(&k->f.components.v[i]);
    mm_vec_free(&k->f.components);
    for (size_t i = 0; i < k->f.notices.n; i++)
        mm_notice_free(&k->f.notices.v[i]);
    mm_vec_free(&k->f.notices);
    mm_arena_free(&k->arena);
}

/* The one record the file gave, checked for name and version ("" for none). */
static void expect_one(const char *path, const char *text, const char *name, const char *version)
{
    fake k;
    read_file(&k, path, text);
    CHECKF(k.f.components.n == 1, "%s: %zu records", path, k.f.components.n);
    if (k.f.components.n) {
        const mm_component *c = &k.f.components.v[0];
        CHECKF(!strcmp(c->name, name), "%s: name %s, expected %s", path, c->name, name);
        CHECKF(!strcmp(c->version ? c->version : "", version), "%s: version %s, expected %s", path,
               c->version ? c->version : "(none)", version);
    }
    fake_free(&k);
}

static void test_known_table(void)
{
    /* every macro of the table is in the prefilter trigger, or no header would reach it */
    for (size_t i = 0; i < inv_nlibs; i++) {
        const char *m = inv_libs[i].macro;
        bool hit = !m;
        for (const char *t = mm_inventory_trigger; m && *t && !hit;) {
            size_t n = strcspn(t, "|");
            char alt[64];
            snprintf(alt, sizeof alt, "%.*s", (int)n, t);
            hit = !strchr(alt, '(') && strstr(m, alt) != NULL; /* a literal the macro holds */
            t += n + (t[n] == '|');
        }
        CHECKF(hit, "%s: no literal of mm_inventory_trigger is in its macro %s", inv_libs[i].name, m);
    }
    CHECK(inv_lib_named("ArduinoJson") && !strcmp(inv_lib_named("ArduinoJson")->name, "arduinojson"));
    CHECK(inv_lib_named("Mbed TLS") && !strcmp(inv_lib_named("Mbed TLS")->name, "mbedtls"));
    CHECK(inv_lib_named("NimBLE-Arduino") && !strcmp(inv_lib_named("NimBLE-Arduino")->name, "nimble"));
    CHECK(inv_lib_named("paho.mqtt.embedded-c") != NULL);
    CHECK(inv_lib_named("wled") == NULL);
}

static void test_version_macros(void)
{
    expect_one("lib/json/ArduinoJson-v6.h", "#define ARDUINOJSON_VERSION \"6.18.1\"\n", "arduinojson", "6.18.1");
    expect_one("third_party/json.hpp",
               "#define NLOHMANN_JSON_VERSION_MAJOR 3   // NOLINT\n#define NLOHMANN_JSON_VERSION_MINOR 11\n"
               "#define NLOHMANN_JSON_VERSION_PATCH 3\n", "nlohmann-json", "3.11.3");
    expect_one("fatfs/ff.h",
               "/*-----------------------------------------------------------------------/\n"
               "/  FatFs - Generic FAT Filesystem module  R0.15 w/patch1                 /\n"
               "/-----------------------------------------------------------------------*/\n"
               "#define FF_DEFINED	80286	/* Revision ID */\n", "fatfs", "R0.15");
    expect_one("lib/FastLED/src/FastLED.h", "#define FASTLED_VERSION 3006000\n", "fastled", "3.6.0");
    expect_one("lib/mongoose/mongoose.h", "#define MG_VERSION \"7.13\"\n", "mongoose", "7.13");
    expect_one("src/cmsis/core_cm4.h",
               "#define __CM4_CMSIS_VERSION_MAIN  (0x04U)  /*!< [31:16] main */\n"
               "#define __CM4_CMSIS_VERSION_SUB   (0x1EU)  /*!< [15:0] sub */\n", "cmsis-core", "4.30");
    expect_one("src/littlefs/lfs.h", "#define LFS_VERSION 0x00020009\n", "littlefs", "2.9");
    expect_one("coap/coap.h", "#define LIBCOAP_PACKAGE_VERSION \"4.3.4\"\n#define LIBCOAP_VERSION 4003004\n",
               "libcoap", "4.3.4");
    /* a template nobody filled in, or the name in a comment, is no version */
    fake k;
    read_file(&k, "coap/coap.h.in", "#define LIBCOAP_PACKAGE_VERSION \"@PACKAGE_VERSION@\"\n");
    CHECK_INT(k.f.components.n, 0);
    fake_free(&k);
}

static void test_vendored_dirs(void)
{
    /* a tree kept under its release's name; a license text that names its library */
    expect_one("lib/HLW8012_1.1.1/LICENSE", "Permission is hereby granted, free of charge\n",
               "HLW8012", "1.1.1");
    expect_one("lib/ArduinoJson-6.x/LICENSE.txt",
               "The MIT License (MIT)\n\nCopyright (c) 2014-2023 Benoit BLANCHON\n", "arduinojson", "");
    expect_one("lib/esp8266-oled-ssd1306/license", "Permission is hereby granted, free of charge\n",
               "esp8266-oled-ssd1306", "");
}

static void test_openwrt(void)
{
    /* a recipe line (a tab first) sets PKG_VERSION for the build: not the package's */
    expect_one("package/utils/lua/Makefile",
               "include $(TOPDIR)/rules.mk\n\nPKG_NAME:=lua\nPKG_VERSION:=5.1.5\nPKG_RELEASE:=1\n\n"
               "PKG_SOURCE:=$(PKG_NAME)-$(PKG_VERSION).tar.gz\nPKG_SOURCE_URL:=http://www.lua.org/ftp/ \\\n"
               "\thttp://www.tecgraf.puc-rio.br/lua/ftp/\nPKG_HASH:=2640fc56a795f29d28ef\n\n"
               "include $(INCLUDE_DIR)/package.mk\n\ndefine Build/Compile\n"
               "\t$(MAKE) -C $(PKG_BUILD_DIR) \\\n\t\tPKG_VERSION=$(PKG_VERSION)\nendef\n",
               "lua", "5.1.5");
    expect_one("package/libs/openssl/Makefile",
               "include $(TOPDIR)/rules.mk\nPKG_NAME:=openssl\nPKG_BASE:=1.0.2\nPKG_BUGFIX:=q\n"
               "PKG_VERSION:=$(PKG_BASE)$(PKG_BUGFIX)\nPKG_SOURCE_URL:= \\\n"
               "\thttp://www.openssl.org/source/ \\\n\thttp://ftp.fi.muni.fi/pub/openssl/source/\n",
               "openssl", "1.0.2q");
    expect_one("package/system/procd/Makefile",
               "include $(TOPDIR)/rules.mk\nPKG_NAME:=procd\nPKG_SOURCE_PROTO:=git\n"
               "PKG_SOURCE_URL=$(PROJECT_GIT)/project/procd.git\nPKG_SOURCE_DATE:=2018-03-28\n"
               "PKG_SOURCE_VERSION:=dfb68f8556f1c9bd9ec7b93c8bf6c3b5f4c0ad2a\n",
               "procd", "2018-03-28-dfb68f85");
    /* sources in the tree, and host tools: no component */
    fake k;
    read_file(&k, "package/network/services/shell/Makefile",
              "include $(TOPDIR)/rules.mk\nPKG_NAME:=shellback\nPKG_VERSION:=0.1\n"
              "include $(INCLUDE_DIR)/package.mk\n");
    CHECK_INT(k.f.components.n, 0);
    fake_free(&k);
    read_file(&k, "tools/m4/Makefile",
              "include $(TOPDIR)/rules.mk\nPKG_NAME:=m4\nPKG_VERSION:=1.4.18\nPKG_SOURCE_URL:=@GNU/m4\n"
              "include $(INCLUDE_DIR)/host-build.mk\n");
    CHECK_INT(k.f.components.n, 0);
    fake_free(&k);
    /* RIOT's packages are still RIOT's */
    expect_one("pkg/tinycbor/Makefile",
               "PKG_NAME=tinycbor\nPKG_URL=https://github.com/intel/tinycbor\n"
               "PKG_VERSION=v0.6.0\nPKG_LICENSE=MIT\ninclude $(RIOTBASE)/pkg/pkg.mk\n", "tinycbor", "v0.6.0");
}

/* The found records of a PlatformIO project of one platformio.ini. */
static void pio_project(const char *ini, mm_component_vec *out)
{
    fake k;
    read_file(&k, "platformio.ini", ini);
    MM_VEC(const mm_component *) opts = {0};
    for (size_t i = 0; i < k.f.components.n; i++)
        mm_vec_push(&opts, &k.f.components.v[i]);
    inv_pio_resolve(opts.v, opts.n, out);
    mm_vec_free(&opts);
    fake_free(&k);
}

static const mm_component *find(const mm_component_vec *v, const char *name, const char *pin_text)
{
    for (size_t i = 0; i < v->n; i++) {
        if (!strcmp(v->v[i].name, name) &&
            (!pin_text || (v->v[i].pin_text && !strcmp(v->v[i].pin_text, pin_text))))
            return &v->v[i];
    }
    return NULL;
}

static void test_pio_specs(void)
{
    mm_component_vec v = {0};
    pio_project("[env:a]\n"
                "platform = espressif32\n"
                "platform_packages =\n"
                "    platformio/tool-esptoolpy\n"
                "    framework-arduinoespressif32 @ https://github.com/o/lib-builder/releases/download/3019/f.zip\n"
                "lib_deps =\n"
                "    knolleary/PubSubClient @ 2.8\n"
                "    ArduinoJson@^6.21\n"
                "    PubSubClient2@>=2.8.0\n"
                "    https://user:pw@github.com/o/r.git#v1.0 ; a comment\n"
                "    Named=https://github.com/o/named/archive/refs/tags/v2.0.zip\n"
                "    file://../local\n"
                "    symlink:///abs/lib\n"
                "    a/one @ 1.0, b/two @ 2.0\n",
                &v);
    const mm_component *c;
    CHECK((c = find(&v, "espressif32", NULL)) && !strcmp(c->group, "platformio") &&
          !strcmp(c->source, "platformio-platform") && c->pin == MM_PIN_NONE);
    CHECK((c = find(&v, "tool-esptoolpy", NULL)) && !strcmp(c->source, "platformio-tool") &&
          !strcmp(c->group, "platformio"));
    CHECK((c = find(&v, "framework-arduinoespressif32", NULL)) && c->version &&
          !strcmp(c->version, "3019") && !strcmp(c->purl, "pkg:github/o/lib-builder@3019"));
    CHECK((c = find(&v, "PubSubClient", NULL)) && !strcmp(c->group, "knolleary") &&
          c->pin == MM_PIN_VERSION && !strcmp(c->version, "2.8") &&
          !strcmp(c->purl, "pkg:generic/knolleary/PubSubClient@2.8?repository_url=https://registry.platformio.org"));
    CHECK((c = find(&v, "ArduinoJson", NULL)) && c->pin == MM_PIN_RANGE && !c->version);
    CHECK((c = find(&v, "PubSubClient2", NULL)) && c->pin == MM_PIN_RANGE &&
          !strcmp(c->pin_text, ">=2.8.0"));
    CHECK((c = find(&v, "r", NULL)) && c->pin == MM_PIN_TAG && !strcmp(c->version, "v1.0") &&
          !strcmp(c->url, "https://github.com/o/r.git") && !strstr(c->snippet, "pw@"));
    CHECK((c = find(&v, "Named", NULL)) && !strcmp(c->version, "v2.0"));
    CHECK(!find(&v, "local", NULL) && !find(&v, "lib", NULL));
    CHECK((c = find(&v, "one", NULL)) && c->col == 5);
    CHECK((c = find(&v, "two", NULL)) && c->col == 18 && c->line == 14);
    CHECK_INT(v.n, 10);
    mm_components_free(v.v, v.n);
    memset(&v, 0, sizeof v);

    /* environments: extends, [env], ${section.option}, ${this.option}; an unresolvable
     * reference drops its line; where each spec is used */
    pio_project("[common]\n"
                "libs = ${this.extra}\n"
                "    owner/shared @ 1.0\n"
                "[env]\n"
                "lib_deps = ${common.libs}\n"
                "[base]\n"
                "extra = owner/fromextends @ 3.0\n"
                "[env:x]\n"
                "extends = base\n"
                "[env:y]\n"
                "extra = owner/own @ 4.0\n"
                "    ${sysenv.SECRET_LIB}\n"
                "[env:z]\n"
                "lib_deps = owner/shared @ 2.0\n"
                "[tools]\n"
                "custom_lib_deps = owner/unused\n",
                &v);
    CHECK((c = find(&v, "shared", "1.0")) && !strcmp(c->used_by, "env:x, env:y") && c->line == 3);
    CHECK((c = find(&v, "shared", "2.0")) && !strcmp(c->used_by, "env:z"));
    CHECK((c = find(&v, "fromextends", NULL)) && !strcmp(c->used_by, "env:x") && c->line == 7);
    CHECK((c = find(&v, "own", NULL)) && !strcmp(c->used_by, "env:y"));
    CHECK((c = find(&v, "unused", NULL)) && !strcmp(c->used_by, "[tools] custom_lib_deps") &&
          (c->evidence & MM_EV_UNBUILT));
    CHECK_INT(v.n, 5);
    mm_components_free(v.v, v.n);
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
    test_known_table();
    test_version_macros();
    test_vendored_dirs();
    test_openwrt();
    test_pio_specs();
    test_osv();
    test_osv_errors();
    return MM_TEST_RESULT;
}
