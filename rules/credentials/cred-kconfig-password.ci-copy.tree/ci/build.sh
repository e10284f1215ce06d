#!/bin/sh
# CI: each product's release configuration is copied over the committed sdkconfig (issue 15)
set -e
for TARGET in Acme; do
    cp build-scripts/${TARGET}-sdkconfig.defaults sdkconfig
    idf.py build
done
