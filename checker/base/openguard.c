/* openguard.c (base): what libclang may open. libclang reads every file an #include names, and it
 * reads a file that is not a regular one (a device, a FIFO) to its end: `#include "/dev/zero"`,
 * or a header in the tree that is a symlink to /dev/urandom, grows its buffer until memory runs
 * out (seconds of system time, then a crash or the machine's OOM killer), and a FIFO blocks
 * forever. LLVM opens files with open(2) (libLLVM-14 imports open@GLIBC_2.2.5), and a definition
 * in the executable comes before the C library's for every shared library. While libclang parses
 * anywhere in the process (mm_open_guard; libclang parses on a thread of its own, so the guard
 * cannot be per thread), this open refuses anything but a regular file, a directory or /dev/null, before
 * opening it (a FIFO would block in open itself) and again on what it opened. The scan's own
 * reads are regular files by then (the walk skips the rest), and otherwise every open of the
 * process goes straight to the system call. */
#undef _FORTIFY_SOURCE /* fcntl.h would define open inline */
#define _GNU_SOURCE
#include "base/openguard.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <unistd.h>

static atomic_int parses; /* libclang parses in flight */

void mm_open_guard(bool on)
{
    atomic_fetch_add(&parses, on ? 1 : -1);
}

/* /dev/null reads as an empty file (stdin is /dev/null while libclang reads: main.c) */
static bool refused(const struct stat *st)
{
    return !S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode) &&
           !(S_ISCHR(st->st_mode) && st->st_rdev == makedev(1, 3));
}

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    struct stat st;
    bool guarded = atomic_load_explicit(&parses, memory_order_relaxed) > 0;
    if (guarded && stat(path, &st) == 0 && refused(&st)) {
        errno = EACCES;
        return -1;
    }
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
    if (guarded && fd >= 0 && fstat(fd, &st) == 0 && refused(&st)) {
        close(fd);
        errno = EACCES;
        return -1;
    }
    return fd;
}
