/* The same client, naming its server. */
#include "mbedtls/ssl.h"

int client_connect(mbedtls_ssl_context *ssl, mbedtls_ssl_config *conf)
{
    mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                MBEDTLS_SSL_PRESET_DEFAULT);
    // mamori-ok: crypto-mbedtls-no-hostname
    mbedtls_ssl_setup(ssl, conf);
    mbedtls_ssl_set_hostname(ssl, "api.example.com");
    return mbedtls_ssl_handshake(ssl);
}
