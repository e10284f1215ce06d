// issue 11: a project that declares its own IPAddress says what its operator[] gives: the
// SDK's uint8_t is not assumed
#include <stdio.h>

class IPAddress {
public:
    int operator[](int i) const;
};

void show_ip(IPAddress ip)
{
    char s[16];
    // mamori-expect: unsafe-sprintf@warning
    sprintf(s, "%d.%d.%d.%d", ip[0], ip[1], ip[2], ip[3]);
}
