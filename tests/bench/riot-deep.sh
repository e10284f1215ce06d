#!/usr/bin/env bash
# riot-deep.sh: the libclang deep tier on a real cross-compiled build: RIOT's
# `make compile-commands` for an ARM board (raw arm-none-eabi-gcc commands), scanned deep and
# with the tree-sitter tier alone. Prints how many translation units ran deep (gate: >= 95%)
# and the findings on those files that one tier has and the other has not (gate: the deep
# findings are a superset of the tree-sitter tier's real ones; each difference is to be read).
#
# usage: tests/bench/riot-deep.sh [--mamori BIN] [--board BOARD] [--app DIR]
#   defaults: samr21-xpro (its vendor headers are in RIOT's tree; nrf52840dk fetches Nordic's
#   from GitHub), examples/basic/hello-world. Needs Debian's gcc-arm-none-eabi and
#   libnewlib-arm-none-eabi (apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi) and
#   RIOT_MIRROR (common.sh). RIOT fetches ARM's CMSIS headers at build time; without network,
#   CMSIS_MIRROR (default /work/.mirror/ARM-software+CMSIS_5/repo) gives them at RIOT's pinned
#   commit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BOARD=samr21-xpro APP=examples/basic/hello-world
CMSIS_MIRROR=${CMSIS_MIRROR:-/work/.mirror/ARM-software+CMSIS_5/repo}
while [ $# -gt 0 ]; do
    case $1 in
    --mamori) MAMORI=${2:?}; shift 2 ;;
    --board) BOARD=${2:?}; shift 2 ;;
    --app) APP=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
done
need arm-none-eabi-gcc gcc-arm-none-eabi
need python3 python3
[ -d /usr/lib/arm-none-eabi/include ] || die "no newlib headers: apt-get install -y libnewlib-arm-none-eabi"
case $MAMORI in */*) ;; *) MAMORI=$(command -v "$MAMORI" || echo "$MAMORI") ;; esac
MAMORI=$(cd "$(dirname "$MAMORI")" && pwd)/$(basename "$MAMORI")
[ -d "$RIOT_MIRROR" ] || die "no RIOT mirror at $RIOT_MIRROR"

tree=$WORK/riot-deep
rm -rf "$tree" && mkdir -p "$tree"
git -C "$RIOT_MIRROR" archive "$RIOT_COMMIT" | tar -x -C "$tree"
(cd "$tree/$APP" && make BOARD="$BOARD" COMPILE_COMMANDS_FLAGS= compile-commands >"$WORK/riot-deep.make.log" 2>&1) ||
    die "make compile-commands failed: $WORK/riot-deep.make.log"
db=$tree/compile_commands.json
[ -f "$db" ] || die "no $db"
# the headers the build would have fetched (after make, which removes what it cannot fetch)
cmsis=$(sed -n 's/^PKG_VERSION=\([0-9a-f]*\).*/\1/p' "$tree/pkg/cmsis/Makefile")
if [ -d "$CMSIS_MIRROR" ] && git -C "$CMSIS_MIRROR" cat-file -e "$cmsis" 2>/dev/null; then
    mkdir -p "$tree/build/pkg/cmsis"
    git -C "$CMSIS_MIRROR" archive "$cmsis" CMSIS/Core/Include 2>/dev/null |
        tar -x -C "$tree/build/pkg/cmsis" || true
fi

scan() { (cd "$tree" && nice "$MAMORI" scan --no-policy --no-cache --fail-on never -j 2 --format json "$@" .); }
t0=$(date +%s.%N)
scan -p "$db" --toolchain-include /usr/lib/arm-none-eabi/include -o "$WORK/riot-deep.json" 2>"$WORK/riot-deep.err"
t1=$(date +%s.%N)
scan --no-compile-commands -o "$WORK/riot-shallow.json" 2>/dev/null
t2=$(date +%s.%N)
echo "riot-deep.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), RIOT $RIOT_COMMIT, BOARD=$BOARD $APP"
python3 - "$db" "$tree" "$WORK/riot-deep.json" "$WORK/riot-shallow.json" "$t0" "$t1" "$t2" <<'PY'
import json, sys
db, tree, deep, shallow = sys.argv[1:5]
t0, t1, t2 = (float(x) for x in sys.argv[5:8])
tus = {e["file"][len(tree) + 1:] if e["file"].startswith(tree + "/") else e["file"]
       for e in json.load(open(db))}
a, b = json.load(open(deep)), json.load(open(shallow))
key = lambda f: (f["path"], f["line"], f["rule_id"], f["severity"])
for n in a["notices"]:
    if n["code"] == "deep-tier":
        print(n["message"])
fallback = [n for n in a["notices"] if n["code"] == "deep-fallback"]
for n in fallback[:10]:
    print("  fallback:", n["path"], n["message"])
da = {key(f): f for f in a["findings"] if f["path"] in tus}
db_ = {key(f): f for f in b["findings"] if f["path"] in tus}
print(f"translation units {len(tus)}; findings on them: deep {len(da)}, tree-sitter {len(db_)}")
for k in sorted(set(da) - set(db_)):
    print("  deep only:", *k, "-", da[k]["message"][:160])
for k in sorted(set(db_) - set(da)):
    print("  tree-sitter only:", *k, "-", db_[k]["message"][:160])
print(f"whole tree: deep {len(a['findings'])} findings in {t1 - t0:.1f} s, tree-sitter "
      f"{len(b['findings'])} in {t2 - t1:.1f} s")
PY
