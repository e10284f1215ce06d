/* test_yaml.c: the YAML reader (checker/base/yaml.c, libyaml underneath) on the forms west.yml,
 * idf_component.yml, dependencies.lock and sbom.yml use, on YAML a line reader cannot read
 * (anchors, aliases, merge keys, flow collections over lines, block scalars, documents), and on
 * broken and hostile input: errors name line and column, bounds hold. */
#include <stdlib.h>

#include "base/yaml.h"
#include "mmtest.h"

static const mm_ynode *parse(mm_arena *a, const char *text)
{
    mm_yaml_error err;
    const mm_ynode *r = mm_yaml_parse(a, text, strlen(text), &err);
    CHECKF(!err.failed, "unexpected error %u:%u %s", err.line, err.col, err.msg);
    return r;
}

static const mm_ynode *parse_err(mm_arena *a, const char *text, size_t len, mm_yaml_error *err)
{
    const mm_ynode *r = mm_yaml_parse(a, text, len, err);
    CHECK(r != NULL);
    return r;
}

static int count(const mm_ynode *n)
{
    int k = 0;
    for (const mm_ynode *c = n ? n->child : NULL; c; c = c->next)
        k++;
    return k;
}

static void test_west(void)
{
    mm_arena a = {0};
    const mm_ynode *root = parse(&a,
        "# west manifest\n"
        "manifest:\n"
        "  defaults:\n"
        "    remote: upstream   # the default remote\n"
        "  remotes:\n"
        "    - name: upstream\n"
        "      url-base: https://github.com/zephyrproject-rtos\n"
        "  projects:\n"
        "    - name: zephyr\n"
        "      revision: 'v3.7.0'\n"
        "      import: true\n"
        "    - name: \"mcuboot\"\n"
        "      revision: main\n"
        "      groups: [bootloader, optional]\n"
        "  self:\n"
        "    path: app\n");
    CHECK_INT(root->kind, MM_Y_MAP);
    const mm_ynode *man = mm_yaml_get(root, "manifest");
    CHECK(man && man->kind == MM_Y_MAP);
    CHECK_STR(mm_yaml_str(mm_yaml_get(man, "defaults"), "remote"), "upstream");
    const mm_ynode *projects = mm_yaml_get(man, "projects");
    CHECK(projects && projects->kind == MM_Y_SEQ);
    CHECK_INT(count(projects), 2);
    const mm_ynode *z = projects->child;
    CHECK_STR(mm_yaml_str(z, "name"), "zephyr");
    CHECK_STR(mm_yaml_str(z, "revision"), "v3.7.0");
    CHECK_INT(z->line, 9);
    CHECK_INT(mm_yaml_get(z, "revision")->line, 10);
    const mm_ynode *m = z->next;
    CHECK_STR(mm_yaml_str(m, "name"), "mcuboot");
    const mm_ynode *groups = mm_yaml_get(m, "groups");
    CHECK(groups && groups->kind == MM_Y_SEQ && count(groups) == 2);
    CHECK_STR(groups->child->next->value, "optional");
    CHECK_STR(mm_yaml_str(mm_yaml_get(man, "self"), "path"), "app");
    mm_arena_free(&a);
}

static void test_idf(void)
{
    mm_arena a = {0};
    /* an indentless sequence, a flow map, a block scalar and a quoted key */
    const mm_ynode *root = parse(&a,
        "dependencies:\n"
        "  idf: \">=5.0\"\n"
        "  espressif/led_strip: ^2.5.0\n"
        "  \"espressif/mdns\": {version: \"1.*\", require: public}\n"
        "  acme/drivers:\n"
        "    git: https://github.com/acme/drivers.git\n"
        "    rules:\n"
        "    - if: target == esp32\n"
        "description: |\n"
        "  first line\n"
        "  second: line\n"
        "version: 1.0.0\n");
    const mm_ynode *deps = mm_yaml_get(root, "dependencies");
    CHECK_INT(count(deps), 4);
    CHECK_STR(mm_yaml_str(deps, "idf"), ">=5.0");
    CHECK_STR(mm_yaml_str(deps, "espressif/led_strip"), "^2.5.0");
    const mm_ynode *mdns = mm_yaml_get(deps, "espressif/mdns");
    CHECK(mdns && mdns->kind == MM_Y_MAP);
    CHECK_STR(mm_yaml_str(mdns, "version"), "1.*");
    CHECK_STR(mm_yaml_str(mdns, "require"), "public");
    const mm_ynode *drv = mm_yaml_get(deps, "acme/drivers");
    CHECK_STR(mm_yaml_str(drv, "git"), "https://github.com/acme/drivers.git");
    const mm_ynode *rules = mm_yaml_get(drv, "rules");
    CHECK(rules && rules->kind == MM_Y_SEQ && count(rules) == 1);
    CHECK_STR(mm_yaml_str(rules->child, "if"), "target == esp32");
    CHECK_STR(mm_yaml_str(root, "description"), "first line\nsecond: line\n");
    CHECK_STR(mm_yaml_str(root, "version"), "1.0.0");
    mm_arena_free(&a);
}

