#!/bin/bash
# cache.sh: a translation unit the deep tier read is kept in the scan cache under its command and
# libclang's version, and holds only while every file the compiler read is as it was — a header
# outside the tree (an SDK's, the toolchain's, one a build generated) included. A changed header
# or a changed command reads the unit again; a cached result keeps its engine, and a run whose units
# all come from the cache does not load libclang.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

mkdir -p repo/src sdk/include
printf '#define NAME_LEN 8\n' >sdk/include/board.h
printf '#include <board.h>\n#include <string.h>\nvoid name(void)\n{\n    char b[NAME_LEN];\n    strcpy(b, "a-twenty-char-name!");\n    (void)b;\n}\n' >repo/src/a.c
compdb() { # compdb EXTRA-FLAGS
    printf '[{"directory": "%s/repo", "file": "src/a.c", "command": "cc -I%s/sdk/include %s -c src/a.c"}]\n' \
        "$SCRATCH" "$SCRATCH" "$1" >repo/compile_commands.json
}
compdb ""
git -C repo init -q
commit_all repo "unit"
# overflow: the strcpy finding of the deep tier; fits: none
strcpy_engine() {
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
             const f = r.findings.filter((f) => f.rule_id === "unsafe-strcpy");
             console.log(f.map((x) => x.engine).join() || "none")' "$1"
}
cached() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).summary.files_from_cache)' "$1"; }
scan() { run_mamori "$1" "$1.err" scan --no-policy --fail-on never --format json repo; }

scan r1.json
check "first run: the deep tier reports the overflow" [ "$(strcpy_engine r1.json)" = libclang ]
check "... nothing from the cache" [ "$(cached r1.json)" = 0 ]
LD_DEBUG=libs scan r2.json
check "second run: the unit and the database come from the cache" [ "$(cached r2.json)" = 2 ]
check "... and libclang is not even loaded" bash -c '! grep -q "calling init: .*libclang" r2.json.err'
check "... with the same finding, still the deep tier's" [ "$(strcpy_engine r2.json)" = libclang ]
check "... and the deep-tier note counts the unit" grep -q "libclang read 1 of the 1" r2.json.err

printf '#define NAME_LEN 64\n' >sdk/include/board.h # a header outside the tree: no index knows it
scan r3.json
check "a header outside the tree changed: the unit is read again (the copy fits now)" \
    [ "$(strcpy_engine r3.json)" = none ]
check "... only the database from the cache" [ "$(cached r3.json)" = 1 ]
scan r4.json
check "... and cached again" [ "$(cached r4.json)" = 2 ]

printf '#define NAME_LEN 8\n' >sdk/include/board.h
compdb "-DOTHER=1"
commit_all repo "another command"
scan r5.json
check "a changed command: the unit is read again" [ "$(cached r5.json)" = 0 ]
check "... with the header as it is now" [ "$(strcpy_engine r5.json)" = libclang ]
finish
