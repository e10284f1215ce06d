#!/bin/bash
# baseline.sh: adopting mamori on an old code base. `mamori baseline` records today's findings in
# the policy (keeping its comments and other settings), the next scan passes, a new finding
# fails, a fixed one is reported as an accepted risk that no longer matches (risk-unmatched, in
# text, JSON, SARIF and GitHub annotations), a partial scan does not call entries of files it
# did not read unmatched, a second baseline adds nothing twice, and the notes of examples (which
# fail nothing) are not recorded.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
cp -R "$MAMORI_SRC/examples/esp-idf-sensor/insecure" fw
git -C fw init -q && git -C fw add -A
cat >fw/mamori.json <<'JSON'
// the team's policy: this comment must survive the baseline
{
  "version": 1,
  "fail_on": "warning",  // warnings fail too
  "exclude": ["build/"]
}
JSON
cd fw || fail cd
run_mamori ../s0 ../s0.err scan
check "before the baseline the scan fails" test "$RC" -eq 1
n=$(grep -c ': \(error\|warning\|note\): ' ../s0)

run_mamori ../b1 ../b1.err baseline --owner alice --expires 2999-12-31 --reason "legacy code, tracked in FW-12"
check "baseline exits 0" test "$RC" -eq 0
check "baseline says how many ($n)" grep -q "baseline: $n findings recorded" ../b1.err
check "the comments are kept" grep -q "this comment must survive the baseline" mamori.json
check "the trailing comment is kept" grep -q '"fail_on": "warning",  // warnings fail too' mamori.json
check "the other settings are kept" grep -q '"exclude": \["build/"\]' mamori.json
check "one entry per finding" test "$(grep -c '"fingerprint"' mamori.json)" -eq "$n"
check "entries carry rule, path, reason, owner, expiry" grep -q '"rule": "unsafe-strcpy", "path": "main/app_main.c", "reason": "legacy code, tracked in FW-12", "owner": "alice", "expires": "2999-12-31"' mamori.json

run_mamori ../s1 ../s1.err scan
check "after the baseline the scan passes (exit $RC)" test "$RC" -eq 0
check "... with every finding suppressed" grep -q "($n suppressed)" ../s1

run_mamori ../b2 ../b2.err baseline
check "a second baseline adds nothing" grep -q "nothing to add" ../b2.err
check "... and leaves the entries as they were" test "$(grep -c '"fingerprint"' mamori.json)" -eq "$n"

# a new finding fails; a fixed one is reported as no longer matching
sed -i '/strcpy(device_name, payload);/d' main/app_main.c
printf 'void tail(char *d, const char *s) { strcat(d, s); }\n' >>main/app_main.c
run_mamori ../s2 ../s2.err scan
check "a new finding fails the scan (exit $RC)" test "$RC" -eq 1
check "... and it is the new one" grep -q "\[unsafe-strcat\]" ../s2
line=$(grep -n '"rule": "unsafe-strcpy"' mamori.json | cut -d: -f1)
check "the fixed finding's entry is reported, at its line ($line)" \
    grep -q "mamori.json:$line:5: warning: accepted risk [0-9a-f]* (unsafe-strcpy in main/app_main.c) no longer matches a finding" ../s2.err
run_mamori ../s2.json ../s2j.err scan --format json
check "risk-unmatched in JSON" grep -q '"code": "risk-unmatched", "path": "mamori.json", "line": '"$line" ../s2.json
run_mamori ../s2.sarif ../s2s.err scan --format sarif
check "risk-unmatched in SARIF" grep -q '"id": "risk-unmatched"' ../s2.sarif
run_mamori ../s2.gh ../s2g.err scan --format github
check "risk-unmatched as a GitHub annotation" grep -q "^::warning file=mamori.json,line=$line,title=mamori%3A risk-unmatched::" ../s2.gh

# a partial scan: entries of files it did not read are not "unmatched"
run_mamori ../s3 ../s3.err scan main/device_key.h
check "a scan of one file says nothing of the others' entries" bash -c "! grep -q risk-unmatched ../s3.err"
echo 'main/app_main.c' >../list
run_mamori ../s4 ../s4.err scan --files-from ../list
check "a file list that holds the fixed file reports its entry" grep -q "risk-unmatched" ../s4.err
# a rule the scan did not run cannot tell
run_mamori ../s5 ../s5.err scan --category credentials
check "an entry of a rule that did not run is not reported" bash -c "! grep -q risk-unmatched ../s5.err"
# expired entries count again, with a notice
sed -i 's/2999-12-31/2000-01-01/' mamori.json
run_mamori ../s6 ../s6.err scan
check "expired entries fail the scan again (exit $RC)" test "$RC" -eq 1
check "... with policy-accepted-risk-expired findings" grep -q "\[policy-accepted-risk-expired\]" ../s6

# a policy with no accepted_risks key and no file at all
cd .. && mkdir fresh && cp fw/main/app_main.c fresh/
printf '{"version": 1}\n' >fresh/mamori.json
(cd fresh && run_mamori ../f1 ../f1.err baseline; exit $RC)
check "baseline adds accepted_risks to a policy without it" grep -q '"accepted_risks": \[' fresh/mamori.json
(cd fresh && run_mamori ../f2 ../f2.err scan; exit $RC)
check "... which then passes" test $? -eq 0
check "... but says that entries without owner and expiry are warnings" \
    grep -q "no owner and no expiry date: each is a warning of policy-accepted-risk-incomplete" f1.err
check "... which the scan reports" grep -q "\[policy-accepted-risk-incomplete\]" f2
mkdir none && cp fw/main/app_main.c none/
(cd none && run_mamori ../n1 ../n1.err baseline; exit $RC)
check "baseline creates the policy when there is none" grep -q '"version": 1' none/mamori.json
(cd none && run_mamori ../n2 ../n2.err scan; exit $RC)
check "... which then passes" test $? -eq 0
# the notes of examples and tests fail nothing: they are not accepted
mkdir -p roles/src roles/examples/demo
printf 'void a(char *d, const char *s) { strcpy(d, s); }\n' >roles/src/net.c
printf 'void b(char *d, const char *s) { strcpy(d, s); }\n' >roles/examples/demo/main.c
(cd roles && run_mamori ../r1 ../r1.err baseline; exit $RC)
check "baseline records the product's finding" grep -q '"path": "src/net.c"' roles/mamori.json
check "... and not the example's note" bash -c "! grep -q examples/demo roles/mamori.json"
run_mamori bad bad.err baseline --expires 2030-02-30x fw
check "a bad --expires is a usage error" test "$RC" -eq 2
finish
