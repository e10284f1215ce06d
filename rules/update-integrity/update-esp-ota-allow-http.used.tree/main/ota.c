#include "esp_https_ota.h"

void update(const char *url)
{
    esp_http_client_config_t http = {.url = url, .crt_bundle_attach = esp_crt_bundle_attach};
    esp_https_ota_config_t cfg = {.http_config = &http};
    esp_https_ota(&cfg);
}
