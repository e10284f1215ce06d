# early-expansion.cmake COMPONENT_DIR=...: ESP-IDF's early expansion of one component
# (tools/cmake/scripts/component_get_requirements.cmake): its CMakeLists.txt runs in script
# mode inside a function, where idf_component_register is a macro that records the
# requirements and returns from the included file. Nothing after it may run there.
macro(idf_component_register)
  set(__component_registered 1)
  return()
endmacro()
function(__component_get_requirements)
  set(CMAKE_BUILD_EARLY_EXPANSION 1)
  include(${COMPONENT_DIR}/CMakeLists.txt)
  if(NOT __component_registered)
    message(FATAL_ERROR "the component did not call idf_component_register")
  endif()
  if(COMMAND _mamori_idf_deferred OR COMMAND mamori_check)
    message(FATAL_ERROR "the component's CMakeLists.txt went on after idf_component_register")
  endif()
endfunction()
__component_get_requirements()
message(STATUS "early expansion: ok")
