/* Linux sysfs show callbacks: the kernel hands buf one zeroed page (PAGE_SIZE, at least 4096
 * bytes; fs/sysfs/file.c clears it before calling show), so short appends fit. A function that
 * only looks alike (other parameters) gets no such room. */
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/string.h>

struct led_data {
    int mode;
};

static ssize_t mode_show(struct device *dev, struct device_attribute *attr, char *buf)
{
    struct led_data *d = dev_get_drvdata(dev);
    if (d->mode == 0) {
        strcpy(buf, "none\n");
    } else {
        if (d->mode & 1)
            strcat(buf, "link ");
        if (d->mode & 2)
            strcat(buf, "tx ");
        strcat(buf, "\n");
    }
    return strlen(buf);
}

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
    strcat(buf, "on\n");
    return 3;
}

/* not a show callback: the caller's buffer, of a size this function does not know */
static void describe(struct device *dev, struct device_attribute *attr, char *buf, int mode)
{
    if (mode)
        // mamori-expect: unsafe-strcat@warning
        strcat(buf, "link ");
}
