/* Fixture for cred-google-api-key: a geolocation key in firmware. The key is made up. */
// mamori-expect: cred-google-api-key
#define GEOLOCATION_API_KEY "AIzaMamoriFixturemtxAS1OU7HWHKtaRtJYpPJ"
/* the example key of Google's documentation */
// mamori-ok: cred-google-api-key
#define DOC_API_KEY "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe"
// mamori-ok: cred-google-api-key
#define FIREBASE_API_KEY "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
/* too short to be a key */
// mamori-ok: cred-google-api-key
#define KEY_PREFIX "AIzaSy"
