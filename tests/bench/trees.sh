#!/bin/bash
# trees.sh [--mirror DIR] [--dest DIR]: checks out the judged trees of tests/bench/judged/trees.tsv
# at their commits under DEST (default $MAMORI_TREES or /work/trees), for accuracy.py. Each
# comes from MIRROR/<owner>+<name>/repo when that git directory exists (the project machines'
# mirrors, default /work/.mirror), else from a clone of https://github.com/<owner>/<name>.
# Blobs a snapshot lacks (files of about 4 MiB and more) are left out of the checkout.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mirror=/work/.mirror
dest=${MAMORI_TREES:-/work/trees}
while [ $# -gt 0 ]; do
    case $1 in
    --mirror) mirror=$2; shift 2 ;;
    --dest) dest=$2; shift 2 ;;
    *) echo "usage: trees.sh [--mirror DIR] [--dest DIR]" >&2; exit 2 ;;
    esac
done
mkdir -p "$dest"
tail -n +2 "$here/judged/trees.tsv" | while IFS=$'\t' read -r name repo commit _; do
    out=$dest/$name
    if [ -d "$out/.git" ] && [ "$(git -C "$out" rev-parse HEAD 2>/dev/null)" = "$commit" ]; then
        echo "$name: at $commit"
        continue
    fi
    src=$mirror/${repo/\//+}/repo
    [ -d "$src" ] || src=https://github.com/$repo
    echo "$name: from $src"
    rm -rf "$out"
    git clone -q --no-checkout "$src" "$out"
    git -C "$out" checkout -q "$commit" -- . 2>/dev/null || true # missing blobs: skip them
    git -C "$out" update-ref --no-deref HEAD "$commit" 2>/dev/null ||
        git -C "$out" checkout -q --detach "$commit" 2>/dev/null || true
    git -C "$out" reset -q 2>/dev/null || true
done
