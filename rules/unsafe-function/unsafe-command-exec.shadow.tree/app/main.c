#include <stdio.h>
#include <stdlib.h>

void handle(const char *request)
{
    // mamori-ok: unsafe-command-exec
    system(request);
    /* drivers/sys.c's popen is static: this one is libc's */
    // mamori-expect: unsafe-command-exec@warning
    FILE *f = popen(request, "r");
    (void)f;
}
