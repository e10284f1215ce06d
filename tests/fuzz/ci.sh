#!/bin/bash
# ci.sh [SECONDS]: every fuzz target for SECONDS (default 25) each, one after the other, in the
# CI's sanitizer job (.ci/run): 10 targets, about 5 minutes in all. Fails on the first crash,
# sanitizer report, leak or input slower than 10 s; its input is left in build-fuzz/ (run.sh says
# where) for a regression input. tests/fuzz/run.sh TARGET SECONDS runs one longer by hand.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd -P)
secs=${1:-25}
for t in c kconfig dts line manifest json cache redact report yaml; do
    echo "fuzz: $t for ${secs}s"
    if ! "$src/tests/fuzz/run.sh" "$t" "$secs" >"$src/build-fuzz.$t.log" 2>&1; then
        tail -60 "$src/build-fuzz.$t.log" >&2
        echo "fuzz: $t failed; its log: build-fuzz.$t.log" >&2
        exit 1
    fi
    grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units' "$src/build-fuzz.$t.log" | tail -1
    rm -f "$src/build-fuzz.$t.log"
done
