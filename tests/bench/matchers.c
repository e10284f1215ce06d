/* matchers.c: measures the candidate multi-pattern matchers for mamori's prefilter on the same
 * triggers and the same bytes: one vectorscan block-mode database, PCRE2 (JIT) with all
 * triggers as one alternation, and PCRE2 (JIT) pattern by pattern. DESIGN.md asks to choose the
 * prefilter library by measurement; this program is that measurement.
 *
 * usage: mamori-bench-matchers [-b] [-r RUNS] [-e ENGINES] TRIGGERS FILELIST
 *   TRIGGERS  one regex per line, as `mamori rules triggers` prints them ("(?i)" prefix =
 *             caseless); empty lines are ignored
 *   FILELIST  one path per line ("-" = stdin); files over 4 MiB or with a NUL byte in their
 *             first 8 KiB are skipped, as mamori's prefilter skips them
 *   RUNS      timed passes per engine over all files, the median is reported (default 5)
 *   ENGINES   comma-separated subset of hs,pcre2-alt,pcre2-alt0,pcre2-each (default all)
 *   -b        also list each trigger's breadth: files and matches it sends to the front ends
 *
 * All files are read into memory first, so the numbers are matching only (one thread, no I/O);
 * times are the thread's CPU time.
 * "files" counts files with at least one hit; "pairs" counts (file, trigger) pairs with a hit,
 * which is what the prefilter decides and must be the same for every engine that can tell
 * triggers apart; "matches" is each engine's own count (vectorscan reports every match end,
 * PCRE2 leftmost non-overlapping matches), so it differs by design. */
#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <hs.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { MAX_FILE = 4 << 20, RUNS_MAX = 101 };

typedef struct pattern {
    char *regex; /* without the (?i) prefix */
    bool caseless;
} pattern;

typedef struct file {
    char *path;
    char *data;
    size_t len;
} file;

typedef struct result {
    uint64_t matches; /* engine-specific count */
    size_t files;     /* files with a hit */
    size_t pairs;     /* (file, pattern) pairs with a hit; 0 when the engine cannot tell */
} result;

static pattern *pats;
static size_t npats;
static file *files;
static size_t nfiles;
static size_t total_bytes;
static uint8_t *pair_hit; /* nfiles * npats, filled by the engine being run */

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(3);
    }
    return p;
}

/* CPU time of this (only) thread: a busy machine slows a run down less than it stretches the
 * wall clock */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static FILE *open_list(const char *path)
{
    if (!strcmp(path, "-"))
        return stdin;
    FILE *fp = fopen(path, "r");
    if (!fp) {
        fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
        exit(2);
    }
    return fp;
}

static void load_triggers(const char *path)
{
    FILE *fp = open_list(path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) > 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (!n)
            continue;
        pats = xrealloc(pats, (npats + 1) * sizeof *pats);
        bool ci = !strncmp(line, "(?i)", 4);
        pats[npats].caseless = ci;
        pats[npats].regex = strdup(line + (ci ? 4 : 0));
        npats++;
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
}

static bool read_whole(const char *path, char **out, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > MAX_FILE + 1)
                cap = MAX_FILE + 1;
            buf = xrealloc(buf, cap);
        }
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (r == 0 || n > MAX_FILE)
            break;
    }
    fclose(fp);
    if (n > MAX_FILE) {
        free(buf);
        return false;
    }
    *out = buf;
    *len = n;
    return true;
}

static void load_files(const char *path)
{
    FILE *fp = open_list(path);
    char *line = NULL;
    size_t cap = 0, skipped = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) > 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (!n)
            continue;
        char *data;
        size_t len;
        if (!read_whole(line, &data, &len) || memchr(data, 0, len < 8192 ? len : 8192)) {
            skipped++;
            continue;
        }
        files = xrealloc(files, (nfiles + 1) * sizeof *files);
        files[nfiles++] = (file){strdup(line), data, len};
        total_bytes += len;
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
    if (skipped)
        fprintf(stderr, "note: %zu files skipped (unreadable, over 4 MiB or binary)\n", skipped);
}

static size_t count_pairs(void)
{
    size_t k = 0;
    for (size_t i = 0; i < nfiles * npats; i++)
        k += pair_hit[i];
    return k;
}

/* --- vectorscan ---------------------------------------------------------------------------- */

static hs_database_t *hs_db;
static hs_scratch_t *hs_scr;

