/* Mbed TLS 2.28 LTS: its support ended on 2024-12-31 */
// mamori-expect: component-support-ended
#define MBEDTLS_VERSION_STRING         "2.28.9"
