/* declared as "v1.7.18": the same version */
// mamori-ok: component-version-mismatch
#define CJSON_VERSION_MAJOR 1
#define CJSON_VERSION_MINOR 7
#define CJSON_VERSION_PATCH 18
