/* inventory.h: the third-party components of a firmware repository — found in its manifests,
 * lock files and vendored trees, or declared in its SBOMs and policy — and what the component
 * rules, `mamori sbom` and the advisory matcher read of them.
 *
 * Flow: the inventory front end (inventory.c) turns each manifest, SBOM, license file or
 * version header into mm_component records of that file (owned copies; they travel with the
 * file's results); after the scan, mm_inventory_of() (components.c) merges them once into
 * components of the project, each with the evidence that made it and the declarations that
 * match it. */
#ifndef MM_INVENTORY_H
#define MM_INVENTORY_H

#include "model/component.h"
#include "model/scan.h"

/* --- the front end --------------------------------------------------------------------------- */
/* Does the inventory read this file (by name, or by a hit of its prefilter trigger)? */
bool mm_inventory_reads(const mm_file *f);
/* Records the file's components in f->components. */
void mm_inventory_run(mm_file *f);
/* The prefilter trigger of version macros and CMake fetches (an internal trigger). */
extern const char mm_inventory_trigger[];

/* --- the project -------------------------------------------------------------------------- */

/* One component of the project, merged from its records. */
typedef struct mm_comp {
    mm_component c;          /* merged view (strings borrowed from the records) */
    const mm_component *at;  /* where a finding about it goes */
    MM_VEC(const mm_component *) evidence; /* the records that make it */
    MM_VEC(const mm_component *) decls;    /* declarations that name it */
    bool range_locked;       /* a manifest range fixed by a lock file */
    bool first_party;        /* developed in this tree (a component whose manifest names this
                                repository): part of the product, not a third-party component */
} mm_comp;

typedef struct mm_inventory {
    MM_VEC(mm_comp) found;
    MM_VEC(const mm_component *) locks;      /* IDF dependencies.lock files */
    MM_VEC(const mm_component *) declared;   /* every declaration */
    MM_VEC(const mm_component *) unmatched;  /* declarations no found component matches */
    MM_VEC(const mm_component *) sbom_docs;  /* project-level SBOM documents */
    bool declares;     /* an SBOM document, or components in the policy */
    bool required;     /* the policy requires an SBOM */
    const char *policy_path; /* the policy file, relative to the root when it is under it */
    const char *repo_owner, *repo_name; /* this repository, as its origin remote (or its
                                           directory) names it; owner NULL when unknown */
    mm_component_vec owned;  /* declarations made from the policy */
    mm_component_vec made;   /* found records made from the whole scan (PlatformIO projects) */
    MM_VEC(char *) strs;     /* strings the merged views own */
} mm_inventory;

/* The project's inventory, built on first use from s->components (and the policy). */
const mm_inventory *mm_inventory_of(mm_scan *s);
void mm_inventory_free(mm_inventory *inv);
/* Would declaration d name found component c (the rule the merge applies)? */
bool mm_component_declares(const mm_component *d, const mm_comp *c);
/* How a source is said in prose: "gitmodules" is "a git submodule". */
const char *mm_component_source_label(const char *source);

/* Name comparison used to match declarations: case, punctuation and a "lib" prefix ignored. */
bool mm_component_same_name(const char *a, const char *b);
/* Version comparison: "v3.6.2" equals "3.6.2"; a commit id prefix of 7 or more equals the id. */
bool mm_component_same_version(const char *a, const char *b);
/* Orders two version strings by their numeric and text parts (-1, 0, 1). */
int mm_version_cmp(const char *a, const char *b);
/* Removes "user:password@" from a URL (returns a malloc'd copy); scp-like "git@host:path"
 * becomes "ssh://host/path". */
char *mm_url_strip_credentials(const char *url);
/* pkg:github/owner/repo@version for a GitHub or Bitbucket URL (malloc'd), else NULL. */
char *mm_purl_of_url(const char *url, const char *version);
/* Appends s percent-encoded as a purl segment. */
void mm_purl_put(mm_buf *b, const char *s);

/* --- the component analyzers (analyzers.c lists them) ---------------------------------------- */
void mm_component_undeclared(const mm_rule *rule, mm_scan *s);
void mm_component_sbom_missing(const mm_rule *rule, mm_scan *s);
void mm_component_declared_absent(const mm_rule *rule, mm_scan *s);
void mm_component_version_mismatch(const mm_rule *rule, mm_scan *s);
void mm_component_incomplete(const mm_rule *rule, mm_scan *s);
void mm_component_unpinned(const mm_rule *rule, mm_scan *s);
void mm_component_support_ended(const mm_rule *rule, mm_scan *s);
void mm_component_known_advisory(const mm_rule *rule, mm_scan *s);

#endif
