/* Release code, with the level-0 path disabled only in release builds. */
#include "stm32l4xx_hal.h"

void set_protection(FLASH_OBProgramInitTypeDef *ob)
{
#ifndef NDEBUG
    // mamori-expect: debug-stm32-rdp-level-0@note
    ob->RDPLevel = OB_RDP_LEVEL_0;
#else
    // mamori-ok: debug-stm32-rdp-level-0
    ob->RDPLevel = OB_RDP_LEVEL_1;
#endif
#if 0
    /* never compiled: no finding at all */
    // mamori-ok: debug-stm32-rdp-level-0
    ob->RDPLevel = OB_RDP_LEVEL_0;
#endif
#if defined(CONFIG_APP_DEBUG_BUILD) && BOARD_REV > 2
    /* a combined condition: not a debug-only branch that mamori can tell */
    // mamori-expect: debug-stm32-rdp-level-0@error
    ob->RDPLevel = OB_RDP_LEVEL_0;
#endif
}
