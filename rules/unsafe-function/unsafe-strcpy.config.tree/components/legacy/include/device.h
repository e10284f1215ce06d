/* device.h of a legacy component the product's main does not include: a larger record. Two
 * headers of this name: main/ gets its own through its INCLUDE_DIRS. */
#ifndef DEVICE_H
#define DEVICE_H
typedef struct device {
    char name[64];
    char model[64];
} device_t;
#endif
