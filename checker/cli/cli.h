/* cli.h: what the command files share (main.c holds the command table). */
#ifndef MM_CLI_H
#define MM_CLI_H

#include "model/scan.h"

typedef struct mm_command {
    const char *name;
    const char *what;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} mm_command;

/* "mamori: error: " and fmt (translated: base/i18n.h) on stderr; returns code. */
int mm_cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Built-in rules plus the packs in dirs. */
int mm_cli_load_rules(mm_ruleset *rs, const char *const *dirs, size_t ndirs, mm_err *err);

/* Rule titles, messages and help in the language of messages (mamori-rules catalog); the
 * English text stays where the catalog has none. mm_cli_load_rules calls it. */
void mm_cli_translate_rules(mm_ruleset *rs);

/* Runs a scan of s->opts.paths with the component rules only (the built-in ones, loaded into
 * rs) and returns its inventory, or NULL with err set. s (its opts and policy set by the
 * caller) and rs are the caller's to free. `mamori sbom` and `mamori init` (sbom.c). */
const struct mm_inventory *mm_inventory_scan(mm_scan *s, mm_ruleset *rs, mm_err *err);

/* Is there a command of that name (main.c's table)? For hints that name other commands. */
bool mm_cli_has_command(const char *name);

int mm_cmd_scan(int argc, char **argv);
int mm_cmd_report(int argc, char **argv);
int mm_cmd_rules(int argc, char **argv);
int mm_cmd_init(int argc, char **argv);
int mm_cmd_baseline(int argc, char **argv);
int mm_cmd_test(int argc, char **argv);
int mm_cmd_hook(int argc, char **argv);
int mm_cmd_sbom(int argc, char **argv);
int mm_cmd_roles(int argc, char **argv);

#endif
