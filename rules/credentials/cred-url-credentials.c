/* Fixture for cred-url-credentials. The passwords are made up for this test. */
// mamori-expect: cred-url-credentials
#define MQTT_BROKER_URI "mqtts://fixture-device:Url7z1ZAHcc5qL@broker.example.invalid:8883"
struct mqtt_cfg {
    const char *uri;
};
// mamori-expect: cred-url-credentials
static const struct mqtt_cfg cfg = {.uri = "mqtt://fixture:TokJOTyMEM1YU4JlOXgtBZR@10.0.0.2"};
/* placeholders and formats */
// mamori-ok: cred-url-credentials
#define URI_TEMPLATE "mqtt://%s:%s@%s:%d"
// mamori-ok: cred-url-credentials
#define DOC_URI "mqtt://user:password@broker.example.invalid"
// mamori-ok: cred-url-credentials
#define ENV_URI "https://deploy:${DEPLOY_TOKEN}@git.example.invalid/fw.git"
// mamori-ok: cred-url-credentials
#define ANON_FTP "ftp://anonymous:anonymous@ftp.example.invalid/pub"
/* a user without a password, and a port */
// mamori-ok: cred-url-credentials
#define GIT_SSH "ssh://git@git.example.invalid:2222/fw.git"
// mamori-ok: cred-url-credentials
#define HTTP_PORT "http://192.168.4.1:8080/update"
/* the password is joined from a macro: not a literal here */
// mamori-ok: cred-url-credentials
#define JOINED_URI "mqtt://device:" MQTT_PASS "@broker.example.invalid"
