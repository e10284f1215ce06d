// Fixture for cred-default-password-argument: universal default passwords given to the calls
// that use them (issue 15, item 2).
#include <WiFi.h>
#include <ArduinoOTA.h>
#include <WebServer.h>
#include <PubSubClient.h>
#include <HTTPUpdateServer.h>

WebServer server(80);
HTTPUpdateServer httpUpdater;
WiFiClient net;
PubSubClient mqtt(net);
const char *ssid = "fixture-net";

void setup() {
  // mamori-expect: cred-default-password-argument
  ArduinoOTA.setPassword("admin");
  // mamori-expect: cred-default-password-argument
  WiFi.softAP("fixture-setup", "12345678");
  // mamori-expect: cred-default-password-argument
  WiFi.softAP("fixture-setup", "password");
  // mamori-expect: cred-default-password-argument
  ArduinoOTA.setPasswordHash("5f4dcc3b5aa765d61d8327deb882cf99");
  // mamori-expect: cred-default-password-argument
  if (!server.authenticate("admin", "admin")) {
    server.requestAuthentication();
  }
  // mamori-expect: cred-default-password-argument update-unverified-image
  httpUpdater.setup(&server, "/update", "admin", "changeme");
  // a station joining a network with a well-known password: one of the list all the same
  // mamori-expect: cred-default-password-argument
  WiFi.begin(ssid, "12345678");
  // mamori-expect: cred-default-password-argument
  mqtt.connect("fixture-client", "admin", "admin");
}

void traps() {
  // a placeholder for the user's own network or broker
  // mamori-ok: cred-default-password-argument
  WiFi.begin(ssid, "password");
  // mamori-ok: cred-default-password-argument
  mqtt.connect("fixture-client", "device", "changeme");
  // a fixed password that is not on the list: cred-password-argument reports it
  // mamori-ok: cred-default-password-argument
  // mamori-expect: cred-password-argument
  ArduinoOTA.setPassword("Ota9-lamp-42");
  // values read at run time
  // mamori-ok: cred-default-password-argument
  ArduinoOTA.setPassword(otaPass.c_str());
  // an open access point has no password (another class: cred-open-access-point-call)
  // mamori-ok: cred-default-password-argument
  // mamori-expect: cred-open-access-point-call
  WiFi.softAP("fixture-setup", "");
}

void loop() {}
