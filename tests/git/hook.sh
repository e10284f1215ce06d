#!/bin/bash
# hook.sh: `mamori hook install|uninstall` with real git commands. The pre-commit hook refuses a
# commit that stages a secret (also with `git commit -a`, which uses a temporary index), lets a
# clean one through and says how to bypass it; MAMORI_SKIP=1 bypasses it on purpose; a hook that
# was there before is chained (it still runs) and comes back on uninstall; the pre-push hook
# refuses a push whose commits hold a secret, even one deleted again before the push.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
printf 'int main(void) { return 0; }\n' >repo/main.c
commit_all repo "initial"
hooks=repo/.git/hooks
# a hook the team had before mamori
printf '#!/bin/sh\necho ran >>"%s/theirs.log"\n' "$SCRATCH" >"$hooks/pre-commit"
chmod +x "$hooks/pre-commit"
cp "$hooks/pre-commit" theirs.orig

(cd repo && "$MAMORI" hook install) >i.out 2>i.err
check "install: exit 0" [ $? -eq 0 ]
check "install: the existing hook is chained" [ -x "$hooks/pre-commit.pre-mamori" ]
check "install: says so, and how to bypass" bash -c "grep -q 'runs first' i.out && grep -q 'MAMORI_SKIP=1' i.out"
check "install: mamori's hook names this binary" grep -qF "$(realpath "$MAMORI")" "$hooks/pre-commit"

# a commit with a secret is refused; the chained hook ran
wifi_header "$PASSWORD" >repo/wifi.h
git -C repo add wifi.h
rc=0
git -C repo commit -q -m "add credentials" >c1.out 2>c1.err || rc=$?
check "a staged secret: the commit is refused" [ "$rc" -ne 0 ]
check "... nothing was committed" [ "$(git -C repo rev-list --count HEAD)" -eq 1 ]
check "... the message says how to bypass" grep -q 'MAMORI_SKIP=1 git commit' c1.err
check "... the chained hook ran first" [ "$(grep -c ran theirs.log)" -eq 1 ]
# git sends a hook's output to stderr
check "... the finding is named, redacted" grep -q 'error: hard-coded password in WIFI_PASSWORD (hun\*\*\*ery' c1.err

# deliberately: MAMORI_SKIP=1
MAMORI_SKIP=1 git -C repo commit -q -m "lab credentials, on purpose" >c2.out 2>c2.err
check "MAMORI_SKIP=1: committed" [ "$(git -C repo rev-list --count HEAD)" -eq 2 ]
check "MAMORI_SKIP=1: the chained hook still ran" [ "$(grep -c ran theirs.log)" -eq 2 ]

# a clean commit passes
wifi_header "" >repo/wifi.h
git -C repo add wifi.h
git -C repo commit -q -m "no password" >c3.out 2>c3.err
check "a clean commit passes" [ "$(git -C repo rev-list --count HEAD)" -eq 3 ]

# git commit -a: the hook sees git's temporary index
wifi_header "$PASSWORD" >repo/wifi.h
rc=0
git -C repo commit -q -a -m "commit -a" >c4.out 2>c4.err || rc=$?
check "git commit -a with a secret: refused" [ "$rc" -ne 0 ]
git -C repo checkout -q -- wifi.h

# installing again keeps one chained hook
(cd repo && "$MAMORI" hook install) >i2.out 2>&1
check "install twice: fine" [ $? -eq 0 ]
check "install twice: the chained hook is still theirs" cmp -s "$hooks/pre-commit.pre-mamori" theirs.orig

# uninstall: theirs is back
(cd repo && "$MAMORI" hook uninstall) >u.out 2>&1
check "uninstall: exit 0" [ $? -eq 0 ]
check "uninstall: their hook is back as it was" cmp -s "$hooks/pre-commit" theirs.orig
check "uninstall: nothing chained is left" [ ! -e "$hooks/pre-commit.pre-mamori" ]
(cd repo && "$MAMORI" hook uninstall) >u2.out 2>&1
check "uninstall again: their hook is left alone" grep -q 'not mamori' u2.out
check "... and kept" cmp -s "$hooks/pre-commit" theirs.orig

# pre-push: the pushed commits' history
git init -q --bare remote.git
git -C repo remote add origin "$SCRATCH/remote.git"
git -C repo push -q origin main >/dev/null 2>&1 || true # the "lab credentials" commit goes too
(cd repo && "$MAMORI" hook install --pre-push) >p.out 2>&1
check "install --pre-push" [ -x "$hooks/pre-push" ]
check "install --pre-push leaves pre-commit alone" cmp -s "$hooks/pre-commit" theirs.orig
# a key committed and deleted again before the push: still in what the push publishes
printf 'aws = %s\n' "$AWS_KEY" >repo/aws.txt
commit_all repo "aws"
git -C repo rm -q aws.txt
commit_all repo "oops, no aws"
rc=0
git -C repo push -q origin main >push1.out 2>push1.err || rc=$?
check "pre-push: a key in a pushed commit refuses the push" [ "$rc" -ne 0 ]
check "... the remote did not get it" [ "$(git -C remote.git rev-parse main)" = "$(git -C repo rev-parse HEAD~2)" ]
check "... the message says how to bypass" grep -q 'MAMORI_SKIP=1 git push' push1.err
cat push1.out push1.err >push1.all
check "... the key is named" grep -q 'cred-aws-access-key-id' push1.all
check "... only the pushed range: the old password is not reported" bash -c '! grep -q cred-hardcoded-password push1.all'
# a new branch with nothing secret passes; one with a secret does not
git -C repo checkout -q -b clean HEAD~2
printf 'docs\n' >repo/README
commit_all repo "docs"
git -C repo push -q origin clean >push2.out 2>push2.err
check "pre-push: a clean new branch is pushed" git -C remote.git rev-parse -q --verify clean
git -C repo checkout -q -b leaky
printf 'token: %s\n' "$TOKEN" >repo/ci.yaml
commit_all repo "ci token"
rc=0
git -C repo push -q origin leaky >push3.out 2>push3.err || rc=$?
check "pre-push: a new branch with a token is refused" [ "$rc" -ne 0 ]
MAMORI_SKIP=1 git -C repo push -q origin leaky >push4.out 2>push4.err
check "pre-push: MAMORI_SKIP=1 pushes" git -C remote.git rev-parse -q --verify leaky
(cd repo && "$MAMORI" hook uninstall) >u3.out 2>&1
check "uninstall removes pre-push" [ ! -e "$hooks/pre-push" ]

run_mamori bad.out bad.err hook install --nonsense
check "hook: an unknown option is exit 2" [ "$RC" -eq 2 ]
run_mamori bad2.out bad2.err hook install "$SCRATCH/home"
check "hook: not a repository is exit 2" [ "$RC" -eq 2 ]
check "no secret in any output" no_secret ./*.out ./*.err
finish
