// mamori-ok: component-undeclared
#define MBEDTLS_VERSION_STRING "3.6.2"
