/* filelist.c: the input set of a build step — the files and directories a build system names
 * (`--files-from FILE`, PATH arguments), each named relative to a root the caller chooses
 * (`--root`), so that text, SARIF and the policy speak of the project's paths whatever
 * directory the build runs in. A file outside the root (a generated .config in an out-of-tree
 * build directory) keeps a relative name that climbs out of it ("../build/zephyr/.config"). */
#define _GNU_SOURCE
#include "inputs/filelist.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"

int mm_filelist_read(const char *file, char ***items, size_t *n, mm_err *err)
{
    char *text = NULL;
    size_t len = 0;
    {
        /* the build system's own file (or a pipe): opened as named, symbolic links included */
        FILE *fp = strcmp(file, "-") ? fopen(file, "rb") : stdin;
        if (!fp)
            return mm_err_set(err, 2, file, 0, 0, "cannot open the file list: %s",
                              strerror(errno));
        mm_buf b = {0};
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
            mm_buf_put(&b, chunk, got);
        bool bad = ferror(fp);
        if (fp != stdin)
            fclose(fp);
        if (bad) {
            mm_buf_free(&b);
            return mm_err_set(err, 2, file, 0, 0, "cannot read the file list");
        }
        text = b.data ? b.data : mm_xstrdup("");
        len = b.len;
    }
    /* one path per line; blank lines and CRs (a list written on Windows) are ignored */
    unsigned line = 0;
    for (size_t i = 0; i < len;) {
        line++;
        const char *s = text + i;
        const char *e = memchr(s, '\n', len - i);
        size_t l = e ? (size_t)(e - s) : len - i;
        i += l + 1;
        while (l && (s[l - 1] == '\r'))
            l--;
        if (!l)
            continue;
        if (memchr(s, 0, l)) {
            free(text);
            return mm_err_set(err, 2, file, line, 1, "a NUL byte in a file list");
        }
        (*items) = mm_xrealloc(*items, (*n + 1) * sizeof **items);
        (*items)[(*n)++] = mm_xstrndup(s, l);
    }
    free(text);
    return 0;
}

char *mm_path_relative(const char *root, const char *abs)
{
    /* both absolute and normalised (realpath): skip the common directories, then climb */
    size_t common = 0, i = 0;
    for (;;) {
        if (root[i] == 0 && (abs[i] == '/' || abs[i] == 0)) {
            common = i;
            break;
        }
        if (root[i] != abs[i])
            break;
        if (root[i] == '/')
            common = i;
        i++;
    }
    if (!strcmp(root, "/"))
        common = 0;
    mm_buf b = {0};
    for (const char *p = root + common; *p; p++) {
        if (*p == '/' && p[1])
            mm_buf_puts(&b, "../");
    }
    const char *rest = abs + common;
    while (*rest == '/')
        rest++;
    mm_buf_puts(&b, rest);
    if (!b.len)
        mm_buf_puts(&b, ".");
    return mm_buf_cstr(&b);
}

static int cmp_input(const void *a, const void *b)
{
    return strcmp(((const mm_input *)a)->rel, ((const mm_input *)b)->rel);
}

static void push(mm_inputs *out, const char *root, const char *abs, uint64_t size)
{
    mm_input in = {mm_path_relative(root, abs), mm_xstrdup(abs), size};
    mm_vec_push(&out->files, in);
}

int mm_filelist_collect(const char *root, const char *const *paths, size_t npaths,
                        size_t nlisted, mm_exclude_fn exclude, void *arg, mm_inputs *out,
                        void *notices, mm_err *err)
{
    typedef MM_VEC(mm_notice) notice_vec;
    notice_vec *nv = notices;
    memset(out, 0, sizeof *out);
    out->root = mm_xstrdup(root);
    size_t missing = 0;
    const char *first_missing = NULL;
    for (size_t i = 0; i < npaths; i++) {
        bool listed = i >= npaths - nlisted; /* from --files-from, not named by hand */
        struct stat st;
        if (lstat(paths[i], &st) != 0) {
            if (!listed)
                return mm_err_set(err, 2, paths[i], 0, 0, "no such file or directory");
            if (!missing++)
                first_missing = paths[i];
            continue;
        }
        char *abs = realpath(paths[i], NULL);
        if (!abs || stat(abs, &st) != 0) {
            free(abs);
            return mm_err_set(err, 2, paths[i], 0, 0, "cannot resolve path: %s", strerror(errno));
        }
        if (S_ISDIR(st.st_mode)) {
            /* a directory is discovered as `mamori scan DIR` would (git-aware), then renamed */
            mm_inputs sub;
            const char *one[] = {abs};
            int rc = mm_inputs_collect(one, 1, exclude, arg, &sub, notices, err);
            if (rc == 0) {
                for (size_t k = 0; k < sub.files.n; k++)
                    push(out, root, sub.files.v[k].abs, sub.files.v[k].size);
            }
            mm_inputs_free(&sub);
            free(abs);
            if (rc < 0)
                return -1;
            continue;
        }
        if (!S_ISREG(st.st_mode)) {
            free(abs);
            return mm_err_set(err, 2, paths[i], 0, 0, "not a regular file or directory");
        }
        char *rel = mm_path_relative(root, abs);
        bool skip = listed && exclude && exclude(rel, false, arg);
        free(rel);
        if (!skip)
            push(out, root, abs, (uint64_t)st.st_size);
        free(abs);
    }
    if (missing) {
        mm_notice n = {NULL, 0, 0, MM_NOTICE_WARNING, mm_xstrdup("missing"),
                       mm_xasprintf(mm_ntr("%zu listed file does not exist (first: %s); not "
                                           "scanned",
                                           "%zu listed files do not exist (first: %s); not "
                                           "scanned",
                                           missing),
                                    missing, first_missing)};
        mm_vec_push(nv, n);
    }
    mm_sort(out->files.v, out->files.n, sizeof *out->files.v, cmp_input);
    size_t k = 0;
    for (size_t i = 0; i < out->files.n; i++) {
        if (k && !strcmp(out->files.v[k - 1].rel, out->files.v[i].rel)) {
            free(out->files.v[i].rel);
            free(out->files.v[i].abs);
            continue;
        }
        out->files.v[k++] = out->files.v[i];
    }
    out->files.n = k;
    return 0;
}

/* Make syntax: spaces, '#' and '$' in a path are escaped so that make and ninja read it back. */
static void dep_path(mm_buf *b, const char *p)
{
    for (; *p; p++) {
        if (*p == ' ' || *p == '#' || *p == '\\')
            mm_buf_putc(b, '\\');
        if (*p == '$')
            mm_buf_putc(b, '$');
        mm_buf_putc(b, *p);
    }
}

int mm_depfile_write(const char *depfile, const char *target, const char *const *deps,
                     size_t ndeps, mm_err *err)
{
    mm_buf b = {0};
    dep_path(&b, target);
    mm_buf_putc(&b, ':');
    for (size_t i = 0; i < ndeps; i++) {
        mm_buf_puts(&b, " \\\n  ");
        dep_path(&b, deps[i]);
    }
    mm_buf_putc(&b, '\n');
    /* an empty rule per file, as gcc -MP writes them: a file deleted since is no error */
    for (size_t i = 0; i < ndeps; i++) {
        mm_buf_putc(&b, '\n');
        dep_path(&b, deps[i]);
        mm_buf_puts(&b, ":\n");
    }
    int rc = mm_write_atomic(depfile, b.data, b.len, err);
    mm_buf_free(&b);
    return rc;
}
