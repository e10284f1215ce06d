#!/bin/bash
# output-atomic.sh: --output writes the report atomically. When the scan fails (a broken policy)
# or the report cannot be written (the path is a directory), a previous report is left as it was
# and no temporary file is left beside it; a successful run replaces it whole. A path that is not
# a regular file (/dev/null, a FIFO) is written to, never replaced by a file (as root, a rename
# over /dev/null turned the machine's /dev/null into a file every later command read back); a
# symlink to a report keeps the link.
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
check "... with an error naming the path and the reason" \
    grep -q 'out/missing/report.json: error: cannot write: No such file or directory' e3
check "... and nothing created" [ ! -e out/missing ]

# a read-only directory (root may write anywhere: then as nobody, like unreadable.sh)
mkdir ro && printf 'previous report\n' >ro/report.json && chmod 555 ro
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || skip "running as root without setpriv"
    chmod -R a+rX tree && chmod a+rx "$SCRATCH"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
RC=0
"${as_user[@]}" "$MAMORI" scan --no-cache --format json --output ro/report.json tree >o5 2>e5 || RC=$?
check "read-only directory: exit 2" [ "$RC" -eq 2 ]
check "... with an error naming the path and the reason" \
    grep -q 'ro/report.json: error: cannot write: Permission denied' e5
check "... the previous report is intact" [ "$(cat ro/report.json)" = "previous report" ]
check "... no temporary file" [ -z "$(find ro -name '*.tmp')" ]
chmod 755 ro

run_mamori o4 e4 scan --format json --output out/report.json tree
check "success: exit 0 (one warning, below the default --fail-on error)" [ "$RC" -eq 0 ]
check "success: the report replaced the old one" json_check out/report.json
check "success: nothing on stdout" [ ! -s o4 ]
check "success: no temporary file" no_temp
check "success: the report is mode 0644 (umask 022)" [ "$(umask 022; stat -c %a out/report.json)" = 644 ]

run_mamori o6 e6 scan --format json --output /dev/null tree
check "--output /dev/null: exit 0" [ "$RC" -eq 0 ]
check "... /dev/null is still the device" [ -c /dev/null ]
mkfifo out/report.fifo || fail mkfifo
timeout 30 cat out/report.fifo >fifo.json &
reader=$!
run_mamori o7 e7 scan --format json --output out/report.fifo tree
wait "$reader"
check "--output FIFO: exit 0" [ "$RC" -eq 0 ]
check "... the reader got the report" json_check fifo.json
check "... the FIFO is still a FIFO" [ -p out/report.fifo ]
printf 'previous report\n' >out/target.json
ln -s target.json out/link.json
run_mamori o8 e8 scan --format json --output out/link.json tree
check "--output through a symlink: the link stays" [ -L out/link.json ]
check "... and the file it names holds the report" json_check out/target.json
finish
