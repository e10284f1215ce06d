#!/bin/bash
# merge.sh: content that first appears in a merge commit's resolution is found and attributed to
# the merge; content a merge takes unchanged from a branch is attributed to the branch's commit,
# not to the merge (git log -p shows merges without a diff: tools built on it miss the first).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
mkdir -p repo/src
printf '#pragma once\n#define WIFI_SSID "lab"\n#define WIFI_PASSWORD ""\n' >repo/src/wifi.h
printf 'token: none\n' >repo/settings.yaml
commit_all repo "initial"
git -C repo checkout -q -b feature
printf '#pragma once\n#define WIFI_SSID "feature-lab"\n#define WIFI_PASSWORD ""\n' >repo/src/wifi.h
printf 'token: %s\n' "$TOKEN" >repo/settings.yaml
commit_all repo "feature: settings with a token"
on_branch=$(git -C repo rev-parse HEAD)
git -C repo checkout -q main
printf '#pragma once\n#define WIFI_SSID "main-lab"\n#define WIFI_PASSWORD ""\n' >repo/src/wifi.h
commit_all repo "main: another lab"
# the merge conflicts in wifi.h; its resolution brings a password that neither side had
git -C repo merge -q feature >/dev/null 2>&1 && fail "the merge was expected to conflict"
wifi_header "$PASSWORD" >repo/src/wifi.h
commit_all repo "merge feature"
merge=$(git -C repo rev-parse HEAD)
[ "$(git -C repo rev-list --parents -n1 HEAD | wc -w)" -eq 3 ] || fail "HEAD is not a merge"

run_mamori m.json m.err scan --history --format json repo
check "exit 1" [ "$RC" -eq 1 ]
check "the password of the merge resolution is found, in the merge commit" js '
    r.findings.some((f) => f.rule_id === "cred-hardcoded-password" && f.path === "src/wifi.h" &&
        f.origin.commit === "'"$merge"'" && f.origin.at_head === true)' m.json
check "the token the merge took from the branch is the branch commit's" js '
    r.findings.filter((f) => f.rule_id === "cred-github-token").length === 1 &&
    r.findings.some((f) => f.rule_id === "cred-github-token" && f.origin.commit === "'"$on_branch"'")' m.json

# for comparison: the patches git log -p prints for this history do not hold the password
git -C repo log -p --all >log.txt
check "(git log -p does not show the merge resolution)" bash -c "! grep -qF '$PASSWORD' log.txt"

# a merge that takes one side's file unchanged adds nothing of its own
git -C repo checkout -q -b other HEAD~1
printf 'aws = %s\n' "$AWS_KEY" >repo/aws.txt
commit_all repo "other: aws key"
git -C repo checkout -q main
GIT_AUTHOR_DATE="@$((TICK + 60)) +0900" GIT_COMMITTER_DATE="@$((TICK + 60)) +0900" \
    git -C repo merge -q --no-edit other >/dev/null 2>&1 || fail "clean merge"
run_mamori n.json n.err scan --history --format json repo
check "a clean merge: the key belongs to the branch commit" js '
    r.findings.filter((f) => f.rule_id === "cred-aws-access-key-id").length === 1 &&
    r.findings.find((f) => f.rule_id === "cred-aws-access-key-id").origin.commit ===
        "'"$(git -C repo rev-parse other)"'"' n.json
check "no secret in any output" no_secret ./*.json ./*.err
finish
