/* an_crossfile.c: per-file analyzers whose findings depend on another file of the project.
 * Each states facts where it sees them (mm_file_fact) and emits its finding with a condition
 * on a fact; the scan keeps or drops the finding once every file has been read, before
 * suppressions and the policy apply, so that these findings behave like any other.
 *
 * - stm32-debug-without-rdp: a CubeMX project (.ioc) keeps the SWD/JTAG pins, and no file of
 *   its tree raises readout protection (RDP level 1 or 2: option bytes in C, a
 *   STM32_Programmer_CLI / ST-LINK_CLI call, an OpenOCD `stm32xx lock`). A .ioc does not record
 *   option bytes, so the files around it are the only place that can show them. Its tree is the
 *   directory above the CubeMX project's own (CubeMX generates Core/, Drivers/ and the build
 *   files beside the .ioc; flashing scripts and CI sit one level up), or the scan's root.
 * - dropbear-empty-root: an OpenWrt dropbear configuration lets root log in with a password,
 *   and the same root filesystem overlay gives root an empty password. */
#include <string.h>
#include <strings.h>

#include "front/linefront.h"
#include "match/matchers.h"
#include "project/analyzers.h"

/* --- helpers ----------------------------------------------------------------------------------- */

static bool comment_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= n)
        return true;
    const char *p = s + i;
    size_t r = n - i;
    return *p == '#' || *p == ';' || (r >= 2 && (!memcmp(p, "//", 2) || !memcmp(p, "::", 2) ||
                                                 !memcmp(p, "/*", 2))) ||
           *p == '*' || (r >= 3 && !strncasecmp(p, "rem", 3) && (r == 3 || p[3] == ' '));
}

/* Calls fn on each line that holds a hit of one of the rule's triggers. */
static void hit_lines(const mm_rule *rule, mm_file *f,
                      bool (*fn)(const mm_rule *, mm_file *, uint32_t, uint32_t, void *),
                      void *arg)
{
    unsigned last = 0;
    for (size_t h = 0; h < f->nhits; h++) {
        if (f->hits[h].rule != rule)
            continue;
        unsigned line, col;
        mm_file_pos(f, f->hits[h].end ? f->hits[h].end - 1 : 0, &line, &col);
        if (line == last)
            continue;
        last = line;
        uint32_t ls = mm_file_line_start(f, line), le = mm_file_line_end(f, line);
        if (le > ls && f->data[le - 1] == '\r')
            le--;
        if (!fn(rule, f, ls, le, arg))
            return;
    }
}

/* --- stm32-debug-without-rdp ----------------------------------------------------------------- */

const char *const mm_an_stm32_triggers[] = {
    "\\.Signal=(SYS|DEBUG)_\\w*(SWDIO|SWCLK|JTMS|JTCK)",
    "\\bOB_RDP_LEVEL_[12]\\b",
    "RDP\\s*=",
    "\\bstm32\\w*x\\s+lock\\b",
    NULL};

typedef struct stm32_state {
    mm_regex *swd, *raise;
} stm32_state;

static bool stm32_line(const mm_rule *rule, mm_file *f, uint32_t ls, uint32_t le, void *arg)
{
    stm32_state *st = arg;
    const char *s = f->data + ls;
    size_t n = le - ls;
    bool ioc = mm_str_ends(f->path, ".ioc");
    size_t ov[4];
    if (ioc && mm_regex_find(st->swd, s, n, 0, ov, 2)) {
        mm_emit e = {0};
        e.start = ls;
        e.end = le;
        /* the directory above the .ioc's own */
        const char *slash = strrchr(f->path, '/'), *up = NULL;
        for (const char *q = f->path; slash && q < slash; q++) {
            if (*q == '/')
                up = q;
        }
        e.unless_fact = mm_arena_printf(f->arena, "stm32-rdp-raised:%.*s", up ? (int)(up - f->path + 1) : 0,
                                        f->path);
        const char *vars[] = {"detail", mm_arena_strndup(f->arena, s + ov[2], ov[3] - ov[2]),
                              NULL};
        e.vars = vars;
        mm_emit_finding(f, rule, &e);
        return false; /* one finding per project file */
    }
    if (!ioc && !comment_line(s, n) && mm_regex_test(st->raise, s, n)) {
        const char *slash = strrchr(f->path, '/');
        mm_file_fact(f, mm_arena_printf(f->arena, "stm32-rdp-raised:%.*s",
                                        slash ? (int)(slash - f->path + 1) : 0, f->path));
    }
    return true;
}

