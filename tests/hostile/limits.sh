#!/bin/bash
# limits.sh: --max-file-size skips a bigger file with a "too-large" note; --max-line-length skips
# findings on longer lines with one "long-line" note and still checks the other lines; neither
# changes the exit code on its own. The limits are checked at their boundary.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir tree
copy='void f(char *d, const char *s) { strcpy(d, s); }'
# big.c: exactly 2049 bytes, with a finding
{ printf '%s\n' "$copy"; head -c $((2049 - ${#copy} - 2)) /dev/zero | tr '\0' ' '; printf '\n'; } >tree/big.c
[ "$(wc -c <tree/big.c)" -eq 2049 ] || fail "big.c is $(wc -c <tree/big.c) bytes"
# edge.c: exactly 2048 bytes: scanned
{ printf '%s\n' "$copy"; head -c $((2048 - ${#copy} - 2)) /dev/zero | tr '\0' ' '; printf '\n'; } >tree/edge.c
# long.c: a finding on a 300-byte line, one on a 100-byte line
{ printf '%s /*' "$copy"; head -c $((300 - ${#copy} - 5)) /dev/zero | tr '\0' 'x'; printf '*/\n'
  printf '%s /*' "$copy"; head -c $((100 - ${#copy} - 5)) /dev/zero | tr '\0' 'x'; printf '*/\n'; } >tree/long.c
run_mamori out.json err.txt scan --format json --max-file-size 2048 --max-line-length 200 tree
check "exit 0 (only warnings)" [ "$RC" -eq 0 ]
check "big.c skipped as too large, edge.c scanned, long.c checked below the line limit only" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const at = r.findings.map((f) => f.path + ":" + f.line).sort().join(" ");
    const notes = r.notices.map((n) => n.code + ":" + n.path + ":" + n.line).sort().join(" ");
    const ok = at === "edge.c:1 long.c:2" && notes === "long-line:long.c:1 too-large:big.c:0" &&
               r.summary.files_skipped === 1 && r.summary.files_scanned === 2;
    if (!ok) console.error("findings " + at + "; notices " + notes);
    process.exit(ok ? 0 : 1);'
check "the note says the limit in bytes" grep -q 'big.c: note: file is 2049 bytes, over the 2048-byte cap' err.txt
# raising the limits brings both back
run_mamori out2.json err2.txt scan --format json --max-file-size 4096 --max-line-length 300 tree
check "with higher limits all four findings" [ "$(grep -c '"rule_id": "unsafe-strcpy"' out2.json)" -eq 4 ]
run_mamori bad.out bad.err scan --max-file-size 0 tree
check "--max-file-size 0 is a usage error" [ "$RC" -eq 2 ]
run_mamori bad.out bad.err scan --max-line-length 12abc tree
check "--max-line-length 12abc is a usage error" [ "$RC" -eq 2 ]
finish
