// Arduino-ESP32 BLE and NimBLE-Arduino: a static PIN for every unit
#include <BLEDevice.h>
#include <NimBLEDevice.h>

void setup() {
  BLESecurity *pSecurity = new BLESecurity();
  // mamori-expect: cred-bt-fixed-passkey
  pSecurity->setStaticPIN(123456);
  // mamori-expect: cred-bt-fixed-passkey
  pSecurity->setPassKey(true, 654321);
  // mamori-ok: cred-bt-fixed-passkey
  pSecurity->setPassKey(false, 0);
  // mamori-expect: cred-bt-fixed-passkey
  NimBLEDevice::setSecurityPasskey(123456);
  // mamori-ok: cred-bt-fixed-passkey
  NimBLEDevice::setSecurityAuth(true, true, true);
}

void loop() {}
