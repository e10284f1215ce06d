/* Vendor SDK format macros whose headers are outside the tree (ESP-IDF, ESP8266, Beken,
 * Realtek): MACSTR with MAC2STR(mac) prints six bytes as 17 characters, IPSTR with IP2STR(ip)
 * four bytes as at most 15. */
#include <stdio.h>
#include <stdint.h>

void show_mac(const uint8_t *mac, const void *ip)
{
    char macstr[18];
    // mamori-ok: unsafe-sprintf (17 characters and the NUL)
    sprintf(macstr, MACSTR, MAC2STR(mac));
    char upper[18];
    // mamori-ok: unsafe-sprintf
    sprintf(upper, MAC_STR, MAC2STR(mac));
    char ipstr[16];
    // mamori-ok: unsafe-sprintf (at most 15 characters and the NUL)
    sprintf(ipstr, IPSTR, IP2STR(ip));
    char small[12];
    // mamori-expect: unsafe-sprintf (17 characters into 12)
    sprintf(small, MACSTR, MAC2STR(mac));
    char tagged[24];
    // mamori-expect: unsafe-sprintf (a %s of unknown length after the address)
    sprintf(tagged, MACSTR " %s", MAC2STR(mac), (const char *)ip);
}
