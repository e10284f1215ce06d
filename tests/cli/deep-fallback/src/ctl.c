/* a Cortex-M file: built for arm-none-eabi, read by libclang with --target=arm-none-eabi */
#include "board.h"

int system(const char *cmd);

void control(const char *cmd)
{
#if BOARD_HAS_SHELL
    BOARD_EXEC(cmd);
#else
    system(cmd); /* not compiled: board.h says the board has a shell */
#endif
}
