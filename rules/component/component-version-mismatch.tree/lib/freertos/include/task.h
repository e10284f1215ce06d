/* FreeRTOS writes "V10.5.1"; the SBOM says 10.5.1 */
// mamori-ok: component-version-mismatch
#define tskKERNEL_VERSION_NUMBER "V10.5.1"
