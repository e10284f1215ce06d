/* test_roles.c: core/roles.c and model/role.c — which role a path gets from the policy, the build
 * (PlatformIO, the compilation database) and conventions, each beaten by the stronger one; what
 * a file's own content says (a unit-test framework, "generated, do not edit", a byte array, a
 * Windows-only build); the directory that was scanned; and whether a credential could be live. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/policy.h"
#include "core/roles.h"
#include "core/scan.h"
#include "mmtest.h"

/* --- live or demo ------------------------------------------------------------------------------ */

#define LIVE(v) CHECKF(mm_secret_may_be_live(v, strlen(v)), "\"%s\" should be live", v)
#define DEMO(v) CHECKF(!mm_secret_may_be_live(v, strlen(v)), "\"%s\" should be a demo value", v)

static void test_live_or_demo(void)
{
    /* word-like: what people type into an example */
    DEMO("secretPSK");
    DEMO("password123");
    DEMO("hunter2");
    DEMO("12345678");
    DEMO("Welcome123!");
    DEMO("mySuperSecretPassword");
    DEMO("changeme");
    DEMO("y");
    DEMO("tomato-2024");
    DEMO("Sens0r-Net-2024!");   /* leetspeak is words */
    DEMO("Gr33nhouse!2024");
    DEMO("P@ssw0rd!");
    DEMO("qqqqqqqqqqqqqqqqqqqqqqqqqqqq"); /* no entropy */
    /* a crypt(3) hash stands for a password: the hash itself unlocks nothing */
    DEMO("$6$GhR1kx0c$Vd0uT6s3WbQk1cTqJmP2pYwZrHnLs8eXa9fB4gD7jK0mN3oQ5rS6tU8vW1xY2zA4bC");
    DEMO("$1$J8aQ2Lz1$nKx7Wm4ph2Qv5Rs8Tu0a4H1");
    /* random: a token, a key, a generated password */
    LIVE("b687b1c3e5d94f9ab2d3e7f1a0c438ca");
    LIVE("aB3$kL9!pQ2xZ7");
    LIVE("ma1oXq7ZvP3kR8sT2wY5nB0cD4eF6gH9jK1lM3oQ5rS7uV9xZ2aC4eG6iK8mO0qSDiex");
    LIVE("7Hq2vLx9Rk4mZpW1sN8cYb3Ft6Ju0GdEaQ5oVhXi");
    LIVE("dGhpc2lzYXJhbmRvbXNlY3JldA9x");
    LIVE("a1b2c3d4e5f6g7h8");
    /* a run that steps by one constant is a key left to fill in */
    DEMO("00112233445566778899aabbccddeeff");
    DEMO("000102030405060708090a0b0c0d0e0f");
    DEMO("0123456789ABCDEF");
    DEMO("\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19");
    LIVE("00112233445566778899aabbccddeef0"); /* one byte off the run */
    /* published protocol defaults: everyone has them */
    DEMO("104810e2315100afd6bc9215a6bfac53");
    DEMO("5A6967426565416C6C69616E63653039");
    LIVE("104810e2315100afd6bc9215a6bfac54");
    /* long digit strings can be keys; a PIN is not */
    DEMO("4815162342");
    LIVE("8264917350281947");
}

static void test_role_names(void)
{
    for (int r = 0; r < MM_ROLE__COUNT; r++) {
        mm_role back;
        CHECK(mm_role_parse(mm_role_names[r], &back) == 0 && back == (mm_role)r);
    }
    mm_role x;
    CHECK(mm_role_parse("examples", &x) < 0);
    CHECK(mm_role_parse("", &x) < 0);
    CHECK(mm_role_ships(MM_ROLE_PRODUCT) && mm_role_ships(MM_ROLE_VENDORED) &&
          !mm_role_ships(MM_ROLE_EXAMPLE) && !mm_role_ships(MM_ROLE_TOOL));
}

/* --- a tree on disk ---------------------------------------------------------------------------- */

static char dir[] = "/tmp/mamori-roles-XXXXXX";

