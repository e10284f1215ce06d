// The web server: the upload handler hands each chunk to ota.cpp; the request handler reboots.
#include <ESPAsyncWebServer.h>
#include "ota.h"

AsyncWebServer server(80);
const char ROUTE_UPDATE[] PROGMEM = "/update";

void web_init() {
  // mamori-expect: update-unauthenticated-endpoint (signed images, but anyone may upload them)
  server.on(ROUTE_UPDATE, HTTP_POST, [](AsyncWebServerRequest *request) {
    request->send(200, "text/plain", ota_failed() ? "FAIL" : "OK, rebooting");
    ota_reboot_later();
  }, [](AsyncWebServerRequest *request, String filename, size_t index, uint8_t *data, size_t len, bool final) {
    ota_chunk(index, data, len, final);
  });
  server.begin();
}
