/* A custom DFU over a TCP socket into MCUboot's secondary slot. */
#include <zephyr/dfu/flash_img.h>
#include <zephyr/dfu/mcuboot.h>
#include <zephyr/net/socket.h>
#include <zephyr/sys/reboot.h>

static struct flash_img_context img;

void dfu_receive(int sock)
{
    uint8_t buf[512];
    ssize_t n;
    flash_img_init(&img);
    while ((n = zsock_recv(sock, buf, sizeof buf, 0)) > 0) {
        // mamori-expect: update-unverified-image
        flash_img_buffered_write(&img, buf, n, false);
    }
    flash_img_buffered_write(&img, buf, 0, true);
    boot_request_upgrade(BOOT_UPGRADE_TEST);
    sys_reboot(SYS_REBOOT_COLD);
}
