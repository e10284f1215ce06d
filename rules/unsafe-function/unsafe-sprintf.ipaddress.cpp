// issue 11: Arduino's IPAddress gives its address bytes through operator[] (uint8_t), so a
// dotted quad is at most 15 characters
#include <stdio.h>

void show_ip(IPAddress ip, IPAddress ap)
{
    char s[16];
    // mamori-ok: unsafe-sprintf
    sprintf(s, "%d.%d.%d.%d", ip[0], ip[1], ip[2], ip[3]);
    char t[12];
    // four bytes need up to 15 characters and the NUL
    // mamori-expect: unsafe-sprintf@warning
    sprintf(t, "%d.%d.%d.%d", ap[0], ap[1], ap[2], ap[3]);
}
