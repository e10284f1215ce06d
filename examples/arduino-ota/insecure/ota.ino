// ESP32 greenhouse controller with over-the-air updates.
#include <ArduinoOTA.h>
#include <WiFi.h>

const char *ssid = "greenhouse";
const char *password = "tomato-2024";

char status_line[32];

void setup() {
  Serial.begin(115200);
  WiFi.begin(ssid, "tomato-2024");
  ArduinoOTA.setPassword("admin");
  ArduinoOTA.begin();
}

void report(const char *zone, int temp) {
  sprintf(status_line, "zone %s: %d C", zone, temp);
  Serial.println(status_line);
}

void loop() {
  ArduinoOTA.handle();
  report("north", 21);
}
