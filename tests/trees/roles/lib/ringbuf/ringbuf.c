#include <string.h>

void ringbuf_name(char *d, const char *s)
{
    strcpy(d, s);
}
