/* a client that only publishes takes no commands */
#include "mqtt_client.h"

void start_telemetry(void)
{
    esp_mqtt_client_config_t cfg = {
        /* mamori-ok: crypto-esp-mqtt-plaintext-remote-control */
        .broker.address.uri = "mqtt://mqtt.eclipseprojects.io",
    };
    esp_mqtt_client_handle_t c = esp_mqtt_client_init(&cfg);
    esp_mqtt_client_start(c);
    esp_mqtt_client_publish(c, "dev/42/temp", "21.5", 0, 1, 0);
}
