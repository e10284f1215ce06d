// Network OTA started without a password, and with an empty one.
#include <ArduinoOTA.h>

void setup_ota() {
  ArduinoOTA.setHostname("livingroom");
  // mamori-expect: update-arduinoota-no-password update-unverified-image
  ArduinoOTA.begin();
}

void setup_ota_empty() {
  ArduinoOTA.setPassword("");
  // mamori-expect: update-arduinoota-no-password update-unverified-image
  ArduinoOTA.begin(true);
}

void loop() {
  ArduinoOTA.handle();
}
