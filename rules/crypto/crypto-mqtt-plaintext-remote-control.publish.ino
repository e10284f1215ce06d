// a client that only publishes (telemetry) takes no commands: not this rule's
#include <WiFi.h>
#include <PubSubClient.h>

WiFiClient net;
PubSubClient mqtt(net);

void setup()
{
    // mamori-ok: crypto-mqtt-plaintext-remote-control
    mqtt.setServer("broker.hivemq.com", 1883);
}

void loop()
{
    mqtt.publish("lamp/temperature", "21.5");
}
