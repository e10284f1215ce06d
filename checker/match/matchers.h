/* matchers.h: the matcher kinds and the pieces they share — regular expressions, value filters
 * for literal values, named checks over call facts, and name normalisation. */
#ifndef MM_MATCHERS_H
#define MM_MATCHERS_H

#include "model/file.h"

/* --- matcher kinds (one file each: match_<kind>.c) ----------------------------------------- */
int mm_match_call_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_call_run(const mm_rule *rule, mm_file *f);
void mm_match_call_free(void *m);
int mm_match_literal_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_literal_run(const mm_rule *rule, mm_file *f);
void mm_match_literal_free(void *m);
int mm_match_pattern_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_pattern_run(const mm_rule *rule, mm_file *f);
void mm_match_pattern_free(void *m);
int mm_match_file_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_file_run(const mm_rule *rule, mm_file *f);
void mm_match_file_free(void *m);
int mm_match_config_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_config_run(const mm_rule *rule, mm_file *f);
void mm_match_config_free(void *m);
int mm_match_devicetree_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_devicetree_run(const mm_rule *rule, mm_file *f);
void mm_match_devicetree_free(void *m);
int mm_match_record_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_record_run(const mm_rule *rule, mm_file *f);
void mm_match_record_free(void *m);
int mm_match_command_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_command_run(const mm_rule *rule, mm_file *f);
void mm_match_command_free(void *m);
int mm_match_uci_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_uci_run(const mm_rule *rule, mm_file *f);
void mm_match_uci_free(void *m);
int mm_match_initializer_compile(mm_compile_ctx *cx, const cJSON *match);
void mm_match_initializer_run(const mm_rule *rule, mm_file *f);
void mm_match_initializer_free(void *m);

/* --- regular expressions (PCRE2, JIT-compiled, UTF-8 not assumed) -------------------------- */
typedef struct mm_regex mm_regex;
mm_regex *mm_regex_compile(const char *pattern, bool caseless, char *errbuf, size_t errlen);
/* Finds the first match at or after start; fills ovector pairs (group 0 = whole match). */
bool mm_regex_find(const mm_regex *re, const char *s, size_t len, size_t start, size_t *ov,
                   int nov);
bool mm_regex_test(const mm_regex *re, const char *s, size_t len);
void mm_regex_free(mm_regex *re);

/* Compiles field `key` of obj (a regex string or a list of them, joined as alternatives). */
int mm_json_regex(mm_compile_ctx *cx, const cJSON *obj, const char *key, bool caseless,
                  mm_regex **out);
/* Adds the prefilter triggers of field `key` (a regex or a non-empty list of them) to the rule;
 * returns how many (0 when the field is absent), or -1 with cx->err. */
int mm_json_triggers(mm_compile_ctx *cx, const cJSON *obj, const char *key, bool caseless);
/* The triggers of a matcher that reads every line of a text file (record, uci, command): it
 * needs "trigger" unless the rule names its "files"; `missing` is the error when it has
 * neither. 0, or -1 with cx->err. */
int mm_json_line_triggers(mm_compile_ctx *cx, const cJSON *match, const char *missing);
/* Emits a finding at `at` with the message variables name and detail and nothing else. */
void mm_emit_named(mm_file *f, const mm_rule *rule, mm_span at, const char *name,
                   const char *detail);

/* --- names ----------------------------------------------------------------------------------
 * Context names are compared in a normal form: camelCase split with '_', lower case, every
 * other character '_' ("wifiConfig.sta.Password" -> "wifi_config_sta_password"). */
void mm_name_norm(char *out, size_t cap, const char *in);

/* --- key material: does a value have the shape of a secret key ------------------------------
 * A value is key material when it is a DER or PEM private key, or when its bytes, decoded from
 * hex ("2b7e1516...", also with ':' or blanks between the pairs) or base64, or taken as they are
 * when they are binary (an escaped string "\xcd\x67...", a byte array), or as text when the
 * caller allows it, have one of the key sizes and are not a trivial pattern (one byte repeated
 * in most places, a counting sequence 00 01 02..., a short period, too few distinct bytes). */
typedef enum {
    MM_KEY_NONE = 0,
    MM_KEY_HEX,
    MM_KEY_BASE64,
    MM_KEY_BINARY, /* binary bytes of a string or a byte array */
    MM_KEY_TEXT,   /* printable text used as the key bytes */
    MM_KEY_DER,    /* a DER private key (PKCS#1, PKCS#8, SEC1) */
    MM_KEY_PEM,    /* a PEM private key with its body */
} mm_key_shape;

/* sizes: accepted key sizes in bytes (0-terminated; NULL: 16, 24, 32, 48, 64). text: printable
 * text counts as the key bytes themselves. Returns the shape and the key's size in bytes. */
mm_key_shape mm_key_material(const char *v, size_t n, const unsigned *sizes, bool text,
                             size_t *bytes);
