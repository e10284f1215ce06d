/* Fixture for unsafe-format-string. The rule has a hand-written trigger that skips calls whose
 * format is a literal; each tricky call shape therefore sits in a function of its own, so that
 * a trigger that missed it would leave it unparsed and fail its expectation. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

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
    /* a local pointer to a literal is still not a literal at the call */
    const char *fmt = "%d\n";
    // mamori-expect: unsafe-format-string
    printf(fmt, fd);
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
/* not variadic: whatever is passed is printed as a format */
// mamori-expect: unsafe-format-string
#define SAY(s) printf(s)

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
