/* Fixture for unsafe-atoi: a note on atoi/atol/atoll of text computed at run time. */
#include <stdlib.h>

#define DEFAULT_PORT "5683"

int atoi(const char *nptr);

struct parser {
    int (*atoi)(const char *);
};

int parse(int argc, char **argv, const char *field, struct parser *p)
{
    (void)argc;
    // mamori-expect: unsafe-atoi@note
    int port = atoi(argv[1]);
    // mamori-expect: unsafe-atoi@note
    long len = atol(field);
    // mamori-expect: unsafe-atoi
    long long big = atoll(
        field + 1);
    /* constant text cannot be malformed at run time */
    // mamori-ok: unsafe-atoi
    int def = atoi(DEFAULT_PORT);
    // mamori-ok: unsafe-atoi
    int one = atoi("1");
    // mamori-ok: unsafe-atoi
    int via = p->atoi(field);
    // mamori-ok: unsafe-atoi
    long ok = strtol(field, NULL, 10);
    // mamori-ok: unsafe-atoi
    const char *doc = "atoi(s) cannot fail";
    (void)doc;
    return port + (int)len + (int)big + def + one + via + (int)ok;
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-atoi
#define ARG_INT(i) atoi(argv[(i)])

int second(char **argv)
{
    // mamori-expect: unsafe-atoi
    return ARG_INT(2);
}
