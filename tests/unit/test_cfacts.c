/* test_cfacts.c: the C facts the firmware rules read — struct objects and the fields their
 * initializers and assignments set (cfront.c), and the whole-file token view (clex.c): values
 * through #defines, calls anywhere in the file, declared types, debug-only code. A wrong path
 * or a missed designator turns a CA that is set into a finding, so the shapes are pinned here. */
#define _GNU_SOURCE
#include <stdlib.h>

#include "front/cfront.h"
#include "front/clex.h"
#include "mmtest.h"

static mm_wants wants;
static mm_cfront *front;
static mm_arena arena;

static void setup(void)
{
    static const char *const fields[] = {"url", "uri", "certificate", "skip_cert_common_name_check",
                                         "x", "RDPLevel", "cert_pem"};
    static const char *const types[] = {"esp_mqtt_client_config_t", "esp_http_client_config_t",
                                        "T", "struct cfg"};
    for (size_t i = 0; i < MM_ARRAY_LEN(fields); i++)
        mm_strset_add(&wants.fields, fields[i]);
    for (size_t i = 0; i < MM_ARRAY_LEN(types); i++)
        mm_strset_add(&wants.types, types[i]);
    front = mm_cfront_new();
}

/* A file of `text` (a copy kept alive in the arena), parsed whole. */
static mm_file *parse(const char *path, const char *text, bool cpp)
{
    mm_file *f = mm_arena_calloc(&arena, 1, sizeof *f);
    f->wants = &wants;
    f->path = path;
    f->data = mm_arena_strdup(&arena, text);
    f->len = strlen(text);
    f->kind = cpp ? MM_KIND_CPP : MM_KIND_C;
    f->arena = &arena;
    mm_cfront_run(front, f, true);
    return f;
}

static const mm_field *field(const mm_file *f, const char *path)
{
    for (uint32_t i = 0; i < f->cf->nfields; i++) {
        if (!strcmp(f->cf->fields[i].path, path))
            return &f->cf->fields[i];
    }
    return NULL;
}

static void test_designated(void)
{
    mm_file *f = parse("a.c",
                       "void f(void) {\n"
                       "  esp_mqtt_client_config_t c = {\n"
                       "    .broker.verification.certificate = ca,\n"
                       "    .broker = { .address = { .uri = \"mqtts://a\" } },\n"
                       "    .other = 1,\n"
                       "  };\n"
                       "}\n",
                       false);
    CHECK_INT(f->cf->nobjects, 1);
    const mm_object *o = &f->cf->objects[0];
    CHECK_STR(o->type, "esp_mqtt_client_config_t");
    CHECK_STR(o->name, "c");
    CHECK(o->has_init && !o->positional && !o->is_pointer && o->func);
    CHECK_INT(f->cf->nfields, 2); /* .other is no watched field */
    const mm_field *cert = field(f, "broker.verification.certificate");
    CHECK(cert && cert->object == 0 && !cert->assign && cert->var && !strcmp(cert->var, "c"));
    CHECK(cert && !strcmp(cert->leaf, "certificate") && !strcmp(cert->value.text, "ca"));
    const mm_field *uri = field(f, "broker.address.uri");
    CHECK(uri && uri->object == 0 && uri->value.kind == MM_ARG_STRING &&
          !strcmp(uri->value.str, "mqtts://a"));
}

