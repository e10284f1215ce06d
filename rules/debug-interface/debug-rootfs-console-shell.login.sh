#!/bin/sh
# Fixture for debug-rootfs-console-shell: a login.sh that OpenWrt's inittab runs on the console.
# mamori-path: package/base-files/files/usr/libexec/login.sh

# guarded by the ttylogin option: left to debug-openwrt-ttylogin
# mamori-ok: debug-rootfs-console-shell
[ "$(uci -q get system.@system[0].ttylogin)" = 1 ] || exec /bin/login -f root

cat <<EOF
 the text of a here-document is not run:
 exec /bin/login -f root
