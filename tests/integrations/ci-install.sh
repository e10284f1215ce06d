#!/bin/bash
# ci-install.sh: integrations/ci/install.sh, which the GitHub action and the GitLab template run,
# builds a working mamori from this source tree into a fresh directory (packages checked by
# checker/setup.sh, grammars fetched pinned by CMake), and a second run uses that build as the
# CI cache would, without building again.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
build="$SCRATCH/build"
# the grammars the build tree already fetched are reused: no second download in the test
grammars="${MAMORI_BUILD:-}/grammars/node_modules"
[ -d "$grammars" ] || grammars=""
out=$(MAMORI_GRAMMARS_DIR="$grammars" CMAKE_ARGS= sh "$MAMORI_SRC/integrations/ci/install.sh" "$MAMORI_SRC" "$build" 2>"$SCRATCH/log") ||
    { tail -30 "$SCRATCH/log"; fail "install.sh failed"; }
check "install.sh prints the binary" test "$out" = "$build/mamori"
check "the binary runs" bash -c "'$out' version >/dev/null"
check "it finds what the tree's build finds" bash -c \
    "'$out' scan --no-policy -q -f json '$MAMORI_SRC/examples' | grep -c '\"rule_id\"' >'$SCRATCH/a'; \
     '$MAMORI' scan --no-policy -q -f json '$MAMORI_SRC/examples' | grep -c '\"rule_id\"' >'$SCRATCH/b'; cmp -s '$SCRATCH/a' '$SCRATCH/b'"
out2=$(sh "$MAMORI_SRC/integrations/ci/install.sh" "$MAMORI_SRC" "$build" 2>"$SCRATCH/log2")
check "a second run uses the cached build" grep -q "using the cached build" "$SCRATCH/log2"
check "... and prints the same binary" test "$out2" = "$out"
finish
