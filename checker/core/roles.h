/* roles.h (core): what each path of a scan is to the product — product, example, test, tool,
 * simulator, vendored, generated, docs — decided once per directory before the files are
 * scanned (the policy, then the build, then conventions), refined by a file's own content
 * where the file is read anyway, and by the component inventory once the files were read. */
#ifndef MM_CORE_ROLES_H
#define MM_CORE_ROLES_H

#include "model/file.h"
#include "model/scan.h"
#include "project/inventory.h"

/* One decision and what made it. */
typedef struct mm_role_decision {
    mm_role role;
    mm_role_source by;
    uint32_t at;        /* length of the path's prefix that decided: a directory ("examples"),
                           the whole path when the file itself did */
    const char *what;   /* policy: the pattern; build: what the build file says; content: why;
                           component: its name; convention, default: NULL */
    const char *where;  /* build, component: the file that says so */
    unsigned line, col; /* policy: where the pattern is written */
} mm_role_decision;

typedef struct mm_roles mm_roles;

/* Makes s->roles from the scan's root, the directories it was asked to scan (s->opts.paths),
 * its policy, the tree's paths (s->paths, when a worktree) and the build's compilation
 * database (s->build_units). Build files are read from the worktree on first use. */
void mm_roles_prepare(mm_scan *s);
void mm_roles_free(mm_roles *r);

/* The role of path (a file; a directory when it ends in '/'), given what its own content
 * said (MM_ROLE_PRODUCT and NULL: nothing). Thread-safe. */
mm_role_decision mm_roles_decide(mm_roles *r, const char *path, mm_role content,
                                 const char *content_why);
/* The scan's decision for path: its content's word too (s->content_roles). */
mm_role_decision mm_roles_of(const mm_scan *s, const char *path);
/* Vendored directories: the directories of the components the inventory found in the tree
 * (not the tree's own). Called once the per-file stage is over (not thread-safe). */
void mm_roles_set_vendored(mm_roles *r, const mm_inventory *inv);
/* The name of the vendored component whose directory holds path, whatever role path has in it
 * (its examples/ are examples), or NULL: the tree's own code. */
const char *mm_roles_component_of(const mm_roles *r, const char *path);

/* What f's own bytes say of its role (a C/C++ file): generated ("do not edit", one big byte
 * array), test (a unit-test framework's header), simulator (built only for Windows); sets
 * f->role_why. MM_ROLE_PRODUCT when they say nothing. */
mm_role mm_roles_content(mm_file *f);

/* Marks the findings of a product C/C++ file that lie in a branch built only for Windows
 * (#ifdef _WIN32 ... #endif: a simulator's or a host build's code) as simulator findings. */
void mm_roles_mark_host_code(mm_file *f);

/* One line saying why: "convention: examples/ holds examples". */
void mm_role_explain(const mm_roles *r, const mm_role_decision *d, const char *path,
                     mm_buf *out);
/* The directories the decisions are about, for `mamori roles`: every directory of the scanned
 * paths whose role differs from its parent's (all: every directory), and every file whose
 * role differs from its directory's, as "path<TAB>role<TAB>why" lines. */
void mm_roles_report(const mm_scan *s, bool all, mm_buf *out);

#endif
