/* update_int.h: what the update-path analyzers share inside project/ — the catalogue of update
 * APIs a rule file holds (update_catalogue.c), the project's call graph joined from every file's
 * facts (update_graph.c), and the analyzers that judge paths in it (analyzer_update.c). */
#ifndef MM_UPDATE_INT_H
#define MM_UPDATE_INT_H

#include "front/cgraph.h"
#include "model/scan.h"

/* What a call does for an update, by the catalogue: bits of uc_spec.role. */
enum {
    UC_WRITE = 1 << 0,         /* writes an image where it can boot (esp_ota_write, Update.write) */
    UC_WRITE_GENERIC = 1 << 1, /* writes flash: an image only on an update path (flash_write) */
    UC_COMMIT = 1 << 2,        /* makes the written image the one that boots */
    UC_REBOOT = 1 << 3,        /* resets the device (a bootloader then takes a waiting image) */
    UC_UPDATE = 1 << 4,        /* a library call that receives, writes and boots by itself */
    UC_VERIFY = 1 << 5,        /* checks a signature */
    UC_SIGNED_BY = 1 << 6,     /* installs a signature check for every update (project-wide) */
    UC_DIGEST = 1 << 7,        /* a checksum or hash without a key: integrity only */
    UC_MD5 = 1 << 8,           /* an MD5 digest (update-md5-as-authenticity) */
    UC_SOURCE = 1 << 9,        /* receives bytes from outside */
    UC_AUTH = 1 << 10,         /* checks who is asking (an HTTP login) */
    UC_PASSWORD = 1 << 11,     /* sets a library endpoint's password */
    UC_OWN_VERIFY = 1 << 12,   /* a project function named for signature verification */
    UC_OWN_AUTH = 1 << 13,     /* a project function named for authentication */
};

/* A call the catalogue names: "name", "Obj.method", "*.method", a trailing "*" for a prefix,
 * "/N" (exactly N arguments) or "/N+" (N or more). */
typedef struct uc_spec {
    char *name;
    char *object;   /* NULL: a plain call; "*": any object */
    bool prefix;
    int min_args, max_args; /* -1: any */
    unsigned role;
    int family;     /* the family it belongs to, or -1 */
    MM_VEC(char *) types; /* member calls: only on objects declared with one of these types */
} uc_spec;

typedef struct uc_family {
    char *name;
    MM_VEC(char *) signed_when;   /* configuration keys that make its images checked at boot */
    MM_VEC(char *) signed_unless; /* ... unless one of these is set too */
} uc_family;

/* A route registration: the call, where its route and its handlers are. */
typedef struct uc_route {
    uc_spec call;
    int route_arg;        /* the argument holding the route (or a name for it), or -1 */
    int struct_arg;       /* the argument naming a struct that holds route and handler, or -1 */
    char *route_field, *handler_field; /* ... its fields by name */
    int route_pos, handler_pos;        /* ... or by position in a positional initializer */
} uc_route;

/* A library endpoint that takes a password (ArduinoOTA, HTTPUpdateServer, ElegantOTA). */
typedef struct uc_endpoint {
    char *name;
    uc_spec call;
    int password_arg[8];  /* by number of arguments (index): the password's argument, or -1 */
    MM_VEC(uc_spec) password_calls;
} uc_endpoint;

typedef struct mm_update_catalogue {
    MM_VEC(uc_family) families;
    MM_VEC(uc_spec) specs;
    MM_VEC(uc_route) routes;
    MM_VEC(uc_endpoint) endpoints;
    MM_VEC(char *) auth_words, route_names, update_words, sig_verbs, sig_nouns;
    /* commands in string arguments: one that updates by itself (OpenWrt's sysupgrade), one
     * that checks a signature (usign) */
    MM_VEC(char *) update_strings, verify_strings;
    MM_VEC(char *) config_keys;
    MM_VEC(char *) site_prefixes; /* plain calls named by prefix that get a site */
    /* specs by name: indexes into specs sorted by name (exact names), and the prefix ones */
    MM_VEC(int32_t) by_name;
    MM_VEC(int32_t) prefixed;
    /* what the front end is asked to note (built from the above) */
    mm_strset site_names, type_set;
    mm_cg_want want;
} mm_update_catalogue;

int mm_update_catalogue_compile(const mm_json_doc *doc, const cJSON *cat,
                                mm_update_catalogue *out, mm_err *err);
