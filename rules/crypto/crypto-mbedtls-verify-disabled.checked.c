/* OPTIONAL with the result checked by the application: a note, not an error. */
#include "mbedtls/ssl.h"

int connect_checked(mbedtls_ssl_context *ssl, mbedtls_ssl_config *conf)
{
    mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                MBEDTLS_SSL_PRESET_DEFAULT);
    // mamori-expect: crypto-mbedtls-verify-disabled@note
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_OPTIONAL);
    int ret = mbedtls_ssl_handshake(ssl);
    if (ret == 0 && mbedtls_ssl_get_verify_result(ssl) != 0)
        return -1;
    return ret;
}
