/* manifest.c: a libFuzzer target over the component inventory's manifest readers
 * (project/inv_*.c): .gitmodules, west.yml, platformio.ini (and its extra configs),
 * library.json, library.properties, idf_component.yml, dependencies.lock, OpenWrt and RIOT
 * Makefiles, BitBake recipes, SPDX tag-value, license files, CMake fetches and version headers —
 * each through the per-file pipeline and then the merge, where the project's component
 * analyzers (undeclared, unpinned, version mismatch, support ended, ...) judge the records.
 *
 * Input: the path on the first line (one of the names below when the inventory reads no file of
 * that name), then the bytes. tests/fuzz/run.sh manifest SECONDS; driver.c replays the seeds. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "project/inventory.h"

static const char *const names[] = {
    ".gitmodules", "west.yml", "platformio.ini", "lib/acme/library.json",
    "lib/acme/library.properties", "main/idf_component.yml", "dependencies.lock",
    "package/acme/Makefile", "recipes/acme_1.0.bb", "fw.spdx", "LICENSE",
    "CMakeLists.txt", "components/acme/include/acme_version.h",
};

static const char *text_now; /* mm_inventory_reads looks at the bytes too */
static size_t len_now;

static bool reads(const char *path)
{
    mm_file f;
    memset(&f, 0, sizeof f);
    f.path = path;
    f.data = text_now;
    f.len = len_now;
    return mm_inventory_reads(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256], *text;
    size_t len;
    fz_split(data, size, "platformio.ini", path, &text, &len);
    text_now = text;
    len_now = len;
    const char *p = fz_pick(path, reads, names, MM_ARRAY_LEN(names), len);
    fz_scan_file(p, text, len, true, NULL, NULL);
    free(text);
    return 0;
}
