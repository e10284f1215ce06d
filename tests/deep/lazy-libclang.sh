#!/bin/bash
# lazy-libclang.sh: libclang (LLVM: about 57 MB of resident memory and 80 ms of start-up) is
# loaded only when a scan meets a translation unit of a compilation database
# (front/libclang.h). A scan of a tree without one, a history scan and a hook never load it; a
# tree with one has its units read by the deep tier.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd

mkdir -p plain deep
printf 'char *gets(char *);\nvoid a(char *b) { gets(b); }\n' >plain/a.c
cp plain/a.c deep/a.c
cat >deep/compile_commands.json <<EOF2
[{"directory": "$SCRATCH/deep", "file": "a.c", "command": "cc -c a.c"}]
EOF2

# loaded: the dynamic loader's own account of the libraries it opened
loaded() { grep -q 'calling init: .*libclang' "$1"; }
not_loaded() { ! loaded "$1"; }

check "the binary does not name libclang as a needed library" \
    bash -c '! LC_ALL=C readelf -d "$MAMORI" | grep -q "NEEDED.*libclang"'

LD_DEBUG=libs "$MAMORI" scan --no-policy --fail-on never --format json plain >plain.json \
    2>plain.ld || fail "scan of a tree without a compilation database: exit $?"
check "a tree without a compilation database: libclang is not loaded" not_loaded plain.ld
check "... and its C is read by tree-sitter" grep -q '"engine": "tree-sitter"' plain.json

LD_DEBUG=libs "$MAMORI" scan --no-policy --fail-on never --format json deep >deep.json \
    2>deep.ld || fail "scan of a tree with a compilation database: exit $?"
check "a tree with a compilation database: libclang is loaded" loaded deep.ld
check "... and its unit is read by libclang" grep -q '"engine": "libclang"' deep.json

"$MAMORI" --version >version.txt || fail "--version: exit $?"
check "--version names the libclang it loads" grep -q 'clang version' version.txt
finish