typedef struct hs_ctx {
    uint64_t matches;
    uint8_t *row; /* pair_hit row of the current file */
} hs_ctx;

static int hs_on_match(unsigned id, unsigned long long from, unsigned long long to,
                       unsigned flags, void *arg)
{
    (void)from, (void)to, (void)flags;
    hs_ctx *c = arg;
    c->matches++;
    c->row[id] = 1;
    return 0;
}

static double hs_setup(void)
{
    const char **ex = xrealloc(NULL, npats * sizeof *ex);
    unsigned *fl = xrealloc(NULL, npats * sizeof *fl);
    unsigned *ids = xrealloc(NULL, npats * sizeof *ids);
    for (size_t i = 0; i < npats; i++) {
        ex[i] = pats[i].regex;
        /* the flags mamori's ruleset.c uses */
        fl[i] = HS_FLAG_ALLOWEMPTY | (pats[i].caseless ? HS_FLAG_CASELESS : 0);
        ids[i] = (unsigned)i;
    }
    hs_compile_error_t *err = NULL;
    double t0 = now();
    if (hs_compile_multi(ex, fl, ids, (unsigned)npats, HS_MODE_BLOCK, NULL, &hs_db, &err) !=
        HS_SUCCESS) {
        fprintf(stderr, "vectorscan: pattern %d: %s\n", err ? err->expression : -1,
                err ? err->message : "?");
        exit(2);
    }
    double t = now() - t0;
    if (hs_alloc_scratch(hs_db, &hs_scr) != HS_SUCCESS) {
        fprintf(stderr, "vectorscan: cannot allocate scratch\n");
        exit(3);
    }
    free(ex);
    free(fl);
    free(ids);
    return t;
}

static result hs_run(void)
{
    result r = {0};
    for (size_t f = 0; f < nfiles; f++) {
        hs_ctx c = {0, pair_hit + f * npats};
        hs_scan(hs_db, files[f].data, (unsigned)files[f].len, 0, hs_scr, hs_on_match, &c);
        r.matches += c.matches;
        r.files += c.matches > 0;
    }
    r.pairs = count_pairs();
    return r;
}

/* Trigger breadth: for each trigger, the files and matches it brings to the front ends, widest
 * first. One untimed vectorscan pass. A trigger that hits many files makes tree-sitter parse
 * them (the expensive stage), so this is the list to read when a rule pack lands. */
typedef struct breadth {
    uint64_t matches;
    size_t files;
    size_t idx;
} breadth;

static int on_breadth(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
                      void *arg)
{
    (void)from, (void)to, (void)flags;
    uint32_t *count = arg;
    count[id]++;
    return 0;
}

static int cmp_breadth(const void *a, const void *b)
{
    const breadth *x = a, *y = b;
    if (x->files != y->files)
        return x->files < y->files ? 1 : -1;
    return x->matches < y->matches ? 1 : x->matches > y->matches ? -1 : 0;
}

static void print_breadth(void)
{
    if (!hs_db)
        hs_setup();
    breadth *b = xrealloc(NULL, npats * sizeof *b);
    memset(b, 0, npats * sizeof *b);
    uint32_t *count = xrealloc(NULL, npats * sizeof *count);
    for (size_t f = 0; f < nfiles; f++) {
        memset(count, 0, npats * sizeof *count);
        hs_scan(hs_db, files[f].data, (unsigned)files[f].len, 0, hs_scr, on_breadth, count);
        for (size_t i = 0; i < npats; i++) {
            b[i].files += count[i] > 0;
            b[i].matches += count[i];
        }
    }
    for (size_t i = 0; i < npats; i++)
        b[i].idx = i;
    qsort(b, npats, sizeof *b, cmp_breadth);
    printf("\ntrigger breadth (what each trigger sends to the front ends; widest first):\n");
    printf("%8s %7s %10s  %s\n", "files", "share", "matches", "trigger");
    for (size_t i = 0; i < npats; i++)
        printf("%8zu %6.2f%% %10llu  %s%.100s\n", b[i].files,
               100.0 * (double)b[i].files / (double)nfiles, (unsigned long long)b[i].matches,
               pats[b[i].idx].caseless ? "(?i)" : "", pats[b[i].idx].regex);
    free(count);
    free(b);
}

/* --- PCRE2 --------------------------------------------------------------------------------- */

static pcre2_code *alt_code, *alt0_code;
static pcre2_code **each_code;
static pcre2_match_data *md;
static pcre2_match_context *mctx;
static pcre2_jit_stack *jstack;

