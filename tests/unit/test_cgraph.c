/* test_cgraph.c: a file's call-graph facts (front/cgraph.c) and their text form
 * (model/cgraph.c). The update-path rules follow these facts across files: a function read as
 * a call, a lambda missed, a handler not seen as passed, or a route block misattributed moves a
 * finding to the wrong place or loses it, so the shapes of real firmware are pinned here. */
#define _GNU_SOURCE
#include <stdlib.h>

#include "front/cgraph.h"
#include "front/clex.h"
#include "mmtest.h"

static mm_arena arena;
static mm_strset sites, types;
static char *words[] = {"auth", "correct_pin", "password"};
static char *route_names[] = {"url", "uri"};
static char *site_prefixes[] = {"mbedtls_md5"};
static char *site_strings[] = {"sysupgrade"};
static mm_cg_want want;

static void setup(void)
{
    mm_strset_add(&sites, "esp_ota_write");
    mm_strset_add(&sites, "Update.write");
    mm_strset_add(&sites, "*.on");
    mm_strset_add(&types, "ESP8266HTTPUpdateServer");
    want.sites = &sites;
    want.types = &types;
    want.words = words;
    want.nwords = MM_ARRAY_LEN(words);
    want.route_names = route_names;
    want.nroute_names = MM_ARRAY_LEN(route_names);
    want.site_prefixes = site_prefixes;
    want.nsite_prefixes = MM_ARRAY_LEN(site_prefixes);
    want.site_strings = site_strings;
    want.nsite_strings = MM_ARRAY_LEN(site_strings);
    want.path_literal_sites = true;
}

static mm_file *file_of(const char *text, bool cpp)
{
    mm_file *f = mm_arena_calloc(&arena, 1, sizeof *f);
    f->path = cpp ? "t.cpp" : "t.c";
    f->data = mm_arena_strdup(&arena, text);
    f->len = strlen(text);
    f->kind = cpp ? MM_KIND_CPP : MM_KIND_C;
    f->arena = &arena;
    return f;
}

static int32_t func(const mm_cg_file *g, const char *name)
{
    for (size_t i = 0; i < g->funcs.n; i++) {
        if (!strcmp(g->funcs.v[i].name, name))
            return (int32_t)i;
    }
    return -1;
}

static const mm_cg_call *call(const mm_cg_file *g, const char *name, int nth)
{
    for (size_t i = 0; i < g->calls.n; i++) {
        if (!strcmp(g->calls.v[i].name, name) && nth-- == 0)
            return &g->calls.v[i];
    }
    return NULL;
}

static bool has_ref(const mm_cg_file *g, int32_t fn, const char *name)
{
    for (size_t i = 0; i < g->refs.n; i++) {
        if (g->refs.v[i].func == fn && !strcmp(g->refs.v[i].name, name))
            return true;
    }
    return false;
}

/* Functions, static ones, definitions versus prototypes and declarations, calls and the
 * function each is in, macro bodies left out. */
static void test_functions(void)
{
    mm_file *f = file_of("#define WRITE(b) esp_ota_write(h, b, 4)\n"
                         "int helper(int x);\n"
                         "static int helper2(void) { return 1; }\n"
                         "void ota_task(void *arg)\n"
                         "{\n"
                         "    char buf[16];\n"
                         "    int n = recv(sock, buf, sizeof buf, 0);\n"
                         "    if (n > 0) {\n"
                         "        esp_ota_write(h, buf, n);\n"
                         "    }\n"
                         "    helper2();\n"
                         "}\n",
                         false);
    mm_cg_file g;
    mm_cg_extract(f, &want, &g);
    mm_clex_release(f);
    CHECK_INT(g.funcs.n, 2);
    int32_t t = func(&g, "ota_task"), h2 = func(&g, "helper2");
    CHECK(t >= 0 && h2 >= 0);
    CHECK(h2 >= 0 && g.funcs.v[h2].is_static);
    CHECK(t >= 0 && !g.funcs.v[t].is_static);
    CHECK(func(&g, "helper") < 0); /* a prototype */
    const mm_cg_call *w = call(&g, "esp_ota_write", 0);
    CHECK(w && w->func == t && w->line == 9 && w->nargs == 3 && w->site >= 0);
    CHECK(call(&g, "esp_ota_write", 1) == NULL); /* the macro body */
    CHECK(call(&g, "recv", 0) && call(&g, "recv", 0)->func == t);
    CHECK(call(&g, "sizeof", 0) == NULL && call(&g, "if", 0) == NULL);
    if (w && w->site >= 0)
        CHECK_STR(g.sites.v[w->site].snippet, "        esp_ota_write(h, buf, n);");
    mm_cg_file_free(&g);
}

/* C++: a handler registered with two lambdas, a method written in its class and one outside, an
 * anonymous namespace, qualified calls, objects' declared types. */
