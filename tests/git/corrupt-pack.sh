#!/bin/bash
# corrupt-pack.sh: a repository whose objects are in a pack file that is damaged — bytes garbled
# in the middle of the pack, the pack cut short, its index garbled — is read as far as it can be.
# --history, --staged and a worktree scan never crash or hang: they end with exit 0 or 1 and a
# valid report (objects that cannot be read are warnings: a history whose tip cannot be read is
# not "no commits yet"), or with exit 2 and a clear error when git itself cannot open the
# repository; no secret is printed.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
wifi_header "$PASSWORD" >repo/wifi.h
commit_all repo "first"
printf 'aws = %s\n' "$AWS_KEY" >repo/aws.txt
commit_all repo "second"
for i in $(seq 1 40); do printf 'int v%d = %d;\n' "$i" "$i" >"repo/f$i.c"; done
printf 'token: %s\n' "$TOKEN" >repo/ci.yaml
commit_all repo "third"
loose() { find repo/.git/objects -path '*/objects/[0-9a-f][0-9a-f]/*' -type f | head -1; }
for try in 1 2 3; do
    git -C repo repack -adq 2>>repack.err </dev/null && git -C repo prune-packed 2>>repack.err &&
        git -C repo prune --expire=now 2>>repack.err
    [ -z "$(loose)" ] && break
    sleep 1
done
[ -z "$(loose)" ] || fail "objects left loose after repack: $(loose) ($(git -C repo cat-file -t "$(basename "$(dirname "$(loose)")")$(basename "$(loose)")" 2>&1); $(git -C repo count-objects -v | tr '\n' ' '); $(tr '\n' ' ' <repack.err))"
pack=$(ls repo/.git/objects/pack/*.pack)
size=$(stat -c %s "$pack")

scan_all() { # NAME DIR: every input set over a damaged copy
    local name="$1" dir="$2" args
    for args in "--history" "" "--staged"; do
        RC=0
        timeout 120 "$MAMORI" scan $args --no-cache --format json "$dir" \
            >"$name$args.json" 2>"$name$args.err" || RC=$?
        if grep -qE 'ERROR: [A-Za-z]+Sanitizer|runtime error:' "$name$args.err"; then
            cat "$name$args.err" >&2
            check "$name ${args:-worktree}: no sanitizer report" false
        fi
        if [ "$RC" -le 1 ]; then
            check "$name ${args:-worktree}: exit $RC, a valid report" json_check "$name$args.json"
        else
            check "$name ${args:-worktree}: exit 2 with an error, not a crash (exit $RC)" \
                bash -c "[ $RC -eq 2 ] && grep -q 'error' '$name$args.err'"
        fi
        check "$name ${args:-worktree}: no secret printed" no_secret "$name$args.json" "$name$args.err"
    done
    # a history that cannot be read is never a clean "no commits yet"
    [ -s "$name--history.json" ] && check "$name --history: what cannot be read is a warning" js '
        !r.notices.some((n) => n.code === "no-commits") &&
        (r.notices.some((n) => n.code === "git-object" && n.level === "warning") ||
         r.findings.length === 3)' "$name--history.json"
}

# 1. bytes garbled in the middle of the pack (the index still points into it)
cp -R repo garbled
p=$(ls garbled/.git/objects/pack/*.pack)
chmod u+w "$p"
printf 'GARBAGE-GARBAGE-GARBAGE-GARBAGE' | dd of="$p" bs=1 seek=$((size / 2)) conv=notrunc status=none
scan_all garbled garbled

# 2. the pack cut short
cp -R repo truncated
p=$(ls truncated/.git/objects/pack/*.pack)
chmod u+w "$p"
truncate -s $((size / 3)) "$p"
scan_all truncated truncated

# 3. the pack index garbled
cp -R repo badidx
i=$(ls badidx/.git/objects/pack/*.idx)
chmod u+w "$i"
printf 'not an index at all' | dd of="$i" bs=1 seek=8 conv=notrunc status=none
scan_all badidx badidx

# 4. an empty pack file
cp -R repo empty
p=$(ls empty/.git/objects/pack/*.pack)
chmod u+w "$p"
: >"$p"
scan_all empty empty
finish
