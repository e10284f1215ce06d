/* test_kclang.c: the tree's configurations as a whole — the Kconfig language of the project's
 * own Kconfig files (select, imply, defaults, if/depends, choices, source), configuration files
 * found by reference (Buildroot, Yocto, CMake, CI), backups that are no configuration, and the
 * shapes of key material. */
#include <stdlib.h>

#include "front/kclang.h"
#include "front/kconfig.h"
#include "match/matchers.h"
#include "mmtest.h"

static mm_arena arena;

static mm_kconfig *conf(const char *path, const char *text)
{
    return mm_kconfig_read(&arena, path, text, strlen(text), NULL);
}

/* "why state value selector" of key in the view */
static const char *derive(const mm_kclang *l, const mm_kconfig *own, const mm_kconfig *base,
                          const char *project, const char *image, const char *key)
{
    mm_kc_view v = {l, own, base, NULL, "CONFIG_", project, image};
    mm_kc_value out;
    mm_kc_derive(&v, key, &out);
    static const char *const why[] = {"none", "own", "base", "selected", "implied", "default"};
    if (out.why == MM_KCW_NONE)
        return "none";
    return mm_arena_printf(&arena, "%s %s%s%s", why[out.why], out.value,
                           out.selector ? " by " : "", out.selector ? out.selector : "");
}

static void test_select_imply_default(void)
{
    const char *top = "source \"Kconfig.zephyr\"\n"
                      "config APP_REMOTE\n"
                      "\tbool \"remote\"\n"
                      "\tselect MCUMGR_GRP_SHELL if APP_SHELL\n"
                      "\timply SHELL_BACKEND_TELNET\n"
                      "\thelp\n"
                      "\t  select NOT_A_SELECT\n"
                      "\t  (help text)\n"
                      "config APP_SHELL\n"
                      "\tbool\n"
                      "\tdefault y\n"
                      "if APP_REMOTE\n"
                      "config APP_STATS\n"
                      "\tbool\n"
                      "\tdefault y\n"
                      "endif\n"
                      "config APP_NAME\n"
                      "\tstring \"name\"\n"
                      "\tdefault \"lamp\"\n"
                      "rsource \"sub/Kconfig\"\n";
    const char *sub = "config APP_DIAG\n"
                      "\tbool\n"
                      "\tdefault y if APP_REMOTE && !APP_SHELL\n"
                      "\tselect MCUMGR_GRP_SHELL\n";
    mm_kcl_src files[] = {{"app/Kconfig", top, strlen(top)}, {"app/sub/Kconfig", sub, strlen(sub)}};
    char *roots[] = {"app"};
    mm_kclang *l = mm_kclang_build(files, 2, roots, 1);
    CHECK(l != NULL);
    mm_kconfig *prj = conf("app/prj.conf", "CONFIG_BT=y\n");
    mm_kconfig *on = conf("app/boards/a.conf", "CONFIG_APP_REMOTE=y\n");
    mm_kconfig *noshell = conf("app/boards/b.conf", "CONFIG_APP_REMOTE=y\nCONFIG_APP_SHELL=n\n");
    mm_kconfig *forced = conf("app/boards/c.conf", "CONFIG_APP_REMOTE=y\nCONFIG_MCUMGR_GRP_SHELL=n\n"
                                                   "CONFIG_SHELL_BACKEND_TELNET=n\n");
    CHECK_STR(derive(l, on, prj, "app", "app", "CONFIG_MCUMGR_GRP_SHELL"), "selected y by APP_REMOTE");
    CHECK_STR(derive(l, on, prj, "app", "app", "CONFIG_SHELL_BACKEND_TELNET"),
              "implied y by APP_REMOTE");
    CHECK_STR(derive(l, on, prj, "app", "app", "CONFIG_APP_STATS"), "default y");
    CHECK_STR(derive(l, prj, NULL, "app", "app", "CONFIG_APP_STATS"), "default n");
    CHECK_STR(derive(l, on, prj, "app", "app", "CONFIG_APP_NAME"), "default lamp");
    /* the select's condition off: APP_DIAG defaults to y and selects it instead */
    CHECK_STR(derive(l, noshell, prj, "app", "app", "CONFIG_MCUMGR_GRP_SHELL"),
              "selected y by APP_DIAG");
    /* a select beats an explicit n; an imply does not */
    CHECK_STR(derive(l, forced, prj, "app", "app", "CONFIG_MCUMGR_GRP_SHELL"),
              "selected y by APP_REMOTE");
    CHECK_STR(derive(l, forced, prj, "app", "app", "CONFIG_SHELL_BACKEND_TELNET"), "own n");
    /* nothing sets APP_REMOTE: nothing selected, and the SDK's symbols stay unknown */
    CHECK_STR(derive(l, prj, NULL, "app", "app", "CONFIG_MCUMGR_GRP_SHELL"), "none");
    CHECK_STR(derive(l, prj, NULL, "app", "app", "CONFIG_BT"), "own y");
    /* the help text is no select */
    CHECK_STR(derive(l, on, prj, "app", "app", "CONFIG_NOT_A_SELECT"), "none");
    /* another project, and another image, do not read this Kconfig */
    CHECK_STR(derive(l, on, prj, "other", "app", "CONFIG_MCUMGR_GRP_SHELL"), "none");
    CHECK_STR(derive(l, on, prj, "app", "mcuboot", "CONFIG_MCUMGR_GRP_SHELL"), "none");
    /* the base layer answers for what the fragment leaves out */
    CHECK_STR(derive(l, on, prj, "app", "app", "CONFIG_BT"), "base y");
    mm_kclang_free(l);
}

