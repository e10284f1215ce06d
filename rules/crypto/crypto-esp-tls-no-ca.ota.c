/* A file that runs esp_https_ota: its HTTP client configuration is TLS, whatever its URL. */
#include "esp_crt_bundle.h"
#include "esp_https_ota.h"
#include "mqtt_client.h"

static void ota_from_kconfig_url(void)
{
    // mamori-expect: crypto-esp-tls-no-ca
    esp_http_client_config_t http = {
        .url = CONFIG_FIRMWARE_UPGRADE_URL,
    };
    esp_https_ota_config_t ota = { .http_config = &http };
    // mamori-expect: update-unverified-image (no secure boot configured beside this file)
    esp_https_ota(&ota);
}

static void ota_good(void)
{
    // mamori-ok: crypto-esp-tls-no-ca
    esp_http_client_config_t http = {
        .url = CONFIG_FIRMWARE_UPGRADE_URL,
        .crt_bundle_attach = esp_crt_bundle_attach,
    };
    esp_https_ota_config_t ota = { .http_config = &http };
    // mamori-expect: update-unverified-image (no secure boot configured beside this file)
    esp_https_ota(&ota);
}

static void other_configs_in_an_ota_file(const char *uri)
{
    /* the OTA file's MQTT client is judged by its own URI, which is only known at run time */
    // mamori-ok: crypto-esp-tls-no-ca
    esp_mqtt_client_config_t mqtt = { .broker.address.uri = uri };
    esp_mqtt_client_init(&mqtt);
}
