// Fixture for cred-hardcoded-password in an Arduino sketch (C++). Every value is made up.
#include <WiFi.h>
#include <Preferences.h>

// arduino_secrets.h style
// mamori-expect: cred-hardcoded-password
#define SECRET_PASS "Ino7secretPass1"
// mamori-expect: cred-hardcoded-password
String password = "Ino7stringPw2";
// mamori-expect: cred-hardcoded-password
String mqttPassword("Ino7ctorPw3");
// mamori-expect: cred-hardcoded-password
const char wifiPass[] PROGMEM = "Ino7progmemPw4";
// mamori-expect: cred-hardcoded-password
std::string apPassword{"Ino7bracedPw5"};

// a placeholder that says so
// mamori-ok: cred-hardcoded-password
constexpr char exampleWiFiPassword[] PROGMEM = "ChangeThisWiFiPassword_TODO";

class MqttSettings {
  // mamori-expect: cred-hardcoded-password
  const char *password = "Ino7memberPw6";
  const char *user = "fixture";
};

Preferences prefs;

void setup() {
  // mamori-expect: cred-hardcoded-password
  this_settings.adminPassword = "Ino7assignPw7";
  // values read at run time are the fix, not a finding
  // mamori-ok: cred-hardcoded-password
  String stored = prefs.getString("password", "");
  // mamori-ok: cred-hardcoded-password
  password = prefs.getString("wifi_pass");
  // mamori-ok: cred-hardcoded-password
  String passwordLabel = "Password";
  // mamori-ok: cred-hardcoded-password
  const char *passwordPrompt = "Enter password: ";
}

void loop() {}
