/* The tree defines the formats itself (OpenBK7231T_App's hal_wifi.h) */
#define MAC2STR(a) (a)[0], (a)[1], (a)[2], (a)[3], (a)[4], (a)[5]
#define MACSTR "%02x:%02x:%02x:%02x:%02x:%02x"
#define TOPIC_FMT "cmnd/%s/" "state"
