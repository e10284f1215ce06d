SUMMARY = "sensor daemon"
LICENSE = "MIT"
SRC_URI = "git://github.com/acme/foo.git;protocol=https;branch=main"
# mamori-expect: component-unpinned
SRCREV = "${AUTOREV}"
