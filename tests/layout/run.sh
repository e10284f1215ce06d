#!/bin/bash
# layout/run.sh: checker/ keeps its folders and include directions (ARCHITECTURE.md): the
# include check and the symbol check pass on the tree and on the build, and each fails, naming
# the place, on a copy with a deliberate mistake (a test of the test).
set -eu
. "$(dirname "$0")/../lib/common.sh"
here=$(cd "$(dirname "$0")" && pwd)
src=$MAMORI_SRC/checker
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/includes.py" "$src" || fail "the include check fails on checker/"
python3 "$here/symbols.py" "$MAMORI_BUILD" "$src" || fail "the symbol check fails on the build"

# expect_fail NAME PATTERN: the include check fails on $work/checker and says PATTERN
expect_fail() {
    local out
    if out=$(python3 "$here/includes.py" "$work/checker" 2>&1); then
        fail "$1: the include check passed on a broken copy"
    fi
    grep -qF -- "$2" <<<"$out" || fail "$1: the include check did not say \"$2\":
$out"
}
fresh() { rm -rf "$work/checker"; cp -r "$src" "$work/checker"; }

fresh
sed -i '0,/^#include "/s//#include "core\/scan.h"\n&/' "$work/checker/front/cfront.c"
line=$(grep -n '^#include "core/scan.h"' "$work/checker/front/cfront.c" | head -1 | cut -d: -f1)
expect_fail upward "front/cfront.c:$line: #include \"core/scan.h\": front/ may not include core/"
expect_fail cycle "cycle between folders: core -> front -> core"

fresh
sed -i '0,/^#include "/s//#include "report\/report.h"\n&/' "$work/checker/core/scan.c"
expect_fail sideways "core/ may not include report/"

fresh
sed -i 's|#include "base/util.h"|#include "util.h"|' "$work/checker/base/json.h"
expect_fail unqualified "does not name its folder"

fresh
echo 'int stray;' >"$work/checker/stray.c"
expect_fail stray "source file directly in checker/"

fresh
rm "$work/checker/match/README.md"
expect_fail readme "match: no README.md"

# the symbol check: a front/ object that calls a core/ function must fail it
mkdir -p "$work/b/CMakeFiles/mamori_core.dir/checker/front" \
         "$work/b/CMakeFiles/mamori_core.dir/checker/core" "$work/c/front" "$work/c/core"
echo 'int mm_low(void); int mm_low(void) { extern int mm_high(void); return mm_high(); }' \
    >"$work/c/front/low.c"
echo 'int mm_high(void); int mm_high(void) { return 1; }' >"$work/c/core/high.c"
cc -c -o "$work/b/CMakeFiles/mamori_core.dir/checker/front/low.c.o" "$work/c/front/low.c"
cc -c -o "$work/b/CMakeFiles/mamori_core.dir/checker/core/high.c.o" "$work/c/core/high.c"
if out=$(python3 "$here/symbols.py" "$work/b" "$work/c" 2>&1); then
    fail "symbols: passed on a front/ object calling into core/"
fi
grep -qF "front/low.c: uses mm_high of core/high.c (front/ may not call into core/)" <<<"$out" ||
    fail "symbols: did not name the upward call: $out"
# ... and a stale object whose source is gone is not counted
rm "$work/c/front/low.c"
python3 "$here/symbols.py" "$work/b" "$work/c" >/dev/null || fail "symbols: counted a stale object"
echo "layout: ok"