static void test_assignments(void)
{
    mm_file *f = parse("b.c",
                       "void g(struct cfg *p) {\n"
                       "  esp_http_client_config_t cfg = {0};\n"
                       "  cfg.url = URL;\n"
                       "  c.broker.verification.skip_cert_common_name_check = true;\n"
                       "  p->inner.x = 3;\n"
                       "  cfg.x |= 1;\n"
                       "  if (cfg.x == 2) {}\n"
                       "  cfgs[i].cert_pem = pem;\n"
                       "}\n",
                       false);
    CHECK_INT(f->cf->nobjects, 1);
    CHECK(!f->cf->objects[0].positional && f->cf->objects[0].has_init); /* {0} sets nothing */
    CHECK_INT(f->cf->nfields, 4); /* not |=, not == */
    const mm_field *url = field(f, "url");
    CHECK(url && url->assign && !strcmp(url->var, "cfg") && url->object == -1 && !url->arrow);
    const mm_field *skip = field(f, "broker.verification.skip_cert_common_name_check");
    CHECK(skip && !strcmp(skip->var, "c") && !strcmp(skip->value.text, "true"));
    const mm_field *x = field(f, "inner.x");
    CHECK(x && x->arrow && !strcmp(x->var, "p") && !strcmp(x->leaf, "x"));
    const mm_field *pem = field(f, "cert_pem");
    CHECK(pem && !strcmp(pem->var, "cfgs[i]"));
}

static void test_shapes(void)
{
    mm_file *f = parse("c.c",
                       "T glob = { \"https://a\" };\n"
                       "void h(void) {\n"
                       "  T empty = {};\n"
                       "  T *ptr = &empty;\n"
                       "  T arr[2] = { [0] = { .url = \"a\" } };\n"
                       "  int y = (esp_http_client_config_t){ .url = \"b\" }.port;\n"
                       "  struct cfg s = { .x = 1 };\n"
                       "  int n = {0};\n"
                       "  T made = make();\n"
                       "}\n",
                       false);
    CHECK_INT(f->cf->nobjects, 7);
    if (f->cf->nobjects == 7) {
        const mm_object *o = f->cf->objects;
        CHECK(o[0].positional && !o[0].func); /* file scope, positional */
        CHECK(!o[1].positional && o[1].has_init);
        CHECK(o[2].is_pointer);
        CHECK(o[3].is_array);
        CHECK(!o[4].name && !strcmp(o[4].type, "esp_http_client_config_t")); /* compound literal */
        CHECK(!strcmp(o[5].type, "struct cfg"));
    }
    /* T made = make(); sets fields we cannot name */
    bool made_unknown = false;
    for (uint32_t i = 0; i < f->cf->nobjects; i++) {
        if (f->cf->objects[i].name && !strcmp(f->cf->objects[i].name, "made"))
            made_unknown = f->cf->objects[i].positional;
    }
    CHECK(made_unknown);
    /* [0] = { .url = ... }: an array element's field has no path we name */
    const mm_field *lit = NULL;
    for (uint32_t i = 0; i < f->cf->nfields; i++) {
        if (f->cf->fields[i].object >= 0 && !f->cf->objects[f->cf->fields[i].object].name)
            lit = &f->cf->fields[i];
    }
    CHECK(lit && !strcmp(lit->path, "url") && !strcmp(lit->value.str, "b"));
    CHECK(field(f, "x") && field(f, "x")->object == 5);
    CHECK_INT(f->cf->nfields, 2);
}

static void test_cpp(void)
{
    mm_file *f = parse("d.cpp",
                       "void k() {\n"
                       "  esp_mqtt_client_config_t c{};\n"
                       "  c.uri = \"mqtts://b\";\n"
                       "  const esp_http_client_config_t e = { .url = \"x\", .cert_pem = nullptr };\n"
                       "}\n",
                       true);
    CHECK_INT(f->cf->nobjects, 2);
    CHECK(f->cf->nobjects == 2 && f->cf->objects[0].has_init && !f->cf->objects[0].positional);
    CHECK(field(f, "uri") && field(f, "uri")->assign);
    const mm_field *pem = field(f, "cert_pem");
    CHECK(pem && pem->object == 1);
}

/* --- values through #defines ------------------------------------------------------------------- */

static MM_VEC(mm_file *) files; /* their token views are released at the end */

static mm_file *text_file(const char *path, const char *text)
{
    mm_file *f = mm_arena_calloc(&arena, 1, sizeof *f);
    mm_vec_push(&files, f);
    f->wants = &wants;
    f->path = path;
    f->data = mm_arena_strdup(&arena, text);
    f->len = strlen(text);
    f->kind = MM_KIND_C;
    f->arena = &arena;
    return f;
}

