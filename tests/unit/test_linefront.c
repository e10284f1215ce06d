/* test_linefront.c: the root filesystem line parsers — which shell words are commands (and
 * which only look like one: comments, strings, here-documents, case patterns), how wrappers
 * are seen through, inittab and systemd dialects, colon records and UCI sections. */
#include <stdlib.h>

#include "front/linefront.h"
#include "mmtest.h"

static mm_arena arena;

static mm_command *parse(const char *text, mm_cmd_dialect d, uint32_t *n)
{
    return mm_commands_parse(&arena, text, strlen(text), d, n);
}

/* "program args|program args|..." of every command, for compact expectations */
static const char *summary(const char *text, mm_cmd_dialect d)
{
    uint32_t n;
    mm_command *c = parse(text, d, &n);
    mm_buf b = {0};
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            mm_buf_putc(&b, '|');
        mm_buf_printf(&b, "%s%s%s%s", c[i].conditional ? "?" : "", c[i].program,
                      c[i].argc ? " " : "", c[i].args);
    }
    const char *s = mm_arena_strndup(&arena, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
    return s;
}

#define SHELL_IS(text, expected) CHECK_STR(summary(text, MM_CMD_SHELL), expected)

static void test_shell_words(void)
{
    SHELL_IS("telnetd -l /bin/sh\n", "telnetd -l /bin/sh");
    SHELL_IS("/usr/sbin/telnetd -F &\n", "telnetd -F");
    /* comments and strings are not commands */
    SHELL_IS("# telnetd -l /bin/sh\n", "");
    SHELL_IS("echo \"starting telnetd\" # telnetd\n", "echo starting telnetd");
    SHELL_IS("printf 'telnetd -l /bin/sh'\n", "printf telnetd -l /bin/sh");
    /* quoting and escapes */
    SHELL_IS("nc -l -p 4444 -e \"/bin/sh\"\n", "nc -l -p 4444 -e /bin/sh");
    SHELL_IS("a\\ b c\n", "a b c");
    /* separators and lists: the command after && or || is conditional */
    SHELL_IS("x; y && z || w | v & u\n", "x|y|?z|?w|v|u");
    SHELL_IS("[ \"$(uci -q get system.@system[0].ttylogin)\" = 1 ] || exec /bin/login -f root\n",
             "[ $(uci -q get system.@system[0].ttylogin) = 1 ]|?login -f root");
    /* line continuations */
    SHELL_IS("start-stop-daemon -S -q -b \\\n  -x /usr/sbin/telnetd -- -F\n", "telnetd -F");
    /* keywords */
    SHELL_IS("if telnetd; then dropbear -R; fi\n", "telnetd|dropbear -R");
    SHELL_IS("while true; do sleep 1; done\n", "true|sleep 1");
    SHELL_IS("for x in a b; do echo $x; done\n", "echo $x");
}

static void test_shell_structure(void)
{
    /* here-documents are text */
    SHELL_IS("cat <<EOF\ntelnetd -l /bin/sh\nEOF\nreboot\n", "cat|reboot");
    SHELL_IS("cat <<-'END' >/tmp/x\n\ttelnetd\n\tEND\nls\n", "cat|ls");
    /* case patterns are not commands; the commands of each branch are */
    SHELL_IS("case \"$1\" in\n  start|restart)\n    telnetd -F\n    ;;\n  stop) killall telnetd ;;\n"
             "  *) echo usage ;;\nesac\nexit 0\n",
             "telnetd -F|killall telnetd|echo usage|exit 0");
    SHELL_IS("case $1 in (start) go ;; esac\n", "go");
    /* function headers */
    SHELL_IS("start() {\n  telnetd\n}\nstart\n", "telnetd|start");
    /* redirections are dropped with their targets */
    SHELL_IS("telnetd -F >/dev/null 2>&1 </dev/null\n", "telnetd -F");
    SHELL_IS("echo x > /tmp/f\n", "echo x");
}

