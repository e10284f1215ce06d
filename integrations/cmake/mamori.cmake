# mamori.cmake: mamori as a step of a CMake build.
#
#   find_package(mamori REQUIRED)          # an installed mamori (mamoriConfig.cmake), or
#   include(path/to/mamori/integrations/cmake/mamori.cmake)   # from a checkout
#   mamori_check(firmware FAIL_ON warning SARIF ${CMAKE_BINARY_DIR}/mamori.sarif)
#
# mamori_check(<target> [FAIL_ON error|warning|note|never] [SARIF <file>] [POLICY <file>]
#              [ROOT <dir>] [EXTRA_FILES <file>...] [OPTIONS <mamori scan option>...])
# scans the target's sources before the target is built: findings print in compiler format
# (absolute paths, so IDEs jump to them) and fail the build per FAIL_ON (default: the policy's
# fail_on, else error). It runs again only when something it read changed: a stamp file, with
# the sources, the file list, the policy and the mamori binary as dependencies, and a depfile
# mamori writes with every file it read (rule packs included). The target's sources are read at
# the end of the configure step, so target_sources() calls after mamori_check() count; sources
# that are generated or under the build directory are left out. With
# CMAKE_EXPORT_COMPILE_COMMANDS the compilation database is passed (-p) for the deep tier.
# Files are named relative to ROOT (default: the git work tree around CMAKE_SOURCE_DIR, else
# CMAKE_SOURCE_DIR), which is what SARIF URIs and the policy's paths are relative to.
include_guard(GLOBAL)

if(CMAKE_VERSION VERSION_LESS 3.20)
  message(FATAL_ERROR "mamori_check needs CMake 3.20 or newer (DEPFILE, cmake_language(DEFER))")
endif()

set(_mamori_cmake_dir "${CMAKE_CURRENT_LIST_DIR}")
if(NOT MAMORI_EXECUTABLE)
  # an installed package sets MAMORI_EXECUTABLE before including this file; a checkout looks on
  # the PATH and in the checkout's own build directory
  find_program(MAMORI_EXECUTABLE NAMES mamori
               HINTS "${_mamori_cmake_dir}/../../build"
               DOC "the mamori program mamori_check() runs")
endif()

function(mamori_check target)
  _mamori_check_register(${target} ${ARGN})
  # the sources are complete only when the whole project has been read; a deferred call reads
  # its variables when it runs, so the target's name is written into it now
  cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${CMAKE_SOURCE_DIR}]] CALL _mamori_check_finish [[${target}]])")
endfunction()

# Checks and records mamori_check()'s arguments; the Zephyr and ESP-IDF integrations call it
# (and _mamori_check_finish) themselves at the end of the configure step.
function(_mamori_check_register target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "FAIL_ON;SARIF;POLICY;ROOT" "EXTRA_FILES;OPTIONS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mamori_check(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "mamori_check(${target}): no such target")
  endif()
  if(arg_FAIL_ON AND NOT arg_FAIL_ON MATCHES "^(error|warning|note|never)$")
    message(FATAL_ERROR "mamori_check(${target}): FAIL_ON must be error, warning, note or never")
  endif()
  if(NOT MAMORI_EXECUTABLE)
    message(FATAL_ERROR "mamori_check(${target}): mamori not found; install it or set "
                        "MAMORI_EXECUTABLE")
  endif()
  get_property(done GLOBAL PROPERTY _MAMORI_CHECK_${target} SET)
  if(done)
    message(FATAL_ERROR "mamori_check(${target}) was called twice")
  endif()
  foreach(key FAIL_ON SARIF POLICY ROOT EXTRA_FILES OPTIONS)
    set_property(GLOBAL PROPERTY _MAMORI_CHECK_${target}_${key} "${arg_${key}}")
  endforeach()
  set_property(GLOBAL PROPERTY _MAMORI_CHECK_${target} 1)
endfunction()

function(_mamori_check_finish target)
  foreach(key FAIL_ON SARIF POLICY ROOT EXTRA_FILES OPTIONS)
    get_property(arg_${key} GLOBAL PROPERTY _MAMORI_CHECK_${target}_${key})
  endforeach()
  get_target_property(srcs ${target} SOURCES)
  get_target_property(tdir ${target} SOURCE_DIR)
  if(NOT srcs)
    set(srcs "")
  endif()
  set(files "")
  foreach(src IN LISTS srcs arg_EXTRA_FILES)
    if(src MATCHES "\\$<")
      continue() # generator expressions (object files of other targets): not sources to read
    endif()
    cmake_path(ABSOLUTE_PATH src BASE_DIRECTORY "${tdir}" NORMALIZE OUTPUT_VARIABLE abs)
    if(NOT src IN_LIST arg_EXTRA_FILES)
      get_source_file_property(gen "${src}" TARGET_DIRECTORY ${target} GENERATED)
      cmake_path(IS_PREFIX CMAKE_BINARY_DIR "${abs}" NORMALIZE in_build)
      if(gen OR in_build)
        continue()
      endif()
    endif()
    list(APPEND files "${abs}")
  endforeach()
  list(REMOVE_DUPLICATES files)

  set(dir "${CMAKE_BINARY_DIR}/mamori")
  file(MAKE_DIRECTORY "${dir}")
  set(list_file "${dir}/${target}.files")
  set(stamp "${dir}/${target}.stamp")
  # one path a line; rewritten only when it changes, so that an unchanged list is no reason to
  # scan again (file lists do not hit command-line length limits, whatever the target's size)
  list(JOIN files "\n" content)
  file(CONFIGURE OUTPUT "${list_file}" CONTENT "${content}\n" @ONLY)

  set(cmd "${MAMORI_EXECUTABLE}" scan --files-from "${list_file}" --stamp "${stamp}"
          --depfile "${stamp}.d" --absolute-paths --color never)
  set(deps "${list_file}" "${MAMORI_EXECUTABLE}" ${files})
  if(arg_ROOT)
    list(APPEND cmd --root "${arg_ROOT}")
  endif()
  if(arg_FAIL_ON)
    list(APPEND cmd --fail-on ${arg_FAIL_ON})
  endif()
  if(arg_POLICY)
    cmake_path(ABSOLUTE_PATH arg_POLICY BASE_DIRECTORY "${CMAKE_SOURCE_DIR}" NORMALIZE)
    list(APPEND cmd --policy "${arg_POLICY}")
    list(APPEND deps "${arg_POLICY}")
  endif()
  if(arg_SARIF)
    cmake_path(ABSOLUTE_PATH arg_SARIF BASE_DIRECTORY "${CMAKE_BINARY_DIR}" NORMALIZE)
    list(APPEND cmd --report "sarif=${arg_SARIF}")
  endif()
  if(CMAKE_EXPORT_COMPILE_COMMANDS)
    list(APPEND cmd -p "${CMAKE_BINARY_DIR}")
  endif()
  list(APPEND cmd ${arg_OPTIONS})
  set(byproducts "")
  if(arg_SARIF)
    set(byproducts BYPRODUCTS "${arg_SARIF}")
  endif()
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND ${cmd}
    DEPENDS ${deps}
    DEPFILE "${stamp}.d"
    ${byproducts}
    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
    COMMENT "mamori: checking ${target}"
    VERBATIM)
  add_custom_target(${target}_mamori DEPENDS "${stamp}")
  set_target_properties(${target}_mamori PROPERTIES FOLDER mamori)
  add_dependencies(${target} ${target}_mamori)
endfunction()
