#!/bin/bash
# ci-templates.sh: the GitHub action and the GitLab CI template, as far as they run without
# GitHub or GitLab.
#   action.yml    a composite action whose run steps all name a shell, whose ${{ inputs.* }} and
#                 ${{ steps.* }} references exist, that uploads with upload-sarif after a scan
#                 step that never fails by itself, and fails last with the scan's exit code
#   scan.sh       run as the action runs it (INPUT_* variables, GITHUB_OUTPUT): SARIF written,
#                 exit-code output, annotations when the upload is off, --diff on pull requests
#   the template  its script, run with sh as the GitLab runner does (with MAMORI set instead of
#                 before_script's build): gl-sast-report.json, JUnit and text reports, the exit
#                 code of the scan
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
command -v python3 >/dev/null || fail "python3 is not installed"
python3 -c 'import yaml' 2>/dev/null || fail "python3-yaml is not installed"
scratch
cd "$SCRATCH" || fail cd
gh="$MAMORI_SRC/integrations/ci/github"

python3 - "$gh/action.yml" <<'PY' || fail "action.yml is not a well-formed composite action"
import re, sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
assert a["runs"]["using"] == "composite", "not composite"
steps = a["runs"]["steps"]
ids = {s["id"] for s in steps if "id" in s}
text = open(sys.argv[1]).read()
for s in steps:
    assert ("run" in s) != ("uses" in s), s
    if "run" in s:
        assert s.get("shell") == "bash", "a run step without shell: bash"
for name in re.findall(r"inputs\.([a-z-]+)", text):
    assert name in a["inputs"], "unknown input " + name
for sid in re.findall(r"steps\.([a-z]+)\.outputs", text):
    assert sid in ids, "unknown step " + sid
for out in a["outputs"].values():
    assert out["value"].startswith("${{ steps.scan.outputs."), out
uses = [s["uses"] for s in steps if "uses" in s]
assert any(u.startswith("github/codeql-action/upload-sarif@v") for u in uses), uses
assert any(u.startswith("actions/cache@v") for u in uses), uses
upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")][0]
assert "always()" in upload["if"], "the upload must run after a failing scan"
assert steps[-1].get("run", "").strip() == "exit ${{ steps.scan.outputs.exit-code }}", steps[-1]
print("ok: action.yml is a composite action with consistent references")
PY

# scan.sh as the action runs it
cp -R "$MAMORI_SRC/examples/esp-idf-sensor" tree
git -C tree init -q && git -C tree add -A   # a checkout: paths are relative to its root
run_action() {
    : >out
    (cd tree && env MAMORI="$MAMORI" GITHUB_OUTPUT="$SCRATCH/out" "$@" bash "$gh/scan.sh") >log 2>&1
}
run_action INPUT_PATH=. INPUT_SARIF_UPLOAD=true INPUT_SARIF_FILE=m.sarif INPUT_DIFF=auto MAMORI_PR_BASE=
check "action: the scan step itself succeeds" test $? -eq 0
check "action: exit-code output is the scan's (1)" grep -qx "exit-code=1" out
check "action: sarif-file output" grep -qx "sarif-file=m.sarif" out
check "action: SARIF written" grep -q '"version": "2.1.0"' tree/m.sarif
check "action: no annotations while SARIF is uploaded" bash -c "! grep -q '^::error file=' log"
run_action INPUT_PATH=fixed INPUT_SARIF_UPLOAD=false INPUT_FAIL_ON=warning
check "action: a clean tree gives exit-code 0" grep -qx "exit-code=0" out
run_action INPUT_PATH=insecure INPUT_SARIF_UPLOAD=false INPUT_FAIL_ON=never
check "action: annotations when the upload is off" grep -q '^::error file=insecure/main/app_main.c,line=10,' log
check "action: fail-on never gives exit-code 0" grep -qx "exit-code=0" out
run_action INPUT_PATH=. INPUT_DIFF=auto MAMORI_PR_BASE=0123abcd INPUT_ARGS="--category credentials"
check "action: --diff against the pull request's base" grep -q -- "--diff 0123abcd" log
check "action: args are passed" grep -q -- "--category credentials" log
run_action INPUT_PATH=. INPUT_POLICY=missing.json
check "action: a configuration error is exit-code 2, annotated" bash -c "grep -qx 'exit-code=2' out && grep -q '^::error title=mamori::mamori exited with 2' log"

# the GitLab template's script, run by sh as the runner does
python3 - "$MAMORI_SRC/integrations/ci/gitlab/mamori.gitlab-ci.yml" >gitlab-script.sh <<'PY' || fail "the template does not parse"
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))[".mamori"]
assert job["artifacts"]["reports"]["sast"] == "gl-sast-report.json"
assert job["artifacts"]["reports"]["junit"] == "mamori-junit.xml"
assert job["artifacts"]["when"] == "always"
for k, v in job["variables"].items():
    # job variables are defaults that an extending job (here: the environment) overrides
    print(': "${%s=%s}"; export %s' % (k, str(v).replace('"', ''), k))
print("\n".join(job["script"]))
PY
gitlab() { (cd tree && env MAMORI="$MAMORI" "$@" sh "$SCRATCH/gitlab-script.sh") >log 2>&1; }
gitlab
rc=$?
check "gitlab: the job fails on the insecure half (exit $rc)" test $rc -eq 1
check "gitlab: gl-sast-report.json written" grep -q '"version": "15.1.4"' tree/gl-sast-report.json
check "gitlab: JUnit written" xmllint --noout tree/mamori-junit.xml
check "gitlab: the text report is in the log" grep -q "insecure/main/app_main.c:10:23: error" log
gitlab MAMORI_PATH=fixed
rc=$?
check "gitlab: the fixed half passes (exit $rc)" test $rc -eq 0
finish
