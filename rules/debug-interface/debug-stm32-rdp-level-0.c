/* Option-byte programming on an STM32 (HAL). */
// mamori-path: Core/Src/option_bytes.c
#include "stm32f4xx_hal.h"

#define RDP_FOR_BRINGUP OB_RDP_LEVEL_0

void protect_on_first_boot(void)
{
    FLASH_OBProgramInitTypeDef ob = {0};
    HAL_FLASHEx_OBGetConfig(&ob);
    /* comparing with level 0 is the usual first-boot check, not a finding */
    // mamori-ok: debug-stm32-rdp-level-0
    if (ob.RDPLevel == OB_RDP_LEVEL_0) {
        ob.OptionType = OPTIONBYTE_RDP;
        // mamori-ok: debug-stm32-rdp-level-0
        ob.RDPLevel = OB_RDP_LEVEL_1;
        HAL_FLASHEx_OBProgram(&ob);
    }
}

void unlock_for_service(void)
{
    FLASH_OBProgramInitTypeDef OBInit;
    OBInit.OptionType = OPTIONBYTE_RDP;
    // mamori-expect: debug-stm32-rdp-level-0@error
    OBInit.RDPLevel = OB_RDP_LEVEL_0;
    HAL_FLASHEx_OBProgram(&OBInit);
}

void designated(void)
{
    FLASH_OBProgramInitTypeDef ob = {
        .OptionType = OPTIONBYTE_RDP,
        // mamori-expect: debug-stm32-rdp-level-0@error
        .RDPLevel = 0xAAU,
    };
    HAL_FLASHEx_OBProgram(&ob);
}

void through_a_define(FLASH_OBProgramInitTypeDef *ob)
{
    // mamori-expect: debug-stm32-rdp-level-0@error
    ob->RDPLevel = RDP_FOR_BRINGUP;
}

#ifdef DEBUG
void debug_unlock(FLASH_OBProgramInitTypeDef *ob)
{
    /* compiled only into debug builds: judged as the debug profile */
    // mamori-expect: debug-stm32-rdp-level-0@note
    ob->RDPLevel = OB_RDP_LEVEL_0;
}
#else
void release_lock(FLASH_OBProgramInitTypeDef *ob)
{
    // mamori-ok: debug-stm32-rdp-level-0
    ob->RDPLevel = OB_RDP_LEVEL_2;
}
#endif
