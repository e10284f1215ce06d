/* ccdb.c: compile_commands.json for the libclang deep tier. See ccdb.h. */
#define _GNU_SOURCE
#include "front/ccdb.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/json.h"
#include "front/driver.h"

/* --- splitting a `command` --------------------------------------------------------------------- */

char **mm_ccdb_split(const char *cmd, size_t *n)
{
    MM_VEC(char *) words = {0};
    mm_buf w = {0};
    const char *p = cmd;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        w.len = 0;
        bool any = false;
        while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
            any = true;
            if (*p == '\\' && p[1]) {
                mm_buf_putc(&w, p[1]);
                p += 2;
            } else if (*p == '\'') {
                p++;
                while (*p && *p != '\'')
                    mm_buf_putc(&w, *p++);
                if (*p)
                    p++;
            } else if (*p == '"') {
                p++;
                while (*p && *p != '"') {
                    if (*p == '\\' && p[1] && strchr("\"\\$`", p[1]))
                        p++;
                    mm_buf_putc(&w, *p++);
                }
                if (*p)
                    p++;
            } else {
                mm_buf_putc(&w, *p++);
            }
        }
        if (any)
            mm_vec_push(&words, mm_xstrndup(w.data ? w.data : "", w.len));
    }
    mm_buf_free(&w);
    *n = words.n;
    return words.v;
}

/* --- translating a command ----------------------------------------------------------------------- */

static bool flag_is(const char *a, const char *name)
{
    return !strcmp(a, name);
}

static const char *target_of(const char *cc)
{
    const char *base = mm_path_base(cc);
    if (strstr(base, "arm-none-eabi"))
        return "arm-none-eabi";
    if (strstr(base, "xtensa"))
        return "xtensa";
    if (strstr(base, "riscv32") || strstr(base, "riscv64-unknown-elf") || strstr(base, "riscv-"))
        return "riscv32";
    return NULL;
}

typedef MM_VEC(char *) strvec;

static void push(strvec *v, const char *s)
{
    mm_vec_push(v, mm_xstrdup(s));
}

/* A path flag's value made absolute: libclang resolves relative paths against the process's
 * directory, the compiler against the entry's. */
static char *absolute(const char *dir, const char *p)
{
    if (p[0] == '/' || !dir || !*dir)
        return mm_xstrdup(p);
    return mm_xasprintf("%s/%s", dir, p);
}

/* flags that take the next argument as their value */
static const char *const with_value[] = {
    "-o", "-MF", "-MT", "-MQ", "-x", "-I", "-D", "-U", "-include", "-imacros", "-isystem",
    "-iquote", "-idirafter", "-isysroot", "--sysroot", "-target", "-arch", "-aux-info",
    "-Xassembler", "-Xlinker", "-Xpreprocessor", "-L", "-l", "-T", "-u", "-e", "-specs",
    "--param", "-G", "-Xclang", "-iprefix", "-iwithprefix", "-include-pch"};
/* path flags kept, made absolute */
static const char *const path_flags[] = {"-I", "-isystem", "-iquote", "-idirafter", "-include",
                                         "-imacros", "--sysroot", "-isysroot"};
/* -f flags that change what the parse sees, kept as they are */
static const char *const f_kept[] = {
    "-ffreestanding", "-fno-builtin", "-funsigned-char", "-fsigned-char", "-fno-signed-char",
    "-fno-unsigned-char", "-fshort-enums", "-fno-short-enums", "-fshort-wchar",
    "-fno-short-wchar", "-fms-extensions", "-fno-exceptions", "-fexceptions", "-fno-rtti",
    "-frtti", "-fgnu89-inline", "-fno-gnu89-inline", "-fgnu-keywords", "-fno-gnu-keywords",
    "-fdollars-in-identifiers", "-fchar8_t", "-fno-char8_t", "-fopenmp", "-fblocks",
    "-fno-common", "-fcommon", "-fwrapv", "-fno-strict-aliasing", "-fstrict-aliasing"};

/* Flags left out that clang would take: they change code generation or diagnostics, not what
 * the parse sees, so leaving them out is not worth a note. */
