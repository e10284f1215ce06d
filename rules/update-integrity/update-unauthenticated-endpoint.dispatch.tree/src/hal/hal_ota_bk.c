/* The Beken HAL: the body goes to the download partition with raw flash writes; the bootloader
 * copies it over the application at the next reset after checking only its CRC. */
#include <sys/socket.h>
#include "http.h"

static void store_sector(unsigned addr, const unsigned char *data)
{
    flash_ctrl(CMD_FLASH_ERASE_SECTOR, &addr);
    // mamori-expect: update-unverified-image
    flash_write((char *)data, 4096, addr);
}

int hal_ota_post(http_request_t *request, int start, int end)
{
    unsigned char sector[4096];
    int n;
    while ((n = recv(request->fd, sector, sizeof sector, 0)) > 0) {
        store_sector(start, sector);
        start += n;
    }
    return 0;
}

void hal_reboot_module(void)
{
    bk_reboot();
}
