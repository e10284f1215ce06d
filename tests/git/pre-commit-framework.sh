#!/bin/bash
# pre-commit-framework.sh: the real pre-commit framework (Debian package pre-commit, installed by
# checker/setup.sh) uses this repository's .pre-commit-hooks.yaml, added by URL in a throw-away
# project's .pre-commit-config.yaml: a commit with a planted secret is refused, a clean one
# passes; with the push hook, a push of a commit that holds a secret is refused.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"
command -v pre-commit >/dev/null ||
    fail "pre-commit is not installed (checker/setup.sh installs it: apt-get install pre-commit)"
# the hooks call `mamori` from PATH (language: system), as for a user who installed it
export PATH="$(dirname "$MAMORI"):$PATH"
export PRE_COMMIT_HOME="$SCRATCH/pre-commit-home"

# the hook repository, as pre-commit clones it from a URL: this repository's hook definitions
git init -q hooks-repo
cp "$MAMORI_SRC/.pre-commit-hooks.yaml" hooks-repo/
commit_all hooks-repo "hooks"
rev=$(git -C hooks-repo rev-parse HEAD)

git init -q project
cat >project/.pre-commit-config.yaml <<EOF
repos:
  - repo: file://$SCRATCH/hooks-repo
    rev: $rev
    hooks:
      - id: mamori
      - id: mamori-push
EOF
printf 'int main(void) { return 0; }\n' >project/main.c
commit_all project "initial"
(cd project && pre-commit install -t pre-commit -t pre-push) >install.out 2>&1 ||
    { cat install.out; fail "pre-commit install"; }

# a planted secret: refused
wifi_header "$PASSWORD" >project/wifi.h
git -C project add wifi.h
rc=0
git -C project commit -q -m "credentials" >c1.out 2>&1 || rc=$?
check "pre-commit framework: the commit with a secret is refused" [ "$rc" -ne 0 ]
check "... by mamori, naming the rule" grep -q 'cred-hardcoded-password' c1.out
check "... nothing committed" [ "$(git -C project rev-list --count HEAD)" -eq 1 ]
check "... the secret is not printed" no_secret c1.out

# a clean commit passes
wifi_header "" >project/wifi.h
git -C project add wifi.h
rc=0
git -C project commit -q -m "no credentials" >c2.out 2>&1 || rc=$?
check "pre-commit framework: a clean commit passes" [ "$rc" -eq 0 ]
check "... the mamori hook ran (Passed)" grep -q 'mamori (what the commit adds).*Passed' c2.out
check "... committed" [ "$(git -C project rev-list --count HEAD)" -eq 2 ]

# the push hook: a commit that added a key and one that deleted it again
git init -q --bare remote.git
git -C project remote add origin "$SCRATCH/remote.git"
git -C project push -q origin main >p0.out 2>&1 || { cat p0.out; fail "first push"; }
printf 'aws = %s\n' "$AWS_KEY" >project/aws.txt
git -C project add aws.txt
SKIP=mamori git -C project commit -q -m "aws (the commit hook skipped on purpose)" >c3.out 2>&1 ||
    { cat c3.out; fail "commit with SKIP=mamori"; }
git -C project rm -q aws.txt
git -C project commit -q -m "remove it" >c4.out 2>&1 || { cat c4.out; fail "commit"; }
rc=0
git -C project push -q origin main >p1.out 2>&1 || rc=$?
check "pre-commit framework: a push of a deleted key's commit is refused" [ "$rc" -ne 0 ]
check "... naming the key's rule" grep -q 'cred-aws-access-key-id' p1.out
check "... the remote does not have it" [ "$(git -C remote.git rev-parse main)" != "$(git -C project rev-parse HEAD)" ]
check "no secret in any output" no_secret ./*.out
finish
