#include <WiFi.h>
void joinNetwork(const char *ssid, const char *pass) {
    WiFi.begin(ssid, pass);
}
void setup() {
    joinNetwork("office", "Tr4nsp0rt-Bl1ss");
}
