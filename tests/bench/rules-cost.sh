#!/usr/bin/env bash
# rules-cost.sh: what the rule families after the engine's first two cost on a real tree. The
# targets (issues 3 and 5): the firmware configuration and code rules (debug-interface,
# update-integrity, crypto) add under 10% to the scan time of the engine benchmark's tree, and
# the component inventory (category component) adds under 10% to a full scan. Not part of CTest:
# run it by hand on an otherwise idle machine. Exits 1 when a target is missed, 2 when the
# benchmark cannot run.
#
# usage: tests/bench/rules-cost.sh [--tree DIR] [--jobs N] [--runs N] [--mamori PATH]
#
# The whole tree is scanned (all file kinds: configuration, manifests, devicetree are what these
# rules read), with --no-cache and --no-policy, pinned to CPUs 0..N-1. Three rule sets:
#   base       credentials, unsafe-function, policy (the engine issue's families)
#   no-comp    every category but component
#   all        every rule
# Ratios: no-comp / base (the firmware rules' cost) and all / no-comp (the inventory's cost).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
TREE="" JOBS=2 RUNS=7
while [ $# -gt 0 ]; do
    case $1 in
    --tree) TREE=${2:?}; shift 2 ;;
    --jobs) JOBS=${2:?}; shift 2 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --mamori) MAMORI=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
done
need hyperfine hyperfine
need python3 python3
[ -x "$MAMORI" ] || die "no mamori binary at $MAMORI (build first)"
prepare_tree "$TREE"
cpus="0-$((JOBS - 1))"
out="$WORK/results/rules-cost-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

cats_all=$("$MAMORI" rules list --format json | python3 -c '
import json, sys
print(",".join(sorted({r["category"] for r in json.load(sys.stdin)})))')
cats_nocomp=$(echo "$cats_all" | tr , '\n' | grep -vx component | paste -sd,)
scan() { echo "taskset -c $cpus $MAMORI scan -j $JOBS --no-cache --no-policy -q --fail-on never --format json --category $1 $SRC"; }

note "tree: $TREE_DESC"
hyperfine -N -w 1 -r "$RUNS" --export-json "$out/hyperfine.json" \
    -n base "$(scan credentials,unsafe-function,policy)" \
    -n no-comp "$(scan "$cats_nocomp")" \
    -n all "$(scan "$cats_all")" >"$out/hyperfine.txt"
python3 - "$out/hyperfine.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
med = {k: v["median"] for k, v in r.items()}
fw = med["no-comp"] / med["base"] - 1
inv = med["all"] / med["no-comp"] - 1
print(f"medians: base {med['base']:.3f} s, no-comp {med['no-comp']:.3f} s, all {med['all']:.3f} s")
print(f"firmware config and code rules: {fw * 100:+.1f}% (target < 10%)")
print(f"component inventory:            {inv * 100:+.1f}% (target < 10%)")
sys.exit(0 if fw < 0.10 and inv < 0.10 else 1)
PY
