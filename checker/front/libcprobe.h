/* libcprobe.h: facts about the whole project that single files reveal — which C library the
 * firmware links (so that a message names a replacement that exists there). */
#ifndef MM_LIBCPROBE_H
#define MM_LIBCPROBE_H

#include "model/file.h"

/* Looks at f if it is a build configuration file and records hints in f->hints. */
void mm_project_probe(mm_file *f);

#endif