static void test_cpp(void)
{
    mm_file *f = file_of("namespace ota {\n"
                         "namespace {\n"
                         "void upload(Server &server) { Update.write(buf, len); }\n"
                         "}\n"
                         "class Web {\n"
                         "  AsyncWebServer server;\n"
                         "  void begin() {\n"
                         "    server.on(\"/update\", HTTP_POST, [](Req *r) { r->send(200); },\n"
                         "              [&](Req *r) { if (!correctPIN) return; handlers::upload(s); });\n"
                         "  }\n"
                         "};\n"
                         "void Web::end() { this->begin(); }\n"
                         "}\n"
                         "ESP8266HTTPUpdateServer httpUpdater(true);\n",
                         true);
    mm_cg_file g;
    mm_cg_extract(f, &want, &g);
    mm_clex_release(f);
    int32_t up = func(&g, "upload"), begin = func(&g, "begin"), end = func(&g, "end");
    CHECK(up >= 0 && g.funcs.v[up].is_static); /* anonymous namespace: file-local */
    CHECK(up >= 0 && g.funcs.v[up].ns && !strcmp(g.funcs.v[up].ns, "ota"));
    CHECK(begin >= 0 && g.funcs.v[begin].cls && !strcmp(g.funcs.v[begin].cls, "Web"));
    CHECK(end >= 0 && g.funcs.v[end].cls && !strcmp(g.funcs.v[end].cls, "Web"));
    const mm_cg_call *on = call(&g, "on", 0);
    CHECK(on && on->func == begin && on->object && !strcmp(on->object, "server"));
    CHECK(on && on->str && !strcmp(on->str, "/update") && on->str_arg == 0 && on->nargs == 4);
    CHECK(on && on->site >= 0);
    /* both lambdas are the call's handlers, written in begin() */
    int lambdas = 0;
    for (size_t i = 0; i < g.funcs.n; i++) {
        if (g.funcs.v[i].lambda) {
            lambdas++;
            CHECK(g.funcs.v[i].parent == begin);
        }
    }
    CHECK_INT(lambdas, 2);
    CHECK(on && on->refs && strstr(on->refs, "#") && strchr(strchr(on->refs, '#') + 1, '#'));
    const mm_cg_call *hu = call(&g, "upload", 0);
    CHECK(hu && hu->qual && !strcmp(hu->qual, "handlers") && g.funcs.v[hu->func].lambda);
    /* the PIN check is a word of the upload lambda */
    bool pin = false;
    for (size_t i = 0; i < g.words.n; i++)
        pin |= !strcmp(g.words.v[i].word, "correctPIN") && g.funcs.v[g.words.v[i].func].lambda;
    CHECK(pin);
    bool decl = false, member = false;
    for (size_t i = 0; i < g.decls.n; i++) {
        decl |= !strcmp(g.decls.v[i].var, "httpUpdater") &&
                !strcmp(g.decls.v[i].type, "ESP8266HTTPUpdateServer") && g.decls.v[i].func < 0;
        member |= !strcmp(g.decls.v[i].var, "server") &&
                  !strcmp(g.decls.v[i].type, "AsyncWebServer");
    }
    CHECK(decl);
    CHECK(member);
    CHECK(call(&g, "httpUpdater", 0) == NULL); /* an object constructed, not a call */
    const mm_cg_call *tb = call(&g, "begin", 0);
    CHECK(tb && tb->object && !strcmp(tb->object, "this") && tb->func == end);
    mm_cg_file_free(&g);
}

/* esp_http_server's struct registration, a callback passed by address, a thread, a route
 * compared inside a dispatcher, a command string. */
