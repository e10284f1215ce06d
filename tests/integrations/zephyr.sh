#!/bin/bash
# zephyr.sh: the ZEPHYR_SCA_VARIANT=mamori module (integrations/zephyr) loaded the way Zephyr's
# FindScaTools loads it, in a build without a Zephyr SDK (tests/integrations/zephyr-fake.cmake
# does what find_package(Zephyr) has done by then). Checks that module.yml declares the SCA root
# Zephyr's module schema allows, that the scan runs as part of building `app` on the right
# inputs (app sources, prj.conf, the overlay, zephyr/.config, zephyr/zephyr.dts) and fails the
# build on a planted violation (MAMORI_FAIL_ON=warning), with a SARIF report (MAMORI_SARIF).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
module="$MAMORI_SRC/integrations/zephyr"
scratch
python3 - "$module/zephyr/module.yml" <<'PY' || fail "module.yml is not what Zephyr's schema accepts"
import sys, yaml, os
meta = yaml.safe_load(open(sys.argv[1]))
# scripts/zephyr_module.py METADATA_SCHEMA: top-level name/build/...; build.settings.sca_root: str
assert set(meta) <= {"name", "build", "tests", "samples", "boards", "blobs"}, meta
settings = meta["build"]["settings"]
assert set(meta["build"]) <= {"cmake", "kconfig", "cmake-ext", "kconfig-ext", "sysbuild-cmake",
    "sysbuild-kconfig", "sysbuild-cmake-ext", "sysbuild-kconfig-ext", "depends", "settings"}
assert set(settings) <= {"board_root", "dts_root", "soc_root", "arch_root", "module_ext_root",
    "sca_root"}, settings
root = os.path.join(os.path.dirname(os.path.dirname(sys.argv[1])), settings["sca_root"])
assert os.path.isfile(os.path.join(root, "cmake/sca/mamori/sca.cmake")), root
PY
echo "ok: module.yml declares an sca_root holding cmake/sca/mamori/sca.cmake"
app="$SCRATCH/app"
cp -R "$MAMORI_SRC/tests/integrations/zephyr-app" "$app"
build="$SCRATCH/build"
log="$SCRATCH/log"
cmake -S "$app" -B "$build" -DZEPHYR_FAKE="$MAMORI_SRC/tests/integrations/zephyr-fake.cmake" \
    -DZEPHYR_EXTRA_MODULES="$module" -DZEPHYR_SCA_VARIANT=mamori -DMAMORI_EXECUTABLE="$MAMORI" \
    -DMAMORI_SARIF="$build/mamori.sarif" -DMAMORI_FAIL_ON=warning >"$log" 2>&1 || { cat "$log"; fail "configure failed"; }
check "the SCA variant was found" grep -q "Found SCA: mamori" "$log"
list="$build/mamori/app.files"
for f in "$app/src/main.c" "$app/prj.conf" "$app/boards/native_sim.overlay" \
         "$build/zephyr/.config" "$build/zephyr/zephyr.dts"; do
    check "scanned: ${f#$SCRATCH/}" grep -qxF "$f" "$list"
done
cmake --build "$build" >"$log" 2>&1 || { cat "$log"; fail "the clean application did not build"; }
check "the scan ran while building app" grep -q "mamori: checking app" "$log"
check "mamori read the resolved .config (depfile)" grep -qF "$build/zephyr/.config" "$build/mamori/app.stamp.d"
check "mamori read zephyr.dts (depfile)" grep -qF "$build/zephyr/zephyr.dts" "$build/mamori/app.stamp.d"
printf '#include <string.h>\nvoid rename_to(char *d, const char *s) { strcpy(d, s); }\n' >>"$app/src/main.c"
if cmake --build "$build" >"$log" 2>&1; then cat "$log"; fail "the build passed with strcpy in src/main.c"; fi
check "the violation is reported in compiler format" grep -q "^$app/src/main.c:11:.*\[unsafe-strcpy\]" "$log"
check "the image was not linked again" bash -c "! grep -q \"Linking C executable zephyr.elf\" '$log'"
check "MAMORI_SARIF: the report names the source relative to the application" \
    grep -q '"uri": "src/main.c"' "$build/mamori.sarif"
finish