static void test_lock(void)
{
    mm_arena a = {0};
    /* a component's own dependency list must not be read as top-level entries */
    const mm_ynode *root = parse(&a,
        "dependencies:\n"
        "  espressif/led_strip:\n"
        "    component_hash: abc\n"
        "    dependencies:\n"
        "    - name: idf\n"
        "      require: private\n"
        "      version: '>=4.4'\n"
        "    source:\n"
        "      type: service\n"
        "    version: 2.5.5\n"
        "  idf:\n"
        "    source:\n"
        "      type: idf\n"
        "    version: 5.3.1\n"
        "target: esp32\n");
    const mm_ynode *deps = mm_yaml_get(root, "dependencies");
    CHECK_INT(count(deps), 2);
    const mm_ynode *ls = mm_yaml_get(deps, "espressif/led_strip");
    CHECK_STR(mm_yaml_str(ls, "version"), "2.5.5");
    CHECK_STR(mm_yaml_str(mm_yaml_get(ls, "source"), "type"), "service");
    CHECK_STR(mm_yaml_str(mm_yaml_get(mm_yaml_get(deps, "idf"), "source"), "type"), "idf");
    CHECK_STR(mm_yaml_str(root, "target"), "esp32");
    mm_arena_free(&a);
}

static void test_scalars(void)
{
    mm_arena a = {0};
    const mm_ynode *root = parse(&a,
        "a: 'it''s'\n"
        "b: \"tab\\tquote\\\"\"\n"
        "c: plain # comment\n"
        "d: url#fragment\n"
        "e:\n"
        "f: &anchor value\n"
        "g: [one, 'two, three', {k: v}]\n");
    CHECK_STR(mm_yaml_str(root, "a"), "it's");
    CHECK_STR(mm_yaml_str(root, "b"), "tab\tquote\"");
    CHECK_STR(mm_yaml_str(root, "c"), "plain");
    CHECK_STR(mm_yaml_str(root, "d"), "url#fragment");
    CHECK(mm_yaml_get(root, "e") && mm_yaml_get(root, "e")->kind == MM_Y_NULL);
    CHECK_STR(mm_yaml_str(root, "f"), "value");
    const mm_ynode *g = mm_yaml_get(root, "g");
    CHECK(g && g->kind == MM_Y_SEQ && count(g) == 3);
    CHECK_STR(g->child->next->value, "two, three");
    CHECK_STR(mm_yaml_str(g->child->next->next, "k"), "v");
    mm_arena_free(&a);
}

static void test_positions(void)
{
    mm_arena a = {0};
    /* a sequence item's position is its dash; a map entry's is its key; columns count bytes */
    const mm_ynode *root = parse(&a,
        "list:\r\n"
        "  - name: first\r\n"
        "  -   name: second\r\n"
        "\"k\u00e9y\": 1\r\n"
        "after: \"\u00e9t\u00e9\"  # x\r\n"
        "last: 2\r\n");
    const mm_ynode *list = mm_yaml_get(root, "list");
    CHECK(list && count(list) == 2);
    CHECK_INT(list->child->line, 2);
    CHECK_INT(list->child->col, 3);
    CHECK_INT(list->child->next->line, 3);
    CHECK_INT(list->child->next->col, 3);
    CHECK_INT(mm_yaml_get(list->child->next, "name")->col, 7);
    CHECK_INT(mm_yaml_get(root, "k\u00e9y")->line, 4);
    const mm_ynode *last = mm_yaml_get(root, "last");
    CHECK_INT(last->line, 6);
    CHECK_INT(last->col, 1);
    CHECK_STR(mm_yaml_str(root, "after"), "\u00e9t\u00e9");
    /* a byte column after multi-byte characters */
    const mm_ynode *f = parse(&a, "{\u00e9\u00e9: a, b: c}\n");
    CHECK_INT(mm_yaml_get(f, "b")->col, 11);
    mm_arena_free(&a);
}

