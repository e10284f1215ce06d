/* A REST handler of the project's own: one registration for /api/, the request's URL compared
 * inside (OpenBK7231T_App's shape). The OTA and the raw flash routes write images with no login;
 * the config route only stores settings. */
#include <string.h>
#include "http.h"

static int rest_post(http_request_t *request)
{
    if (!strcmp(request->url, "api/reboot"))
        return rest_reboot(request);
    // mamori-expect: update-unauthenticated-endpoint
    if (!strcmp(request->url, "api/ota"))
        return hal_ota_post(request, OTA_START, OTA_END);
    // mamori-ok: update-unauthenticated-endpoint
    if (!strcmp(request->url, "api/config"))
        return config_save(request);
    // mamori-ok: update-unauthenticated-endpoint
    if (!strcmp(request->url, "api/ota_login")) {
        if (!http_basic_auth_check(request))
            return http_error(request, 401);
        return hal_ota_post(request, OTA_START, OTA_END);
    }
    return 0;
}

static int rest_reboot(http_request_t *request)
{
    (void)request;
    hal_reboot_module();
    return 0;
}

void rest_init(void)
{
    http_register_callback("/api/", HTTP_POST, rest_post);
}
