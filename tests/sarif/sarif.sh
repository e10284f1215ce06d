#!/bin/bash
# sarif.sh TREE [SECRET...]: scans TREE with --format sarif and checks the log two ways: the SARIF
# Multitool's validator with GitHub's and SARIF's own rules (it exits 0 even when it reports
# problems, so any error or warning line it prints fails the test), and assert-sarif.js for what
# GitHub code scanning needs (rule metadata, locations, fingerprints, suppressions), compared
# with --format json of the same scan. TREE "rich" is a generated tree (tests/lib/trees.sh) with
# suppressions, accepted risks and notices. SECRET values must not appear in the log.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$LIB_DIR/trees.sh"
need_tools
scratch
tree="${1:?usage: sarif.sh TREE [SECRET...]}"
shift
opts=()
if [ "$tree" = rich ]; then
    tree="$SCRATCH/rich"
    make_rich_tree "$tree"
    opts=(--max-file-size 4096 --max-line-length 1000)
    # accepted risks, one expired: suppressions of kind "external" and a notice
    "$MAMORI" scan --format json --no-policy "${opts[@]}" "$tree" >"$SCRATCH/pre.json" 2>/dev/null
    cat >"$tree/mamori.json" <<EOF
{"accepted_risks": [
  {"fingerprint": "$(fingerprint_of "$SCRATCH/pre.json" cred-hardcoded-password)", "reason": "lab build", "expires": "2999-01-01"},
  {"fingerprint": "$(fingerprint_of "$SCRATCH/pre.json" unsafe-strcpy)", "reason": "old", "expires": "2001-01-01"}
]}
EOF
fi
if [ "$tree" = history ]; then
    # a git repository whose history holds a password deleted again, and a token still at HEAD:
    # results with a commit, an author date and whether HEAD still has them
    tree="$SCRATCH/history"
    export HOME="$SCRATCH" GIT_CONFIG_NOSYSTEM=1
    git init -q "$tree" && mkdir -p "$tree/src"
    printf '#define WIFI_PASSWORD "%s"\n' "${1:?history needs the secret}" >"$tree/src/wifi.h"
    git -C "$tree" add -A && git -C "$tree" -c user.name=t -c user.email=t@t commit -qm leak
    printf '#define WIFI_PASSWORD ""\n' >"$tree/src/wifi.h"
    printf 'token: %s\n' "${2:?history needs a token}" >"$tree/ci.yaml"
    git -C "$tree" add -A && git -C "$tree" -c user.name=t -c user.email=t@t commit -qm more
    git -C "$tree" remote add origin "https://user:${2}@example.invalid/org/fw.git"
    opts=(--history)
fi
[ -d "$tree" ] || fail "no directory $tree"
if [ "$tree" != "$SCRATCH/rich" ] && [ "$tree" != "$SCRATCH/history" ]; then
    # a copy outside the source repository: the tree is its own root, and its own mamori.json
    # (if any) is the policy, as for a user who scans it
    cp -R "$tree" "$SCRATCH/tree"
    tree="$SCRATCH/tree"
fi
# a policy may turn rules off: then the log lists fewer rules than mamori has
all_rules=1
if grep -qE '"(rules|categories)"' "$tree/mamori.json" 2>/dev/null; then all_rules=0; fi
[ "$tree" = "$SCRATCH/history" ] && all_rules=0 # history: the credentials rules

sarif="$SCRATCH/report.sarif"
run_mamori "$sarif" "$SCRATCH/sarif.err" scan --format sarif "${opts[@]}" "$tree"
[ "$RC" -le 1 ] || { show "$SCRATCH/sarif.err"; fail "mamori scan --format sarif exited $RC"; }
run_mamori "$SCRATCH/report.json" "$SCRATCH/json.err" scan --format json "${opts[@]}" "$tree"
[ "$RC" -le 1 ] || fail "mamori scan --format json exited $RC"
run_mamori "$SCRATCH/rules.json" "$SCRATCH/rules.err" rules list --format json
[ "$RC" -eq 0 ] || fail "mamori rules list --format json exited $RC"
[ -s "$sarif" ] || fail "empty SARIF output"
check "the SARIF log is valid UTF-8 JSON" json_check "$sarif"

# the validator; --level error;warning leaves out its notes (advice such as "use message ids")
multitool="$MAMORI_TOOLS/@microsoft/sarif-multitool-linux/Sarif.Multitool"
rc=0
(cd "$SCRATCH" && DOTNET_CLI_TELEMETRY_OPTOUT=1 "$multitool" validate --rule-kind "Gh;Sarif" \
    --level "Error;Warning" "$sarif") >"$SCRATCH/validate.out" 2>&1 || rc=$?
cat "$SCRATCH/validate.out"
check "the SARIF Multitool ran (exit $rc)" [ "$rc" -eq 0 ]
check "the SARIF Multitool analysed the log" grep -q 'Analysis completed successfully' "$SCRATCH/validate.out"
if grep -E ': (error|warning) ' "$SCRATCH/validate.out" >/dev/null; then
    check "the SARIF Multitool reports no error and no warning" false
else
    echo "ok: the SARIF Multitool reports no error and no warning"
fi

ALL_RULES=$all_rules MAMORI_VERSION="${MAMORI_VERSION:?}" MAMORI_URL="${MAMORI_URL:?}" \
    check "SARIF specifics" node "$MAMORI_SRC/tests/sarif/assert-sarif.js" "$sarif" \
    "$SCRATCH/report.json" "$SCRATCH/rules.json" "$@"
finish
