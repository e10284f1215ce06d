#!/bin/bash
# run-case.sh CASE-DIR: one CLI golden test (tests/cli/README.md). Runs the case's `cmd` with sh
# in a scratch copy of the case (plus the tree its `tree` file names) and compares stdout,
# stderr and the exit code with the files `stdout`, `stderr` and `exit`. With MAMORI_REGEN=1 it
# writes those files instead (tests/cli/regen.sh).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
case_dir="${1:?usage: run-case.sh CASE-DIR}"
case_dir=$(cd "$case_dir" && pwd -P) || fail "no case directory $1"
[ -f "$case_dir/cmd" ] || fail "$case_dir has no cmd file"
: "${MAMORI_VERSION:?}" "${MAMORI_URL:?}"
scratch

# the working directory: the case's own files (inputs such as mamori.json), over a shared tree
work="$SCRATCH/work"
mkdir "$work"
if [ -f "$case_dir/tree" ]; then
    tree="$MAMORI_SRC/tests/trees/$(cat "$case_dir/tree")"
    [ -d "$tree" ] || fail "$case_dir/tree names no directory under tests/trees"
    cp -R "$tree/." "$work/"
fi
for f in "$case_dir"/* "$case_dir"/.[!.]*; do
    [ -e "$f" ] || continue
    case "$(basename "$f")" in
    cmd | stdout | stderr | exit | tree | filter.sed) ;;
    *) cp -R "$f" "$work/" ;;
    esac
done

rc=0
(cd "$work" && env -u NO_COLOR TERM=dumb LC_ALL=C.UTF-8 MAMORI="$MAMORI" sh -c "$(cat "$case_dir/cmd")") \
    >"$SCRATCH/stdout" 2>"$SCRATCH/stderr" </dev/null || rc=$?
echo "$rc" >"$SCRATCH/exit"

# what differs from machine to machine, and nothing else: the scratch path, the version, the
# project URL, and what the case's filter.sed says (library versions in `mamori --version`)
sed_escape() { printf '%s' "$1" | sed 's/[][\\/.*^$|]/\\&/g'; }
normalise() {
    sed -e "s/$(sed_escape "$work")/<CASE>/g" \
        -e "s/$(sed_escape "$MAMORI_URL")/<URL>/g" \
        -e "s/$(sed_escape "$MAMORI_VERSION")/<VERSION>/g" "$1" >"$1.norm"
    if [ -f "$case_dir/filter.sed" ]; then
        sed -E -f "$case_dir/filter.sed" "$1.norm" >"$1.filtered" && mv "$1.filtered" "$1.norm"
    fi
}
normalise "$SCRATCH/stdout"
normalise "$SCRATCH/stderr"

name=$(basename "$case_dir")
if [ "${MAMORI_REGEN:-0}" = 1 ]; then
    cp "$SCRATCH/stdout.norm" "$case_dir/stdout"
    cp "$SCRATCH/stderr.norm" "$case_dir/stderr"
    cp "$SCRATCH/exit" "$case_dir/exit"
    echo "regenerated $name (exit $rc)"
    exit 0
fi
for part in stdout stderr exit; do
    [ -f "$case_dir/$part" ] || { check "$name: expected file $part exists (tests/cli/regen.sh $name)" false; continue; }
    actual="$SCRATCH/$part"
    [ "$part" = exit ] || actual="$SCRATCH/$part.norm"
    if cmp -s "$case_dir/$part" "$actual"; then
        echo "ok: $name: $part"
    else
        diff -u "$case_dir/$part" "$actual" | sed "1,2s|$SCRATCH/||" >&2
        check "$name: $part as expected" false
    fi
done
finish
