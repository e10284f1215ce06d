// ESP8266 web updater.
#include <ESP8266HTTPUpdateServer.h>
#include <ESP8266WebServer.h>

ESP8266WebServer server(80);
ESP8266HTTPUpdateServer httpUpdater;
ESP8266HTTPUpdateServer secured;

void setup() {
  /* the page takes unsigned images too: one update-unverified-image per function */
  // mamori-expect: update-web-updater-no-password update-unverified-image
  httpUpdater.setup(&server);
  // mamori-expect: update-web-updater-no-password
  httpUpdater.setup(&server, "/firmware");
  // mamori-expect: update-web-updater-no-password
  httpUpdater.setup(&server, "admin", "");
  // mamori-ok: update-web-updater-no-password
  secured.setup(&server, "/firmware", ota_user, ota_password);
  // mamori-ok: update-web-updater-no-password
  secured.setup(&server, ota_user, ota_password);
  /* another object's setup() is not the updater's */
  // mamori-ok: update-web-updater-no-password
  server.setup(&server);
  server.begin();
}
