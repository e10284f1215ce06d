#!/bin/bash
# init.sh: `mamori init` on each ecosystem: examples/esp-idf-sensor and examples/arduino-ota,
# and small trees under tests/integrations/init-trees for Zephyr, nRF Connect SDK, PlatformIO,
# STM32Cube, Buildroot, OpenWrt, plain CMake and Make. The ecosystem is named, the release
# configurations are the tree's non-debug ones, the components the inventory finds are declared
# under "components" (or left to an SBOM of the tree that declares them), the written policy
# loads (a scan exits 0 or 1, never 2) and the scan after it reports none of those components
# as undeclared, nothing is replaced without --force, and the write is atomic.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
trees="$MAMORI_SRC/tests/integrations/init-trees"
# A CMake tree with two submodules (one tracking a branch), and copies of it with an SBOM that
# declares both or one of them.
mk_submodules() {
    cp -R "$trees/cmake" "$1"
    cat >"$1/.gitmodules" <<'EOF'
[submodule "third_party/mbedtls"]
	path = third_party/mbedtls
	url = https://github.com/Mbed-TLS/mbedtls.git
	branch = v3.6.2
[submodule "third_party/lwip"]
	path = third_party/lwip
	url = https://git.savannah.nongnu.org/git/lwip.git
EOF
}
mk_submodules submodules
mk_submodules sbom-all
run_mamori sbom-all.cdx.json sbom.err sbom --no-policy sbom-all
check "mamori sbom of the submodule tree" test "$RC" -eq 0
mv sbom-all.cdx.json sbom-all/bom.cdx.json
mk_submodules sbom-part
# the SBOM of sbom-part lists mbedtls only
cat >sbom-part/bom.cdx.json <<'EOF'
{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
 "components": [{"type": "library", "name": "mbedtls", "purl": "pkg:github/Mbed-TLS/mbedtls"}]}
EOF
# Two RIOT packages fetched from one repository (one purl, two versions): each entry must name
# its own package only, so neither carries the shared purl.
cp -R "$trees/make" riot-pkgs
mkdir -p riot-pkgs/pkg/picosdk riot-pkgs/dist/tools/pioasm
printf '%s\n' 'PKG_NAME=picosdk' 'PKG_URL=https://github.com/raspberrypi/pico-sdk.git' \
    '# Version 2.2.0' 'PKG_VERSION=a1438dff1d38bd9c65dbd693f0e5db4b9ae91779' \
    'PKG_LICENSE=BSD-3-Clause' >riot-pkgs/pkg/picosdk/Makefile
printf '%s\n' 'PKG_NAME=pioasm' 'PKG_URL=https://github.com/raspberrypi/pico-sdk.git' \
    '# release SDK 1.5.0' 'PKG_VERSION=2ccab115de0d42d31d6611cca19ef0cd0d2ccaa7' \
    'PKG_LICENSE=BSD-3-Clause' >riot-pkgs/dist/tools/pioasm/Makefile
riot1='    {"name": "pioasm", "version": "1.5.0", "license": "BSD-3-Clause"},  // a RIOT package, dist/tools/pioasm/Makefile:1'
riot2='    {"name": "picosdk", "version": "2.2.0", "license": "BSD-3-Clause"}  // a RIOT package, pkg/picosdk/Makefile:1'
# ESP-IDF with a registry dependency (a range), its dependencies.lock and the downloaded copy in
# managed_components/ (which the policy excludes, so the entry is the manifest's, with the
# locked version)
cp -R "$MAMORI_SRC/examples/esp-idf-sensor/insecure" idf-lock
mkdir -p idf-lock/managed_components/espressif__led_strip
printf '%s\n' 'dependencies:' '  espressif/led_strip: "^2.5.0"' '  idf: ">=5.1"' >idf-lock/main/idf_component.yml
printf '%s\n' 'dependencies:' '  espressif/led_strip:' \
    '    component_hash: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' \
    '    source:' '      service_url: https://components.espressif.com' '      type: service' \
    '    version: 2.5.3' '  idf:' '    source:' '      type: idf' '    version: 5.2.1' \
    'manifest_hash: abc' 'target: esp32' 'version: 1.0.0' >idf-lock/dependencies.lock
