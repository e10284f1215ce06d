/* dtfront.h: the devicetree front end (tree-sitter-devicetree) and the facts it makes for
 * `.dts`, `.dtsi`, `.overlay` and `.dtso` files: nodes with their paths and labels, properties
 * with their values, and what the file deletes. One file at a time: an overlay is judged on
 * what it says itself, not merged with the board it applies to. All strings live in the file's
 * arena. */
#ifndef MM_DTFRONT_H
#define MM_DTFRONT_H

#include "model/file.h"

typedef struct mm_dt_node {
    /* Where the node lands: "/soc/uart@40002000", "/chosen", "/". A node written as a
     * reference (`&uart0 { ... }`) has the path of the node that defines that label in the same
     * file, else "&uart0"; its children continue from there ("&uart0/child"). */
    const char *path;
    const char *name;     /* as written, with its unit address: "uart@40002000", "&uart0", "/" */
    const char **labels;  /* labels defined on it: `uart0: uart@...` */
    uint32_t nlabels;
    const char *ref;      /* `&uart0 {}`: "uart0"; `&{/soc/x} {}`: "/soc/x"; else NULL; an overlay
                           * fragment's __overlay__ node: its target or target-path */
    int32_t parent;       /* index of the enclosing node, -1 at the top */
    mm_span span, name_span;
    bool deleted;         /* a later /delete-node/ in this file removes it (or an ancestor) */
    /* the same node written more than once (`&uart0 {}` twice, or a label and its path): */
    uint32_t same;        /* index of the first node with this path */
    int32_t next_same;    /* next node with this path, -1 */
    int32_t first_prop;   /* its first property, -1; then mm_dt_prop.next */
} mm_dt_node;

typedef struct mm_dt_prop {
    uint32_t node;        /* index of its node */
    const char *name;
    const char *raw;      /* the value as written, blanks collapsed; "" for a boolean property */
    const char **strings; /* decoded string values: compatible = "a", "b" gives two */
    uint32_t nstrings;
    const char **refs;    /* phandle references in the value: "uart0" for &uart0, paths for &{/x} */
    uint32_t nrefs;
    mm_span span, name_span, value_span;
    bool has_value;
    bool overridden;      /* a later assignment, /delete-property/ or /delete-node/ in this file wins */
    int32_t next;         /* next property of the same node, -1 */
} mm_dt_prop;

typedef struct mm_dtfacts {
    mm_dt_node *nodes;    /* in source order: a parent before its children */
    uint32_t nnodes;
    mm_dt_prop *props;    /* in source order */
    uint32_t nprops;
    uint32_t errors;      /* syntax errors tree-sitter recovered from */
} mm_dtfacts;

typedef struct mm_dtfront mm_dtfront; /* one per worker: the parser */

mm_dtfront *mm_dtfront_new(void);
void mm_dtfront_free(mm_dtfront *df);

/* Is this a devicetree source by its name (.dts, .dtsi, .overlay, .dtso)? */
bool mm_dtfront_reads(const char *path);

/* Parses f and sets f->dt (never NULL afterwards; empty when the parser gave up). */
void mm_dtfront_run(mm_dtfront *df, mm_file *f);

/* Parses a buffer into facts allocated in arena (the unit tests' entry). */
mm_dtfacts *mm_dt_parse(mm_dtfront *df, mm_arena *arena, const char *data, size_t len);

#endif