static void test_values(void)
{
    mm_file *f = text_file("v.c",
                           "#define VERIFY 0\n"
                           "#define MODE MBEDTLS_SSL_VERIFY_NONE\n"
                           "#define LATER MODE\n"
                           "#define HOST \"ota.example.com\"\n"
                           "#define URL \"http://\" HOST \"/fw.bin\"\n"
                           "#define PART \"http://\" UNKNOWN_HOST\n"
                           "#ifdef A\n#define TWO 0\n#else\n#define TWO 1\n#endif\n"
                           "#define SAME 1\n#define SAME 1\n"
                           "/* #define VERIFY 1 in a comment does not define anything */\n"
                           "#define FN(x) (x)\n");
    mm_cvalue v;
    char *zero[] = {"0"};
    char *none[] = {"MBEDTLS_SSL_VERIFY_NONE"};
    char *aa[] = {"0xAA"};
    mm_c_value(f, "0L", &v);
    CHECK(v.kind == MM_CV_NUMBER && v.num == 0 && v.is_null && mm_cvalue_in(&v, zero, 1));
    mm_c_value(f, "(long)false", &v);
    CHECK(v.kind == MM_CV_NUMBER && mm_cvalue_in(&v, zero, 1));
    mm_c_value(f, "(x) - 1", &v);
    CHECK(v.kind == MM_CV_OTHER); /* a subtraction, not a cast of -1 */
    mm_c_value(f, "VERIFY", &v);
    CHECK(v.kind == MM_CV_NUMBER && mm_cvalue_in(&v, zero, 1) && v.via && !strcmp(v.via, "VERIFY"));
    mm_c_value(f, "LATER", &v);
    CHECK(v.kind == MM_CV_IDENT && mm_cvalue_in(&v, none, 1));
    CHECK(v.via && !strcmp(v.via, "LATER -> MODE"));
    mm_c_value(f, "URL", &v);
    CHECK(v.kind == MM_CV_STRING && v.str_exact && !strcmp(v.str, "http://ota.example.com/fw.bin"));
    mm_c_value(f, "PART", &v);
    CHECK(v.kind == MM_CV_STRING && !v.str_exact && v.str_len == 8 && !memcmp(v.str, "http://\x1a", 8));
    mm_c_value(f, "TWO", &v);
    char *one[] = {"1"};
    CHECK(v.ambiguous && !mm_cvalue_in(&v, zero, 1) && !mm_cvalue_in(&v, one, 1));
    mm_c_value(f, "SAME", &v);
    CHECK(!v.ambiguous && mm_cvalue_in(&v, one, 1));
    mm_c_value(f, "0xaaU", &v);
    CHECK(mm_cvalue_in(&v, aa, 1));
    mm_c_value(f, "FN", &v); /* a function-like macro gives no value */
    CHECK(v.kind == MM_CV_IDENT && !v.via);
    mm_c_value(f, "NULL", &v);
    CHECK(v.is_null);
    mm_c_value(f, "\"\"", &v);
    CHECK(v.kind == MM_CV_STRING && v.is_null);
}

