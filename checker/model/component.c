/* component.c: component records — their pin names and how their strings are freed. */
#include "model/component.h"

#include <stdlib.h>

const char *const mm_pin_names[MM_PIN__COUNT] = {
    [MM_PIN_UNKNOWN] = "unknown", [MM_PIN_COMMIT] = "commit", [MM_PIN_TAG] = "tag",
    [MM_PIN_VERSION] = "version", [MM_PIN_HASH] = "hash",     [MM_PIN_RANGE] = "range",
    [MM_PIN_BRANCH] = "branch",   [MM_PIN_NONE] = "none",
};

void mm_component_free(mm_component *c)
{
    free(c->name);
    free(c->group);
    free(c->version);
    free(c->commit);
    free(c->pin_text);
    free(c->license);
    free(c->supplier);
    free(c->url);
    free(c->purl);
    free(c->cpe);
    free(c->dir);
    free(c->support_until);
    free(c->used_by);
    free(c->key);
    free(c->path);
    free(c->snippet);
    free(c->pin_path);
    free(c->pin_snippet);
}

void mm_components_free(mm_component *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        mm_component_free(&v[i]);
    free(v);
}

