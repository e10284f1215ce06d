/* cguard.h (front): while a parse is on, the process's open(2) refuses what is not a regular file
 * or a directory (cguard.c): the deep tier turns it on around libclang's parse, and off after. */
#ifndef MM_CGUARD_H
#define MM_CGUARD_H

#include <stdbool.h>

void mm_cguard_set(bool on);

#endif
