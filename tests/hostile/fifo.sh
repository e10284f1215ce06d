#!/bin/bash
# fifo.sh: a FIFO (or socket) in the tree is skipped with a "special" note; the scan does not
# block opening it, in a plain directory or in a git work tree. Named on the command line it is a
# usage error.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir plain repo
mkfifo plain/pipe
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n' >plain/a.c
git -C repo init -q && cp plain/a.c repo/ && git -C repo add a.c && mkfifo repo/pipe
for t in plain repo; do
    rc=0
    timeout 30 "$MAMORI" scan --format json --fail-on never "$t" >"$t.json" 2>"$t.err" || rc=$?
    check "$t: the scan ends (exit $rc; 124 means it hung)" [ "$rc" -eq 0 ]
    check "$t: a special note for the FIFO, the C file still scanned" node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const n = r.notices.filter((x) => x.code === "special");
        const copies = r.findings.filter((x) => x.rule_id === "unsafe-strcpy");
        process.exit(n.length === 1 && n[0].path === "pipe" && copies.length === 1 ? 0 : 1);' "$t.json"
done
rc=0
timeout 30 "$MAMORI" scan plain/pipe >explicit.out 2>explicit.err || rc=$?
check "a FIFO named on the command line: exit 2" [ "$rc" -eq 2 ]
check "... saying what it is" grep -q 'plain/pipe: error: not a regular file or directory' explicit.err
finish
