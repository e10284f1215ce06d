// Per-device OTA password hash, provisioned at the factory.
#include <ArduinoOTA.h>
#include <Preferences.h>

Preferences prefs;

void apply_ota_password() {
  prefs.begin("secrets", true);
  ArduinoOTA.setPasswordHash(prefs.getString("ota_hash").c_str());
}
