/* role.h: what a file is to the product — the code that ships, or an example, a test, a host
 * tool, a simulator, vendored third-party code, generated data, documentation — and which
 * source of truth said so. Deciding it is core's (core/roles.c); findings carry the verdict
 * (core/resolve.c) and every reporter prints it. */
#ifndef MM_ROLE_H
#define MM_ROLE_H

#include "base/util.h"

typedef enum {
    MM_ROLE_PRODUCT = 0, /* the code and configuration that ship */
    MM_ROLE_EXAMPLE,     /* examples, samples, demos */
    MM_ROLE_TEST,        /* unit tests, test applications, fixtures */
    MM_ROLE_TOOL,        /* host-side programs and scripts */
    MM_ROLE_SIMULATOR,   /* host builds of the firmware (a Windows simulator, native_sim) */
    MM_ROLE_VENDORED,    /* third-party code the component inventory knows */
    MM_ROLE_GENERATED,   /* data headers, bindings, autoconf output */
    MM_ROLE_DOCS,        /* documentation */
    MM_ROLE__COUNT
} mm_role;

/* "product", "example", ... as written in mamori.json, rule files and every report. */
extern const char *const mm_role_names[MM_ROLE__COUNT];
int mm_role_parse(const char *s, mm_role *out);
int mm_role_parsen(const char *s, size_t n, mm_role *out);

/* Which source of truth decided a role, strongest first. */
typedef enum {
    MM_ROLE_BY_DEFAULT = 0, /* nothing said otherwise: the scanned project is product */
    MM_ROLE_BY_POLICY,      /* mamori.json: "roles", "product.sources" */
    MM_ROLE_BY_BUILD,       /* a build file: compilation database, platformio.ini, CMakeLists.txt */
    MM_ROLE_BY_CONVENTION,  /* a directory's name: examples/, tests/, tools/, sim/ ... */
    MM_ROLE_BY_CONTENT,     /* the file itself: a test framework's header, "do not edit" */
    MM_ROLE_BY_COMPONENT,   /* the directory of a component of the inventory */
} mm_role_source;

/* Is code or configuration of this role built into the product (or the product's own)? An
 * example's, a test's, a tool's configuration is never a release configuration. */
static inline bool mm_role_ships(mm_role r)
{
    return r == MM_ROLE_PRODUCT || r == MM_ROLE_VENDORED || r == MM_ROLE_GENERATED;
}

/* Does a finding's verdict keep the rule's severity in role r (product: always)? A rule may
 * name more roles (mm_rule.keep_roles: a production flashing script is a tool that decides
 * the device's state). */
static inline bool mm_role_in(unsigned mask, mm_role r)
{
    return (mask >> r) & 1u;
}

/* Could a credential value be live — long and random enough to be a real secret — rather than
 * a word-like demo value ("secretPSK", "password123", "12345678")? A real key in a test still
 * leaks; a documented sample password in an example does not. */
bool mm_secret_may_be_live(const char *v, size_t n);

/* What the source says of the credential at byte off of text (data, len): in a comment on its
 * line, on the lines of its statement above it, or in the comment right above the statement,
 * or in the name it is given (outside string literals). */
typedef enum {
    MM_DECLARED_NOTHING,
    MM_DECLARED_TEST,   /* "test key", `dummy_psk`, "example token": a fixture, in a test */
    MM_DECLARED_PUBLIC, /* "not confidential", "not a secret": published on purpose */
} mm_declared;
mm_declared mm_secret_declared(const char *data, size_t len, size_t off);

#endif
