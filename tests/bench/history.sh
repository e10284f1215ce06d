#!/bin/bash
# history.sh [REPO...]: the history scan benchmark (a benchmark, not a test: it prints numbers and
# ratios, and fails only when a command fails). Each REPO (default: the mirrors of RIOT, 72k
# commits of C; WLED, 11.8k commits whose history holds ~700k lines of generated web-UI headers
# and long C++ functions; ESPEasy, 18.5k commits of Arduino C++ with large .ino files; espurna,
# 6.8k commits with generated web-UI headers; at /work/.mirror/<owner>+<name>/repo, fetched
# with the library's fetch tool) is cloned (--mirror, objects hard-linked) into a
# scratch directory; nothing is written to REPO. On two cores (taskset -c 0,1) it times:
#
#   git log -p -U0 --all                 what gitleaks-style tools start from (patches only)
#   git secrets --scan-history           with its AWS patterns (git secrets --register-aws)
#   mamori scan --history --no-cache     the whole history, from nothing (peak memory too)
#   mamori scan --history                again after one new commit (cache of the run before)
#   mamori scan --staged                 a 10-file change in a work tree of the repository
#
# Objects missing from a partial clone (the mirror is one) make git abort; the script points
# replace refs (refs/replace/<id>) at an empty blob for each, so that both git commands read
# all of history. mamori does not follow replace refs: it reports those blobs as unreadable and
# goes on. Environment: MAMORI (default build/mamori), BENCH_DIR (default a new mktemp -d),
# SKIP_GIT_SECRETS=1 to leave out the slowest command.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd -P)
if [ $# -eq 0 ]; then
    set -- /work/.mirror/RIOT-OS+RIOT/repo /work/.mirror/Aircoookie+WLED/repo \
        /work/.mirror/letscontrolit+ESPEasy/repo /work/.mirror/xoseperez+espurna/repo
fi
mamori=$(realpath "${MAMORI:-$src/build/mamori}")
[ -x "$mamori" ] || { echo "history.sh: no mamori binary at $mamori (build first)" >&2; exit 2; }
[ "${SKIP_GIT_SECRETS:-0}" = 1 ] || command -v git-secrets >/dev/null || {
    echo "history.sh: git-secrets is missing (Debian: apt-get install git-secrets)" >&2
    exit 2
}
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/mamori-bench.XXXXXX")}
mkdir -p "$work"
# a copy: a rebuild during the run must not change the binary (its build id is in the cache key)
cp "$mamori" "$work/mamori"
mamori="$work/mamori"
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C
mkdir -p "$HOME"
on2() { taskset -c 0,1 "$@"; }

# measure NAME COMMAND...: wall seconds, CPU seconds and peak RSS into $NAME_{wall,cpu,rss}
measure() {
    local name="$1"
    shift
    local t="$work/$name.time" rc=0
    /usr/bin/time -f "%e %U %S %M" -o "$t" taskset -c 0,1 "$@" >"$work/$name.out" \
        2>"$work/$name.err" || rc=$?
    # time(1) writes "Command exited with non-zero status N" first when it did
    read -r wall user sys rss < <(tail -n 1 "$t")
    printf -v "${name}_wall" '%s' "$wall"
    printf -v "${name}_cpu" '%.2f' "$(echo "$user + $sys" | bc)"
    printf -v "${name}_rss" '%s' "$rss"
    printf '%-34s %8.2f s wall %8.2f s CPU %8d MiB peak (exit %d)\n' "$name" "$wall" \
        "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$rc"
}

# bench_repo REPO: the whole measurement of one repository
bench_repo() {
local repo=$1
echo "history.sh: cloning $repo into $work"
rm -rf "$work/repo.git" "$work/wt"
git clone -q --mirror "$repo" "$work/repo.git"
cd "$work/repo.git"
git config user.name bench
git config user.email bench@example.invalid
head=$(git rev-parse HEAD)
commits=$(git rev-list --all --count)
refs=$(git for-each-ref | wc -l)
git rev-list --all --objects --missing=print | sed -n 's/^?//p' >"$work/missing"
empty=$(git hash-object -w --stdin </dev/null)
while read -r id; do git update-ref "refs/replace/$id" "$empty"; done <"$work/missing"
echo "repository: $repo at $head ($commits commits, $refs refs, $(wc -l <"$work/missing") missing objects replaced for git)"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores online, 2 used; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

measure gitlog git log -p -U0 --all
if [ "${SKIP_GIT_SECRETS:-0}" != 1 ]; then
    git secrets --register-aws >/dev/null
    measure gitsecrets git secrets --scan-history
fi
# the prefilter database is compiled once per user (not part of a history scan's work)
"$mamori" scan --no-cache --history=HEAD~1..HEAD -q --format json . >/dev/null 2>&1 || true
measure history_cold "$mamori" scan --history --no-cache --format json -q .
measure history_fill "$mamori" scan --history --format json -q .
# one new commit on the default branch: a changed file
tmpidx="$work/index"
GIT_INDEX_FILE="$tmpidx" git read-tree HEAD
# (awk reads all of its input: an early exit would be a SIGPIPE, a failure under pipefail)
file=$(git ls-tree -r --name-only HEAD | awk '/\.c$/ && !done { print; done = 1 }')
blob=$( (git cat-file blob "HEAD:$file"; echo '/* bench */') | git hash-object -w --stdin)
GIT_INDEX_FILE="$tmpidx" git update-index --cacheinfo "100644,$blob,$file"
tree=$(GIT_INDEX_FILE="$tmpidx" git write-tree)
new=$(git commit-tree "$tree" -p HEAD -m "bench: one more commit")
git update-ref "$(git symbolic-ref HEAD)" "$new"
measure history_rerun "$mamori" scan --history -v --format json -q .
grep -h 'history:' "$work/history_rerun.err" || true

# --staged: a work tree, ten files changed and staged
git worktree add -q "$work/wt" HEAD 2>/dev/null
cd "$work/wt"
git ls-files '*.c' | awk 'NR <= 10' | while read -r f; do echo '/* staged */' >>"$f"; git add "$f"; done
"$mamori" scan --staged -q >/dev/null 2>&1 || true # fills the cache, as a first commit would
measure staged "$mamori" scan --staged -q
echo
ratio() { echo "scale=3; $1 / $2" | bc; }
echo "ratios (wall time on 2 cores):"
echo "  mamori --history / git log -p -U0 --all:    $(ratio "$history_cold_wall" "$gitlog_wall") (target <= 1)"
if [ "${SKIP_GIT_SECRETS:-0}" != 1 ]; then
    echo "  mamori --history / git secrets --scan-history: $(ratio "$history_cold_wall" "$gitsecrets_wall") (target <= 0.25)"
fi
echo "  peak memory of mamori --history:          $((history_cold_rss / 1024)) MiB (target < 1024)"
echo "  re-run after one new commit:               ${history_rerun_wall} s (target < 1)"
echo "  --staged, 10 files:                        ${staged_wall} s (target < 0.2)"
echo "  peak memory, mamori --history / git log:   $(ratio "$history_cold_rss" "$gitlog_rss") (target <= 1)"
echo "  (CPU: git log ${gitlog_cpu} s, mamori --history ${history_cold_cpu} s)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
cd "$work"
git -C "$work/repo.git" worktree prune 2>/dev/null || true
}

for repo in "$@"; do
    bench_repo "$repo"
done
