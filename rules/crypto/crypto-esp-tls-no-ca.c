/* ESP-IDF clients that make TLS connections with nothing to verify the server against. */
#include <string.h>
#include "esp_crt_bundle.h"
#include "esp_http_client.h"
#include "esp_tls.h"
#include "mqtt_client.h"

#define API_URL "https://api.example.com/v1"
#define LOCAL_URL "http://192.168.4.1/status"

extern const char server_ca_pem_start[] asm("_binary_server_ca_pem_start");

static void https_without_ca(void)
{
    // mamori-expect: crypto-esp-tls-no-ca
    esp_http_client_config_t cfg = {
        .url = "https://api.example.com/v1/telemetry",
    };
    esp_http_client_init(&cfg);
}

static void url_through_define(void)
{
    // mamori-expect: crypto-esp-tls-no-ca
    esp_http_client_config_t cfg = {0};
    cfg.url = API_URL;
    esp_http_client_init(&cfg);
}

static void ssl_transport(void)
{
    // mamori-expect: crypto-esp-tls-no-ca
    esp_http_client_config_t cfg = {
        .host = "api.example.com",
        .path = "/v1",
        .transport_type = HTTP_TRANSPORT_OVER_SSL,
        .cert_pem = NULL,
    };
    esp_http_client_init(&cfg);
}

static void mqtt_v4(void)
{
    // mamori-expect: crypto-esp-tls-no-ca
    const esp_mqtt_client_config_t mqtt = {
        .uri = "mqtts://broker.example.com:8883",
        .client_cert_pem = "client certificate, not a CA",
    };
    esp_mqtt_client_init(&mqtt);
}

static void mqtt_v5_client_cert_is_not_a_ca(void)
{
    // mamori-expect: crypto-esp-tls-no-ca
    esp_mqtt_client_config_t mqtt = {
        .broker.address.uri = "mqtts://broker.example.com",
        .credentials.authentication.certificate = "client certificate",
    };
    esp_mqtt_client_init(&mqtt);
}

static void raw_esp_tls(void)
{
    // mamori-expect: crypto-esp-tls-no-ca
    esp_tls_cfg_t tls = {
        .timeout_ms = 5000,
    };
    esp_tls_conn_new_sync("api.example.com", 15, 443, &tls, esp_tls_init());
}

static void good(esp_http_client_config_t *from_caller)
{
    // mamori-ok: crypto-esp-tls-no-ca
    esp_http_client_config_t bundle = {
        .url = "https://api.example.com/",
        .crt_bundle_attach = esp_crt_bundle_attach,
    };
    // mamori-ok: crypto-esp-tls-no-ca
    esp_http_client_config_t own_ca = {0};
    own_ca.url = API_URL;
    own_ca.cert_pem = server_ca_pem_start;
    // mamori-ok: crypto-esp-tls-no-ca
    esp_mqtt_client_config_t mqtt5 = {
        .broker.address.uri = "mqtts://broker.example.com",
        .broker.verification.certificate = server_ca_pem_start,
    };
    // mamori-ok: crypto-esp-tls-no-ca
    esp_mqtt_client_config_t mqtt5_nested = {
        .broker = { .address = { .uri = "mqtts://broker.example.com" },
                    .verification = { .use_global_ca_store = true } },
    };
    // mamori-ok: crypto-esp-tls-no-ca
    esp_tls_cfg_t tls = { .cacert_buf = (const unsigned char *)server_ca_pem_start };
    esp_http_client_init(&bundle);
    esp_http_client_init(&own_ca);
    esp_mqtt_client_init(&mqtt5);
    esp_mqtt_client_init(&mqtt5_nested);
    (void)tls;
    (void)from_caller;
}

static void not_tls_or_not_known(const char *url_from_nvs, const esp_http_client_config_t *tmpl)
{
    /* plain HTTP: nothing to verify (cleartext is another question) */
    // mamori-ok: crypto-esp-tls-no-ca
    esp_http_client_config_t local = { .url = LOCAL_URL };
    // mamori-ok: crypto-esp-tls-no-ca
    esp_mqtt_client_config_t plain = { .broker.address.uri = "mqtt://10.0.0.2" };
    /* the URL is only known at run time */
    // mamori-ok: crypto-esp-tls-no-ca
    esp_http_client_config_t runtime = { .url = url_from_nvs };
    /* filled somewhere else: not judged */
    // mamori-ok: crypto-esp-tls-no-ca
    esp_http_client_config_t copied = { .url = "https://api.example.com/" };
    copied = *tmpl;
    // mamori-ok: crypto-esp-tls-no-ca
    esp_http_client_config_t positional = { "https://api.example.com/" };
    /* a parser that looks for a PEM marker is not a CA either way */
    const char *marker = strstr(url_from_nvs, "-----BEGIN CERTIFICATE-----");
    (void)marker;
    esp_http_client_init(&local);
    esp_mqtt_client_init(&plain);
    esp_http_client_init(&runtime);
    esp_http_client_init(&copied);
    esp_http_client_init(&positional);
}
