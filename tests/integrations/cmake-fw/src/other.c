#include <string.h>

void other_copy(char *d, const char *s)
{
    strcpy(d, s);
}
