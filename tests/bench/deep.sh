#!/usr/bin/env bash
# deep.sh: what the libclang deep tier costs, per translation unit, on Juliet suites with a
# compilation database (made by juliet.sh --deep). For the same translation units and flags:
#
#   mamori deep       mamori scan (the database found at the suite's root), one worker
#   mamori shallow    mamori scan --no-compile-commands, one worker
#   clang             clang-14 -fsyntax-only with the flags the deep tier passes, one at a time
#   clang-tidy        clang-tidy-14 -checks='-*,clang-analyzer-security.insecureAPI.*' -p DIR
#
# Gates (the issue): deep <= 1.3x clang -fsyntax-only per TU; clang-tidy >= 3x deep. The
# mamori times are whole scans (headers, the prefilter, every rule, the report) divided by the
# number of translation units. Juliet's database holds host commands (cc -I testcasesupport
# -DINCLUDEMAIN -c F), which the deep tier passes to libclang as -I DIR -DINCLUDEMAIN -w: the
# clang and clang-tidy runs get those flags.
#
# usage: tests/bench/deep.sh [--mamori BIN] [--juliet DIR] [--suite NAME]...  (default: gets
#                            mktemp system formats)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SUITES=() JULIET_ARGS=()
while [ $# -gt 0 ]; do
    case $1 in
    --mamori) MAMORI=${2:?}; shift 2 ;;
    --juliet) JULIET_ARGS+=(--juliet "${2:?}"); shift 2 ;;
    --suite) SUITES+=("${2:?}"); shift 2 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
done
[ ${#SUITES[@]} -gt 0 ] || SUITES=(gets mktemp system formats)
need clang-14 clang-14
need clang-tidy-14 clang-tidy-14
need python3 python3
case $MAMORI in */*) ;; *) MAMORI=$(command -v "$MAMORI" || echo "$MAMORI") ;; esac
MAMORI=$(cd "$(dirname "$MAMORI")" && pwd)/$(basename "$MAMORI")
args=()
for s in "${SUITES[@]}"; do args+=(--suite "$s"); done
bash "$BENCH_DIR/juliet.sh" --mamori "$MAMORI" ${JULIET_ARGS[@]+"${JULIET_ARGS[@]}"} \
    "${args[@]}" --deep --jobs 1 >/dev/null || die "juliet.sh --deep failed"

now() { date +%s.%N; }
echo "deep.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
printf '%-8s %5s %12s %12s %12s %12s %10s %10s\n' suite TUs 'deep ms/TU' 'shallow' 'clang' \
    'clang-tidy' deep/clang tidy/deep
for s in "${SUITES[@]}"; do
    dir=$WORK/juliet/$s
    [ -f "$dir/compile_commands.json" ] || die "no database in $dir"
    (cd "$dir" && python3 -c 'import json; [print(e["file"]) for e in json.load(open("compile_commands.json"))]') >"$dir.tus"
    n=$(wc -l <"$dir.tus")
    t0=$(now)
    (cd "$dir" && "$MAMORI" scan --no-policy --no-cache -q -j 1 --fail-on never --format json -o /dev/null .)
    t1=$(now)
    (cd "$dir" && "$MAMORI" scan --no-policy --no-cache -q -j 1 --fail-on never --format json -o /dev/null --no-compile-commands .)
    t2=$(now)
    (cd "$dir" && while read -r f; do
        case $f in *.cpp) x=c++ ;; *) x=c ;; esac
        clang-14 -x "$x" -fsyntax-only -I "$dir/testcasesupport" -DINCLUDEMAIN -w "$f" 2>/dev/null || true
    done <"$dir.tus")
    t3=$(now)
    (cd "$dir" && while read -r f; do
        clang-tidy-14 -quiet -checks='-*,clang-analyzer-security.insecureAPI.*' -p . "$f" \
            >/dev/null 2>&1 || true
    done <"$dir.tus")
    t4=$(now)
    python3 - "$s" "$n" "$t0" "$t1" "$t2" "$t3" "$t4" <<'PY'
import sys
s, n = sys.argv[1], int(sys.argv[2])
t = [float(x) for x in sys.argv[3:]]
deep, shallow, clang, tidy = (t[1]-t[0])/n*1e3, (t[2]-t[1])/n*1e3, (t[3]-t[2])/n*1e3, (t[4]-t[3])/n*1e3
print(f"{s:<8} {n:5d} {deep:12.1f} {shallow:12.1f} {clang:12.1f} {tidy:12.1f} {deep/clang:9.2f}x {tidy/deep:9.2f}x")
PY
done
