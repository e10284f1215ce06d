/* test_dtfront.c: devicetree facts — node paths through labels and &references, property
 * values (strings, phandle references), what later statements undo, preprocessor branches,
 * and input that is not devicetree at all. */
#include <stdlib.h>

#include "front/dtfront.h"
#include "mmtest.h"

static mm_arena arena;
static mm_dtfront *df;

static mm_dtfacts *parse(const char *text)
{
    return mm_dt_parse(df, &arena, text, strlen(text));
}

static const mm_dt_prop *prop(const mm_dtfacts *dt, const char *path, const char *name)
{
    const mm_dt_prop *hit = NULL;
    for (uint32_t i = 0; i < dt->nprops; i++) {
        if (!strcmp(dt->nodes[dt->props[i].node].path, path) && !strcmp(dt->props[i].name, name))
            hit = &dt->props[i]; /* the last one */
    }
    return hit;
}

static const mm_dt_node *node(const mm_dtfacts *dt, const char *path)
{
    for (uint32_t i = 0; i < dt->nnodes; i++) {
        if (!strcmp(dt->nodes[i].path, path))
            return &dt->nodes[i];
    }
    return NULL;
}

static void test_paths(void)
{
    mm_dtfacts *dt = parse("/dts-v1/;\n"
                           "/ {\n"
                           "  soc {\n"
                           "    uart0: serial@40002000 { compatible = \"nordic,nrf-uarte\"; };\n"
                           "    itm: itm@e0000000 { compatible = \"arm,armv7m-itm\"; status = \"disabled\"; };\n"
                           "  };\n"
                           "  chosen { zephyr,shell-uart = &uart0; };\n"
                           "};\n"
                           "&uart0 { status = \"okay\"; pinctrl-0 = <&uart0_default &uart0_sleep>; };\n"
                           "&gpio0 { status = \"okay\"; sub { x; }; };\n"
                           "&{/soc/itm@e0000000} { status = \"okay\"; };\n");
    CHECK_INT(dt->errors, 0);
    CHECK(node(dt, "/") != NULL);
    CHECK(node(dt, "/soc/serial@40002000") != NULL);
    CHECK(node(dt, "/chosen") != NULL);
    CHECK(node(dt, "&gpio0") != NULL);
    CHECK(node(dt, "&gpio0/sub") != NULL);
    const mm_dt_node *u = node(dt, "/soc/serial@40002000");
    if (u) {
        CHECK_INT(u->nlabels, 1);
        CHECK_STR(u->labels[0], "uart0");
        CHECK_STR(u->name, "serial@40002000");
        CHECK(u->next_same >= 0); /* &uart0 below is the same node */
        if (u->next_same >= 0) {
            const mm_dt_node *r = &dt->nodes[u->next_same];
            CHECK_STR(r->ref, "uart0");
            CHECK_STR(r->name, "&uart0");
            CHECK_INT(r->same, u - dt->nodes);
        }
    }
    const mm_dt_prop *c = prop(dt, "/chosen", "zephyr,shell-uart");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(c->raw, "&uart0");
        CHECK_INT(c->nrefs, 1);
        CHECK_STR(c->refs[0], "uart0");
        CHECK_INT(c->nstrings, 0);
    }
    const mm_dt_prop *p = prop(dt, "/soc/serial@40002000", "pinctrl-0");
    CHECK(p && p->nrefs == 2 && !strcmp(p->refs[1], "uart0_sleep"));
    /* status of the ITM: the path reference comes later and wins */
    const mm_dt_prop *s1 = NULL;
    for (uint32_t i = 0; i < dt->nprops; i++) {
        if (!strcmp(dt->props[i].name, "status") &&
            !strcmp(dt->nodes[dt->props[i].node].path, "/soc/itm@e0000000")) {
            if (!s1)
                s1 = &dt->props[i];
        }
    }
    CHECK(s1 && s1->overridden && !strcmp(s1->strings[0], "disabled"));
    const mm_dt_prop *s2 = prop(dt, "/soc/itm@e0000000", "status");
    CHECK(s2 && !s2->overridden && !strcmp(s2->strings[0], "okay"));
}

