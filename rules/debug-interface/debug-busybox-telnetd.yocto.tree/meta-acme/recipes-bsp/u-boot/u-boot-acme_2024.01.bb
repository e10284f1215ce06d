require recipes-bsp/u-boot/u-boot.inc
SRC_URI = "git://example.invalid/u-boot.git;branch=master;protocol=https \
           file://defconfig \
           file://lockdown.cfg"
