#!/bin/bash
# scan.sh: the scan step of the mamori GitHub action (action.yml beside it), kept in a file so
# that tests/integrations/github-action.sh runs it as the action does. Reads the action's inputs
# from INPUT_* variables, writes exit-code and sarif-file to $GITHUB_OUTPUT, and always exits 0
# so that the SARIF upload runs before the action fails with the scan's exit code.
set -u
mamori="${MAMORI:?the mamori binary}"
args=(scan --report "sarif=${INPUT_SARIF_FILE:-mamori.sarif}")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_POLICY:-}" ] && args+=(--policy "$INPUT_POLICY")

# annotations in the log when code scanning does not show the findings
annotations="${INPUT_ANNOTATIONS:-auto}"
if [ "$annotations" = auto ]; then
    [ "${INPUT_SARIF_UPLOAD:-true}" = true ] && annotations=false || annotations=true
fi
[ "$annotations" = true ] && args+=(--format github)

# only what a pull request changes: `mamori scan --diff BASE` reports the lines it adds
diff="${INPUT_DIFF:-auto}"
[ "$diff" = auto ] && diff="${MAMORI_PR_BASE:-}"
[ -n "$diff" ] && args+=(--diff "$diff")
# extra arguments, split like a shell would (no expansion of anything in them)
if [ -n "${INPUT_ARGS:-}" ]; then
    read -r -a extra <<<"$INPUT_ARGS"
    args+=("${extra[@]}")
fi
args+=("${INPUT_PATH:-.}")

echo "mamori ${args[*]}"
rc=0
"$mamori" "${args[@]}" || rc=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "exit-code=$rc" >>"$GITHUB_OUTPUT"
    echo "sarif-file=${INPUT_SARIF_FILE:-mamori.sarif}" >>"$GITHUB_OUTPUT"
fi
[ $rc -le 1 ] || echo "::error title=mamori::mamori exited with $rc (usage, configuration or internal error)"
exit 0
