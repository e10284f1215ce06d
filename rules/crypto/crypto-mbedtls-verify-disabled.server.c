/* A TLS server that does not ask clients for certificates: normal. */
#include "mbedtls/ssl.h"

void tls_server_setup(mbedtls_ssl_config *conf)
{
    mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM,
                                MBEDTLS_SSL_PRESET_DEFAULT);
    // mamori-ok: crypto-mbedtls-verify-disabled
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_NONE);
}
