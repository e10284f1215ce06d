#!/bin/bash
# damaged.sh: a history scan of a damaged or unusual repository reports what it cannot read and
# goes on (exit 0/1, never 2 or 3): a corrupt blob, a missing commit, a shallow clone, a
# submodule link, a blob over --max-file-size; a repository with no commits is a clean result.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

# an empty repository: --history, --staged and a worktree scan are clean
git init -q empty
run_mamori e.json e.err scan --history --format json empty
check "no commits: exit 0" [ "$RC" -eq 0 ]
check "no commits: no findings, a note" js '
    r.findings.length === 0 && r.summary.commits_scanned === 0 &&
    r.notices.some((n) => n.code === "no-commits")' e.json

# a history with a secret in each of three commits; then damage
git init -q repo
wifi_header "$PASSWORD" >repo/wifi.h
commit_all repo "first"
first=$(git -C repo rev-parse HEAD)
printf 'aws = %s\n' "$AWS_KEY" >repo/aws.txt
commit_all repo "second"
printf 'token: %s\n' "$TOKEN" >repo/ci.yaml
commit_all repo "third"
cp -R repo corrupt
cp -R repo missing

# 1. a corrupt blob (loose objects: zlib data garbled)
blob=$(git -C corrupt rev-parse HEAD:aws.txt)
obj="corrupt/.git/objects/${blob:0:2}/${blob:2}"
chmod u+w "$obj"
printf 'x\234garbage-not-zlib' >"$obj"
run_mamori c.json c.err scan --history --format json --no-cache corrupt
check "a corrupt blob: not fatal" [ "$RC" -eq 1 ]
check "a corrupt blob: reported, named, skipped; the others found" js '
    r.notices.some((n) => n.code === "git-object" && n.path === "aws.txt" &&
        n.message.includes("'"${blob:0:12}"'")) &&
    r.findings.map((f) => f.rule_id).sort().join(" ") === "cred-github-token cred-hardcoded-password" &&
    r.summary.files_skipped === 1' c.json

# 2. a missing commit: the first one (a parent) is gone
rm -f "missing/.git/objects/${first:0:2}/${first:2}"
run_mamori m.json m.err scan --history --format json --no-cache missing
check "a missing commit: not fatal" [ "$RC" -eq 1 ]
check "a missing commit: reported; what the others add is found" js '
    r.notices.some((n) => n.code === "git-object" && n.message.includes("'"$first"'")) &&
    r.findings.some((f) => f.rule_id === "cred-github-token")' m.json

# 3. a shallow clone: the boundary commit holds what came before it
git clone -q --depth 1 "file://$SCRATCH/repo" shallow
run_mamori s.json s.err scan --history --format json --no-cache shallow
check "a shallow clone: exit 1, a note" js '
    r.notices.some((n) => n.code === "shallow") && r.summary.commits_scanned === 1 &&
    r.findings.length === 3 &&
    r.findings.every((f) => f.origin.commit === "'"$(git -C repo rev-parse HEAD)"'")' s.json

# 4. a submodule link: reported, not followed
git init -q sub
printf 'x\n' >sub/x
commit_all sub "sub"
git -C repo -c protocol.file.allow=always submodule add -q "file://$SCRATCH/sub" vendor/sub >/dev/null 2>&1 ||
    fail "git submodule add"
commit_all repo "a submodule"
run_mamori u.json u.err scan --history --format json --no-cache repo
check "a submodule link: a note, not fatal" js '
    r.notices.some((n) => n.code === "submodule" && n.path === "vendor/sub")' u.json
check "a submodule link: exit 1 (the secrets)" [ "$RC" -eq 1 ]
run_mamori u1.json u1.err scan --history --format json repo
run_mamori u2.json u2.err scan --history --format json repo
check "with the cache, the second run says what a run without it says" js '
    JSON.stringify(rs[1].notices) === JSON.stringify(rs[0].notices) &&
    JSON.stringify(rs[2].notices) === JSON.stringify(rs[0].notices) &&
    rs[2].summary.commits_scanned === 0' u.json u1.json u2.json

# 5. a blob over the size cap: a note with the commit
head -c 3000 /dev/zero | tr '\0' 'a' >repo/big.txt
printf '\ntoken: %s\n' "$TOKEN" >>repo/big.txt
commit_all repo "big"
run_mamori b.json b.err scan --history --format json --no-cache --max-file-size 2048 repo
check "a blob over --max-file-size: a note naming the commit" js '
    r.notices.some((n) => n.code === "too-large" && n.path === "big.txt" &&
        n.message.includes("in commit '"$(git -C repo rev-parse --short=12 HEAD)"'"))' b.json

# 6. directories nested deeper than any build tree: a note, not a crash
git init -q deep
d=deep; for i in $(seq 1 100); do d="$d/d"; done
mkdir -p "$d" && printf 'token: %s\n' "$TOKEN" >"$d/ci.yaml" && wifi_header "$PASSWORD" >deep/wifi.h
commit_all deep "deep"
run_mamori dp.json dp.err scan --history --format json --no-cache deep
check "deep nesting in history: a note, the rest is scanned" js '
    r.notices.some((n) => n.code === "depth") && r.findings.length === 1' dp.json
git -C deep rm -q --cached wifi.h
run_mamori ds.json ds.err scan --staged --format json deep
check "deep nesting in HEAD (staged): a note, not a crash" js '
    r.notices.some((n) => n.code === "depth")' ds.json

check "no secret in any output" no_secret ./*.json ./*.err
finish
