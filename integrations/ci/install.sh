#!/bin/sh
# install.sh SRC BUILD: builds mamori from the source tree SRC into BUILD for a CI job (GitHub
# action, GitLab template): the Debian/Ubuntu packages checker/setup.sh installs, then CMake
# (which fetches the pinned tree-sitter runtime and grammars from the npm registry). Prints the
# binary's path. A BUILD that already holds a mamori of this source (a CI cache) is used as it is.
set -eu
src=$(cd "${1:?usage: install.sh SRC BUILD}" && pwd -P)
build="${2:?usage: install.sh SRC BUILD}"
stamp="$build/.mamori-source"
# the identity of the source: every file the build reads (an action is checked out without .git)
want=$(cd "$src" && find CMakeLists.txt checker rules integrations/cmake -type f | LC_ALL=C sort |
       xargs cksum | cksum)
if [ -x "$build/mamori" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "mamori: using the cached build in $build" >&2
else
    MAMORI_SETUP_DEPS_ONLY=1 sh "$src/checker/setup.sh" >&2
    # MAMORI_GRAMMARS_DIR: the tree-sitter runtime and grammars fetched before (an offline
    # runner), instead of npm
    cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        ${MAMORI_GRAMMARS_DIR:+"-DMAMORI_GRAMMARS_DIR=$MAMORI_GRAMMARS_DIR"} >&2
    cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target mamori >&2
    echo "$want" >"$stamp"
fi
"$build/mamori" version >&2
echo "$build/mamori"
