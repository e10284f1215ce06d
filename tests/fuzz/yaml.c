/* yaml.c: a libFuzzer target over the YAML readers — base/yaml.c's tree built from libyaml's
 * events, and the inventory readers that walk it (west.yml, idf_component.yml of a project and
 * of a managed component, dependencies.lock, sbom.yml). Any input must give a tree (never NULL),
 * stay within the bounds yaml.h states, and leave no sanitizer report.
 *
 * Built by tests/fuzz/run.sh (clang-14, -fsanitize=fuzzer,address,undefined, in build-fuzz/),
 * or with -DMAMORI_FUZZ=ON; driver.c runs the same function over files in every build, which is
 * how CTest replays tests/fuzz/corpus/yaml (fuzz/yaml-corpus). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/yaml.h"
#include "model/file.h"
#include "project/inventory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every node, so that the sanitizers see every byte the tree points at. */
static size_t walk(const mm_ynode *n, int depth)
{
    size_t k = 0;
    for (; n; n = n->next) {
        if (n->key)
            k += strlen(n->key);
        if (n->value)
            k += strlen(n->value);
        if ((n->kind == MM_Y_MAP || n->kind == MM_Y_SEQ) && depth < 4 * MM_YAML_MAX_DEPTH)
            k += walk(n->child, depth + 1);
        else if (n->child)
            abort(); /* only collections have entries */
    }
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mm_arena a = {0};
    mm_yaml_error err;
    const mm_ynode *root = mm_yaml_parse(&a, (const char *)data, size, &err);
    if (!root || (err.failed && !err.msg[0]))
        abort();
    walk(root, 0);
    mm_arena_free(&a);

    static const char *const names[] = {
        "west.yml",
        "main/idf_component.yml",
        "components/acme/idf_component.yml",
        "managed_components/espressif__led_strip/idf_component.yml",
        "dependencies.lock",
        "sbom.yml",
    };
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        mm_arena fa = {0};
        mm_file f;
        memset(&f, 0, sizeof f);
        f.path = names[i];
        f.data = text;
        f.len = size;
        f.arena = &fa;
        mm_inventory_run(&f);
        for (size_t k = 0; k < f.components.n; k++)
            mm_component_free(&f.components.v[k]);
        mm_vec_free(&f.components);
        for (size_t k = 0; k < f.notices.n; k++)
            mm_notice_free(&f.notices.v[k]);
        mm_vec_free(&f.notices);
        mm_arena_free(&fa);
    }
    free(text);
    return 0;
}
