#!/bin/bash
# run.sh TARGET [SECONDS] [LIBFUZZER-ARGS...]: builds one fuzzer (clang-14,
# -fsanitize=fuzzer,address,undefined) in build-fuzz/ and runs it for SECONDS (default 60) on its
# corpus build-fuzz/corpus-TARGET: the seeds (tests/fuzz/seeds.py, or corpus/yaml for yaml) and
# the regression inputs of tests/fuzz/corpus/TARGET, with a dictionary of the rules' words. New
# inputs stay there; a crash, leak or input slower than 10 s leaves its input in build-fuzz/ as
# crash-*, leak-*, timeout-* (add it to tests/hostile/crashes/ or tests/fuzz/corpus/TARGET/
# before fixing it). Targets: c kconfig dts line manifest json cache redact report yaml.
# FUZZ_BUILD=DIR builds elsewhere; FUZZ_WORKERS=N runs N jobs (-fork). Not part of CTest.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd -P)
target=${1:?usage: run.sh TARGET [SECONDS] [LIBFUZZER-ARGS...]}
shift
secs=${1:-60}
[ $# -gt 0 ] && shift
build=${FUZZ_BUILD:-$src/build-fuzz}
CC=${CC:-clang-14} cmake -S "$src" -B "$build" -DMAMORI_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j 2 --target "fuzz-$target" mamori
corpus="$build/corpus-$target"
mkdir -p "$corpus"
if [ "$target" = yaml ]; then
    cp -n "$src"/tests/fuzz/corpus/yaml/* "$corpus/" 2>/dev/null || true
else
    python3 "$src/tests/fuzz/seeds.py" "$target" "$corpus" --mamori "$build/mamori" >/dev/null
    [ -d "$src/tests/fuzz/corpus/$target" ] && cp -n "$src/tests/fuzz/corpus/$target"/* "$corpus/"
fi
dict=()
if [ "$target" != cache ] && [ "$target" != report ]; then
    python3 "$src/tests/fuzz/seeds.py" --dict "$build/rules.dict" >/dev/null
    dict=(-dict="$build/rules.dict")
fi
cd "$build"
exec ./tests/fuzz/fuzz-"$target" -max_total_time="$secs" -max_len=65536 -timeout=10 \
    -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$build/$target-" "${dict[@]}" "$@" \
    "$corpus"
