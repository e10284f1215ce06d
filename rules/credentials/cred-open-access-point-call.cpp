// Arduino access points started open, and with a passphrase.
#include <WiFi.h>

extern const char *labelPassphrase;

void startSetupAp(const char *ssid)
{
    // mamori-expect: cred-open-access-point-call
    WiFi.softAP(ssid);
    // mamori-expect: cred-open-access-point-call
    WiFi.softAP(ssid, NULL);
    // mamori-expect: cred-open-access-point-call
    WiFi.softAP(ssid, "", 6);
    // mamori-ok: cred-open-access-point-call
    WiFi.softAP(ssid, labelPassphrase);
    // mamori-ok: cred-open-access-point-call
    WiFi.softAPConfig(IPAddress(192, 168, 4, 1), IPAddress(192, 168, 4, 1), IPAddress(255, 255, 255, 0));
}
