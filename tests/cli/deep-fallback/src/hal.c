/* an ESP32-C3 file: riscv32-esp-elf-gcc, read with --target=riscv32 */
#include "board.h"

char *gets(char *s);

#if __riscv && __XTENSA__
#error "not both"
#endif

void hal_read(char *line)
{
    gets(line);
}
