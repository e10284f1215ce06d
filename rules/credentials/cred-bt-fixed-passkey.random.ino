// a passkey drawn at run time and shown on the display: per boot, not a universal default
#include <NimBLEDevice.h>

void setup() {
  uint32_t pk = esp_random() % 1000000;
  display.printf("PIN %06u", pk);
  // mamori-ok: cred-bt-fixed-passkey
  NimBLEDevice::setSecurityPasskey(pk);
}

void loop() {}
