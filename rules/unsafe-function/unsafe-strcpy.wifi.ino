// Fixture for unsafe-strcpy and unsafe-sprintf (issue 11): what Arduino's WiFi object gives is
// bounded: an SSID is at most 32 bytes (IEEE 802.11), a MAC address 17 characters, RSSI a
// signed byte of dBm
#include <WiFi.h>

void list_networks(int n)
{
    for (int i = 0; i < n; i++) {
        char ssidStr[33];
        // mamori-ok: unsafe-strcpy
        strcpy(ssidStr, WiFi.SSID(i).c_str());
        char rssiStr[8];
        // mamori-ok: unsafe-sprintf
        sprintf(rssiStr, "%d", WiFi.RSSI(i));
        char mac[18];
        // mamori-ok: unsafe-strcpy
        strcpy(mac, WiFi.macAddress().c_str());
        char shortSsid[16];
        // mamori-expect: unsafe-strcpy@warning
        strcpy(shortSsid, WiFi.SSID(i).c_str());
    }
}
