#!/bin/bash
# staged.sh: `mamori scan --staged` reads the index's blobs of the files that differ from HEAD,
# never the worktree: a secret only in the worktree is not reported, a staged secret removed from
# the worktree afterwards is; files not staged are not scanned; the temporary index git gives
# pre-commit hooks (GIT_INDEX_FILE) is honoured; a repository with no commit yet is all staged.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
mkdir -p repo/src
printf '#include <string.h>\nvoid old(char *d, const char *s) { strcpy(d, s); }\n' >repo/src/old.c
wifi_header "" >repo/src/wifi.h
printf 'int main(void) { return 0; }\n' >repo/src/main.c
commit_all repo "initial"

# nothing staged: nothing scanned, clean, although old.c has a finding
run_mamori n.json n.err scan --staged --format json repo
check "nothing staged: exit 0, no file" js '
    r.summary.files_scanned === 0 && r.findings.length === 0 && r.summary.input === "staged"' n.json

# the worktree has a secret, the index does not
wifi_header "$PASSWORD" >repo/src/wifi.h
run_mamori w.json w.err scan --staged --format json repo
check "a secret only in the worktree: not reported" js 'r.findings.length === 0' w.json
run_mamori wt.json wt.err scan --format json --no-cache repo
check "(the worktree scan does report it)" js '
    r.findings.some((f) => f.rule_id === "cred-hardcoded-password")' wt.json

# staged, then removed from the worktree again: what would be committed is the index
git -C repo add src/wifi.h
wifi_header "" >repo/src/wifi.h
run_mamori s.json s.err scan --staged --format json repo
check "a staged secret is reported, though the worktree no longer has it" js '
    r.findings.length === 1 && r.findings[0].rule_id === "cred-hardcoded-password" &&
    r.findings[0].origin.kind === "index" &&
    r.findings[0].origin.blob === "'"$(git -C repo rev-parse :src/wifi.h)"'" &&
    r.summary.files_scanned === 1' s.json
check "staged: exit 1" [ "$RC" -eq 1 ]
run_mamori s.txt s.terr scan --staged repo
check "text: path and summary" grep -qE '^repo/src/wifi.h:3:23: error: .*\[cred-hardcoded-password\]$' s.txt
check "text: summary in staged files" grep -qx 'mamori: 1 error, 0 warnings, 0 notes in 1 staged file' s.txt

# whole staged files: the staged main.c's unrelated old finding elsewhere is not in scope, but
# a staged file is checked whole (its old findings too)
printf '#include <string.h>\nvoid old(char *d, const char *s) { strcpy(d, s); }\n/* more */\n' >repo/src/old.c
git -C repo add src/old.c
run_mamori o.json o.err scan --staged --format json repo
check "a staged file is checked whole" js '
    r.findings.some((f) => f.rule_id === "unsafe-strcpy" && f.path === "src/old.c")' o.json
check "not staged: main.c is not scanned" js 'r.summary.files_scanned === 2' o.json

# a path narrows it
run_mamori p.json p.err scan --staged --format json repo/src/old.c
check "--staged PATH: only that file" js '
    r.summary.files_scanned === 1 && r.findings.every((f) => f.path === "src/old.c")' p.json

# git commit -a gives the hook a temporary index: GIT_INDEX_FILE
git -C repo reset -q
cp repo/.git/index tmp-index
wifi_header "$PASSWORD" >repo/src/wifi.h
GIT_INDEX_FILE="$SCRATCH/tmp-index" git -C repo add src/wifi.h
run_mamori e0.json e0.err scan --staged --format json repo
check "(the real index has nothing staged)" js 'r.summary.files_scanned === 0' e0.json
(cd repo && GIT_INDEX_FILE="$SCRATCH/tmp-index" "$MAMORI" scan --staged --format json) >e.json 2>e.err
check "GIT_INDEX_FILE: the index git will commit" js '
    r.findings.length === 1 && r.findings[0].path === "src/wifi.h"' e.json

# the policy's exclusions hold for staged files (a directory pattern, too)
git -C repo reset -q
mkdir -p repo/build
wifi_header "$PASSWORD" >repo/build/gen.h
git -C repo add -f build/gen.h
printf '{"version": 1, "exclude": ["build/"]}\n' >repo/mamori.json
run_mamori x1.json x1.err scan --staged --format json repo
check "an excluded directory's staged file is not scanned" js 'r.summary.files_scanned === 0' x1.json
rm repo/mamori.json
run_mamori x2.json x2.err scan --staged --format json repo
check "(without the policy it is)" js 'r.findings.length === 1' x2.json

# a repository without commits: everything in the index is staged
git init -q fresh
wifi_header "$PASSWORD" >fresh/wifi.h
git -C fresh add wifi.h
run_mamori f.json f.err scan --staged --format json fresh
check "no commit yet: the index is the change" js '
    r.findings.length === 1 && r.git.head === null' f.json
git init -q empty
run_mamori z.json z.err scan --staged --format json empty
check "an empty repository: clean" [ "$RC" -eq 0 ]

# a finding that holds "unless another file says otherwise" cannot be judged on staged files
# alone: the CubeMX project keeps SWD, and its flashing script (not staged) raises RDP
git init -q cube
cp -r "$MAMORI_SRC/examples/stm32-cube/fixed/." cube/
commit_all cube "cube project"
printf '# touched\n' >>cube/firmware/gateway.ioc
git -C cube add firmware/gateway.ioc
run_mamori c.json c.err scan --format json --no-cache cube
check "(the whole tree: RDP raised, no finding)" js '
    !r.findings.some((f) => f.rule_id === "debug-stm32-ioc-no-rdp")' c.json
run_mamori cs.json cs.err scan --staged --format json cube
check "staged .ioc alone: not reported, and a notice says the rule was not applied" js '
    !r.findings.some((f) => f.rule_id === "debug-stm32-ioc-no-rdp") &&
    r.notices.some((n) => n.code === "analyzers-skipped" &&
                          (n.detail || "").includes("debug-stm32-ioc-no-rdp"))' cs.json

run_mamori x.out x.err scan --staged "$SCRATCH/home"
check "not a repository: exit 2" [ "$RC" -eq 2 ]
check "... saying so" grep -q 'is not in a git repository' x.err
check "no secret in any output" no_secret ./*.json ./*.err ./*.txt ./*.terr
finish
