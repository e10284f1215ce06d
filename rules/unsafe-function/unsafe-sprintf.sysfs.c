/* A sysfs show callback's buffer is one page (PAGE_SIZE, at least 4096 bytes): a bounded format
 * fits it. A look-alike with other parameters gets no such room. */
#include <linux/device.h>
#include <linux/kernel.h>

static unsigned interval = 50;

static ssize_t interval_show(struct device *dev, struct device_attribute *attr, char *buf)
{
    return sprintf(buf, "%u\n", interval);
}

static void interval_text(struct device *dev, char *buf)
{
    // mamori-expect: unsafe-sprintf@note
    sprintf(buf, "%u\n", interval);
}