static void test_choice_and_cycles(void)
{
    const char *k = "choice APP_TRANSPORT\n"
                    "\tprompt \"transport\"\n"
                    "\tdefault APP_TRANSPORT_BT if APP_HAS_BT\n"
                    "\tdefault APP_TRANSPORT_UART\n"
                    "config APP_TRANSPORT_BT\n\tbool \"bt\"\n"
                    "config APP_TRANSPORT_UART\n\tbool \"uart\"\n"
                    "endchoice\n"
                    "config APP_HAS_BT\n\tbool\n"
                    "config LOOP_A\n\tbool\n\tselect LOOP_B\n\tdefault y if LOOP_B\n"
                    "config LOOP_B\n\tbool\n\tselect LOOP_A\n\tdefault y if LOOP_A\n";
    mm_kcl_src files[] = {{"Kconfig", k, strlen(k)}};
    char *roots[] = {""};
    mm_kclang *l = mm_kclang_build(files, 1, roots, 1);
    mm_kconfig *bt = conf("prj.conf", "CONFIG_APP_HAS_BT=y\n");
    mm_kconfig *none = conf("prj.conf", "CONFIG_X=y\n");
    CHECK_STR(derive(l, bt, NULL, "", "app", "CONFIG_APP_TRANSPORT_BT"), "default y");
    CHECK_STR(derive(l, bt, NULL, "", "app", "CONFIG_APP_TRANSPORT_UART"), "default n");
    CHECK_STR(derive(l, none, NULL, "", "app", "CONFIG_APP_TRANSPORT_UART"), "default y");
    /* a cycle of selects and defaults ends, unknown or n, but it ends */
    const char *r = derive(l, none, NULL, "", "app", "CONFIG_LOOP_A");
    CHECK(!strcmp(r, "none") || !strcmp(r, "default n"));
    mm_kclang_free(l);
    /* hostile input: deep nesting, unterminated blocks, stray tokens */
    mm_buf b = {0};
    for (int i = 0; i < 200; i++)
        mm_buf_puts(&b, "if (((((((((((A");
    mm_buf_puts(&b, "\nconfig X\n\tdefault y if ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((B\n"
                    "menu\nchoice\nconfig\n\tselect\n\tdepends on && ||\n");
    mm_kcl_src h[] = {{"Kconfig", b.data, b.len}};
    mm_kclang *hl = mm_kclang_build(h, 1, roots, 1);
    CHECK_STR(derive(hl, bt, NULL, "", "app", "CONFIG_X"), "none");
    mm_kclang_free(hl);
    mm_buf_free(&b);
}

