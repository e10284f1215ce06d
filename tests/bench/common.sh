# common.sh: what the benchmark scripts share — option defaults, tool checks, and preparing
# the benchmark tree (a real C code base nobody on this project wrote) plus a copy holding only
# its C/C++ files, so that every tool reads exactly the same files. Sourced, not run.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)

# The default tree: RIOT OS at a pinned commit (2.1M lines of C). RIOT_MIRROR is any git
# directory holding that commit: the mirror on the project's build machines, or a clone
# (git clone https://github.com/RIOT-OS/RIOT && RIOT_MIRROR=RIOT/.git).
RIOT_COMMIT=${RIOT_COMMIT:-c8bd52ff13daea7da132b8a37986e21d47cde0fe}
RIOT_MIRROR=${RIOT_MIRROR:-/work/.mirror/RIOT-OS+RIOT/repo}
WORK=${MAMORI_BENCH_WORK:-${TMPDIR:-/tmp}/mamori-bench}
MAMORI=${MAMORI:-$REPO_DIR/build/mamori}
BUILD_DIR=${BUILD_DIR:-$REPO_DIR/build}

# The extensions mamori classifies as C or C++ (checker/core/scan.c classify()).
C_EXTS="c h cc cpp cxx c++ hpp hh hxx h++ ino pde C H ipp tpp"

die() { echo "${0##*/}: $*" >&2; exit 2; }
note() { echo "${0##*/}: $*" >&2; }

# need CMD PACKAGE: fail with the apt-get line that installs CMD
need() {
    command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] ||
        die "$1 is missing: apt-get install -y $2"
}

# Files no tool can be compared on are left out of the copy, for all tools alike: over 4 MiB
# (mamori's default --max-file-size skips them), not UTF-8 (flawfinder under Python 3 stops
# at the first such file), or holding NUL bytes (binary). Reads NUL-separated names on stdin,
# writes the kept ones to stdout and a one-line account to the file in argv[1].
LEAVE_OUT='
import sys
names = sys.stdin.buffer.read().split(b"\0")
big = bad = nul = 0
out = []
for n in names:
    if not n:
        continue
    data = open(n, "rb").read(4194305)
    if len(data) > 4194304:
        big += 1
    elif b"\0" in data:
        nul += 1
    else:
        try:
            data.decode("utf-8")
            out.append(n)
        except UnicodeDecodeError:
            bad += 1
sys.stdout.buffer.write(b"".join(n + b"\0" for n in out))
open(sys.argv[1], "w").write(f"{big} over 4 MiB, {bad} not UTF-8, {nul} with NUL bytes\n")
'

# prepare_tree [DIR]: sets SRC (the whole tree), TREE_DESC (what it is), CTREE (a copy of its
# C/C++ files), CLIST (NUL-separated absolute paths of CTREE's files), the counts NFILES,
# NLINES, NBYTES, and LEFT_OUT (what was left out, and why).
prepare_tree() {
    local tree=$1
    mkdir -p "$WORK" || die "cannot create $WORK"
    if git -C "$WORK" rev-parse --git-dir >/dev/null 2>&1; then
        # mamori would read that repository's .gitignore and index instead of the plain tree
        die "$WORK is inside a git work tree; set MAMORI_BENCH_WORK to a directory outside one"
    fi
    if [ -n "$tree" ]; then
        [ -d "$tree" ] || die "--tree $tree: not a directory"
        SRC=$(cd "$tree" && pwd)
        local rev=""
        rev=$(git -C "$SRC" rev-parse HEAD 2>/dev/null) || rev=""
        TREE_DESC="$SRC${rev:+ (git HEAD $rev)}"
        CTREE=$WORK/ctree-custom
    else
        SRC=$WORK/riot-$RIOT_COMMIT
        TREE_DESC="RIOT-OS/RIOT $RIOT_COMMIT (git archive of the pinned commit)"
        if [ ! -f "$SRC.stamp" ]; then
            [ -d "$RIOT_MIRROR" ] || die "no RIOT git directory at $RIOT_MIRROR; clone
  https://github.com/RIOT-OS/RIOT and set RIOT_MIRROR=<clone>/.git, or pass --tree DIR
  (e.g. Debian's kernel: apt-get install -y linux-source-6.1 &&
   tar xf /usr/src/linux-source-6.1.tar.xz -C /tmp && --tree /tmp/linux-source-6.1)"
            git --git-dir="$RIOT_MIRROR" cat-file -e "$RIOT_COMMIT^{commit}" 2>/dev/null ||
                die "$RIOT_MIRROR does not hold RIOT commit $RIOT_COMMIT (git fetch it)"
            note "extracting RIOT $RIOT_COMMIT into $SRC"
            rm -rf "$SRC" "$SRC.stamp" && mkdir -p "$SRC"
            git --git-dir="$RIOT_MIRROR" archive --format=tar "$RIOT_COMMIT" | tar -x -C "$SRC" ||
                die "git archive of $RIOT_COMMIT failed"
            touch "$SRC.stamp"
        fi
        CTREE=$WORK/ctree-riot-$RIOT_COMMIT
    fi

    # the C/C++ files as a tree of their own: regular files only (no symlinks), same paths
    local find_args=() e
    for e in $C_EXTS; do
        find_args+=(-o -name "*.$e")
    done
    # the stamp lives beside the copy, not in it: the copy holds only the files every tool reads
    local stamp="$SRC $C_EXTS v2"
    if [ -n "$tree" ] || [ ! -f "$CTREE.stamp" ] || [ "$(cat "$CTREE.stamp")" != "$stamp" ]; then
        rm -rf "$CTREE" "$CTREE.stamp" "$CTREE.left-out" && mkdir -p "$CTREE"
        (cd "$SRC" && find . -name .git -prune -o -type f \( -false "${find_args[@]}" \) -print0 |
            python3 -c "$LEAVE_OUT" "$CTREE.left-out" | tar -c --null -T - -f -) |
            tar -x -C "$CTREE" || die "cannot copy the C/C++ files"
        echo "$stamp" >"$CTREE.stamp"
    fi
    LEFT_OUT=$(cat "$CTREE.left-out")
    CLIST=$CTREE.files0 # beside the copy: concurrent runs on other trees keep their own
    find "$CTREE" -type f -print0 | sort -z >"$CLIST"
    NFILES=$(tr -cd '\0' <"$CLIST" | wc -c)
    [ "$NFILES" -gt 0 ] || die "no C/C++ files under $SRC"
    NBYTES=$(xargs -0 -a "$CLIST" cat -- | wc -c)
    NLINES=$(xargs -0 -a "$CLIST" cat -- | wc -l)
}

machine_desc() {
    local cpu
    cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
    [ -n "$cpu" ] || cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
    echo "$cpu, $(nproc) CPUs online, $(awk '/MemTotal/ {printf "%.1f GB RAM", $2/1048576}' /proc/meminfo)"
}

os_desc() {
    local os
    os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
    echo "Linux $(uname -r)${os:+, $os}"
}
