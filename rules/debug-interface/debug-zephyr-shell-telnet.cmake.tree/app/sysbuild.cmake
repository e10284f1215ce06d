set(mcuboot_EXTRA_CONF_FILE ${CMAKE_CURRENT_LIST_DIR}/sysbuild/mcuboot-gdb.cfg)