static void test_overlay_fragments(void)
{
    mm_dtfacts *dt = parse("/dts-v1/;\n/plugin/;\n/ {\n"
                           "  fragment@0 { target = <&itm>; __overlay__ { status = \"okay\"; }; };\n"
                           "  fragment@1 { target-path = \"/soc/etm@1\"; __overlay__ { x; }; };\n"
                           "};\n");
    CHECK_INT(dt->errors, 0);
    CHECK(node(dt, "&itm") != NULL);
    CHECK(prop(dt, "&itm", "status") != NULL);
    CHECK(prop(dt, "/soc/etm@1", "x") != NULL);
    const mm_dt_node *o = node(dt, "&itm");
    CHECK(o && o->ref && !strcmp(o->ref, "itm"));
}

static void test_values(void)
{
    mm_dtfacts *dt = parse("/ { n {\n"
                           "  compatible = \"a,b\", \"c\\\"d\\x41\\101\";\n"
                           "  flag;\n"
                           "  bytes = [00 11 22];\n"
                           "  mixed = \"s\", <1 2 &lab>, &other, <(1 + 2)>;\n"
                           "  path-ref = &{/soc/x@1};\n"
                           "  bootargs = \"console=ttyS0,115200   init=/bin/sh\";\n"
                           "}; };\n");
    CHECK_INT(dt->errors, 0);
    const mm_dt_prop *c = prop(dt, "/n", "compatible");
    CHECK(c && c->nstrings == 2);
    if (c && c->nstrings == 2) {
        CHECK_STR(c->strings[0], "a,b");
        CHECK_STR(c->strings[1], "c\"dAA");
    }
    const mm_dt_prop *fl = prop(dt, "/n", "flag");
    CHECK(fl && !fl->has_value && !strcmp(fl->raw, ""));
    const mm_dt_prop *m = prop(dt, "/n", "mixed");
    CHECK(m && m->nstrings == 1 && m->nrefs == 2);
    if (m)
        CHECK_STR(m->raw, "\"s\", <1 2 &lab>, &other, <(1 + 2)>");
    const mm_dt_prop *pr = prop(dt, "/n", "path-ref");
    CHECK(pr && pr->nrefs == 1 && !strcmp(pr->refs[0], "/soc/x@1"));
    const mm_dt_prop *b = prop(dt, "/n", "bootargs");
    CHECK(b && !strcmp(b->strings[0], "console=ttyS0,115200   init=/bin/sh"));
}

static void test_deletes(void)
{
    mm_dtfacts *dt = parse("/ {\n"
                           "  chosen { zephyr,shell-uart = &uart0; zephyr,console = &uart0; };\n"
                           "  itm: itm@e0000000 { status = \"okay\"; };\n"
                           "  trace@1 { status = \"okay\"; };\n"
                           "};\n"
                           "/ { chosen { /delete-property/ zephyr,shell-uart; }; };\n"
                           "/delete-node/ &itm;\n"
                           "/ { /delete-node/ trace; };\n"
                           "&itm { status = \"okay\"; };\n");
    CHECK_INT(dt->errors, 0);
    const mm_dt_prop *sh = prop(dt, "/chosen", "zephyr,shell-uart");
    CHECK(sh && sh->overridden);
    const mm_dt_prop *co = prop(dt, "/chosen", "zephyr,console");
    CHECK(co && !co->overridden);
    const mm_dt_node *itm = node(dt, "/itm@e0000000");
    CHECK(itm && itm->deleted);
    /* re-created after the deletion: the later node stands */
    CHECK(itm && itm->next_same >= 0 && !dt->nodes[itm->next_same].deleted);
    const mm_dt_node *tr = node(dt, "/trace@1");
    CHECK(tr && tr->deleted); /* `trace` without its unit address names trace@1 */
}

