#include <string.h>

#define WIFI_PASSWORD "secretPSK"

void demo_copy(char *d, const char *s)
{
    strcpy(d, s);
}