printf '%s\n' 'version: "2.5.3"' 'license: "Apache-2.0"' >idf-lock/managed_components/espressif__led_strip/idf_component.yml
idf1='    {"name": "espressif/esp-idf", "version": "5.2.1", "purl": "pkg:github/espressif/esp-idf@v5.2.1"},  // ESP-IDF'"'"'s dependencies.lock, dependencies.lock:8'
idf2='    {"name": "espressif/led_strip", "version": "2.5.3"}  // an ESP-IDF component dependency, main/idf_component.yml:2; the range ^2.5.0 is fixed by a lock file'
# tree | ecosystem named | a release configuration expected | a debug one that must not be |
# the variables holding the component lines expected (space-separated), or "-" for none
sub1='    {"name": "mbedtls", "purl": "pkg:github/Mbed-TLS/mbedtls", "path": "third_party/mbedtls"},  // a git submodule, .gitmodules:1'
sub2='    {"name": "lwip", "path": "third_party/lwip"}  // a git submodule, .gitmodules:5'
ota1='    {"name": "platformio/espressif32", "purl": "pkg:github/platformio/platform-espressif32"}  // a PlatformIO platform, platformio.ini:3; not pinned to a version'
ncs1='    {"name": "sdk-nrf", "version": "v2.6.0", "path": "nrf"}  // a west project, west.yml:3'
pio1='    {"name": "platformio/espressif32", "purl": "pkg:github/platformio/platform-espressif32"}  // a PlatformIO platform, platformio.ini:2; not pinned to a version'
cases=(
    "$MAMORI_SRC/examples/esp-idf-sensor/insecure|ESP-IDF|sdkconfig.defaults||-"
    "$MAMORI_SRC/examples/arduino-ota/insecure|PlatformIO|platformio.ini||ota1"
    "$trees/arduino|Arduino|blink/blink.ino||-"
    "$trees/zephyr|Zephyr|prj.conf|prj_debug.conf|-"
    "$trees/ncs|nRF Connect SDK|app/prj.conf||ncs1"
    "$trees/platformio|PlatformIO|platformio.ini||pio1"
    "$trees/stm32cube|STM32Cube|board.ioc||-"
    "$trees/buildroot|Buildroot|configs/acme_release_defconfig|configs/acme_debug_defconfig|-"
    "$trees/openwrt|OpenWrt|diffconfig||-"
    "$trees/cmake|a CMake project|||-"
    "$trees/make|a Make project|||-"
    "$SCRATCH/submodules|a CMake project|||sub1 sub2"
    "$SCRATCH/sbom-all|a CMake project|||-"
    "$SCRATCH/sbom-part|a CMake project|||sub2"
    "$SCRATCH/riot-pkgs|a Make project|||riot1 riot2"
    "$SCRATCH/idf-lock|ESP-IDF|sdkconfig.defaults||idf1 idf2"
)
for c in "${cases[@]}"; do
    IFS='|' read -r src eco rel dbg comps <<<"$c"
    case "$src" in
    "$SCRATCH"/*) name=$(basename "$src") ;;
    *)
        name=$(basename "$(dirname "$src")")-$(basename "$src")
        cp -R "$src" "$name"
        ;;
    esac
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
    # the product section: commented out (its values would be placeholders), naming its rules
    check "$name: product section, commented out" grep -qE '^  // "product": \{"name": ".+", "support_until": "YYYY-MM-DD",$' "$name/mamori.json"
    check "$name: ... with the security contact and threat model" grep -qF '//   "security_contact": "security@example.com", "threat_model": "docs/threat-model.md"},' "$name/mamori.json"
    for r in policy-support-period policy-security-policy-missing policy-threat-model; do
        check "$name: ... naming $r" grep -qF "($r" "$name/mamori.json"
    done
    # the components: each expected line, and no other entry
    if [ "$comps" = - ]; then
        check "$name: no components declared" bash -c "! grep -q '^  \"components\"' '$name/mamori.json'"
        check "$name: ... an example instead" grep -qF '  // "components": [{"name": "radio-firmware"' "$name/mamori.json"
    else
        read -ra want <<<"$comps"
        for v in "${want[@]}"; do
            check "$name: declares: ${!v}" grep -qxF -- "${!v}" "$name/mamori.json"
        done
        n=$(sed -n '/^  "components": \[$/,/^  \],$/p' "$name/mamori.json" | grep -c '^    {"name"')
        check "$name: ${#want[@]} component(s) declared (saw $n)" test "$n" -eq "${#want[@]}"
        check "$name: init says how many" grep -qF "mamori: ${#want[@]} third-party component" "$name.err"
    fi
    run_mamori "$name.scan" "$name.scan.err" scan "$name"
    check "$name: the written policy loads (scan exit $RC)" test "$RC" -le 1
    # what init declared is what the scan finds: nothing undeclared, absent or of another version
    for r in component-undeclared component-declared-absent component-version-mismatch; do
        check "$name: the scan after init reports no $r" bash -c "! grep -q '\[$r\]' '$name.scan'"
    done
    check "$name: no temporary file left" bash -c "! ls -a '$name' | grep -q '\.tmp'"
    cp "$name/mamori.json" "$name.before"
    run_mamori "$name.out2" "$name.err2" init "$name"
    check "$name: a second init refuses (exit $RC)" test "$RC" -eq 2
    check "$name: ... and says why" grep -q "never replaces a policy without --force" "$name.err2"
    check "$name: ... and leaves the file alone" cmp -s "$name.before" "$name/mamori.json"
done
# an SBOM that declares what the tree has: the policy says so and lists nothing
check "sbom-all: the SBOM declares the components" grep -qF "// 2 components found in the tree are declared in bom.cdx.json, so they are not" sbom-all/mamori.json
check "sbom-part: the SBOM declares mbedtls" grep -qF "// 1 component found in the tree is declared in bom.cdx.json, so it is not" sbom-part/mamori.json
# the follow-up scan of the submodule tree: `branch =` is no pin problem (the gitlink pins the
# commit), and what is left for a human is said once, at the policy: the supplier, license and
# version of the two submodules
check "submodules: the scan after init reports no branch pin" bash -c '! grep -qF "[component-unpinned]" submodules.scan'
check "submodules: ... but one finding with what to fill in" \
    grep -qF "the supplier, license and version to fill in for 2 components declared here (no supplier: 2, no license: 2, no version: 2): mbedtls and lwip;" submodules.scan
check "submodules: ... and only that one" test "$(grep -c '\[component-incomplete\]' submodules.scan)" -eq 1
# a PlatformIO firmware: init declares its libraries, platform and packages with their owners;
# the next scan shows what needs a human decision (the suppliers and licenses, the versions no
# spec fixes) in one finding, not one per component
cp -R "$trees/platformio" pio-many
cat >pio-many/platformio.ini <<'EOF'
[common]
lib_deps =
    bblanchon/ArduinoJson @ 7.2.1
    knolleary/PubSubClient @ 2.8
[env:esp32dev]
platform = espressif32 @ 6.9.0
platform_packages = platformio/toolchain-xtensa @ 12.2.0
board = esp32dev
framework = arduino
lib_deps = ${common.lib_deps}
    adafruit/Adafruit BME280 Library @ 2.2.4
EOF
run_mamori pio-many.out pio-many.err init pio-many
check "pio-many: init exits 0" test "$RC" -eq 0
check "pio-many: the owner is kept" grep -qF '{"name": "platformio/toolchain-xtensa", "version": "12.2.0"' pio-many/mamori.json
check "pio-many: five components" grep -qF "mamori: 5 third-party components declared" pio-many.err
run_mamori pio-many.scan pio-many.scan.err scan --category component pio-many
check "pio-many: one component finding after init" test "$(grep -c '\[component-' pio-many.scan)" -eq 1
check "pio-many: ... saying what to fill in" grep -qF "the supplier and license to fill in for 5 components declared here (no supplier: 5, no license: 5): bblanchon/ArduinoJson 7.2.1, knolleary/PubSubClient 2.8, platformio/espressif32 6.9.0, platformio/toolchain-xtensa 12.2.0 and adafruit/Adafruit BME280 Library 2.2.4;" pio-many.scan
# hostile names: a submodule path that is not UTF-8 (a JSON string cannot name it: said in a
# comment, not declared with U+FFFD in its place), credentials in a URL (never written), a
# vendored directory whose name holds a newline (escaped in the entry, '?' in the comment)
cp -R "$trees/cmake" hostile
printf '[submodule "x"]\n\tpath = third_party/\377weird\n\turl = https://user:s3cr3tpw@github.com/a/b.git\n' >hostile/.gitmodules
mkdir -p "hostile/vendor/nl
name"
echo "MIT License" >"hostile/vendor/nl
name/LICENSE"
run_mamori hostile.out hostile.err init hostile
check "hostile: init exits 0 (exit $RC)" test "$RC" -eq 0
check "hostile: the non-UTF-8 submodule is said, not declared" grep -qF '  // not declared: the component at .gitmodules:1, whose name or path is not UTF-8' hostile/mamori.json
check "hostile: ... and no entry carries U+FFFD" bash -c "! grep -q \$'\\xef\\xbf\\xbd' hostile/mamori.json"
check "hostile: the policy is UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null hostile/mamori.json
check "hostile: no credentials written" bash -c "! grep -q s3cr3tpw hostile/mamori.json hostile.err"
check "hostile: the newline in a directory name is escaped" grep -qxF '    {"name": "nl\nname", "path": "vendor/nl\nname"}  // a vendored tree with its own license, vendor/nl?name/LICENSE:1' hostile/mamori.json
run_mamori hostile.scan hostile.scan.err scan hostile
check "hostile: the policy loads (scan exit $RC)" test "$RC" -le 1
check "hostile: the scan reports the submodule init could not declare, and nothing absent" bash -c "grep -qa '^hostile/.gitmodules:1:.*\[component-undeclared\]' hostile.scan && ! grep -qa 'component-declared-absent' hostile.scan"
# --force, the options, --print
run_mamori f.out f.err init --force --support-until 2030-12-31 --security-contact psirt@example.com init-trees-make
check "--force replaces" test "$RC" -eq 0
check "--support-until and --security-contact are written, live" grep -qx '  "product": {"support_until": "2030-12-31", "security_contact": "psirt@example.com"},' init-trees-make/mamori.json
run_mamori f.scan f.scan.err scan init-trees-make
check "... and the policy with them loads (scan exit $RC)" test "$RC" -le 1
check "... the support period is taken (no policy-support-period finding)" bash -c "! grep -q 'policy-support-period' f.scan"
run_mamori f1.out f1.err init --force --support-until 2031-01-31 init-trees-cmake
check "--support-until alone: written live" grep -qx '  "product": {"support_until": "2031-01-31"},' init-trees-cmake/mamori.json
check "... the contact left to fill in" grep -qF '// more of it: "name": "init-trees-cmake", "security_contact": "security@example.com"' init-trees-cmake/mamori.json
run_mamori f1.scan f1.scan.err scan init-trees-cmake
check "... and loads (scan exit $RC)" test "$RC" -le 1
run_mamori c.out c.err init --force --security-contact "write to us" init-trees-make
check "a contact that is no address is a usage error (exit $RC)" test "$RC" -eq 2
check "... saying what it must be" grep -qF "must be an e-mail address" c.err
run_mamori p.out p.err init --print init-trees-cmake
check "--print writes to standard output" grep -q '"accepted_risks": \[\]' p.out
run_mamori b.out b.err init --support-until 2030-13-01 --force init-trees-make
check "a bad date is a usage error" test "$RC" -eq 2
# init on a subdirectory of a git work tree: the policy goes to the work tree's root, where a
# scan looks for it, and init says so
mkdir -p gitrepo/fw && git -C gitrepo init -q && cp init-trees-cmake/CMakeLists.txt gitrepo/fw/ 2>/dev/null
printf 'int main(void) { return 0; }\n' >gitrepo/fw/main.c
run_mamori sub.out sub.err init --support-until 2030-12-31 gitrepo/fw
check "init of a subdirectory exits 0 (exit $RC)" test "$RC" -eq 0
check "... writes the policy at the work tree's root" test -f gitrepo/mamori.json
check "... not in the subdirectory" test ! -e gitrepo/fw/mamori.json
check "... and says where it went" grep -qF "the policy goes to its root, where mamori scan looks for it" sub.err
run_mamori sub.scan sub.scan.err scan gitrepo
check "... and a scan of the repository reads it (no policy-support-period)" \
    bash -c "! grep -q 'policy-support-period' sub.scan && test $RC -le 1"
finish
