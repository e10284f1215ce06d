/* facts.h: what the repository shows of the product and of METI's six measures (facts.c), for
 * the JSON report's "project" object and the sign-off report (`mamori report`). */
#ifndef MM_PROJECT_FACTS_H
#define MM_PROJECT_FACTS_H

#include "model/scan.h"

/* Sets s->project (a JSON object the scan owns) after a worktree scan of the whole tree;
 * leaves it NULL for partial, git and history input sets. */
void mm_project_facts_collect(mm_scan *s);

#endif
