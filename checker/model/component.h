/* component.h: component records — what the inventory front end (project/inventory.c) reads
 * from one manifest, lock file, SBOM, license file or version header, and what travels with a
 * file's results (core), through the cache (inputs) to the component rules and `mamori sbom`.
 * Owned copies: mm_component_free releases a record's strings. */
#ifndef MM_COMPONENT_H
#define MM_COMPONENT_H

#include "base/util.h"

/* How a reference fixes what is fetched or built. */
typedef enum {
    MM_PIN_UNKNOWN = 0,
    MM_PIN_COMMIT,  /* a full commit id (or a gitlink) */
    MM_PIN_TAG,     /* a tag or release name */
    MM_PIN_VERSION, /* an exact registry version */
    MM_PIN_HASH,    /* an archive URL with its hash */
    MM_PIN_RANGE,   /* a version range ("^2.0", ">=1.2,<2") */
    MM_PIN_BRANCH,  /* a branch: moves with every push */
    MM_PIN_NONE,    /* no version at all, "*", ${AUTOREV} */
    MM_PIN__COUNT
} mm_pin;
extern const char *const mm_pin_names[MM_PIN__COUNT];

typedef enum {
    MM_COMP_FOUND = 0, /* present in the tree */
    MM_COMP_DECLARED,  /* listed by an SBOM, an sbom.yml or the policy */
    MM_COMP_SBOM_DOC,  /* a project-level SBOM document exists here (name: its format) */
    MM_COMP_REDIRECT,  /* sbom.yml "manifests": the file `name` describes directory `dir` */
    MM_COMP_LOCK,      /* an IDF dependencies.lock: ranges of manifests below `dir` are locked */
    MM_COMP_OPTION,    /* a build option that other files may refer to (a PlatformIO section's
                          option: `name` the section, `group` the option, `pin_text` its value
                          lines); project/ resolves them into found components */
    MM_COMP__COUNT
} mm_comp_role;

/* Evidence kinds, for merging and for choosing where a finding goes. */
enum {
    MM_EV_MANIFEST = 1, /* a manifest or lock entry */
    MM_EV_VERSION = 2,  /* a version macro in a header */
    MM_EV_LICENSE = 4,  /* a license file of a vendored tree */
    MM_EV_LOCKED = 8,   /* the exact version from a lock file */
    MM_EV_UNBUILT = 16, /* a place no build reads itself (a PlatformIO list that no environment
                           takes: a script may install it, or nothing does) */
};

typedef struct mm_component {
    mm_comp_role role;
    const char *source;  /* static: "gitmodules", "west", "idf-manifest", "idf-lock", ... */
    unsigned evidence;   /* MM_EV_* */
    char *name;
    char *group;         /* namespace/owner when the source has one ("espressif") */
    char *version;       /* the best human version; a commit id when that is all there is */
    char *commit;        /* full commit id when pinned to one */
    char *pin_text;      /* the reference as written: "main", "*", "^2.0.0", "${AUTOREV}" */
    mm_pin pin;
    char *license;       /* as stated (an SPDX expression when the source gives one) */
    char *supplier;
    char *url;           /* repository or download location, credentials removed */
    char *purl, *cpe;
    char *dir;           /* its directory in the tree, when it has one */
    char *support_until; /* policy: YYYY-MM-DD */
    char *used_by;       /* where the build uses it, when that is narrower than the tree
                            ("env:esp32dev, env:esp32_eth" of a PlatformIO project) */
    char *key;           /* merge key: "idf:espressif/led_strip", "dir:lib/mbedtls", ... */
    /* where: the manifest entry, version macro, license file or SBOM entry */
    char *path;
    unsigned line, col, end_col;
    char *snippet;       /* that line, credentials in URLs masked */
    /* where the pin is written when that is another line (west "revision:", GIT_TAG) */
    char *pin_path;
    unsigned pin_line, pin_col;
    char *pin_snippet;
} mm_component;

typedef MM_VEC(mm_component) mm_component_vec;

void mm_component_free(mm_component *c);
/* Frees n records and the array holding them. */
void mm_components_free(mm_component *v, size_t n);

#endif
