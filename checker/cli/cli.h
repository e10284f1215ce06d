/* cli.h: what the command files share (main.c holds the command table). */
#ifndef MM_CLI_H
#define MM_CLI_H

#include "model/engine.h"

typedef struct mm_command {
    const char *name;
    const char *what;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} mm_command;

int mm_cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Built-in rules plus the packs in dirs. */
int mm_cli_load_rules(mm_ruleset *rs, const char *const *dirs, size_t ndirs, mm_err *err);
/* The root a scan of path would use (git work tree or directory); NULL if path is missing. */
char *mm_cli_scan_root(const char *path);

/* Is there a command of that name (main.c's table)? For hints that name other commands. */
bool mm_cli_has_command(const char *name);

int mm_cmd_rules(int argc, char **argv);
int mm_cmd_init(int argc, char **argv);
int mm_cmd_baseline(int argc, char **argv);
int mm_cmd_test(int argc, char **argv);
int mm_cmd_hook(int argc, char **argv);
int mm_cmd_sbom(int argc, char **argv);

#endif
