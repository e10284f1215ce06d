/* openguard.h (base): while a guard is on, the process's open(2) refuses what is not a regular
 * file, a directory or /dev/null (openguard.c): the deep tier turns it on around libclang's parse,
 * and off after. */
#ifndef MM_OPENGUARD_H
#define MM_OPENGUARD_H

#include <stdbool.h>

void mm_open_guard(bool on);

#endif
