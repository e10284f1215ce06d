/* Sizes through the project's getters: the text of a call of a function defined in another
 * file is as long as the longest string that function returns. */
#include <stdio.h>
#include <string.h>
#include "cfg.h"

char g_hassBuffer[192];

void topics(int index)
{
    // mamori-ok: unsafe-sprintf (at most 63 + 23 characters into 192)
    sprintf(g_hassBuffer, "cmnd/%s/TargetTemperature", CFG_GetMQTTClientId());
    const char *name = CFG_GetDeviceName();
    char id[75];
    // mamori-ok: unsafe-sprintf (at most 63 + 6 characters into 75, through a local)
    sprintf(id, "%s_light", name);
    // mamori-expect: unsafe-sprintf@warning (an int of 11 characters: 63 + 18 into 75)
    sprintf(id, "%s_%s_%d", name, "light", index);
    // mamori-expect: unsafe-sprintf@warning (511 characters into 192)
    sprintf(g_hassBuffer, "cmnd/%s/x", CFG_GetBig());
    // mamori-expect: unsafe-sprintf@warning (no bound on what it returns)
    sprintf(g_hassBuffer, "cmnd/%s/x", CFG_GetOther());
    char small[40];
    // mamori-expect: unsafe-strcpy@warning (63 characters into 40)
    strcpy(small, CFG_GetDeviceName());
    char copy[64];
    // mamori-ok: unsafe-strcpy
    strcpy(copy, CFG_GetDeviceName());
}

void will_topic(void)
{
    /* declared bare, given the getter's value by its one assignment */
    const char *user, *client;
    char topic[80];
    user = CFG_GetDeviceName();
    client = CFG_GetMQTTClientId();
    // mamori-ok: unsafe-sprintf (at most 63 + 10 characters into 80)
    sprintf(topic, "%s/connected", client);
    char shorter[64];
    // mamori-expect: unsafe-sprintf@warning (63 + 10 characters into 64)
    sprintf(shorter, "%s/connected", user);
    /* assigned twice: the later value is not known */
    const char *either;
    either = CFG_GetDeviceName();
    either = CFG_GetOther();
    // mamori-expect: unsafe-sprintf@warning (no bound on CFG_GetOther())
    sprintf(topic, "%s/connected", either);
}
