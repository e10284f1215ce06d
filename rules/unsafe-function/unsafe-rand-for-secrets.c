/* Fixture for unsafe-rand-for-secrets: rand() and friends are findings only when their value
 * goes to something named like a secret. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct session {
    uint32_t id;
    uint8_t key[16];
    uint32_t timeout_ms;
};

void set_session_id(struct session *s, uint32_t id);
void delay_ms(uint32_t ms);

void make_keys(struct session *s, uint8_t *iv, size_t n)
{
    uint8_t nonce[12];
    unsigned short xsubi[3] = {1, 2, 3};
    for (size_t i = 0; i < sizeof s->key; i++) {
        // mamori-expect: unsafe-rand-for-secrets@warning
        s->key[i] = (uint8_t)rand();
    }
    for (size_t i = 0; i < n; i++) {
        // mamori-expect: unsafe-rand-for-secrets
        iv[i] = rand() & 0xff;
    }
    // mamori-expect: unsafe-rand-for-secrets
    nonce[0] = (uint8_t)(random() >> 3);
    // mamori-expect: unsafe-rand-for-secrets
    uint32_t token = (uint32_t)lrand48();
    // mamori-expect: unsafe-rand-for-secrets
    uint32_t sessionId = (uint32_t)mrand48();
    // mamori-expect: unsafe-rand-for-secrets
    long salt = jrand48(xsubi);
    // mamori-expect: unsafe-rand-for-secrets
    set_session_id(s, (uint32_t)rand());
    // mamori-expect: unsafe-rand-for-secrets
    double challenge = drand48();
    // mamori-expect: unsafe-rand-for-secrets
    long otp = nrand48(xsubi) % 1000000;
    (void)token, (void)sessionId, (void)salt, (void)challenge, (void)otp, (void)nonce;
}

uint32_t make_token(void)
{
    // mamori-expect: unsafe-rand-for-secrets
    return (uint32_t)rand();
}

uint32_t pick_slot(void)
{
    // mamori-ok: unsafe-rand-for-secrets
    return (uint32_t)rand() % 8;
}

void backoff(struct session *s, int *values, size_t n)
{
    /* a delay, a test pattern, a retry jitter: not secrets */
    // mamori-ok: unsafe-rand-for-secrets
    delay_ms((uint32_t)(rand() % 6));
    // mamori-ok: unsafe-rand-for-secrets
    s->timeout_ms = 100 + rand() % 50;
    for (size_t i = 0; i < n; i++) {
        // mamori-ok: unsafe-rand-for-secrets
        values[i] = rand();
    }
    /* a key's length or index is not the key */
    // mamori-ok: unsafe-rand-for-secrets
    size_t key_len = (size_t)(rand() % 16);
    // mamori-ok: unsafe-rand-for-secrets
    int key_idx = rand() % 4;
    /* a public key is not a secret */
    // mamori-ok: unsafe-rand-for-secrets
    long public_key = random();
    // mamori-ok: unsafe-rand-for-secrets
    double keyboard_delay = drand48();
    // mamori-ok: unsafe-rand-for-secrets
    const char *doc = "key = rand() is predictable";
    (void)key_len, (void)key_idx, (void)public_key, (void)keyboard_delay, (void)doc;
}

struct rng {
    int (*rand)(void);
};

void member(struct rng *r, uint8_t *key)
{
    // mamori-ok: unsafe-rand-for-secrets
    key[0] = (uint8_t)r->rand();
}

/* a macro's body is its definition: at its uses, the value goes to what the use names, or to
 * what the macro's own name says */
// mamori-ok: unsafe-rand-for-secrets
#define NEW_NONCE() (uint32_t)rand()

void fresh(uint32_t *out)
{
    // mamori-expect: unsafe-rand-for-secrets
    uint32_t n = NEW_NONCE();
    // mamori-expect: unsafe-rand-for-secrets
    uint32_t session_token = NEW_NONCE();
    out[0] = n;
    out[1] = session_token;
}
