/* The product: what ships. */
#include <stdio.h>
#include <string.h>

void set_name(char *dst, const char *name)
{
    strcpy(dst, name);
}

#ifdef _WIN32
/* the Windows simulator's console */
void sim_log(char *out, const char *msg)
{
    sprintf(out, "[sim] %s", msg);
}
#endif
