/* test_json.c: checker/json.c — comments blanked without moving positions, syntax errors at the
 * right line and column, semantic errors pointing at the value, and the typed getters. */
#include <stdlib.h>

#include "base/json.h"
#include "mmtest.h"

static int parse(mm_json_doc *doc, const char *text, mm_err *err)
{
    memset(err, 0, sizeof *err);
    return mm_json_parse(doc, "t.json", text, strlen(text), true, err);
}

/* parse fails at line:col with a message containing msg */
static void expect_syntax_error(const char *text, unsigned line, unsigned col, const char *msg)
{
    mm_json_doc doc;
    mm_err err;
    int rc = parse(&doc, text, &err);
    CHECKF(rc == -1, "\"%s\" should not parse", text);
    CHECKF(err.line == line && err.col == col, "\"%s\": error at %u:%u, expected %u:%u", text,
           err.line, err.col, line, col);
    CHECKF(strstr(err.msg, msg) != NULL, "\"%s\": message \"%s\" lacks \"%s\"", text, err.msg, msg);
    CHECK_INT(err.code, 2);
    CHECK_STR(err.file, "t.json");
    mm_json_free(&doc);
}

static void test_syntax_errors(void)
{
    expect_syntax_error("{\"a\": 1,}", 1, 9, "unexpected character");
    expect_syntax_error("{\n  \"a\": [1, 2,]\n}", 2, 14, "unexpected character");
    expect_syntax_error("{\n  \"a\": 1,\n}", 3, 1, "unexpected character");
    expect_syntax_error("{\"a\": -}", 1, 8, "unexpected character");
    expect_syntax_error("{\"a\": \"x\\q\"}", 1, 10, "unexpected character");
    expect_syntax_error("{\n  \"a\": tru\n}", 2, 8, "unexpected character");
    expect_syntax_error("{\"a\" 1}", 1, 6, "unexpected character");
    /* the text ends too early: at the end, and said so */
    expect_syntax_error("{\"a\": 1", 1, 8, "unexpected end of input");
    expect_syntax_error("{\"a\": 1,\n", 2, 1, "unexpected end of input");
    expect_syntax_error("[", 1, 2, "unexpected end of input");
    expect_syntax_error("", 1, 1, "unexpected end of input");
    expect_syntax_error("  \n ", 2, 2, "unexpected end of input");
    /* ... but a bad last character is a bad character */
    expect_syntax_error("{\"a\": 1x", 1, 8, "unexpected character");
    expect_syntax_error("{\"a\": 1}}", 1, 9, "text after the document");
    expect_syntax_error("{} []", 1, 4, "text after the document");
    /* positions after comments and multibyte characters: columns are code points */
    expect_syntax_error("// note\n/* a\n   b */ {\"é€\": x}", 3, 16, "unexpected character");
    /* an unterminated comment blanks to the end */
    expect_syntax_error("{\"a\": 1 /* never closed", 1, 24, "unexpected end of input");

    mm_json_doc doc;
    mm_err err;
    memset(&err, 0, sizeof err);
    CHECK(mm_json_parse(&doc, "n.json", "{\"a\":\0 1}", 9, true, &err) == -1);
    CHECK(strstr(err.msg, "NUL") != NULL);
    mm_json_free(&doc);
}

static void test_comments(void)
{
    mm_json_doc doc;
    mm_err err;
    const char *text = "{\n"
                       "  // a line comment with \"quotes\" and /* */\n"
                       "  \"url\": \"http://example.com/a//b\", /* block */ \"c\": \"/* not */\",\n"
                       "  /* multi\n     line */ \"esc\": \"a\\\"//b\"\n"
                       "}";
    CHECK(parse(&doc, text, &err) == 0);
    if (!doc.root) {
        fprintf(stderr, "parse error: %s\n", err.msg);
        return;
    }
    CHECK_STR(cJSON_GetObjectItem(doc.root, "url")->valuestring, "http://example.com/a//b");
    CHECK_STR(cJSON_GetObjectItem(doc.root, "c")->valuestring, "/* not */");
    CHECK_STR(cJSON_GetObjectItem(doc.root, "esc")->valuestring, "a\"//b");
    /* blanking keeps offsets and newlines */
    CHECK_INT(doc.len, strlen(text));
    CHECK_INT(strlen(doc.text), strlen(text));
    int newlines = 0;
    for (const char *p = doc.text; *p; p++)
        newlines += *p == '\n';
    CHECK_INT(newlines, 5);
    CHECK(strstr(doc.text, "line comment") == NULL);
    CHECK(strstr(doc.text, "multi") == NULL);
    mm_json_free(&doc);

    /* without allow_comments a comment is a syntax error */
    memset(&err, 0, sizeof err);
    CHECK(mm_json_parse(&doc, "t.json", "// x\n{}", 7, false, &err) == -1);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.col, 1);
    mm_json_free(&doc);
}

