# common.sh: what the shell tests share. Sourced, never run. CTest sets:
#   MAMORI        the binary under test
#   MAMORI_SRC    the source tree
#   MAMORI_TOOLS  node_modules of the pinned test tools (tests/package-lock.json)
# A test prints what went wrong and exits 1; it exits 77 only to skip, saying why.

set -u

: "${MAMORI:?MAMORI (the binary under test) is not set; run the tests through ctest}"
: "${MAMORI_SRC:?MAMORI_SRC (the source tree) is not set; run the tests through ctest}"
LIB_DIR="$MAMORI_SRC/tests/lib"
FAILURES=0

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}

# check DESCRIPTION COMMAND...: runs COMMAND, records a failure (and goes on) when it fails
check() {
    local what="$1"
    shift
    if "$@"; then
        printf 'ok: %s\n' "$what"
    else
        printf 'FAIL: %s\n' "$what" >&2
        FAILURES=$((FAILURES + 1))
    fi
}

# finish: the test's exit code
finish() {
    if [ "$FAILURES" -ne 0 ]; then
        printf '%d check(s) failed\n' "$FAILURES" >&2
        exit 1
    fi
    exit 0
}

skip() {
    printf 'SKIP: %s\n' "$*" >&2
    exit 77
}

# A scratch directory outside any git work tree (so that discovery does not find the source
# repository), removed when the test exits.
scratch() {
    SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/mamori-test.XXXXXX") || fail "mktemp failed"
    SCRATCH=$(cd "$SCRATCH" && pwd -P)
    trap 'chmod -R u+rwX "$SCRATCH" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
}

# run_mamori OUT ERR ARGS...: runs the binary with stdout/stderr to files; sets RC. A sanitizer
# report (builds with -DMAMORI_SANITIZE=ON) fails the test whatever the exit code was.
run_mamori() {
    local out="$1" err="$2"
    shift 2
    RC=0
    "$MAMORI" "$@" >"$out" 2>"$err" || RC=$?
    if grep -qE 'ERROR: [A-Za-z]+Sanitizer|runtime error:' "$err"; then
        cat "$err" >&2
        fail "sanitizer report from: mamori $*"
    fi
}

# The pinned tools. A test that needs them fails (never skips) when they are missing.
need_tools() {
    : "${MAMORI_TOOLS:?MAMORI_TOOLS is not set; run the tests through ctest}"
    [ -f "$MAMORI_TOOLS/ajv-cli/dist/index.js" ] ||
        fail "ajv-cli is not installed in $MAMORI_TOOLS (the test-tools fixture failed?)"
    [ -x "$MAMORI_TOOLS/@microsoft/sarif-multitool-linux/Sarif.Multitool" ] ||
        fail "Sarif.Multitool is not installed in $MAMORI_TOOLS (the test-tools fixture failed?)"
    command -v node >/dev/null || fail "node is not installed"
}

# ajv_validate SCHEMA FILE...: JSON Schema (draft-07) validation, strict, all errors
ajv_validate() {
    local schema="$1"
    shift
    local args=() f
    for f in "$@"; do args+=(-d "$f"); done
    node "$MAMORI_TOOLS/ajv-cli/dist/index.js" validate -s "$schema" "${args[@]}" \
        -c ajv-formats --strict=true --all-errors --errors=text
}

# json_check FILE...: each file is valid UTF-8 (no replacement needed) and valid JSON
json_check() {
    node "$LIB_DIR/json-check.js" "$@"
}

# contains FILE TEXT: FILE holds TEXT (fixed string)
contains() {
    grep -qF -- "$2" "$1"
}

# show FILE: prints a file under a header, for failure analysis
show() {
    printf -- '--- %s\n' "$1" >&2
    cat "$1" >&2 2>/dev/null || true
}
