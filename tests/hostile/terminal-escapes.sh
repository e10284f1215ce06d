#!/bin/bash
# terminal-escapes.sh: file names and source lines are data. Escape sequences and control
# characters in them reach the text report made visible (\x1b), never raw to the terminal.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir tree
esc=$(printf '\033')
name="tree/evil${esc}]0;owned${esc}\\.c"
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); /* \033[2J\033[31m \r\b */ }\n' >"$name"
run_mamori out.txt err.txt scan --verbose --fail-on never tree
check "exit 0" [ "$RC" -eq 0 ]
check "the finding is reported" grep -q 'unsafe-strcpy' out.txt
check "no raw ESC, CR or BS in the text report" bash -c "! LC_ALL=C grep -q \$'[\x1b\r\x08]' out.txt err.txt"
check "escapes are shown as \\x1b" grep -qF '\x1b[2J' out.txt

# C1 controls: a raw 0x9b byte (CSI to an 8-bit terminal) and U+009B (CSI to some UTF-8
# terminals), in a file name and a source line; bytes that are not UTF-8 are shown as \xNN too
rm -rf tree && mkdir tree
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); /* \x9b2J \xc2\x9b31m \xe9 */ }\n' \
    >"tree/c1$(printf '\x9b')31m$(printf '\xc2\x9b')2J.c"
run_mamori out.txt err.txt scan --verbose --fail-on never tree
check "C1: exit 0" [ "$RC" -eq 0 ]
check "C1: the finding is reported" grep -q 'unsafe-strcpy' out.txt
check "C1: no raw 0x9b, U+009B or invalid UTF-8 in the text report" \
    python3 -c 'import sys; t = open("out.txt", "rb").read().decode("utf-8"); sys.exit(any(0x80 <= ord(c) <= 0x9f for c in t))'
check "C1: shown as \\x9b and \\xc2\\x9b" grep -qF 'c1\x9b31m\xc2\x9b2J.c' out.txt
finish
