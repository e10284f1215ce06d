/* LWIP-2020-0001 ends at last_affected 2.1.2 */
// mamori-ok: component-known-advisory
#define LWIP_VERSION_MAJOR      2
#define LWIP_VERSION_MINOR      1
#define LWIP_VERSION_REVISION   3
