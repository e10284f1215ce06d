#!/bin/bash
# slow-inputs.sh: inputs that once took time quadratic in their size finish well within a
# generous limit (30 s, 90 s under the sanitizers; it took 52 s in a release build and over 300 s
# under ASan before, and takes about 2 s of CPU now). A sketch of
# 70 001 identical calls on an object whose declared type a check asks for (the type lookup went
# back through the whole file per call; the fingerprints' occurrence count compared every pair of
# findings): each call is a finding, each with its own fingerprint.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir tree
python3 -c '
import sys
with open("tree/update.ino", "w") as f:
    f.write("#include <HTTPUpdate.h>\nWiFiClient net;\nconst char *url = \"http://fw.example.com/fw.bin\";\nvoid loop() {\n")
    for i in range(70001):
        f.write("  httpUpdate.update(net, url);\n")
    f.write("}\n")'
limit=${MAMORI_SLOW_TIMEOUT:-30}
[ -n "${ASAN_OPTIONS:-}" ] && limit=${MAMORI_SLOW_TIMEOUT:-90} # CTest sets it for sanitizer builds
start=$(date +%s)
RC=0
timeout "$limit" "$MAMORI" scan --no-policy --no-cache -j 1 --fail-on never \
    --format json -o out.json tree >out.txt 2>err.txt || RC=$?
took=$(($(date +%s) - start))
check "70 001 calls: exit 0 in ${took}s (limit ${limit}s)" [ "$RC" -eq 0 ]
check "70 001 calls: one finding per call, each fingerprint distinct" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const calls = r.findings.filter((f) => f.path === "update.ino" && f.line >= 5 && f.line <= 70005);
    const byRule = {};
    for (const f of calls) byRule[f.rule_id] = (byRule[f.rule_id] || 0) + 1;
    const fps = new Set(r.findings.map((f) => f.fingerprint));
    process.exit(Object.values(byRule).some((n) => n === 70001) && fps.size === r.findings.length ? 0 : 1);'
finish
