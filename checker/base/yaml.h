/* yaml.h: a small, forgiving reader for the YAML subset that firmware manifests use (west.yml,
 * idf_component.yml, dependencies.lock, sbom.yml): block mappings and sequences by indentation,
 * plain and quoted scalars, one-line flow collections, block scalars and comments. No anchors,
 * tags or multi-document streams. It never fails: what it cannot read it skips, so that a
 * broken manifest yields what can be read from it. Nodes live in the caller's arena. */
#ifndef MM_YAML_H
#define MM_YAML_H

#include "base/util.h"

typedef enum { MM_Y_NULL = 0, MM_Y_SCALAR, MM_Y_MAP, MM_Y_SEQ } mm_ykind;

typedef struct mm_ynode {
    mm_ykind kind;
    const char *key;     /* map entries: the key; NULL for sequence items and the root */
    const char *value;   /* scalars: the value, unquoted ("" for an empty value) */
    unsigned line;       /* 1-based line of the entry (its key, or its "- ") */
    unsigned col;        /* 1-based column of the entry, in bytes */
    uint32_t start, end; /* byte span of the entry's first line, without the newline */
    struct mm_ynode *child; /* maps and sequences: the first entry */
    struct mm_ynode *next;  /* the next entry of the parent */
} mm_ynode;

/* Parses text; returns the root node (a map, a sequence, a scalar, or MM_Y_NULL when empty). */
mm_ynode *mm_yaml_parse(mm_arena *a, const char *text, size_t len);
/* The entry `key` of a map, or NULL. */
const mm_ynode *mm_yaml_get(const mm_ynode *map, const char *key);
/* The scalar value of entry `key` of a map, or NULL (also when it is not a scalar). */
const char *mm_yaml_str(const mm_ynode *map, const char *key);

#endif
