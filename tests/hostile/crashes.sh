#!/bin/bash
# crashes.sh: every input that once crashed or hung mamori (fuzzing, reports) scans cleanly —
# alone, with one worker, exit 0 or 1 and no sanitizer report — in well under its time limit.
# Add a crash's input to tests/hostile/crashes/ before fixing it (README.md there says how).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
limit=${MAMORI_CRASH_TIMEOUT:-120}
n=0
for input in "$MAMORI_SRC"/tests/hostile/crashes/*; do
    name=${input##*/}
    [ "$name" = README.md ] && continue
    n=$((n + 1))
    rm -rf tree && mkdir tree && cp "$input" tree/
    start=$(date +%s)
    timeout "$limit" "$MAMORI" scan --no-policy --no-cache -j 1 --fail-on never --format json \
        -o out.json tree >out.txt 2>err.txt
    rc=$?
    took=$(($(date +%s) - start))
    check "$name: exit $rc (0 or 1 expected), ${took}s" [ "$rc" -le 1 ]
    check "$name: a valid report" node -e 'JSON.parse(require("fs").readFileSync("out.json","utf8"))'
    [ "$rc" -le 1 ] || sed -n 1,20p err.txt >&2
done
check "inputs found" [ "$n" -gt 0 ]
finish