static void test_calls(void)
{
    mm_file *f = text_file("calls.c",
                           "int mbedtls_pk_verify(int a);            /* a prototype */\n"
                           "static bool verify_sig(void) { return check(); }\n"
                           "// mbedtls_ecdsa_verify(x) in a comment\n"
                           "const char *s = \"psa_verify_hash(k)\";\n"
                           "void f(void) {\n"
                           "  if (esp_ota_end(h) == 0) Update.end(true);\n"
                           "  client->read(buf, 4);\n"
                           "  x = (void)wc_SignatureVerifyHash(1);\n"
                           "  return crypto_sign_verify_detached(sig);\n"
                           "}\n"
                           "#define CHECK_IMG() bootutil_img_validate(0)\n");
    const mm_clex *x = mm_clex_get(f);
    CHECK(!mm_clex_calls(x, "mbedtls_pk_verify"));
    CHECK(!mm_clex_calls(x, "verify_sig"));
    CHECK(mm_clex_calls(x, "check"));
    CHECK(!mm_clex_calls(x, "mbedtls_ecdsa_verify"));
    CHECK(!mm_clex_calls(x, "psa_verify_hash"));
    CHECK(mm_clex_calls(x, "esp_ota_end"));
    CHECK(mm_clex_calls(x, "Update.end") && mm_clex_calls(x, "*.end"));
    CHECK(!mm_clex_calls(x, "end") && !mm_clex_calls(x, "Other.end"));
    CHECK(mm_clex_calls(x, "client.read") && mm_clex_calls(x, "*.read"));
    CHECK(mm_clex_calls(x, "wc_SignatureVerify*"));
    CHECK(mm_clex_calls(x, "crypto_sign_verify*"));
    CHECK(mm_clex_calls(x, "bootutil_img_validate")); /* in a macro body: runs where it is used */
    CHECK(mm_clex_mentions(x, "esp_ota_end") && !mm_clex_mentions(x, "mbedtls_ecdsa_verify"));
    CHECK(mm_clex_call_at(x, "esp_ota_end") == (uint32_t)(strstr(f->data, "esp_ota_end") - f->data));
}

static void test_lexical_queries(void)
{
    const char *text = "WiFiClientSecure client;\n"
                       "std::unique_ptr<BearSSL::WiFiClientSecure> up(new BearSSL::WiFiClientSecure);\n"
                       "void f(WiFiClient &plain) {\n"
                       "  int verify = TLS_PEER_VERIFY_NONE;\n"
                       "  use(plain, client, up);\n"
                       "  verify = TLS_PEER_VERIFY_REQUIRED;\n"
                       "  cfg.verify = 0;\n"
                       "  use(verify);\n"
                       "}\n";
    mm_file *f = text_file("q.cpp", text);
    uint32_t use1 = (uint32_t)(strstr(text, "use(plain") - text);
    uint32_t use2 = (uint32_t)(strstr(text, "use(verify") - text);
    CHECK_STR(mm_clex_declared_type(f, "client", use1), "WiFiClientSecure");
    CHECK_STR(mm_clex_declared_type(f, "plain", use1), "WiFiClient");
    CHECK_STR(mm_clex_declared_type(f, "up", use1), "WiFiClientSecure");
    CHECK(mm_clex_declared_type(f, "nothing", use1) == NULL);
    CHECK_STR(mm_clex_last_value(f, "verify", 0, use1), "TLS_PEER_VERIFY_NONE");
    /* the later plain assignment wins; cfg.verify is another object's member */
    CHECK_STR(mm_clex_last_value(f, "verify", 0, use2), "TLS_PEER_VERIFY_REQUIRED");
}

