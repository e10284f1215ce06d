/* test_glob.c: mm_glob_match, the gitignore-like globs of rule "files" and policy "exclude". */
#include "base/util.h"
#include "mmtest.h"

#define MATCH(p, s) CHECKF(mm_glob_match(p, s), "\"%s\" should match \"%s\"", p, s)
#define NO_MATCH(p, s) CHECKF(!mm_glob_match(p, s), "\"%s\" should not match \"%s\"", p, s)

static void test_star(void)
{
    /* `*` stays within a segment */
    MATCH("src/*.c", "src/main.c");
    NO_MATCH("src/*.c", "src/net/wifi.c");
    NO_MATCH("src/*.c", "src/main.h");
    MATCH("src/*", "src/main.c");
    MATCH("src/m*n.c", "src/main.c");
    MATCH("src/*.c", "src/.c");
    NO_MATCH("*.c", "main.cpp");
    MATCH("a*b*c", "abc");
    MATCH("a*b*c", "aXXbYYc");
    NO_MATCH("a*b*c", "aXXbYY");
}

static void test_double_star(void)
{
    /* `**` crosses segments, including none */
    MATCH("**/*.c", "main.c");
    MATCH("**/*.c", "src/net/wifi.c");
    MATCH("a/**/b", "a/b");
    MATCH("a/**/b", "a/x/b");
    MATCH("a/**/b", "a/x/y/b");
    NO_MATCH("a/**/b", "a/x/yb");
    NO_MATCH("a/**/b", "ab");
    MATCH("src/**", "src/a/b/c.c");
    MATCH("build/**", "build/gen.c");
    NO_MATCH("build/**", "src/build.c");
    MATCH("**", "anything/at/all");
    MATCH("components/**/include/*.h", "components/wifi/port/include/cfg.h");
}

static void test_base_name(void)
{
    /* a pattern without '/' matches the base name, and a directory name, anywhere */
    MATCH("*.c", "main.c");
    MATCH("*.c", "src/net/wifi.c");
    MATCH("sdkconfig*", "sdkconfig");
    MATCH("sdkconfig*", "boards/esp32/sdkconfig.defaults");
    NO_MATCH("sdkconfig*", "boards/my-sdkconfig");
    MATCH("vendor", "vendor/lib/x.c");
    MATCH("vendor", "third/vendor/x.c");
    NO_MATCH("vendor", "vendors/x.c");
    MATCH("util.c", "util.c");
    MATCH("util.c", "src/util.c");
    NO_MATCH("util.c", "src/util.cc");
}

static void test_anchors_and_dirs(void)
{
    MATCH("/build", "build");
    NO_MATCH("/build", "src/build");
    /* a pattern with '/' is anchored at the root */
    MATCH("src/main.c", "src/main.c");
    NO_MATCH("src/main.c", "lib/src/main.c");
    /* a trailing '/' matches everything below that directory (mm_policy_excludes passes
     * directories with a trailing '/') */
    MATCH("vendor/", "vendor/");
    MATCH("vendor/", "vendor/lib/x.c");
    NO_MATCH("vendor/", "vendor.c");
    NO_MATCH("vendor/", "src/vendor/x.c");
    MATCH("third_party/lwip/", "third_party/lwip/src/core/tcp.c");
}

static void test_classes_and_question(void)
{
    MATCH("?.c", "a.c");
    NO_MATCH("?.c", "ab.c");
    NO_MATCH("a?b", "a/b"); /* '?' never matches '/' */
    MATCH("[abc].c", "b.c");
    NO_MATCH("[abc].c", "d.c");
    MATCH("[a-c]x", "bx");
    NO_MATCH("[a-c]x", "dx");
    MATCH("[!a].c", "b.c");
    NO_MATCH("[!a].c", "a.c");
    MATCH("[^a].c", "b.c");
    MATCH("[]].c", "].c"); /* ']' first is a member */
    NO_MATCH("a[/]b", "a/b");
    MATCH("*.[ch]", "x.h");
    MATCH("*.[ch]", "dir/x.c");
    NO_MATCH("*.[ch]", "x.cc");
}

/* the fast "no" on the last segment must not change what matches */
static void test_last_segment(void)
{
    MATCH("**/etc/shadow", "etc/shadow");
    MATCH("**/etc/shadow", "board/acme/rootfs-overlay/etc/shadow");
    NO_MATCH("**/etc/shadow", "board/etc/shadow-");
    NO_MATCH("**/etc/shadow", "board/etc/gshadow");
    NO_MATCH("**/etc/shadow", "etc/shadow/x");
    MATCH("**/*.service", "usr/lib/systemd/system/telnetd.service");
    NO_MATCH("**/*.service", "usr/lib/systemd/system/telnetd.service.d/x.conf");
    MATCH("**/*.service.d/*.conf", "etc/systemd/system/serial-getty@ttyS0.service.d/a.conf");
    MATCH("**/etc/init.d/[!K]*", "etc/init.d/S50telnet");
    NO_MATCH("**/etc/init.d/[!K]*", "etc/init.d/K50telnet");
    MATCH("**/etc/rc[0-9S].d/[!K]*", "x/etc/rc3.d/S20x");
    MATCH("src/", "src/a/b.c");
    MATCH("/top/name", "top/name");
    NO_MATCH("/top/name", "top/other");
    MATCH("a/**", "a/b/c");
    MATCH("**/Makefile", "Makefile");
    NO_MATCH("**/Makefile", "GNUmakefile");
}

static void test_edges(void)
{
    MATCH("", "");
    NO_MATCH("", "a");
    NO_MATCH("a", "");
    MATCH("*", "");
    NO_MATCH("?", "");
    /* an unterminated class does not read past the pattern */
    NO_MATCH("[abc", "a");
    MATCH("[abc", "[abc"); /* ... it is a plain character, as in fnmatch */
    /* long names do not overflow the segment buffer */
    char longname[3000];
    memset(longname, 'x', sizeof longname - 3);
    memcpy(longname + sizeof longname - 3, ".c", 3);
    MATCH("**/*.c", longname);
    CHECK(!mm_glob_match("*.h", longname));
}

int main(void)
{
    test_star();
    test_double_star();
    test_base_name();
    test_anchors_and_dirs();
    test_classes_and_question();
    test_last_segment();
    test_edges();
    return MM_TEST_RESULT;
}
