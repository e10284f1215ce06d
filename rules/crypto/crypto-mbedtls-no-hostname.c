/* A client that verifies the chain but never says which server it expects. */
#include "mbedtls/ssl.h"

int client_connect(mbedtls_ssl_context *ssl, mbedtls_ssl_config *conf, mbedtls_x509_crt *ca)
{
    mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                MBEDTLS_SSL_PRESET_DEFAULT);
    mbedtls_ssl_conf_ca_chain(conf, ca, NULL);
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    /* mbedtls_ssl_set_hostname(ssl, "api.example.com"); is only a comment here */
    // mamori-expect: crypto-mbedtls-no-hostname
    mbedtls_ssl_setup(ssl, conf);
    return mbedtls_ssl_handshake(ssl);
}
