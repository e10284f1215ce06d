/* driver.h: asking a cross compiler for its own include directories, when the user allows that
 * compiler (--query-driver GLOB, as clangd's flag). The deep tier otherwise knows only what the
 * command names; a cross gcc adds its newlib and its own headers without naming them. A driver
 * is run only when its path matches an allowed glob and lies outside the scanned tree (nothing
 * the repository contains is ever run), with fixed arguments, no shell, no input, a minimal
 * environment and a time limit; its answer is remembered per driver and flags, in the user's cache too. */
#ifndef MM_DRIVER_H
#define MM_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct mm_driver_memo mm_driver_memo;

/* answers_dir: where answers are kept between runs (the user's cache), keyed by the driver's
 * path, size and modification time, the language and the flags; NULL: this run only. */
mm_driver_memo *mm_driver_memo_new(const char *const *globs, size_t nglobs, const char *root,
                                   const char *answers_dir);
void mm_driver_memo_free(mm_driver_memo *m);

/* The include directories of the compiler argv[0] of a command run in dir, for the language
 * (cpp: C++), as the driver prints them for its -E -v with the command's target flags (-m*,
 * --sysroot, -specs=, --target, -std=, -nostdinc); NULL with *n = 0 when the driver is not
 * allowed, or did not answer. Borrowed from the memo. */
char *const *mm_driver_includes(mm_driver_memo *m, const char *const *argv, size_t argc,
                                const char *dir, bool cpp, size_t *n);

/* What the memo did, for the deep-tier note: "asked /usr/bin/arm-none-eabi-gcc (--query-driver)
 * for its include directories: 4", a refusal or a failure; NULL when no driver was asked. */
const char *mm_driver_note(const mm_driver_memo *m);

#endif