static bool quietly_dropped(const char *a)
{
    if (a[0] != '-')
        return false;
    if (!strcmp(a, "-c") || !strcmp(a, "-S") || !strcmp(a, "-E") || !strcmp(a, "-pipe") ||
        !strcmp(a, "-w") || mm_str_starts(a, "-W") || mm_str_starts(a, "-O") ||
        mm_str_starts(a, "-g") || mm_str_starts(a, "-M") || mm_str_starts(a, "-pedantic") ||
        mm_str_starts(a, "-fdiagnostics-") || mm_str_starts(a, "-fcolor-diagnostics") ||
        mm_str_starts(a, "-fno-color-diagnostics") || mm_str_starts(a, "-fmessage-length") ||
        !strcmp(a, "-fPIC") || !strcmp(a, "-fpic") || !strcmp(a, "-fPIE") ||
        !strcmp(a, "-fpie") || !strcmp(a, "-fdata-sections") ||
        !strcmp(a, "-ffunction-sections") || !strcmp(a, "-fno-omit-frame-pointer") ||
        !strcmp(a, "-fomit-frame-pointer") || mm_str_starts(a, "-fstack-protector") ||
        mm_str_starts(a, "-fvisibility") || mm_str_starts(a, "-fdebug-prefix-map") ||
        mm_str_starts(a, "-fmacro-prefix-map") || mm_str_starts(a, "-ffile-prefix-map") ||
        !strcmp(a, "-fno-inline") || mm_str_starts(a, "-flto") || mm_str_starts(a, "-std=") ||
        mm_str_starts(a, "-fsanitize") || mm_str_starts(a, "-fprofile") ||
        mm_str_starts(a, "--coverage") || mm_str_starts(a, "-fno-lto"))
        return true;
    return false;
}

void mm_ccmd_free(mm_ccmd *c)
{
    for (size_t i = 0; i < c->nargs; i++)
        free(c->args[i]);
    free(c->args);
    free(c->file);
    free(c->dir);
    free(c->target);
    free(c->line);
    free(c->dropped_names);
    memset(c, 0, sizeof *c);
}

