// ESP8266 sketch that pulls firmware over HTTP.
#include <ESP8266WiFi.h>
#include <ESP8266httpUpdate.h>

#define FW_URL "http://updates.example.com/esp8266.bin"
#define FW_URL_TLS "https://updates.example.com/esp8266.bin"
// the old server was http://old.example.com/fw.bin (only a comment)

WiFiClient client;
BearSSL::WiFiClientSecure secure;

void check_for_update() {
  // mamori-expect: update-arduino-http-url update-unverified-image
  ESPhttpUpdate.update(client, "http://updates.example.com/esp8266.bin");
  // mamori-expect: update-arduino-http-url
  ESPhttpUpdate.update(client, FW_URL, "1.0.3");
  // mamori-expect: update-arduino-http-url
  ESPhttpUpdate.updateFS(client, "HTTP://updates.example.com/fs.bin");
  // mamori-expect: update-arduino-http-url
  ESPhttpUpdate.update("updates.example.com", 80, "/esp8266.bin");
  // mamori-ok: update-arduino-http-url
  ESPhttpUpdate.update(secure, FW_URL_TLS);
  // mamori-ok: update-arduino-http-url
  ESPhttpUpdate.update(secure, url_from_settings);
}

void esp32_style() {
  // mamori-expect: update-arduino-http-url update-unverified-image
  httpUpdate.update(client, "http://updates.example.com/esp32.bin");
}
