// ESP32 sketch whose updater gets a client without TLS.
#include <HTTPUpdate.h>
#include <WiFi.h>
#include <WiFiClientSecure.h>

WiFiClient plain;
WiFiClientSecure tls;
NetworkClient net;

void update_from(const String &url) {
  // mamori-expect: update-arduino-plain-client update-unverified-image
  httpUpdate.update(plain, "updates.example.com", 80, "/fw.bin");
  // mamori-expect: update-arduino-plain-client
  httpUpdate.update(net, url);
  // mamori-ok: update-arduino-plain-client
  httpUpdate.update(tls, "https://updates.example.com/fw.bin");
  /* an http:// literal is update-arduino-http-url's finding, not this one's */
  // mamori-expect: update-arduino-http-url
  httpUpdate.update(plain, "http://updates.example.com/fw.bin");
}

void local_client() {
  WiFiClientSecure client;
  client.setCACert(root_ca);
  /* TLS, but the image is still unsigned */
  // mamori-ok: update-arduino-plain-client
  // mamori-expect: update-unverified-image
  httpUpdate.update(client, "https://updates.example.com/fw.bin");
}
