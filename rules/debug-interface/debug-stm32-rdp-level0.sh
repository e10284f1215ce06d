#!/bin/sh
# Fixture for debug-stm32-rdp-level0: a production flashing script.
# mamori-path: tools/flash.sh
set -e
# mamori-expect: debug-stm32-rdp-level0@error
STM32_Programmer_CLI -c port=SWD mode=UR -ob RDP=0xAA
STM32_Programmer_CLI -c port=SWD -w build/app.bin 0x08000000 -v -rst
# mamori-ok: debug-stm32-rdp-level0
# STM32_Programmer_CLI -c port=SWD -ob RDP=0xAA
# mamori-ok: debug-stm32-rdp-level0
echo "to recover a locked part: STM32_Programmer_CLI -c port=SWD -ob RDP=0xAA"
# RDP=0 means level 1 to STM32CubeProgrammer (any value but 0xAA/0xCC)
# mamori-ok: debug-stm32-rdp-level0
STM32_Programmer_CLI -c port=SWD -ob nBOOT_SEL=0 RDP=0x00 -q
# mamori-expect: debug-stm32-rdp-level0
openocd -f interface/stlink.cfg -f target/stm32f4x.cfg -c "init; reset halt; stm32f2x unlock 0; reset halt; exit"
