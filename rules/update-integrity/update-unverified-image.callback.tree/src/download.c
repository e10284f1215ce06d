/* The SDK's download: fetches the image block by block over CoAP and hands each block to the
 * application's callback. */
#include "download.h"

int ota_download_component(struct client *c, const char *package, block_cb_t on_block, void *arg)
{
    uint8_t block[1024];
    size_t n, offset = 0;
    while ((n = coap_get_block(c, package, offset, block, sizeof block)) > 0) {
        if (on_block(block, n, offset, arg) != 0)
            return -1;
        offset += n;
    }
    return 0;
}