static void test_source_scoping(void)
{
    /* a production-test app that sources the application's Kconfig: both are roots of their
     * own project */
    const char *app = "config APP_FW\n\tbool\n\tselect MCUMGR_GRP_SHELL\n";
    const char *prod = "rsource \"../app/Kconfig\"\n";
    mm_kcl_src files[] = {{"app/Kconfig", app, strlen(app)},
                          {"production_test/Kconfig", prod, strlen(prod)}};
    char *roots[] = {"app", "production_test"};
    mm_kclang *l = mm_kclang_build(files, 2, roots, 2);
    mm_kconfig *a = conf("app/prj.conf", "CONFIG_APP_FW=y\n");
    mm_kconfig *p = conf("production_test/prj.conf", "CONFIG_APP_FW=y\n");
    CHECK_STR(derive(l, a, NULL, "app", "app", "CONFIG_MCUMGR_GRP_SHELL"), "selected y by APP_FW");
    CHECK_STR(derive(l, p, NULL, "production_test", "app", "CONFIG_MCUMGR_GRP_SHELL"),
              "selected y by APP_FW");
    mm_kclang_free(l);
    /* a module's examples source their common defaults through the module's directory
     * variable: those defaults are the examples', not every configuration's of the tree */
    const char *ex = "source \"${ZEPHYR_ACME_SDK_MODULE_DIR}/examples/common/Kconfig.defconfig\"\n"
                     "source \"Kconfig.zephyr\"\n";
    const char *common = "config NET_SHELL\n\tdefault y\n";
    mm_kcl_src mf[] = {{"examples/hello/Kconfig", ex, strlen(ex)},
                       {"examples/common/Kconfig.defconfig", common, strlen(common)}};
    char *mroots[] = {"examples/hello", "boards/shields/x"};
    mm_kclang *ml = mm_kclang_build(mf, 2, mroots, 2);
    mm_kconfig *hello = conf("examples/hello/prj.conf", "CONFIG_BT=y\n");
    mm_kconfig *shield = conf("boards/shields/x/boards/nrf52840dk.conf", "CONFIG_BT=y\n");
    CHECK_STR(derive(ml, hello, NULL, "examples/hello", "app", "CONFIG_NET_SHELL"), "default y");
    CHECK_STR(derive(ml, shield, NULL, "boards/shields/x", "app", "CONFIG_NET_SHELL"), "none");
    mm_kclang_free(ml);
}

/* "path family role release base" of every reference a file makes */
static const char *refs(const char *path, const char *text, char **tree, size_t ntree)
{
    mm_kc_ref_vec v = {0};
    mm_cfgref_scan(path, text, strlen(text), tree, ntree, &v);
    mm_buf b = {0};
    for (size_t i = 0; i < v.n; i++)
        mm_buf_printf(&b, "%s%s %s %d %d %s", i ? "|" : "", v.v[i].path,
                      v.v[i].family < MM_KC__COUNT ? mm_kc_family_names[v.v[i].family] : "?",
                      v.v[i].role, (int)v.v[i].release, v.v[i].base ? v.v[i].base : "-");
    const char *s = mm_arena_strndup(&arena, b.data ? b.data : "", b.len);
    mm_buf_free(&b);
    mm_kc_refs_free(&v);
    return s;
}

static void test_references(void)
{
    char *tree[] = {"app/CMakeLists.txt",        "app/conf/field.cfg",  "app/prj.conf",
                    "app/sysbuild/mcuboot.cfg",  "br/board/acme/busybox.cfg",
                    "br/board/acme/linux.config", "br/board/acme/uboot.fragment",
                    "br/configs/acme_defconfig", "build-scripts/A-sdkconfig.defaults",
                    "build-scripts/B-sdkconfig.defaults", "configs/prod.defaults",
                    "meta/recipes-bsp/u-boot/files/lock.cfg",
                    "meta/recipes-bsp/u-boot/u-boot_%.bbappend", "sdkconfig.defaults"};
    size_t n = sizeof tree / sizeof *tree;
    CHECK_STR(refs("br/configs/acme_defconfig",
                   "BR2_TARGET_UBOOT_CONFIG_FRAGMENT_FILES=\"$(BR2_EXTERNAL_ACME_PATH)/board/acme/uboot.fragment\"\n"
                   "BR2_LINUX_KERNEL_CUSTOM_CONFIG_FILE=\"board/acme/linux.config\"\n"
                   "BR2_PACKAGE_BUSYBOX_CONFIG_FRAGMENT_FILES=\"$(BR2_EXTERNAL)/board/acme/busybox.cfg\"\n",
                   tree, n),
              "br/board/acme/linux.config linux 1 0 -|br/board/acme/uboot.fragment u-boot 1 0 -|"
              "br/board/acme/busybox.cfg busybox 1 0 -");
    CHECK_STR(refs("meta/recipes-bsp/u-boot/u-boot_%.bbappend",
                   "SRC_URI += \" \\\n    file://lock.cfg \\\n\"\n", tree, n),
              "meta/recipes-bsp/u-boot/files/lock.cfg u-boot 1 0 -");
    CHECK_STR(refs("app/CMakeLists.txt",
                   "list(APPEND EXTRA_CONF_FILE ${CMAKE_CURRENT_LIST_DIR}/conf/field.cfg)\n"
                   "if(X)\n  set(mcuboot_EXTRA_CONF_FILE sysbuild/mcuboot.cfg)\nendif()\n",
                   tree, n),
              "app/conf/field.cfg zephyr 2 1 -|app/sysbuild/mcuboot.cfg mcuboot 2 0 -");
    CHECK_STR(refs(".github/workflows/release.yml",
                   "      - run: cp build-scripts/${{ matrix.t }}-sdkconfig.defaults sdkconfig\n"
                   "      - run: idf.py -D SDKCONFIG_DEFAULTS=\"sdkconfig.defaults;configs/prod.defaults\" build\n",
                   tree, n),
              "build-scripts/A-sdkconfig.defaults esp-idf 1 1 -|"
              "build-scripts/B-sdkconfig.defaults esp-idf 1 1 -|sdkconfig.defaults esp-idf 1 1 -|"
              "configs/prod.defaults esp-idf 2 1 sdkconfig.defaults");
    /* a cp that does not make an sdkconfig, and a variable that is another's */
    CHECK_STR(refs("ci.sh", "cp configs/prod.defaults out/\nSB_CONF_FILE=x.conf\n", tree, n), "");
}

