#include <string.h>

void qa_copy(char *d, const char *s)
{
    strcpy(d, s);
}