const char *mm_key_shape_name(mm_key_shape s); /* "hex", "base64", ... */

/* --- value filters: when is a string literal a real value and not a placeholder ------------- */
typedef struct mm_valfilter {
    double min_len, max_len, min_entropy;
    int key_material; /* -1: not asked; 0: reject encoded or binary key material (hex, base64,
                         binary, DER, PEM: another rule reports it); 1: require it */
    mm_regex *placeholder; /* values that stand for "put yours here" */
    mm_regex *exclude;     /* values that are not secrets (prompts, formats, paths) */
    mm_regex *require;     /* when set, the value must match */
    MM_VEC(char *) allow_sha256; /* hashes of known public test material */
    MM_VEC(char *) allow;        /* exact values that are public (documentation examples) */
} mm_valfilter;

int mm_valfilter_compile(mm_compile_ctx *cx, const cJSON *obj, mm_valfilter *vf);
/* True when the value is worth a finding. */
bool mm_valfilter_pass(const mm_valfilter *vf, const char *v, size_t n);
void mm_valfilter_free(mm_valfilter *vf);

/* --- call checks: named conditions over one call fact (checks.c holds the list) -------------- */
typedef struct mm_callee {
    char *name;     /* function or method name */
    char *object;   /* member calls: required object text; NULL = plain call */
    bool any_object;/* "*.method" */
    char *scope;    /* "Scope::name": a qualified call in that scope (a C++ static method) */
    int nargs;      /* "name/3": exactly 3 arguments; -1 = any number */
    bool nargs_min; /* "name/3+": 3 or more */
    int format_arg, dest_arg, src_arg, arg; /* -1 when not given */
    int size_arg;
    bool append;    /* "append": true: the call adds src to what dest holds (strcat) */
} mm_callee;

typedef struct mm_check_def mm_check_def;
typedef struct mm_check {
    const mm_check_def *def;
    bool negate;
    int arg;           /* -1: from the callee's parameter the check names */
    mm_regex *regex;
    MM_VEC(char *) values;
    mm_valfilter vf;
    bool has_vf;
} mm_check;

typedef struct mm_check_env {
    mm_file *file;
    const mm_call *call;
    const mm_callee *callee;
    /* out: text for the message's {detail} */
    const char *detail;
    /* out: a secret literal the check found (credential calls) */
    const mm_arg *secret_arg;
    /* out: why a size check judged as it did ("source length unknown, destination 32
     * (char buf[32])"), the message's {why} */
    const char *why;
    void *sizing; /* what the size checks put together (checks.c), once per call and callee */
} mm_check_env;

int mm_check_compile(mm_compile_ctx *cx, const cJSON *obj, mm_check *out);
/* Validates that the callee provides what the check needs (e.g. a format_arg). */
int mm_check_fits_callee(mm_compile_ctx *cx, const cJSON *where, const mm_check *c,
                         const mm_callee *callee);
bool mm_check_eval(const mm_check *c, mm_check_env *env);
/* What the check reads of the arguments beyond their text (MM_FACT_* of model/rule.h). */
unsigned mm_check_facts(const mm_check *c);
void mm_check_free(mm_check *c);

/* Checks a list `key` of checks; all must hold. */
typedef MM_VEC(mm_check) mm_check_list;
int mm_check_list_compile(mm_compile_ctx *cx, const cJSON *obj, const char *key,
                          mm_check_list *out);
bool mm_check_list_eval(const mm_check_list *l, mm_check_env *env);
/* Every check of l reads only the call's own text (its arguments, its callee): true for the
 * credential checks, false for those that read the enclosing function, the file or types. */
bool mm_check_list_local(const mm_check_list *l);
/* A list that holds `fits` negated: its rule reports a write only when the text does not fit.
 * Then, after it held for env: is the text a number of characters plus strings that calls
 * without arguments return ("%s" of CFG_GetDeviceName()), into a room of a known number of
 * bytes? *calls gets the callees ("F\nG", in the file's arena), *k and *room the numbers: the
 * scan drops the finding when the project's definitions of those functions bound them. */
bool mm_check_fits_pending(const mm_check_list *l, mm_check_env *env, const char **calls,
                           int64_t *k, int64_t *room);
void mm_check_list_free(mm_check_list *l);

/* --- pattern checks (named content checks after a regex hit) ---------------------------------- */
/* PEM private key: from the end of a BEGIN marker, is there a base64 body? Appends the body's
 * base64 characters to out and sets where it ends (after the END marker when there is one). */
bool mm_pem_body(const char *s, size_t len, size_t from, size_t *body_end, mm_buf *out);

/* DER structures of private keys and PKCS#12 containers (binary key files). */
bool mm_der_is_private_key(const uint8_t *p, size_t n);
bool mm_der_is_pkcs12(const uint8_t *p, size_t n);

#endif
