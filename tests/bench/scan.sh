#!/usr/bin/env bash
# scan.sh: times `mamori scan` against flawfinder and ripgrep on the same C/C++ files of a real
# tree, and checks the performance targets: mamori at least 10x faster than flawfinder, within
# 4x of rg searching the rules' trigger set, peak memory under 300 MB. Exits 1 when a target
# is missed, 2 when the benchmark cannot run. Not part of CTest: run it by hand or in a
# dedicated CI job, on an otherwise idle machine.
#
# usage: tests/bench/scan.sh [--tree DIR] [--jobs N] [--runs N] [--ff-runs N]
#                            [--rules DIR]... [--projected] [--mamori PATH]
#
#   --tree DIR    the C tree to measure (default: RIOT OS at the commit pinned in common.sh,
#                 extracted from $RIOT_MIRROR); its C/C++ files are copied to a scratch tree
#                 ($MAMORI_BENCH_WORK, default /tmp/mamori-bench) that every tool then reads
#   --jobs N      workers for mamori and rg, processes for flawfinder; all pinned to CPUs
#                 0..N-1 with taskset (default 2)
#   --runs N      timed runs of mamori and rg --no-unicode, median reported (default 5; one
#                 warm-up run first)
#   --ff-runs N   timed runs of the slow ones, flawfinder and rg with Unicode classes (default 3)
#   --rules DIR   also load this rule pack (mamori scan --rules, and its triggers for rg)
#   --projected   shorthand for --rules tests/bench/projected-rules: stand-ins with the trigger
#                 breadth of the planned rule catalog, to see where the targets go as it lands
#   --mamori PATH the binary to measure (default build/mamori)
#
# Without the RIOT mirror: clone RIOT (RIOT_MIRROR=<clone>/.git), or use Debian's kernel source:
#   apt-get install -y linux-source-6.1 && tar xf /usr/src/linux-source-6.1.tar.xz -C /tmp
#   tests/bench/scan.sh --tree /tmp/linux-source-6.1/drivers   (the whole kernel works too, but
#   flawfinder then needs tens of minutes per run)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TREE="" JOBS=2 RUNS=5 FF_RUNS=3
RULE_ARGS=()
while [ $# -gt 0 ]; do
    case $1 in
    --tree) TREE=${2:?}; shift 2 ;;
    --jobs) JOBS=${2:?}; shift 2 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --ff-runs) FF_RUNS=${2:?}; shift 2 ;;
    --rules) RULE_ARGS+=(--rules "$(cd "${2:?}" && pwd)"); shift 2 ;;
    --projected) RULE_ARGS+=(--rules "$BENCH_DIR/projected-rules"); shift ;;
    --mamori) MAMORI=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (--help)" ;;
    esac
done
[[ $JOBS =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ && $FF_RUNS =~ ^[1-9][0-9]*$ ]] ||
    die "--jobs, --runs and --ff-runs take positive numbers"
[ "$JOBS" -le "$(nproc)" ] || die "--jobs $JOBS: only $(nproc) CPUs online"

need hyperfine hyperfine
need flawfinder flawfinder
need rg ripgrep
need taskset util-linux
need python3 python3
need /usr/bin/time time
[ -x "$MAMORI" ] || die "$MAMORI not built: cmake -S . -B build && cmake --build build -j2"

CPUS=$(seq -s, 0 $((JOBS - 1)))
PIN=(taskset -c "$CPUS")
prepare_tree "$TREE"
RES=$WORK/results/scan-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RES"

"$MAMORI" rules triggers "${RULE_ARGS[@]}" >"$RES/triggers.txt"
NTRIG=$(wc -l <"$RES/triggers.txt")
NRULES=$("$MAMORI" rules list "${RULE_ARGS[@]}" 2>/dev/null | grep -c "^  [a-z]" || true)

# flawfinder has no worker option: JOBS processes, each on a share of the files balanced by
# size (largest first, to the lightest share)
xargs -0 -a "$CLIST" stat -c '%s %n' -- | sort -rn | awk -v n="$JOBS" -v dir="$RES" '
    { best = 0; for (i = 1; i < n; i++) if (load[i] < load[best]) best = i
      load[best] += $1; sub(/^[0-9]+ /, ""); printf "%s%c", $0, 0 > (dir "/ff-share" best) }'
