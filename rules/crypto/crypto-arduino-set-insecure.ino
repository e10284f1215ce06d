// An ESP32 sketch that posts readings over HTTPS.
#include <HTTPClient.h>
#include <WiFiClientSecure.h>

WiFiClientSecure client;
std::unique_ptr<BearSSL::WiFiClientSecure> secure(new BearSSL::WiFiClientSecure);

void setup() {
  // mamori-expect: crypto-arduino-set-insecure
  client.setInsecure();
  // mamori-expect: crypto-arduino-set-insecure
  secure->setInsecure();
  // client.setInsecure();  (a comment: not a finding)
  // mamori-ok: crypto-arduino-set-insecure
  client.setCACert(root_ca);
}

void loop() {
  HTTPClient https;
  https.begin(client, "https://api.example.com/readings");
  https.POST("{}");
}

// A library's own wrapper passing the call on is not where the choice is made.
class SecureClient {
 public:
  void setInsecure() {
    // mamori-ok: crypto-arduino-set-insecure
    _ctx.setInsecure();
  }
 private:
  BearSSL::WiFiClientSecureCtx _ctx;
};
