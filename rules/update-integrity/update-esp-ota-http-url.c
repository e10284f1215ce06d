/* esp_https_ota fed an http:// URL (only works with CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP=y). */
#include "esp_crt_bundle.h"
#include "esp_https_ota.h"

#define OTA_URL "http://192.168.1.10:8070/firmware.bin"
#define OTA_URL_TLS "https://ota.example.com/firmware.bin"
/* the old server was http://ota.example.com/firmware.bin (a comment is not a URL) */
#define UNUSED_URL "http://unused.example.com/fw.bin"

static esp_http_client_config_t shared_http = {
    // mamori-expect: update-esp-ota-http-url
    .url = "http://ota.example.com/shared.bin",
};

void ota_task(void *arg)
{
    (void)arg;
    esp_http_client_config_t http = {
        // mamori-expect: update-esp-ota-http-url
        .url = OTA_URL,
    };
    esp_https_ota_config_t ota = { .http_config = &http };
    /* no secure boot configured beside this file: the image is unsigned too */
    // mamori-expect: update-unverified-image
    esp_https_ota(&ota);
}

void ota_assigned(void)
{
    esp_http_client_config_t http = {0};
    // mamori-expect: update-esp-ota-http-url
    http.url = "HTTP://ota.example.com/upper.bin";
    esp_https_ota_config_t ota = { .http_config = &http };
    esp_https_ota_handle_t h;
    esp_https_ota_begin(&ota, &h);
}

void ota_good(void)
{
    esp_http_client_config_t http = {
        // mamori-ok: update-esp-ota-http-url
        .url = OTA_URL_TLS,
        .crt_bundle_attach = esp_crt_bundle_attach,
    };
    esp_https_ota_config_t ota = { .http_config = &http };
    // mamori-expect: update-unverified-image
    esp_https_ota(&ota);
    (void)shared_http;
}
