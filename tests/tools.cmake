# tools.cmake: installs the npm tools the tests run (and the CycloneDX schemas they validate with), at the versions tests/package-lock.json pins
# (with integrity hashes), into DEST. CTest runs it as the setup of the "tools" fixture; a test
# that needs a tool fails when this fails. Usage: cmake -DSRC=tests -DDEST=dir -P tools.cmake
file(SHA256 "${SRC}/package-lock.json" lock_sha)
set(stamp "${DEST}/.lock-${lock_sha}")
set(multitool "${DEST}/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool")
if(EXISTS "${stamp}" AND EXISTS "${multitool}")
  message(STATUS "test tools already installed in ${DEST}")
  return()
endif()
find_program(NPM npm)
if(NOT NPM)
  message(FATAL_ERROR "npm not found: the tests need it to install the pinned SARIF and JSON Schema validators")
endif()
file(REMOVE_RECURSE "${DEST}")
file(MAKE_DIRECTORY "${DEST}")
file(COPY "${SRC}/package.json" "${SRC}/package-lock.json" DESTINATION "${DEST}")
# --ignore-scripts: nothing from the registry runs here; the multitool's postinstall would only
# have made its binary executable, which is done below
execute_process(
  COMMAND "${NPM}" ci --ignore-scripts --no-audit --no-fund
  WORKING_DIRECTORY "${DEST}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm ci of tests/package-lock.json failed (${rc}); see above")
endif()
foreach(f "${multitool}" "${DEST}/node_modules/ajv-cli/dist/index.js" "${DEST}/node_modules/ajv-formats/package.json"
          "${DEST}/node_modules/@cyclonedx/cyclonedx-library/res/schema/bom-1.6.SNAPSHOT.schema.json")
  if(NOT EXISTS "${f}")
    message(FATAL_ERROR "npm ci did not install ${f}")
  endif()
endforeach()
file(CHMOD "${multitool}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
     GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
file(TOUCH "${stamp}")
