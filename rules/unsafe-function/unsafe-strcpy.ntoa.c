/* The text of an address has a known longest length: inet_ntoa() and lwIP's ip4addr_ntoa()
 * give "255.255.255.255" at most (15 characters); ipaddr_ntoa() may give an IPv6 address (45). */
#include <string.h>

struct in_addr {
    unsigned s_addr;
};
char *inet_ntoa(struct in_addr a);

char g_ip[16];

void show(struct in_addr a, const void *ip)
{
    // mamori-ok: unsafe-strcpy (15 characters and the NUL)
    strcpy(g_ip, inet_ntoa(a));
    char small[8];
    // mamori-expect: unsafe-strcpy (15 characters into 8)
    strcpy(small, inet_ntoa(a));
    char v4[16];
    // mamori-ok: unsafe-strcpy
    strcpy(v4, ip4addr_ntoa(ip));
    char any[16];
    // mamori-expect: unsafe-strcpy (an IPv6 address is up to 45 characters)
    strcpy(any, ipaddr_ntoa(ip));
}
