// The verifier, installed once for every update (Arduino-ESP32 3.3+).
#include <Update.h>
#include "keys.h"

UpdaterRSAVerifier verifier(update_pubkey_der, sizeof update_pubkey_der, HASH_SHA256);

void setup() {
  Update.installSignature(&verifier);
}
