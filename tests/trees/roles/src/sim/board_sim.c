#include <string.h>

void sim_board_name(char *out, const char *in)
{
    strcpy(out, in);
}
