#!/bin/bash
# unreadable.sh: a file the scanner may not read is reported (an "unreadable" warning notice)
# and skipped; the scan goes on, and the exit code depends on the other files only. Root reads
# mode-000 files, so as root the scan runs as nobody (uid 65534) through setpriv.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
chmod 755 "$SCRATCH"
mkdir "$SCRATCH/tree"
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n' >"$SCRATCH/tree/locked.c"
printf 'int ok;\n' >"$SCRATCH/tree/open.c"
chmod 000 "$SCRATCH/tree/locked.c"
chmod 755 "$SCRATCH/tree"

as_user=()
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || skip "running as root and setpriv (util-linux) is not installed, so nothing can make a file unreadable to the scan"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
    "${as_user[@]}" test -x "$MAMORI" ||
        skip "running as root and uid 65534 cannot execute $MAMORI (a directory above it is not searchable), so the scan cannot run unprivileged"
    "${as_user[@]}" cat "$SCRATCH/tree/locked.c" >/dev/null 2>&1 &&
        fail "uid 65534 can read a mode-000 file: this test would prove nothing"
fi

cd "$SCRATCH" || fail cd
rc=0
HOME=/nonexistent "${as_user[@]}" "$MAMORI" scan --format json tree >out.json 2>err.txt || rc=$?
show err.txt
check "exit 0: the unreadable file's finding is not there to count" [ "$rc" -eq 0 ]
check "an unreadable warning names the file" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const n = r.notices.filter((x) => x.code === "unreadable");
    process.exit(n.length === 1 && n[0].path === "locked.c" && n[0].level === "warning" &&
                 /denied/i.test(n[0].message) && r.summary.files_scanned === 1 &&
                 r.summary.files_skipped === 1 && r.findings.length === 0 ? 0 : 1);'
check "stderr tells the user" grep -q 'locked.c: warning: cannot open: Permission denied \[unreadable\]' err.txt
finish
