/* after the fix of CJSON-2023-0001 (fixed 1.7.17); CJSON-2024-0009 is withdrawn */
// mamori-ok: component-known-advisory
#define CJSON_VERSION_MAJOR 1
#define CJSON_VERSION_MINOR 7
#define CJSON_VERSION_PATCH 18
