/* line.c: a libFuzzer target over the line formats of a root filesystem (front/linefront.c):
 * colon-separated records (passwd, shadow, group), the commands of init scripts, inittab and
 * systemd units, and OpenWrt UCI — through the per-file pipeline with the built-in rules (the
 * record, command and UCI matchers), and the command parser alone in each dialect. Facts are
 * checked: spans inside the file, argv complete.
 *
 * Input: the path on the first line (one of the names below when empty), then the bytes.
 * tests/fuzz/run.sh line SECONDS; driver.c replays the seeds in every build. */
#include <stdlib.h>
#include <string.h>

#include "front/linefront.h"
#include "fuzz.h"

static const char *const names[] = {
    "etc/passwd", "etc/shadow", "etc/group", "etc/inittab", "etc/init.d/rcS",
    "etc/rc.local", "lib/systemd/system/telnet.service", "etc/config/dropbear",
    "etc/config/network", "usr/share/udhcpc/default.script",
};

static void check_commands(const mm_command *c, uint32_t n, size_t len)
{
    for (uint32_t i = 0; i < n; i++) {
        if (!c[i].program || !c[i].args)
            fz_fail("command %u: no program or args", i);
        for (uint32_t k = 0; k < c[i].argc; k++)
            if (!c[i].argv[k])
                fz_fail("command %u: argv[%u] missing", i, k);
        fz_check_span("command", c[i].span.start, c[i].span.end, len);
    }
}

static void check(mm_file *f, void *arg)
{
    (void)arg;
    const mm_linefacts *lf = f->lf;
    if (!lf)
        return;
    for (uint32_t i = 0; i < lf->nrecords; i++) {
        fz_check_span("record", lf->records[i].span.start, lf->records[i].span.end, f->len);
        for (uint32_t k = 0; k < lf->records[i].nfields; k++)
            fz_check_span("field", lf->records[i].fields[k].start, lf->records[i].fields[k].end,
                          f->len);
    }
    check_commands(lf->commands, lf->ncommands, f->len);
    for (uint32_t i = 0; i < lf->nsections; i++) {
        const mm_uci_section *s = &lf->sections[i];
        if (!s->type || !s->name)
            fz_fail("section %u: no type or name", i);
        fz_check_span("section", s->span.start, s->span.end, f->len);
        for (uint32_t k = 0; k < s->nopts; k++) {
            if (!s->opts[k].name || !s->opts[k].value)
                fz_fail("section %u option %u: no name or value", i, k);
            fz_check_span("option", s->opts[k].span.start, s->opts[k].span.end, f->len);
        }
    }
}

static bool any(const char *path)
{
    (void)path;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256], *text;
    size_t len;
    fz_split(data, size, names[size % MM_ARRAY_LEN(names)], path, &text, &len);
    const char *p = fz_pick(path, any, names, MM_ARRAY_LEN(names), len);
    /* every front end of the three, whatever the rules' prefilter said */
    mm_arena a = {0};
    mm_file f;
    memset(&f, 0, sizeof f);
    f.path = p;
    f.data = text;
    f.len = len;
    f.arena = &a;
    mm_records_run(&f);
    mm_commands_run(&f);
    mm_uci_run(&f);
    check(&f, NULL);
    for (size_t i = 0; i < f.notices.n; i++)
        mm_notice_free(&f.notices.v[i]);
    mm_vec_free(&f.notices);
    mm_arena_reset(&a);
    for (int d = MM_CMD_SHELL; d <= MM_CMD_SYSTEMD; d++) {
        uint32_t n = 0;
        const mm_command *c = mm_commands_parse(&a, text, len, (mm_cmd_dialect)d, &n);
        check_commands(c, n, len);
        mm_arena_reset(&a);
    }
    mm_arena_free(&a);
    fz_scan_file(p, text, len, false, check, NULL);
    free(text);
    return 0;
}
