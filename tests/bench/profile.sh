#!/usr/bin/env bash
# profile.sh: where the time of one `mamori scan` of the benchmark tree goes, by pipeline stage
# (input discovery, reading, prefilter compile and scan, chunking, tree-sitter parse, facts,
# matchers, resolve, report), and how much of the tree the prefilter lets through to the
# parser. Uses `perf record` with DWARF call chains when perf works here (it needs only the
# software cpu-clock event, so it also works in VMs without hardware counters); otherwise
# valgrind's callgrind on a subset of the files.
#
# usage: tests/bench/profile.sh [--tree DIR] [--jobs N] [--rules DIR]... [--projected]
#                               [--freq HZ] [--callgrind]
#
#   --tree, --jobs, --rules, --projected  as in scan.sh
#   --freq HZ      perf sampling frequency (default 4000)
#   --callgrind    use callgrind (on the first 400 files) even when perf works
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TREE="" JOBS=2 FREQ=4000 FORCE_CG=0
RULE_ARGS=()
while [ $# -gt 0 ]; do
    case $1 in
    --tree) TREE=${2:?}; shift 2 ;;
    --jobs) JOBS=${2:?}; shift 2 ;;
    --rules) RULE_ARGS+=(--rules "$(cd "${2:?}" && pwd)"); shift 2 ;;
    --projected) RULE_ARGS+=(--rules "$BENCH_DIR/projected-rules"); shift ;;
    --freq) FREQ=${2:?}; shift 2 ;;
    --callgrind) FORCE_CG=1; shift ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (--help)" ;;
    esac
done
need taskset util-linux
need python3 python3
need /usr/bin/time time
[ -x "$MAMORI" ] || die "$MAMORI not built: cmake -S . -B build && cmake --build build -j2"
cmake --build "$BUILD_DIR" --target mamori-stagestats >/dev/null || die "cannot build mamori-stagestats"
SHIM=$BUILD_DIR/tests/bench/libmamori-stagestats.so

CPUS=$(seq -s, 0 $((JOBS - 1)))
prepare_tree "$TREE"
RES=$WORK/results/profile-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RES"
SCAN=(taskset -c "$CPUS" "$MAMORI" scan --no-policy --format json --fail-on never -q -j "$JOBS"
      "${RULE_ARGS[@]}")

{
echo "mamori scan profile, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  $(machine_desc); $(os_desc); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tree:     $TREE_DESC"
echo "files:    $NFILES C/C++ files, $NLINES lines, $NBYTES bytes (left out: $LEFT_OUT)"
echo "rules:    $("$MAMORI" rules triggers "${RULE_ARGS[@]}" | wc -l) prefilter triggers${RULE_ARGS:+ (with ${RULE_ARGS[*]})}"
echo

# a warm page cache, then one plain timed run
"${SCAN[@]}" "$CTREE" >/dev/null
/usr/bin/time -f '%e %U %S %M' -o "$RES/time.txt" "${SCAN[@]}" "$CTREE" >/dev/null
read -r wall user sys rss <"$RES/time.txt"
echo "one run: ${wall}s wall, ${user}s user + ${sys}s system CPU, peak RSS $((rss / 1024)) MB"

# what the prefilter lets through (LD_PRELOAD counters around hs_scan and the parser)
MAMORI_STAGESTATS=$RES/stagestats.txt LD_PRELOAD=$SHIM "${SCAN[@]}" "$CTREE" >/dev/null
python3 - "$RES/stagestats.txt" "$NFILES" "$NBYTES" <<'EOF'
import sys
s = dict(l.strip().split("=", 1) for l in open(sys.argv[1]) if "=" in l)
nf, nb = int(sys.argv[2]), int(sys.argv[3])
pf, pb = int(s["prefilter_files"]), int(s["prefilter_bytes"])
tf, tb = int(s["parsed_files"]), int(s["parsed_bytes"])
print(f"prefilter: {pf} of {nf} files, {pb / 1e6:.1f} MB, {float(s['prefilter_cpu_seconds']):.3f} CPU s "
      f"in hs_scan ({pb / 1e6 / max(float(s['prefilter_cpu_seconds']), 1e-9):.0f} MB/s per thread)")
print(f"parsed:    {tf} files ({100 * tf / nf:.1f}%) had a C-rule hit; tree-sitter parsed "
      f"{tb / 1e6:.2f} MB ({100 * tb / nb:.2f}% of the bytes) in {s['parse_calls']} calls, "
      f"{float(s['parse_cpu_seconds']):.3f} CPU s ({tb / 1e6 / max(float(s['parse_cpu_seconds']), 1e-9):.1f} MB/s per thread)")
print(f"           of that {s['whole_file_parses']} whole files ({int(s['whole_file_bytes']) / 1e6:.2f} MB) where "
      f"the chunker found no top-level items it trusts (unbalanced braces across #if branches)")
EOF
echo

if [ "$FORCE_CG" = 0 ] && command -v perf >/dev/null &&
    perf record -q -e cpu-clock -o "$RES/probe.data" true >/dev/null 2>&1; then
    rm -f "$RES/probe.data"
    perf record -q -e cpu-clock -F "$FREQ" --call-graph dwarf,16384 -o "$RES/perf.data" -- \
        "${SCAN[@]}" "$CTREE" >/dev/null 2>"$RES/perf-record.log" || true
    echo "perf record -e cpu-clock -F $FREQ --call-graph dwarf (stage = innermost pipeline frame):"
    perf script -i "$RES/perf.data" -F pid,tid,ip,sym,dso 2>/dev/null |
        python3 "$BENCH_DIR/perfstages.py" "$FREQ"
    echo
    echo "(perf report -i $RES/perf.data --children for the full call graph)"
else
    need valgrind valgrind
    echo "perf is not usable here; callgrind on the first 400 files, one worker:"
    SUB=$WORK/profile-subset
    rm -rf "$SUB" && mkdir -p "$SUB"
    head -z -n 400 "$CLIST" | sed -z "s|^$CTREE/||" | (cd "$CTREE" && tar -c --null -T - -f -) |
        tar -x -C "$SUB"
    valgrind --tool=callgrind --callgrind-out-file="$RES/callgrind.out" \
        "$MAMORI" scan --no-policy --format json --fail-on never -q -j 1 "${RULE_ARGS[@]}" "$SUB" \
        >/dev/null 2>"$RES/callgrind.log" || true
    callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$RES/callgrind.out" 2>/dev/null |
        grep -E 'PROGRAM TOTALS|mm_scan_run|mm_inputs_collect|mm_ruleset_compile|mm_read_file|hs_scan|mm_chunks_find|ts_parser_parse_string|parse_range|mm_match_|mm_scan_merge|mm_report' |
        head -30
fi
} 2>&1 | tee "$RES/report.txt"
