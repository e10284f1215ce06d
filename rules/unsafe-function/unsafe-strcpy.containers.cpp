// issue 11: the elements of standard containers, declared with their template arguments (and
// behind a project's storage macro, namespaced): std::vector<T>[i] is a T
#include <string.h>
#include <array>
#include <vector>

#define APP_GLOBAL extern

struct WiFiConfig {
    char clientSSID[33];
    char clientPass[65];
};

APP_GLOBAL std::vector<WiFiConfig> multiWiFi;
static std::array<WiFiConfig, 4> fixedWiFi;

void keep_old(size_t n, char *out)
{
    char oldSSID[33];
    // mamori-ok: unsafe-strcpy
    strcpy(oldSSID, multiWiFi[n].clientSSID);
    char oldPass[65];
    // mamori-ok: unsafe-strcpy
    strcpy(oldPass, fixedWiFi[n].clientPass);
    char shortPass[16];
    // a 64-character password does not fit in 16 bytes
    // mamori-expect: unsafe-strcpy@warning
    strcpy(shortPass, multiWiFi[n].clientPass);
    (void)out;
}
