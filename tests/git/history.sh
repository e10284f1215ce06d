#!/bin/bash
# history.sh: `mamori scan --history` finds a secret that was committed and deleted again, names
# the commit that added it (id, author date; the e-mail only with --show-email) and says whether
# HEAD still has it; a secret still at HEAD says so; each blob is scanned once; a PEM key whose
# body changed under an unchanged BEGIN line is found in the commit that changed it; accepted
# risks apply to history findings by fingerprint; no output and no cache file holds a secret.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
mkdir -p repo/src repo/config
printf 'int main(void) { return 0; }\n' >repo/src/main.c
commit_all repo "initial"
wifi_header "$PASSWORD" >repo/src/wifi.h
commit_all repo "add wifi credentials"
leak=$(git -C repo rev-parse HEAD)
wifi_header "" >repo/src/wifi.h # deleted again: still in history
commit_all repo "remove the password"
printf 'aws_access_key_id = %s\n' "$AWS_KEY" >repo/config/deploy.ini
commit_all repo "deploy settings"
still=$(git -C repo rev-parse HEAD)
openssl genpkey -algorithm ed25519 -out repo/config/device.pem 2>/dev/null || fail "openssl"
cp repo/config/device.pem key-one.pem
commit_all repo "device key"
# the key rotated: the BEGIN and END lines stay, only the body line changes
openssl genpkey -algorithm ed25519 -out repo/config/device.pem 2>/dev/null || fail "openssl"
commit_all repo "rotate the device key"
rotated=$(git -C repo rev-parse HEAD)
git -C repo rm -q config/device.pem
commit_all repo "no key in the repository"

run_mamori h.json h.err scan --history --format json repo
check "history: exit 1 (findings)" [ "$RC" -eq 1 ]
check "the deleted password is found, with the commit that added it" js '
    r.findings.some((f) => f.rule_id === "cred-hardcoded-password" && f.path === "src/wifi.h" &&
        f.line === 3 && f.origin.kind === "commit" && f.origin.commit === "'"$leak"'" &&
        f.origin.at_head === false && f.origin.author_date === "2023-11-15T07:15:20+09:00")' h.json
check "the AWS key still at HEAD says so" js '
    r.findings.some((f) => f.rule_id === "cred-aws-access-key-id" &&
        f.origin.commit === "'"$still"'" && f.origin.at_head === true)' h.json
check "each key of the rotation is found once, in the commit that brought it" js '
    r.findings.filter((f) => f.rule_id === "cred-private-key-pem").length === 2 &&
    r.findings.some((f) => f.rule_id === "cred-private-key-pem" && f.origin.commit === "'"$rotated"'")' h.json
check "history summary: input, commits, blobs" js '
    r.summary.input === "history" && r.summary.commits_scanned === 7 &&
    r.summary.commits_from_cache === 0 && r.git.head === "'"$(git -C repo rev-parse HEAD)"'"' h.json
check "no e-mail without --show-email" bash -c '! grep -q "author@example.invalid" h.json h.err'
check "history is credentials only unless asked (a note says so)" js '
    r.notices.some((n) => n.code === "history-categories") &&
    r.findings.every((f) => f.category === "credentials")' h.json

run_mamori h.txt h.terr scan --history --show-email repo
check "text: the commit, its date, the e-mail when asked, and HEAD" \
    grep -qF "    added in commit ${leak:0:12} on 2023-11-15 by author@example.invalid; no longer at HEAD (still in history)" h.txt
check "text: still at HEAD" grep -qF "    added in commit ${still:0:12} on 2023-11-15 by author@example.invalid; still at HEAD" h.txt
check "text: summary in blobs and commits" grep -qE '^mamori: 4 errors, 0 warnings, 0 notes in [0-9]+ blobs of 7 commits$' h.txt
run_mamori he.json he.err scan --history --show-email --format json repo
check "JSON: the e-mail with --show-email" js 'r.findings.every((f) => f.origin.author_email === "author@example.invalid")' he.json

# an accepted risk: the rotated key, by fingerprint, with a reason and an expiry
fp=$(node -e 'const r = JSON.parse(require("fs").readFileSync("h.json", "utf8"));
    console.log(r.findings.find((f) => f.rule_id === "cred-hardcoded-password").fingerprint)')
cat >policy.json <<EOF
{"version": 1, "accepted_risks": [
  {"fingerprint": "$fp", "reason": "rotated in 2023, see ticket 42", "owner": "sec", "expires": "2999-01-01"}]}
EOF
run_mamori p.json p.err scan --history --format json --policy policy.json repo
check "an accepted risk suppresses the history finding" js '
    r.findings.some((f) => f.fingerprint === "'"$fp"'" && f.suppressed &&
        f.suppressed.kind === "accepted-risk" && f.suppressed.reason === "rotated in 2023, see ticket 42") &&
    r.summary.suppressed === 1 && r.summary.errors === 3' p.json
sed -i 's/2999-01-01/2001-01-01/' policy.json
run_mamori x.json x.err scan --history --format json --policy policy.json repo
check "an expired accepted risk counts again" js '
    r.summary.suppressed === 0 && r.notices.some((n) => n.code === "risk-expired")' x.json

# each blob once: the same file content committed twice (revert) is one blob, scanned once
git -C repo revert --no-edit HEAD >/dev/null 2>&1 || fail "git revert"
run_mamori r.json r.err scan --history --format json --no-cache repo
check "a blob that comes back is not found again" js '
    r.findings.filter((f) => f.rule_id === "cred-private-key-pem").length === 2' r.json

# --category widens history to other rules
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n' >repo/src/copy.c
commit_all repo "a copy"
git -C repo rm -q src/copy.c
commit_all repo "gone"
run_mamori c.json c.err scan --history --category unsafe-function --format json --no-cache repo
check "--category chooses what history is checked for" js '
    r.findings.length === 1 && r.findings[0].rule_id === "unsafe-strcpy" &&
    !r.notices.some((n) => n.code === "history-categories")' c.json

# rules that judge the whole tree do not run on history, with a note
run_mamori a.json a.err scan --history --category policy --format json --no-cache repo
check "project analyzers are not run on history, and a note says so" js '
    r.findings.length === 0 && r.notices.some((n) => n.code === "analyzers-skipped" &&
        (n.detail || "").includes("policy-suppression-unused"))' a.json

# a bare repository (a CI mirror) scans the same
git clone -q --bare repo bare.git
run_mamori b.json b.err scan --history --format json --no-cache bare.git
run_mamori w.json w.err scan --history --format json --no-cache repo
check "a bare repository: the same findings as its work tree" js '
    rs[0].findings.length === 4 && rs[0].findings.map((f) => f.fingerprint + f.origin.commit).join() ===
    rs[1].findings.map((f) => f.fingerprint + f.origin.commit).join()' b.json w.json

check "no secret in any output" no_secret ./*.json ./*.err ./*.txt ./*.terr
check "no secret in the cache" no_secret repo/.git/mamori-cache/*
finish
