SUMMARY = "telemetry library"
LICENSE = "BSD-3-Clause"
SRC_URI = "git://github.com/acme/bar.git;protocol=https;branch=release"
# mamori-ok: component-unpinned
SRCREV = "0123456789abcdef0123456789abcdef01234567"
