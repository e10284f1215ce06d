#!/bin/sh
STM32_Programmer_CLI -c port=SWD -w build/sensor.bin 0x08000000 -v
STM32_Programmer_CLI -c port=SWD -ob RDP=0xBB
