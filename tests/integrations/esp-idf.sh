#!/bin/bash
# esp-idf.sh: the mamori ESP-IDF component (integrations/esp-idf/mamori) in the example projects
# of examples/esp-idf-sensor, unmodified, built over a stand-in for ESP-IDF's project.cmake
# (tests/integrations/esp-idf-fake: IDF_PATH points there). The component must survive ESP-IDF's
# early expansion, scan the project's components and the resolved sdkconfig (not ESP-IDF's own
# components) before the image is linked, fail the insecure example and pass the fixed one.
# What this cannot show without ESP-IDF: the real idf.py/ninja run, the real component manager.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
fake="$MAMORI_SRC/tests/integrations/esp-idf-fake"
component="$MAMORI_SRC/integrations/esp-idf/mamori"
scratch
log="$SCRATCH/log"
cmake -DCOMPONENT_DIR="$component" -P "$fake/early-expansion.cmake" >"$log" 2>&1 ||
    { cat "$log"; fail "the component breaks ESP-IDF's early expansion"; }
echo "ok: the component survives the early expansion"

for half in insecure fixed; do
    proj="$SCRATCH/$half"
    cp -R "$MAMORI_SRC/examples/esp-idf-sensor/$half" "$proj"
    build="$proj/build"
    IDF_PATH="$fake" cmake -S "$proj" -B "$build" -DEXTRA_COMPONENT_DIRS="$MAMORI_SRC/integrations/esp-idf" \
        -DMAMORI_EXECUTABLE="$MAMORI" -DMAMORI_SARIF="$build/mamori.sarif" >"$log" 2>&1 ||
        { cat "$log"; fail "$half: configure failed"; }
    list="$build/mamori/sensor.elf.files"
    check "$half: main's source is scanned" grep -qxF "$proj/main/app_main.c" "$list"
    check "$half: the resolved sdkconfig is scanned" grep -qxF "$proj/sdkconfig" "$list"
    check "$half: sdkconfig.defaults is scanned" grep -qxF "$proj/sdkconfig.defaults" "$list"
    check "$half: ESP-IDF's own components are not" bash -c "! grep -q esp_system '$list'"
    rc=0
    cmake --build "$build" >"$log" 2>&1 || rc=$?
    check "$half: the scan ran during the build" grep -q "mamori: checking sensor.elf" "$log"
    if [ $half = insecure ]; then
        check "insecure: the build fails" test $rc -ne 0
        check "insecure: the hard-coded password is reported in compiler format" \
            grep -q "^$proj/main/app_main.c:10:23: error: .*\[cred-hardcoded-password\]" "$log"
        check "insecure: the image was not linked" bash -c "! grep -q 'Linking C executable sensor.elf' '$log'"
        check "insecure: SARIF written" grep -q '"uri": "main/app_main.c"' "$build/mamori.sarif"
    else
        check "fixed: the build passes" test $rc -eq 0
        check "fixed: the image was linked" test -x "$build/sensor.elf"
    fi
    [ $rc -eq 0 ] || [ $half = insecure ] || cat "$log"
done
finish
