/* osal.h of another port, which the build does not use: its OS_SYSTEM is not system(). Two
 * headers of the same name: only the build's include directory says which one app/ gets. */
#ifndef OSAL_H
#define OSAL_H
int host_run(const char *cmd);
#define OS_SYSTEM host_run
#endif
