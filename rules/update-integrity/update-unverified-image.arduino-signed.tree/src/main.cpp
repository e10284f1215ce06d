// ESP8266 signed updates: the verifier is installed once and checks every image Update.end takes.
#include <Updater_Signing.h>
#include "keys.h"

BearSSL::PublicKey signPubKey(update_pubkey);
BearSSL::HashSHA256 hash;
BearSSL::SigningVerifier sign(&signPubKey);

void setup() {
  Update.installSignature(&hash, &sign);
  web_init();
}
