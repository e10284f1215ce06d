/* buildstep.c: `mamori scan` as a build step (--files-from, --root, -p, --stamp, --depfile) and
 * the accepted risks a scan no longer needs. See buildstep.h. */
#define _GNU_SOURCE
#include "inputs/buildstep.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inputs/filelist.h"

int mm_build_step_root(const mm_build_step *bs, const char *first, char **root, mm_err *err)
{
    if (bs->root) {
        struct stat st;
        char *abs = realpath(bs->root, NULL);
        if (!abs || stat(abs, &st) != 0 || !S_ISDIR(st.st_mode)) {
            free(abs);
            return mm_err_set(err, 2, NULL, 0, 0, "--root %s is not a directory", bs->root);
        }
        *root = abs;
        return 0;
    }
    *root = mm_inputs_root(first ? first : ".");
    if (!*root)
        return mm_err_set(err, 2, NULL, 0, 0, "%s: no such file or directory",
                          first ? first : ".");
    return 0;
}

int mm_build_step_inputs(mm_build_step *bs, const char *root, const char *const *paths,
                         size_t npaths, mm_policy *policy, bool have_policy, mm_scan *s,
                         mm_err *err)
{
    char **listed = NULL;
    size_t nlisted = 0;
    int rc = 0;
    for (size_t i = 0; i < bs->lists.n && rc == 0; i++)
        rc = mm_filelist_read(bs->lists.v[i], &listed, &nlisted, err);
    const char **all = mm_xcalloc(npaths + nlisted + 1, sizeof *all);
    for (size_t i = 0; i < npaths; i++)
        all[i] = paths[i];
    for (size_t i = 0; i < nlisted; i++)
        all[npaths + i] = listed[i];
    size_t n = npaths + nlisted;
    if (rc == 0 && n == 0) {
        /* no PATH and an empty list: a target with no sources scans nothing, not the tree */
        memset(&bs->in, 0, sizeof bs->in);
        bs->in.root = mm_xstrdup(root);
    } else if (rc == 0) {
        rc = mm_filelist_collect(root, all, n, nlisted, have_policy ? mm_policy_excludes : NULL,
                                 have_policy ? policy : NULL, &bs->in, &s->notices, err);
    }
    for (size_t i = 0; i < nlisted; i++)
        free(listed[i]);
    free(listed);
    free(all);
    if (rc < 0)
        return -1;
    bs->explicit_set = true;
    if (bs->stamp) {
        /* mamori's own bookkeeping — the stamp, and files named after it (its depfile, the make
         * integration's lock and session marker) — is never an input, or every scan would make
         * the next one due */
        char *copy = mm_xstrdup(bs->stamp);
        char *slash = strrchr(copy, '/');
        const char *base = slash ? slash + 1 : copy;
        char *dir = slash ? (slash == copy ? mm_xstrdup("/") : mm_xstrndup(copy, (size_t)(slash - copy)))
                          : mm_xstrdup(".");
        char *absdir = realpath(dir, NULL);
        if (absdir) {
            char *own = mm_xasprintf("%s/%s", strcmp(absdir, "/") ? absdir : "", base);
            size_t on = strlen(own), k = 0;
            for (size_t i = 0; i < bs->in.files.n; i++) {
                mm_input *in = &bs->in.files.v[i];
                if (!strncmp(in->abs, own, on) && (in->abs[on] == 0 || in->abs[on] == '.')) {
                    free(in->rel);
                    free(in->abs);
                    continue;
                }
                bs->in.files.v[k++] = *in;
            }
            bs->in.files.n = k;
            free(own);
            free(absdir);
        }
        free(dir);
        free(copy);
    }
    for (size_t i = 0; i < bs->in.files.n; i++)
        mm_strset_add(&bs->rels, bs->in.files.v[i].rel);
    s->opts.inputs = bs->in.files.v;
    s->opts.ninputs = bs->in.files.n;
    s->opts.root = bs->in.root;
    return 0;
}

/* --- compile commands ------------------------------------------------------------------------ */

