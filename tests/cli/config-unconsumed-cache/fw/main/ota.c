#include "esp_http_client.h"

/* the product fetches its image itself: nothing calls esp_https_ota */
void update(const char *url)
{
    esp_http_client_config_t cfg = {.url = url};
    (void)esp_http_client_init(&cfg);
}
