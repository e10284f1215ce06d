#include "stm32g0xx_hal.h"

/* Raises readout protection on first boot. */
void protect_flash(void)
{
    FLASH_OBProgramInitTypeDef ob = {0};
    HAL_FLASHEx_OBGetConfig(&ob);
    if (ob.RDPLevel == OB_RDP_LEVEL_0) {
        ob.OptionType = OPTIONBYTE_RDP;
        ob.RDPLevel = OB_RDP_LEVEL_1;
        HAL_FLASH_Unlock();
        HAL_FLASH_OB_Unlock();
        HAL_FLASHEx_OBProgram(&ob);
        HAL_FLASH_OB_Launch();
    }
}
