/* rule.h: the rule model — metadata every rule carries, and the matcher kinds that interpret
 * the `match` object of a rule file. Rules are data; this is the vocabulary they are written in. */
#ifndef MM_RULE_H
#define MM_RULE_H

#include "base/json.h"
#include "base/util.h"
#include "model/role.h"

typedef enum { MM_SEV_NONE = 0, MM_SEV_NOTE, MM_SEV_WARNING, MM_SEV_ERROR } mm_severity;

const char *mm_severity_name(mm_severity s);
/* "error" | "warning" | "note" (and "never" when allow_never) */
int mm_severity_parse(const char *s, bool allow_never, mm_severity *out);

typedef enum {
    MM_CAT_CREDENTIALS,
    MM_CAT_DEBUG_INTERFACE,
    MM_CAT_UNSAFE_FUNCTION,
    MM_CAT_UPDATE_INTEGRITY,
    MM_CAT_CRYPTO,
    MM_CAT_COMPONENT,
    MM_CAT_POLICY,
    MM_CAT__COUNT
} mm_category;

/* One row per category: its name as written in rule files and SARIF tags, and the prefix every
 * rule id of that category starts with. */
typedef struct mm_category_info {
    const char *name;
    const char *id_prefix;
} mm_category_info;
extern const mm_category_info mm_categories[MM_CAT__COUNT];
int mm_category_parse(const char *s, mm_category *out);

struct mm_file;
struct mm_rule;
struct mm_ruleset;

/* What a matcher kind consumes; the engine produces only what the loaded rules need. */
enum {
    MM_NEED_CFACTS = 1, /* calls, literals in context, definitions from the C/C++ front end */
    MM_NEED_TEXT = 2,   /* the bytes of text files, by line */
    MM_NEED_PATH = 4,   /* the path (and, if asked, the bytes) of every file, text or binary */
    MM_NEED_PROJECT = 8,/* runs once per scan over the whole result (analyzers) */
    MM_NEED_CONFIG = 16,
    MM_NEED_COMPONENTS = 64, /* component records from the inventory front end *//* Kconfig-style entries of configuration files (kconfig.c) */
    MM_NEED_DTFACTS = 0x100, /* devicetree nodes and properties (dtfront.c) */
    MM_NEED_RECORDS = 0x200, /* colon-separated records: passwd, shadow (linefront.c) */
    MM_NEED_COMMANDS = 0x400,/* commands of init scripts, inittab, systemd units (linefront.c) */
    MM_NEED_UCI = 0x800,     /* OpenWrt UCI sections and options (linefront.c) */
    /* the facts some front end makes (scan.c's list of front ends) */
    MM_NEED_FACTS = MM_NEED_CFACTS | MM_NEED_CONFIG | MM_NEED_DTFACTS | MM_NEED_RECORDS |
                    MM_NEED_COMMANDS | MM_NEED_UCI | MM_NEED_COMPONENTS,
};

/* What the checks of a call rule read of the arguments (model/facts.h), beyond their text: the
 * front end works these out only for the callees of rules that read them. */
enum {
    MM_FACT_KONST = 1, /* mm_arg.konst, len (program text) */
    MM_FACT_SIZE = 2,  /* cap, len, held, ranges, bounds (fits and the other size checks) */
};

typedef struct mm_compile_ctx {
    const mm_json_doc *doc;
    struct mm_rule *rule;
    mm_err *err;
} mm_compile_ctx;

typedef struct mm_matcher_kind {
    const char *name;
    unsigned needs;     /* MM_NEED_* */
    const char *engine; /* recorded in each finding: which front end saw it */
    /* Validates `match` and stores compiled data in rule->match; fills rule->triggers. */
    int (*compile)(mm_compile_ctx *cx, const cJSON *match);
    /* Emits findings for one file. */
    void (*run)(const struct mm_rule *rule, struct mm_file *file);
    void (*free)(void *match);
} mm_matcher_kind;


/* A prefilter trigger: a regular expression (vectorscan syntax, no captures needed) whose hit
 * tells the engine that the rule may fire near that place. */
typedef struct mm_trigger {
    char *regex;
    bool caseless;
} mm_trigger;

