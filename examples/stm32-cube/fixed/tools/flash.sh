#!/bin/sh
# Flash the gateway firmware on the production line, then lock the part (RDP level 1).
set -eu
BIN=${1:-build/gateway.bin}

STM32_Programmer_CLI -c port=SWD mode=UR -e all
STM32_Programmer_CLI -c port=SWD -w "$BIN" 0x08000000 -v
STM32_Programmer_CLI -c port=SWD -ob RDP=0xBB