static void test_registrations(void)
{
    mm_file *f = file_of("static esp_err_t ota_post(httpd_req_t *req) { return ESP_OK; }\n"
                         "static const char *ROUTE = \"/fw\";\n"
                         "void start(httpd_handle_t s)\n"
                         "{\n"
                         "    httpd_uri_t up = {.uri = \"/api/ota\", .method = HTTP_POST, .handler = ota_post};\n"
                         "    httpd_register_uri_handler(s, &up);\n"
                         "    req->data_callback = &on_data;\n"
                         "    xTaskCreate(worker, \"w\", 4096, NULL, 3, NULL);\n"
                         "}\n"
                         "int dispatch(request_t *request)\n"
                         "{\n"
                         "    if (!strcmp(request->url, \"api/ota\"))\n"
                         "        return flash_post(request);\n"
                         "    if (!strcmp(request->url, \"api/cfg\")) {\n"
                         "        check_password(request);\n"
                         "        save(request);\n"
                         "    }\n"
                         "    if (strcmp(mode, \"http://\") == 0)\n"
                         "        other();\n"
                         "    system(\"sysupgrade -n /tmp/fw.bin\");\n"
                         "    mbedtls_md5_update(&ctx, b, n);\n"
                         "    return 0;\n"
                         "}\n",
                         false);
    mm_cg_file g;
    mm_cg_extract(f, &want, &g);
    mm_clex_release(f);
    int32_t start = func(&g, "start"), disp = func(&g, "dispatch");
    bool uri = false, handler = false, named = false;
    for (size_t i = 0; i < g.inits.n; i++) {
        const mm_cg_init *in = &g.inits.v[i];
        uri |= !strcmp(in->var, "up") && !strcmp(in->field, "uri") && in->str &&
               !strcmp(in->value, "/api/ota") && in->site >= 0;
        handler |= !strcmp(in->var, "up") && !strcmp(in->field, "handler") && !in->str &&
                   !strcmp(in->value, "ota_post");
        named |= !strcmp(in->var, "ROUTE") && !strcmp(in->field, "=") && !strcmp(in->value, "/fw");
    }
    CHECK(uri);
    CHECK(handler);
    CHECK(named);
    const mm_cg_call *reg = call(&g, "httpd_register_uri_handler", 0);
    CHECK(reg && reg->bases && !strcmp(reg->bases, "s up"));
    CHECK(has_ref(&g, start, "on_data"));
    CHECK(has_ref(&g, start, "ota_post"));
    const mm_cg_call *task = call(&g, "xTaskCreate", 0);
    CHECK(task && task->refs && strstr(task->refs, "worker"));
    CHECK_INT(g.routes.n, 2); /* "http://" is a scheme, not a route */
    const mm_cg_call *fp = call(&g, "flash_post", 0), *sv = call(&g, "save", 0);
    const mm_cg_call *ot = call(&g, "other", 0);
    CHECK(fp && fp->route >= 0 && !strcmp(g.routes.v[fp->route].route, "api/ota"));
    CHECK(sv && sv->route >= 0 && !strcmp(g.routes.v[sv->route].route, "api/cfg"));
    CHECK(ot && ot->route < 0);
    bool pw = false;
    for (size_t i = 0; i < g.words.n; i++)
        pw |= !strcmp(g.words.v[i].word, "check_password") && g.words.v[i].func == disp &&
              g.words.v[i].route >= 0 && !strcmp(g.routes.v[g.words.v[i].route].route, "api/cfg");
    CHECK(pw);
    const mm_cg_call *sys = call(&g, "system", 0);
    CHECK(sys && sys->site >= 0); /* a command the catalogue names */
    const mm_cg_call *md5 = call(&g, "mbedtls_md5_update", 0);
    CHECK(md5 && md5->site >= 0); /* by prefix */
    mm_cg_file_free(&g);
}

/* The text form: what goes in is what comes out; text of another kind is refused. */
static void test_roundtrip(void)
{
    mm_file *f = file_of("void a(void) { b(\"x\\ty\", \"\", cb); }\n"
                         "static void cb(int v) { if (!strcmp(url, \"/-\")) c(v); }\n",
                         false);
    mm_cg_file g, h;
    mm_cg_extract(f, &want, &g);
    mm_clex_release(f);
    char *text = mm_cg_encode(&g);
    CHECK_INT(mm_cg_decode(text, &arena, &h), 0);
    CHECK_INT(h.funcs.n, g.funcs.n);
    CHECK_INT(h.calls.n, g.calls.n);
    CHECK_INT(h.routes.n, g.routes.n);
    const mm_cg_call *b = call(&h, "b", 0);
    CHECK(b && b->str && !strcmp(b->str, "x\\ty") && b->empty_args == 2u && b->refs &&
          !strcmp(b->refs, "cb"));
    CHECK(h.routes.n == 1 && !strcmp(h.routes.v[0].route, "/-"));
    char *again = mm_cg_encode(&h);
    CHECK_STR(again, text);
    mm_cg_file bad;
    CHECK_INT(mm_cg_decode("cg0\nF\tx\n", &arena, &bad), -1);
    CHECK_INT(mm_cg_decode("cg1\nC\t7\tf\t-\t1\t1\t0\t-1\t-\t0\t-1\t-1\t-\t-\t-\n", &arena, &bad), -1);
    CHECK_INT(mm_cg_decode("cg1\nZ\n", &arena, &bad), -1);
    free(text);
    free(again);
    mm_cg_file_free(&g);
    mm_cg_file_free(&h);
}

/* Hostile text: unbalanced braces and parentheses, a lambda at the end, nothing at all. */
static void test_hostile(void)
{
    static const char *const texts[] = {
        "void f( { } } ) ( ( [ ] { x(\n",
        "}}}} void g() { [](){ h(",
        "#if A\nvoid f(int a) {\n#else\nvoid f(int a, int b) {\n#endif\n  w(); }\n",
        "",
        "int x = [",
    };
    for (size_t i = 0; i < MM_ARRAY_LEN(texts); i++) {
        mm_file *f = file_of(texts[i], true);
        mm_cg_file g;
        mm_cg_extract(f, &want, &g);
        mm_clex_release(f);
        char *text = mm_cg_encode(&g);
        mm_cg_file h;
        CHECK_INT(mm_cg_decode(text, &arena, &h), 0);
        free(text);
        mm_cg_file_free(&g);
        mm_cg_file_free(&h);
    }
}

int main(void)
{
    setup();
    test_functions();
    test_cpp();
    test_registrations();
    test_roundtrip();
    test_hostile();
    mm_strset_free(&sites);
    mm_strset_free(&types);
    mm_arena_free(&arena);
    return MM_TEST_RESULT;
}
