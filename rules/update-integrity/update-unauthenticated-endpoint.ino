// ESPAsyncWebServer: the upload handler writes the image; one route asks for a login first.
#include <ESPAsyncWebServer.h>
#include <Update.h>

AsyncWebServer server(80);
extern const char *ota_user, *ota_pass;

void setup() {
  // mamori-expect: update-unauthenticated-endpoint
  server.on("/update", HTTP_POST, [](AsyncWebServerRequest *request) {
    request->send(200, "text/plain", Update.hasError() ? "FAIL" : "OK");
    ESP.restart();
  }, [](AsyncWebServerRequest *request, String filename, size_t index, uint8_t *data, size_t len, bool final) {
    if (!index)
      Update.begin(UPDATE_SIZE_UNKNOWN);
    // mamori-expect: update-unverified-image
    Update.write(data, len);
    if (final)
      Update.end(true);
  });
  // mamori-ok: update-unauthenticated-endpoint
  server.on("/update2", HTTP_POST, [](AsyncWebServerRequest *request) {
    request->send(200);
  }, [](AsyncWebServerRequest *request, String filename, size_t index, uint8_t *data, size_t len, bool final) {
    if (!request->authenticate(ota_user, ota_pass))
      return request->requestAuthentication();
    if (!index)
      Update.begin(UPDATE_SIZE_UNKNOWN);
    // mamori-expect: update-unverified-image
    Update.write(data, len);
    if (final)
      Update.end(true);
  });
  server.begin();
}
