#!/bin/bash
# devicetree.sh: devicetree sources that are broken or hostile. A malformed file keeps the facts
# of the parts that parse (a finding before the error still shows) and gets a "parse-error"
# note naming the line; deep nesting, NUL bytes, invalid UTF-8 and a file of garbage neither
# crash the scan nor change its exit code beyond the findings.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir -p tree/boards
# malformed: the chosen entry parses, the rest does not
printf '/ {\n\tchosen {\n\t\tzephyr,shell-uart = &uart0;\n\t};\n};\n&uart0 { status = ;; ]] {{\n' \
    >tree/boards/broken.overlay
# deep nesting
{
    printf '/ { '
    for _ in $(seq 3000); do printf 'n { '; done
    printf 'status = "okay"; '
    for _ in $(seq 3000); do printf '}; '; done
    printf '};\n'
} >tree/deep.dts
# invalid UTF-8 in names and strings, and a NUL byte (binary: skipped)
printf '/ { chosen { zephyr,shell-uart = &uart\xff\xfe0; bootargs = "\xc3\x28 init=/bin/sh"; }; };\n' \
    >tree/utf8.overlay
printf '/ { chosen { zephyr,shell-uart = &uart0; }; };\0\n' >tree/nul.overlay
# garbage with the trigger in it
head -c 200000 /dev/urandom | tr -d '\000' >tree/noise.dtsi
printf '\nstatus = "okay" zephyr,shell-uart init=/bin/sh\n' >>tree/noise.dtsi

run_mamori out.json err.txt scan --format json --fail-on never tree
check "exit 0 with --fail-on never" [ "$RC" -eq 0 ]
check "JSON report" node -e 'JSON.parse(require("fs").readFileSync("out.json", "utf8"))'
check "the entry before the error is still a finding" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    process.exit(r.findings.some((f) => f.rule_id === "debug-dt-shell-uart" &&
                 f.path === "boards/broken.overlay" && f.line === 3) ? 0 : 1);'
check "a parse-error note names the line of the error" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    process.exit(r.notices.some((n) => n.code === "parse-error" &&
                 n.path === "boards/broken.overlay" && n.line === 6) ? 0 : 1);'
check "invalid UTF-8 is data: the chosen entries are still found" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const f = r.findings.filter((x) => x.path === "utf8.overlay").map((x) => x.rule_id).sort();
    process.exit(f.join() === "debug-dt-bootargs-shell,debug-dt-shell-uart" ? 0 : 1);'
check "the file with a NUL byte is binary, not parsed" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    process.exit(!r.findings.some((x) => x.path === "nul.overlay") &&
                 r.notices.some((n) => n.code === "binary" && n.path === "nul.overlay") ? 0 : 1);'
check "the report stays valid UTF-8" node -e '
    const b = require("fs").readFileSync("out.json");
    process.exit(Buffer.compare(Buffer.from(b.toString("utf8"), "utf8"), b) === 0 ? 0 : 1);'
finish
