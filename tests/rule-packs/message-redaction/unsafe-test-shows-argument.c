/* Fixture: the message of unsafe-test-shows-argument shows {arg1}; where that argument is a
 * password cred-hardcoded-password found, the message must show it redacted. Made-up values. */
#include <string.h>

struct sta { char ssid[32]; char password[64]; };

void configure(struct sta *cfg, const char *ssid)
{
    // mamori-ok: unsafe-test-shows-argument
    memcpy(cfg->ssid, "x", 2);
    // mamori-expect: unsafe-test-shows-argument@note
    strlcpy(cfg->ssid, ssid, sizeof cfg->ssid);
    // mamori-expect: unsafe-test-shows-argument cred-hardcoded-password
    strlcpy(cfg->password, "Msg9shownPw1", sizeof cfg->password);
    // mamori-expect: unsafe-test-shows-argument
    strlcpy(cfg->password,
            /* mamori-expect: cred-hardcoded-password */
            "Msg9split" "Pw2", sizeof cfg->password);
}
