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
}
