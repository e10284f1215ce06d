// ESP8266 web updater.
#include <ESP8266HTTPUpdateServer.h>
#include <ESP8266WebServer.h>

ESP8266WebServer server(80);
ESP8266HTTPUpdateServer httpUpdater;
ESP8266HTTPUpdateServer secured;

void setup() {
  // mamori-expect: update-arduino-update-server-no-auth
  httpUpdater.setup(&server);
  // mamori-expect: update-arduino-update-server-no-auth
  httpUpdater.setup(&server, "/firmware");
  // mamori-expect: update-arduino-update-server-no-auth
  httpUpdater.setup(&server, "admin", "");
  // mamori-ok: update-arduino-update-server-no-auth
  secured.setup(&server, "/firmware", ota_user, ota_password);
  // mamori-ok: update-arduino-update-server-no-auth
  secured.setup(&server, ota_user, ota_password);
  /* another object's setup() is not the updater's */
  // mamori-ok: update-arduino-update-server-no-auth
  server.setup(&server);
  server.begin();
}
