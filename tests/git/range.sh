#!/bin/bash
# range.sh: --history=A..B, --since REV and --branch REF choose which commits are scanned; what a
# range adds is judged against the commit before it (a secret added before the range and still
# there is not the range's); a bad revision is a usage error naming it.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
printf 'aws = %s\n' "$AWS_KEY" >repo/old.txt
commit_all repo "an old key"
git -C repo tag v1
wifi_header "$PASSWORD" >repo/wifi.h
commit_all repo "a password"
pw=$(git -C repo rev-parse HEAD)
printf 'unrelated\n' >repo/readme.txt
commit_all repo "readme"
git -C repo checkout -q -b feature
printf 'token: %s\n' "$TOKEN" >repo/ci.yaml
commit_all repo "feature: a token"
git -C repo checkout -q main

ids() { node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.findings.map((f) => f.rule_id).sort().join(" "))' "$1"; }

run_mamori all.json all.err scan --history --format json --no-cache repo
check "--history: every ref (main and feature)" \
    [ "$(ids all.json)" = "cred-aws-access-key-id cred-github-token cred-hardcoded-password" ]
run_mamori range.json range.err scan --history=v1..main --format json --no-cache repo
check "--history=v1..main: the password only" [ "$(ids range.json)" = "cred-hardcoded-password" ]
check "--history=v1..main: two commits" js 'r.summary.commits_scanned === 2' range.json
run_mamori since.json since.err scan --since v1 --format json --no-cache repo
check "--since v1: HEAD's history after v1" [ "$(ids since.json)" = "cred-hardcoded-password" ]
run_mamori br.json br.err scan --branch feature --since main --format json --no-cache repo
check "--branch feature --since main: the branch's own commit" \
    [ "$(ids br.json)" = "cred-github-token" ]
run_mamori brm.json brm.err scan --branch main --format json --no-cache repo
check "--branch main: not the feature's token" \
    [ "$(ids brm.json)" = "cred-aws-access-key-id cred-hardcoded-password" ]
run_mamori one.json one.err scan --history="$pw~1..$pw" --format json --no-cache repo
check "a one-commit range by ids" js 'r.summary.commits_scanned === 1 && r.findings.length === 1' one.json
run_mamori none.json none.err scan --history=main..main --format json --no-cache repo
check "an empty range: clean" [ "$RC" -eq 0 ]

mkdir -p repo/sub && printf 'aws = %s\n' "$AWS_KEY" >repo/sub/more.txt
commit_all repo "sub"
run_mamori path.json path.err scan --history --format json --no-cache repo/sub
check "--history PATH: only history under PATH" js '
    r.findings.length === 1 && r.findings[0].path === "sub/more.txt"' path.json
run_mamori path2.json path2.err scan --history --format json --no-cache repo/wifi.h
check "--history FILE: that file's history" js '
    r.findings.length === 1 && r.findings[0].path === "wifi.h"' path2.json

run_mamori bad.out bad.err scan --history=nosuch..main repo
check "an unknown revision: exit 2" [ "$RC" -eq 2 ]
check "... naming it" grep -q 'revision "nosuch" is not a commit' bad.err
run_mamori bad2.out bad2.err scan --history=v1...main repo
check "A...B is refused: exit 2" [ "$RC" -eq 2 ]
run_mamori mix.out mix.err scan --history --staged repo
check "--history with --staged: exit 2" [ "$RC" -eq 2 ]
finish