static void test_shell_wrappers(void)
{
    SHELL_IS("exec /bin/sh\n", "sh");
    SHELL_IS("nohup nice -n 5 /usr/sbin/telnetd -F &\n", "telnetd -F");
    SHELL_IS("env -i PATH=/bin HOME=/ telnetd\n", "telnetd");
    SHELL_IS("busybox telnetd -l /bin/sh\n", "telnetd -l /bin/sh");
    SHELL_IS("/bin/busybox nc -ll -p 23 -e /bin/sh\n", "nc -ll -p 23 -e /bin/sh");
    /* start-stop-daemon: what it starts, with the arguments after --; a stop starts nothing */
    SHELL_IS("start-stop-daemon -S -q -m -b -p /var/run/telnetd.pid -x /usr/sbin/telnetd -- -F\n",
             "telnetd -F");
    SHELL_IS("start-stop-daemon --start --exec /usr/sbin/dropbear -- -R -B\n", "dropbear -R -B");
    SHELL_IS("start-stop-daemon -K -q -p /var/run/telnetd.pid -x /usr/sbin/telnetd\n", "");
    /* procd */
    SHELL_IS("procd_set_param command /usr/sbin/telnetd -F -l /bin/login.sh\n",
             "telnetd -F -l /bin/login.sh");
    /* assignments alone are remembered; a word that is only a variable takes its value */
    SHELL_IS("PROG=/usr/sbin/telnetd\nARGS=\"-F -l /bin/sh\"\n$PROG $ARGS\n",
             "telnetd -F -l /bin/sh");
    SHELL_IS("P=/usr/sbin/telnetd\n\"${P}\" -F\n", "telnetd -F");
    SHELL_IS("X=$(cat /etc/x)\n$X -l\n", " -l");
    SHELL_IS("FOO=1 telnetd\n", "telnetd");
    SHELL_IS("export TELNETD_ARGS=-F\ntelnetd $TELNETD_ARGS\n", "telnetd -F");
}

static void test_dialects(void)
{
    CHECK_INT(mm_cmd_dialect_of("rootfs/etc/inittab"), MM_CMD_INITTAB);
    CHECK_INT(mm_cmd_dialect_of("x/telnetd.service"), MM_CMD_SYSTEMD);
    CHECK_INT(mm_cmd_dialect_of("x/serial-getty@ttyS0.service.d/autologin.conf"), MM_CMD_SYSTEMD);
    CHECK_INT(mm_cmd_dialect_of("etc/init.d/S50telnet"), MM_CMD_SHELL);
    CHECK_STR(summary("::sysinit:/etc/init.d/rcS\n# ttyS0::respawn:/bin/sh\n"
                      "ttyS0::respawn:-/bin/sh\n::askfirst:/bin/ash --login\n"
                      "tty1::respawn:/sbin/getty -n -l /bin/sh 38400 tty1\nbroken line\n",
                      MM_CMD_INITTAB),
              "rcS|sh|ash --login|getty -n -l /bin/sh 38400 tty1");
    /* a colon in the process stays in it */
    CHECK_STR(summary("::respawn:/bin/foo a:b\n", MM_CMD_INITTAB), "foo a:b");
    CHECK_STR(summary("[Service]\nExecStart=-/sbin/agetty --autologin root --noclear %I $TERM\n"
                      "ExecStartPre=/bin/true\nEnvironment=X=telnetd\n# ExecStart=telnetd\n",
                      MM_CMD_SYSTEMD),
              "agetty --autologin root --noclear %I $TERM|true");
    CHECK_STR(summary("ExecStart=/usr/sbin/telnetd \\\n  -F -l /bin/sh\n", MM_CMD_SYSTEMD),
              "telnetd -F -l /bin/sh");
}

static void test_spans(void)
{
    const char *text = "# x\n  exec /usr/sbin/telnetd -F\n";
    uint32_t n;
    mm_command *c = parse(text, MM_CMD_SHELL, &n);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_INT(c[0].span.start, 6);
        CHECK_INT(c[0].span.end, strlen(text) - 1);
        CHECK_INT(c[0].argc, 1);
        CHECK_STR(c[0].argv[0], "-F");
    }
}

