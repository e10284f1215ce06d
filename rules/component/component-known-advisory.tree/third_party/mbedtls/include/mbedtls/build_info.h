/* inside the SEMVER range of MBEDTLS-2024-0001 (introduced 3.0.0, fixed 3.5.2) */
// mamori-expect: component-known-advisory
#define MBEDTLS_VERSION_STRING         "3.5.0"
