#include <WiFi.h>

// the product's own sketch: its setup AP password is in every unit
// mamori-expect: cred-hardcoded-password
const char *ap_password = "river-lamp-42";

void setup()
{
    WiFi.softAP("sensor-setup", ap_password);
}

void loop() {}
