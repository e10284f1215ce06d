// Arduino: a Wi-Fi station placeholder, sent to the network, never compared
// mamori-ok: cred-default-password
const char *password = "password";
const char *ssid = "your-ssid";

void setup() {
  WiFi.begin(ssid, password);
}
