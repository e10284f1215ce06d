#!/bin/sh
# Flash the gateway on the production line.
STM32_Programmer_CLI -c port=SWD mode=UR -ob RDP=0xAA
STM32_Programmer_CLI -c port=SWD -w build/gateway.bin 0x08000000 -v -rst
