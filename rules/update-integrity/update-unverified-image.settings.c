/* Settings stored to flash and a reset to apply them: nothing is received from outside. */
#include "main.h"

void save_settings(const uint32_t *words, uint32_t n, uint32_t addr)
{
    HAL_FLASH_Unlock();
    for (uint32_t i = 0; i < n; i++) {
        // mamori-ok: update-unverified-image
        HAL_FLASH_Program(FLASH_TYPEPROGRAM_WORD, addr + 4 * i, words[i]);
    }
    HAL_FLASH_Lock();
    NVIC_SystemReset();
}
