/* The application's update thread: the write callback goes to the SDK's download
 * (src/download.c); then the image's SHA-256 from the manifest is compared, and it boots. */
#include "download.h"
#include "esp_ota_ops.h"

static esp_ota_handle_t handle;
static const esp_partition_t *part;

static int write_block(const uint8_t *block, size_t n, size_t offset, void *arg)
{
    (void)arg;
    if (offset == 0) {
        part = esp_ota_get_next_update_partition(NULL);
        esp_ota_begin(part, OTA_SIZE_UNKNOWN, &handle);
    }
    // mamori-expect: update-unverified-image
    return esp_ota_write(handle, block, n);
}

static void change_image_and_reboot(void)
{
    esp_ota_end(handle);
    esp_ota_set_boot_partition(part);
    esp_restart();
}

static void fw_update_thread(void *arg)
{
    struct client *c = arg;
    if (ota_download_component(c, "main", write_block, NULL) == 0 &&
        sha256_matches_manifest(part))
        change_image_and_reboot();
}

void fw_update_init(struct client *c)
{
    xTaskCreate(fw_update_thread, "fw_update", 4096, c, 3, NULL);
}
