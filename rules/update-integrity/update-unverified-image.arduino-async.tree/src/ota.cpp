// The Arduino Update class behind the web upload (web.cpp).
#include <Update.h>

static bool reboot_pending;

void ota_chunk(size_t index, uint8_t *data, size_t len, bool final) {
  if (index == 0)
    Update.begin(UPDATE_SIZE_UNKNOWN);
  // mamori-expect: update-unverified-image
  Update.write(data, len);
  if (final)
    Update.end(true);
}

bool ota_failed() {
  return Update.hasError();
}

void ota_reboot_later() {
  reboot_pending = true;
}

void ota_loop() {
  if (reboot_pending)
    ESP.restart();
}
