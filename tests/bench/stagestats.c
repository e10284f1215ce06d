/* stagestats.c: an LD_PRELOAD shim that counts what a `mamori scan` hands to its two expensive
 * libraries — bytes prefiltered by vectorscan (hs_scan) and bytes parsed by tree-sitter
 * (ts_parser_parse_string) — with the time spent in each, without changing the engine. Both
 * libraries are shared objects, so their entry points can be interposed; mamori's own stages
 * (chunking, facts, matchers) are in the perf profile instead (tests/bench/profile.sh).
 *
 *   LD_PRELOAD=build/tests/bench/libmamori-stagestats.so build/mamori scan ...
 *
 * The totals go to stderr at exit, or to the file $MAMORI_STAGESTATS when set, as key=value
 * lines. Times are CPU seconds of the calling threads, summed over all workers. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct hs_database hs_database_t;
typedef struct hs_scratch hs_scratch_t;
typedef int (*match_event_handler)(unsigned, unsigned long long, unsigned long long, unsigned,
                                   void *);

static atomic_uint_fast64_t hs_calls, hs_bytes, hs_ns;
static atomic_uint_fast64_t ts_calls, ts_bytes, ts_ns, ts_files, ts_whole, ts_whole_bytes;
static atomic_uint_fast64_t scan_seq;
static _Thread_local uint64_t my_file;   /* sequence number of this thread's current file */
static _Thread_local uint64_t my_parsed; /* the last file this thread parsed something of */
static _Thread_local uint64_t my_len;    /* length of the current file */

static uint64_t now_ns(void)
{
    struct timespec ts;
    /* CPU time of the calling thread: other load on the machine does not inflate it */
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void *next_sym(const char *name)
{
    void *p = dlsym(RTLD_NEXT, name);
    if (!p) {
        fprintf(stderr, "stagestats: %s not found\n", name);
        abort();
    }
    return p;
}

int hs_scan(const hs_database_t *db, const char *data, unsigned length, unsigned flags,
            hs_scratch_t *scratch, match_event_handler onEvent, void *context);
int hs_scan(const hs_database_t *db, const char *data, unsigned length, unsigned flags,
            hs_scratch_t *scratch, match_event_handler onEvent, void *context)
{
    static int (*real)(const hs_database_t *, const char *, unsigned, unsigned, hs_scratch_t *,
                       match_event_handler, void *);
    if (!real)
        *(void **)&real = next_sym("hs_scan");
    my_file = atomic_fetch_add(&scan_seq, 1) + 1;
    my_len = length;
    uint64_t t0 = now_ns();
    int rc = real(db, data, length, flags, scratch, onEvent, context);
    atomic_fetch_add(&hs_ns, now_ns() - t0);
    atomic_fetch_add(&hs_calls, 1);
    atomic_fetch_add(&hs_bytes, length);
    return rc;
}

TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string,
                               uint32_t length);
TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string,
                               uint32_t length)
{
    static TSTree *(*real)(TSParser *, const TSTree *, const char *, uint32_t);
    if (!real)
        *(void **)&real = next_sym("ts_parser_parse_string");
    if (my_file && my_parsed != my_file) {
        my_parsed = my_file;
        atomic_fetch_add(&ts_files, 1);
    }
    uint64_t t0 = now_ns();
    TSTree *t = real(self, old_tree, string, length);
    atomic_fetch_add(&ts_ns, now_ns() - t0);
    atomic_fetch_add(&ts_calls, 1);
    atomic_fetch_add(&ts_bytes, length);
    if (length == my_len) { /* the chunker gave up (unbalanced braces): the whole file */
        atomic_fetch_add(&ts_whole, 1);
        atomic_fetch_add(&ts_whole_bytes, length);
    }
    return t;
}

__attribute__((destructor)) static void report(void)
{
    if (!hs_calls && !ts_calls)
        return; /* a wrapper process (time, taskset before exec) must not overwrite the file */
    const char *path = getenv("MAMORI_STAGESTATS");
    FILE *out = path ? fopen(path, "w") : stderr;
    if (!out)
        return;
    fprintf(out,
            "prefilter_files=%llu\nprefilter_bytes=%llu\nprefilter_cpu_seconds=%.3f\n"
            "parsed_files=%llu\nparse_calls=%llu\nparsed_bytes=%llu\nparse_cpu_seconds=%.3f\n"
            "whole_file_parses=%llu\nwhole_file_bytes=%llu\n",
            (unsigned long long)hs_calls, (unsigned long long)hs_bytes, (double)hs_ns / 1e9,
            (unsigned long long)ts_files, (unsigned long long)ts_calls,
            (unsigned long long)ts_bytes, (double)ts_ns / 1e9, (unsigned long long)ts_whole,
            (unsigned long long)ts_whole_bytes);
    if (out != stderr)
        fclose(out);
}
