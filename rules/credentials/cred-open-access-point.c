/* ESP-IDF access points left open, and the settings that are not the device's own AP. */
#include <string.h>
#include "esp_wifi.h"

#define SETUP_AUTH WIFI_AUTH_OPEN

void start_setup_ap(void)
{
    wifi_config_t ap = {
        .ap = {
            .ssid = "Sensor-Setup",
            .channel = 1,
            // mamori-expect: cred-open-access-point
            .authmode = WIFI_AUTH_OPEN,
            .max_connection = 4,
        },
    };
    esp_wifi_set_config(WIFI_IF_AP, &ap);
}

void start_ap_by_assignment(void)
{
    wifi_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.ap.channel = 1;
    // mamori-expect: cred-open-access-point
    cfg.ap.authmode = SETUP_AUTH;
    esp_wifi_set_config(WIFI_IF_AP, &cfg);
}

void start_protected_ap(void)
{
    wifi_config_t cfg = {
        // mamori-ok: cred-open-access-point
        .ap = { .authmode = WIFI_AUTH_WPA2_PSK, .max_connection = 1 },
    };
    esp_wifi_set_config(WIFI_IF_AP, &cfg);
}

void join_any_network(void)
{
    wifi_config_t sta = {
        /* the weakest network the station joins: not the device's own AP */
        // mamori-ok: cred-open-access-point
        .sta = { .threshold = { .authmode = WIFI_AUTH_OPEN } },
    };
    esp_wifi_set_config(WIFI_IF_STA, &sta);
}