static bool is_c_like(const char *path)
{
    const char *dot = strrchr(mm_path_base(path), '.');
    static const char *const ext[] = {"c", "cc", "cpp", "cxx", "c++", "C", "ino", "m", "mm"};
    for (size_t i = 0; dot && i < MM_ARRAY_LEN(ext); i++) {
        if (!strcmp(dot + 1, ext[i]))
            return true;
    }
    return false;
}

void mm_build_step_units(mm_build_step *bs)
{
    struct stat st;
    char *path = stat(bs->compdb, &st) == 0 && S_ISDIR(st.st_mode)
                     ? mm_xasprintf("%s/compile_commands.json", bs->compdb)
                     : mm_xstrdup(bs->compdb);
    char *text = NULL;
    size_t len = 0;
    mm_err err;
    mm_json_doc doc;
    memset(&doc, 0, sizeof doc);
    if (mm_read_file(path, 256u << 20, &text, &len, &err) < 0) {
        bs->units_problem = mm_xasprintf("cannot read the compile commands: %s: %s", path,
                                         err.msg);
    } else if (mm_json_parse(&doc, path, text, len, false, &err) < 0) {
        bs->units_problem = mm_xasprintf("%s:%u:%u: %s; compile commands not used", path,
                                         err.line, err.col, err.msg);
    } else if (!cJSON_IsArray(doc.root)) {
        bs->units_problem = mm_xasprintf("%s is not a compilation database (a JSON array)",
                                         path);
    } else {
        for (const cJSON *e = doc.root->child; e; e = e->next) {
            const cJSON *f = cJSON_GetObjectItemCaseSensitive(e, "file");
            const cJSON *d = cJSON_GetObjectItemCaseSensitive(e, "directory");
            if (!cJSON_IsString(f))
                continue;
            bs->units_entries++;
            char *joined = f->valuestring[0] == '/' || !cJSON_IsString(d)
                               ? mm_xstrdup(f->valuestring)
                               : mm_xasprintf("%s/%s", d->valuestring, f->valuestring);
            char *abs = realpath(joined, NULL);
            free(joined);
            if (abs && !mm_strset_has(&bs->units, abs)) {
                mm_vec_push(&bs->unit_paths, abs);
                mm_strset_add(&bs->units, abs);
            } else {
                free(abs);
            }
        }
    }
    bs->units_path = path;
    mm_json_free(&doc);
    free(text);
}

/* Tells how many scanned translation units the compilation database covers (the libclang deep
 * tier's own notice says how many it read). */
static void compile_commands(mm_build_step *bs, mm_scan *s)
{
    if (!bs->units_path)
        mm_build_step_units(bs);
    mm_notice n = {NULL, 0, 0, MM_NOTICE_WARNING, mm_xstrdup("compile-commands"), NULL};
    const char *path = bs->units_path;
    if (bs->units_problem) {
        n.message = mm_xstrdup(bs->units_problem);
    } else {
        size_t units = 0, covered = 0;
        for (size_t i = 0; i < bs->in.files.n; i++) {
            if (!is_c_like(bs->in.files.v[i].rel))
                continue;
            units++;
            char *full = mm_xasprintf("%s/%s", s->root, bs->in.files.v[i].rel);
            char *abs = realpath(full, NULL);
            covered += abs && mm_strset_has(&bs->units, abs);
            free(abs);
            free(full);
        }
        n.level = MM_NOTICE_NOTE;
        /* how many of them the deep tier read is the scan's own notice (deep-tier) */
        const char *off = s->ccdb ? "" : "; the deep tier did not run: the tree-sitter tier "
                                         "read every file";
        if (bs->explicit_set)
            n.message = mm_xasprintf("%s: %zu entries; %zu of the %zu C/C++ files scanned have "
                                     "one%s",
                                     path, bs->units_entries, covered, units, off);
        else
            n.message = mm_xasprintf("%s: %zu entries%s", path, bs->units_entries, off);
    }
    mm_vec_push(&s->notices, n);
}

/* --- accepted risks: did this scan read the file? ------------------------------------------- */

static bool covers_explicit(const char *path, void *arg)
{
    const mm_build_step *bs = arg;
    return mm_strset_has(&bs->rels, path);
}

