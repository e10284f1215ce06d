/* STM32L4 data logger: CubeMX-generated main with the board's own start-up code. */
#include "main.h"

UART_HandleTypeDef huart2;

static void SystemClock_Config(void);
static void MX_GPIO_Init(void);
static void MX_USART2_UART_Init(void);

/* Production devices lock the debug port on first boot: readout protection level 1 keeps
 * flash, keys and RAM out of reach of SWD (going back to level 0 erases the flash). */
static void Configure_OptionBytes(void)
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

int main(void)
{
    HAL_Init();
    /* No HAL_DBGMCU_EnableDBG*Mode() here: a debugging session turns low-power debug on
     * from the debugger (DBGMCU_CR), the product never does. */
    SystemClock_Config();
    MX_GPIO_Init();
    MX_USART2_UART_Init();
    Configure_OptionBytes();
    while (1) {
        HAL_GPIO_TogglePin(LD2_GPIO_Port, LD2_Pin);
        HAL_Delay(500);
    }
}

static void SystemClock_Config(void)
{
    RCC_OscInitTypeDef osc = {0};
    osc.OscillatorType = RCC_OSCILLATORTYPE_MSI;
    osc.MSIState = RCC_MSI_ON;
    osc.MSIClockRange = RCC_MSIRANGE_6;
    HAL_RCC_OscConfig(&osc);
}

static void MX_GPIO_Init(void)
{
    __HAL_RCC_GPIOA_CLK_ENABLE();
}

static void MX_USART2_UART_Init(void)
{
    huart2.Instance = USART2;
    huart2.Init.BaudRate = 115200;
    HAL_UART_Init(&huart2);
}
