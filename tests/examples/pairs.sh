#!/bin/bash
# pairs.sh: every example under examples/ is an insecure/fixed pair; the insecure half has
# findings and the fixed half has none at all, notes included, with every built-in rule. Each
# half is scanned as a copy outside any git work tree, as a user would scan their project.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
n=0
for ex in "$MAMORI_SRC"/examples/*/; do
    name=$(basename "$ex")
    [ -d "$ex/insecure" ] && [ -d "$ex/fixed" ] || { check "$name has insecure/ and fixed/" false; continue; }
    n=$((n + 1))
    for half in insecure fixed; do
        rm -rf "$SCRATCH/$name-$half"
        cp -R "$ex/$half" "$SCRATCH/$name-$half"
        run_mamori "$SCRATCH/out" "$SCRATCH/err" scan --no-policy --fail-on note --format json \
            "$SCRATCH/$name-$half"
        if [ "$half" = fixed ]; then
            check "$name/fixed scans clean (exit $RC)" [ "$RC" -eq 0 ]
            [ "$RC" -eq 0 ] || cat "$SCRATCH/out" >&2
        else
            check "$name/insecure has findings (exit $RC)" [ "$RC" -eq 1 ]
        fi
    done
done
check "examples found ($n)" [ "$n" -gt 0 ]
finish
