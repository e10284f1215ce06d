# sca.cmake: mamori as Zephyr's static code analysis tool (ZEPHYR_SCA_VARIANT=mamori).
#
#   west build -b <board> app -- -DZEPHYR_EXTRA_MODULES=/path/to/mamori/integrations/zephyr \
#                               -DZEPHYR_SCA_VARIANT=mamori
#
# Zephyr's FindScaTools includes this file from kernel.cmake, after Kconfig and the devicetree
# have been resolved and before the `app` target exists. It scans, as part of building `app`:
# the application's sources (the `app` target's), the Kconfig fragments and devicetree overlays
# the build used (CONF_FILE, EXTRA_CONF_FILE, DTC_OVERLAY_FILE, EXTRA_DTC_OVERLAY_FILE), and
# the build's resolved configuration: zephyr/.config (DOTCONFIG) and zephyr/zephyr.dts
# (ZEPHYR_DTS). Settings, as -D options or environment variables (zephyr_get):
#   MAMORI_FAIL_ON   error|warning|note|never (default: the policy's fail_on, else error)
#   MAMORI_SARIF     also write a SARIF report there
#   MAMORI_POLICY    the policy file (default: mamori.json at the root)
#   MAMORI_OPTIONS   more `mamori scan` options (a CMake list)
#   MAMORI_EXECUTABLE  the mamori program (default: on the PATH)
include_guard(GLOBAL)

# mamori_check() from an installed mamori (find_package) or from this checkout
find_package(mamori QUIET CONFIG)
if(NOT COMMAND mamori_check)
  include("${CMAKE_CURRENT_LIST_DIR}/../../../../cmake/mamori.cmake")
endif()
if(NOT MAMORI_EXECUTABLE)
  message(FATAL_ERROR "ZEPHYR_SCA_VARIANT=mamori: mamori not found; install it or set "
                      "MAMORI_EXECUTABLE")
endif()
message(STATUS "Found SCA: mamori (${MAMORI_EXECUTABLE})")

foreach(v MAMORI_FAIL_ON MAMORI_SARIF MAMORI_POLICY MAMORI_OPTIONS)
  zephyr_get(${v})
endforeach()

# what the build resolved, and the files it was resolved from
if(NOT DOTCONFIG)
  set(DOTCONFIG "${PROJECT_BINARY_DIR}/.config")
endif()
if(NOT ZEPHYR_DTS)
  set(ZEPHYR_DTS "${PROJECT_BINARY_DIR}/zephyr.dts")
endif()
set(_mamori_zephyr_files "${DOTCONFIG}" "${ZEPHYR_DTS}")
if(NOT APPLICATION_CONFIG_DIR)
  set(APPLICATION_CONFIG_DIR "${APPLICATION_SOURCE_DIR}")
endif()
foreach(v CONF_FILE EXTRA_CONF_FILE DTC_OVERLAY_FILE EXTRA_DTC_OVERLAY_FILE)
  string(REPLACE " " ";" _mamori_list "${${v}}")
  foreach(f IN LISTS _mamori_list)
    if(f)
      cmake_path(ABSOLUTE_PATH f BASE_DIRECTORY "${APPLICATION_CONFIG_DIR}" NORMALIZE)
      list(APPEND _mamori_zephyr_files "${f}")
    endif()
  endforeach()
endforeach()

set(_mamori_zephyr_args EXTRA_FILES ${_mamori_zephyr_files})
if(MAMORI_FAIL_ON)
  list(APPEND _mamori_zephyr_args FAIL_ON ${MAMORI_FAIL_ON})
endif()
if(MAMORI_SARIF)
  list(APPEND _mamori_zephyr_args SARIF "${MAMORI_SARIF}")
endif()
if(MAMORI_POLICY)
  list(APPEND _mamori_zephyr_args POLICY "${MAMORI_POLICY}")
endif()
if(MAMORI_OPTIONS)
  list(APPEND _mamori_zephyr_args OPTIONS ${MAMORI_OPTIONS})
endif()

# `app` is created after this file and filled by the application's CMakeLists.txt: check it at
# the end of the configure step (a list travels through a global property, not through the
# deferred call's arguments)
set_property(GLOBAL PROPERTY _MAMORI_ZEPHYR_ARGS "${_mamori_zephyr_args}")
function(_mamori_zephyr_deferred)
  get_property(args GLOBAL PROPERTY _MAMORI_ZEPHYR_ARGS)
  _mamori_check_register(app ${args})
  _mamori_check_finish(app)
endfunction()
cmake_language(EVAL CODE
  "cmake_language(DEFER DIRECTORY [[${CMAKE_SOURCE_DIR}]] CALL _mamori_zephyr_deferred)")
