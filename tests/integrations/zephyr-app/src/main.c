#include <stdio.h>

static char name[16];

int main(void)
{
    snprintf(name, sizeof name, "%s", "sensor");
    return 0;
}
