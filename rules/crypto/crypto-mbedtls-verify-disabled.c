/* Mbed TLS client configurations. */
#include "mbedtls/ssl.h"

#define TLS_VERIFY_MODE MBEDTLS_SSL_VERIFY_NONE
#define TLS_VERIFY_LATER TLS_VERIFY_MODE
/* a #define that is never used is not a finding */
#define UNUSED_MODE MBEDTLS_SSL_VERIFY_NONE

static mbedtls_ssl_config conf;

void tls_client_setup(void)
{
    mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                MBEDTLS_SSL_PRESET_DEFAULT);
    // mamori-expect: crypto-mbedtls-verify-disabled
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE);
    // mamori-expect: crypto-mbedtls-verify-disabled
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_OPTIONAL);
    // mamori-expect: crypto-mbedtls-verify-disabled
    mbedtls_ssl_conf_authmode(&conf, TLS_VERIFY_LATER);
    // mamori-expect: crypto-mbedtls-verify-disabled
    mbedtls_ssl_conf_authmode(&conf, 0);
    // mamori-ok: crypto-mbedtls-verify-disabled
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    /* mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE); in a comment */
    // mamori-ok: crypto-mbedtls-verify-disabled
    mbedtls_ssl_conf_authmode(&conf, mode_from_settings());
}
