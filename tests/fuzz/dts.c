/* dts.c: a libFuzzer target over the devicetree front end (front/dtfront.c, tree-sitter-
 * devicetree): the per-file pipeline with the built-in rules (the devicetree matchers), and the
 * facts of the same bytes parsed alone, checked: parents before children, indexes in range,
 * spans inside the text, property chains that end.
 *
 * Input: the path on the first line (board.dts when it is no devicetree source's), then the
 * bytes. tests/fuzz/run.sh dts SECONDS; driver.c replays the seeds in every build. */
#include <stdlib.h>
#include <string.h>

#include "front/dtfront.h"
#include "fuzz.h"

static const char *const names[] = {"board.dts", "soc.dtsi", "boards/app.overlay", "fix.dtso"};

static bool reads(const char *path)
{
    return mm_dtfront_reads(path);
}

static void check_facts(const mm_dtfacts *dt, size_t len)
{
    for (uint32_t i = 0; i < dt->nnodes; i++) {
        const mm_dt_node *n = &dt->nodes[i];
        if (!n->path || !n->name)
            fz_fail("node %u: no path or name", i);
        if (n->parent >= (int32_t)i || n->parent < -1)
            fz_fail("node %u: parent %d not before it", i, n->parent);
        if (n->same > i || (n->next_same != -1 && (n->next_same <= (int32_t)i ||
                                                   n->next_same >= (int32_t)dt->nnodes)))
            fz_fail("node %u: same %u / next_same %d out of order", i, n->same, n->next_same);
        for (uint32_t k = 0; k < n->nlabels; k++)
            if (!n->labels[k])
                fz_fail("node %u: label %u missing", i, k);
        fz_check_span("node", n->span.start, n->span.end, len);
        fz_check_span("node name", n->name_span.start, n->name_span.end, len);
        uint32_t steps = 0;
        for (int32_t p = n->first_prop; p != -1; p = dt->props[p].next) {
            if (p < 0 || (uint32_t)p >= dt->nprops || dt->props[p].node != i)
                fz_fail("node %u: property chain leaves the node (%d)", i, p);
            if (++steps > dt->nprops)
                fz_fail("node %u: property chain loops", i);
        }
    }
    for (uint32_t i = 0; i < dt->nprops; i++) {
        const mm_dt_prop *p = &dt->props[i];
        if (p->node >= dt->nnodes || !p->name || !p->raw)
            fz_fail("property %u: node %u of %u, or no name/raw", i, p->node, dt->nnodes);
        for (uint32_t k = 0; k < p->nstrings; k++)
            if (!p->strings[k])
                fz_fail("property %u: string %u missing", i, k);
        for (uint32_t k = 0; k < p->nrefs; k++)
            if (!p->refs[k])
                fz_fail("property %u: ref %u missing", i, k);
        fz_check_span("property", p->span.start, p->span.end, len);
        fz_check_span("property name", p->name_span.start, p->name_span.end, len);
        fz_check_span("property value", p->value_span.start, p->value_span.end, len);
    }
}

static void check(mm_file *f, void *arg)
{
    (void)arg;
    if (f->dt)
        check_facts(f->dt, f->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mm_dtfront *df;
    if (!df)
        df = mm_dtfront_new();
    char path[256], *text;
    size_t len;
    fz_split(data, size, "board.dts", path, &text, &len);
    fz_scan_file(fz_pick(path, reads, names, MM_ARRAY_LEN(names), len), text, len, false, check,
                 NULL);
    mm_arena a = {0};
    const mm_dtfacts *dt = mm_dt_parse(df, &a, text, len);
    if (!dt)
        fz_fail("mm_dt_parse gave no facts");
    check_facts(dt, len);
    mm_arena_free(&a);
    free(text);
    return 0;
}