void mm_update_catalogue_free(mm_update_catalogue *c);
/* Prefilter triggers of the catalogue's calls and configuration keys (heap strings). */
void mm_update_catalogue_triggers(const mm_update_catalogue *c, void *out /* MM_VEC(char *) */);
bool mm_uc_spec_matches(const uc_spec *s, const char *name, const char *object, unsigned nargs);
/* Calls f(spec index, arg) for each spec that may match a call of this name (exact or prefix). */
void mm_uc_specs_named(const mm_update_catalogue *c, const char *name,
                       void (*f)(int32_t spec, void *arg), void *arg);

/* --- the graph ------------------------------------------------------------------------------------ */

typedef MM_VEC(int32_t) ug_ids; /* function or call numbers */

typedef struct ug_file {
    const char *path;
    mm_cg_file g;
    int32_t func0, call0, site0, route0; /* where its records start in the joined lists */
} ug_file;

typedef struct ug_edge {
    int32_t to;
    int32_t call;  /* the call that makes it (-1: the function names it, or defines a lambda) */
    int32_t route; /* a registration: the route record of the joined list, or -1 */
} ug_edge;

typedef struct ug_func {
    const mm_cg_func *f;
    int32_t file;
    MM_VEC(ug_edge) out;
    ug_ids in;             /* callers (functions with an edge here) */
    ug_ids calls;          /* its calls */
    unsigned direct;       /* roles of its own calls, and UC_OWN_* of its name */
    unsigned reach;        /* roles of everything it reaches */
    bool auth_any;         /* checks who is asking (a call or a name for it) outside any route
                              comparison's block */
    ug_ids auth_routes;    /* ... or inside these route comparisons' blocks (the file's) */
} ug_func;

typedef struct ug_call {
    const mm_cg_call *c;
    int32_t file, func;
    unsigned role;
    int family;
    int32_t spec;          /* the first spec it matches (-1: none) */
} ug_call;

/* A registered route: a registration call (or a route comparison) and its handlers. */
typedef struct ug_reg {
    const char *route;     /* the route, or NULL when not known */
    int32_t file;
    const mm_cg_site *site;/* where it is registered */
    int32_t call;          /* the registration call (-1: a route comparison) */
    ug_ids handlers;
} ug_reg;

typedef struct ug_conf {
    const char *path;      /* the configuration file */
    size_t dirlen;         /* its directory's length in path (0: the root) */
    MM_VEC(mm_kv) keys;    /* KEY -> value ("n" for `# KEY is not set`) */
} ug_conf;

typedef struct mm_update_graph {
    const mm_update_catalogue *cat;
    mm_arena arena;
    MM_VEC(ug_file) files;
    MM_VEC(ug_func) funcs;
    MM_VEC(ug_call) calls;
    MM_VEC(ug_reg) regs;
    MM_VEC(ug_conf) confs;
    unsigned project_roles; /* roles called anywhere */
    ug_ids signed_by_families; /* families some call installs a signature check for */
    MM_VEC(mm_kv) decls;
    int32_t *reg_of;  /* function -> the first registration it handles, or -1 */
    bool collected;   /* some file had facts: the collector ran */
    /* the analysis of image writes (analyzer_update.c), made once for all the rules */
    struct ua_write *writes;
    size_t nwrites;
    bool analyzed;
} mm_update_graph;

/* The scan's graph, built once from the hints the collector left (mm_scan.update_graph). */
mm_update_graph *mm_update_graph_get(mm_scan *s, const mm_update_catalogue *cat);
void mm_update_graph_free(struct mm_update_graph *g);

const mm_cg_site *mm_ug_site(const mm_update_graph *g, int32_t call);
/* Does the call match the spec (its declared type too)? */
bool mm_ug_call_matches(const mm_update_graph *g, const uc_spec *s, int32_t call);
const char *mm_ug_func_name(const mm_update_graph *g, int32_t fn);
/* Do the configuration files above path make the family's images checked at boot? Sets
 * *via to the configuration file and key that say so. */
bool mm_ug_family_signed(mm_update_graph *g, int family, const char *path, const char **via);

/* The hint keys the collector writes. */
#define MM_UPDATE_HINT_CODE "update-cg"
#define MM_UPDATE_HINT_CONF "update-conf"

#endif
