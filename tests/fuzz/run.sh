#!/bin/bash
# run.sh [SECONDS] [LIBFUZZER-ARGS...]: builds the YAML fuzzer with clang-14
# (-fsanitize=fuzzer,address,undefined) in build-fuzz/ and runs it on a copy of the seed corpus
# for SECONDS (default 60). New inputs stay in build-fuzz/corpus-yaml; a crash leaves its input
# there as crash-*. Not part of CTest (which replays the seeds through driver.c).
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd -P)
secs=${1:-60}
[ $# -gt 0 ] && shift
build="$src/build-fuzz"
CC=${CC:-clang-14} cmake -S "$src" -B "$build" -DMAMORI_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j 2 --target fuzz-yaml
mkdir -p "$build/corpus-yaml"
cp -n "$src"/tests/fuzz/corpus/yaml/* "$build/corpus-yaml/" 2>/dev/null || true
cd "$build"
exec ./tests/fuzz/fuzz-yaml -max_total_time="$secs" -max_len=65536 -timeout=10 \
    -artifact_prefix="$build/" "$@" "$build/corpus-yaml"
