/* ESP-IDF OTA task: downloads with esp_http_client, writes the partition, boots it. */
#include "esp_http_client.h"
#include "esp_ota_ops.h"
#include "esp_system.h"
#include "mbedtls/sha256.h"

static int download_chunk(esp_http_client_handle_t client, char *buf, int len)
{
    return esp_http_client_read(client, buf, len);
}

void ota_task(esp_http_client_handle_t client)
{
    const esp_partition_t *part = esp_ota_get_next_update_partition(NULL);
    esp_ota_handle_t handle;
    char buf[1024];
    int n;
    mbedtls_sha256_context sha;
    esp_ota_begin(part, OTA_SIZE_UNKNOWN, &handle);
    while ((n = download_chunk(client, buf, sizeof buf)) > 0) {
        mbedtls_sha256_update(&sha, (const unsigned char *)buf, n);
        // mamori-expect: update-unverified-image
        esp_ota_write(handle, buf, n);
        // mamori-ok: update-unverified-image
        esp_ota_write(handle, buf, n); /* one finding per file: the first write */
    }
    /* mbedtls_pk_verify(&key, ...) would go here: a comment verifies nothing */
    esp_ota_end(handle);
    esp_ota_set_boot_partition(part);
    esp_restart();
}
