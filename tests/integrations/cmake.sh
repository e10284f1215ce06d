#!/bin/bash
# cmake.sh GENERATOR: mamori_check() in a real CMake build of tests/integrations/cmake-fw (host
# compiler): a planted violation fails the build with a compiler-format line, fixing it passes,
# a second build without changes does not scan again, a changed source does, and the SARIF
# file names the sources relative to the project.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
gen="${1:-Unix Makefiles}"
command -v cmake >/dev/null || fail "cmake is not installed"
[ "$gen" != Ninja ] || command -v ninja >/dev/null || fail "ninja is not installed"
scratch
proj="$SCRATCH/fw"
cp -R "$MAMORI_SRC/tests/integrations/cmake-fw" "$proj"
build="$SCRATCH/build"
log="$SCRATCH/log"

cmake -S "$proj" -B "$build" -G "$gen" -DMAMORI_SRC="$MAMORI_SRC" -DMAMORI_EXECUTABLE="$MAMORI" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$log" 2>&1 || { cat "$log"; fail "configure failed"; }
build() { cmake --build "$build" --target firmware >"$log" 2>&1; }

# 1. planted violation: the build fails, and says where, as a compiler would
sed -i 's|snprintf(dst, 16, "%s", name);|strcpy(dst, name);|' "$proj/src/net.c"
sed -i '1i #include <string.h>' "$proj/src/net.c"
if build; then cat "$log"; fail "the build passed with strcpy in src/net.c"; fi
check "the finding is printed in compiler format with an absolute path" \
    grep -q "^$proj/src/net.c:6:5: warning: strcpy copies into dst .*\[unsafe-strcpy\]" "$log"
check "the unchecked target's finding is not reported" bash -c "! grep -q other.c '$log'"
check "the firmware was not linked" test ! -e "$build/firmware"
check "SARIF written from the same scan" test -s "$build/firmware.sarif"
check "SARIF URIs are relative to the project" grep -q '"uri": "src/net.c"' "$build/firmware.sarif"
check "the compile commands were passed" grep -q "compile_commands.json: .* entries; 2 of the 2 C/C++ files scanned have one" "$log"

# 2. fixed: the build passes and the SARIF report names the project's files
sed -i 's|strcpy(dst, name);|snprintf(dst, 16, "%s", name);|' "$proj/src/net.c"
build || { cat "$log"; fail "the build failed after the fix"; }
check "the fixed build scanned" grep -q "mamori: checking firmware" "$log"
check "the firmware was linked" test -x "$build/firmware"

# 3. nothing changed: no second scan
build || { cat "$log"; fail "the second build failed"; }
check "a build without changes does not scan again" bash -c "! grep -q 'mamori: checking' '$log'"

# 4. a source changes (and a new violation in a header-free file): scanned again, fails
sleep 1
printf 'void leak(char *d, const char *s) { extern char *strcat(char *, const char *); strcat(d, s); }\n' >>"$proj/src/main.c"
if build; then cat "$log"; fail "the build passed with strcat in src/main.c"; fi
check "a changed source is scanned again" grep -q "mamori: checking firmware" "$log"
check "the new finding is reported" grep -q "src/main.c:12:.*\[unsafe-strcat\]" "$log"

# 5. the policy is a dependency too: accepting the risk in mamori.json passes without touching
# a source
fp=$("$MAMORI" scan --no-policy -q -f json "$proj/src/main.c" | sed -n 's/.*"rule_id": "unsafe-strcat".*"fingerprint": "\([0-9a-f]*\)".*/\1/p')
[ -n "$fp" ] || fail "no fingerprint for the strcat finding"
printf '{"accepted_risks": [{"fingerprint": "%s", "reason": "test of the depfile", "owner": "fw-team", "expires": "2999-12-31"}]}\n' "$fp" >"$proj/mamori.json"
build || { cat "$log"; fail "the build failed although the finding is an accepted risk"; }
check "the new policy caused a scan" grep -q "mamori: checking firmware" "$log"
sleep 1
touch "$proj/mamori.json"
build || { cat "$log"; fail "rebuild after touching the policy failed"; }
check "a touched policy (a file mamori read, from the depfile) causes a scan" grep -q "mamori: checking firmware" "$log"
finish
