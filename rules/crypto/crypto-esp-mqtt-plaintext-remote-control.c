/* Fixture for crypto-esp-mqtt-plaintext-remote-control (issue 21, item 6). Hosts are made up. */
#include "esp_crt_bundle.h"
#include "mqtt_client.h"

static void on_event(void *arg, esp_event_base_t base, int32_t id, void *data)
{
    esp_mqtt_event_handle_t ev = data;
    if (id == MQTT_EVENT_CONNECTED)
        esp_mqtt_client_subscribe(ev->client, "dev/42/cmd", 1);
}

void start_cloud(void)
{
    esp_mqtt_client_config_t cfg = {
        /* mamori-expect: crypto-esp-mqtt-plaintext-remote-control */
        .broker.address.uri = "mqtt://mqtt.eclipseprojects.io",
    };
    esp_mqtt_client_config_t legacy = {
        /* mamori-expect: crypto-esp-mqtt-plaintext-remote-control */
        .uri = "mqtt://user:pw@iot.lamp-cloud.example:1883",
    };
    esp_mqtt_client_config_t lan = {
        /* mamori-ok: crypto-esp-mqtt-plaintext-remote-control */
        .broker.address.uri = "mqtt://192.168.4.2:1883",
    };
    esp_mqtt_client_config_t tls = {
        /* mamori-ok: crypto-esp-mqtt-plaintext-remote-control */
        .broker.address.uri = "mqtts://mqtt.eclipseprojects.io",
        .broker.verification.crt_bundle_attach = esp_crt_bundle_attach,
    };
    esp_mqtt_client_handle_t c = esp_mqtt_client_init(&cfg);
    esp_mqtt_client_register_event(c, ESP_EVENT_ANY_ID, on_event, NULL);
    esp_mqtt_client_start(c);
    (void)legacy;
    (void)lan;
    (void)tls;
}
