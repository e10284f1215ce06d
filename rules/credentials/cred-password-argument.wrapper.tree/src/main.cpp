#include <Arduino.h>

void connect_wifi(const char *ssid, const char *pass);
void join(String ssid, String pass);
void wifi_sta(const char *ssid, const char *pw);
void mqtt_start(const char *user, const char *secret);
void set_hostname(const char *name);
void log_line(const char *tag, const char *text);
void connect_copy(const char *ssid, const char *pass);
void not_defined_here(const char *ssid, const char *pass);

void setup()
{
    // mamori-expect: cred-password-argument
    connect_wifi("lab-net", "Kx7-lab-pass42");
    // mamori-expect: cred-password-argument
    join("lab-net", "Qz-join-pass881");
    // mamori-expect: cred-password-argument
    wifi_sta("lab-net", "Lab-wpa2-key9");
    // mamori-expect: cred-password-argument
    mqtt_start("device", "Mq-secret-77x");
    // a universal default through the same function: that rule's, and only that one
    // mamori-expect: cred-default-password-argument
    connect_wifi("lab-net", "12345678");
    // placeholders and values from elsewhere are not findings
    // mamori-ok: cred-password-argument
    connect_wifi("lab-net", "YOUR_PASSWORD");
    // the literal goes to a parameter that is no credential
    // mamori-ok: cred-password-argument
    set_hostname("Kx7-host-name42");
    // mamori-ok: cred-password-argument
    log_line("net", "Kx7-log-text42");
    // mamori-ok: cred-password-argument
    connect_copy("lab-net", "Kx7-copy-pass42");
    // a function nothing in the tree defines: nothing is known of its parameters
    // mamori-ok: cred-password-argument
    not_defined_here("lab-net", "Kx7-ext-pass42");
}
