/* Fixture for unsafe-format-string. The rule has a hand-written trigger that skips calls whose
 * format is a literal; each tricky call shape therefore sits in a function of its own, so that
 * a trigger that missed it would leave it unparsed and fail its expectation. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

void fill(char *out);

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define GREETING "hello %s\n"
#define _(s) gettext(s)
#define N_(s) s
#define PSTR(s) (s)

int printf(const char *format, ...); /* a prototype: a trigger hit, not a call */

void plain(const char *text, int fd)
{
    // mamori-expect: unsafe-format-string@warning
    printf(text);
    // mamori-expect: unsafe-format-string
    fprintf(stderr, text);
    // mamori-expect: unsafe-format-string
    syslog(LOG_INFO, text);
    // mamori-expect: unsafe-format-string
    dprintf(fd, text);
    /* a local pointer the function gives only literals is a constant format */
    const char *fmt = "%d\n";
    // mamori-ok: unsafe-format-string
    printf(fmt, fd);
    /* ... but not when it is also given outside text */
    const char *line = "%d\n";
    if (fd > 2)
        line = text;
    // mamori-expect: unsafe-format-string
    printf(line, fd);
}

static const char usage[] = "usage: tool [-v] FILE\n";
static const char *const banner = "tool 1.0\n";
static const char *motd = "hello %s\n";

void constant_variables(const char *who, char *scratch)
{
    // mamori-ok: unsafe-format-string
    printf(usage);
    // mamori-ok: unsafe-format-string
    printf(banner);
    /* a file-scope pointer that nothing in the file assigns again */
    // mamori-ok: unsafe-format-string
    printf(motd, who);
    /* a buffer the function fills only with literals */
    char data[100] = "";
    strcpy(data, "fixedstringtest");
    // mamori-ok: unsafe-format-string
    printf(data);
    /* a buffer filled from outside */
    char input[100] = "";
    if (fgets(input, sizeof input, stdin) == NULL)
        return;
    // mamori-expect: unsafe-format-string
    printf(input);
    /* handed to a function that may write it */
    char other[100] = "";
    fill(other);
    // mamori-expect: unsafe-format-string
    printf(other);
    (void)scratch;
}

void constants(const char *name, uint32_t n, int verbose)
{
    // mamori-ok: unsafe-format-string
    printf("%s\n", name);
    // mamori-ok: unsafe-format-string
    printf("%" PRIu32 " items\n", n);
    // mamori-ok: unsafe-format-string
    printf(GREETING, name);
    // mamori-ok: unsafe-format-string
    printf(_("hello %s\n"), name);
    // mamori-ok: unsafe-format-string
    printf(N_("hello %s\n"), name);
    // mamori-ok: unsafe-format-string
    printf(PSTR("hello %s\n"), name);
    // mamori-ok: unsafe-format-string
    printf(verbose ? "%s\n" : "%.8s\n", name);
    // mamori-ok: unsafe-format-string
    fprintf(stderr,
            "%s: %u\n",
            name, (unsigned)n);
    // mamori-ok: unsafe-format-string
    printf(
        "%s\n", name);
    // mamori-ok: unsafe-format-string
    const char *doc = "printf(msg) is a format string bug";
    (void)doc;
}

void choice(const char *name, int verbose)
{
    /* one branch is data */
    // mamori-expect: unsafe-format-string
    printf(verbose ? "%s\n" : name, name);
}

void literal_offset(int skip)
{
    /* a literal moved by an offset is a pointer computed at run time */
    // mamori-expect: unsafe-format-string
    printf("%12s%12s\n" + skip, "a", "b");
}

void on_next_line(const char *msg)
{
    // mamori-expect: unsafe-format-string
    printf(
        msg);
}

void nested_first_arg(FILE **streams, const char *msg)
{
    // mamori-expect: unsafe-format-string
    fprintf(streams[MIN(0, 1)], msg);
}

void deep_first_arg(const char *msg)
{
    // mamori-expect: unsafe-format-string
    fprintf(fdopen(fileno((stderr)), "w"), msg);
}

void sized(char *buf, size_t len, const char *msg)
{
    char local[32];
    // mamori-expect: unsafe-format-string
    snprintf(local, sizeof(local), msg);
}

void sized_expr(char *buf, size_t len, const char *msg)
{
    // mamori-expect: unsafe-format-string
    snprintf(buf + strlen(buf), len - strlen(buf), msg);
}

void sized_macro(char *buf, size_t len, const char *msg)
{
    // mamori-expect: unsafe-format-string
    snprintf(buf, MIN(len, 16), msg);
}

void sized_literal(char *buf, const char *msg)
{
    // mamori-expect: unsafe-format-string
    snprintf(buf, sizeof("abcd"), msg);
}

void sized_statement_expr(char *buf, const char *msg)
{
    // mamori-expect: unsafe-format-string
    snprintf(buf, ({ int n = 8; n; }), msg);
}

