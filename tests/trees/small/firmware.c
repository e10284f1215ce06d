/* firmware.c: a small tree for the CLI, schema and SARIF tests: one unbounded copy and one
 * hard-coded password. */
#include <string.h>

#define WIFI_PASSWORD "hunter2-correct-horse"

struct net_cfg {
    char ssid[32];
};

void net_set_ssid(struct net_cfg *cfg, const char *ssid)
{
    strcpy(cfg->ssid, ssid);
}
