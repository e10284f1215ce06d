/* libclang.h: libclang, loaded when the deep tier first needs it. Linking it would load LLVM
 * (about 57 MB of resident memory and 80 ms of relocation) into every run, most of which never
 * see a compilation database: a history scan, a pre-commit hook. The library is the one the
 * build found (MAMORI_LIBCLANG_PATH), opened with dlopen on first use; its functions are called
 * through one table, under their own names (lc->clang_visitChildren(...)). */
#ifndef MM_LIBCLANG_H
#define MM_LIBCLANG_H

#include <clang-c/Index.h>

#define MM_LIBCLANG_FUNCTIONS(X)                                                                   \
    X(clang_Cursor_Evaluate) X(clang_Cursor_getArgument) X(clang_Cursor_getNumArguments)           \
    X(clang_Cursor_isNull) X(clang_Cursor_isVariadic) X(clang_EvalResult_dispose)                  \
    X(clang_EvalResult_getAsLongLong) X(clang_EvalResult_getAsStr)                                 \
    X(clang_EvalResult_getAsUnsigned) X(clang_EvalResult_getKind)                                  \
    X(clang_EvalResult_isUnsignedInt) X(clang_File_isEqual) X(clang_Location_isFromMainFile)       \
    X(clang_createIndex) X(clang_disposeDiagnostic) X(clang_disposeIndex)                          \
    X(clang_disposeSourceRangeList) X(clang_disposeString) X(clang_disposeTranslationUnit)         \
    X(clang_getArrayElementType) X(clang_getArraySize) X(clang_getCString)                         \
    X(clang_getClangVersion) X(clang_getCursorExtent) X(clang_getCursorKind)                       \
    X(clang_getCursorLocation) X(clang_getCursorReferenced) X(clang_getCursorSpelling)             \
    X(clang_getCursorType) X(clang_getDiagnostic) X(clang_getDiagnosticLocation)                   \
    X(clang_getDiagnosticSeverity) X(clang_getDiagnosticSpelling) X(clang_getFile)                 \
    X(clang_getFileLocation) X(clang_getFileName) X(clang_getInclusions) X(clang_getNullCursor)     \
    X(clang_getNumDiagnostics) X(clang_getPointeeType) X(clang_getRangeEnd)                        \
    X(clang_getRangeStart) X(clang_getSkippedRanges) X(clang_getTranslationUnitCursor)             \
    X(clang_getTypeSpelling) X(clang_isConstQualifiedType) X(clang_isCursorDefinition)             \
    X(clang_parseTranslationUnit2) X(clang_visitChildren)

typedef struct mm_libclang {
#define MM_LIBCLANG_FIELD(name) __typeof__(name) *name;
    MM_LIBCLANG_FUNCTIONS(MM_LIBCLANG_FIELD)
#undef MM_LIBCLANG_FIELD
} mm_libclang;

/* The library's functions, loaded once for the process (any thread may ask first); NULL when it
 * cannot be loaded, with *why saying why (dlerror's words, or the missing function). */
const mm_libclang *mm_libclang_load(const char **why);

/* The library file's identity (its path, size and modification time) without loading it: what
 * a cached deep result is keyed by, so that a run whose units all come from the cache never
 * loads LLVM. "" when the file is not there. */
const char *mm_libclang_identity(void);

#endif