static void test_preprocessor(void)
{
    mm_dtfacts *dt = parse("#include <mem.h>\n"
                           "#define SHELL &uart1\n"
                           "/ {\n"
                           "  chosen {\n"
                           "#ifdef DEBUG\n"
                           "    zephyr,shell-uart = &uart0;\n"
                           "#else\n"
                           "    zephyr,console = &uart1;\n"
                           "#endif\n"
                           "  };\n"
                           "};\n");
    CHECK_INT(dt->errors, 0);
    /* both branches are facts: a rule sees what any build may get */
    CHECK(prop(dt, "/chosen", "zephyr,shell-uart") != NULL);
    CHECK(prop(dt, "/chosen", "zephyr,console") != NULL);
    /* branches are alternatives: one does not undo the other; what follows them does */
    dt = parse("/ { n {\n#ifdef A\n p = <1>;\n#else\n p = <2>;\n /delete-property/ q;\n#endif\n"
               " q = <3>;\n}; };\n/ { n { r; }; };\n#if B\n/delete-node/ &{/n};\n#endif\n");
    CHECK_INT(dt->errors, 0);
    int live = 0;
    for (uint32_t i = 0; i < dt->nprops; i++)
        live += !dt->props[i].overridden;
    CHECK_INT(dt->nprops, 4);
    CHECK_INT(live, 4);
    CHECK(node(dt, "/n") && !node(dt, "/n")->deleted);
}

static void test_hostile(void)
{
    /* a malformed file: what parses is kept, and the error counted */
    mm_dtfacts *dt = parse("/ { chosen { zephyr,shell-uart = &uart0; }; \n broken ] = ;; {{\n"
                           "&itm { status = \"okay\"; };\n");
    CHECK(dt->errors > 0);
    CHECK(prop(dt, "/chosen", "zephyr,shell-uart") != NULL);
    /* not devicetree at all */
    const char bin[] = "\x7f" "ELF\0\0\xff\xfe{{{;;;\"";
    dt = mm_dt_parse(df, &arena, bin, sizeof bin - 1);
    CHECK(dt->errors > 0);
    CHECK_INT(dt->nprops, 0);
    /* deep nesting stops at a limit instead of exhausting the stack */
    size_t depth = 5000;
    mm_buf b = {0};
    mm_buf_puts(&b, "/ { ");
    for (size_t i = 0; i < depth; i++)
        mm_buf_puts(&b, "n { ");
    mm_buf_puts(&b, "p = <1>; ");
    for (size_t i = 0; i < depth; i++)
        mm_buf_puts(&b, "}; ");
    mm_buf_puts(&b, "};\n");
    dt = mm_dt_parse(df, &arena, b.data, b.len);
    CHECK(dt->errors > 0);
    CHECK(dt->nnodes > 100);
    mm_buf_free(&b);
    /* a label that refers to itself through a reference chain */
    dt = parse("a: &b { }; b: &a { };\n");
    CHECK_INT(dt->nnodes, 2);
    /* empty */
    dt = parse("");
    CHECK_INT(dt->nnodes, 0);
    CHECK_INT(dt->errors, 0);
}

static void test_reads(void)
{
    CHECK(mm_dtfront_reads("boards/nrf52840dk_nrf52840.overlay"));
    CHECK(mm_dtfront_reads("arch/arm/boot/dts/x.dts"));
    CHECK(mm_dtfront_reads("x.dtsi"));
    CHECK(mm_dtfront_reads("x.dtso"));
    CHECK(!mm_dtfront_reads("x.dts.bak"));
    CHECK(!mm_dtfront_reads("overlay"));
    CHECK(!mm_dtfront_reads("dts/x.c"));
}

int main(void)
{
    df = mm_dtfront_new();
    test_paths();
    test_values();
    test_overlay_fragments();
    test_deletes();
    test_preprocessor();
    test_hostile();
    test_reads();
    mm_dtfront_free(df);
    mm_arena_free(&arena);
    return MM_TEST_RESULT;
}