static void test_profiles(void)
{
    const char *text = "a();\n"                      /* release */
                       "#ifdef DEBUG\n"
                       "b();\n"                       /* debug */
                       "#else\n"
                       "c();\n"                       /* release */
                       "#endif\n"
                       "#ifndef NDEBUG\n"
                       "d();\n"                       /* debug */
                       "#endif\n"
                       "#if 0\n"
                       "e();\n"                       /* dead code: not what ships */
                       "#elif defined(CONFIG_APP_DEBUG)\n"
                       "f();\n"                       /* debug */
                       "#else\n"
                       "g();\n"                       /* release: the else of an #elif chain */
                       "#endif\n"
                       "#ifndef DEBUG\n"
                       "h();\n"                       /* release */
                       "#else\n"
                       "#if BOARD > 2\n"
                       "i();\n"                       /* debug: inside the else of #ifndef DEBUG */
                       "#endif\n"
                       "#endif\n"
                       "#if defined(DEBUG) && X\n"
                       "j();\n"                       /* not a condition we can tell */
                       "#endif\n";
    mm_file *f = text_file("Core/Src/main.c", text);
    const char *want[][2] = {{"a();", "release"}, {"b();", "debug"}, {"c();", "release"},
                             {"d();", "debug"},   {"e();", "debug"}, {"f();", "debug"},
                             {"g();", "release"}, {"h();", "release"}, {"i();", "debug"},
                             {"j();", "release"}};
    for (size_t i = 0; i < MM_ARRAY_LEN(want); i++) {
        uint32_t off = (uint32_t)(strstr(text, want[i][0]) - text);
        const char *got = mm_code_profile(f, off);
        CHECKF(!strcmp(got, want[i][1]), "%s is %s, expected %s", want[i][0], got, want[i][1]);
    }
    mm_file *t = text_file("test/unit/flash_test.c", "a();\n");
    CHECK_STR(mm_code_profile(t, 0), "debug");
    CHECK(mm_path_is_test("test/x.c") && mm_path_is_test("a/tests/x.c") &&
          mm_path_is_test("src/test_ota.c") && mm_path_is_test("src/ota_test.cc") &&
          mm_path_is_test("src/OtaTest.cpp") && mm_path_is_test("components/x/host_test/main.c"));
    CHECK(!mm_path_is_test("src/attest.c") && !mm_path_is_test("src/testing_mode.c") &&
          !mm_path_is_test("src/contest/x.c") && !mm_path_is_test("latest/x.c"));
}

/* A file parsed by chunks, with a hit of `rule` at the end of each `marker` in it; alone: judged
 * alone, as a version in history is (mm_file.alone). */
static mm_file *parse_hits_as(const char *path, const char *text, const char *marker,
                              const mm_rule *rule, bool alone)
{
    mm_file *f = mm_arena_calloc(&arena, 1, sizeof *f);
    f->alone = alone;
    f->wants = &wants;
    f->path = path;
    f->data = mm_arena_strdup(&arena, text);
    f->len = strlen(text);
    f->kind = MM_KIND_C;
    f->arena = &arena;
    f->hits = mm_arena_calloc(&arena, 16, sizeof *f->hits);
    for (const char *p = strstr(f->data, marker); p && f->nhits < 16; p = strstr(p + 1, marker))
        f->hits[f->nhits++] = (mm_hit){0, (uint32_t)(p - f->data + strlen(marker)), rule};
    mm_cfront_run(front, f, false);
    return f;
}

static mm_file *parse_hits(const char *path, const char *text, const char *marker,
                           const mm_rule *rule)
{
    return parse_hits_as(path, text, marker, rule, false);
}

static const mm_strlit *literal(const mm_file *f, const char *value)
{
    for (uint32_t i = 0; i < f->cf->nstrs; i++) {
        if (!strcmp(f->cf->strs[i].value, value))
            return &f->cf->strs[i];
    }
    return NULL;
}

/* Hits of rules that read one statement (a literal and where it goes) in a large function:
 * only their statements are parsed, and the facts are those of the whole parse. A hit of a
 * rule that reads more (an unsafe call's destination size) has the function parsed whole. */
