/* mmtest.h: the unit tests' assertions. A failed check prints where and what, and the test goes
 * on; main() returns MM_TEST_RESULT, nonzero when any check failed. No framework, no registry:
 * a test file is a main() calling its test functions in order. */
#ifndef MM_TEST_H
#define MM_TEST_H

#include <stdio.h>
#include <string.h>

static int mm_test_failures;
static int mm_test_checks;

#define CHECK(cond)                                                                           \
    do {                                                                                      \
        mm_test_checks++;                                                                     \
        if (!(cond)) {                                                                        \
            mm_test_failures++;                                                               \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond);                 \
        }                                                                                     \
    } while (0)

/* CHECK with a printf-style explanation of the values involved */
#define CHECKF(cond, ...)                                                                     \
    do {                                                                                      \
        mm_test_checks++;                                                                     \
        if (!(cond)) {                                                                        \
            mm_test_failures++;                                                               \
            fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond);                  \
            fprintf(stderr, __VA_ARGS__);                                                     \
            fputc('\n', stderr);                                                              \
        }                                                                                     \
    } while (0)

#define CHECK_INT(actual, expected)                                                           \
    do {                                                                                      \
        long long a_ = (long long)(actual), e_ = (long long)(expected);                       \
        CHECKF(a_ == e_, "%s is %lld, expected %lld", #actual, a_, e_);                      \
    } while (0)

#define CHECK_STR(actual, expected)                                                           \
    do {                                                                                      \
        const char *a_ = (actual), *e_ = (expected);                                          \
        CHECKF(a_ && e_ && strcmp(a_, e_) == 0, "%s is \"%s\", expected \"%s\"", #actual,    \
               a_ ? a_ : "(null)", e_ ? e_ : "(null)");                                       \
    } while (0)

/* byte strings that may hold NULs: actual (pointer, length) against a literal */
#define CHECK_MEM(actual, alen, expected)                                                     \
    do {                                                                                      \
        const char *a_ = (actual);                                                            \
        size_t al_ = (alen), el_ = sizeof(expected) - 1;                                      \
        CHECKF(al_ == el_ && (el_ == 0 || memcmp(a_, (expected), el_) == 0),                  \
               "%s has %zu bytes \"%.*s\", expected %zu bytes \"%s\"", #actual, al_,          \
               (int)al_, a_ ? a_ : "", el_, (expected));                                      \
    } while (0)

#define MM_TEST_RESULT                                                                        \
    (fprintf(stderr, "%s: %d checks, %d failed\n", __FILE__, mm_test_checks,                  \
             mm_test_failures),                                                               \
     mm_test_failures ? 1 : 0)

/* A valid UTF-8 text (no invalid, overlong, surrogate or out-of-range sequence)? */
static inline int mm_test_utf8_valid(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i], len, cp, min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0)
            len = 2, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            len = 3, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            len = 4, cp = c & 0x07, min = 0x10000;
        else
            return 0;
        if (i + len > n)
            return 0;
        for (unsigned k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

#endif
