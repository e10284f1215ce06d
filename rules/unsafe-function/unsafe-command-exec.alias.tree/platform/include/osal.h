/* osal.h: the platform layer's names for libc calls. OS_SYSTEM stands for system() in every
 * file that includes this header; the renaming under #if 0 is dead and renames nothing. */
#ifndef OSAL_H
#define OSAL_H
#include <stdlib.h>

#define OS_SYSTEM system

#if 0
#define system osal_checked_system
#endif

#endif
