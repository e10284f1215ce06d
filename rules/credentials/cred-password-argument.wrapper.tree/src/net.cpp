// The project's own functions that pass a parameter on as a credential (issue 21, item 2).
#include <Arduino.h>
#include <WiFi.h>
#include <string.h>
#include "esp_wifi.h"
#include "mqtt_client.h"

void connect_wifi(const char *ssid, const char *pass)
{
    WiFi.begin(ssid, pass);
}

void join(String ssid, String pass)
{
    WiFi.begin(ssid.c_str(), pass.c_str());
}

void wifi_sta(const char *ssid, const char *pw)
{
    wifi_config_t c = {0};
    strlcpy((char *)c.sta.ssid, ssid, sizeof c.sta.ssid);
    strlcpy((char *)c.sta.password, pw, sizeof c.sta.password);
    esp_wifi_set_config(WIFI_IF_STA, &c);
}

void mqtt_start(const char *user, const char *secret)
{
    esp_mqtt_client_config_t cfg = {
        .credentials = {.username = user, .authentication = {.password = secret}},
    };
    esp_mqtt_client_init(&cfg);
}

// a parameter that goes somewhere else than a credential
void set_hostname(const char *name)
{
    WiFi.setHostname(name);
}

void log_line(const char *tag, const char *text)
{
    Serial.print(tag);
    Serial.println(text);
}

// a local copy of the parameter is not followed (one step: the parameter as it is)
void connect_copy(const char *ssid, const char *pass)
{
    const char *p = pass;
    WiFi.begin(ssid, p);
}
