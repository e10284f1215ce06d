#!/bin/bash
# absent-anchors.sh: a finding about something a project lacks (no security policy, no support
# period, no threat model, no CODEOWNERS) stands on a file that exists — GitHub code scanning
# cannot show an alert on a file that is not in the repository — and its message says what is
# missing: the README, else the policy file, else the top-level build file, else a root file.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd

# anchor TREE EXPECTED: every policy finding of TREE is at EXPECTED:1:1, a file of TREE
anchor() {
    run_mamori "$1.json" "$1.err" scan --no-policy --fail-on never --category policy \
        --format json "$1"
    check "$1: findings about what is missing stand on $2, which exists" node -e '
        const fs = require("fs");
        const [tree, want] = process.argv.slice(1);
        const r = JSON.parse(fs.readFileSync(tree + ".json", "utf8"));
        const missing = r.findings.filter((f) => /missing|period|threat/.test(f.rule_id));
        const bad = missing.filter((f) => f.path !== want || f.line !== 1 ||
                                          !fs.existsSync(tree + "/" + f.path));
        if (missing.length < 2 || bad.length) {
            console.error(JSON.stringify(r.findings.map((f) => [f.rule_id, f.path, f.line])));
            process.exit(1);
        }' "$1" "$2"
}
# every tree is a project root (.gitignore), with a key file so that CODEOWNERS matters
mk() { mkdir -p "$1/keys" && touch "$1/.gitignore" && printf 'x\n' >"$1/keys/signing.pem"; }

mk readme && printf '# Demo\n' >readme/README.md && printf 'int main(void){return 0;}\n' >readme/main.c
anchor readme README.md

mk build && printf 'cmake_minimum_required(VERSION 3.20)\n' >build/CMakeLists.txt &&
    printf 'int main(void){return 0;}\n' >build/main.c
anchor build CMakeLists.txt

mk pio && printf '[env:esp32]\nplatform = espressif32\n' >pio/platformio.ini
anchor pio platformio.ini

mk plain && printf 'hello\n' >plain/notes.txt
anchor plain notes.txt

mk policy && printf '{"fail_on": "error"}\n' >policy/mamori.json
run_mamori policy.json policy.err scan --fail-on never --category policy --format json policy
check "with only a policy at the root, the findings stand on mamori.json" node -e '
    const r = JSON.parse(require("fs").readFileSync("policy.json", "utf8"));
    const m = r.findings.filter((f) => /missing|period|threat/.test(f.rule_id));
    process.exit(m.length >= 2 && m.every((f) => f.path === "mamori.json") ? 0 : 1)'
finish
