/* libclang.c: dlopen of the build's libclang on first use (front/libclang.h says why). */
#define _GNU_SOURCE
#include "front/libclang.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>

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

static pthread_once_t id_once = PTHREAD_ONCE_INIT;
static char identity[sizeof MAMORI_LIBCLANG_PATH + 64];

static void read_identity(void)
{
    struct stat st;
    if (stat(MAMORI_LIBCLANG_PATH, &st) == 0)
        snprintf(identity, sizeof identity, "%s %lld %lld.%09ld", MAMORI_LIBCLANG_PATH,
                 (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

const char *mm_libclang_identity(void)
{
    pthread_once(&id_once, read_identity);
    return identity;
}

const mm_libclang *mm_libclang_load(const char **why)
{
    pthread_once(&once, load);
    if (!loaded && why)
        *why = why_not;
    return loaded;
}
