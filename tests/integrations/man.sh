#!/bin/bash
# man.sh: checker/mamori.1 renders without warnings (groff, as `man -l` does) and documents every
# command of `mamori help` and every long option of `mamori scan|init|baseline --help`.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
page="$MAMORI_SRC/checker/mamori.1"
command -v groff >/dev/null || fail "groff is not installed (Debian: groff-base)"
scratch
groff -man -Tutf8 -ww -z "$page" 2>"$SCRATCH/warn"
check "groff renders it without warnings" test ! -s "$SCRATCH/warn"
cat "$SCRATCH/warn" >&2
MANWIDTH=100 man -l "$page" 2>/dev/null | col -b >"$SCRATCH/text" ||
    groff -man -Tascii "$page" | col -b >"$SCRATCH/text"
check "rendered text" test -s "$SCRATCH/text"
for cmd in $("$MAMORI" help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
    check "command $cmd documented" grep -qE "^ {7}$cmd( |$)" "$SCRATCH/text"
done
for sub in scan init baseline report; do
    for opt in $("$MAMORI" $sub --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
        check "$sub $opt documented" grep -qF -- "$opt" "$SCRATCH/text"
    done
done
finish