static pcre2_code *pcre_compile_jit(const char *re)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, 0, &ec, &eo, NULL);
    if (!c) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        fprintf(stderr, "pcre2: /%s/ at %zu: %s\n", re, (size_t)eo, msg);
        exit(2);
    }
    if (pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
        fprintf(stderr, "pcre2: JIT is not available for /%s/\n", re);
        exit(2);
    }
    return c;
}

static void pcre_common(void)
{
    if (md)
        return;
    md = pcre2_match_data_create(64, NULL);
    mctx = pcre2_match_context_create(NULL);
    jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    pcre2_jit_stack_assign(mctx, NULL, jstack);
}

/* (?:(*MARK:i)(?i)p) per trigger: the mark tells which trigger matched, as the prefilter must
 * know; (?i) inside the group applies to that alternative only. Without marks the pattern is
 * an upper bound on PCRE2's speed that cannot tell the rules apart. */
static pcre2_code *alt_compile(bool marks, double *secs)
{
    pcre_common();
    size_t len = 1;
    for (size_t i = 0; i < npats; i++)
        len += strlen(pats[i].regex) + 40;
    char *re = xrealloc(NULL, len);
    char *p = re;
    for (size_t i = 0; i < npats; i++) {
        p += sprintf(p, "%s(?:", i ? "|" : "");
        if (marks)
            p += sprintf(p, "(*MARK:%zu)", i);
        p += sprintf(p, "%s%s)", pats[i].caseless ? "(?i)" : "", pats[i].regex);
    }
    double t0 = now();
    pcre2_code *c = pcre_compile_jit(re);
    *secs = now() - t0;
    free(re);
    return c;
}

static double alt_setup(void)
{
    double t;
    alt_code = alt_compile(true, &t);
    return t;
}

static double alt0_setup(void)
{
    double t;
    alt0_code = alt_compile(false, &t);
    return t;
}

