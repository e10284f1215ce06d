/* Getters of a configuration struct, defined in another file (OpenBK7231T_App's new_cfg.c) */
typedef struct {
    char longDeviceName[64];
    char mqtt_clientId[64];
    char big[512];
} mainConfig_t;
extern mainConfig_t g_cfg;
const char *CFG_GetDeviceName(void);
const char *CFG_GetMQTTClientId(void);
const char *CFG_GetBig(void);
const char *CFG_GetOther(void);