void mm_ccdb_translate(const char *const *argv, size_t argc, const char *dir, mm_ccmd *out)
{
    strvec v = {0};
    mm_buf names = {0};
    unsigned nnames = 0;
    size_t i = 0;
    /* a launcher in front of the compiler */
    while (i < argc && (!strcmp(mm_path_base(argv[i]), "ccache") ||
                        !strcmp(mm_path_base(argv[i]), "sccache") ||
                        !strcmp(mm_path_base(argv[i]), "distcc")))
        i++;
    const char *cc = i < argc ? argv[i++] : "";
    const char *target = target_of(cc);
    bool explicit_target = false;
    const char *std = NULL;
    for (; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        const char *flag = a;
        bool sep = false;
        for (size_t k = 0; k < MM_ARRAY_LEN(with_value); k++) {
            if (flag_is(a, with_value[k])) {
                sep = true;
                val = i + 1 < argc ? argv[i + 1] : NULL;
                break;
            }
        }
        if (sep)
            i++;
        bool keep = false;
        char *kept_val = NULL; /* the argument to keep in place of a (joined form) */
        /* paths: -Idir, -I dir, -isystem dir, --sysroot=dir */
        for (size_t k = 0; k < MM_ARRAY_LEN(path_flags) && !keep; k++) {
            size_t fl = strlen(path_flags[k]);
            if (sep && flag_is(flag, path_flags[k])) {
                if (val) {
                    char *p = absolute(dir, val);
                    push(&v, path_flags[k]);
                    mm_vec_push(&v, p);
                }
                keep = true;
            } else if (!sep && !strncmp(a, path_flags[k], fl) && a[fl] &&
                       (k < 1 || a[fl] == '=' || !strcmp(path_flags[k], "-isystem") ||
                        !strcmp(path_flags[k], "-iquote") || !strcmp(path_flags[k], "-idirafter"))) {
                const char *pv = a[fl] == '=' ? a + fl + 1 : a + fl;
                char *p = absolute(dir, pv);
                kept_val = mm_xasprintf("%s%s%s", path_flags[k], a[fl] == '=' ? "=" : "", p);
                free(p);
                keep = true;
            }
        }
        if (keep) {
            if (kept_val)
                mm_vec_push(&v, kept_val);
            continue;
        }
        if (sep) {
            if (flag_is(flag, "-D") || flag_is(flag, "-U") || flag_is(flag, "-x")) {
                push(&v, flag);
                if (val)
                    push(&v, val);
                continue;
            }
            if (flag_is(flag, "-target")) {
                explicit_target = true;
                push(&v, "-target");
                if (val)
                    push(&v, val);
                continue;
            }
            if (flag_is(flag, "-o") || flag_is(flag, "-MF") || flag_is(flag, "-MT") ||
                flag_is(flag, "-MQ"))
                continue;
            /* -specs x, -Xlinker x, --param x, ...: dropped with its value, counted */
            out->dropped++;
            if (nnames < 4)
                mm_buf_printf(&names, "%s%s", nnames++ ? ", " : "", flag);
            continue;
        }
        if (a[0] != '-') {
            /* the source file, objects, libraries: not flags */
            continue;
        }
        if (mm_str_starts(a, "-D") || mm_str_starts(a, "-U") || mm_str_starts(a, "-x") ||
            !strcmp(a, "-ansi") || !strcmp(a, "-nostdinc") || !strcmp(a, "-nostdinc++") ||
            !strcmp(a, "-nostdlibinc") || !strcmp(a, "-undef")) {
            push(&v, a);
            continue;
        }
        if (mm_str_starts(a, "-std=")) {
            std = a;
            continue;
        }
        if (mm_str_starts(a, "--target=")) {
            explicit_target = true;
            push(&v, a);
            continue;
        }
        bool f_keep = false;
        for (size_t k = 0; k < MM_ARRAY_LEN(f_kept) && !f_keep; k++)
            f_keep = !strcmp(a, f_kept[k]) || (mm_str_starts(a, "-fno-builtin-") && k == 1);
        if (f_keep) {
            push(&v, a);
            continue;
        }
        /* target options clang shares with gcc for the targets it can build for */
        bool arm = target && !strcmp(target, "arm-none-eabi");
        bool rv = target && !strcmp(target, "riscv32");
        if ((arm && (mm_str_starts(a, "-mcpu=") || mm_str_starts(a, "-mfloat-abi=") ||
                     mm_str_starts(a, "-mfpu=") || !strcmp(a, "-mthumb") || !strcmp(a, "-marm") ||
                     mm_str_starts(a, "-march="))) ||
            (rv && (mm_str_starts(a, "-march=") || mm_str_starts(a, "-mabi="))) ||
            (!target && (!strcmp(a, "-m32") || !strcmp(a, "-m64")))) {
            push(&v, a);
            continue;
        }
        if (quietly_dropped(a))
            continue;
        out->dropped++;
        if (nnames < 4)
            mm_buf_printf(&names, "%s%s", nnames++ ? ", " : "", a);
    }
    /* the standard: gcc's gnu dialects and the ISO ones clang knows alike; gnu17/gnu2x too */
    if (std)
        push(&v, std);
    if (target && !explicit_target) {
        if (!strcmp(target, "arm-none-eabi")) {
            push(&v, "--target=arm-none-eabi");
        } else if (!strcmp(target, "riscv32")) {
            push(&v, "--target=riscv32-unknown-elf");
        } else {
            /* clang 14 cannot target xtensa: a 32-bit little-endian target with int, long and
             * pointers of 4 bytes, without its own predefines, and the xtensa compiler's */
            push(&v, "--target=i386-unknown-elf");
            static const char *const xt[] = {"-U__i386__", "-U__i386", "-Ui386",
                                             "-U__i486__", "-U__i586__", "-U__i686__",
                                             "-D__XTENSA__=1", "-D__xtensa__=1",
                                             "-D__XTENSA_EL__=1", "-D__XTENSA_WINDOWED_ABI__=1",
                                             "-D__XCHAL_HAVE_BE=0"};
            for (size_t k = 0; k < MM_ARRAY_LEN(xt); k++)
                push(&v, xt[k]);
        }
    }
    push(&v, "-w"); /* warnings are the compiler's business; errors are read */
    out->target = target ? mm_xstrdup(target) : NULL;
    out->args = v.v;
    out->nargs = v.n;
    mm_buf line = {0};
    for (size_t k = 0; k < v.n; k++)
        mm_buf_printf(&line, "%s%s", k ? " " : "", v.v[k]);
    out->line = mm_xstrdup(line.data ? line.data : "");
    mm_buf_free(&line);
    out->dropped_names = names.len ? mm_xstrdup(names.data) : NULL;
    mm_buf_free(&names);
}

