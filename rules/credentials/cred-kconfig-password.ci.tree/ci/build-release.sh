#!/bin/sh
# CI: the release images are built from these configurations (issue 21, item 1)
set -e
for TARGET in Acme Bolt; do
    cp build-scripts/${TARGET}-sdkconfig.defaults sdkconfig
    idf.py build
done
idf.py -D SDKCONFIG_DEFAULTS="sdkconfig.defaults;configs/prod.defaults" build
