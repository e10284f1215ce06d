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
    # leaks are bugs too; a sanitizer report fails the test that triggered it
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
fi
cmake -S "$src" -B "$build" "${opts[@]}"
cmake --build "$build" -j "$(nproc)"
cd "$build"
ctest --output-on-failure "$@"