typedef struct mm_standards {
    MM_VEC(int) meti; /* METI measures 1-6 */
    MM_VEC(char *) etsi;
    MM_VEC(char *) jcstar;
    MM_VEC(char *) cra;
} mm_standards;

typedef struct mm_kv {
    char *key, *value;
} mm_kv;

typedef struct mm_rule {
    char *id;
    char *title;
    char *message;   /* template: {callee}, {name}, {replacement}, {arg0}.. {value} (redacted) */
    char *help;      /* markdown */
    char *source;    /* file the rule came from ("rules/<category>/<id>.json" for built-ins) */
    char *security_severity; /* "0.0".."10.0", as SARIF wants it: a string */
    mm_category category;
    mm_severity severity;
    MM_VEC(int) cwe;
    mm_standards standards;
    MM_VEC(char *) files;     /* globs the rule applies to; empty = by languages / kind default */
    MM_VEC(char *) files_exclude; /* globs of paths the rule never applies to */
    MM_VEC(char *) languages; /* "c", "cpp" */
    MM_VEC(mm_kv) replacement; /* libc name -> replacement text; "default" as fallback */
    /* severity in a release configuration [0] and in any other [1]; NONE: not by profile */
    mm_severity profile_severity[2];
    /* roles whose findings keep the rule's severity (bit per mm_role; product always): "roles"
     * in the rule file ("tool": a production flashing script decides the device's state) */
    unsigned keep_roles;
    MM_VEC(mm_trigger) triggers;
    MM_VEC(char *) callees;    /* call names the front end must record for this rule */
    MM_VEC(char *) plain_callees; /* ... those called as plain functions (not methods): what a
                                     macro may stand for (`#define SYSTEM system`) */
    MM_VEC(char *) copy_calls; /* copy calls whose destination names the literal copied */
    MM_VEC(char *) fields;     /* struct field names (last parts) the front end must record */
    MM_VEC(char *) types;      /* struct types whose objects the front end must record */
    bool byte_arrays;          /* the front end must record byte-array initializers */
    bool literal_calls;        /* ... and every call given a string literal (through_functions) */
    MM_VEC(char *) consumers;  /* functions whose call somewhere in the tree makes the rule's
                                  findings count; none: the rule's findings are notes */
    char text_sha[65];         /* SHA-256 of the rule file: part of the rule set's identity */
    const mm_matcher_kind *kind;
    void *match; /* compiled matcher data, owned by kind->free */
    /* what the rule reads and how it runs on one file: the kind's, unless the matcher (an
     * analyzer) says otherwise at compile time */
    unsigned needs;
    /* every C fact it reads lies within one statement (a literal and where it goes, a call
     * judged by its own arguments): the C front end may parse that statement alone */
    bool statement_local;
    /* the same for a file judged alone (mm_file.alone): what reads more than the statement only
     * to state facts for other files, or to need theirs, is left out there */
    bool statement_local_alone;
    void (*run)(const struct mm_rule *rule, struct mm_file *file);
    bool builtin;
    bool forwards;  /* a call rule that judges the callers of the project's printf-like wrappers */
    unsigned facts; /* MM_FACT_*: what its checks read of its callees' arguments */
    unsigned index; /* position in the rule set */
} mm_rule;

/* Loads one rule file's text, compiling its `match` with the kind find() names (the list of
 * kinds is core's, core/kinds.c). Errors name the file, line and column of the bad field. */
int mm_rule_load(const char *source, const char *text, size_t len, bool builtin,
                 const mm_matcher_kind *(*find)(const char *kind), mm_rule **out, mm_err *err);
void mm_rule_free(mm_rule *r);

/* Adds a trigger to a rule (matcher compile functions call this). */
void mm_rule_add_trigger(mm_rule *r, const char *regex, bool caseless);
const char *mm_rule_replacement(const mm_rule *r, const char *libc);

/* The built-in rule files, compiled into the binary by the build (rules_builtin.c). */
typedef struct mm_builtin_rule {
    const char *path;
    const char *text;
    size_t len;
} mm_builtin_rule;
extern const mm_builtin_rule mm_builtin_rules[];
extern const size_t mm_builtin_rules_count;

#endif
