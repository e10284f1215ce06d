/* built by xtensa-esp32-elf-gcc: the deep tier reads it for a 32-bit little-endian target
 * with the xtensa compiler's predefines */
#include <stddef.h>
#include "board.h"

char *gets(char *s);
int system(const char *cmd);

void console(char *line, const char *cmd)
{
#if defined(__XTENSA__) && __SIZEOF_POINTER__ == 4 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    gets(line);
#else
    system(cmd); /* another target's code: not compiled for this one */
#endif
}
