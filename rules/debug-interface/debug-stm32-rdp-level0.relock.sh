#!/bin/sh
# debug-stm32-rdp-level0: unlock, program, lock again: the last word is level 1.
# mamori-path: tools/flash_production.sh
# mamori-ok: debug-stm32-rdp-level0
STM32_Programmer_CLI -c port=SWD -ob RDP=170
STM32_Programmer_CLI -c port=SWD -w build/app.bin 0x08000000 -v
STM32_Programmer_CLI -c port=SWD -ob RDP=0xBB
