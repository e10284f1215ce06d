/* A client that lets the handshake finish and checks the result itself (as libcurl does). */
#include <openssl/ssl.h>

int connect_checked(SSL_CTX *ctx, SSL *ssl)
{
    // mamori-expect: crypto-openssl-verify-none@note
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    if (SSL_connect(ssl) != 1)
        return -1;
    return SSL_get_verify_result(ssl) == X509_V_OK ? 0 : -1;
}
