/* lwIP's version is in numbers, not in LWIP_VERSION_STRING (which is built from them) */
// the note stands once, at the first component in path order (CMakeLists.txt)
// mamori-ok: component-sbom-missing
// (listed by the one component-sbom-missing finding)
// mamori-ok: component-undeclared
#define LWIP_VERSION_MAJOR      2
#define LWIP_VERSION_MINOR      2
#define LWIP_VERSION_REVISION   0
#define LWIP_VERSION_STRING     LWIP_VERSTR(LWIP_VERSION_MAJOR) "." LWIP_VERSTR(LWIP_VERSION_MINOR)
