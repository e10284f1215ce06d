/* The same daemon checking the image's usign signature first. */
#include <stdio.h>
#include <stdlib.h>

int install_firmware(const char *url)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "wget -O /tmp/fw.bin '%s' && wget -O /tmp/fw.sig '%s.sig'", url, url);
    // mamori-expect: unsafe-command-exec@warning unsafe-command-exec@note
    if (system(cmd) != 0 || system("usign -V -m /tmp/fw.bin -P /etc/opkg/keys") != 0)
        return -1;
    // mamori-ok: update-unverified-image
    // mamori-expect: unsafe-command-exec@note
    return system("sysupgrade -n /tmp/fw.bin");
}
