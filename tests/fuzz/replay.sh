#!/bin/bash
# replay.sh TARGET REPLAY-BINARY: a fuzz target's seeds (seeds.py, from rules/ and examples/) and
# its regression inputs (tests/fuzz/corpus/TARGET/, when there are any) run once through the
# target's function without libFuzzer (driver.c): every build, and under ASan and UBSan with
# tests/run.sh --sanitize. CTest runs it as fuzz/TARGET-corpus.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
target=${1:?target}
bin=${2:?replay binary}
scratch
python3 "$MAMORI_SRC/tests/fuzz/seeds.py" "$target" "$SCRATCH/seeds" --mamori "$MAMORI" ||
    fail "no seeds for $target"
dirs=("$SCRATCH/seeds")
[ -d "$MAMORI_SRC/tests/fuzz/corpus/$target" ] && dirs+=("$MAMORI_SRC/tests/fuzz/corpus/$target")
"$bin" "${dirs[@]}" >"$SCRATCH/out.txt" || fail "the $target target failed on an input (above)"
n=$(grep -c '^ok: ' "$SCRATCH/out.txt")
echo "ok: $n inputs of $target replayed"
[ "$n" -gt 0 ] || fail "no input replayed"
