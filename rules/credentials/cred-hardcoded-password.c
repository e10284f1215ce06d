/* Fixture for cred-hardcoded-password: passwords and pre-shared keys written into C source.
 * Every value below is made up for this test; none was ever a real credential. */
#include <string.h>

#include "esp_wifi.h"
#include "nvs.h"

/* --- #define ------------------------------------------------------------------------------- */
// mamori-expect: cred-hardcoded-password
#define WIFI_PASSWORD "Fx7-wifi-Pw1"
// mamori-expect: cred-hardcoded-password
#define MQTT_PASS "Fx7mqttPass2"
// mamori-expect: cred-hardcoded-password
#define AP_PSK "Fx7apPsk3"
// mamori-expect: cred-hardcoded-password
#define WPA_KEY "Fx7wpaKey4"
/* a universal default password is exactly what ETSI EN 303 645 5.1-1 forbids: it has a rule
 * and a message of its own */
// mamori-ok: cred-hardcoded-password
// mamori-expect: cred-default-password
#define DEFAULT_ADMIN_PASSWORD "admin"
/* a real password that happens to start with a word a placeholder could start with */
// mamori-expect: cred-hardcoded-password
#define HOME_WIFI_PASSWORD "myHomeWifi2024"
// mamori-expect: cred-hardcoded-password
#define GUEST_PSK "theGuest-Net7"
#define WIFI_PASSWORD_2 \
    /* mamori-expect: cred-hardcoded-password */ \
    "Fx7contPw5"
/* the name of a password file, not a password (tinysrp's t_pwd.h: fopen(DEFAULT_PASSWD, "r")) */
// mamori-ok: cred-hardcoded-password
#define DEFAULT_PASSWD "tpasswd"
// mamori-ok: cred-hardcoded-password
#define HTPASSWD_FILE_PASSWORD ".htpasswd"
// mamori-expect: cred-hardcoded-password (a word before "passwd" and more after it)
#define SRP_PASSWD "tpasswd-2024"
/* adjacent literals are joined before they are judged */
// mamori-expect: cred-hardcoded-password
#define BACKUP_PASSWORD "Fx7jo" "inedPw6"

/* a TLS/DTLS pre-shared key is a password; its identity is a user name, not a secret */
// mamori-expect: cred-hardcoded-password
#define CLIENT_PSK_IDENTITY_0_KEY "Fx7dtlsPsk17"
// mamori-ok: cred-hardcoded-password
#define PSK_DEFAULT_IDENTITY "Client_identity"
// mamori-ok: cred-hardcoded-password
#define CLIENT_PSK_IDENTITY_1 "Id_1"

/* --- declarations ---------------------------------------------------------------------------- */
// mamori-expect: cred-hardcoded-password
char mqtt_password[] = "Fx7mqttPw7";
// mamori-expect: cred-hardcoded-password
const char *password = "Fx7ptrPw8";
// mamori-expect: cred-hardcoded-password
static const char admin_pw[16] = "Fx7adminPw9";
// mamori-expect: cred-hardcoded-password
const char *ota_passwd = "Fx7ota" "Passwd10";
// mamori-expect: cred-hardcoded-password
static const char ble_pin_code[] = "905172";

/* --- wifi_config_t, designated initializers ------------------------------------------------- */
// mamori-expect: cred-hardcoded-password
static wifi_config_t sta_cfg = {.sta = {.ssid = "fixture-net", .password = "Fx7staPw11"}};
static wifi_config_t ap_cfg = {
    .ap = {
        .ssid = "fixture-ap",
        // mamori-expect: cred-hardcoded-password
        .password = "Fx7apPw12",
        .max_connection = 4,
    },
};

void wifi_fixture(const char *from_provisioning)
{
    wifi_config_t cfg = {0};
    /* a copy into a field named like a password; strcpy is also unbounded */
    // mamori-expect: cred-hardcoded-password unsafe-strcpy
    strcpy((char *)cfg.sta.password, "Fx7copyPw13");
    // mamori-expect: cred-hardcoded-password
    strlcpy((char *)cfg.ap.password, "Fx7copyPw14", sizeof cfg.ap.password);
    // mamori-expect: cred-hardcoded-password
    memcpy(cfg.sta.password, "Fx7memcpyPw15", 14);
    // mamori-expect: cred-hardcoded-password
    settings.wifi_psk = "Fx7assignPsk16";

    /* --- traps: values that are not hard-coded credentials ---------------------------------- */
    // mamori-ok: cred-hardcoded-password
    strlcpy((char *)cfg.sta.password, from_provisioning, sizeof cfg.sta.password);
    size_t len = sizeof cfg.sta.password;
    nvs_handle_t h = 0;
    /* the NVS key name "password" is where the value is read from at run time */
    // mamori-ok: cred-hardcoded-password
    nvs_get_str(h, "password", (char *)cfg.sta.password, &len);
    // mamori-ok: cred-hardcoded-password
    strlcpy((char *)cfg.sta.password, "", sizeof cfg.sta.password);
    // mamori-ok: cred-hardcoded-password
    memset(cfg.sta.password, 0, sizeof cfg.sta.password);
    esp_wifi_set_config(WIFI_IF_STA, &cfg);
}

