/* fuzz.h: what the libFuzzer targets of tests/fuzz share — the built-in rule set compiled once,
 * one in-process scan worker, and the "path line, then content" input format of the targets that
 * feed a file to the per-file pipeline (classify, prefilter, front ends, matchers, snippets). */
#ifndef MM_FUZZ_H
#define MM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The scan every target shares: the built-in rules, compiled on first use (aborts if they do
 * not load: a fuzzer without its rules would test nothing). */
mm_scan *fz_scan(void);
mm_worker *fz_worker(void);

/* Splits an input into a path (its first line, at most 255 bytes, dflt when empty) and the
 * bytes after it, copied NUL-terminated into exactly len + 1 bytes of heap (so that ASan sees
 * any read past the end); the caller frees *text. */
void fz_split(const uint8_t *data, size_t size, const char *dflt, char path[256], char **text,
              size_t *len);

/* path when ok(path), else one of names (chosen by len): a target whose front end reads files by
 * name keeps the fuzzer on them. */
const char *fz_pick(const char *path, bool (*ok)(const char *path), const char *const *names,
                    size_t n, size_t len);

/* Checks a span of a file: inside it and in order. */
void fz_check_span(const char *what, uint32_t start, uint32_t end, size_t len);

/* Runs path/text through the whole per-file pipeline (mm_scan_file) with the built-in rules;
 * check (may be NULL) sees the file before its results are taken; the results are then handed
 * to mm_scan_merge of a fresh scan when merge is set (project analyzers, resolve), and freed. */
void fz_scan_file(const char *path, const char *text, size_t len, bool merge,
                  void (*check)(mm_file *f, void *arg), void *arg);

/* Aborts with a message on stderr (libFuzzer reports the input). */
void fz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
