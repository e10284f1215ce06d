#!/bin/bash
# cache.sh: the persistent cache is only an accelerator. A second history scan after one new
# commit walks that commit only (counted in the JSON summary); a worktree scan reuses the results
# of unchanged tracked files and rescans a changed one; results are the same with and without
# the cache; a damaged cache, or one another user (or a repository's author) planted, is rebuilt;
# concurrent runs leave a valid cache; --cache DIR and --no-cache work; no secret is stored.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
mkdir -p repo/src
for i in 1 2 3 4 5; do
    printf '#include <string.h>\nvoid f%d(char *d, const char *s) { strcpy(d, s); }\n' $i >repo/src/f$i.c
done
wifi_header "$PASSWORD" >repo/src/wifi.h
commit_all repo "initial"
wifi_header "" >repo/src/wifi.h
commit_all repo "no password"
cache_files() { ls repo/.git/mamori-cache/*.mmc 2>/dev/null; }
findings() { node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(JSON.stringify(r.findings.map((f) => [f.rule_id, f.path, f.line, f.fingerprint,
        f.origin && f.origin.commit, f.origin && f.origin.at_head])))' "$1"; }

# --- history
run_mamori h1.json h1.err scan --history --format json repo
check "first history scan: everything walked" js '
    r.summary.commits_scanned === 2 && r.summary.commits_from_cache === 0 &&
    r.summary.files_from_cache === 0 && r.findings.length === 1' h1.json
check "the cache is written in the git directory" [ -n "$(cache_files)" ]
run_mamori h2.json h2.err scan --history --format json repo
check "second scan, nothing new: nothing walked, the same findings" js '
    r.summary.commits_scanned === 0 && r.summary.commits_from_cache === 2 &&
    r.summary.files_from_cache === r.summary.files_scanned' h2.json
check "... identical findings" [ "$(findings h1.json)" = "$(findings h2.json)" ]
printf 'aws = %s\n' "$AWS_KEY" >repo/aws.txt
printf '/* one more */\n' >>repo/src/f1.c
commit_all repo "one more commit"
run_mamori h3.json h3.err scan --history --format json -v repo
check "after one new commit: that commit only, its two blobs" js '
    r.summary.commits_scanned === 1 && r.summary.commits_from_cache === 2 &&
    r.summary.files_scanned - r.summary.files_from_cache === 2 && r.findings.length === 2' h3.json
check "--verbose counts the same" grep -q 'history: 1 commit walked now, 2 by earlier runs' h3.err
run_mamori h3n.json h3n.err scan --history --format json --no-cache repo
check "with the cache = without it" [ "$(findings h3.json)" = "$(findings h3n.json)" ]
check "--no-cache: everything walked" js 'r.summary.commits_scanned === 3 && r.summary.files_from_cache === 0' h3n.json

# a rewritten branch: the history cached before is no longer all reachable; start over
git -C repo reset -q --hard HEAD~1
printf 'token: %s\n' "$TOKEN" >repo/ci.yaml
commit_all repo "another third commit"
git -C repo reflog expire --expire=now --all && git -C repo gc -q --prune=now
run_mamori h4.json h4.err scan --history --format json repo
run_mamori h4n.json h4n.err scan --history --format json --no-cache repo
check "a rewritten branch: the aws key is gone from history, as without the cache" \
    [ "$(findings h4.json)" = "$(findings h4n.json)" ]
check "... the token is there" js 'r.findings.some((f) => f.rule_id === "cred-github-token") &&
    !r.findings.some((f) => f.rule_id === "cred-aws-access-key-id")' h4.json

# --- the worktree: unchanged tracked files come from the cache
git init -q wt
mkdir -p wt/src
cp repo/src/f*.c wt/src/
commit_all wt "initial"
sleep 1 # racy-clean: files changed in the index's own second are never trusted
git -C wt update-index --refresh -q >/dev/null
run_mamori w1.json w1.err scan --format json wt
check "worktree, first: nothing from the cache" js '
    r.summary.files_scanned === 5 && r.summary.files_from_cache === 0' w1.json
run_mamori w2.json w2.err scan --format json -v wt
check "worktree, second: all five from the cache" js 'r.summary.files_from_cache === 5' w2.json
check "--verbose says so" grep -q 'mamori: 5 of 5 files from the cache' w2.err
check "... identical findings" [ "$(findings w1.json)" = "$(findings w2.json)" ]
printf '#include <string.h>\nvoid g(char *d, const char *s) { strcat(d, s); }\n' >wt/src/f2.c
run_mamori w3.json w3.err scan --format json wt
check "a changed file is scanned again, the rest reused" js '
    r.summary.files_from_cache === 4 && r.findings.some((f) => f.rule_id === "unsafe-strcat")' w3.json
printf 'new\n' >wt/untracked.txt
run_mamori w4.json w4.err scan --format json wt
check "an untracked file is scanned, not cached" js '
    r.summary.files_scanned === 6 && r.summary.files_from_cache === 4' w4.json

# --- everything a file's result carries comes back from the cache: the examples (all rule
# families, cross-file conditions such as "unless another file raises RDP") give the same
# findings and notices cached as uncached
git init -q ex
cp -R "$MAMORI_SRC/examples/." ex/
commit_all ex "examples"
everything() { node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(JSON.stringify([r.findings.map((f) => [f.rule_id, f.path, f.line, f.col,
        f.severity, f.message, f.fingerprint, f.suppressed]), r.notices]))' "$1"; }
run_mamori e0.json e0.err scan --no-policy --no-cache --format json ex
run_mamori e1.json e1.err scan --no-policy --format json ex
run_mamori e2.json e2.err scan --no-policy --format json ex
check "examples: the second scan is from the cache" js '
    r.summary.files_from_cache === r.summary.files_scanned && r.summary.files_scanned > 40' e2.json
check "examples: uncached, first and cached scans agree" \
    bash -c '[ "$1" = "$2" ] && [ "$2" = "$3" ]' _ "$(everything e0.json)" "$(everything e1.json)" "$(everything e2.json)"

# --- damage: a flipped byte; a file another key wrote; truncation
mmc=$(cache_files | head -1)
cp "$mmc" good.mmc
size=$(stat -c %s "$mmc")
printf '\377' | dd of="$mmc" bs=1 seek=$((size / 2)) conv=notrunc status=none
run_mamori d1.json d1.err scan --history --format json repo
check "a damaged cache: rebuilt, with a note" js '
    r.notices.some((n) => n.code === "cache-rebuilt") && r.summary.commits_scanned === 3' d1.json
check "... the same findings" [ "$(findings d1.json)" = "$(findings h4n.json)" ]
run_mamori d2.json d2.err scan --history --format json repo
check "... and used again next time" js 'r.summary.commits_scanned === 0 && !r.notices.some((n) => n.code === "cache-rebuilt")' d2.json
truncate -s 100 "$mmc"
run_mamori d3.json d3.err scan --history --format json repo
check "a truncated cache: rebuilt" js 'r.notices.some((n) => n.code === "cache-rebuilt")' d3.json
# a cache written with another user's key (or planted in a repository) does not verify
mv "$HOME/.cache/mamori/key" key.saved
run_mamori d4.json d4.err scan --history --format json repo
check "a cache under another key: rebuilt" js '
    r.notices.some((n) => n.code === "cache-rebuilt") && r.summary.commits_scanned === 3' d4.json
mv key.saved "$HOME/.cache/mamori/key"

# --- concurrent runs: all succeed, the cache stays valid
for i in 1 2 3 4; do
    ("$MAMORI" scan --history --format json repo >"c$i.json" 2>"c$i.err"; echo $? >"c$i.rc") &
    ("$MAMORI" scan --format json wt >"cw$i.json" 2>"cw$i.err"; echo $? >"cw$i.rc") &
done
wait
check "concurrent runs: every one finished (history: exit 1, worktree: 0)" \
    bash -c 'for f in c?.rc; do [ "$(cat $f)" = 1 ] || exit 1; done; for f in cw?.rc; do [ "$(cat $f)" = 0 ] || exit 1; done'
check "concurrent runs: the same findings" \
    bash -c '[ "$(cd '"$SCRATCH"' && for i in 1 2 3 4; do node -e "console.log(JSON.parse(require(\"fs\").readFileSync(\"c$i.json\")).findings.length)"; done | sort -u | wc -l)" = 1 ]'
run_mamori after.json after.err scan --history --format json repo
check "after concurrent runs: the cache verifies" js '
    !r.notices.some((n) => n.code === "cache-rebuilt") && r.summary.commits_scanned === 0' after.json
check "no temporary files left" bash -c '! ls repo/.git/mamori-cache/ | grep -q tmp'
# a run that crashed while writing left its temporary file: the next run that writes drops it
stale="$(cache_files | head -1).mamori-99999.tmp"
printf 'half a cache' >"$stale"
touch -d '2 hours ago' "$stale"
printf 'x\n' >>repo/src/f3.c
commit_all repo "one more"
run_mamori t.json t.err scan --history --format json repo
check "a crashed run's temporary file is removed" [ ! -e "$stale" ]
check "... and it did not disturb the cache" js 'r.summary.commits_scanned === 1' t.json

# --- --cache DIR, --no-cache, an unwritable git directory
run_mamori k.json k.err scan --history --format json --cache "$SCRATCH/mycache" repo
check "--cache DIR: written there" bash -c "ls '$SCRATCH'/mycache/*.mmc >/dev/null"
run_mamori k2.json k2.err scan --history --format json --cache "$SCRATCH/mycache" repo
check "--cache DIR: used" js 'r.summary.commits_scanned === 0' k2.json
run_mamori nc.out nc.err scan --history --cache x --no-cache repo
check "--cache with --no-cache: exit 2" [ "$RC" -eq 2 ]
if [ "$(id -u)" -ne 0 ]; then
    chmod a-w repo/.git
    rm -rf repo/.git/mamori-cache 2>/dev/null
    run_mamori ro.json ro.err scan --history --format json repo
    check "a read-only git directory: a note, the scan goes on" js '
        r.notices.some((n) => n.code === "cache") && r.findings.length > 0' ro.json
    chmod u+w repo/.git
fi

check "no secret in the cache files" no_secret repo/.git/mamori-cache/* wt/.git/mamori-cache/* mycache/*
check "no secret in any output" no_secret ./*.json ./*.err
finish
