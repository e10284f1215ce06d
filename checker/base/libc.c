/* libc.c: prototypes of the C library functions the built-in rules name, and the standard
 * header names. A definition in the scanned tree with the library's own signature is a
 * re-implementation (a vendored libc, a port's syscalls) and is as unsafe as the original; one
 * with another signature is the project's own function that happens to share the name. */
#include "base/libc.h"

#include <stddef.h>
#include <string.h>

typedef struct proto {
    const char *name;
    int params;
    bool ellipsis;
} proto;

static const proto protos[] = {
    {"alloca", 1, false},   {"asctime", 1, false},  {"atoi", 1, false},
    {"atol", 1, false},     {"atoll", 1, false},    {"bzero", 2, false},
    {"ctime", 1, false},    {"dprintf", 2, true},   {"drand48", 0, false},
    {"erand48", 1, false},  {"execl", 2, true},     {"execle", 2, true},
    {"execlp", 2, true},    {"execv", 2, false},    {"execve", 3, false},
    {"execvp", 2, false},   {"execvpe", 3, false},  {"fprintf", 2, true},
    {"fscanf", 2, true},    {"gets", 1, false},     {"gmtime", 1, false},
    {"jrand48", 1, false},  {"localtime", 1, false}, {"lrand48", 0, false},
    {"memset", 3, false},   {"mktemp", 1, false},   {"mrand48", 0, false},
    {"nrand48", 1, false},  {"popen", 2, false},    {"printf", 1, true},
    {"rand", 0, false},     {"random", 0, false},   {"scanf", 1, true},
    {"snprintf", 3, true},  {"sprintf", 2, true},   {"sscanf", 2, true},
    {"stpcpy", 2, false},   {"strcat", 2, false},   {"strcpy", 2, false},
    {"strncat", 3, false},  {"strncpy", 3, false},  {"strtok", 2, false},
    {"syslog", 2, true},    {"system", 1, false},   {"tempnam", 2, false},
    {"tmpnam", 1, false},   {"vdprintf", 3, false}, {"vfprintf", 3, false},
    {"vfscanf", 3, false},  {"vprintf", 2, false},  {"vscanf", 2, false},
    {"vsnprintf", 4, false}, {"vsprintf", 3, false}, {"vsscanf", 3, false},
    {"vsyslog", 3, false},  {"wcscat", 2, false},   {"wcscpy", 2, false},
    {"wcsncat", 3, false},  {"wcsncpy", 3, false},
};

bool mm_libc_proto(const char *name, int *params, bool *ellipsis)
{
    for (size_t i = 0; i < sizeof protos / sizeof protos[0]; i++) {
        if (!strcmp(protos[i].name, name)) {
            *params = protos[i].params;
            *ellipsis = protos[i].ellipsis;
            return true;
        }
    }
    return false;
}

static const char *const headers[] = {
    "alloca.h", "assert.h", "ctype.h",    "errno.h",  "fcntl.h",   "inttypes.h", "limits.h",
    "locale.h", "math.h",   "setjmp.h",   "signal.h", "stdarg.h",  "stdbool.h",  "stddef.h",
    "stdint.h", "stdio.h",  "stdlib.h",   "string.h", "strings.h", "syslog.h",   "time.h",
    "unistd.h", "wchar.h",  "cstdio",     "cstdlib",  "cstring",   "ctime",      "cwchar",
};

bool mm_libc_header(const char *base)
{
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
        if (!strcmp(headers[i], base))
            return true;
    }
    return false;
}
