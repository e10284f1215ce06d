/* Standard peripheral library and GD32 firmware library. */
// mamori-path: Drivers/board/flash_lock.c
#include "stm32f4xx_flash.h"

void unlock(void)
{
    FLASH_OB_Unlock();
    // mamori-expect: debug-stm32-readout-unprotect
    FLASH_OB_RDPConfig(OB_RDP_Level_0);
    // mamori-ok: debug-stm32-readout-unprotect
    FLASH_OB_RDPConfig(OB_RDP_Level_1);
    // mamori-expect: debug-stm32-readout-unprotect
    FLASH_ReadOutProtection(DISABLE);
    // mamori-ok: debug-stm32-readout-unprotect
    FLASH_ReadOutProtection(ENABLE);
    // mamori-expect: debug-stm32-readout-unprotect
    ob_security_protection_config(FMC_NSPC);
    // mamori-ok: debug-stm32-readout-unprotect
    ob_security_protection_config(FMC_LSPC);
    FLASH_OB_Launch();
}