/* --- the database -------------------------------------------------------------------------- */

static int cmp_cmd(const void *a, const void *b)
{
    return strcmp(((const mm_ccmd *)a)->file, ((const mm_ccmd *)b)->file);
}

static void add_isystem(mm_ccmd *c, const char *dir)
{
    c->args = mm_xrealloc(c->args, (c->nargs + 2) * sizeof *c->args);
    c->args[c->nargs++] = mm_xstrdup("-isystem");
    c->args[c->nargs++] = mm_xstrdup(dir);
}

/* A C++ translation unit by its name (.cpp, .cc, .cxx, .c++, .C, .ino, .pde). */
static bool cxx_source(const char *path)
{
    const char *dot = strrchr(mm_path_base(path), '.');
    static const char *const exts[] = {".cpp", ".cc", ".cxx", ".c++", ".C", ".ino", ".pde"};
    for (size_t i = 0; dot && i < MM_ARRAY_LEN(exts); i++) {
        if (!strcmp(dot, exts[i]))
            return true;
    }
    return false;
}

mm_ccdb *mm_ccdb_load(const char *path, const mm_ccdb_opts *o, char **problem)
{
    const char *const *toolchain_includes = o->toolchain_includes;
    size_t ninc = o->ntoolchain_includes;
    *problem = NULL;
    struct stat st;
    char *file = stat(path, &st) == 0 && S_ISDIR(st.st_mode)
                     ? mm_xasprintf("%s/compile_commands.json", path)
                     : mm_xstrdup(path);
    char *text = NULL;
    size_t len = 0;
    mm_err err;
    mm_json_doc doc;
    memset(&doc, 0, sizeof doc);
    if (mm_read_file(file, 256u << 20, &text, &len, &err) < 0) {
        *problem = mm_xasprintf("cannot read the compile commands: %s: %s", file, err.msg);
        free(file);
        return NULL;
    }
    if (mm_json_parse(&doc, file, text, len, false, &err) < 0) {
        *problem = mm_xasprintf("%s:%u:%u: %s; compile commands not used", file, err.line,
                                err.col, err.msg);
        free(text);
        free(file);
        return NULL;
    }
    if (!cJSON_IsArray(doc.root)) {
        *problem = mm_xasprintf("%s is not a compilation database (a JSON array)", file);
        mm_json_free(&doc);
        free(text);
        free(file);
        return NULL;
    }
    mm_ccdb *db = mm_xcalloc(1, sizeof *db);
    db->path = file;
    mm_driver_memo *drivers =
        o->nquery_drivers
            ? mm_driver_memo_new(o->query_drivers, o->nquery_drivers, o->root, o->answers_dir)
            : NULL;
    MM_VEC(mm_ccmd) cmds = {0};
    mm_buf ex = {0};
    unsigned nex = 0;
    for (const cJSON *e = doc.root->child; e; e = e->next) {
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(e, "file");
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(e, "directory");
        const cJSON *args = cJSON_GetObjectItemCaseSensitive(e, "arguments");
        const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(e, "command");
        if (!cJSON_IsString(f))
            continue;
        db->entries++;
        const char *dir = cJSON_IsString(d) ? d->valuestring : "";
        char *joined = f->valuestring[0] == '/' || !*dir
                           ? mm_xstrdup(f->valuestring)
                           : mm_xasprintf("%s/%s", dir, f->valuestring);
        char *abs = realpath(joined, NULL);
        free(joined);
        if (!abs)
            continue;
        const char **argv = NULL;
        char **words = NULL;
        size_t argc = 0;
        if (cJSON_IsArray(args)) {
            argv = mm_xcalloc((size_t)cJSON_GetArraySize(args) + 1, sizeof *argv);
            for (const cJSON *a = args->child; a; a = a->next) {
                if (cJSON_IsString(a))
                    argv[argc++] = a->valuestring;
            }
        } else if (cJSON_IsString(cmd)) {
            words = mm_ccdb_split(cmd->valuestring, &argc);
            argv = mm_xcalloc(argc + 1, sizeof *argv);
            for (size_t k = 0; k < argc; k++)
                argv[k] = words[k];
        }
        mm_ccmd c;
        memset(&c, 0, sizeof c);
        mm_ccdb_translate(argv, argc, dir, &c);
        /* what the compiler adds without naming it, when the user allows asking it */
        size_t nsys = 0;
        char *const *sys =
            argc ? mm_driver_includes(drivers, argv, argc, dir, cxx_source(abs), &nsys) : NULL;
        for (size_t k = 0; k < nsys; k++)
            add_isystem(&c, sys[k]);
        for (size_t k = 0; k < ninc; k++)
            add_isystem(&c, toolchain_includes[k]);
        c.file = abs;
        c.dir = mm_xstrdup(dir);
        db->dropped += c.dropped;
        if (c.dropped_names) {
            /* the distinct names, for the notice */
            char *copy = mm_xstrdup(c.dropped_names);
            for (char *tok = strtok(copy, ", "); tok && nex < 6; tok = strtok(NULL, ", ")) {
                bool seen = false;
                if (ex.len) {
                    char *hay = mm_xasprintf(", %s, ", ex.data);
                    char *needle = mm_xasprintf(", %s, ", tok);
                    seen = strstr(hay, needle) != NULL;
                    free(hay);
                    free(needle);
                }
                if (!seen)
                    mm_buf_printf(&ex, "%s%s", nex++ ? ", " : "", tok);
            }
            free(copy);
        }
        mm_vec_push(&cmds, c);
        for (size_t k = 0; words && k < argc; k++)
            free(words[k]);
        free(words);
        free(argv);
    }
    mm_sort(cmds.v, cmds.n, sizeof *cmds.v, cmp_cmd);
    /* a file compiled twice (two targets of one build): its first command in file order is
     * kept; the sort is not stable, so keep the lowest original index */
    size_t k = 0;
    for (size_t i = 0; i < cmds.n; i++) {
        if (k && !strcmp(cmds.v[k - 1].file, cmds.v[i].file)) {
            mm_ccmd_free(&cmds.v[i]);
            continue;
        }
        cmds.v[k++] = cmds.v[i];
    }
    db->cmds = cmds.v;
    db->ncmds = k;
    db->dropped_examples = ex.len ? mm_xstrdup(ex.data) : NULL;
    mm_buf_free(&ex);
    db->toolchain_includes = mm_xcalloc(ninc + 1, sizeof *db->toolchain_includes);
    for (size_t i = 0; i < ninc; i++)
        db->toolchain_includes[i] = mm_xstrdup(toolchain_includes[i]);
    db->ntoolchain_includes = ninc;
    if (mm_driver_note(drivers))
        db->driver_note = mm_xstrdup(mm_driver_note(drivers));
    mm_driver_memo_free(drivers);
    mm_json_free(&doc);
    free(text);
    return db;
}

