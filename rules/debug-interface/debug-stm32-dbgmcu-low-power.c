/* CubeMX-style main with debug in low-power modes. */
// mamori-path: Core/Src/main.c
#include "main.h"

int main(void)
{
    HAL_Init();
    // mamori-expect: debug-stm32-dbgmcu-low-power@warning
    HAL_DBGMCU_EnableDBGStopMode();
    // mamori-expect: debug-stm32-dbgmcu-low-power@warning
    LL_DBGMCU_EnableDBGStandbyMode();
#ifdef DEBUG
    // mamori-expect: debug-stm32-dbgmcu-low-power@note
    HAL_DBGMCU_EnableDBGSleepMode();
#endif
    // mamori-ok: debug-stm32-dbgmcu-low-power
    HAL_DBGMCU_DisableDBGSleepMode();
    // mamori-expect: debug-stm32-dbgmcu-low-power@warning
    DBGMCU_Config(DBGMCU_SLEEP | DBGMCU_STOP, ENABLE);
    /* freezing a timer while the core is halted is about debugging sessions, not low power */
    // mamori-ok: debug-stm32-dbgmcu-low-power
    DBGMCU_Config(DBGMCU_TIM2_STOP, ENABLE);
    // mamori-ok: debug-stm32-dbgmcu-low-power
    DBGMCU_Config(DBGMCU_STOP, DISABLE);
    for (;;) {
    }
}