void mm_an_stm32_debug_without_rdp(const mm_rule *rule, mm_file *f)
{
    char msg[200];
    stm32_state st = {
        mm_regex_compile("\\.Signal=((?:SYS|DEBUG)_\\w*(?:SWDIO|SWCLK|JTMS|JTCK)[\\w-]*)", false,
                         msg, sizeof msg),
        mm_regex_compile("\\bOB_RDP_LEVEL_[12]\\b"
                         "|(?i:\\bRDP\\s*=\\s*(?:0x(?:BB|CC)|187|204|[12])\\b)"
                         "|\\bstm32\\w*x\\s+lock\\b",
                         false, msg, sizeof msg)};
    if (st.swd && st.raise)
        hit_lines(rule, f, stm32_line, &st);
    mm_regex_free(st.swd);
    mm_regex_free(st.raise);
}

/* --- dropbear-empty-root ------------------------------------------------------------------- */

/* The root filesystem a file belongs to: the path up to and with its "etc/" ("etc/" at the
 * top), so that a fact of board/x/etc/ is not one of board/x/sub/etc/. */
static const char *rootfs_of(mm_file *f)
{
    const char *p = f->path, *hit = NULL;
    for (const char *q = p; (q = strstr(q, "etc/")); q++) {
        if (q == p || q[-1] == '/')
            hit = q;
    }
    return hit ? mm_arena_strndup(f->arena, p, (size_t)(hit - p) + 4) : "etc/";
}

/* UCI booleans: 1/on/true/yes/enabled and 0/off/false/no/disabled; anything else is def. */
static bool uci_bool(const mm_uci_section *sec, const char *name, bool def,
                     const mm_uci_option **where)
{
    bool v = def;
    for (uint32_t i = 0; i < sec->nopts; i++) {
        const mm_uci_option *o = &sec->opts[i];
        if (o->list || strcmp(o->name, name))
            continue;
        static const char *const on[] = {"1", "on", "true", "yes", "enabled", NULL};
        static const char *const off[] = {"0", "off", "false", "no", "disabled", NULL};
        for (const char *const *w = on; *w; w++) {
            if (!strcasecmp(o->value, *w)) {
                v = true;
                *where = o;
            }
        }
        for (const char *const *w = off; *w; w++) {
            if (!strcasecmp(o->value, *w)) {
                v = false;
                *where = o;
            }
        }
    }
    return v;
}

void mm_an_dropbear_empty_root(const mm_rule *rule, mm_file *f)
{
    const char *base = mm_path_base(f->path);
    const char *root = rootfs_of(f);
    if (!strcmp(base, "shadow") || !strcmp(base, "passwd")) {
        if (!f->lf || !f->lf->has_records)
            mm_records_run(f);
        for (uint32_t r = 0; r < f->lf->nrecords; r++) {
            const mm_record *rec = &f->lf->records[r];
            if (rec->nfields >= 2 && rec->fields[0].end - rec->fields[0].start == 4 &&
                !memcmp(f->data + rec->fields[0].start, "root", 4) &&
                rec->fields[1].end == rec->fields[1].start)
                mm_file_fact(f, mm_arena_printf(f->arena, "rootfs-empty-root:%s", root));
        }
        return;
    }
    if (!f->lf || !f->lf->has_uci)
        mm_uci_run(f);
    for (uint32_t s = 0; s < f->lf->nsections; s++) {
        const mm_uci_section *sec = &f->lf->sections[s];
        if (strcmp(sec->type, "dropbear"))
            continue;
        const mm_uci_option *a = NULL, *b = NULL, *c = NULL, *d = NULL;
        bool enabled = uci_bool(sec, "enable", true, &a);
        bool pw = uci_bool(sec, "PasswordAuth", true, &b);
        bool rootpw = uci_bool(sec, "RootPasswordAuth", true, &c);
        bool rootlogin = uci_bool(sec, "RootLogin", true, &d);
        if (!enabled || !pw || !rootpw || !rootlogin)
            continue;
        mm_emit e = {0};
        e.start = c ? c->span.start : sec->span.start;
        e.end = c ? c->span.end : sec->span.end;
        e.requires_fact = mm_arena_printf(f->arena, "rootfs-empty-root:%s", root);
        const char *vars[] = {"name", sec->name[0] ? sec->name : sec->type, "detail",
                              c ? c->value : "1 (default)", NULL};
        e.vars = vars;
        mm_emit_finding(f, rule, &e);
    }
}

const char *const mm_an_dropbear_triggers[] = {"^root::", "config\\s+['\"]?dropbear\\b", NULL};

