#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "osal.h"

char *gets(char *s); /* removed from C11's headers; the code still calls it */

void run(const char *cmd)
{
#ifdef USE_SHELL
    /* the build defines USE_SHELL: compiled, and the compiler sees system() in the macro */
    OSAL_FN(shell)(cmd);
#endif
#ifdef USE_LEGACY_SHELL
    /* not compiled in this build */
    system(cmd);
#endif
}

void read_name(void)
{
    char name[16];
    OSAL_READ_LINE(name);
    char copy[8];
    strcpy(copy, name);
    printf("%s\n", copy);
    /* a literal format through a macro the tree-sitter tier cannot see: no finding */
    OSAL_LOG("name %" PRIu32 " chars: %s\n", (uint32_t)strlen(copy), copy);
    /* a format that is not program text: the deep tier finds the printf */
    OSAL_LOG(name);
}

static const char greeting[32] = "hello %s\n";

void greet(const char *who)
{
    /* a format that is a const array holding a literal: program text, no finding */
    OSAL_LOG(greeting, who);
}
