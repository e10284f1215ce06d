#include "globals.h"
#include <string.h>

void save_settings(void)
{
    char oldSSID[33];
    // mamori-ok: unsafe-strcpy (same declared size: 32 characters and the NUL)
    strcpy(oldSSID, apSSID);
    char topic[128];
    // mamori-ok: unsafe-strcpy (33 into 128)
    strcpy(topic, deviceTopic);
    char small[64];
    // mamori-expect: unsafe-strcpy (up to 128 characters into 64)
    strcpy(small, longTopic);
}