static void test_statement_cuts(void)
{
    mm_buf b = {0};
    mm_buf_puts(&b, "int f(int mode)\n{\n    int total = 0;\n");
    for (int i = 0; i < 80; i++)
        mm_buf_printf(&b, "    total += values[%d] * %d;\n", i, i + 3);
    mm_buf_puts(&b, "    struct cfg c = { .sta = { .password = \"Cut7Pw1\" } };\n"
                    "    if (mode) { wifi_pass = \"Cut7Pw2\"; }\n"
                    "    return total;\n}\n");
    const char *text = mm_buf_cstr(&b);
    mm_rule local = {.needs = MM_NEED_CFACTS, .statement_local = true};
    mm_rule whole = {.needs = MM_NEED_CFACTS, .statement_local = false};
    mm_file *cut = parse_hits("cut.c", text, "Cut7Pw", &local);
    mm_file *all = parse_hits("all.c", text, "Cut7Pw", &whole);
    CHECKF(cut->cf->parsed < 300, "the cut parsed %u bytes", cut->cf->parsed);
    CHECKF(all->cf->parsed >= strlen(text), "the whole parse took %u bytes", all->cf->parsed);
    const char *vals[] = {"Cut7Pw1", "Cut7Pw2"};
    for (size_t i = 0; i < 2; i++) {
        const mm_strlit *x = literal(cut, vals[i]), *y = literal(all, vals[i]);
        CHECK(x && y);
        if (x && y) {
            CHECK_INT(x->ctx, y->ctx);
            CHECK_STR(x->name, y->name);
            CHECK_INT(x->span.start, y->span.start);
            CHECK_INT(x->span.end, y->span.end);
        }
    }
    /* a statement that does not parse alone (here: one the lexer cannot close) sends the run
     * back whole, so nothing is lost */
    mm_buf_free(&b);
    mm_buf_puts(&b, "int g(void)\n{\n");
    for (int i = 0; i < 80; i++)
        mm_buf_printf(&b, "    total += values[%d] * %d;\n", i, i + 3);
    mm_buf_puts(&b, "    wifi_pass = \"Cut7Pw3\" +;\n}\n");
    text = mm_buf_cstr(&b);
    mm_file *bad = parse_hits("bad.c", text, "Cut7Pw", &local);
    CHECKF(bad->cf->parsed >= strlen(text), "the fallback parsed %u bytes", bad->cf->parsed);
    mm_buf_free(&b);
}

/* A rule that reads the enclosing function only to state facts for other files, or to need
 * theirs (a call rule with through_functions), reads one statement of a file judged alone (a
 * version in history) and the function elsewhere. */
static void test_statement_cuts_alone(void)
{
    mm_buf b = {0};
    mm_buf_puts(&b, "void connect_to(const char *pw)\n{\n    int total = 0;\n");
    for (int i = 0; i < 80; i++)
        mm_buf_printf(&b, "    total += values[%d] * %d;\n", i, i + 3);
    mm_buf_puts(&b, "    wifi_join(\"ssid\", \"Alone7Pw\");\n    use(pw, total);\n}\n");
    const char *text = mm_buf_cstr(&b);
    mm_rule through = {.needs = MM_NEED_CFACTS, .statement_local_alone = true};
    mm_strset_add(&wants.callees, "wifi_join"); /* the last test: the others' calls stay */
    mm_file *alone = parse_hits_as("alone.c", text, "Alone7Pw", &through, true);
    mm_file *tree = parse_hits_as("tree.c", text, "Alone7Pw", &through, false);
    CHECKF(alone->cf->parsed < 300, "alone, the cut parsed %u bytes", alone->cf->parsed);
    CHECKF(tree->cf->parsed >= strlen(text), "in a tree, the parse took %u bytes",
           tree->cf->parsed);
    /* the call and its literal arguments are read in both */
    const mm_file *fs[] = {alone, tree};
    for (size_t k = 0; k < 2; k++) {
        const mm_call *begin = NULL;
        for (uint32_t i = 0; i < fs[k]->cf->ncalls; i++) {
            if (!strcmp(fs[k]->cf->calls[i].callee, "wifi_join"))
                begin = &fs[k]->cf->calls[i];
        }
        CHECKF(begin && begin->nargs == 2 && begin->args[1].kind == MM_ARG_STRING, "file %zu", k);
    }
    mm_buf_free(&b);
}

int main(void)
{
    setup();
    test_designated();
    test_assignments();
    test_shapes();
    test_cpp();
    test_values();
    test_calls();
    test_lexical_queries();
    test_profiles();
    test_statement_cuts();
    test_statement_cuts_alone();
    for (size_t i = 0; i < files.n; i++)
        mm_clex_release(files.v[i]);
    mm_vec_free(&files);
    mm_cfront_free(front);
    mm_arena_free(&arena);
    mm_strset_free(&wants.fields);
    mm_strset_free(&wants.callees);
    mm_strset_free(&wants.types);
    return MM_TEST_RESULT;
}
