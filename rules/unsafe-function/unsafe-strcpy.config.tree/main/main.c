/* main.c: copies judged against the tree's configuration and the sizes of its headers */
#include <string.h>
#include "device.h"

void name_device(device_t *d, const char *from_network)
{
    /* "sensor" and its NUL fit the 8 bytes CONFIG_APP_NAME_LEN gives the field: no finding */
    // mamori-ok: unsafe-strcpy
    strcpy(d->name, "sensor");
    /* 11 characters do not fit in 8 (the legacy header's 64 would hold them) */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(d->name, "sensor-0001");
    // mamori-ok: unsafe-strcpy
    strcpy(d->model, "esp32-devkitc-v4");
#ifdef CONFIG_APP_NAME_COPY
    /* compiled in by the configuration: a release finding */
    // mamori-expect: unsafe-strcpy@warning
    strcpy(d->name, from_network);
#endif
#ifdef CONFIG_APP_DEBUG_SHELL
    /* the configuration compiles this out: not a release finding, a note */
    // mamori-expect: unsafe-strcpy@note
    strcpy(d->model, from_network);
#endif
#if CONFIG_APP_NAME_LEN > 16
    /* dead for this configuration as well */
    // mamori-expect: unsafe-strcpy@note
    strcpy(d->model, from_network);
#endif
}
