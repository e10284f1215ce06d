#!/bin/bash
# findings.sh: `mamori scan --format json` output of several trees is valid UTF-8 JSON and valid
# against checker/schema/findings-v1.schema.json; the trees together make the report use every
# part of the schema (checked, so that the validation is not vacuous); and the schema is strict
# enough to reject a report with a field it does not document or a value outside its enums.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$LIB_DIR/trees.sh"
need_tools
scratch
SCHEMA="$MAMORI_SRC/checker/schema/findings-v1.schema.json"
cd "$SCRATCH" || fail "cd"

# 1. a tree with every kind of finding and notice, first without a policy
make_rich_tree rich
run_mamori r1.json r1.err scan --format json --max-file-size 4096 --max-line-length 1000 rich
[ "$RC" -eq 1 ] || { show r1.err; fail "scan of the rich tree exited $RC, expected 1"; }

# 2. the same with a policy: one accepted risk that holds, one that expired
fp_cred=$(fingerprint_of r1.json cred-hardcoded-password) || fail "no password finding"
fp_copy=$(fingerprint_of r1.json unsafe-strcpy) || fail "no strcpy finding"
cat >rich/mamori.json <<EOF
{
  // comments are allowed in the policy
  "version": 1,
  // an expired risk is a finding of this rule; turned off, the scan says it in a notice
  "rules": {"policy-accepted-risk-expired": "off"},
  "accepted_risks": [
    {"fingerprint": "$fp_cred", "reason": "test credential of the lab build", "owner": "qa", "expires": "2999-12-31"},
    {"fingerprint": "$fp_copy", "rule": "unsafe-strcpy", "reason": "was fine once", "expires": "2000-01-01"}
  ]
}
EOF
run_mamori r2.json r2.err scan --format json --max-file-size 4096 --max-line-length 1000 rich
# the only error is now an accepted risk
[ "$RC" -eq 0 ] || { show r2.err; fail "scan with the policy exited $RC, expected 0"; }

# 3. the small tree; 4. an empty directory; 5. a git work tree; 6. --fail-on never
cp -R "$MAMORI_SRC/tests/trees/small" small
run_mamori r3.json r3.err scan --format json small
[ "$RC" -eq 1 ] || fail "scan of tests/trees/small exited $RC"
mkdir empty
run_mamori r4.json r4.err scan --format json empty
[ "$RC" -eq 0 ] || fail "scan of an empty directory exited $RC"
mkdir repo && cp "$MAMORI_SRC/tests/trees/small/"*.c repo/ &&
    git -C repo init -q && git -C repo add . || fail "git init"
run_mamori r5.json r5.err scan --format json repo
[ "$RC" -eq 1 ] || fail "scan of a git tree exited $RC"
run_mamori r6.json r6.err scan --format json --fail-on never rich
[ "$RC" -eq 0 ] || fail "--fail-on never exited $RC"
# 7. a tree with every role: examples, tests, tools, a simulator, vendored and generated code
cp -R "$MAMORI_SRC/tests/trees/roles" roles
run_mamori r7.json r7.err scan --format json roles
[ "$RC" -eq 1 ] || fail "scan of tests/trees/roles exited $RC"

reports=(r1.json r2.json r3.json r4.json r5.json r6.json r7.json)
check "reports are valid UTF-8 JSON" json_check "${reports[@]}"
if ajv_validate "$SCHEMA" "${reports[@]}" >ajv.out 2>&1; then
    echo "ok: ${#reports[@]} reports valid against findings-v1.schema.json"
else
    show ajv.out
    check "reports valid against findings-v1.schema.json" false
fi

# the reports use what the schema describes: otherwise the validation above proves little
check "the reports cover the schema" node -e '
    const fs = require("fs");
    const rs = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    const all = (k) => rs.flatMap((r) => r[k]);
    const want = [
        ["severity error", all("findings").some((f) => f.severity === "error")],
        ["severity warning", all("findings").some((f) => f.severity === "warning")],
        ["severity note", all("findings").some((f) => f.severity === "note")],
        ["suppressed inline", all("findings").some((f) => f.suppressed && f.suppressed.kind === "inline")],
        ["suppressed accepted-risk", all("findings").some((f) => f.suppressed && f.suppressed.kind === "accepted-risk")],
        ["engine analyzer", all("findings").some((f) => f.engine === "analyzer")],
        ["libc detected", rs.some((r) => r.libc && r.libc.name === "newlib")],
        ["no findings and no notices", rs.some((r) => !r.findings.length && !r.notices.length)],
        ["failed false", rs.some((r) => !r.summary.failed)],
        ["fail_on never", rs.some((r) => r.summary.fail_on === "never")],
        ["a finding that does not count", all("findings").some((f) => f.counted === false)],
        ["a vendored finding with its component", all("findings").some((f) => f.role === "vendored" && f.component)],
        ["summary roles", rs.some((r) => r.summary.roles && r.summary.roles.example > 0)],
    ];
    for (const role of ["product", "example", "test", "tool", "simulator", "vendored", "generated"])
        want.push(["role " + role, all("findings").some((f) => f.role === role)]);
    for (const code of ["binary", "symlink", "special", "too-large", "long-line", "risk-expired"])
        want.push(["notice " + code, all("notices").some((n) => n.code === code)]);
    let bad = 0;
    for (const [what, ok] of want) { if (!ok) { console.error("not covered: " + what); bad++; } }
    process.exit(bad ? 1 : 0);' "${reports[@]}"

# the schema is strict: each of these changes to a valid report must be rejected
mutants=()
mutate() { # NAME JS-STATEMENTS-ON-r
    node -e '
        const fs = require("fs");
        const r = JSON.parse(fs.readFileSync("r2.json", "utf8"));
        (function () { '"$2"' }).call(null);
        fs.writeFileSync(process.argv[1], JSON.stringify(r));' "mut-$1.json" ||
        fail "cannot make mutant $1"
    mutants+=("mut-$1.json")
}
mutate extra-top-field 'r.generated = "today";'
mutate extra-finding-field 'r.findings[0].confidence = "high";'
mutate unknown-severity 'r.findings[0].severity = "fatal";'
mutate missing-fingerprint 'delete r.findings[0].fingerprint;'
mutate short-fingerprint 'r.findings[0].fingerprint = "abc";'
mutate column-zero 'r.findings[0].column = 0;'
mutate unknown-suppression 'r.findings.find((f) => f.suppressed).suppressed.kind = "baseline";'
mutate notice-level-error 'r.notices[0].level = "error";'
mutate summary-string 'r.summary.errors = "1";'
mutate schema-version-2 'r.schema_version = 2;'
mutate unknown-libc 'r.libc.name = "bionic";'
mutate unknown-role 'r.findings[0].role = "sample";'
mutate counted-string 'r.findings[0].counted = "no";'
mutate summary-role-missing 'r.summary.roles = {"product": 1};'
ajv_validate "$SCHEMA" "${mutants[@]}" >mutants.out 2>&1
for m in "${mutants[@]}"; do
    check "the schema rejects $m" grep -qFx "$m invalid" mutants.out
done
finish