static void test_anchors(void)
{
    mm_arena a = {0};
    /* anchors, aliases and merge keys: explicit keys win over merged ones, earlier merged maps
     * over later ones */
    const mm_ynode *root = parse(&a,
        "base: &base\n"
        "  remote: upstream\n"
        "  revision: v1.0\n"
        "other: &other {revision: v9, path: x}\n"
        "name: &n zephyr\n"
        "one:\n"
        "  <<: *base\n"
        "  revision: v2.0\n"
        "two:\n"
        "  <<: [*base, *other]\n"
        "three: *base\n"
        "four: *n\n"
        "\"<<\": quoted\n");
    const mm_ynode *one = mm_yaml_get(root, "one");
    CHECK_STR(mm_yaml_str(one, "remote"), "upstream");
    CHECK_STR(mm_yaml_str(one, "revision"), "v2.0");
    CHECK_INT(count(one), 2);
    const mm_ynode *two = mm_yaml_get(root, "two");
    CHECK_STR(mm_yaml_str(two, "revision"), "v1.0");
    CHECK_STR(mm_yaml_str(two, "path"), "x");
    CHECK_INT(count(two), 3);
    CHECK_STR(mm_yaml_str(mm_yaml_get(root, "three"), "revision"), "v1.0");
    CHECK_STR(mm_yaml_str(root, "four"), "zephyr");
    CHECK_STR(mm_yaml_str(root, "<<"), "quoted");
    /* the copy keeps the anchored text's positions inside, and takes the alias's key */
    CHECK_INT(mm_yaml_get(mm_yaml_get(root, "three"), "revision")->line, 3);
    CHECK_INT(mm_yaml_get(root, "three")->line, 11);
    mm_arena_free(&a);
}

static void test_flow_and_blocks(void)
{
    mm_arena a = {0};
    const mm_ynode *root = parse(&a,
        "groups: [bootloader,\n"
        "         optional,   # a comment inside\n"
        "         'quoted, item']\n"
        "map: {a: 1,\n"
        "      b: [x, y]}\n"
        "folded: >\n"
        "  one\n"
        "  two\n"
        "keep: |+\n"
        "  text\n"
        "\n"
        "'single''quoted': yes\n"
        "? complex\n"
        ": value\n");
    const mm_ynode *g = mm_yaml_get(root, "groups");
    CHECK(g && g->kind == MM_Y_SEQ && count(g) == 3);
    CHECK_STR(g->child->next->next->value, "quoted, item");
    CHECK_INT(g->child->next->line, 2);
    CHECK_INT(count(mm_yaml_get(mm_yaml_get(root, "map"), "b")), 2);
    CHECK_STR(mm_yaml_str(root, "folded"), "one two\n");
    CHECK_STR(mm_yaml_str(root, "keep"), "text\n\n");
    CHECK_STR(mm_yaml_str(root, "single'quoted"), "yes");
    CHECK_STR(mm_yaml_str(root, "complex"), "value");
    mm_arena_free(&a);
}

static void test_documents(void)
{
    mm_arena a = {0};
    mm_yaml_error err;
    const char *two = "%YAML 1.1\n---\nfirst: 1\n...\n---\nsecond: 2\n";
    const mm_ynode *r = parse_err(&a, two, strlen(two), &err);
    CHECK(!err.failed);
    CHECK_INT(err.documents, 2);
    CHECK_INT(err.second_line, 5);
    CHECK_STR(mm_yaml_str(r, "first"), "1");
    CHECK(!mm_yaml_get(r, "second"));
    r = parse_err(&a, "", 0, &err);
    CHECK(!err.failed && r->kind == MM_Y_NULL);
    r = parse_err(&a, "# only a comment\n", 17, &err);
    CHECK(!err.failed && r->kind == MM_Y_NULL && err.documents == 0);
    mm_arena_free(&a);
}

