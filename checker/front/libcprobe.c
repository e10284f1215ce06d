/* libcprobe.c: the C library a firmware project links, read from its build configuration.
 * Explicit Kconfig/Buildroot choices win over a PlatformIO platform, which wins over the mere
 * presence of an ESP-IDF sdkconfig (ESP-IDF links newlib unless told otherwise). */
#define _GNU_SOURCE
#include "front/libcprobe.h"

#include <stdio.h>
#include <string.h>

typedef struct libc_key {
    const char *key; /* "KEY=y" at the start of a line */
    const char *libc;
} libc_key;

static const libc_key kconfig_keys[] = {
    {"CONFIG_NEWLIB_LIBC=y", "newlib"},        /* Zephyr */
    {"CONFIG_PICOLIBC=y", "picolibc"},         /* Zephyr */
    {"CONFIG_MINIMAL_LIBC=y", "zephyr-minimal"},
    {"CONFIG_LIBC_NEWLIB=y", "newlib"},        /* ESP-IDF 5.x libc choice */
    {"CONFIG_LIBC_PICOLIBC=y", "picolibc"},
    {"BR2_TOOLCHAIN_USES_GLIBC=y", "glibc"},   /* Buildroot */
    {"BR2_TOOLCHAIN_USES_MUSL=y", "musl"},
    {"BR2_TOOLCHAIN_USES_UCLIBC=y", "uclibc"},
    {"BR2_TOOLCHAIN_BUILDROOT_GLIBC=y", "glibc"},
    {"BR2_TOOLCHAIN_BUILDROOT_MUSL=y", "musl"},
    {"BR2_TOOLCHAIN_BUILDROOT_UCLIBC=y", "uclibc"},
};

static const libc_key pio_platforms[] = {
    {"atmelavr", "avr-libc"},     {"espressif32", "newlib"}, {"espressif8266", "newlib"},
    {"ststm32", "newlib"},        {"nordicnrf52", "newlib"}, {"atmelsam", "newlib"},
    {"raspberrypi", "newlib"},    {"teensy", "newlib"},
};

static bool config_name(const char *base)
{
    return !strncmp(base, "sdkconfig", 9) || !strcmp(base, ".config") ||
           mm_str_ends(base, ".conf") || mm_str_ends(base, "_defconfig") ||
           !strcmp(base, "defconfig");
}

static bool line_starts_with(const char *data, size_t len, const char *key)
{
    size_t kl = strlen(key);
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *hit = memmem(p, (size_t)(end - p), key, kl);
        if (!hit)
            return false;
        if (hit == data || hit[-1] == '\n')
            return true;
        p = hit + 1;
    }
    return false;
}

static void hint(mm_file *f, int prio, const char *libc)
{
    mm_kv kv = {mm_xstrdup("libc"), mm_xasprintf("%d\t%s\t%s", prio, libc, f->path)};
    mm_vec_push(&f->hints, kv);
}

void mm_project_probe(mm_file *f)
{
    if (f->kind == MM_KIND_BINARY || !f->len)
        return;
    const char *base = mm_path_base(f->path);
    if (config_name(base)) {
        for (size_t i = 0; i < MM_ARRAY_LEN(kconfig_keys); i++) {
            if (line_starts_with(f->data, f->len, kconfig_keys[i].key)) {
                hint(f, 10, kconfig_keys[i].libc);
                return;
            }
        }
        if (!strncmp(base, "sdkconfig", 9))
            hint(f, 30, "newlib");
        return;
    }
    if (!strcmp(base, "platformio.ini")) {
        /* platform = espressif32 (possibly with @version or a URL) */
        const char *p = f->data, *end = f->data + f->len;
        while (p < end) {
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol)
                eol = end;
            const char *q = p;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            if ((size_t)(eol - q) > 8 && !strncmp(q, "platform", 8)) {
                const char *v = q + 8;
                while (v < eol && (*v == ' ' || *v == '\t'))
                    v++;
                if (v < eol && *v == '=') {
                    for (size_t i = 0; i < MM_ARRAY_LEN(pio_platforms); i++) {
                        if (memmem(v, (size_t)(eol - v), pio_platforms[i].key,
                                   strlen(pio_platforms[i].key))) {
                            hint(f, 20, pio_platforms[i].libc);
                            return;
                        }
                    }
                }
            }
            p = eol + 1;
        }
    }
}