static void test_copies(void)
{
    CHECK(mm_kconfig_is_copy("sdkconfig.old"));
    CHECK(mm_kconfig_is_copy("app/sdkconfig-backup"));
    CHECK(mm_kconfig_is_copy("sdkconfig.bak"));
    CHECK(mm_kconfig_is_copy(".config.orig"));
    CHECK(mm_kconfig_is_copy("prj.conf~"));
    CHECK(!mm_kconfig_is_copy("sdkconfig.defaults.esp32s3"));
    CHECK(!mm_kconfig_is_copy("boards/old_board.conf")); /* the name itself */
    CHECK(!mm_kconfig_candidate("sdkconfig-backup"));
    CHECK(mm_kconfig_candidate("sdkconfig.ci.release"));
}

static const char *shape(const char *v, size_t n, bool text)
{
    size_t bytes;
    mm_key_shape s = mm_key_material(v, n, NULL, text, &bytes);
    return s ? mm_arena_printf(&arena, "%s %zu", mm_key_shape_name(s), bytes) : "none";
}

#define SHAPE(lit, text) shape(lit, sizeof lit - 1, text)

static void test_key_shapes(void)
{
    CHECK_STR(SHAPE("2b7e151628aed2a6abf7158809cf4f3c", false), "hex 16");
    CHECK_STR(SHAPE("2b:7e:15:16:28:ae:d2:a6:ab:f7:15:88:09:cf:4f:3c", false), "hex 16");
    CHECK_STR(SHAPE("2b:7e:15-16", false), "none"); /* mixed separators */
    CHECK_STR(SHAPE("FpnWB4BwTO52l2GdT/0wDmf27n6JyoCWmg1kuIGo1b4=", false), "base64 32");
    CHECK_STR(SHAPE("ErmMLjdOj7LSskYK7oZ30g==", false), "base64 16");
    /* an alphanumeric token is text, not base64 */
    CHECK_STR(SHAPE("Tk7qP2vX9mL4wR8sQm8xT2kL9pV4rZ7w", false), "none");
    CHECK_STR(SHAPE("\xcd\x67\xaa\x31\x0d\x09\x1e\xd1\x6e\x7e\x98\x92\xaa\x07\x0e\x19", false),
              "binary 16");
    CHECK_STR(SHAPE("fibonacci0123456", true), "text 16");
    CHECK_STR(SHAPE("fibonacci0123456", false), "none");
    /* placeholders and test patterns */
    CHECK_STR(SHAPE("00000000000000000000000000000000", false), "none");
    CHECK_STR(SHAPE("000102030405060708090a0b0c0d0e0f", false), "none");
    CHECK_STR(SHAPE("a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5", false), "none");
    CHECK_STR(SHAPE("0011001100110011", true), "none");
    CHECK_STR(SHAPE("xxxxxxxxxxxxxxxx", true), "none");
    /* the wrong size */
    CHECK_STR(SHAPE("0123456789abcdef", false), "none");
}

int main(void)
{
    test_select_imply_default();
    test_choice_and_cycles();
    test_source_scoping();
    test_references();
    test_copies();
    test_key_shapes();
    mm_arena_free(&arena);
    return MM_TEST_RESULT;
}
