/* test_chunk.c: the lexical chunker (checker/chunk.c) that lets the C front end parse only the
 * top-level items holding a prefilter hit. A wrong boundary splits a function in two and loses
 * findings, so: boundaries only between complete items, #if/#else balance, extern "C" and
 * namespaces transparent, braces in strings and comments ignored, unbalanced text whole. */
#include "front/chunk.h"
#include "mmtest.h"

/* the 1-based lines where chunks start, as "1,3,7" */
static void chunk_lines(const char *text, char *out, size_t cap, bool *whole)
{
    mm_arena a = {0};
    mm_chunks c;
    mm_chunks_find(text, strlen(text), SIZE_MAX, &a, &c);
    *whole = c.whole;
    out[0] = 0;
    size_t k = 0;
    for (size_t i = 0; i < c.n; i++) {
        unsigned line = 1;
        for (uint32_t o = 0; o < c.starts[i]; o++)
            line += text[o] == '\n';
        k += (size_t)snprintf(out + k, cap - k, "%s%u", i ? "," : "", line);
    }
    mm_arena_free(&a);
}

#define CHUNKS(text, expected, expect_whole)                                                  \
    do {                                                                                      \
        char got_[256];                                                                       \
        bool whole_;                                                                          \
        chunk_lines(text, got_, sizeof got_, &whole_);                                        \
        CHECKF(!strcmp(got_, expected) && whole_ == (expect_whole),                           \
               "chunks start at lines %s%s, expected %s%s", got_, whole_ ? " (whole)" : "",   \
               expected, (expect_whole) ? " (whole)" : "");                                   \
    } while (0)

static void test_boundaries(void)
{
    CHUNKS("int a;\nint b;\n", "1,2", false);
    /* inside a function, or a declaration spread over lines, there is no boundary */
    CHUNKS("int a;\n"
           "\n"
           "void f(void)\n"
           "{\n"
           "    g();\n"
           "}\n"
           "int b;\n",
           "1,2,3,7", false);
    CHUNKS("static const int table[] = {\n"
           "    1,\n"
           "    2,\n"
           "};\n"
           "int c;\n",
           "1,5", false);
    /* a multi-line call at file scope (a macro invocation) ends with its ';' */
    CHUNKS("DECLARE(a,\n"
           "        b);\n"
           "int d;\n",
           "1,3", false);
    /* preprocessor lines with continuations stay one item */
    CHUNKS("#define X(a) \\\n"
           "    do { a; } while (0)\n"
           "int e;\n",
           "1,3", false);
    CHUNKS("", "1", false);
}

static void test_if_else_balance(void)
{
    /* each branch opens a brace; the depth is restored at #else, so the text balances */
    CHUNKS("#if A\n"
           "void f(void) { if (x) {\n"
           "#else\n"
           "void f(void) { if (y) {\n"
           "#endif\n"
           "    g();\n"
           "} }\n"
           "int z;\n",
           "1,2,8", false); /* the #if line is an item of its own */
    CHUNKS("#ifdef A\n"
           "int a(void) {\n"
           "#elif defined(B)\n"
           "int b(void) {\n"
           "#else\n"
           "int c(void) {\n"
           "#endif\n"
           "    return 0;\n"
           "}\n"
           "int after;\n",
           "1,2,10", false);
}

static void test_transparent_blocks(void)
{
    CHUNKS("extern \"C\" {\n"
           "int a;\n"
           "void f(void)\n"
           "{\n"
           "}\n"
           "}\n",
           "1,2,3,6", false);
    CHUNKS("namespace net {\n"
           "int a;\n"
           "int b;\n"
           "}\n"
           "namespace {\n"
           "int c;\n"
           "}\n",
           "1,2,3,4,5,6,7", false);
    /* a struct is not transparent */
    CHUNKS("struct s {\n"
           "    int a;\n"
           "    int b;\n"
           "};\n",
           "1", false);
}

