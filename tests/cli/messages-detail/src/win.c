#include <string.h>
void copy_name(char *out, const char *in)
{
#ifdef WINDOWS
    strcpy(out, in);
#endif
}
