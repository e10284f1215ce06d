// ESP8266: a password and signed images (the verifier installed once, for every update).
#include <ArduinoOTA.h>
#include <Updater_Signing.h>
#include "keys.h"

BearSSL::PublicKey signPubKey(update_pubkey);
BearSSL::HashSHA256 hash;
BearSSL::SigningVerifier sign(&signPubKey);

void setup() {
  Update.installSignature(&hash, &sign);
  ArduinoOTA.setPasswordHash(OTA_HASH_FROM_PROVISIONING);
  // mamori-ok: update-arduinoota-no-password update-unverified-image
  ArduinoOTA.begin();
}
