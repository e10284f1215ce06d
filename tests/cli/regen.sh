#!/bin/bash
# regen.sh [CASE...]: rewrites the expected stdout, stderr and exit of the CLI golden tests (all,
# or the named cases) from what the built binary does now. Review the change before committing:
#   tests/cli/regen.sh && git diff tests/cli
# MAMORI names the binary (default: build/mamori of this source tree).
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
export MAMORI_SRC=$(cd "$here/../.." && pwd -P)
export MAMORI="${MAMORI:-$MAMORI_SRC/build/mamori}"
[ -x "$MAMORI" ] || { echo "regen.sh: no binary at $MAMORI; build first, or set MAMORI" >&2; exit 2; }
MAMORI=$(cd "$(dirname "$MAMORI")" && pwd -P)/$(basename "$MAMORI")
# the values run-case.sh normalises, as CTest passes them: from the binary and its build
export MAMORI_VERSION=$("$MAMORI" --version | sed -n '1s/^mamori //p')
cache="$(dirname "$MAMORI")/CMakeCache.txt"
export MAMORI_URL=$(sed -n 's/^MAMORI_URL:STRING=//p' "$cache" 2>/dev/null)
[ -n "$MAMORI_URL" ] || { echo "regen.sh: MAMORI_URL not found in $cache" >&2; exit 2; }
export MAMORI_REGEN=1
if [ $# -eq 0 ]; then
    set -- $(cd "$here" && ls -d */ | tr -d /)
fi
for c in "$@"; do
    c=${c%/}
    [ -f "$here/$c/cmd" ] || { echo "regen.sh: no case $c" >&2; exit 2; }
    bash "$here/run-case.sh" "$here/$c"
done
echo "now review: git diff -- tests/cli"
