/* yaml.h: YAML manifests (west.yml, idf_component.yml, dependencies.lock, sbom.yml) read with
 * libyaml, the reference C parser, into a small tree the inventory's readers walk. libyaml does
 * the parsing; this module only builds nodes from its events, keeps their positions (1-based
 * line and byte column, the ones findings point at), resolves aliases and YAML 1.1 merge keys
 * (`<<: *base`, as PyYAML, which west and the component manager use, does), and bounds what
 * hostile input can cost: nesting depth, input size, and the nodes made (alias copies count, so
 * a "billion laughs" document stops at the bound). Nodes live in the caller's arena. */
#ifndef MM_YAML_H
#define MM_YAML_H

#include "base/util.h"

typedef enum { MM_Y_NULL = 0, MM_Y_SCALAR, MM_Y_MAP, MM_Y_SEQ } mm_ykind;

typedef struct mm_ynode {
    mm_ykind kind;
    const char *key;     /* map entries: the key; NULL for sequence items, the root, and keys
                            that are not scalars */
    const char *value;   /* scalars: the value ("" never: an empty plain scalar is MM_Y_NULL) */
    unsigned line;       /* 1-based line of the entry: its key, or a sequence item's "- " */
    unsigned col;        /* 1-based column of the entry, in bytes */
    uint32_t start;      /* byte offset of the entry */
    struct mm_ynode *child; /* maps and sequences: the first entry */
    struct mm_ynode *next;  /* the next entry of the parent */
} mm_ynode;

enum {
    MM_YAML_MAX_DEPTH = 64,          /* nesting of collections */
    MM_YAML_MAX_NODES = 100000,      /* nodes made, alias and merge copies included */
    MM_YAML_MAX_LEN = 16 << 20,      /* bytes of input */
};

/* What went wrong, if anything. */
typedef struct mm_yaml_error {
    bool failed;        /* the text is not YAML (or passes a bound): the tree holds what came
                           before the problem */
    unsigned line, col; /* where (1-based, bytes) */
    char msg[200];      /* libyaml's words, or the bound passed */
    unsigned documents; /* documents in the stream; the tree is the first one */
    unsigned second_line, second_col; /* where the second document starts, when there is one */
} mm_yaml_error;

/* Parses text (UTF-8; a UTF-16 or invalid byte sequence is an error) and returns the first
 * document's root: a map, a sequence, a scalar, or MM_Y_NULL when empty. Never NULL. err, when
 * not NULL, receives what went wrong (zeroed when nothing did). */
mm_ynode *mm_yaml_parse(mm_arena *a, const char *text, size_t len, mm_yaml_error *err);
/* The entry `key` of a map (the last one when a key repeats, as PyYAML reads it), or NULL. */
const mm_ynode *mm_yaml_get(const mm_ynode *map, const char *key);
/* The scalar value of entry `key` of a map, or NULL (also when it is not a scalar). */
const char *mm_yaml_str(const mm_ynode *map, const char *key);

#endif
