/* main.c: calls of system() through a macro of a project header, and directly */
#include "osal.h"

int run(const char *cmd)
{
    // mamori-expect: unsafe-command-exec
    return OS_SYSTEM(cmd);
}

int run_direct(const char *cmd)
{
    /* the header's #define system ... lies in #if 0: system is still libc's */
    // mamori-expect: unsafe-command-exec
    return system(cmd);
}

#if 0
int never_built(const char *cmd)
{
    // mamori-ok: unsafe-command-exec
    return OS_SYSTEM(cmd);
}
#endif
