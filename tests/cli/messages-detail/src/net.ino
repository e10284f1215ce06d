#include <PubSubClient.h>
#include <BLEDevice.h>
WiFiClient net;
PubSubClient mqtt(net);
BLESecurity *pSecurity;

void setup() {
    mqtt.setServer("broker.example-cloud.com", 1883);
    mqtt.subscribe("lamp/cmd");
    pSecurity->setStaticPIN(123456);
}
