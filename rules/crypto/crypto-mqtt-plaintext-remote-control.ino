// Fixture for crypto-mqtt-plaintext-remote-control (issue 21, item 6). Hosts are made up.
#include <WiFi.h>
#include <PubSubClient.h>

#define CLOUD_HOST "iot.lamp-cloud.example"
#define CLOUD_PORT 1883

WiFiClient net;
PubSubClient mqtt(net);

void on_command(char *topic, byte *payload, unsigned int len)
{
    digitalWrite(2, payload[0] == '1' ? HIGH : LOW);
}

void setup()
{
    // mamori-expect: crypto-mqtt-plaintext-remote-control
    mqtt.setServer("broker.hivemq.com", 1883);
    // mamori-expect: crypto-mqtt-plaintext-remote-control
    mqtt.setServer(CLOUD_HOST, CLOUD_PORT);
    // mamori-expect: crypto-mqtt-plaintext-remote-control
    mqtt.setServer("52.29.31.4", 1883);
    // a broker on the local network, or a LAN name
    // mamori-ok: crypto-mqtt-plaintext-remote-control
    mqtt.setServer("192.168.1.10", 1883);
    // mamori-ok: crypto-mqtt-plaintext-remote-control
    mqtt.setServer("homeassistant.local", 1883);
    // mamori-ok: crypto-mqtt-plaintext-remote-control
    mqtt.setServer("mosquitto", 1883);
    // mamori-ok: crypto-mqtt-plaintext-remote-control
    mqtt.setServer("localhost", 1883);
    // the TLS port
    // mamori-ok: crypto-mqtt-plaintext-remote-control
    mqtt.setServer("broker.hivemq.com", 8883);
    // a broker the user configures: not known here
    // mamori-ok: crypto-mqtt-plaintext-remote-control
    mqtt.setServer(settings.mqtt_host, 1883);
    mqtt.setCallback(on_command);
    mqtt.subscribe("lamp/cmd");
}
