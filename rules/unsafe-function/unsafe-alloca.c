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

// mamori-expect: unsafe-alloca
#define STACK_BUF(n) alloca(n)
