/* A test app against a local server whose certificate carries no matching name. */
#include "esp_http_client.h"

void test_local_server(void)
{
    esp_http_client_config_t cfg = {
        .url = "https://192.168.4.2:8070/",
        .cert_pem = local_test_ca,
        // mamori-ok: crypto-esp-skip-cn-check
        .skip_cert_common_name_check = true,
    };
    esp_http_client_init(&cfg);
}