static void test_lexing(void)
{
    /* braces in strings, characters, comments and raw strings do not count */
    CHUNKS("const char *s = \"{\";\n"
           "char c = '{';\n"
           "// {\n"
           "/* { */\n"
           "const char *r = R\"x( } { )x\";\n"
           "int z;\n",
           "1,2,3,4,5,6", false);
    CHUNKS("void f(void)\n"
           "{\n"
           "    puts(\"}\"); /* } */ // }\n"
           "}\n"
           "int z;\n",
           "1,5", false);
}

static void test_unbalanced(void)
{
    CHUNKS("void f(void) {\n"
           "    g();\n",
           "1", true);
    CHUNKS("int a;\n}\nint b;\n", "1,2,3", true);
    /* deep nesting past the limit is parsed whole rather than overflowing */
    char deep[2100];
    size_t k = 0;
    for (int i = 0; i < 600; i++)
        deep[k++] = '{';
    for (int i = 0; i < 600; i++)
        deep[k++] = '}';
    deep[k] = 0;
    bool whole;
    char lines[64];
    chunk_lines(deep, lines, sizeof lines, &whole);
    CHECK(whole);
}

static void test_index(void)
{
    const char *text = "int a;\nint b;\nint c;\n";
    mm_arena a = {0};
    mm_chunks c;
    mm_chunks_find(text, strlen(text), SIZE_MAX, &a, &c);
    CHECK_INT(c.n, 3);
    CHECK_INT(mm_chunks_index(&c, 0), 0);
    CHECK_INT(mm_chunks_index(&c, 6), 0);
    CHECK_INT(mm_chunks_index(&c, 7), 1);
    CHECK_INT(mm_chunks_index(&c, 20), 2);
    CHECK_INT(mm_chunks_end(&c, 0), 7);
    CHECK_INT(mm_chunks_end(&c, 2), strlen(text));
    mm_arena_free(&a);
}

/* Lexing stops after the chunk that holds `until`: the chunks before are the same, an
 * unbalanced tail no longer sends the file to a whole parse, and mm_chunks_of() lexes a file
 * once unless asked for more. */
static void test_until(void)
{
    const char *text = "int a;\nvoid f(void)\n{\n    g();\n}\nint b;\nvoid h(void) {\n";
    mm_arena a = {0};
    mm_chunks all, part;
    mm_chunks_find(text, strlen(text), SIZE_MAX, &a, &all);
    CHECK(all.whole); /* h's body never closes */
    CHECK_INT(all.covered, strlen(text));
    uint32_t in_f = (uint32_t)(strstr(text, "g()") - text);
    mm_chunks_find(text, strlen(text), in_f, &a, &part);
    CHECK(!part.whole);
    CHECK_INT(part.n, 3); /* int a; | f | the start of int b; */
    CHECK_INT(part.starts[1], all.starts[1]);
    CHECK_INT(part.covered, part.starts[2]);
    CHECK_INT(mm_chunks_end(&part, 1), (uint32_t)(strstr(text, "int b") - text));

    mm_file f;
    memset(&f, 0, sizeof f);
    f.data = text;
    f.len = strlen(text);
    f.arena = &a;
    const mm_chunks *c1 = mm_chunks_of(&f, in_f);
    const mm_chunks *c2 = mm_chunks_of(&f, 3);
    CHECK(c1 == c2 && c2->n == 3); /* covered already: not lexed again */
    const mm_chunks *c3 = mm_chunks_of(&f, strlen(text) - 2);
    CHECK(c3->whole && c3->covered == strlen(text));
    mm_arena_free(&a);
}

/* The statement around the first '@' of text (the '@' is removed): its text (with the '}' the
 * caller adds to a compound statement's head), "comment", or "-" when there is none. */
static void statement_of(const char *marked, char *out, size_t cap)
{
    char text[512];
    const char *m = strchr(marked, '@');
    size_t at = (size_t)(m - marked);
    snprintf(text, sizeof text, "%.*s%s", (int)at, marked, m + 1);
    uint32_t st, en;
    bool opens;
    int r = mm_chunks_statement(text, 0, (uint32_t)strlen(text), (uint32_t)at, &st, &en, &opens);
    if (r < 0)
        snprintf(out, cap, "-");
    else if (r == 0)
        snprintf(out, cap, "comment");
    else
        snprintf(out, cap, "%.*s%s", (int)(en - st), text + st, opens ? "}" : "");
}

