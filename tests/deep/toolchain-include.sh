#!/bin/bash
# toolchain-include.sh: the cross toolchain's headers for the deep tier, named on the command line
# (--toolchain-include DIR) or in the policy ("toolchain_include", relative to mamori.json). A unit
# whose header only the toolchain has falls back to the tree-sitter tier without them, and is
# read by libclang with them.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd

mkdir -p tree/src toolchain/include
printf '#define BOARD_NAME "lab"\n' >toolchain/include/board.h
printf '#include <board.h>\nchar *gets(char *);\nvoid a(char *b) { gets(b); }\n' >tree/src/a.c
cat >tree/compile_commands.json <<EOF2
[{"directory": "$SCRATCH/tree", "file": "src/a.c", "command": "cc -c src/a.c"}]
EOF2
engine() { # engine FILE: the engine of the gets finding
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
             const f = r.findings.find((f) => f.rule_id === "unsafe-gets");
             console.log(f ? f.engine : "none")' "$1"
}

run_mamori none.json none.err scan --no-policy --fail-on never --format json tree
check "without the toolchain's headers: the tree-sitter tier" [ "$(engine none.json)" = tree-sitter ]
check "... and a deep-fallback notice names the missing header" grep -q "'board.h' file not found" none.err

run_mamori cli.json cli.err scan --no-policy --fail-on never --format json \
    --toolchain-include "$SCRATCH/toolchain/include" tree
check "--toolchain-include: libclang" [ "$(engine cli.json)" = libclang ]

printf '{\n  "version": 1,\n  "toolchain_include": ["../toolchain/include"]\n}\n' >tree/mamori.json
run_mamori pol.json pol.err scan --fail-on never --format json tree
check "the policy's toolchain_include (relative to mamori.json): libclang" \
    [ "$(engine pol.json)" = libclang ]

printf '{\n  "version": 1,\n  "toolchain_include": 42\n}\n' >tree/mamori.json
run_mamori bad.json bad.err scan --fail-on never --format json tree
check "a toolchain_include that is not a list of strings: exit 2" [ "$RC" -eq 2 ]
check "... naming the file, line and column" grep -q "mamori.json:3:" bad.err
finish
