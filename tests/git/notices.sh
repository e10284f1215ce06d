#!/bin/bash
# notices.sh: many notices of one kind read as one sentence on a terminal, and --verbose lists
# them. A history of 25 commits that each move a submodule link gives 25 "submodule" notices:
# the walk lists the first 20 one by one and one more notice counts the other 5.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh" || exit 1
git init -q repo
printf 'int main(void) { return 0; }\n' >repo/main.c
commit_all repo "main"
for i in $(seq 1 25); do
    oid=$(printf 'sub %s\n' "$i" | git -C repo hash-object --stdin)
    git -C repo update-index --add --cacheinfo "160000,$oid,lib/sub" || fail "gitlink $i"
    TICK=$((TICK + 60))
    GIT_AUTHOR_DATE="@$TICK +0900" GIT_COMMITTER_DATE="@$TICK +0900" \
        git -C repo commit -q -m "bump sub $i" || fail "commit $i"
done
cd repo || fail cd
run_mamori ../out.txt ../err.txt scan --history --no-cache --fail-on never
check "exit 0" [ "$RC" -eq 0 ]
check "one line for the kind, in compiler form, with the count" grep -Eq \
    '^lib/sub: note: submodule link \(commit [0-9a-f]{40}\) not scanned; scan the submodule on its own; and 24 more like it \(--verbose lists the first 20\) \[submodule\]$' \
    ../err.txt
check "no other submodule line" [ "$(grep -c '\[submodule\]' ../err.txt)" -eq 1 ]
check "nothing garbled (no \"first: -\")" bash -c '! grep -q "first: -" ../err.txt'
run_mamori ../out.txt ../verr.txt scan --history --no-cache --fail-on never --verbose
check "--verbose lists the first 20" [ "$(grep -c '^lib/sub: note: submodule link' ../verr.txt)" -eq 20 ]
check "... and counts the rest in one line" grep -q \
    '^mamori: note: 5 more submodule links were not scanned (not listed) \[submodule\]$' ../verr.txt
finish
