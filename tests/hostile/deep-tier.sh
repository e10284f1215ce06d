#!/bin/bash
# deep-tier.sh: a hostile compilation database and hostile sources for the libclang deep tier.
# The compiler reads whatever a source or a command includes: /dev/stdin must not make the
# scan wait on an open pipe, a device or a FIFO must not be read (base/openguard.c), a file outside the tree that the compiler stops in (a key) must
# not be quoted in the fallback notice, and a database of junk is a notice, not a crash.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd

mkdir -p tree/src outside
# a secret the compiler would quote when it stops in it (an AWS example key; never printed)
printf 'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI K7MDENG bPxRfiCYEXAMPLEKEY\n' >outside/secret.h
printf '#include "/dev/stdin"\nchar *gets(char *);\nvoid a(char *b) { gets(b); }\n' >tree/src/stdin.c
printf '#include "%s/outside/secret.h"\n#include "missing.h"\nint b;\n' "$SCRATCH" >tree/src/leak.c
printf 'int c;\n' >tree/src/plain.c
# devices and a FIFO behind an #include: libclang would read /dev/zero until memory runs out and
# wait on the FIFO forever; a header in the tree that links to /dev/urandom is the same
printf '#include "/dev/zero"\nint d;\n' >tree/src/zero.c
ln -s /dev/urandom tree/src/random.h
printf '#include "random.h"\nint e;\n' >tree/src/random.c
mkfifo tree/src/fifo.h
printf '#include "fifo.h"\nint f;\n' >tree/src/fifo.c
cat >tree/compile_commands.json <<EOF
[
  {"directory": "$SCRATCH/tree", "file": "src/stdin.c", "arguments": ["cc", "-include", "/dev/stdin", "-c", "src/stdin.c"]},
  {"directory": "$SCRATCH/tree", "file": "src/leak.c", "command": "cc -c src/leak.c"},
  {"directory": "$SCRATCH/tree", "file": "src/plain.c", "command": "cc '-DX=\\\\\"unterminated -I\`touch $SCRATCH/ran\` \$(touch $SCRATCH/ran) -c src/plain.c"},
  {"directory": "$SCRATCH/tree", "file": "src/zero.c", "command": "cc -c src/zero.c"},
  {"directory": "$SCRATCH/tree", "file": "src/random.c", "command": "cc -c src/random.c"},
  {"directory": "$SCRATCH/tree", "file": "src/fifo.c", "command": "cc -c src/fifo.c"},
  {"file": 42}, {"directory": ["x"], "file": "src/plain.c", "arguments": [1, null, {}]},
  "junk", null
]
EOF

# stdin is a pipe that stays open and never says anything (this script holds its write end)
mkfifo pipe || fail mkfifo
exec 3<>pipe
start=$(date +%s)
"$MAMORI" scan --no-policy --fail-on never --format json tree <&3 >out.json 2>err.txt &
pid=$!
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    check "the scan does not wait on stdin (an #include of /dev/stdin)" false
else
    wait "$pid"
    check "the scan does not wait on stdin (an #include of /dev/stdin) and exits 0" [ "$?" -eq 0 ]
fi
check "it took less than 20 s" [ $(($(date +%s) - start)) -lt 20 ]
exec 3>&-
check "a finding of the deep tier in the file that includes /dev/stdin" \
    grep -q '"rule_id": "unsafe-gets".*"engine": "libclang"' out.json
check "the unit that stops in a file outside the tree falls back, with a notice" \
    grep -q 'src/leak.c.*in a file outside the scanned tree (not quoted)' out.json
check "nothing of the secret outside the tree is printed" \
    bash -c '! grep -qE "AKIA|wJalrX|EXAMPLEKEY" out.json err.txt'
check "nothing of the database is run" [ ! -e ran ]
check "the deep-tier note counts what ran" grep -q 'libclang read 2 of the 6 translation units' out.json
for u in zero random fifo; do
    check "the unit that includes a device or a FIFO ($u) falls back, naming the file it refused" \
        grep -q "\"src/$u.c\".*cannot open file.*$u" out.json
done
grep -q 'Sanitizer\|runtime error' err.txt && check "no sanitizer report" false
finish
