/* cpp.h: a preprocessor view of one C/C++ file, for the tree-sitter tier. Not a C preprocessor:
 * it reads the directives (conditional structure with its conditions, object- and function-like
 * macros, includes), evaluates the conditions it can (defined(), integer constant expressions,
 * the file's own macros and those of the project headers it includes, CONFIG_ symbols of the
 * configuration the tree resolves) and answers questions about places and names: is this line
 * compiled, what does this macro stand for, what is this constant expression worth. It never
 * expands macros in code; what it cannot decide it says it cannot (README: what it does not do). */
#ifndef MM_CPP_H
#define MM_CPP_H

#include "front/clex.h"

/* A #define (or an #undef) of the file or of a header it includes. */
typedef struct mm_ppmacro {
    const char *name;
    const char *file;      /* path of the file that defines it */
    uint32_t off;          /* its '#' */
    int nparams;           /* -1: object-like */
    const char **params;
    bool variadic;         /* `...` or GNU `args...` (then the last param is that name) */
    const char *src;       /* the text body's tokens index */
    const mm_ctok *body;
    uint32_t nbody;
    uint8_t state;         /* mm_cond_state of the branch it lies in */
    bool undef;            /* #undef NAME */
    bool is_default;       /* right after `#ifndef NAME`: a default the build may override */
    int32_t prev_same;     /* the index of the previous definition of the same name, or -1 */
} mm_ppmacro;

typedef struct mm_ppinclude {
    const char *name;      /* as written between the quotes or brackets */
    bool quoted;
    uint32_t off;
    uint8_t state;
} mm_ppinclude;

typedef struct mm_ppview mm_ppview;

/* The view of f, built on first use (in f's arena). Files of the tree (f->cproject set) see the
 * macros of the project headers they include; a header the project loads sees only its own. */
const mm_ppview *mm_pp_get(mm_file *f);
/* Builds the view of a header the project loads: its own macros and the configuration of its
 * place, no includes followed (cproject.c). */
void mm_pp_build_header(mm_file *f, struct mm_cproject *p);

/* Frees what the view of f holds outside its arena (the file is done). */
void mm_pp_release(mm_file *f);

/* How the place at off is built (mm_cond_state) and, when not plainly, why: the function
 * mm_file.cond_at points to. */
int mm_pp_cond_at(mm_file *f, uint32_t off, const char **why);

/* The regions of conditional compilation (also left in f->cf->regions). */
const mm_cregion *mm_pp_regions(mm_file *f, uint32_t *n);

/* The macros of f (in file order) and its includes. */
const mm_ppmacro *mm_pp_macros(const mm_ppview *v, uint32_t *n);
const mm_ppinclude *mm_pp_includes(const mm_ppview *v, uint32_t *n);
/* The project headers f includes, directly or not (breadth first, at most a few hundred). */
mm_file *const *mm_pp_closure(mm_file *f, uint32_t *n);

/* The definitions of `name` that may apply in f: the file's own that are not dead code (all of
 * them, in order), else those of the first included header that has some. *n is how many; NULL
 * when none is known. */
const mm_ppmacro *const *mm_pp_lookup(mm_file *f, const char *name, size_t len, uint32_t *n);

/* The same in the view of a header (mm_cproject_view), in f's arena; no closure followed. */
const mm_ppmacro *const *mm_pp_lookup_in(mm_file *f, const mm_ppview *v, const char *name,
                                         size_t len, uint32_t *n);

/* The value of an integer constant expression of f ("64", "LEN + 1", "sizeof(\"abc\")",
 * "(10)*sizeof(char)"): macros of the file and its headers (one definition, or several that
 * agree), sizeof of literals, of fixed-width and character types, and of the names sizeof_ident
 * knows (NULL: none). False when it is not known. */
typedef bool (*mm_pp_sizeof_fn)(void *arg, const char *name, int64_t *bytes);
bool mm_pp_int(mm_file *f, const char *text, size_t len, mm_pp_sizeof_fn sizeof_ident, void *arg,
               int64_t *out);
/* The same over tokens of `src` (a macro body, part of the file). */
bool mm_pp_int_toks(mm_file *f, const char *src, const mm_ctok *t, uint32_t n,
                    mm_pp_sizeof_fn sizeof_ident, void *arg, int64_t *out);
/* sizeof a type written as text ("uint8_t", "char", "unsigned short"), or -1. */
int64_t mm_pp_type_size(const char *type);

#endif
