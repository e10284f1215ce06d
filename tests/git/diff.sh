#!/bin/bash
# diff.sh: `mamori scan --diff REV` reports only what the worktree adds to REV: a finding on a
# line REV already had is not reported (even in a changed file), a new line is, a new file is
# checked whole, a moved file adds nothing, and a suppression without a reason that REV already
# had is not reported again. With --staged, the index is compared instead of the worktree.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
mkdir -p repo/src repo/lib
cat >repo/src/net.c <<'EOF'
#include <string.h>
void set_name(char *dst, const char *src)
{
    strcpy(dst, src); // mamori-ignore[unsafe-strcpy]
    strcat(dst, "-old");
}
EOF
printf '#include <string.h>\nvoid keep(char *d, const char *s) { strcpy(d, s); }\n' >repo/src/untouched.c
printf '#include <string.h>\nvoid mv(char *d, const char *s) { strcat(d, s); }\n' >repo/src/move_me.c
commit_all repo "base"
base=$(git -C repo rev-parse HEAD)

# changed file: an old finding stays, a new one comes; in set_name, a function that changed in
# part (parsed whole), the old strcat is not the change's, the new one is
cat >repo/src/net.c <<'EOF'
#include <string.h>
#include <stdio.h>
void set_name(char *dst, const char *src)
{
    strcpy(dst, src); // mamori-ignore[unsafe-strcpy]
    strcat(dst, "-old");
    strcat(dst, src);
}
void set_host(char *dst, const char *src)
{
    sprintf(dst, "%s.local", src);
}
EOF
wifi_header "$PASSWORD" >repo/src/wifi.h  # a new file: all of it is new
git -C repo mv src/move_me.c lib/moved.c  # moved, unchanged: nothing new

run_mamori d.json d.err scan --diff "$base" --format json repo
check "exit 1" [ "$RC" -eq 1 ]
check "only the added lines' findings" js '
    r.findings.map((f) => f.rule_id + "@" + f.path + ":" + f.line).sort().join(" ") ===
    "cred-hardcoded-password@src/wifi.h:3 unsafe-sprintf@src/net.c:11 unsafe-strcat@src/net.c:7"' d.json
check "a suppression without a reason that REV had is not reported again" js '
    !r.findings.some((f) => f.rule_id === "policy-suppression-without-reason")' d.json
check "diff summary: the base, the changed files" js '
    r.summary.input === "diff" && r.git.diff_base === "'"$base"'" && r.summary.files_scanned === 2' d.json
run_mamori d.txt d.terr scan --diff "$base" repo
check "text: changed files" grep -qx 'mamori: 1 error, 2 warnings, 0 notes in 2 changed files' d.txt

# a new suppression without a reason is the change's
printf '// mamori-ignore[unsafe-sprintf]\n' >>repo/src/net.c
run_mamori s.json s.err scan --diff "$base" --format json repo
check "a new suppression without a reason is reported" js '
    r.findings.some((f) => f.rule_id === "policy-suppression-without-reason" && f.line === 13)' s.json

# --staged --diff: the index against REV (the worktree's wifi.h is not staged)
git -C repo add src/net.c
run_mamori i.json i.err scan --staged --diff "$base" --format json repo
check "--staged --diff: the index's added lines" js '
    r.findings.map((f) => f.rule_id).sort().join(" ") ===
    "policy-suppression-without-reason unsafe-sprintf unsafe-strcat" &&
    r.findings.find((f) => f.rule_id === "unsafe-sprintf").origin.kind === "index"' i.json

# the same worktree as REV: nothing to report
git -C repo stash -q -u
run_mamori c.json c.err scan --diff "$base" --format json repo
check "no change: clean, nothing scanned" js '
    r.findings.length === 0 && r.summary.files_scanned === 0' c.json
check "no change: exit 0" [ "$RC" -eq 0 ]
run_mamori b.out b.err scan --diff nosuchrev repo
check "a bad REV: exit 2" [ "$RC" -eq 2 ]
check "no secret in any output" no_secret ./*.json ./*.err ./*.txt ./*.terr
finish