void mm_ccdb_free(mm_ccdb *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < db->ncmds; i++)
        mm_ccmd_free(&db->cmds[i]);
    free(db->cmds);
    for (size_t i = 0; i < db->ntoolchain_includes; i++)
        free(db->toolchain_includes[i]);
    free(db->toolchain_includes);
    free(db->dropped_examples);
    free(db->driver_note);
    free(db->path);
    free(db);
}

const mm_ccmd *mm_ccdb_find(const mm_ccdb *db, const char *abs)
{
    if (!db || !abs)
        return NULL;
    size_t lo = 0, hi = db->ncmds;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(db->cmds[mid].file, abs);
        if (c == 0)
            return &db->cmds[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

char *mm_ccdb_discover(const char *root)
{
    static const char *const places[] = {"build/compile_commands.json", "compile_commands.json"};
    for (size_t i = 0; i < MM_ARRAY_LEN(places); i++) {
        char *p = mm_xasprintf("%s/%s", root, places[i]);
        if (is_file(p))
            return p;
        free(p);
    }
    /* PlatformIO: .pio/build/<env>/compile_commands.json, the first environment by name */
    char *pio = mm_xasprintf("%s/.pio/build", root);
    DIR *d = opendir(pio);
    char *best = NULL;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char *p = mm_xasprintf("%s/%s/compile_commands.json", pio, e->d_name);
            if (is_file(p) && (!best || strcmp(p, best) < 0)) {
                free(best);
                best = p;
            } else {
                free(p);
            }
        }
        closedir(d);
    }
    free(pio);
    return best;
}
