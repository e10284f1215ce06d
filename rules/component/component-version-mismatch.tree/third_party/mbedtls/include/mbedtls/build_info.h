// mamori-expect: component-version-mismatch
#define MBEDTLS_VERSION_STRING         "3.6.2"