# a failing share (flawfinder exits at the first file it cannot read) must fail the run
cat >"$RES/flawfinder.sh" <<EOF
pids=()
for s in $RES/ff-share*; do xargs -0 -a "\$s" flawfinder --quiet --dataonly -- & pids+=(\$!); done
for p in "\${pids[@]}"; do wait "\$p" || exit 1; done
EOF
FF_CMD="bash $RES/flawfinder.sh"

MAMORI_CMD="${PIN[*]} $MAMORI scan --no-policy --format json --fail-on never -q -j $JOBS ${RULE_ARGS[*]} $CTREE"
RG_CMD="${PIN[*]} rg -j$JOBS -c -uu -f $RES/triggers.txt $CTREE"
# the same search with ASCII classes, as vectorscan's (no UTF8/UCP flags) and mamori's are
RG_ASCII_CMD="$RG_CMD --no-unicode"
FF_PIN_CMD="${PIN[*]} $FF_CMD"

# a crash must not pass for a fast run: check one run of each before timing them
"${PIN[@]}" "$MAMORI" scan --no-policy --format json --fail-on never -q -j "$JOBS" "${RULE_ARGS[@]}" \
    "$CTREE" >"$RES/mamori.json" || die "mamori scan failed (exit $?)"
SCANNED=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["files_scanned"])' \
    "$RES/mamori.json")
[ "$SCANNED" = "$NFILES" ] || die "mamori scanned $SCANNED files, the tree has $NFILES"
rc=0; "${PIN[@]}" rg -j"$JOBS" -c -uu -f "$RES/triggers.txt" "$CTREE" >"$RES/rg.txt" || rc=$?
[ "$rc" -le 1 ] || die "rg failed (exit $rc)"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)

echo "timing (results in $RES) ..." >&2
hf() { # NAME RUNS EXTRA-HYPERFINE-OPTIONS... -- COMMAND
    local name=$1 runs=$2; shift 2
    local opts=(); while [ "$1" != -- ]; do opts+=("$1"); shift; done; shift
    hyperfine "${opts[@]}" --runs "$runs" --export-json "$RES/$name.json" -n "$name" \
        "$1" >"$RES/hyperfine-$name.txt" 2>&1 ||
        { cat "$RES/hyperfine-$name.txt" >&2; die "hyperfine failed for $name"; }
}
hf mamori "$RUNS" -N --warmup 1 -- "$MAMORI_CMD"
# -i: rg exits 1 when nothing matches
hf rg-ascii "$RUNS" -N -i --warmup 1 -- "$RG_ASCII_CMD"
# the slow ones get --ff-runs and no warm-up (the runs above have read the same files):
# Unicode rg takes minutes on a kernel-sized tree once the triggers are broad
hf rg "$FF_RUNS" -N -i -- "$RG_CMD"
hf flawfinder "$FF_RUNS" -N -- "$FF_PIN_CMD"

# peak resident memory of one run each (flawfinder: its largest process)
rss() { /usr/bin/time -f %M -o "$RES/rss.tmp" bash -c "$1" >/dev/null 2>&1 || true; tail -1 "$RES/rss.tmp"; }
RSS_MAMORI=$(rss "$MAMORI_CMD")
RSS_RG=$(rss "$RG_CMD")
RSS_RG_ASCII=$(rss "$RG_ASCII_CMD")
RSS_FF=$(rss "$FF_PIN_CMD")

# the whole tree as a user scans it (all files, not only C/C++): for information
WHOLE_CMD="${PIN[*]} $MAMORI scan --no-policy --format json --fail-on never -q -j $JOBS ${RULE_ARGS[*]} $SRC"
hf mamori-whole "$RUNS" -N --warmup 1 -- "$WHOLE_CMD"
RSS_WHOLE=$(rss "$WHOLE_CMD")
NWHOLE=$(find "$SRC" -name .git -prune -o -type f -print | wc -l)

