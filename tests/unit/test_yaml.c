/* test_yaml.c: the manifest YAML reader (checker/yaml.c) on the forms west.yml,
 * idf_component.yml, dependencies.lock and sbom.yml use, and on broken input. */
#include <stdlib.h>

#include "base/yaml.h"
#include "mmtest.h"

static const mm_ynode *parse(mm_arena *a, const char *text)
{
    return mm_yaml_parse(a, text, strlen(text));
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
    CHECK_STR(mm_yaml_str(root, "description"), "first line\nsecond: line");
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

static void test_broken(void)
{
    mm_arena a = {0};
    /* what the reader cannot place it skips; it never fails */
    const char *inputs[] = {
        "",
        "\n\n# only comments\n",
        "key: [unclosed, flow\nnext: 1\n",
        "- a\n  - b\nc: d\n",
        "  indented: first\nback: out\n",
        ": no key\n---\n...\n",
        "a:\n    deep: 1\n  odd: 2\n",
        "\t- tab\n",
        "\"unterminated: x\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        const mm_ynode *r = parse(&a, inputs[i]);
        CHECKF(r != NULL, "input %zu", i);
    }
    /* deep nesting stops at the depth limit instead of recursing on */
    mm_buf deep = {0};
    for (int i = 0; i < 5000; i++)
        mm_buf_printf(&deep, "%*s- x:\n", i, "");
    const mm_ynode *r = mm_yaml_parse(&a, deep.data, deep.len);
    CHECK(r && r->kind == MM_Y_SEQ);
    mm_buf_free(&deep);
    mm_arena_free(&a);
}

int main(void)
{
    test_west();
    test_idf();
    test_lock();
    test_scalars();
    test_broken();
    return MM_TEST_RESULT;
}
