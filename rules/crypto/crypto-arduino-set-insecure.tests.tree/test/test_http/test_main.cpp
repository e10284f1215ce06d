// A PlatformIO unit test against a local server with a self-signed certificate.
#include <HTTPClient.h>
#include <WiFiClientSecure.h>
#include <unity.h>

void test_post_to_local_server(void) {
  WiFiClientSecure client;
  // mamori-ok: crypto-arduino-set-insecure
  client.setInsecure();
  HTTPClient http;
  TEST_ASSERT_TRUE(http.begin(client, "https://192.168.1.2:8443/"));
}
