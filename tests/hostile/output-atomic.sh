#!/bin/bash
# output-atomic.sh: --output writes the report atomically. When the scan fails (a broken policy)
# or the report cannot be written (the path is a directory), a previous report is left as it was
# and no temporary file is left beside it; a successful run replaces it whole.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir tree out
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n' >tree/a.c
printf 'previous report\n' >out/report.json
no_temp() { [ "$(find out -name '*.tmp' -o -name '*mamori-*' | wc -l)" -eq 0 ]; }

printf '{"rules": {"no-such-rule": "off"}}\n' >tree/mamori.json
run_mamori o1 e1 scan --format json --output out/report.json tree
check "broken policy: exit 2" [ "$RC" -eq 2 ]
check "broken policy: the previous report is intact" [ "$(cat out/report.json)" = "previous report" ]
check "broken policy: no temporary file" no_temp
rm tree/mamori.json

mkdir out/dir.json
run_mamori o2 e2 scan --format json --output out/dir.json tree
check "output is a directory: exit 2" [ "$RC" -eq 2 ]
check "... with an error naming it" grep -q 'out/dir.json: error: cannot write' e2
check "output is a directory: no temporary file" no_temp
check "output is a directory: the directory is untouched" [ -d out/dir.json ] && [ -z "$(ls -A out/dir.json)" ]

run_mamori o3 e3 scan --format json --output out/missing/report.json tree
check "output directory missing: exit 2" [ "$RC" -eq 2 ]

run_mamori o4 e4 scan --format json --output out/report.json tree
check "success: exit 0 (one warning, below the default --fail-on error)" [ "$RC" -eq 0 ]
check "success: the report replaced the old one" json_check out/report.json
check "success: nothing on stdout" [ ! -s o4 ]
check "success: no temporary file" no_temp
check "success: the report is mode 0644 (umask 022)" [ "$(umask 022; stat -c %a out/report.json)" = 644 ]
finish
