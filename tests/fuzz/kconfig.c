/* kconfig.c: a libFuzzer target over the Kconfig-style configuration front end (front/kconfig.c):
 * resolved configurations (sdkconfig, .config) and fragments (prj.conf, sdkconfig.defaults,
 * overlays, defconfigs) of every family, through the per-file pipeline (the `config` matcher)
 * and the merge (resolved configurations preferred over fragments), then the facts checked:
 * spans inside the file, every key found again by mm_kconfig_get.
 *
 * Input: the path on the first line (one of the names below when it is no configuration's),
 * then the bytes. tests/fuzz/run.sh kconfig SECONDS; driver.c replays the seeds in every build. */
#include <stdlib.h>
#include <string.h>

#include "front/kconfig.h"
#include "fuzz.h"

static const char *const names[] = {
    "sdkconfig", "sdkconfig.defaults", "sdkconfig.defaults.esp32s3", "prj.conf",
    "boards/nrf52840dk_nrf52840.conf", "overlay-debug.conf", "sysbuild.conf",
    "sysbuild/mcuboot.conf", "build/zephyr/.config", "configs/acme_defconfig", ".config",
    "app.config",
};

static void check(mm_file *f, void *arg)
{
    (void)arg;
    const mm_kconfig *kc = f->kc;
    if (!kc)
        return;
    if (kc->family >= MM_KC__COUNT)
        fz_fail("family %d", (int)kc->family);
    for (uint32_t i = 0; i < kc->n; i++) {
        const mm_kc_entry *e = &kc->entries[i];
        if (!e->key || !e->value || strlen(e->value) != e->vlen)
            fz_fail("entry %u: key or value missing, or vlen wrong", i);
        fz_check_span("entry", e->span.start, e->span.end, f->len);
        fz_check_span("value", e->vspan.start, e->vspan.end, f->len);
        const mm_kc_entry *g = mm_kconfig_get(kc, e->key);
        if (!g || strcmp(g->key, e->key))
            fz_fail("mm_kconfig_get(%s) does not find its own key", e->key);
    }
}

static bool candidate(const char *path)
{
    return mm_kconfig_candidate(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256], *text;
    size_t len;
    fz_split(data, size, "prj.conf", path, &text, &len);
    const char *p = fz_pick(path, candidate, names, MM_ARRAY_LEN(names), len);
    fz_scan_file(p, text, len, true, check, NULL);
    free(text);
    return 0;
}
