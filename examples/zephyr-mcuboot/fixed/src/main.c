/* Environmental sensor: advertises readings over BLE; firmware updates arrive over MCUmgr and
 * are installed by MCUboot, which checks them before they run. */
#include <zephyr/dfu/mcuboot.h>
#include <zephyr/kernel.h>
#include <zephyr/logging/log.h>

LOG_MODULE_REGISTER(envsense, LOG_LEVEL_INF);

int main(void)
{
    /* the running image booted: keep it instead of reverting at the next reset */
    if (!boot_is_img_confirmed() && boot_write_img_confirmed() != 0) {
        LOG_ERR("could not confirm the running image");
    }
    for (;;) {
        k_sleep(K_SECONDS(60));
    }
    return 0;
}
