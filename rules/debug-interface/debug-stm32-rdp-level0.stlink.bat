@echo off
REM debug-stm32-rdp-level0 with the legacy ST-LINK utility, in a lab script (a note).
REM mamori-path: tools/flash_dev.bat
REM mamori-expect: debug-stm32-rdp-level0@note
ST-LINK_CLI.exe -c SWD -OB RDP=0
ST-LINK_CLI.exe -c SWD -P build\app.hex -V
REM mamori-expect: debug-stm32-rdp-level0@note
STM32_Programmer_CLI.exe -c port=/dev/ttyUSB0 -rdu
REM mamori-ok: debug-stm32-rdp-level0
REM ST-LINK_CLI.exe -c SWD -OB RDP=0
