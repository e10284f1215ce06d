/* Temperature sensor node: joins Wi-Fi, reports readings over MQTT, takes commands. */
#include <stdio.h>
#include <string.h>

#include "esp_random.h"
#include "esp_wifi.h"
#include "mqtt_client.h"
#include "nvs.h"

#define MQTT_URI "mqtts://broker.example.com:8883"

static char device_name[32];

/* Credentials are provisioned per device into NVS at the factory, never compiled in. */
static void wifi_join(nvs_handle_t nvs)
{
    wifi_config_t cfg = {0};
    size_t len = sizeof cfg.sta.ssid;
    nvs_get_str(nvs, "wifi_ssid", (char *)cfg.sta.ssid, &len);
    len = sizeof cfg.sta.password;
    nvs_get_str(nvs, "wifi_pass", (char *)cfg.sta.password, &len);
    esp_wifi_set_config(WIFI_IF_STA, &cfg);
}

static void on_command(const char *topic, const char *payload)
{
    char reply[64];
    snprintf(device_name, sizeof device_name, "%s", payload);
    snprintf(reply, sizeof reply, "renamed to %s on %s", device_name, topic);
    printf("%s\n", payload);
    puts(reply);
}

static uint32_t session_token(void)
{
    return esp_random(); /* hardware RNG */
}

void app_main(void)
{
    nvs_handle_t nvs = 0;
    nvs_open("creds", NVS_READONLY, &nvs);
    wifi_join(nvs);
    printf("session %lu\n", (unsigned long)session_token());
    on_command("cmd/name", "sensor-7");
}
