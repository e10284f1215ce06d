#include <string.h>
#include "cfg.h"

mainConfig_t g_cfg;
static int initialised;
extern const char *from_elsewhere(void);

/* every return is a literal or a field of known size: at most 63 characters */
const char *CFG_GetDeviceName(void)
{
    if (!initialised)
        return "";
    return g_cfg.longDeviceName;
}

const char *CFG_GetMQTTClientId(void)
{
    return g_cfg.mqtt_clientId;
}

const char *CFG_GetBig(void)
{
    return g_cfg.big;
}

/* a return of unknown length: no bound */
const char *CFG_GetOther(void)
{
    return from_elsewhere();
}

void CFG_SetDeviceName(const char *name)
{
    // mamori-expect: unsafe-strcpy@warning (a name of any length)
    strcpy(g_cfg.longDeviceName, name);
}
