/* Test code: a note, whatever the build. */
#include "stm32l4xx_hal.h"

void test_open_chip(FLASH_OBProgramInitTypeDef *ob)
{
    // mamori-expect: debug-stm32-rdp-level-0@note
    ob->RDPLevel = OB_RDP_LEVEL_0;
}
