#!/bin/sh
# Flash the gateway firmware on the production line.
set -eu
BIN=${1:-build/gateway.bin}

# make sure a unit from a previous run can be reprogrammed
STM32_Programmer_CLI -c port=SWD mode=UR -ob RDP=0xAA
STM32_Programmer_CLI -c port=SWD -e all
STM32_Programmer_CLI -c port=SWD -w "$BIN" 0x08000000 -v -rst
