#!/bin/bash
# query-driver.sh: the deep tier asks a cross compiler for its include directories only when the
# user allows it (--query-driver GLOB, clangd's flag) and never runs one inside the scanned tree.
# The driver here is a script that prints gcc's -v search list and leaves a mark when it runs. Its
# answer is kept in the user's cache for that very binary: a second run does not run it again, a
# changed driver is asked again, --no-cache asks every time.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
export HOME="$SCRATCH/home" XDG_CACHE_HOME=
mkdir -p "$HOME"

mkdir -p bin sys tree/src tree/tools
printf '#define BOARD "lab"\n' >sys/board.h
driver() { # driver PATH: a fake gcc that answers -E -v
    cat >"$1" <<EOF2
#!/bin/sh
touch "$SCRATCH/ran.\$(basename "\$0")"
for a in "\$@"; do [ "\$a" = -v ] && printf '%s\n' '#include "..." search starts here:' '#include <...> search starts here:' ' $SCRATCH/sys' ' /nonexistent/dir' 'End of search list.' >&2; done
exit 0
EOF2
    chmod +x "$1"
}
driver bin/fake-gcc
driver tree/tools/fake-gcc
printf '#include <board.h>\nchar *gets(char *);\nvoid a(char *b) { gets(b); }\n' >tree/src/a.c
compdb() {
    printf '[{"directory": "%s/tree", "file": "src/a.c", "command": "%s -mcpu=cortex-m4 -c src/a.c"}]\n' \
        "$SCRATCH" "$1" >tree/compile_commands.json
}
engine() {
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
             const f = r.findings.find((f) => f.rule_id === "unsafe-gets");
             console.log(f ? f.engine : "none")' "$1"
}

compdb "$SCRATCH/bin/fake-gcc"
run_mamori no.json no.err scan --no-policy --no-cache --fail-on never --format json tree
check "not allowed: the driver is not run" [ ! -e ran.fake-gcc ]
check "... and the unit falls back (its header is the driver's)" [ "$(engine no.json)" = tree-sitter ]

run_mamori other.json other.err scan --no-policy --no-cache --fail-on never --format json \
    --query-driver '/usr/bin/*-gcc' tree
check "a glob that does not match: the driver is not run" [ ! -e ran.fake-gcc ]

run_mamori yes.json yes.err scan --no-policy --no-cache --fail-on never --format json \
    --query-driver "$SCRATCH/bin/*" tree
check "allowed: the driver is asked" [ -e ran.fake-gcc ]
check "... and libclang reads the unit with its include directories" [ "$(engine yes.json)" = libclang ]
check "... the deep-tier note says so" grep -q "asked $SCRATCH/bin/fake-gcc (--query-driver) for its include directories: 1" yes.err

rm -f ran.fake-gcc
run_mamori again.json again.err scan --no-policy --no-cache --fail-on never --format json \
    --query-driver "$SCRATCH/bin/*" tree
check "--no-cache: the driver is asked again" [ -e ran.fake-gcc ]
rm -f ran.fake-gcc
run_mamori kept.json kept.err scan --no-policy --fail-on never --format json \
    --query-driver "$SCRATCH/bin/*" tree
rm -f ran.fake-gcc
run_mamori kept2.json kept2.err scan --no-policy --fail-on never --format json \
    --query-driver "$SCRATCH/bin/*" tree
check "the answer kept in the user's cache: not asked again" [ ! -e ran.fake-gcc ]
check "... and libclang still gets its directories" [ "$(engine kept2.json)" = libclang ]
printf '# a new build of the compiler\n' >>bin/fake-gcc
run_mamori new.json new.err scan --no-policy --fail-on never --format json \
    --query-driver "$SCRATCH/bin/*" tree
check "a changed driver is asked again" [ -e ran.fake-gcc ]

rm -f ran.fake-gcc
compdb tools/fake-gcc
run_mamori in.json in.err scan --no-policy --no-cache --fail-on never --format json \
    --query-driver 'fake-gcc' tree
check "a driver inside the scanned tree is never run, whatever the glob" [ ! -e ran.fake-gcc ]
check "... and the note says why" grep -q "fake-gcc was not asked for its include directories: it is inside the scanned tree" in.err
finish
