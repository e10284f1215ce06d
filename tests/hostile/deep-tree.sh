#!/bin/bash
# deep-tree.sh: a directory tree nested deeper than the walk's limit is reported with a "depth"
# warning instead of being walked without end; files above the limit are still scanned.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
d=tree
for i in $(seq 1 70); do d="$d/d"; done
mkdir -p "$d"
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n' >tree/top.c
cp tree/top.c "$d/bottom.c"
rc=0
timeout 60 "$MAMORI" scan --format json --fail-on never tree >out.json 2>err.txt || rc=$?
check "the scan ends with exit 0" [ "$rc" -eq 0 ]
check "top.c found, bottom.c beyond the limit not, one depth warning" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const d = r.notices.filter((n) => n.code === "depth");
    process.exit(r.findings.length === 1 && r.findings[0].path === "top.c" && d.length === 1 &&
                 d[0].level === "warning" ? 0 : 1);'
finish
