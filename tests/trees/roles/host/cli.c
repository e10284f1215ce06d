#include <string.h>

void cli_arg(char *d, const char *s)
{
    strcpy(d, s);
}
