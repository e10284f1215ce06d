// The password is set in another file (config.cpp) before begin(); the image is still unsigned.
#include <ArduinoOTA.h>
#include "config.h"

void ota_start() {
  apply_ota_password();
  // mamori-ok: update-arduinoota-no-password
  // mamori-expect: update-unverified-image
  ArduinoOTA.begin();
}
