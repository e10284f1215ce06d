/* Fixture for unsafe-alloca. */
#include <alloca.h>
#include <stdint.h>
#include <string.h>

void *alloca(size_t size);

struct hdr {
    uint16_t len;
};

struct pool {
    void *(*alloca)(size_t);
};

void frame(const struct hdr *h, struct pool *p)
{
    // mamori-expect: unsafe-alloca@warning
    uint8_t *buf = alloca(h->len);
    // mamori-expect: unsafe-alloca
    char *tmp = __builtin_alloca(
        (size_t)h->len + 1);
    // mamori-ok: unsafe-alloca
    uint8_t *q = p->alloca(16);
    // mamori-ok: unsafe-alloca
    const char *doc = "alloca(n) cannot fail";
    (void)buf, (void)tmp, (void)q, (void)doc;
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-alloca
#define STACK_BUF(n) alloca(n)
/* a macro that renames it, one per #if branch (MSVC spells it _alloca) */
#ifdef _WIN32
#define ALLOCA _alloca
#else
#define ALLOCA alloca
#endif

void through_macros(size_t n)
{
    // mamori-expect: unsafe-alloca
    char *a = STACK_BUF(n);
    // mamori-expect: unsafe-alloca
    char *b = (char *)ALLOCA(n);
    (void)a, (void)b;
}
