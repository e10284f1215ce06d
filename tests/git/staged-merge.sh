#!/bin/bash
# staged-merge.sh: `mamori scan --staged` in the middle of a merge with a conflict (the index holds
# stages 1-3 of the conflicted file, what a pre-commit hook sees when the merge is committed
# before it is resolved): what the merge staged cleanly is scanned (a secret the other branch
# adds is found), the conflicted file is an "unmerged" warning and is not scanned, the scan
# neither crashes nor prints a secret, and the same holds once the conflict is resolved.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
printf 'int a = 1;\n' >repo/c.h
commit_all repo "base"
git -C repo checkout -qb other
wifi_header "$PASSWORD" >repo/c.h
printf 'token: %s\n' "$TOKEN" >repo/ci.yaml
commit_all repo "other"
git -C repo checkout -q main
printf 'int a = 2;\n' >repo/c.h
commit_all repo "main"
git -C repo merge other >/dev/null 2>&1 && fail "the merge was expected to conflict"
[ -n "$(git -C repo ls-files -u c.h)" ] || fail "no unmerged stages for c.h"

run_mamori s.json s.err scan --staged --format json repo
check "mid-merge: exit 1 (the staged token)" [ "$RC" -eq 1 ]
check "mid-merge: the token the merge staged is found; c.h is an unmerged warning, not scanned" js '
    r.findings.map((f) => f.rule_id + " " + f.path).join() === "cred-github-token ci.yaml" &&
    r.notices.some((n) => n.code === "unmerged" && n.path === "c.h" && n.level === "warning")' s.json
check "mid-merge: no secret printed" no_secret s.json s.err
run_mamori t.txt t.err scan --staged repo
check "mid-merge, text: exit 1, the unmerged file named" bash -c "[ $RC -eq 1 ] && grep -q 'c.h: warning: unmerged' t.err"

# resolved by taking the other side: the password is staged now
git -C repo checkout -q --theirs c.h && git -C repo add c.h
run_mamori r.json r.err scan --staged --format json repo
check "resolved: exit 1, both secrets found, no unmerged notice" js '
    r.findings.map((f) => f.rule_id).sort().join(" ") === "cred-github-token cred-hardcoded-password" &&
    !r.notices.some((n) => n.code === "unmerged")' r.json
check "resolved: no secret printed" no_secret r.json r.err
finish
