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
finish
