/* The same DFU, but MCUboot is built without a signature check (sysbuild.conf): whatever
 * image arrives on the socket boots. */
#include <zephyr/dfu/flash_img.h>
#include <zephyr/dfu/mcuboot.h>
#include <zephyr/net/socket.h>
#include <zephyr/sys/reboot.h>

static struct flash_img_context img;

static int store(const uint8_t *buf, size_t n, bool last)
{
    // mamori-expect: update-unverified-image
    return flash_img_buffered_write(&img, buf, n, last);
}

void dfu_receive(int sock)
{
    uint8_t buf[512];
    ssize_t n;
    flash_img_init(&img);
    while ((n = zsock_recv(sock, buf, sizeof buf, 0)) > 0)
        store(buf, n, false);
    store(buf, 0, true);
    boot_request_upgrade(BOOT_UPGRADE_TEST);
    sys_reboot(SYS_REBOOT_COLD);
}
