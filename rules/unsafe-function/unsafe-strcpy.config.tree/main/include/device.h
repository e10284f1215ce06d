/* device.h: the product's record of a device; the field sizes come from the configuration */
#ifndef DEVICE_H
#define DEVICE_H
#include "sdkconfig.h"

typedef struct device {
    char name[CONFIG_APP_NAME_LEN];
    char model[24];
} device_t;

#endif