void sized_multiline(char *buf, size_t len, const char *msg)
{
    // mamori-expect: unsafe-format-string
    snprintf(buf,
             len,
             msg);
}

void sized_comment(char *buf, size_t len, const char *msg)
{
    // mamori-expect: unsafe-format-string
    snprintf(buf /* ) */, len, msg);
}

void sized_char(char *buf, const char *msg)
{
    // mamori-expect: unsafe-format-string
    snprintf(buf, sizeof(')'), msg);
}

void sized_ok(char *buf, size_t len, const char *name)
{
    // mamori-ok: unsafe-format-string
    snprintf(buf, MIN(len, sizeof(int)), "%s", name);
}

void facility(const char *msg)
{
    // mamori-expect: unsafe-format-string
    syslog(LOG_ERR | LOG_USER, msg);
}

/* Forwarding wrappers: the caller supplies the format; the compiler checks the callers when
 * the wrapper has __attribute__((format(printf, ...))). */
__attribute__((format(printf, 1, 2))) void log_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    // mamori-ok: unsafe-format-string
    vprintf(fmt, ap);
    va_end(ap);
}

void log_v(int prio, const char *fmt, va_list ap)
{
    char line[128];
    // mamori-ok: unsafe-format-string
    vsnprintf(line, sizeof line, fmt, ap);
    // mamori-ok: unsafe-format-string
    vsyslog(prio, fmt, ap);
    // mamori-ok: unsafe-format-string
    vfprintf(stderr, fmt, ap);
    // mamori-ok: unsafe-format-string
    vdprintf(2, fmt, ap);
}

void log_copy(const char *fmt, ...)
{
    char copy[64];
    va_list ap;
    // mamori-ok: unsafe-format-string
    snprintf(copy, sizeof copy, "[%s]", fmt);
    va_start(ap, fmt);
    /* a variadic function, but the format it passes on is its own buffer */
    // mamori-expect: unsafe-format-string
    vprintf(copy, ap);
    va_end(ap);
}

// mamori-ok: unsafe-format-string
#define LOG_DBG(fmt, ...) printf(fmt, ##__VA_ARGS__)
// mamori-ok: unsafe-format-string
#define LOG_ERR(fmt, args...) fprintf(stderr, fmt, ##args)
// mamori-ok: unsafe-format-string
#define LOG_WRN(...) printf(__VA_ARGS__)
/* a macro's body is its definition: its uses are the calls, judged as the call they stand for */
// mamori-ok: unsafe-format-string
#define SAY(s) printf(s)
#ifdef _WIN32
#define SNPRINTF _snprintf
#else
#define SNPRINTF snprintf
#endif
/* ESP-IDF's log format: literals and the arguments pasted together */
#define LOG_COLOR_E "\033[0;31m"
#define LOG_RESET_COLOR "\033[0m"
#define LOG_FORMAT(letter, format) LOG_COLOR_##letter #letter " (%u) %s: " format LOG_RESET_COLOR "\n"
#define LOGE(tag, format, ...) printf(LOG_FORMAT(E, format), 0u, tag, ##__VA_ARGS__)

void through_macros(const char *msg, char *buf, size_t n)
{
    // mamori-expect: unsafe-format-string
    SAY(msg);
    // mamori-ok: unsafe-format-string
    SAY("hello\n");
    // mamori-expect: unsafe-format-string
    SNPRINTF(buf, n, msg);
    // mamori-ok: unsafe-format-string
    SNPRINTF(buf, n, "%s", msg);
    // mamori-ok: unsafe-format-string
    printf(LOG_FORMAT(E, "failed: %d"), 0u, "app", 5);
    // mamori-ok: unsafe-format-string
    LOGE("app", "failed: %d", 5);
    // mamori-expect: unsafe-format-string
    LOG_DBG(msg);
    // mamori-ok: unsafe-format-string
    LOG_DBG("%s", msg);
}

/* printf-like functions of the file: their callers are judged as printf's */
static void sink(const char *data, ...)
{
    va_list args;
    va_start(args, data);
    /* the wrapper's own body passes its caller's format on */
    // mamori-ok: unsafe-format-string
    vprintf(data, args);
    va_end(args);
}

int report(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void wrapper_callers(const char *received)
{
    char fixed[32] = "";
    strcpy(fixed, "no percent here");
    // mamori-expect: unsafe-format-string
    sink(received, received);
    // mamori-ok: unsafe-format-string
    sink("%s", received);
    // mamori-ok: unsafe-format-string
    sink(fixed, fixed);
    // mamori-expect: unsafe-format-string
    report(1, received);
    // mamori-ok: unsafe-format-string
    report(1, "%s", received);
    /* log_info above is declared printf-like too */
    // mamori-expect: unsafe-format-string
    log_info(received);
}

struct logger {
    int (*printf)(const char *, ...);
};

void member(struct logger *lg, struct logger l, const char *msg)
{
    // mamori-ok: unsafe-format-string
    lg->printf(msg);
    // mamori-ok: unsafe-format-string
    l.printf(msg);
}