python3 - "$RES" "$JOBS" "$RSS_MAMORI" "$RSS_RG" "$RSS_RG_ASCII" "$RSS_FF" "$RSS_WHOLE" <<EOF | tee "$RES/report.txt"
import json, sys
res, jobs = sys.argv[1], int(sys.argv[2])
rss = dict(zip(["mamori", "rg", "rg-ascii", "flawfinder", "mamori-whole"], map(int, sys.argv[3:8])))
t = {}
for f in ("mamori", "rg", "rg-ascii", "flawfinder", "mamori-whole"):
    try:
        for r in json.load(open(f"{res}/{f}.json"))["results"]:
            t[r["command"]] = r
    except FileNotFoundError:
        pass
print("mamori scan benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')")
print("machine:  $(machine_desc)")
print("system:   $(os_desc); pinned to CPUs $CPUS")
print("load:     $LOAD_BEFORE before the runs, $(cut -d' ' -f1 /proc/loadavg) after (1-minute load average;"
      " above ~0.3 something else ran and the times are noisy)")
print("tree:     $TREE_DESC")
print("files:    $NFILES C/C++ files, $NLINES lines, %.1f MB (copied to $CTREE)" % ($NBYTES / 1e6))
print("          left out for all tools: $LEFT_OUT")
print("rules:    $NRULES rules, $NTRIG prefilter triggers${RULE_ARGS:+ (with ${RULE_ARGS[*]})}")
print("versions: $("$MAMORI" version | head -1); $(flawfinder --version 2>&1 | head -1 | sed 's/^/flawfinder /'); $(rg --version 2>/dev/null | head -1)")
print()
rows = [("mamori", f"mamori scan -j{jobs}"), ("rg", f"rg -j{jobs} -c -f triggers"),
        ("rg-ascii", f"rg -j{jobs} -c -f triggers --no-unicode"),
        ("flawfinder", f"flawfinder, {jobs} processes"),
        ("mamori-whole", "mamori scan, whole tree ($NWHOLE files)")]
print(f"{'command':44} {'median':>8} {'min':>8} {'max':>8} {'runs':>5} {'CPU u+s':>8} {'peak RSS':>9}")
for key, label in rows:
    if key in t:
        r = t[key]
        print(f"{label:44} {r['median']:7.2f}s {r['min']:7.2f}s {r['max']:7.2f}s {len(r['times']):5d}"
              f" {r['user'] + r['system']:7.2f}s {rss[key]/1024:6.0f} MB")
print("(wall-clock times; CPU u+s is the mean user+system time of a run)")
print()
m = t["mamori"]["median"]
cpu = lambda k: t[k]["user"] + t[k]["system"]
checks = [
    ("flawfinder / mamori", t["flawfinder"]["median"] / m, ">= 10x", lambda v: v >= 10, "x"),
    ("mamori / rg", m / t["rg"]["median"], "<= 4x", lambda v: v <= 4, "x"),
    ("mamori peak RSS", rss["mamori"] / 1024, "< 300 MB", lambda v: v < 300, " MB"),
    ("mamori / rg --no-unicode (info)", m / t["rg-ascii"]["median"], "", None, "x"),
    # CPU time is what a busy machine disturbs least: the ratio to watch when the load is high
    ("flawfinder / mamori, CPU time (info)", cpu("flawfinder") / cpu("mamori"), "", None, "x"),
]
failed = False
if $NLINES < 100000:
    print("note: the tree has fewer than 100k lines of C; the targets are defined for >= 100k")
    failed = True
for name, v, lim, ok, unit in checks:
    state = "" if ok is None else ("ok" if ok(v) else "MISSED")
    failed |= state == "MISSED"
    print(f"{name:38} {v:8.2f}{unit:3} {lim:>9}  {state}")
print()
print("result: " + ("TARGET MISSED" if failed else "all targets met"))
open(f"{res}/failed", "w").write("1" if failed else "0")
EOF
[ "$(cat "$RES/failed")" = 0 ]
