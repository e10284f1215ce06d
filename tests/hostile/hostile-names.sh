#!/bin/bash
# hostile-names.sh: file names are data, in every format. Names with a newline, an ANSI escape
# sequence (OSC title, CSI clear), a C1 control, bytes that are not UTF-8, quotes, a backslash,
# `<&>`, a leading dash and `%0A::` each hold a finding. Text (the report on stdout and the notices
# on stderr) is valid UTF-8 with no control character but newline; JSON and SARIF are valid, with
# every finding in them; JUnit is well-formed; the GitHub annotations stay one per line.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir tree
src='#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n'
n=0
for name in $'new\nline.c' $'osc\e]0;owned\a.c' $'csi\e[2J\e[31mred.c' $'c1\xc2\x9b2J.c' \
    $'latin\xe9\xff.c' 'quote"and'"'"'single.c' 'back\slash.c' '<amp&gt>.c' -- '-dash.c' \
    '%0A::error::x,y:z.c' $'tab\tand\rcr.c'; do
    [ "$name" = -- ] && continue
    printf "$src" >"tree/$name"
    n=$((n + 1))
done
# a directory name too, and a notice about a file in it (NUL: a binary file)
mkdir "tree/dir"$'\e[1m\n'
printf 'a\0b' >"tree/dir"$'\e[1m\n'"/bin.dat"
printf "$src" >"tree/dir"$'\e[1m\n'"/in.c"
n=$((n + 1))

run_mamori out.txt err.txt scan --verbose --fail-on never tree
check "text: exit 0" [ "$RC" -eq 0 ]
check "text: $n findings" [ "$(grep -c 'unsafe-strcpy' out.txt)" -eq "$n" ]
terminal_safe() {
    python3 -c '
import sys
for path in sys.argv[1:]:
    t = open(path, "rb").read().decode("utf-8")  # raises on invalid UTF-8
    bad = [c for c in t if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f]
    if bad:
        sys.exit("%s: %r" % (path, bad[:5]))' "$@"
}
check "text: stdout and stderr are valid UTF-8 without control characters" \
    terminal_safe out.txt err.txt

for fmt in json sarif gitlab-sast; do
    run_mamori "out.$fmt" "err.$fmt" scan --format "$fmt" --fail-on never tree
    check "$fmt: exit 0" [ "$RC" -eq 0 ]
    check "$fmt: valid UTF-8 JSON" json_check "out.$fmt"
    check "$fmt: stderr is terminal-safe" terminal_safe "err.$fmt"
done
check "json: every finding, its path as the name (U+FFFD for bytes that are not UTF-8)" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const paths = new Set(r.findings.filter((f) => f.rule_id === "unsafe-strcpy").map((f) => f.path));
    const want = ["new\nline.c", "osc\u001b]0;owned\u0007.c", "latin\ufffd\ufffd.c",
                  "quote\"and'"'"'single.c", "back\\slash.c", "dir\u001b[1m\n/in.c"];
    process.exit(paths.size === '"$n"' && want.every((p) => paths.has(p)) ? 0 : 1);'
check "sarif: every result" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.sarif", "utf8"));
    process.exit(r.runs[0].results.filter((x) => x.ruleId === "unsafe-strcpy").length === '"$n"' ? 0 : 1);'

run_mamori out.xml err.xml scan --format junit --fail-on never tree
check "junit: exit 0" [ "$RC" -eq 0 ]
check "junit: only characters XML 1.0 allows" python3 -c '
import re, sys
t = open("out.xml", "rb").read().decode("utf-8")
sys.exit(bool(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", t)))'
check "junit: well-formed" python3 -c 'import xml.dom.minidom as m; m.parse("out.xml")'

run_mamori out.gh err.gh scan --format github --fail-on never tree
check "github: exit 0" [ "$RC" -eq 0 ]
check "github: $n annotations, every line a command or the summary" python3 -c '
import sys
lines = open("out.gh", "rb").read().decode("utf-8", "replace").split("\n")[:-1]
ok = all(l.startswith("::") or l.startswith("mamori: ") for l in lines)
sys.exit(not (ok and sum(l.startswith("::warning file=") for l in lines) == '"$n"'))'
finish
