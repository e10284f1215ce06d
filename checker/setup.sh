#!/bin/sh
# setup.sh: from a fresh Debian bookworm machine to build/mamori, then a scan of the examples.
# Installs only the Debian packages that are missing (as root, or through sudo), builds with
# CMake (which fetches the pinned tree-sitter runtime and grammars from the npm registry), and
# shows what mamori finds in examples/. Run from anywhere: paths are relative to the repository.
set -eu
cd "$(dirname "$0")/.."

packages="build-essential cmake pkg-config git ca-certificates \
libgit2-dev libcjson-dev libyaml-dev libvectorscan-dev libpcre2-dev libmbedtls-dev \
libclang-14-dev libclang-common-14-dev gettext"
# for the test suite (not for integrations/ci/install.sh, which only builds mamori): pre-commit
# (tests/git/pre-commit-framework.sh runs the real framework against our hooks), xmllint (JUnit XSD), ninja (the CMake integration with the Ninja
# generator), groff (the man page renders), python3-yaml (the CI templates parse), util-linux
# (flock for mamori.mk, setpriv for the unreadable-file test), tidy (the HTML report validates),
# chromium and fonts-ipafont-gothic (the HTML report renders, in Japanese too: tests/report/render.sh
# takes screenshots in headless mode), strace (signals delivered at an exact system call:
# tests/hostile/interrupt.sh), clang-14 and its libFuzzer runtime (tests/fuzz/)
[ "${MAMORI_SETUP_DEPS_ONLY:-0}" = 1 ] ||
    packages="$packages pre-commit libxml2-utils ninja-build groff-base python3 python3-yaml util-linux tidy chromium fonts-ipafont-gothic strace clang-14 libclang-rt-14-dev"
# Node.js and npm fetch the tree-sitter runtime and grammars (and test tools); an existing
# installation is fine
command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        as_root=""
    elif command -v sudo >/dev/null 2>&1; then
        as_root="sudo"
    else
        echo "setup: these packages are missing and I am not root:$missing" >&2
        exit 2
    fi
    echo "setup: installing$missing"
    $as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing
fi

# CI integrations (integrations/ci/install.sh) need the packages only: they build elsewhere
[ "${MAMORI_SETUP_DEPS_ONLY:-0}" = 1 ] && exit 0

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$jobs"

echo
echo "setup: built build/mamori; scanning each examples/*/insecure as the project it stands for"
echo "(scanned as the whole examples/ directory they would be examples, and their findings notes):"
echo
rc=0
build/mamori scan examples/*/insecure || rc=$?
echo
case $rc in
0|1) echo "setup: done (exit $rc from the scan: 1 means findings at or above --fail-on, as expected here)" ;;
*) echo "setup: the scan of examples/*/insecure failed with exit $rc" >&2; exit "$rc" ;;
esac
