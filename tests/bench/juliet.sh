#!/usr/bin/env bash
# juliet.sh: how well the unsafe-function rules find the flaws of NIST's Juliet 1.3 C/C++
# test suite, and how often they fire in its fixed ("good") code. Per suite: the test cases,
# how many mamori finds (a finding of the suite's rules in a bad function), how many are noisy
# (one in a good function). Not part of CTest; run by hand. Exits 1 with --gate when a suite
# misses its gate (juliet_score.py), 2 when the benchmark cannot run.
#
# usage: tests/bench/juliet.sh [--juliet DIR] [--mamori BIN] [--suite NAME]... [--lang c|cpp|all]
#                              [--gate] [--list noisy|missed|found] [--check-regions] [--jobs N]
#                              [--deep]
#
#   --juliet DIR   a checkout of arichardson/juliet-test-suite-c (default /work/juliet)
#   --suite NAME   only this suite (repeatable; default all of SUITES below)
#   --lang         which test cases count: c (default; the issue's numbers), cpp, all
#   --list, --check-regions, --gate: passed to juliet_score.py
#   --deep         write a compilation database for each suite (host cc, -I testcasesupport,
#                  -DINCLUDEMAIN, as Juliet's own build) at its root, where the scan finds it:
#                  the libclang deep tier reads every test case; without --deep the scan is
#                  run with --no-compile-commands (the tree-sitter tier)
#
# Each suite's files are copied, with testcasesupport/ (std_testcase.h, io.c) beside them, into
# a scratch directory $MAMORI_BENCH_WORK/juliet/<suite> (default /tmp/mamori-bench) that is not
# a git work tree, and scanned there with --no-policy --no-cache: the JSON reports stay in
# $MAMORI_BENCH_WORK/juliet/<suite>.json for a closer look.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# name | files (globs under testcases/, space-separated) | rules (ids; `prefix*` for a prefix)
SUITES='
gets    | CWE242_Use_of_Inherently_Dangerous_Function/*                    | unsafe-gets
formats | CWE134_Uncontrolled_Format_String/s0[12]/*__char_*printf*         | unsafe-format-string
mktemp  | CWE377_Insecure_Temporary_File/*__char_[mt]*                     | unsafe-tempfile
system  | CWE78_OS_Command_Injection/s0[12]/*__char_*system*               | unsafe-command-exec
strcpy  | CWE121_Stack_Based_Buffer_Overflow/s0[1-4]/*char_*_c[pa][yt]_*    | unsafe-strcpy,unsafe-strcat
'

JULIET=${JULIET:-/work/juliet}
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }
JOBS=2 LANG_SEL=c ONLY=() SCORE_ARGS=() DEEP=0
while [ $# -gt 0 ]; do
    case $1 in
    --juliet) JULIET=${2:?}; shift 2 ;;
    --mamori) MAMORI=${2:?}; shift 2 ;;
    --suite) ONLY+=("${2:?}"); shift 2 ;;
    --lang) LANG_SEL=${2:?}; shift 2 ;;
    --jobs) JOBS=${2:?}; shift 2 ;;
    --deep) DEEP=1; shift ;;
    --gate | --check-regions) SCORE_ARGS+=("$1"); shift ;;
    --list) SCORE_ARGS+=(--list "${2:?}"); shift 2 ;;
    -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
done
need python3 python3
# the scans run in the scratch directories: absolute paths
case $MAMORI in */*) ;; *) MAMORI=$(command -v "$MAMORI" || echo "$MAMORI") ;; esac
[ -x "$MAMORI" ] || die "no mamori binary at $MAMORI (build first)"
MAMORI=$(cd "$(dirname "$MAMORI")" && pwd)/$(basename "$MAMORI")
if [ ! -d "$JULIET/testcases" ] || [ ! -d "$JULIET/testcasesupport" ]; then die "no Juliet at $JULIET: fetch
  arichardson/juliet-test-suite-c (git clone https://github.com/arichardson/juliet-test-suite-c)
  and pass --juliet DIR"; fi

JULIET=$(cd "$JULIET" && pwd)
out=$WORK/juliet
mkdir -p "$out" || die "cannot create $out"
out=$(cd "$out" && pwd)
if git -C "$out" rev-parse --git-dir >/dev/null 2>&1; then
    # mamori would read that repository's .gitignore and index instead of the plain tree
    die "$out is inside a git work tree; set MAMORI_BENCH_WORK to a directory outside one"
fi

known=$("$MAMORI" rules list --format json | python3 -c 'import json, sys
print(" ".join(r["id"] for r in json.load(sys.stdin)))')
specs=()
while IFS='|' read -r name globs rules; do
    name=$(trim "$name") globs=$(trim "$globs") rules=$(trim "$rules")
    [ -n "$name" ] || continue
    if [ ${#ONLY[@]} -gt 0 ] && [[ " ${ONLY[*]} " != *" $name "* ]]; then
        continue
    fi
    for r in ${rules//,/ }; do           # a rule renamed or removed would score 0 silently
        [[ $r == *'*' || " $known " == *" $r "* ]] || die "suite $name: no rule $r in $MAMORI"
    done
    dir=$out/$name
    rm -rf "$dir" && mkdir -p "$dir/testcases"
    cp -r "$JULIET/testcasesupport" "$dir/"
    # the suite's files, with their directories under testcases/ (one cp for all of them)
    (cd "$JULIET/testcases" && shopt -s nullglob &&
        for g in $globs; do for f in $g; do if [ -f "$f" ]; then printf '%s\0' "$f"; fi; done; done) \
        >"$out/$name.files"
    n=$(tr -cd '\0' <"$out/$name.files" | wc -c)
    (cd "$JULIET/testcases" && xargs -0 -r cp --parents -t "$dir/testcases" <"$out/$name.files")
    [ "$n" -gt 0 ] || die "suite $name: no files match $globs under $JULIET/testcases"
    tier=--no-compile-commands
    if [ "$DEEP" = 1 ]; then
        tier=
        (cd "$dir" && python3 - <<'PY'
import json, os
entries = []
for top in ("testcases", "testcasesupport"):
    for d, _, files in sorted(os.walk(top)):
        for f in sorted(files):
            if f.endswith((".c", ".cpp")):
                p = os.path.join(d, f)
                cc = "c++" if f.endswith(".cpp") else "cc"
                entries.append({"directory": os.getcwd(), "file": p,
                                "arguments": [cc, "-I", "testcasesupport", "-DINCLUDEMAIN",
                                              "-c", p, "-o", p + ".o"]})
json.dump(entries, open("compile_commands.json", "w"), indent=1)
PY
        ) || die "suite $name: cannot write its compilation database"
    fi
    (cd "$dir" && nice "$MAMORI" scan --no-policy --no-cache --format json --fail-on never \
        -q -j "$JOBS" $tier --output "$out/$name.json" .) || die "suite $name: mamori scan failed"
    specs+=("$name=$rules=$out/$name.json")
done <<<"$SUITES"
[ ${#specs[@]} -gt 0 ] || die "no suite named ${ONLY[*]} (suites:$(echo "$SUITES" | cut -d'|' -f1 | tr -s ' \n' ' '))"

echo "Juliet: $JULIET ($(git -C "$JULIET" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout'))"
echo "mamori: $MAMORI ($("$MAMORI" --version 2>/dev/null | head -1))"
python3 "$BENCH_DIR/juliet_score.py" --lang "$LANG_SEL" --json "$out/results.json" \
    ${SCORE_ARGS[@]+"${SCORE_ARGS[@]}"} "${specs[@]}"
