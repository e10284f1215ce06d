/* A format macro of a project header is read as the literal it stands for: MACSTR gives 17
 * characters whatever the caller's buffer, so a copy into a parameter is a note; a %s of
 * outside text through such a macro stays a warning. */
#include <stdio.h>
#include <stdint.h>
#include "hal_wifi.h"

char *get_mac(char *macstr, const uint8_t *mac)
{
    // mamori-expect: unsafe-sprintf@note (17 characters into the caller's buffer)
    sprintf(macstr, MACSTR, MAC2STR(mac));
    char small[12];
    // mamori-expect: unsafe-sprintf@warning (17 characters into 12)
    sprintf(small, MACSTR, MAC2STR(mac));
    return macstr;
}

void topic(char *out, const char *client)
{
    // mamori-expect: unsafe-sprintf@warning (a client id of any length)
    sprintf(out, TOPIC_FMT, client);
}
