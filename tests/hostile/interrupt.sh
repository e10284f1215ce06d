#!/bin/bash
# interrupt.sh: Ctrl-C (SIGINT) or SIGTERM while `--output` writes its report leaves no partial
# file: a signal that comes before the report is complete keeps the previous report and removes
# the temporary file; one that comes during the rename lets the new report land whole. Either way
# the process ends with the signal (exit 130 / 143). strace delivers the signal at the exact
# system call, so the window is hit every time.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
command -v strace >/dev/null || skip "strace is not installed (checker/setup.sh installs it)"
scratch
cd "$SCRATCH" || fail cd
mkdir tree out
for i in $(seq 1 50); do
    printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n' >"tree/f$i.c"
done
# the prefilter database is kept in the user's cache directory: compiled now, so that the first
# fsync of the runs below is the report's (or the scan cache's)
export XDG_CACHE_HOME="$SCRATCH/xdg"
run_mamori w.txt w.err scan --no-cache tree
check "warm-up scan: exit 0" [ "$RC" -eq 0 ]
no_temp() { [ -z "$(find out -name '*.tmp')" ]; }
# strace itself must be able to trace here (a container may forbid ptrace)
strace -f -o /dev/null -e trace=none true 2>/dev/null || skip "ptrace is not permitted here"

for sig in INT TERM; do
    code=$((128 + $(kill -l "$sig")))
    # while the temporary file is being synced: the previous report stays
    printf 'previous report\n' >out/report.json
    RC=0
    strace -f -o /dev/null -e trace=fsync -e inject=fsync:signal="$sig" \
        "$MAMORI" scan --no-cache --format json --output out/report.json tree >o.txt 2>e.txt ||
        RC=$?
    check "SIG$sig during the write: ended by the signal (exit $code)" [ "$RC" -eq "$code" ]
    check "SIG$sig during the write: the previous report survives" \
        [ "$(cat out/report.json)" = "previous report" ]
    check "SIG$sig during the write: no temporary file" no_temp
    # at the rename: the new report is whole
    printf 'previous report\n' >out/report.json
    RC=0
    strace -f -o /dev/null -e trace=rename,renameat,renameat2 \
        -e inject=rename,renameat,renameat2:signal="$sig" \
        "$MAMORI" scan --no-cache --format json --output out/report.json tree >o.txt 2>e.txt ||
        RC=$?
    check "SIG$sig at the rename: ended by the signal (exit $code)" [ "$RC" -eq "$code" ]
    check "SIG$sig at the rename: the new report is whole" json_check out/report.json
    check "SIG$sig at the rename: no temporary file" no_temp
done

# the same for the cache file a scan writes at its end (a git work tree: the default cache)
git init -q repo && cp tree/f1.c repo/ && git -C repo add f1.c &&
    git -C repo -c user.name=t -c user.email=t@example.com commit -qm one
RC=0
strace -f -o /dev/null -e trace=fsync -e inject=fsync:signal=INT \
    "$MAMORI" scan --format json repo >o.txt 2>e.txt || RC=$?
check "SIGINT while the cache is written: exit 130" [ "$RC" -eq 130 ]
check "... no temporary file in the cache directory" \
    [ -z "$(find repo/.git -name '*.tmp')" ]
run_mamori o2.txt e2.txt scan --format json repo
check "... and the next scan is clean (exit 0 or 1)" [ "$RC" -le 1 ]
finish