/* Kconfig values are provisioned by the build, not literals here (sdkconfig is checked apart) */
// mamori-ok: cred-hardcoded-password
#define EXAMPLE_WIFI_PASS CONFIG_EXAMPLE_WIFI_PASSWORD
// mamori-ok: cred-hardcoded-password
static wifi_config_t kconfig_cfg = {.sta = {.password = CONFIG_EXAMPLE_WIFI_PASSWORD}};
/* joined with a macro: the value is not known in full */
// mamori-ok: cred-hardcoded-password
#define JOINED_PASSWORD "prefix-" CONFIG_EXAMPLE_WIFI_PASSWORD

/* empty strings and placeholders */
// mamori-ok: cred-hardcoded-password
#define MQTT_PASSWORD ""
// mamori-ok: cred-hardcoded-password
#define WIFI_PASS "your_password"
// mamori-ok: cred-hardcoded-password
#define STA_PASSWORD "YOUR_WIFI_PASSWORD"
/* "changeme" is a placeholder in a README, but the device's own OTA password in code */
// mamori-ok: cred-hardcoded-password
// mamori-expect: cred-default-password
#define OTA_PASSWORD "changeme"
// mamori-ok: cred-hardcoded-password
#define HTTP_PASSWORD "<PASSWORD>"
// mamori-ok: cred-hardcoded-password
#define AP_PASSWORD "xxxx"
// mamori-ok: cred-hardcoded-password
#define ADMIN_PASSWORD "********"
// mamori-ok: cred-hardcoded-password
#define PASSWORD_TEMPLATE "${WIFI_PASSWORD}"
// mamori-ok: cred-hardcoded-password
const char *mqtt_pass = "put your password here";
// mamori-ok: cred-hardcoded-password
#define MQTT_BROKER_PASSWORD "my_mqtt_password"
// mamori-ok: cred-hardcoded-password
#define AP_PASSPHRASE "Enter-Passphrase"

/* names that are about a password without holding one */
// mamori-ok: cred-hardcoded-password
#define PASSWORD_MAX_LEN 64
// mamori-ok: cred-hardcoded-password
#define PASSWORD_PROMPT "Password: "
// mamori-ok: cred-hardcoded-password
const char *password_prompt = "Enter the Wi-Fi password";
// mamori-ok: cred-hardcoded-password
static const char PASSWORD_NVS_KEY[] = "wifi_pass";
// mamori-ok: cred-hardcoded-password
#define PASSWORD_FILE "/etc/wifi/psk"
// mamori-ok: cred-hardcoded-password
const char *pwd_hint = "8-63 characters";
/* ... in the plural: a shell command's parameter table names its passkey options, and
 * describes them (the mynewt-nimble btshell's auth_passkey_params) */
struct shell_param {
    const char *name, *help;
};
static const struct shell_param auth_passkey_params[] = {
    // mamori-ok: cred-hardcoded-password
    {"action", "auth action type, usage: =<UINT16>"},
    // mamori-ok: cred-hardcoded-password
    {"key", "usage: =[0-999999]"},
};
/* a list of passwords is passwords */
static const char *ap_passwords[] = {
    // mamori-expect: cred-hardcoded-password
    "river-lamp-42",
};

/* prompts and formats given a password's name */
// mamori-ok: cred-hardcoded-password
const char *password_msg = "Password:";
// mamori-ok: cred-hardcoded-password
#define WIFI_PSK_FMT "psk=%s\n"
// mamori-ok: cred-hardcoded-password
const char *passwd = "password: %s";

/* issue 15: a Wi-Fi or AP key is a password, whatever its name says */
// mamori-expect: cred-hardcoded-password
#define DEFAULT_AP_KEY "configesp"
// mamori-expect: cred-hardcoded-password
static const char *wifiKey = "Hk29-lamp";
/* one character repeated is a dummy, not a password */
struct mqtt_settings {
    char mqtt_pass[64];
};
void mqtt_defaults(struct mqtt_settings *g)
{
    // mamori-ok: cred-hardcoded-password
    strlcpy(g->mqtt_pass, "qqqqqqqqqq", sizeof g->mqtt_pass);
}
/* a hex key of a key size is key material (cred-key-material), not also a password */
// mamori-ok: cred-hardcoded-password
// mamori-expect: cred-key-material
#define TLS_PSK "183ca2337861deac3c2388bd645a6cbb"
/* a pin is a GPIO pin unless it is a PIN code */
// mamori-ok: cred-hardcoded-password
#define MDC_CS_PIN_DESCR "Eth MDC CS pin"
static const char *htmlPinRoleNames[] = {
    // mamori-ok: cred-hardcoded-password
    "Relay",
    // mamori-ok: cred-hardcoded-password
    "Button",
};
// mamori-expect: cred-hardcoded-password
#define BT_PIN_CODE "8406"
