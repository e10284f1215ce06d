#!/bin/sh
STM32_Programmer_CLI -c port=SWD -w ../firmware/build/b.bin 0x08000000
STM32_Programmer_CLI -c port=SWD -ob RDP=0xCC
