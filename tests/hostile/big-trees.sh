#!/bin/bash
# big-trees.sh: trees that are large in some dimension scan in bounded time and memory. A sparse
# 2 GiB file is skipped by its size (a "too-large" note) without being read; 100 000 small files
# are all scanned and the one finding among them is found; a 200-deep directory chain is cut at
# the walk's depth limit in a plain tree and scanned through the index in a git work tree.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
src='#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n'
js() { node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
                process.exit((() => { '"$1"' })() ? 0 : 1);' "$2"; }

# --- a sparse 2 GiB file: not read (the scan takes seconds, not minutes, and little memory)
mkdir sparse && truncate -s 2G sparse/disk.img && printf "$src" >sparse/a.c
start=$(date +%s)
RC=0
timeout 120 "$MAMORI" scan --no-cache --format json sparse >sparse.json 2>sparse.err || RC=$?
took=$(($(date +%s) - start))
check "sparse 2 GiB: exit 0 in ${took}s" [ "$RC" -eq 0 ] && [ "$took" -lt 60 ]
check "sparse 2 GiB: skipped with a too-large note, a.c scanned" js '
    return r.notices.some((n) => n.code === "too-large" && n.path === "disk.img") &&
        r.findings.length === 1 && r.summary.files_scanned === 1' sparse.json

# --- 100 000 small files (in memory when /dev/shm is there: creating them on a disk is most of the
# test's time)
many=many
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    many=$(mktemp -d /dev/shm/mamori-test.XXXXXX) || fail mktemp
    trap 'rm -rf "$many"; chmod -R u+rwX "$SCRATCH" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
fi
MANY=$many python3 -c '
import os
for d in range(100):
    os.makedirs(os.environ["MANY"] + "/d%03d" % d)
    for i in range(1000):
        with open(os.environ["MANY"] + "/d%03d/f%d.txt" % (d, i), "w") as f:
            f.write("value=%d\n" % i)'
printf "$src" >"$many/d050/a.c"
RC=0
timeout 600 "$MAMORI" scan --no-cache --format json "$many" >many.json 2>many.err || RC=$?
check "100 000 files: exit 0" [ "$RC" -eq 0 ]
check "100 000 files: all scanned, the finding found" js '
    return r.summary.files_scanned === 100001 && r.findings.length === 1 &&
        r.findings[0].path === "d050/a.c"' many.json
rm -rf "$many"

# --- 200-deep directories
d=deep
for i in $(seq 1 200); do d="$d/d$i"; done
mkdir -p "$d" && printf "$src" >"$d/bottom.c" && printf "$src" >deep/top.c
RC=0
timeout 120 "$MAMORI" scan --no-cache --format json deep >deep.json 2>deep.err || RC=$?
check "200 deep, plain tree: exit 0" [ "$RC" -eq 0 ]
check "200 deep, plain tree: top.c found, one depth warning" js '
    return r.findings.length === 1 && r.findings[0].path === "top.c" &&
        r.notices.filter((n) => n.code === "depth").length === 1' deep.json
git -C deep init -q && git -C deep add -A &&
    git -C deep -c user.name=t -c user.email=t@example.com commit -qm deep
RC=0
timeout 120 "$MAMORI" scan --no-cache --format json deep >deepg.json 2>deepg.err || RC=$?
check "200 deep, git work tree: exit 0 or 1, a valid report" [ "$RC" -le 1 ] && json_check deepg.json
RC=0
timeout 120 "$MAMORI" scan --no-cache --history --format json deep >deeph.json 2>deeph.err || RC=$?
check "200 deep, --history: exit 0 or 1, a valid report" [ "$RC" -le 1 ] && json_check deeph.json
finish
