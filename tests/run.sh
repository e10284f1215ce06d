#!/bin/bash
# run.sh [--sanitize] [CTEST-ARGS...]: the whole test suite in one command. Configures and builds
# with warnings as errors (build/, or build-asan/ with AddressSanitizer and UBSan), then runs
# every test under CTest. Extra arguments go to ctest (-R cli/, -j2, ...).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd -P)
build="$src/build"
opts=(-DMAMORI_WERROR=ON)
if [ "${1:-}" = --sanitize ]; then
    shift
    build="$src/build-asan"
    opts+=(-DMAMORI_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo)
    # leaks are bugs too: tests/CMakeLists.txt sets ASAN_OPTIONS and UBSAN_OPTIONS so that any
    # sanitizer report fails the test that triggered it
fi
cmake -S "$src" -B "$build" "${opts[@]}"
cmake --build "$build" -j "$(nproc)"
cd "$build"
ctest --output-on-failure "$@"
