/* Fixture for cred-default-password: universal default passwords, PINs and empty defaults in
 * C source (issue 15, item 2). */
#include <string.h>

/* --- well-known defaults, whatever the credential --------------------------------------------- */
// mamori-expect: cred-default-password
#define OTA_PASSWORD "admin"
// mamori-expect: cred-default-password
static const char *ap_password = "12345678";
// mamori-expect: cred-default-password
#define ROOT_PASSWD "root"
// mamori-expect: cred-default-password
const char pin_code[] = "1234";
// mamori-expect: cred-default-password
#define DEFAULT_AP_KEY "Admin123"
/* a Wi-Fi station password of a well-known value is still one of the list */
// mamori-expect: cred-default-password
#define WIFI_PASSWORD "12345678"

struct admin_cfg {
    char user[16];
    char password[16];
};

void reset_admin(struct admin_cfg *c)
{
    strlcpy(c->user, "admin", sizeof c->user);
    // mamori-expect: cred-default-password
    strlcpy(c->password, "admin", sizeof c->password);
}

/* --- "password" and friends for the device's own credentials ------------------------------- */
// mamori-expect: cred-default-password
#define DEFAULT_ADMIN_PASSWORD "password"
// mamori-expect: cred-default-password
#define HTTP_AUTH_PASS "changeme"
// mamori-expect: cred-default-password
static const char *softap_pass = "password";

/* --- empty defaults of the device's login ---------------------------------------------------- */
// mamori-expect: cred-default-password
#define DEFAULT_ADMIN_PASS ""
// mamori-expect: cred-default-password
#define DEFAULT_OTA_PASSWORD ""

/* --- not findings ------------------------------------------------------------------------------ */
/* a placeholder for the user's own router or broker */
// mamori-ok: cred-default-password
#define WIFI_STA_PASSWORD "password"
// mamori-ok: cred-default-password
#define MQTT_PASSWORD "changeme"
// mamori-ok: cred-default-password
static const char *wifi_pass = "password";
/* an empty client default: nothing configured yet */
// mamori-ok: cred-default-password
#define DEFAULT_MQTT_PASS ""
/* an empty value that is no default */
// mamori-ok: cred-default-password
static char ap_password_buf[64] = "";
/* a product-specific fixed password: cred-hardcoded-password reports it */
// mamori-ok: cred-default-password
// mamori-expect: cred-hardcoded-password
#define DEFAULT_AP_PASS "wled1234"
/* names about a password, not one */
// mamori-ok: cred-default-password
#define PASSWORD_PROMPT "admin"
// mamori-ok: cred-default-password
#define ADMIN_USER "admin"
/* an empty password of a client the user configures: not the device's login */
// mamori-ok: cred-default-password
#define DEFAULT_CONTROLLER_PASS ""
// mamori-ok: cred-default-password
#define DEFAULT_PROVISIONING_PASS ""
/* GPIO pins are no PIN codes */
// mamori-ok: cred-default-password
#define LED_PIN "1234"
/* the password the device checks its input against (a login prompt over serial or BLE) */
// mamori-expect: cred-default-password
static const char *password = "password";
int check_login(const char *input)
{
    return strcmp(input, password) == 0;
}
