#!/bin/bash
# examples.sh: every example pair keeps its promise: the insecure/ half has findings, the fixed/
# half scans clean (no finding at any severity; inline suppressions with a reason are allowed,
# and counted). Each half is copied into a scratch directory first, so that one half never
# stands beside the other (and no git work tree is around).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
n=0
for dir in "$MAMORI_SRC"/examples/*/; do
    name=$(basename "$dir")
    [ -d "$dir/fixed" ] && [ -d "$dir/insecure" ] || continue
    n=$((n + 1))
    for half in insecure fixed; do
        rm -rf "$SCRATCH/$name-$half"
        cp -R "$dir/$half" "$SCRATCH/$name-$half"
        run_mamori "$SCRATCH/out.json" "$SCRATCH/err.txt" scan --no-policy --format json \
            --fail-on never "$SCRATCH/$name-$half"
        check "$name/$half: scan exits 0" [ "$RC" -eq 0 ]
        count=$(node -e '
            const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
            console.log(r.findings.filter((f) => !f.suppressed).length);' "$SCRATCH/out.json")
        if [ "$half" = fixed ]; then
            check "$name/fixed: no findings (found $count)" [ "$count" = 0 ]
        else
            check "$name/insecure: has findings" [ "$count" -gt 0 ]
        fi
    done
done
check "examples were found" [ "$n" -gt 0 ]
finish
