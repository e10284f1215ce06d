/* A server that does not ask for client certificates. */
#include <wolfssl/ssl.h>

void tls_server(void)
{
    WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfTLSv1_2_server_method());
    // mamori-ok: crypto-openssl-verify-none
    wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, NULL);
}
