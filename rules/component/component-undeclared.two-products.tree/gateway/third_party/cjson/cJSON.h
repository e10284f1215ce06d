/* the gateway's SBOM does not list it: an error there */
// mamori-expect: component-undeclared@error
#define CJSON_VERSION_MAJOR 1
#define CJSON_VERSION_MINOR 7
#define CJSON_VERSION_PATCH 18