#define STMT(marked, expected)                                                                \
    do {                                                                                      \
        char got_[512];                                                                       \
        statement_of(marked, got_, sizeof got_);                                              \
        CHECKF(!strcmp(got_, expected), "statement of %s is [%s], expected [%s]", #marked,    \
               got_, expected);                                                               \
    } while (0)

static void test_statement(void)
{
    /* a declaration, an assignment and a copy inside a function body */
    STMT("void f(void)\n{\n    int a = 1;\n    const char *pass = @\"hunter2\";\n    g();\n}\n",
         "const char *pass = \"hunter2\";");
    STMT("void f(void) {\n    if (x) {\n        strcpy(cfg.pass, @\"abc\");\n    }\n}\n",
         "strcpy(cfg.pass, \"abc\");");
    STMT("int f() { if (a) pass = @\"x\"; return 0; }", "if (a) pass = \"x\";");
    STMT("int f() { if (a) y(); else pass = @\"x\"; }", "pass = \"x\";");
    /* file scope, and initializer braces belong to the statement */
    STMT("static const char *pw = @\"abc\";\n", "static const char *pw = \"abc\";");
    STMT("void f(void) {\n    wifi_config_t c = {\n        .sta = {\n            .ssid = \"s\",\n"
         "            .password = @\"p\",\n        },\n    };\n}\n",
         "wifi_config_t c = {\n        .sta = {\n            .ssid = \"s\",\n"
         "            .password = \"p\",\n        },\n    };");
    /* a member of a class, after an access specifier */
    STMT("class A {\npublic:\n    String pass = @\"x\";\n};\n", "String pass = \"x\";");
    /* braces, semicolons and quotes inside literals and comments are text */
    STMT("void f() { /* { ; */ p = \"};\"; q = @\"y\"; // }\n}", "q = \"y\";");
    /* a lambda passed as an argument is part of the call */
    STMT("void f() { on(\"/x\", [](){ run(); }); set(pass, @\"z\"); }", "set(pass, \"z\");");
    STMT("void f() { on(@\"/x\", [](){ run(); }); }", "on(\"/x\", [](){ run(); });");
    /* the head of a compound statement, closed empty; case labels and else are no part */
    STMT("void f() { if (strcmp(pass, @\"x\")) { g(); } }", "if (strcmp(pass, \"x\")) {}");
    STMT("void f() { if (a) { } else if (b == @\"x\") { g(); } }", "if (b == \"x\") {}");
    STMT("void f() { switch (x) { case 1: strcpy(e, @\"x\"); break; } }", "strcpy(e, \"x\");");
    STMT("void f() { switch (x) { case A::B: p = @\"x\"; } }", "p = \"x\";");
    STMT("void f() { switch (x) { case 1: @\"x\"; } }", "\"x\";");
    /* in a comment there is nothing to read */
    STMT("void f() {\n  // pass = @\"x\";\n  g();\n}", "comment");
    STMT("void f() {\n  /* pass = @\"x\"; */ g();\n}", "comment");
    /* no simple statement: a return, a block, a directive inside, a function signature */
    STMT("const char *f(void) { return @\"x\"; }", "-");
    /* the tail of a do-while reads alone as a while with an empty body: the same literal */
    STMT("void f() { do { p = \"a\"; } while (q == @\"x\"); }", "while (q == \"x\");");
    STMT("void f() {\n#define P @\"x\"\n}", "-");
    STMT("void f() { p =\n#ifdef A\n @\"a\";\n#else\n \"b\";\n#endif\n}", "-");
    STMT("void f(const char *pass = @\"x\") { }", "-");
    STMT("void f() { for (i = 0; i < n; i++) { p = @\"x\"; } }", "p = \"x\";");
    STMT("void f() { for (p = @\"x\"; i < n; i++) { } }", "for (p = \"x\"; i < n; i++) {}");
    STMT("void f() { p = @\"x\" }", "-");
}

int main(void)
{
    test_boundaries();
    test_if_else_balance();
    test_transparent_blocks();
    test_lexing();
    test_unbalanced();
    test_index();
    test_until();
    test_statement();
    return MM_TEST_RESULT;
}