static void test_hostile(void)
{
    /* unterminated quotes, here-documents and substitutions end at the end of the text */
    SHELL_IS("echo \"abc", "echo abc");
    SHELL_IS("cat <<EOF\ntelnetd\n", "cat");
    SHELL_IS("x $(a (b (c", "x $(a (b (c");
    SHELL_IS("'", "");
    SHELL_IS(")))(((;;;&&&|||", "");
    SHELL_IS("case", "");
    SHELL_IS("case x in a) b", "b");
    /* NUL bytes and invalid UTF-8 are data */
    const char bin[] = "tel\0netd \xff\xfe -l\n";
    uint32_t n;
    mm_commands_parse(&arena, bin, sizeof bin - 1, MM_CMD_SHELL, &n);
    CHECK_INT(n, 1);
    /* a long run of nested substitutions does not recurse */
    size_t big = 1 << 20;
    char *s = malloc(big + 1);
    for (size_t i = 0; i < big; i++)
        s[i] = i % 2 ? '(' : '$';
    s[big] = 0;
    mm_commands_parse(&arena, s, big, MM_CMD_SHELL, &n);
    CHECK_INT(n, 1);
    free(s);
}

/* --- records and UCI through a file ---------------------------------------------------------- */

static mm_file *file_of(const char *path, const char *text)
{
    mm_file *f = mm_arena_calloc(&arena, 1, sizeof *f);
    f->path = path;
    f->data = text;
    f->len = strlen(text);
    f->arena = &arena;
    return f;
}

static void test_records(void)
{
    mm_file *f = file_of("etc/shadow", "root::19000:0:99999:7:::\r\n# comment\n\n  \n"
                                       "daemon:*:::::::\nlast:x");
    mm_records_run(f);
    CHECK_INT(f->lf->nrecords, 3);
    if (f->lf->nrecords == 3) {
        const mm_record *r = &f->lf->records[0];
        CHECK_INT(r->line, 1);
        CHECK_INT(r->nfields, 9);
        CHECK_INT(r->fields[1].start, 5);
        CHECK_INT(r->fields[1].end, 5);
        CHECK_INT(r->span.end, 24); /* the \r is not part of the line */
        CHECK_INT(f->lf->records[1].line, 5);
        CHECK_INT(f->lf->records[2].nfields, 2);
        CHECK_INT(f->lf->records[2].fields[1].end, f->len);
    }
}

static void test_uci(void)
{
    mm_file *f = file_of("etc/config/system",
                         "config system\n\toption hostname 'gw'   # name\n\toption ttylogin \"0\"\n"
                         "\tlist server 'a b'\n\nconfig timeserver 'ntp'\n\toption enabled 1\n"
                         "option orphan 1\n");
    mm_uci_run(f);
    CHECK_INT(f->lf->nsections, 2);
    if (f->lf->nsections == 2) {
        const mm_uci_section *s = &f->lf->sections[0];
        CHECK_STR(s->type, "system");
        CHECK_STR(s->name, "");
        CHECK_INT(s->nopts, 3);
        if (s->nopts == 3) {
            CHECK_STR(s->opts[0].value, "gw");
            CHECK_STR(s->opts[1].name, "ttylogin");
            CHECK_STR(s->opts[1].value, "0");
            CHECK(s->opts[2].list);
            CHECK_STR(s->opts[2].value, "a b");
        }
        CHECK_STR(f->lf->sections[1].name, "ntp");
        CHECK_INT(f->lf->sections[1].nopts, 2);
    }
    /* an option before any section belongs to none */
    mm_file *g = file_of("etc/config/x", "option a 1\nconfig");
    mm_uci_run(g);
    CHECK_INT(g->lf->nsections, 1);
    CHECK_INT(g->lf->sections[0].nopts, 0);
}

int main(void)
{
    test_shell_words();
    test_shell_structure();
    test_shell_wrappers();
    test_dialects();
    test_spans();
    test_hostile();
    test_records();
    test_uci();
    mm_arena_free(&arena);
    return MM_TEST_RESULT;
}
