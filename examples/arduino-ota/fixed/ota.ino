// ESP32 greenhouse controller with over-the-air updates.
#include <ArduinoOTA.h>
#include <HTTPClient.h>
#include <HTTPUpdate.h>
#include <Preferences.h>
#include <Update.h>
#include <WebServer.h>
#include <WiFi.h>
#include <WiFiClientSecure.h>

#include "update_keys.h"  // the API server's CA and the vendor's update-signing public key

Preferences prefs;
String ota_user, ota_pass;  // the update page's login, provisioned per device
char status_line[32];
WebServer server(80);
WiFiClientSecure api;
// Every image must carry a signature made with the vendor's private key, which never leaves
// the release machine (Arduino-ESP32 3.3+, built with -DUPDATE_SIGN).
UpdaterRSAVerifier update_verifier(update_signing_pubkey_der, sizeof update_signing_pubkey_der,
                                   HASH_SHA256);

void handle_upload() {
  if (!server.authenticate(ota_user.c_str(), ota_pass.c_str()))
    return;  // the request handler answers 401
  HTTPUpload &upload = server.upload();
  if (upload.status == UPLOAD_FILE_START) {
    Update.installSignature(&update_verifier);
    Update.begin(UPDATE_SIZE_UNKNOWN);
  } else if (upload.status == UPLOAD_FILE_WRITE) {
    Update.write(upload.buf, upload.currentSize);
  } else if (upload.status == UPLOAD_FILE_END) {
    Update.end(true);  // fails unless the signature checks out
  }
}

void setup() {
  Serial.begin(115200);
  // Wi-Fi and OTA secrets are provisioned per device, not compiled into every unit.
  prefs.begin("secrets", true);
  String ssid = prefs.getString("ssid");
  String pass = prefs.getString("pass");
  String ota_hash = prefs.getString("ota_hash");
  ota_user = prefs.getString("ota_user");
  ota_pass = prefs.getString("ota_pass");
  WiFi.begin(ssid.c_str(), pass.c_str());
  ArduinoOTA.setPasswordHash(ota_hash.c_str());
  ArduinoOTA.begin();
  api.setCACert(api_server_ca_pem);
  server.on("/update", HTTP_POST, []() {
    if (!server.authenticate(ota_user.c_str(), ota_pass.c_str()))
      return server.requestAuthentication();
    server.send(200);
  }, handle_upload);
  server.begin();
}

void report(const char *zone, int temp) {
  snprintf(status_line, sizeof status_line, "zone %s: %d C", zone, temp);
  Serial.println(status_line);
  HTTPClient http;
  http.begin(api, "https://api.example.com/greenhouse/readings");
  http.POST(status_line);
  http.end();
}

void check_for_update() {
  Update.installSignature(&update_verifier);
  httpUpdate.update(api, "https://updates.example.com/greenhouse.bin");
}

void loop() {
  ArduinoOTA.handle();
  server.handleClient();
  report("north", 21);
  check_for_update();
}
