/* Temperature sensor node: joins Wi-Fi, reports readings over MQTT, takes commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esp_wifi.h"
#include "mqtt_client.h"

#define WIFI_SSID "plant-floor"
#define WIFI_PASSWORD "Sens0r-Net-2024!"
#define MQTT_URI "mqtts://broker.example.com:8883"

static const char *AWS_ACCESS_KEY_ID = "AKIAZNU3NLO754JUOPFL";

static char device_name[32];

static void wifi_join(void)
{
    wifi_config_t cfg = {
        .sta = {
            .ssid = WIFI_SSID,
            .password = WIFI_PASSWORD,
        },
    };
    esp_wifi_set_config(WIFI_IF_STA, &cfg);
}

static void on_command(const char *topic, const char *payload)
{
    char reply[64];
    /* the name comes from the broker: any length */
    strcpy(device_name, payload);
    sprintf(reply, "renamed to %s on %s", device_name, topic);
    printf(payload);
    puts(reply);
}

static unsigned session_token(void)
{
    unsigned token = rand();
    return token;
}

void app_main(void)
{
    wifi_join();
    printf("session %u, key %s\n", session_token(), AWS_ACCESS_KEY_ID);
    on_command("cmd/name", "sensor-7");
}
