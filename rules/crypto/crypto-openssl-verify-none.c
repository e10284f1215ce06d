/* OpenSSL and wolfSSL clients. */
#include <openssl/ssl.h>
#include <wolfssl/ssl.h>

#define NO_VERIFY SSL_VERIFY_NONE

void openssl_client(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    // mamori-expect: crypto-openssl-verify-none
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    SSL *ssl = SSL_new(ctx);
    // mamori-expect: crypto-openssl-verify-none
    SSL_set_verify(ssl, NO_VERIFY, NULL);
    // mamori-ok: crypto-openssl-verify-none
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    // mamori-ok: crypto-openssl-verify-none
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verify_cb);
}

void wolfssl_client(void)
{
    WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfTLSv1_3_client_method());
    // mamori-expect: crypto-openssl-verify-none
    wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, NULL);
    // mamori-expect: crypto-openssl-verify-none
    wolfSSL_set_verify(wolfSSL_new(ctx), 0, NULL);
}
