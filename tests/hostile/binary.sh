#!/bin/bash
# binary.sh: a file with NUL bytes is binary: text and C rules skip it (even if it holds a call
# they would report), a "binary" note says so, and the exit code is unaffected.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir tree
printf 'strcpy(dst, src);\0\1\2 #define WIFI_PASSWORD "hunter2-correct-horse"\n' >tree/blob.c
printf 'int ok;\n' >tree/ok.c
run_mamori out.json err.txt scan --format json tree
check "exit 0" [ "$RC" -eq 0 ]
check "no finding from the binary file, one binary note" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const n = r.notices.filter((x) => x.code === "binary");
    process.exit(r.findings.length === 0 && n.length === 1 && n[0].path === "blob.c" &&
                 n[0].level === "note" && r.summary.files_scanned === 2 ? 0 : 1);'
check "stderr names it" grep -q 'blob.c: note: binary file' err.txt
# the same bytes without the NUL are a finding: the test above is not vacuous
tr -d '\000' <tree/blob.c >tree/text.c
run_mamori out2.json err2.txt scan --format json --fail-on never tree
check "the same text without NUL bytes is scanned" grep -q '"path": "text.c"' out2.json
finish
