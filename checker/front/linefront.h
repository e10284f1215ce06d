/* linefront.h: front ends for the line formats of an embedded Linux root filesystem, and the
 * facts they make: colon-separated records (passwd, shadow, group), the commands that init
 * scripts, inittab and systemd units run, and OpenWrt UCI configuration. Each runs only on
 * files where a rule that reads its facts may fire. All strings live in the file's arena. */
#ifndef MM_LINEFRONT_H
#define MM_LINEFRONT_H

#include "model/file.h"

/* One line of a colon-separated file that is neither blank nor a `#` comment. */
typedef struct mm_record {
    unsigned line;     /* 1-based */
    mm_span span;      /* the line, without its line end */
    mm_span *fields;   /* split at every ':' (a matcher joins the tail for a last field) */
    uint32_t nfields;
} mm_record;

/* One simple command a script, inittab or unit runs, after its wrappers: `exec`, `nohup`,
 * `env`, `busybox APPLET`, `start-stop-daemon --start --exec PROG -- ARGS`, procd's
 * `procd_set_param command PROG ARGS`. Variables assigned earlier in the file with a plain
 * value are substituted where a word is only that variable. */
typedef struct mm_command {
    const char *program; /* base name: "telnetd" for /usr/sbin/telnetd; "" when unknown */
    const char **argv;   /* the words after it, unquoted */
    uint32_t argc;
    const char *args;    /* argv joined with single spaces */
    mm_span span;        /* the command as written, wrappers included */
    bool conditional;    /* after && or ||: another command decides whether it runs */
} mm_command;

typedef struct mm_uci_option {
    const char *name, *value;
    mm_span span;
    bool list;           /* `list name 'value'` rather than `option` */
} mm_uci_option;

typedef struct mm_uci_section {
    const char *type, *name; /* `config dropbear 'main'`: "dropbear", "main" ("" if unnamed) */
    mm_span span;            /* the `config` line */
    mm_uci_option *opts;
    uint32_t nopts;
} mm_uci_section;

typedef struct mm_linefacts {
    mm_record *records;
    uint32_t nrecords;
    bool has_records;
    mm_command *commands;
    uint32_t ncommands;
    bool has_commands;
    mm_uci_section *sections;
    uint32_t nsections;
    bool has_uci;
} mm_linefacts;

void mm_records_run(mm_file *f);
void mm_commands_run(mm_file *f);
void mm_uci_run(mm_file *f);

/* Which dialect commands are read in, by the file's path: inittab's process field, a systemd
 * unit's Exec*= lines, or shell. */
typedef enum { MM_CMD_SHELL, MM_CMD_INITTAB, MM_CMD_SYSTEMD } mm_cmd_dialect;
mm_cmd_dialect mm_cmd_dialect_of(const char *path);

/* Parses text in a dialect into commands allocated in arena (the unit tests' entry). */
mm_command *mm_commands_parse(mm_arena *a, const char *data, size_t len, mm_cmd_dialect d,
                              uint32_t *n);

#endif