static void test_value_positions(void)
{
    mm_json_doc doc;
    mm_err err;
    const char *text = "{\n"
                       "  \"id\": \"x\",\n"
                       "  // \"cwe\": [1],\n"
                       "  \"cwe\": [798, \"two\"],\n"
                       "  \"match\": {\"kind\": \"call\", \"é\": {\"deep\": true}}\n"
                       "}\n";
    CHECK(parse(&doc, text, &err) == 0);
    if (!doc.root)
        return;
    const cJSON *cwe = cJSON_GetObjectItem(doc.root, "cwe");
    CHECK(mm_json_err(&doc, cwe->child->next, &err, "bad %s", "cwe") == -1);
    CHECK_INT(err.line, 4);
    CHECK_INT(err.col, 16);
    CHECK_STR(err.msg, "bad cwe");
    const cJSON *match = cJSON_GetObjectItem(doc.root, "match");
    mm_json_err(&doc, match, &err, "m");
    CHECK_INT(err.line, 5);
    CHECK_INT(err.col, 12);
    const cJSON *deep = cJSON_GetObjectItem(cJSON_GetObjectItem(match, "é"), "deep");
    mm_json_err(&doc, deep, &err, "d");
    CHECK_INT(err.line, 5);
    CHECK_INT(err.col, 43);
    mm_json_err(&doc, doc.root, &err, "root");
    CHECK_INT(err.line, 1);
    CHECK_INT(err.col, 1);
    /* a value of another document has no position: the message still names the file */
    cJSON *other = cJSON_CreateNull();
    mm_json_err(&doc, other, &err, "elsewhere");
    CHECK_INT(err.line, 0);
    CHECK_STR(err.file, "t.json");
    cJSON_Delete(other);

    /* only_keys names the stray key's value */
    static const char *const keys[] = {"id", "cwe", NULL};
    CHECK(mm_json_only_keys(&doc, doc.root, keys, "rule", &err) == -1);
    CHECK_STR(err.msg, "unknown field \"match\" in rule");
    CHECK_INT(err.line, 5);
    mm_json_free(&doc);
}

static void test_getters(void)
{
    mm_json_doc doc;
    mm_err err;
    CHECK(parse(&doc, "{\"s\": \"x\", \"n\": 2.5, \"b\": false, \"one\": \"a\", "
                      "\"list\": [\"a\", \"b\"], \"mixed\": [\"a\", 1], \"empty\": []}",
                &err) == 0);
    if (!doc.root)
        return;
    const char *s = "untouched";
    CHECK(mm_json_get_str(&doc, doc.root, "missing", &s, &err) == 0);
    CHECK_STR(s, "untouched");
    CHECK(mm_json_get_str(&doc, doc.root, "s", &s, &err) == 0);
    CHECK_STR(s, "x");
    CHECK(mm_json_get_str(&doc, doc.root, "n", &s, &err) == -1);
    CHECK_STR(err.msg, "field \"n\" must be a string");
    double d = 0;
    CHECK(mm_json_get_num(&doc, doc.root, "n", &d, &err) == 0 && d == 2.5);
    CHECK(mm_json_get_num(&doc, doc.root, "s", &d, &err) == -1);
    bool b = true;
    CHECK(mm_json_get_bool(&doc, doc.root, "b", &b, &err) == 0 && !b);
    CHECK(mm_json_get_bool(&doc, doc.root, "n", &b, &err) == -1);

    const char **items = NULL;
    size_t n = 99;
    CHECK(mm_json_get_strs(&doc, doc.root, "list", &items, &n, &err) == 0);
    CHECK_INT(n, 2);
    if (items && n == 2) {
        CHECK_STR(items[0], "a");
        CHECK_STR(items[1], "b");
    }
    free(items);
    /* a single string is a list of one */
    CHECK(mm_json_get_strs(&doc, doc.root, "one", &items, &n, &err) == 0);
    CHECK_INT(n, 1);
    free(items);
    /* absent: no list and no count, whatever the variables held (callers reuse them) */
    items = (const char **)&s;
    n = 7;
    CHECK(mm_json_get_strs(&doc, doc.root, "missing", &items, &n, &err) == 0);
    CHECK(items == NULL);
    CHECK_INT(n, 0);
    CHECK(mm_json_get_strs(&doc, doc.root, "empty", &items, &n, &err) == 0);
    CHECK(items != NULL);
    CHECK_INT(n, 0);
    free(items);
    CHECK(mm_json_get_strs(&doc, doc.root, "mixed", &items, &n, &err) == -1);
    CHECK_STR(err.msg, "field \"mixed\" must hold only strings");
    CHECK(mm_json_get_strs(&doc, doc.root, "n", &items, &n, &err) == -1);
    mm_json_free(&doc);
}

int main(void)
{
    test_syntax_errors();
    test_comments();
    test_value_positions();
    test_getters();
    return MM_TEST_RESULT;
}
