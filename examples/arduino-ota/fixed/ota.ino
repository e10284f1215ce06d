// ESP32 greenhouse controller with over-the-air updates.
#include <ArduinoOTA.h>
#include <Preferences.h>
#include <WiFi.h>

Preferences prefs;
char status_line[32];

void setup() {
  Serial.begin(115200);
  // Wi-Fi and OTA secrets are provisioned per device, not compiled into every unit.
  prefs.begin("secrets", true);
  String ssid = prefs.getString("ssid");
  String pass = prefs.getString("pass");
  String ota_hash = prefs.getString("ota_hash");
  WiFi.begin(ssid.c_str(), pass.c_str());
  ArduinoOTA.setPasswordHash(ota_hash.c_str());
  ArduinoOTA.begin();
}

void report(const char *zone, int temp) {
  snprintf(status_line, sizeof status_line, "zone %s: %d C", zone, temp);
  Serial.println(status_line);
}

void loop() {
  ArduinoOTA.handle();
  report("north", 21);
}
