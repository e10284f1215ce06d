// Signed updates: the image is authenticated even over HTTP.
#include <ESP8266httpUpdate.h>

BearSSL::HashSHA256 hash;
BearSSL::SigningVerifier *sign;

void check_for_update(WiFiClient &client) {
  Update.installSignature(&hash, sign);
  // mamori-ok: update-arduino-http-url
  ESPhttpUpdate.update(client, "http://updates.example.com/esp8266.bin");
}