static void put(const char *rel, const char *text)
{
    char *path = mm_xasprintf("%s/%s", dir, rel);
    for (char *s = strchr(path + strlen(dir) + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = 0;
        mkdir(path, 0755);
        *s = '/';
    }
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    free(path);
}

/* --- what the source says of a secret --------------------------------------------------------- */

/* The declaration of the secret marked `@` in text (the marker is dropped). */
static mm_declared declared(const char *text)
{
    const char *at = strchr(text, '@');
    char *copy = mm_xstrdup(text);
    memmove(copy + (at - text), copy + (at - text) + 1, strlen(at));
    mm_declared d = mm_secret_declared(copy, strlen(copy), (size_t)(at - text));
    free(copy);
    return d;
}

static void test_declared(void)
{
    /* the comment block right above the statement, through the statement's lines */
    CHECK(declared("/* RSA-2048 test key for the node-auth cases */\n"
                   "static const char rsa_key[] =\n"
                   "@\"-----BEGIN PRIVATE KEY-----\\n\"\n") == MM_DECLARED_TEST);
    /* an annotation between the comment and the statement does not hide it */
    CHECK(declared("// test vectors of the join procedure\n// reviewed: 2026\n"
                   "static const char *k = @\"261F\";\n") == MM_DECLARED_TEST);
    /* the name, split at case and underscores */
    CHECK(declared("const uint8_t dummyPsk[] = {@0x01};\n") == MM_DECLARED_TEST);
    CHECK(declared("#define FAKE_TOKEN @\"x\"\n") == MM_DECLARED_TEST);
    /* not inside the string: a base64 key may spell "Test" */
    CHECK(declared("const char *k = @\"QmFzZTY0TestAbc\";\n") == MM_DECLARED_NOTHING);
    /* "example" is no such word: ESP-IDF's CONFIG_EXAMPLE_WIFI_PASSWORD holds real ones */
    CHECK(declared("CONFIG_EXAMPLE_WIFI_PASSWORD=@\"x\"\n") == MM_DECLARED_NOTHING);
    /* a statement that ended, a blank line or a directive stops the reading */
    CHECK(declared("// test helpers\nint n;\nconst char *k = @\"x\";\n") == MM_DECLARED_NOTHING);
    CHECK(declared("// test helpers\n\nconst char *k = @\"x\";\n") == MM_DECLARED_NOTHING);
    CHECK(declared("/* test */\n#include <x.h>\nconst char *k = @\"x\";\n") ==
          MM_DECLARED_NOTHING);
    /* ... but not a macro continued onto the value's line */
    CHECK(declared("#define TEST_KEY \\\n    @\"x\"\n") == MM_DECLARED_TEST);
    /* a comment that calls it public, on its line or above */
    CHECK(declared("// Solo Hacker attestation (not confidential)\n"
                   "uint8_t k[32] = @\"x\";\n") == MM_DECLARED_PUBLIC);
    CHECK(declared("const char *k = @\"x\"; // not a secret: printed on the label\n") ==
          MM_DECLARED_PUBLIC);
    /* a shell or Kconfig comment, not a `#define` */
    CHECK(declared("# dummy value for CI\nCONFIG_APP_PSK=@\"x\"\n") == MM_DECLARED_TEST);
    CHECK(declared("const char *k = @\"x\";\n") == MM_DECLARED_NOTHING);
    CHECK(declared("@") == MM_DECLARED_NOTHING);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *const tree_files[] = {
    "src/main.c", "src/sim/sim.c", "src/host/bt.c", "host/cli.c", "examples/blink/main.c",
    "examples/blink/tests/t.c", "examples/app/CMakeLists.txt", "examples/app/main/app.c",
    "examples/notes/readme.c", "tests/test_a.c", "tests/keep/x.c", "tools/gen.py", "tools/keygen.c",
    "scripts/flash.sh", "docs/guide.c", "third_party/tiny/tiny.c", "boards/native_sim.conf",
    "boards/acme.conf", "fw/platformio.ini", "fw/code/main.c", "fw/qa/check.c", "fw/test/t.c",
    "src/test_app/main.c", "src/production_test/main.c", "src/contest/main.c",
    "src/unit/u.c", "win32/port.c", "src/latest/x.c", "evil/platformio.ini", "evil/x/a.c",
    "ow/files/etc/shadow", "ow/package/base-files/files/etc/shadow",
    "ow/package/base-files/files/etc/profile",
    "fw/lib/ping/PingTest/PingTest.ino", "fw/lib/ping/src/ping.cpp", "fw/code/fw.ino",
    "fw/extlib/x/X.ino", "alt/platformio.ini", "alt/libs/radio/Demo/Demo.ino", "alt/lib/k/K.ino",
    "loose/lib/s/S.ino",
};

/* A scan over the tree with the directories asked for (root-relative, NULL-terminated), the
 * policy (may be NULL) and the build's units (may be NULL). */
static void prepare(mm_scan *s, const char *const *asked, mm_policy *p, const mm_strset *units,
                    char **argv_store)
{
    memset(s, 0, sizeof *s);
    s->root = mm_xstrdup(dir);
    s->policy = p;
    s->build_units = units;
    for (size_t i = 0; i < MM_ARRAY_LEN(tree_files); i++)
        mm_vec_push(&s->paths, mm_xstrdup(tree_files[i]));
    mm_sort(s->paths.v, s->paths.n, sizeof *s->paths.v, cmp_str);
    size_t n = 0;
    for (; asked && asked[n]; n++)
        argv_store[n] = mm_xasprintf("%s/%s", dir, asked[n]);
    s->opts.paths = (const char **)argv_store;
    s->opts.npaths = n;
    mm_roles_prepare(s);
}

static void unprepare(mm_scan *s, char **argv_store)
{
    for (size_t i = 0; i < s->opts.npaths; i++)
        free(argv_store[i]);
    mm_scan_free(s);
}

#define ROLE(s, path, want, by_)                                                              \
    do {                                                                                      \
        mm_role_decision d_ = mm_roles_decide((s)->roles, path, MM_ROLE_PRODUCT, NULL);        \
        CHECKF(d_.role == (want) && d_.by == (by_), "%s: %s by %d, expected %s by %d", path,  \
               mm_role_names[d_.role], (int)d_.by, mm_role_names[want], (int)(by_));          \
    } while (0)

static void d_why(mm_scan *s, const char *path, const char *want)
{
    mm_role_decision d = mm_roles_decide(s->roles, path, 0, NULL);
    mm_buf why = {0};
    mm_role_explain(s->roles, &d, path, &why);
    CHECK_STR(mm_buf_cstr(&why), want);
    mm_buf_free(&why);
}

static void test_conventions(void)
{
    mm_scan s;
    char *argv[4];
    prepare(&s, NULL, NULL, NULL, argv);
    ROLE(&s, "src/main.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "src/sim/sim.c", MM_ROLE_SIMULATOR, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "win32/port.c", MM_ROLE_SIMULATOR, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "examples/blink/main.c", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "examples/app/main/app.c", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    /* the outermost word stands: an example's tests are the example's */
    ROLE(&s, "examples/blink/tests/t.c", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "tests/test_a.c", MM_ROLE_TEST, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "src/test_app/main.c", MM_ROLE_TEST, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "src/production_test/main.c", MM_ROLE_TEST, MM_ROLE_BY_CONVENTION);
    /* words that only contain one are not it */
    ROLE(&s, "src/contest/main.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "src/latest/x.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "tools/gen.py", MM_ROLE_TOOL, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "scripts/flash.sh", MM_ROLE_TOOL, MM_ROLE_BY_CONVENTION);
    /* host/ beside the firmware is its host side; a stack's host/ layer is device code */
    ROLE(&s, "host/cli.c", MM_ROLE_TOOL, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "src/host/bt.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "docs/guide.c", MM_ROLE_DOCS, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "third_party/tiny/tiny.c", MM_ROLE_VENDORED, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "boards/native_sim.conf", MM_ROLE_SIMULATOR, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "boards/acme.conf", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    /* a template people copy before they build is an example; the copy is the product */
    ROLE(&s, "src/Custom-sample.h", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "src/config.h.example", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "secrets.template.h", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "platformio_override.sample.ini", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, ".env.dist", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "src/Custom.h", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "src/adc_sample.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "main/ota_example.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "src/vector_template.h", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, ".env", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, ".example", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    /* OpenWrt's files/ overlay replaces base-files' copy in the image; the rest ships */
    ROLE(&s, "ow/package/base-files/files/etc/shadow", MM_ROLE_VENDORED, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "ow/package/base-files/files/etc/profile", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "ow/files/etc/shadow", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    d_why(&s, "src/Custom-sample.h", "convention: Custom-sample.h is a template to copy before building");
    /* the root file of an examples/ directory, and a directory probe ("dir/") */
    ROLE(&s, "examples/", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "src/", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    /* the explanation names the directory that decided */
    mm_role_decision d = mm_roles_decide(s.roles, "examples/blink/tests/t.c", 0, NULL);
    mm_buf why = {0};
    mm_role_explain(s.roles, &d, "examples/blink/tests/t.c", &why);
    CHECK_STR(mm_buf_cstr(&why), "convention: examples/ holds examples");
    mm_buf_free(&why);
    unprepare(&s, argv);
}

/* The directory that was scanned is judged below, and by its own name only when it is not a
 * project of its own. */
static void test_scanned_directory(void)
{
    mm_scan s;
    char *argv[4];
    const char *const app[] = {"examples/app", NULL};
    prepare(&s, app, NULL, NULL, argv);
    ROLE(&s, "examples/app/main/app.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "examples/blink/main.c", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    unprepare(&s, argv);

    const char *const notes[] = {"examples/notes", NULL}; /* no manifest, not a convention name */
    prepare(&s, notes, NULL, NULL, argv);
    ROLE(&s, "examples/notes/readme.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    unprepare(&s, argv);

    const char *const tests[] = {"tests", "src", NULL}; /* tests/ has no manifest: its name counts */
    prepare(&s, tests, NULL, NULL, argv);
    ROLE(&s, "tests/test_a.c", MM_ROLE_TEST, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "src/main.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "src/sim/sim.c", MM_ROLE_SIMULATOR, MM_ROLE_BY_CONVENTION);
    /* below src/, host/ is right below the scanned directory: the host side */
    ROLE(&s, "src/host/bt.c", MM_ROLE_TOOL, MM_ROLE_BY_CONVENTION);
    unprepare(&s, argv);

    const char *const examples[] = {"examples", NULL};
    prepare(&s, examples, NULL, NULL, argv);
    ROLE(&s, "examples/app/main/app.c", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    unprepare(&s, argv);
}

static void test_build(void)
{
    mm_scan s;
    char *argv[4];
    prepare(&s, NULL, NULL, NULL, argv);
    /* fw/platformio.ini: test_dir = qa, src_dir = code */
    ROLE(&s, "fw/qa/check.c", MM_ROLE_TEST, MM_ROLE_BY_BUILD);
    ROLE(&s, "fw/code/main.c", MM_ROLE_PRODUCT, MM_ROLE_BY_BUILD);
    /* its own test_dir moved: fw/test/ is a test by name only */
    ROLE(&s, "fw/test/t.c", MM_ROLE_TEST, MM_ROLE_BY_CONVENTION);
    /* without a PlatformIO project, a directory named like a test_dir is nothing */
    ROLE(&s, "src/unit/u.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    /* a sketch inside the project's lib_dir is a library's example: PlatformIO builds a
     * library's .c/.cpp only; the library's code and the project's own sketch are product */
    ROLE(&s, "fw/lib/ping/PingTest/PingTest.ino", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "fw/lib/ping/src/ping.cpp", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "fw/code/fw.ino", MM_ROLE_PRODUCT, MM_ROLE_BY_BUILD);
    ROLE(&s, "fw/extlib/x/X.ino", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    /* lib_dir moved: libs/ holds the libraries, lib/ is nothing special */
    ROLE(&s, "alt/libs/radio/Demo/Demo.ino", MM_ROLE_EXAMPLE, MM_ROLE_BY_CONVENTION);
    ROLE(&s, "alt/lib/k/K.ino", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    /* no PlatformIO project: an Arduino IDE sketch folder may be anywhere */
    ROLE(&s, "loose/lib/s/S.ino", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    /* a test_dir or src_dir outside its project says nothing of the tree */
    ROLE(&s, "src/main.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    ROLE(&s, "evil/x/a.c", MM_ROLE_PRODUCT, MM_ROLE_BY_DEFAULT);
    unprepare(&s, argv);

    /* the compilation database's translation units are product code, whatever their
     * directory says; the other files there keep their convention */
    mm_strset units = {0};
    char *keygen = mm_xasprintf("%s/tools/keygen.c", dir);
    char *real = realpath(keygen, NULL);
    mm_strset_add(&units, real ? real : keygen);
    prepare(&s, NULL, NULL, &units, argv);
    ROLE(&s, "tools/keygen.c", MM_ROLE_PRODUCT, MM_ROLE_BY_BUILD);
    ROLE(&s, "tools/gen.py", MM_ROLE_TOOL, MM_ROLE_BY_CONVENTION);
    unprepare(&s, argv);
    mm_strset_free(&units);
    free(real);
    free(keygen);
}

static void test_policy(void)
{
    put("mamori.json", "{\n"
                       "  \"product\": {\"sources\": [\"tests/keep/**\"]},\n"
                       "  \"roles\": {\n"
                       "    \"test\": {\"paths\": [\"tests/**\", \"src/main.c\"]},\n"
                       "    \"tool\": {\"paths\": [\"fw/qa/\"]},\n"
                       "    \"example\": {\"severity\": \"warning\"}\n"
                       "  }\n"
                       "}\n");
    char *pp = mm_xasprintf("%s/mamori.json", dir);
    mm_policy p;
    mm_err err;
    CHECKF(mm_policy_load(&p, pp, &err) == 0, "%s", err.msg);
    CHECK_INT(p.role_severity[MM_ROLE_EXAMPLE], MM_SEV_WARNING);
    CHECK_INT(p.role_severity[MM_ROLE_TEST], MM_SEV_NONE);
    mm_scan s;
    char *argv[4];
    prepare(&s, NULL, &p, NULL, argv);
    /* a test/ directory that is product because the policy says so: the longer pattern wins */
    ROLE(&s, "tests/keep/x.c", MM_ROLE_PRODUCT, MM_ROLE_BY_POLICY);
    ROLE(&s, "tests/test_a.c", MM_ROLE_TEST, MM_ROLE_BY_POLICY);
    /* a product file that is a test because the policy says so */
    ROLE(&s, "src/main.c", MM_ROLE_TEST, MM_ROLE_BY_POLICY);
    /* stronger than the build */
    ROLE(&s, "fw/qa/check.c", MM_ROLE_TOOL, MM_ROLE_BY_POLICY);
    ROLE(&s, "src/sim/sim.c", MM_ROLE_SIMULATOR, MM_ROLE_BY_CONVENTION);
    /* and than what the file's content says */
    mm_role_decision d = mm_roles_decide(s.roles, "tests/keep/x.c", MM_ROLE_TEST, "unity.h");
    CHECK_INT(d.role, MM_ROLE_PRODUCT);
    mm_buf why = {0};
    mm_role_explain(s.roles, &d, "tests/keep/x.c", &why);
    CHECK_STR(mm_buf_cstr(&why), "mamori.json:2:27: \"tests/keep/**\"");
    mm_buf_free(&why);
    unprepare(&s, argv);
    mm_policy_free(&p);

    /* mistakes name their place */
    static const struct {
        const char *text, *msg;
    } bad[] = {
        {"{\"roles\": {\"examples\": {}}}", "unknown role \"examples\""},
        {"{\"roles\": {\"test\": {\"paths\": \"tests\"}}}", "roles.test.paths is a list"},
        {"{\"roles\": {\"test\": {\"paths\": [\"\"]}}}", "non-empty path patterns"},
        {"{\"roles\": {\"test\": {\"severity\": \"off\"}}}", "roles.test.severity must be"},
        {"{\"roles\": {\"product\": {\"severity\": \"error\"}}}", "product findings have"},
        {"{\"roles\": {\"test\": {\"glob\": []}}}", "glob"},
        {"{\"roles\": []}", "\"roles\" maps roles"},
        {"{\"product\": {\"sources\": [1]}}", "product.sources holds"},
    };
    for (size_t i = 0; i < MM_ARRAY_LEN(bad); i++) {
        put("mamori.json", bad[i].text);
        memset(&err, 0, sizeof err);
        int rc = mm_policy_load(&p, pp, &err);
        CHECKF(rc < 0 && strstr(err.msg, bad[i].msg) && err.line == 1 && err.col > 1,
               "%s: rc %d, %u:%u: %s", bad[i].text, rc, err.line, err.col, err.msg);
        mm_policy_free(&p);
    }
    unlink(pp);
    free(pp);
}

/* --- a file's own content ---------------------------------------------------------------------- */

static mm_role content_of(const char *path, const char *text, unsigned hits, const char **why)
{
    static mm_arena arena;
    mm_file f;
    memset(&f, 0, sizeof f);
    f.path = path;
    f.data = text;
    f.len = strlen(text);
    f.kind = MM_KIND_C;
    f.arena = &arena;
    f.internal_hits = hits;
    mm_role r = mm_roles_content(&f);
    *why = f.role_why;
    return r;
}

#define WIN (1u << MM_TRIG_WINDOWS)
#define GEN (1u << MM_TRIG_GENERATED)

static void test_content(void)
{
    const char *why;
    CHECK_INT(content_of("t.c", "#include <string.h>\n#include \"unity.h\"\nvoid t(void){}\n", 0,
                         &why),
              MM_ROLE_TEST);
    CHECK_STR(why, "includes unity.h (line 2): a unit-test framework");
    CHECK_INT(content_of("t.c", "  #  include <zephyr/ztest.h>\n", 0, &why), MM_ROLE_TEST);
    CHECK_INT(content_of("t.c", "// #include \"unity.h\" is not used here\nint x;\n", 0, &why),
              MM_ROLE_PRODUCT);
    CHECK_INT(content_of("t.c", "#include \"myunity.h\"\n", 0, &why), MM_ROLE_PRODUCT);

    const char *gen = "/* Automatically generated nanopb header. DO NOT EDIT. */\nint x;\n";
    CHECK_INT(content_of("a.pb.h", gen, GEN, &why), MM_ROLE_GENERATED);
    /* the marker is the prefilter's word: without its hit, nothing is read */
    CHECK_INT(content_of("a.pb.h", gen, 0, &why), MM_ROLE_PRODUCT);
    CHECK_INT(content_of("k.c", "/* keys generated at provisioning; do not edit */\n", GEN, &why),
              MM_ROLE_GENERATED);
    CHECK_INT(content_of("k.c", "/* the key is generated on first boot */\nint x;\n", GEN, &why),
              MM_ROLE_PRODUCT);

    /* one big byte array */
    mm_buf b = {0};
    mm_buf_puts(&b, "const unsigned char page[] = {\n");
    for (int i = 0; i < 2000; i++)
        mm_buf_printf(&b, "0x%02x,%s", i & 0xff, i % 16 == 15 ? "\n" : " ");
    mm_buf_puts(&b, "};\n");
    CHECK_INT(content_of("page.h", mm_buf_cstr(&b), 0, &why), MM_ROLE_GENERATED);
    /* code of the same size is not */
    mm_buf c = {0};
    for (int i = 0; i < 600; i++)
        mm_buf_printf(&c, "static int handler_%d(void) { return %d; }\n", i, i);
    CHECK_INT(content_of("big.c", mm_buf_cstr(&c), 0, &why), MM_ROLE_PRODUCT);
    mm_buf_free(&b);
    mm_buf_free(&c);

    /* built only for Windows: the whole file, or windows.h outside any #if */
    CHECK_INT(content_of("w.c", "#ifdef WINDOWS\n#include <stdio.h>\nint x;\n#endif\n", WIN, &why),
              MM_ROLE_SIMULATOR);
    CHECK_STR(why, "built only for Windows (line 1): a host build");
    CHECK_INT(content_of("w.c",
                         "#ifndef W_H\n#define W_H\n/* a\n  comment */\n#if defined(_WIN32) && 1\n"
                         "int x;\n#endif\n#endif\n",
                         WIN, &why),
              MM_ROLE_SIMULATOR);
    CHECK_INT(content_of("w.c", "#include <windows.h>\nint main(void) { return 0; }\n", WIN, &why),
              MM_ROLE_SIMULATOR);
    /* code for both, or for everything but Windows, is product code */
    CHECK_INT(content_of("w.c", "#ifdef _WIN32\nint x;\n#else\nint y;\n#endif\n", WIN, &why),
              MM_ROLE_PRODUCT);
    CHECK_INT(content_of("w.c", "#if !defined(_WIN32)\nint y;\n#endif\n", WIN, &why),
              MM_ROLE_PRODUCT);
    CHECK_INT(content_of("w.c", "#ifndef _WIN32\nint y;\n#else\nint x;\n#endif\nint z;\n", WIN,
                         &why),
              MM_ROLE_PRODUCT);
    CHECK_INT(content_of("w.c", "#ifdef _WIN32\n#include <windows.h>\n#endif\nint z;\n", WIN, &why),
              MM_ROLE_PRODUCT);
    CHECK_INT(content_of("w.c", "int z; /* see WINDOWS below */\n", WIN, &why), MM_ROLE_PRODUCT);
}

/* A product file's findings inside an #ifdef _WIN32 block are the simulator's. */
static void test_windows_blocks(void)
{
    static mm_arena arena;
    const char *text = "int a(char *d, const char *s) { strcpy(d, s); }\n"
                       "#if defined(WINDOWS)\n"
                       "int b(char *d, const char *s) { strcpy(d, s); }\n"
                       "#else\n"
                       "int c(char *d, const char *s) { strcpy(d, s); }\n"
                       "#endif\n";
    mm_file f;
    memset(&f, 0, sizeof f);
    f.path = "cmd.c";
    f.data = text;
    f.len = strlen(text);
    f.kind = MM_KIND_C;
    f.arena = &arena;
    f.internal_hits = WIN;
    const char *at[] = {strstr(text, "strcpy"), strstr(strstr(text, "b(") , "strcpy"),
                        strstr(strstr(text, "c("), "strcpy")};
    for (int i = 0; i < 3; i++) {
        mm_finding fd;
        memset(&fd, 0, sizeof fd);
        fd.start = (uint32_t)(at[i] - text);
        mm_vec_push(&f.findings, fd);
    }
    mm_roles_mark_host_code(&f);
    CHECK_INT(f.findings.v[0].role, MM_ROLE_PRODUCT);
    CHECK_INT(f.findings.v[1].role, MM_ROLE_SIMULATOR);
    CHECK_INT(f.findings.v[2].role, MM_ROLE_PRODUCT);
    mm_vec_free(&f.findings);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    for (size_t i = 0; i < MM_ARRAY_LEN(tree_files); i++)
        put(tree_files[i], "int x;\n");
    put("examples/app/CMakeLists.txt", "cmake_minimum_required(VERSION 3.16)\n"
                                       "include($ENV{IDF_PATH}/tools/cmake/project.cmake)\n"
                                       "project(app)\n");
    put("fw/platformio.ini", "; the firmware\n[platformio]\nsrc_dir = code\ntest_dir = ./qa/\n\n"
                             "[env:esp32]\nplatform = espressif32@6.4.0\n");
    put("evil/platformio.ini", "[platformio]\ntest_dir = ../src\nsrc_dir = /etc\nsrc_dir\n"
                               "test_dir =\n= x\n[platformio\n");
    put("alt/platformio.ini", "[platformio]\nlib_dir = libs\n");
    test_live_or_demo();
    test_declared();
    test_role_names();
    test_conventions();
    test_scanned_directory();
    test_build();
    test_policy();
    test_content();
    test_windows_blocks();
    char *cmd = mm_xasprintf("rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    free(cmd);
    return MM_TEST_RESULT;
}
