/* The same task with the vendor's signature checked before the image is booted. */
#include "esp_http_client.h"
#include "esp_ota_ops.h"
#include "mbedtls/pk.h"

int ota_task(esp_http_client_handle_t client, mbedtls_pk_context *vendor_key,
             const unsigned char *sig, size_t sig_len, const unsigned char digest[32])
{
    const esp_partition_t *part = esp_ota_get_next_update_partition(NULL);
    esp_ota_handle_t handle;
    char buf[1024];
    int n;
    esp_ota_begin(part, OTA_SIZE_UNKNOWN, &handle);
    while ((n = esp_http_client_read(client, buf, sizeof buf)) > 0) {
        // mamori-ok: update-unverified-image
        esp_ota_write(handle, buf, n);
    }
    if (mbedtls_pk_verify(vendor_key, MBEDTLS_MD_SHA256, digest, 32, sig, sig_len) != 0)
        return -1;
    esp_ota_end(handle);
    return esp_ota_set_boot_partition(part);
}
