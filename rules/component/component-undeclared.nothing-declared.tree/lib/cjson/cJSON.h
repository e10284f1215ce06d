/* a vendored copy: the version macros name it */
// mamori-ok: component-undeclared
#define CJSON_VERSION_MAJOR 1
#define CJSON_VERSION_MINOR 7
#define CJSON_VERSION_PATCH 18
