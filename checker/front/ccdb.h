/* ccdb.h: a compilation database (compile_commands.json) read for the libclang deep tier
 * (cdeep.c): each entry's command translated into arguments clang takes. Nothing of the
 * database is ever run: the compiler it names only tells the target. */
#ifndef MM_CCDB_H
#define MM_CCDB_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

typedef struct mm_ccmd {
    char *file;   /* the translation unit: absolute, real path */
    char *dir;    /* the entry's directory */
    char **args;  /* arguments for clang: target, includes (absolute), macros, language */
    size_t nargs;
    char *target; /* what the compiler named: "arm-none-eabi", "xtensa", "riscv32"; NULL: host */
    char *line;   /* the arguments joined by blanks (the cache key, -v) */
    unsigned dropped; /* flags of the command clang does not take, or that do not change the
                         parse in a way the tier can follow (-mlongcalls, -specs=...) */
    char *dropped_names; /* the first few of them, comma-separated, or NULL */
} mm_ccmd;

typedef struct mm_ccdb {
    char *path;        /* the compile_commands.json read */
    mm_ccmd *cmds;     /* sorted by file; the first entry of a file is kept */
    size_t ncmds;
    size_t entries;    /* entries of the database */
    unsigned dropped;  /* flags dropped over all commands */
    char *dropped_examples; /* the first distinct ones, comma-separated, or NULL */
    char **toolchain_includes; /* directories named by --toolchain-include (-isystem) */
    size_t ntoolchain_includes;
    char *driver_note; /* what --query-driver did (front/driver.h), or NULL */
} mm_ccdb;

/* What the commands get besides their own flags. */
typedef struct mm_ccdb_opts {
    const char *const *toolchain_includes; /* --toolchain-include, policy: -isystem each */
    size_t ntoolchain_includes;
    const char *const *query_drivers; /* --query-driver globs: compilers that may be asked */
    size_t nquery_drivers;
    const char *root; /* the scanned tree: no compiler inside it is ever run */
    const char *answers_dir; /* where a compiler's answers are kept between runs, or NULL */
} mm_ccdb_opts;

/* Reads path (a compile_commands.json, or a directory holding one). Returns NULL and sets
 * *problem (malloc'd: why, with the file and position) when it cannot be used. Each command
 * gets, after its own, the include directories of its compiler when o allows asking it, then
 * o's toolchain includes, as -isystem (copied). */
mm_ccdb *mm_ccdb_load(const char *path, const mm_ccdb_opts *o, char **problem);
void mm_ccdb_free(mm_ccdb *db);
/* The command of a file (absolute, real path), or NULL. */
const mm_ccmd *mm_ccdb_find(const mm_ccdb *db, const char *abs);
/* The compilation database of a tree without -p: root/build/compile_commands.json (CMake,
 * ESP-IDF, Zephyr), root/compile_commands.json, root/.pio/build/<env>/compile_commands.json
 * (PlatformIO; the first environment by name). Malloc'd path, or NULL. */
char *mm_ccdb_discover(const char *root);

/* Translates one command (argv[0] is the compiler) run in dir into clang's arguments (exposed
 * for the unit tests). The source file itself, output and dependency flags are left out;
 * *dropped counts the flags clang would reject or that were left out for it (kept in
 * out->dropped_names). out->file is not touched. */
void mm_ccdb_translate(const char *const *argv, size_t argc, const char *dir, mm_ccmd *out);
void mm_ccmd_free(mm_ccmd *c);
/* Splits a `command` string as a POSIX shell would split words (quotes and backslashes; no
 * expansion). Malloc'd vector of malloc'd words. */
char **mm_ccdb_split(const char *cmd, size_t *n);

#endif