/* A discovery scan of some PATHs under the root read root/path when that file exists below
 * one of them. */
static bool covers_paths(const char *path, void *arg)
{
    const mm_build_step *bs = arg;
    char *full = mm_xasprintf("%s/%s", bs->scan_root, path);
    char *abs = realpath(full, NULL);
    free(full);
    bool hit = false;
    for (size_t i = 0; abs && i < bs->npaths && !hit; i++) {
        char *p = realpath(bs->paths[i], NULL);
        if (p) {
            size_t n = strlen(p);
            hit = !strncmp(abs, p, n) && (abs[n] == '/' || abs[n] == 0);
        }
        free(p);
    }
    free(abs);
    return hit;
}

void mm_build_step_after_scan(mm_build_step *bs, mm_scan *s, bool have_policy)
{
    if (bs->compdb)
        compile_commands(bs, s);
    if (!have_policy)
        return;
    if (bs->explicit_set) {
        mm_policy_report_unmatched(s, covers_explicit, bs);
        return;
    }
    /* discovery: a scan of the whole root, or of some directories in it */
    bool whole = bs->npaths == 0;
    for (size_t i = 0; i < bs->npaths && !whole; i++) {
        char *p = realpath(bs->paths[i], NULL);
        whole = p && !strcmp(p, s->root);
        free(p);
    }
    if (whole) {
        mm_policy_report_unmatched(s, NULL, NULL);
    } else {
        bs->scan_root = s->root;
        mm_policy_report_unmatched(s, covers_paths, bs);
    }
}

/* --- stamp and depfile ----------------------------------------------------------------------- */

static int touch(const char *path, mm_err *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_NOCTTY | O_CLOEXEC, 0644);
    if (fd < 0)
        return mm_err_set(err, 2, path, 0, 0, "cannot write the stamp: %s", strerror(errno));
    int rc = futimens(fd, NULL);
    close(fd);
    if (rc != 0)
        return mm_err_set(err, 2, path, 0, 0, "cannot touch the stamp: %s", strerror(errno));
    return 0;
}

int mm_build_step_finish(mm_build_step *bs, const mm_scan *s, const mm_ruleset *rs,
                         const mm_policy *policy, int rc, mm_err *err)
{
    (void)s;
    if (bs->depfile) {
        /* what a change to should make the next build scan again: every input, the policy,
         * and the rule packs it or --rules loaded (the built-in rules come with the binary) */
        MM_VEC(const char *) deps = {0};
        MM_VEC(char *) owned = {0};
        for (size_t i = 0; i < bs->in.files.n; i++)
            mm_vec_push(&deps, bs->in.files.v[i].abs);
        if (policy && policy->path) {
            char *p = realpath(policy->path, NULL);
            if (p) {
                mm_vec_push(&owned, p);
                mm_vec_push(&deps, p);
            }
        }
        for (size_t i = 0; i < rs->rules.n; i++) {
            const mm_rule *r = rs->rules.v[i];
            if (r->builtin || !r->source)
                continue;
            char *p = realpath(r->source, NULL);
            if (p) {
                mm_vec_push(&owned, p);
                mm_vec_push(&deps, p);
            }
        }
        int wrc = mm_depfile_write(bs->depfile, bs->stamp, deps.v, deps.n, err);
        for (size_t i = 0; i < owned.n; i++)
            free(owned.v[i]);
        mm_vec_free(&owned);
        mm_vec_free(&deps);
        if (wrc < 0)
            return -1;
    }
    if (bs->stamp && rc == 0)
        return touch(bs->stamp, err);
    if (bs->stamp && rc != 0)
        unlink(bs->stamp); /* a failed scan must run again next time */
    return 0;
}

void mm_build_step_free(mm_build_step *bs)
{
    mm_strset_free(&bs->units);
    for (size_t i = 0; i < bs->unit_paths.n; i++)
        free(bs->unit_paths.v[i]);
    mm_vec_free(&bs->unit_paths);
    free(bs->units_path);
    free(bs->units_problem);
    mm_vec_free(&bs->lists);
    mm_strset_free(&bs->rels);
    mm_inputs_free(&bs->in);
}
