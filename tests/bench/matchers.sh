#!/usr/bin/env bash
# matchers.sh: vectorscan against PCRE2 (JIT) as mamori's multi-pattern prefilter, on the
# triggers of the loaded rules and the C/C++ files of a real tree, one thread, data in memory.
# Prints each engine's compile time, median scan time, MB/s and hits (matchers.c explains the
# columns). By default it measures two trigger sets: the rules built into mamori, and those
# plus the projected rule pack (the breadth of the planned catalog), because the choice must
# hold as rules land, not only for today's two triggers.
#
# usage: tests/bench/matchers.sh [--tree DIR] [--triggers FILE] [--rules DIR]... [--runs N]
#
#   --tree DIR       as in scan.sh (default: RIOT at the pinned commit)
#   --triggers FILE  measure only this trigger list (one regex a line, "(?i)" = caseless)
#   --rules DIR      add a rule pack's triggers to the built-in ones
#   --runs N         timed passes per engine, median reported (default 5)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TREE="" TRIGGERS="" RUNS=5
RULE_ARGS=()
while [ $# -gt 0 ]; do
    case $1 in
    --tree) TREE=${2:?}; shift 2 ;;
    --triggers) TRIGGERS=$(cd "$(dirname "${2:?}")" && pwd)/$(basename "$2"); shift 2 ;;
    --rules) RULE_ARGS+=(--rules "$(cd "${2:?}" && pwd)"); shift 2 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (--help)" ;;
    esac
done
need taskset util-linux
[ -f "$BUILD_DIR/CMakeCache.txt" ] || die "no build in $BUILD_DIR: cmake -S . -B build first"
cmake --build "$BUILD_DIR" --target mamori-bench-matchers >/dev/null ||
    die "cannot build mamori-bench-matchers"
PROG=$BUILD_DIR/tests/bench/mamori-bench-matchers

prepare_tree "$TREE"
RES=$WORK/results/matchers-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RES"
tr '\0' '\n' <"$CLIST" >"$RES/files.txt"

sets=()
if [ -n "$TRIGGERS" ]; then
    cp "$TRIGGERS" "$RES/given.txt" && sets+=(given)
else
    [ -x "$MAMORI" ] || die "$MAMORI not built: cmake --build build -j2"
    "$MAMORI" rules triggers "${RULE_ARGS[@]}" >"$RES/rules.txt" && sets+=(rules)
    "$MAMORI" rules triggers "${RULE_ARGS[@]}" --rules "$BENCH_DIR/projected-rules" \
        >"$RES/projected.txt" && sets+=(projected)
fi

{
    echo "prefilter matchers, $(date -u '+%Y-%m-%d %H:%M UTC'); one thread (taskset -c 0)"
    echo "machine:  $(machine_desc); $(os_desc); load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "tree:     $TREE_DESC, $NFILES C/C++ files, $NLINES lines (left out: $LEFT_OUT)"
    echo "versions: $("$MAMORI" version 2>/dev/null | grep -o 'vectorscan [0-9.]*\|PCRE2 [0-9.]*' | paste -sd' ')"
    for s in "${sets[@]}"; do
        echo
        echo "== trigger set: $s ($RES/$s.txt)"
        taskset -c 0 "$PROG" -b -r "$RUNS" "$RES/$s.txt" "$RES/files.txt" 2>&1 || true
    done
} | tee "$RES/report.txt"