/* All non-overlapping leftmost matches of code in one file; returns their number. */
static uint64_t pcre_loop(pcre2_code *code, const file *fl, uint8_t *row, bool by_mark)
{
    uint64_t n = 0;
    PCRE2_SIZE at = 0;
    while (at <= fl->len) {
        int rc = pcre2_jit_match(code, (PCRE2_SPTR)fl->data, fl->len, at, 0, md, mctx);
        if (rc < 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        n++;
        if (by_mark) {
            PCRE2_SPTR mark = pcre2_get_mark(md);
            if (mark)
                row[strtoul((const char *)mark, NULL, 10)] = 1;
        } else if (row) {
            row[0] = 1;
        }
        at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    return n;
}

static result alt_run(void)
{
    result r = {0};
    for (size_t f = 0; f < nfiles; f++) {
        uint64_t m = pcre_loop(alt_code, &files[f], pair_hit + f * npats, true);
        r.matches += m;
        r.files += m > 0;
    }
    /* leftmost-first alternation hides a trigger that matches where an earlier one already
     * did, so its pairs are a lower bound, reported but not required to agree */
    r.pairs = count_pairs();
    return r;
}

static result alt0_run(void)
{
    result r = {0};
    for (size_t f = 0; f < nfiles; f++) {
        uint64_t m = pcre_loop(alt0_code, &files[f], NULL, false);
        r.matches += m;
        r.files += m > 0;
    }
    return r; /* pairs: unknown */
}

static double each_setup(void)
{
    pcre_common();
    each_code = xrealloc(NULL, npats * sizeof *each_code);
    double t0 = now();
    for (size_t i = 0; i < npats; i++) {
        size_t n = strlen(pats[i].regex) + 8;
        char *re = xrealloc(NULL, n);
        snprintf(re, n, "%s%s", pats[i].caseless ? "(?i)" : "", pats[i].regex);
        each_code[i] = pcre_compile_jit(re);
        free(re);
    }
    return now() - t0;
}

static result each_run(void)
{
    result r = {0};
    for (size_t f = 0; f < nfiles; f++) {
        uint64_t m = 0;
        for (size_t i = 0; i < npats; i++) {
            uint64_t k = pcre_loop(each_code[i], &files[f], NULL, false);
            if (k)
                pair_hit[f * npats + i] = 1;
            m += k;
        }
        r.matches += m;
        r.files += m > 0;
    }
    r.pairs = count_pairs();
    return r;
}

/* --- driver -------------------------------------------------------------------------------- */

typedef struct engine {
    const char *name;
    const char *what;
    double (*setup)(void);
    result (*run)(void);
    bool exact_pairs; /* its pairs must agree with every other exact engine */
    bool no_pairs;    /* cannot tell triggers apart */
} engine;

static const engine engines[] = {
    {"hs", "vectorscan, one HS_MODE_BLOCK database", hs_setup, hs_run, true},
    {"pcre2-alt", "PCRE2 JIT, one alternation with (*MARK)s", alt_setup, alt_run, false},
    {"pcre2-alt0", "PCRE2 JIT, one alternation, no marks (cannot tell triggers apart)",
     alt0_setup, alt0_run, false, true},
    {"pcre2-each", "PCRE2 JIT, one pattern after another", each_setup, each_run, true},
};

static int usage(const char *argv0)
{
    fprintf(stderr, "usage: %s [-b] [-r RUNS] [-e hs,pcre2-alt,pcre2-alt0,pcre2-each] TRIGGERS FILELIST\n",
            argv0);
    return 2;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int runs = 5;
    bool breadth_list = false;
    const char *only = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "r:e:bh")) != -1) {
        if (opt == 'b')
            breadth_list = true;
        else if (opt == 'r')
            runs = atoi(optarg);
        else if (opt == 'e')
            only = optarg;
        else
            return usage(argv[0]);
    }
    if (argc - optind != 2 || runs < 1 || runs > RUNS_MAX)
        return usage(argv[0]);
    load_triggers(argv[optind]);
    load_files(argv[optind + 1]);
    if (!npats || !nfiles) {
        fprintf(stderr, "no triggers or no files\n");
        return 2;
    }
    pair_hit = xrealloc(NULL, nfiles * npats);
    size_t ncaseless = 0;
    for (size_t i = 0; i < npats; i++)
        ncaseless += pats[i].caseless;
    printf("triggers: %zu (%zu caseless)\n", npats, ncaseless);
    printf("files:    %zu, %.1f MB in memory; %d timed passes per engine, median shown\n\n",
           nfiles, (double)total_bytes / 1e6, runs);
    printf("%-11s %10s %9s %9s %12s %8s %9s  %s\n", "engine", "compile", "median", "MB/s",
           "matches", "files", "pairs", "what");

    size_t ref_pairs = 0;
    uint8_t *ref = NULL;
    int rc = 0;
    for (size_t e = 0; e < sizeof engines / sizeof *engines; e++) {
        const engine *en = &engines[e];
        if (only) {
            char *list = strdup(only), *save = NULL;
            bool want = false;
            for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
                want |= !strcmp(t, en->name);
            free(list);
            if (!want)
                continue;
        }
        double ct = en->setup();
        double times[RUNS_MAX];
        result r = {0};
        for (int k = 0; k < runs; k++) {
            memset(pair_hit, 0, nfiles * npats);
            double t0 = now();
            r = en->run();
            times[k] = now() - t0;
        }
        qsort(times, (size_t)runs, sizeof *times, cmp_double);
        double med = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        char pairs[32] = "-";
        if (!en->no_pairs)
            snprintf(pairs, sizeof pairs, "%zu", r.pairs);
        printf("%-11s %8.1fms %8.3fs %9.1f %12llu %8zu %9s  %s\n", en->name, ct * 1e3, med,
               (double)total_bytes / 1e6 / med, (unsigned long long)r.matches, r.files, pairs,
               en->what);
        if (en->exact_pairs) {
            if (!ref) {
                ref = xrealloc(NULL, nfiles * npats);
                memcpy(ref, pair_hit, nfiles * npats);
                ref_pairs = r.pairs;
            } else if (memcmp(ref, pair_hit, nfiles * npats)) {
                size_t shown = 0;
                for (size_t i = 0; i < nfiles * npats && shown < 10; i++) {
                    if (ref[i] != pair_hit[i]) {
                        fprintf(stderr, "  disagree: %s trigger %zu /%s/: %s\n",
                                files[i / npats].path, i % npats, pats[i % npats].regex,
                                ref[i] ? "only the first exact engine" : "only this engine");
                        shown++;
                    }
                }
                fprintf(stderr, "warning: %s found %zu (file, trigger) pairs, the first exact "
                                "engine %zu\n", en->name, r.pairs, ref_pairs);
                rc = 1;
            }
        }
    }
    free(ref);
    if (breadth_list)
        print_breadth();
    return rc;
}
