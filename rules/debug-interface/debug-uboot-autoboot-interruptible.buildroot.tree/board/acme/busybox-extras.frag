# mamori-expect: debug-busybox-telnetd
CONFIG_TELNETD=y
CONFIG_FEATURE_TELNETD_STANDALONE=y
