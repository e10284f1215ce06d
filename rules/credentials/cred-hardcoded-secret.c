/* Fixture for cred-hardcoded-secret: tokens, API keys and symmetric keys in C source.
 * Every value below is random test data made for this file; none was ever issued. */
#include <string.h>

/* --- findings -------------------------------------------------------------------------------- */
/* a hex key of a key size is key material: cred-key-material reports it */
// mamori-expect: cred-key-material
// mamori-ok: cred-hardcoded-secret
#define CLOUD_API_KEY "f3a91c07d2b84e6f9a05c1d7e28b4f60"
// mamori-expect: cred-hardcoded-secret
#define DEVICE_TOKEN "Tk7qP2vX9mL4wR8s"
// mamori-expect: cred-hardcoded-secret
#define WEBHOOK_SECRET "s3cr3t-9XkQ2mPz7Lw"
// mamori-expect: cred-hardcoded-secret
#define BLYNK_AUTH_TOKEN "Qm8xT2kL9pV4rZ7wN3bH6cJ1dF5gS0aY"
// mamori-expect: cred-hardcoded-secret
static const char *apiKey = "AK9f2Lm7Qx4Vz8Rt";
// mamori-expect: cred-hardcoded-secret
const char auth_token[] = "at_7Hq2Xm9Kp4Lw8Zr3";
// mamori-expect: cred-hardcoded-secret
const char *client_secret = "cs.Wq7Lm2Xp9Kz4Rv8T";
// mamori-expect: cred-hardcoded-secret
static const char secret_key[] = "7c2e9f41a8b3d605";
// mamori-expect: cred-hardcoded-secret
const char *access_key = "AcK4mQ9xL2pW7zR5";
/* Blynk legacy sketches name the token `auth` */
// mamori-expect: cred-hardcoded-secret
char auth[] = "Bl9kT3xQ7mW2pL8zR4vN6cH1jF5gD0sA";
/* an encryption key of a key size, even as text, is key material */
// mamori-expect: cred-key-material
// mamori-ok: cred-hardcoded-secret
#define AES_KEY "9b1f6e0c4a7d2853"
/* long mixed-case base64 without a digit is still a key */
// mamori-expect: cred-hardcoded-secret
#define HMAC_KEY "QmXkTpLwZrVnHcJdFgSaYbEuRiOq"

struct cloud_cfg {
    const char *endpoint;
    const char *token;
};

// mamori-expect: cred-hardcoded-secret
static const struct cloud_cfg cloud = {.endpoint = "https://api.example.invalid", .token = "ct_5Vm2Xq8Lp3Kw9Rz7"};

void cloud_fixture(char *dst, size_t n, const char *from_nvs)
{
    struct { char api_key[40]; char token[40]; } s;
    // mamori-expect: cred-hardcoded-secret
    strlcpy(s.api_key, "ak_3Lq8Xm2Pw7Kz9Rv4", sizeof s.api_key);
    // mamori-expect: cred-hardcoded-secret
    settings.refreshToken = "rt_8Wm3Xq7Lp2Kz9Rv5";

    /* --- traps -------------------------------------------------------------------------------- */
    // mamori-ok: cred-hardcoded-secret
    strlcpy(s.token, from_nvs, sizeof s.token);
    // mamori-ok: cred-hardcoded-secret
    strlcpy(s.api_key, "", sizeof s.api_key);
    (void)dst;
    (void)n;
}

/* names and labels */
// mamori-ok: cred-hardcoded-secret
#define TOKEN_DELIM ","
// mamori-ok: cred-hardcoded-secret
#define SECRET_LABEL "Secret"
// mamori-ok: cred-hardcoded-secret
#define API_KEY_HEADER "X-Api-Key"
// mamori-ok: cred-hardcoded-secret
#define TOKEN_TYPE "Bearer"
// mamori-ok: cred-hardcoded-secret
static const char *token_endpoint = "https://auth.example.invalid/oauth2/token";
// mamori-ok: cred-hardcoded-secret
#define AUTH_TOKEN_NVS_KEY "auth_token"
/* a JSON field name, not a value */
// mamori-ok: cred-hardcoded-secret
static const char *json_token = "access_token";
// mamori-ok: cred-hardcoded-secret
#define ACCESS_TOKEN "accessToken"
// mamori-ok: cred-hardcoded-secret
#define PRIVATE_KEY_PATH "/spiffs/device.key"
/* a password belongs to cred-hardcoded-password, reported once there */
// mamori-expect: cred-hardcoded-password
// mamori-ok: cred-hardcoded-secret
#define SECRET_PASS "Fx8secretPass1"

/* placeholders and values with no entropy */
// mamori-ok: cred-hardcoded-secret
#define API_KEY "YOUR_API_KEY"
// mamori-ok: cred-hardcoded-secret
#define AUTH_TOKEN "<TOKEN>"
// mamori-ok: cred-hardcoded-secret
#define CLIENT_SECRET "xxxxxxxxxxxxxxxx"
// mamori-ok: cred-hardcoded-secret
#define DEVICE_KEY "00000000000000000000000000000000"
// mamori-ok: cred-hardcoded-secret
#define APP_SECRET "1234567890abcdef"
// mamori-ok: cred-hardcoded-secret
#define TOKEN "${CLOUD_TOKEN}"
// mamori-ok: cred-hardcoded-secret
#define API_TOKEN "insert-token-here"
// mamori-ok: cred-hardcoded-secret
const char *secret = "Bearer %s";
/* the token is a macro reference, joined: not known here */
// mamori-ok: cred-hardcoded-secret
#define AUTH_HEADER_TOKEN "Bearer " CONFIG_CLOUD_TOKEN
