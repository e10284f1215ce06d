/* Fixture for unsafe-memset-secret: memset/bzero of a secret-named local that is not used
 * again (a dead store the optimiser may remove). Clearing before use, caller-owned memory,
 * static buffers, loops and other names are not findings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void load_key(uint8_t *k);
void use_key(const uint8_t *k);
int check_password(const char *p);
void explicit_bzero(void *p, size_t n);
void mbedtls_platform_zeroize(void *p, size_t n);

struct wifi {
    char ssid[33];
    char psk[64];
};

struct secret_ctx {
    uint8_t k[32];
};

int derive(void)
{
    uint8_t key[32];
    load_key(key);
    use_key(key);
    // mamori-expect: unsafe-memset-secret@warning
    memset(key, 0, sizeof key);
    return 0;
}

int login(void)
{
    char password[64];
    int ok = check_password(password);
    // mamori-expect: unsafe-memset-secret
    bzero(password, sizeof(password));
    return ok;
}

void join(void)
{
    struct wifi cfg;
    load_key((uint8_t *)cfg.psk);
    // mamori-expect: unsafe-memset-secret
    memset(cfg.psk, 0, sizeof cfg.psk);
}

void context(void)
{
    struct secret_ctx ctx_secret;
    use_key(ctx_secret.k);
    // mamori-expect: unsafe-memset-secret
    memset(&ctx_secret,
           0, sizeof ctx_secret);
}

void heap_key(void)
{
    uint8_t *priv_key = malloc(32);
    load_key(priv_key);
    /* the memory is freed right after: the store is dead too */
    // mamori-expect: unsafe-memset-secret
    memset(priv_key, 0, 32);
    free(priv_key);
    priv_key = NULL;
}

void init_then_use(void)
{
    uint8_t key[32];
    /* clearing before the buffer is filled is not a wipe */
    // mamori-ok: unsafe-memset-secret
    memset(key, 0, sizeof key);
    load_key(key);
    use_key(key);
    // mamori-ok: unsafe-memset-secret
    explicit_bzero(key, sizeof key);
}

void caller_owned(uint8_t *key, struct wifi *w)
{
    /* the caller's memory outlives this function: the store stays */
    // mamori-ok: unsafe-memset-secret
    memset(key, 0, 32);
    // mamori-ok: unsafe-memset-secret
    memset(w->psk, 0, sizeof w->psk);
}

void pointer_not_freed(struct secret_ctx *c)
{
    uint8_t *key = c->k;
    use_key(key);
    /* a local pointer to someone else's buffer: the store stays */
    // mamori-ok: unsafe-memset-secret
    memset(key, 0, sizeof c->k);
}

void static_buffer(void)
{
    static uint8_t session_key[16];
    use_key(session_key);
    // mamori-ok: unsafe-memset-secret
    memset(session_key, 0, sizeof session_key);
}

void in_loop(int n)
{
    uint8_t key[16];
    for (int i = 0; i < n; i++) {
        load_key(key);
        use_key(key);
        // mamori-ok: unsafe-memset-secret
        memset(key, 0, sizeof key);
    }
}

void other_names(void)
{
    uint8_t buf[16];
    uint8_t public_key[64];
    size_t key_len = 0;
    use_key(buf);
    use_key(public_key);
    // mamori-ok: unsafe-memset-secret
    memset(buf, 0, sizeof buf);
    // mamori-ok: unsafe-memset-secret
    memset(public_key, 0, sizeof public_key);
    // mamori-ok: unsafe-memset-secret
    memset(&key_len, 0, sizeof key_len);
}

void right_wipe(void)
{
    uint8_t key[32];
    load_key(key);
    // mamori-ok: unsafe-memset-secret
    mbedtls_platform_zeroize(key, sizeof key);
    // mamori-ok: unsafe-memset-secret
    const char *doc = "memset(key, 0, n) may be removed";
    (void)doc;
}

/* In a macro body the buffer is the macro's parameter: whether it is a dying local is only
 * known where the macro is used. */
// mamori-ok: unsafe-memset-secret
#define WIPE_KEY(k) memset((k), 0, sizeof(k))
