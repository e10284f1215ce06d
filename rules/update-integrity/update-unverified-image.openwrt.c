/* A management daemon that fetches and installs firmware with sysupgrade. */
#include <stdio.h>
#include <stdlib.h>

int install_firmware(const char *url)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "wget -O /tmp/fw.bin '%s'", url);
    // mamori-expect: unsafe-command-exec@warning
    if (system(cmd) != 0)
        return -1;
    // mamori-expect: update-unverified-image unsafe-command-exec@note
    return system("sysupgrade -n /tmp/fw.bin");
}
