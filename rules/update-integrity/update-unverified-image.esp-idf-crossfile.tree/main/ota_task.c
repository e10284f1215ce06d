/* The OTA task downloads the image; writing and booting it are another file's. */
#include "esp_http_client.h"
#include "ota_flash.h"

void ota_task(void *arg)
{
    esp_http_client_handle_t client = arg;
    char buf[1024];
    int n;
    ota_flash_begin();
    while ((n = esp_http_client_read(client, buf, sizeof buf)) > 0)
        ota_flash_block(buf, n);
    if (ota_flash_digest_matches())
        ota_flash_activate();
}
