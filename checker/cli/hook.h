/* hook.h: the git hook scripts (integrations/git-hooks/, embedded by the build). */
#ifndef MM_HOOK_H
#define MM_HOOK_H

extern const char mm_hook_pre_commit[];
extern const char mm_hook_pre_push[];

#endif
