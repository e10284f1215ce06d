#!/bin/bash
# init.sh: `mamori init` on each ecosystem: examples/esp-idf-sensor and examples/arduino-ota,
# and small trees under tests/integrations/init-trees for Zephyr, nRF Connect SDK, PlatformIO,
# STM32Cube, Buildroot, OpenWrt, plain CMake and Make. The ecosystem is named, the release
# configurations are the tree's non-debug ones, the written policy loads (a scan exits 0 or 1,
# never 2), nothing is replaced without --force, and the write is atomic.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
trees="$MAMORI_SRC/tests/integrations/init-trees"
# tree | ecosystem named | a release configuration expected | a debug one that must not be
cases=(
    "$MAMORI_SRC/examples/esp-idf-sensor/insecure|ESP-IDF|sdkconfig.defaults|"
    "$MAMORI_SRC/examples/arduino-ota/insecure|PlatformIO|platformio.ini|"
    "$trees/arduino|Arduino|blink/blink.ino|"
    "$trees/zephyr|Zephyr|prj.conf|prj_debug.conf"
    "$trees/ncs|nRF Connect SDK|app/prj.conf|"
    "$trees/platformio|PlatformIO|platformio.ini|"
    "$trees/stm32cube|STM32Cube|board.ioc|"
    "$trees/buildroot|Buildroot|configs/acme_release_defconfig|configs/acme_debug_defconfig"
    "$trees/openwrt|OpenWrt|diffconfig|"
    "$trees/cmake|a CMake project||"
    "$trees/make|a Make project||"
)
for c in "${cases[@]}"; do
    IFS='|' read -r src eco rel dbg <<<"$c"
    name=$(basename "$(dirname "$src")")-$(basename "$src")
    cp -R "$src" "$name"
    run_mamori "$name.out" "$name.err" init "$name"
    check "$name: init exits 0" test "$RC" -eq 0
    check "$name: names $eco" grep -qF "for $eco" "$name.err"
    check "$name: the policy says the ecosystem" grep -qF "// Ecosystem: $eco" "$name/mamori.json"
    if [ -n "$rel" ]; then
        check "$name: $rel is a release configuration" grep -qF "\"$rel\"" "$name/mamori.json"
    else
        check "$name: no release configurations, said so" grep -qF "(none found;" "$name/mamori.json"
    fi
    [ -z "$dbg" ] || check "$name: $dbg is not" bash -c "! grep -qF '\"$dbg\"' '$name/mamori.json'"
    check "$name: support period and security contact fields" grep -q '"support_until".*"security_contact"' "$name/mamori.json"
    run_mamori "$name.scan" "$name.scan.err" scan "$name"
    check "$name: the written policy loads (scan exit $RC)" test "$RC" -le 1
    check "$name: no temporary file left" bash -c "! ls -a '$name' | grep -q '\.tmp'"
    cp "$name/mamori.json" "$name.before"
    run_mamori "$name.out2" "$name.err2" init "$name"
    check "$name: a second init refuses (exit $RC)" test "$RC" -eq 2
    check "$name: ... and says why" grep -q "never replaces a policy without --force" "$name.err2"
    check "$name: ... and leaves the file alone" cmp -s "$name.before" "$name/mamori.json"
done
# --force, the options, --print
run_mamori f.out f.err init --force --support-until 2030-12-31 --security-contact psirt@example.com init-trees-make
check "--force replaces" test "$RC" -eq 0
check "--support-until and --security-contact are written" grep -q '"support_until": "2030-12-31", "security_contact": "psirt@example.com"' init-trees-make/mamori.json
run_mamori p.out p.err init --print init-trees-cmake
check "--print writes to standard output" grep -q '"accepted_risks": \[\]' p.out
run_mamori b.out b.err init --support-until 2030-13-01 --force init-trees-make
check "a bad date is a usage error" test "$RC" -eq 2
finish
