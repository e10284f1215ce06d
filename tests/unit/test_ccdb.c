/* test_ccdb.c: compile commands translated for the libclang deep tier (front/ccdb.c): cross-gcc
 * flags clang rejects left out and counted, targets mapped, paths made absolute, nothing of
 * the command kept that would run or write anything. */
#include <stdlib.h>

#include "front/ccdb.h"
#include "mmtest.h"

static bool has(const mm_ccmd *c, const char *arg)
{
    for (size_t i = 0; i < c->nargs; i++) {
        if (!strcmp(c->args[i], arg))
            return true;
    }
    return false;
}

static bool has_after(const mm_ccmd *c, const char *flag, const char *value)
{
    for (size_t i = 0; i + 1 < c->nargs; i++) {
        if (!strcmp(c->args[i], flag) && !strcmp(c->args[i + 1], value))
            return true;
    }
    return false;
}

static void translate(const char *cmd, const char *dir, mm_ccmd *out)
{
    size_t n = 0;
    char **w = mm_ccdb_split(cmd, &n);
    memset(out, 0, sizeof *out);
    mm_ccdb_translate((const char *const *)w, n, dir, out);
    for (size_t i = 0; i < n; i++)
        free(w[i]);
    free(w);
}

static void test_xtensa(void)
{
    mm_ccmd c;
    translate("/opt/esp/xtensa-esp32-elf-gcc -DESP_PLATFORM -I main -Icomponents/log/include "
              "-isystem /opt/sdk/include -mlongcalls -mtext-section-literals "
              "-fstrict-volatile-bitfields -fno-tree-switch-conversion "
              "-mfix-esp32-psram-cache-issue -Os -g3 -Wall -Werror=all -std=gnu17 "
              "-o main/CMakeFiles/x.obj -c /p/main/app.c",
              "/p/build", &c);
    CHECK_STR(c.target, "xtensa");
    CHECK(has(&c, "--target=i386-unknown-elf"));
    CHECK(has(&c, "-D__XTENSA__=1"));
    CHECK(has(&c, "-U__i386__"));
    CHECK(has(&c, "-DESP_PLATFORM"));
    CHECK(has_after(&c, "-I", "/p/build/main"));
    CHECK(has(&c, "-I/p/build/components/log/include"));
    CHECK(has_after(&c, "-isystem", "/opt/sdk/include"));
    CHECK(has(&c, "-std=gnu17"));
    /* gcc-only flags: left out and counted; -O, -g, -W, -o, -c: left out quietly */
    CHECK_INT(c.dropped, 5);
    CHECK_STR(c.dropped_names, "-mlongcalls, -mtext-section-literals, -fstrict-volatile-bitfields, "
                               "-fno-tree-switch-conversion");
    CHECK(!has(&c, "-mlongcalls"));
    CHECK(!has(&c, "-o"));
    CHECK(!has(&c, "-c"));
    CHECK(!has(&c, "/p/main/app.c"));
    CHECK(!has(&c, "-Os"));
    mm_ccmd_free(&c);
}

static void test_arm(void)
{
    mm_ccmd c;
    translate("ccache arm-none-eabi-gcc -mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16 "
              "-mthumb -specs=nano.specs -ffunction-sections --sysroot=../sysroot "
              "-include 'cfg with space.h' -c src/x.c",
              "/b", &c);
    CHECK_STR(c.target, "arm-none-eabi");
    CHECK(has(&c, "--target=arm-none-eabi"));
    CHECK(has(&c, "-mcpu=cortex-m4"));
    CHECK(has(&c, "-mfloat-abi=hard"));
    CHECK(has(&c, "-mfpu=fpv4-sp-d16"));
    CHECK(has(&c, "-mthumb"));
    CHECK(has(&c, "--sysroot=/b/../sysroot"));
    CHECK(has_after(&c, "-include", "/b/cfg with space.h"));
    CHECK_INT(c.dropped, 1); /* -specs=nano.specs */
    CHECK_STR(c.dropped_names, "-specs=nano.specs");
    mm_ccmd_free(&c);
}

static void test_riscv_and_host(void)
{
    mm_ccmd c;
    translate("riscv32-esp-elf-gcc -march=rv32imc_zicsr -mabi=ilp32 -c a.c", "/b", &c);
    CHECK(has(&c, "--target=riscv32-unknown-elf"));
    CHECK(has(&c, "-march=rv32imc_zicsr"));
    CHECK(has(&c, "-mabi=ilp32"));
    CHECK_INT(c.dropped, 0);
    mm_ccmd_free(&c);
    /* the host compiler: no target; an x86 -m flag is not the deep tier's business */
    translate("/usr/bin/cc -m64 -march=native -DX=\"a b\" -c a.c", "/b", &c);
    CHECK(c.target == NULL);
    CHECK(!has(&c, "--target=arm-none-eabi"));
    CHECK(has(&c, "-m64"));
    CHECK(has(&c, "-DX=a b"));
    CHECK_INT(c.dropped, 1);
    mm_ccmd_free(&c);
    /* an explicit target is kept as it is */
    translate("clang --target=armv7m-none-eabi -c a.c", "/b", &c);
    CHECK(has(&c, "--target=armv7m-none-eabi"));
    mm_ccmd_free(&c);
}

static void test_split(void)
{
    size_t n = 0;
    char **w = mm_ccdb_split("cc -DA='x y' \"-DB=\\\"q\\\"\" a\\ b.c  ", &n);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_STR(w[1], "-DA=x y");
        CHECK_STR(w[2], "-DB=\"q\"");
        CHECK_STR(w[3], "a b.c");
    }
    for (size_t i = 0; i < n; i++)
        free(w[i]);
    free(w);
}

int main(void)
{
    test_xtensa();
    test_arm();
    test_riscv_and_host();
    test_split();
    return MM_TEST_RESULT;
}
