#!/bin/bash
# install.sh: `cmake --install` into a fresh prefix gives the binary, the man page and a CMake
# package; a consumer project finds it with find_package(mamori) (no path to the binary given)
# and its build fails on a planted violation.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
: "${MAMORI_BUILD:?MAMORI_BUILD (the build tree) is not set; run the tests through ctest}"
scratch
prefix="$SCRATCH/prefix"
log="$SCRATCH/log"
cmake --install "$MAMORI_BUILD" --prefix "$prefix" >"$log" 2>&1 || { cat "$log"; fail "cmake --install failed"; }
check "binary installed" test -x "$prefix/bin/mamori"
check "man page installed" test -s "$prefix/share/man/man1/mamori.1"
check "package config installed" test -s "$prefix/share/cmake/mamori/mamoriConfig.cmake"
check "package version file installed" test -s "$prefix/share/cmake/mamori/mamoriConfigVersion.cmake"
for f in cmake/mamori.cmake make/mamori.mk zephyr/zephyr/module.yml zephyr/cmake/sca/mamori/sca.cmake \
         esp-idf/mamori/CMakeLists.txt; do
    check "integration installed: $f" test -s "$prefix/share/mamori/integrations/$f"
done
check "installed binary runs" bash -c "'$prefix/bin/mamori' version >/dev/null"

proj="$SCRATCH/consumer"
cp -R "$MAMORI_SRC/tests/integrations/cmake-fw" "$proj"
sed -i '1i #include <string.h>' "$proj/src/net.c"
sed -i 's|snprintf(dst, 16, "%s", name);|strcpy(dst, name);|' "$proj/src/net.c"
# PATH without the build tree: the package alone must say where mamori is
env PATH=/usr/bin:/bin cmake -S "$proj" -B "$SCRATCH/b" -DMAMORI_FROM_PACKAGE=ON \
    -DCMAKE_PREFIX_PATH="$prefix" >"$log" 2>&1 || { cat "$log"; fail "configure with find_package failed"; }
check "find_package found the installed package" \
    grep -q "^mamori_DIR:PATH=$prefix/share/cmake/mamori$" "$SCRATCH/b/CMakeCache.txt"
if env PATH=/usr/bin:/bin cmake --build "$SCRATCH/b" --target firmware >"$log" 2>&1; then
    cat "$log"; fail "the consumer build passed with strcpy in src/net.c"
fi
check "the consumer build ran the installed mamori" grep -q "\[unsafe-strcpy\]" "$log"
check "the build command named the installed binary" \
    grep -rqF "$prefix/bin/mamori" "$SCRATCH/b/CMakeFiles" 
# a version the package does not satisfy is refused
sed -i 's/find_package(mamori 0.1 REQUIRED)/find_package(mamori 99 REQUIRED)/' "$proj/CMakeLists.txt"
if cmake -S "$proj" -B "$SCRATCH/b2" -DMAMORI_FROM_PACKAGE=ON -DCMAKE_PREFIX_PATH="$prefix" >"$log" 2>&1; then
    fail "find_package(mamori 99) succeeded"
fi
check "an unsatisfied version is named" grep -q "version" "$log"
finish
