// Fixture for cred-password-argument: Arduino / ESP library calls given a password literal.
// Signatures checked against arduino-esp32, the ESP8266 Arduino core, PubSubClient,
// ESPAsyncWebServer and Blynk. Every password below is made up for this test.
#include <WiFi.h>
#include <WiFiMulti.h>
#include <WiFiClientSecure.h>
#include <ArduinoOTA.h>
#include <PubSubClient.h>
#include <WebServer.h>
#include <HTTPUpdateServer.h>
#include <Preferences.h>

const char *ssid = "fixture-net";
WiFiMulti wifiMulti;
WiFiClient net;
WiFiClientSecure tls;
PubSubClient mqtt(net);
WebServer server(80);
HTTPUpdateServer httpUpdater;
Preferences prefs;

void setup() {
  // begin(ssid, passphrase, channel, bssid, connect): the passphrase is argument 1
  // mamori-expect: cred-password-argument
  WiFi.begin(ssid, "Arg7wifiPw1");
  // mamori-expect: cred-password-argument
  WiFi.begin("fixture-net", "Arg7wifiPw2", 6, NULL, true);
  // WiFiNINA / WiFi101 WEP: begin(ssid, keyIndex, key)
  // mamori-expect: cred-password-argument
  WiFi.begin(ssid, 0, "Arg7wepKey3");
  // WPA2-Enterprise: begin(ssid, method, identity, username, password, ...)
  // mamori-expect: cred-password-argument
  WiFi.begin("corp", WPA2_AUTH_PEAP, "anon", "fixture-user", "Arg7eapPw4");
  // mamori-expect: cred-password-argument
  WiFi.softAP("fixture-ap", "Arg7apPw5");
  // mamori-expect: cred-password-argument
  wifiMulti.addAP("fixture-net-2", "Arg7multiPw6");

  // mamori-expect: cred-password-argument
  ArduinoOTA.setPassword("Arg7otaPw7");
  // MD5("admin"): a hash of a universal default is a universal default (its own rule)
  // mamori-ok: cred-password-argument
  // mamori-expect: cred-default-password-argument
  ArduinoOTA.setPasswordHash("21232f297a57a5a743894a0e4a801fc3");
  // mamori-expect: cred-password-argument
  ArduinoOTA.setPasswordHash("5d41b2e07c39a8f1e6d4c0b9a7f3e218");

  // PubSubClient connect(id, user, pass) and connect(id, user, pass, willTopic, qos, retain, msg)
  // mamori-expect: cred-password-argument
  mqtt.connect("fixture-client", "device", "Arg7mqttPw8");
  // mamori-expect: cred-password-argument
  mqtt.connect("fixture-client", "device", "Arg7mqttPw9", "status", 1, true, "offline");
  // WiFiClientSecure TLS-PSK: connect(host, port, identity, psk) and setPreSharedKey(identity, psk)
  // mamori-expect: cred-password-argument
  tls.connect("broker.example.invalid", 8883, "fixture-id", "a1b2c3d4e5f60718293a4b5c6d7e8f90");
  // mamori-expect: cred-password-argument
  tls.setPreSharedKey("fixture-id", "0f1e2d3c4b5a69788796a5b4c3d2e1f0");

  // mamori-expect: cred-password-argument
  if (!server.authenticate("admin", "Arg7httpPw10")) {
    server.requestAuthentication();
  }
  // ESPAsyncWebServer handler.setAuthentication(user, pass); PsychicHttp adds method and realm
  // mamori-expect: cred-password-argument
  server.on("/admin", HTTP_GET, handleAdmin).setAuthentication("admin", "Arg7asyncPw15");
  // mamori-expect: cred-password-argument
  psychicHandler->setAuthentication("admin", "Arg7psyPw16", DIGEST_AUTH, "fixture");
  // HTTPUpdateServer setup(server, user, pass) and setup(server, path, user, pass)
  // mamori-expect: cred-password-argument update-unverified-image
  httpUpdater.setup(&server, "admin", "Arg7updPw11");
  // mamori-expect: cred-password-argument
  httpUpdater.setup(&server, "/firmware", "admin", "Arg7updPw12");
  // mamori-expect: cred-password-argument
  httpUpdater.updateCredentials("admin", "Arg7updPw13");
  // Blynk.begin(auth, ssid, pass)
  // mamori-expect: cred-password-argument
  Blynk.begin(blynkAuth, ssid, "Arg7blynkPw14");
}

void traps() {
  String pass = prefs.getString("wifi_pass");
  // values read at run time
  // mamori-ok: cred-password-argument
  WiFi.begin(ssid, pass.c_str());
  // mamori-ok: cred-password-argument
  WiFi.begin("open-network");
  // an open access point has no password to leak (cred-open-access-point-call judges it)
  // mamori-ok: cred-password-argument
  // mamori-expect: cred-open-access-point-call
  WiFi.softAP("fixture-setup-ap");
  // mamori-ok: cred-password-argument
  // mamori-expect: cred-open-access-point-call
  WiFi.softAP("fixture-setup-ap", "");
  // mamori-ok: cred-password-argument
  WiFi.begin(ssid, "your_password");
  // mamori-ok: cred-password-argument
  wifiMulti.addAP("fixture-net", "YOUR_WIFI_PASSWORD");
  // mamori-ok: cred-password-argument
  ArduinoOTA.setPassword(prefs.getString("ota_pass").c_str());
  // connect(id, willTopic, willQos, willRetain, willMessage): argument 2 is the will QoS
  // mamori-ok: cred-password-argument
  mqtt.connect("fixture-client", "status", 1, true, "offline");
  // a plain TCP connect(host, port) has no credential
  // mamori-ok: cred-password-argument
  net.connect("broker.example.invalid", 1883);
  // setup(server, path): no credentials at all (a missing password is another rule's business)
  // mamori-ok: cred-password-argument
  // mamori-expect: update-web-updater-no-password update-unverified-image
  httpUpdater.setup(&server, "/update");
  // the overload decides which argument is the password: here the user name is a literal
  // mamori-ok: cred-password-argument
  httpUpdater.setup(&server, "/firmware", "admin", pass);
  // mamori-ok: cred-password-argument
  tls.connect("broker.example.invalid", 8883, "fixture-id", pass.c_str());
  // the ESP8266 shield form Blynk.begin(auth, wifi, ssid, pass) puts the SSID at argument 2
  // mamori-ok: cred-password-argument
  Blynk.begin(blynkAuth, wifiShield, "fixture-net", pass);
  // other objects' begin() is not WiFi.begin()
  // mamori-ok: cred-password-argument
  mdns.begin("fixture-host", "fixture-instance");
}

void loop() {
  ArduinoOTA.handle();
  server.handleClient();
}
