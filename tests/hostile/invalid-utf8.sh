#!/bin/bash
# invalid-utf8.sh: findings on lines with bytes that are not UTF-8 (Latin-1, lone continuation
# bytes, truncated and overlong sequences, a surrogate) still give valid UTF-8 JSON and SARIF,
# with the finding in it.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir tree
printf '#include <string.h>\n#define WIFI_PASSWORD "gr\xfc\xdf-gott-\xc0\xafpw"\nvoid f(char *d, const char *s) { /* \xe9t\xe9 \x80 \xed\xa0\x80 */ strcpy(d, s); } // \xe2\x82\n' >tree/latin1.c
# a file name that is not UTF-8 either
printf '#include <string.h>\nvoid g(char *d, const char *s) { strcpy(d, s); }\n' >"tree/caf$(printf '\xe9').c"
for fmt in json sarif; do
    run_mamori "out.$fmt" "err.$fmt" scan --format "$fmt" --fail-on never tree
    check "$fmt: exit 0" [ "$RC" -eq 0 ]
    check "$fmt: valid UTF-8 JSON" json_check "out.$fmt"
done
check "json: both findings are there" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const ids = r.findings.map((f) => f.rule_id).sort().join(" ");
    const inLatin1 = r.findings.filter((f) => f.path === "latin1.c");
    process.exit(ids === "cred-hardcoded-password unsafe-strcpy unsafe-strcpy" &&
                 inLatin1.length === 2 &&
                 inLatin1.some((f) => f.rule_id === "unsafe-strcpy" && f.snippet.includes("\ufffd")) &&
                 r.findings.some((f) => f.path === "caf\ufffd.c") ? 0 : 1);'
check "sarif: the strcpy result has its snippet" grep -q 'strcpy(d, s);' out.sarif
check "sarif: the file name's Latin-1 byte is percent-encoded" grep -q '"uri": "caf%E9.c"' out.sarif
finish
