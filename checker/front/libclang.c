/* libclang.c: dlopen of the build's libclang on first use (front/libclang.h says why). */
#include "front/libclang.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#ifndef MAMORI_LIBCLANG_PATH
#error "MAMORI_LIBCLANG_PATH (the libclang the build found) is set by CMakeLists.txt"
#endif

static pthread_once_t once = PTHREAD_ONCE_INIT;
static mm_libclang table;
static const mm_libclang *loaded;
static char why_not[512];

static void load(void)
{
    void *h = dlopen(MAMORI_LIBCLANG_PATH, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why_not, sizeof why_not, "%s", e ? e : "cannot load " MAMORI_LIBCLANG_PATH);
        return;
    }
    /* every function or none: a libclang older than the one built against lacks some */
#define MM_LIBCLANG_LOAD(name)                                                                     \
    *(void **)&table.name = dlsym(h, #name);                                                       \
    if (!table.name) {                                                                             \
        snprintf(why_not, sizeof why_not, "%s has no %s", MAMORI_LIBCLANG_PATH, #name);            \
        return;                                                                                    \
    }
    MM_LIBCLANG_FUNCTIONS(MM_LIBCLANG_LOAD)
#undef MM_LIBCLANG_LOAD
    loaded = &table;
}

const mm_libclang *mm_libclang_load(const char **why)
{
    pthread_once(&once, load);
    if (!loaded && why)
        *why = why_not;
    return loaded;
}
