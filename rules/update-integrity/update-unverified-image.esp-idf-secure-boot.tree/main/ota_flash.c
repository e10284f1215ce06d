/* Flash side of the update: written by the OTA task's download (ota_task.c). The SHA-256 is
 * the one the server sent along: integrity, not authenticity. */
#include "esp_ota_ops.h"
#include "mbedtls/sha256.h"

static esp_ota_handle_t handle;
static const esp_partition_t *part;
static mbedtls_sha256_context sha;

void ota_flash_begin(void)
{
    part = esp_ota_get_next_update_partition(NULL);
    esp_ota_begin(part, OTA_SIZE_UNKNOWN, &handle);
    mbedtls_sha256_starts(&sha, 0);
}

void ota_flash_block(const char *buf, int n)
{
    mbedtls_sha256_update(&sha, (const unsigned char *)buf, n);
    // mamori-ok: update-unverified-image (secure boot v2 checks the image: sdkconfig.defaults)
    esp_ota_write(handle, buf, n);
}

int ota_flash_digest_matches(void)
{
    unsigned char digest[32];
    mbedtls_sha256_finish(&sha, digest);
    return memcmp(digest, expected_sha256, 32) == 0;
}

void ota_flash_activate(void)
{
    esp_ota_end(handle);
    esp_ota_set_boot_partition(part);
    esp_restart();
}
