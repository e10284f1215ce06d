/* once the project has an SBOM, a component missing from it is an error */
// mamori-expect: component-undeclared@error
#define CJSON_VERSION_MAJOR 1
#define CJSON_VERSION_MINOR 7
#define CJSON_VERSION_PATCH 18