static void test_broken(void)
{
    mm_arena a = {0};
    static const struct {
        const char *text;
        size_t len; /* 0: strlen */
        unsigned line, col;
        const char *says;
    } cases[] = {
        {"key: [unclosed, flow\nnext: 1\n", 0, 2, 5, "did not find expected ',' or ']'"},
        {"a: 1\n  b: 2\n", 0, 2, 4, "mapping values are not allowed"},
        {"ok: yes\nbad: \"\xff\"\n", 0, 2, 7, "invalid leading UTF-8 octet (byte 0xFF)"},
        {"ok: yes\nnul: a\0b\n", 17, 2, 7, "control characters are not allowed"},
        {"\xff\xfe" "a\0:\0", 6, 1, 1, "invalid leading UTF-8 octet"},
        {"x: *nowhere\n", 0, 1, 4, "alias *nowhere names no anchor defined before it"},
        {"x: &a [1, *a]\n", 0, 1, 11, "alias *a names no anchor"},
        {"m:\n  <<: plain\n", 0, 2, 3, "merge key (<<) takes a mapping"},
        {"\"unterminated: x\n", 0, 2, 1, "found unexpected end of stream"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        mm_yaml_error err;
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);
        parse_err(&a, cases[i].text, len, &err);
        CHECKF(err.failed, "case %zu fails", i);
        CHECKF(err.line == cases[i].line && err.col == cases[i].col,
               "case %zu at %u:%u, expected %u:%u (%s)", i, err.line, err.col, cases[i].line,
               cases[i].col, err.msg);
        CHECKF(strstr(err.msg, cases[i].says) != NULL, "case %zu says \"%s\"", i, err.msg);
    }
    /* what came before an error is kept */
    mm_yaml_error err;
    const char *half = "first: 1\nsecond: [\n";
    const mm_ynode *r = parse_err(&a, half, strlen(half), &err);
    CHECK(err.failed);
    CHECK_STR(mm_yaml_str(r, "first"), "1");
    mm_arena_free(&a);
}

static void test_bounds(void)
{
    mm_arena a = {0};
    mm_yaml_error err;
    /* deep nesting stops at the depth bound, in block and in flow style */
    mm_buf deep = {0};
    for (int i = 0; i < 200; i++)
        mm_buf_printf(&deep, "%*s- x:\n", 2 * i, "");
    const mm_ynode *r = parse_err(&a, deep.data, deep.len, &err);
    CHECK(err.failed && strstr(err.msg, "nested deeper than 64"));
    CHECK(r->kind == MM_Y_SEQ);
    deep.len = 0;
    for (int i = 0; i < 100000; i++)
        mm_buf_putc(&deep, '[');
    parse_err(&a, deep.data, deep.len, &err);
    CHECK(err.failed && err.line == 1 && err.col == 65);
    mm_buf_free(&deep);
    /* a billion laughs stops at the node bound */
    mm_buf lol = {0};
    mm_buf_puts(&lol, "a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char k = 'b'; k <= 'j'; k++)
        mm_buf_printf(&lol, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", k, k,
                      k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1);
    r = parse_err(&a, lol.data, lol.len, &err);
    CHECK(err.failed && strstr(err.msg, "more than 100000 nodes"));
    CHECK(mm_yaml_get(r, "a") != NULL);
    mm_buf_free(&lol);
    /* and so does the size */
    size_t big = (size_t)MM_YAML_MAX_LEN + 1;
    char *huge = malloc(big);
    memset(huge, ' ', big);
    parse_err(&a, huge, big, &err);
    CHECK(err.failed && strstr(err.msg, "larger than 16 MiB"));
    free(huge);
    mm_arena_free(&a);
}

int main(void)
{
    test_west();
    test_idf();
    test_lock();
    test_scalars();
    test_positions();
    test_anchors();
    test_flow_and_blocks();
    test_documents();
    test_broken();
    test_bounds();
    return MM_TEST_RESULT;
}
