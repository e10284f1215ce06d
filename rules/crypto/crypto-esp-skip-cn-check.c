/* ESP-IDF clients that skip the server certificate's host name check. */
#include <stdbool.h>
#include "esp_crt_bundle.h"
#include "esp_http_client.h"
#include "esp_tls.h"
#include "mqtt_client.h"

#define SKIP_CN true
#define KEEP_CN false

static esp_http_client_handle_t telemetry_client(void)
{
    esp_http_client_config_t cfg = {
        .url = "https://api.example.com/v1/telemetry",
        .crt_bundle_attach = esp_crt_bundle_attach,
        // mamori-expect: crypto-esp-skip-cn-check
        .skip_cert_common_name_check = true,
    };
    return esp_http_client_init(&cfg);
}

static void mqtt_v5(void)
{
    esp_mqtt_client_config_t mqtt = {
        .broker = {
            .address.uri = "mqtts://broker.example.com",
            .verification = {
                .crt_bundle_attach = esp_crt_bundle_attach,
                // mamori-expect: crypto-esp-skip-cn-check
                .skip_cert_common_name_check = 1,
            },
        },
    };
    esp_mqtt_client_init(&mqtt);
}

static void mqtt_v5_flat_designator(void)
{
    esp_mqtt_client_config_t mqtt = {
        .broker.address.uri = "mqtts://broker.example.com",
        .broker.verification.crt_bundle_attach = esp_crt_bundle_attach,
        // mamori-expect: crypto-esp-skip-cn-check
        .broker.verification.skip_cert_common_name_check = SKIP_CN,
    };
    esp_mqtt_client_init(&mqtt);
}

static void assigned_later(esp_tls_cfg_t *tls)
{
    esp_http_client_config_t cfg = {0};
    cfg.url = "https://api.example.com/";
    cfg.use_global_ca_store = true;
    // mamori-expect: crypto-esp-skip-cn-check
    cfg.skip_cert_common_name_check = true;
    esp_http_client_init(&cfg);
    // mamori-expect: crypto-esp-skip-cn-check
    tls->skip_common_name = true;
}

static void traps(void)
{
    esp_http_client_config_t ok = {
        .url = "https://api.example.com/",
        .crt_bundle_attach = esp_crt_bundle_attach,
        // mamori-ok: crypto-esp-skip-cn-check
        .skip_cert_common_name_check = false,
    };
    // mamori-ok: crypto-esp-skip-cn-check
    ok.skip_cert_common_name_check = KEEP_CN;
    /* skip_cert_common_name_check = true in a comment is not code */
    // mamori-ok: crypto-esp-skip-cn-check
    bool skip = ok.skip_cert_common_name_check == true;
    (void)skip;
    esp_http_client_init(&ok);
}

static void under_a_condition(void)
{
    esp_http_client_config_t cfg = {
        .url = "https://api.example.com/",
#ifdef CONFIG_APP_SKIP_CN_CHECK
        /* on the member's line, not on the #ifdef's; the message names the condition */
        // mamori-expect: crypto-esp-skip-cn-check
        .skip_cert_common_name_check = true,
#endif
        .timeout_ms = 5000,
    };
    esp_http_client_init(&cfg);
}
