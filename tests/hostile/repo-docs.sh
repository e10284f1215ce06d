#!/bin/bash
# repo-docs.sh: the repository-hygiene rules read documents and CODEOWNERS from the repository;
# hostile ones cost no more than their size and break no output. A CODEOWNERS of patterns made of
# `**` (each could split a deep path many ways), documents with NUL bytes, invalid UTF-8, CRLF and
# unclosed HTML comments, a path with the separator hints use, and a README that is a symbolic
# link out of the root.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
export GIT_CONFIG_NOSYSTEM=1 HOME="$SCRATCH"
deep=$(printf 'a/%.0s' $(seq 40))
mkdir -p repo/.github repo/keys "repo/$deep" repo/docs
# 20000 lines of patterns full of `**`, none owning the key below
for i in $(seq 20000); do printf '**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/nomatch%d @o\n' "$i"; done >repo/.github/CODEOWNERS
printf 'k' >"repo/$deep/ota.pem"
printf -- '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n' >repo/keys/ota.pub
# documents: NUL bytes, invalid UTF-8, CRLF, an unclosed comment
printf '# Security\r\n\r\nReport to psirt@acme-sensors.co.jp\0 \xff\xfe\r\n<!-- never closed\r\n' >repo/SECURITY.md
printf '# Firmware\n\n## Support period\n\n\xc3\x28 Security updates until 20\xff30-12-31\n' >repo/README.txt
printf '# Threat model\n\nAssets: \xe8\xe8 keys\n' >"repo/docs/threat$(printf '\x1f')model.md"
ln -s /etc/passwd repo/README.md
git -C repo init -q && git -C repo add -A 2>/dev/null
start=$(date +%s)
run_mamori out.json err.txt scan --format json --fail-on never repo
took=$(( $(date +%s) - start ))
check "the scan ends (exit $RC)" [ "$RC" -eq 0 ]
check "in reasonable time (${took}s for 20000 CODEOWNERS lines)" [ "$took" -lt 60 ]
check "valid UTF-8 JSON" json_check out.json
check "the keys are reported unowned, once, naming both" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const c = r.findings.filter((f) => f.rule_id === "policy-codeowners-coverage");
    if (c.length !== 1) console.error(JSON.stringify(r.findings, null, 1));
    process.exit(c.length === 1 && /2 files: .*ota\.pem, keys\/ota\.pub/.test(c[0].message) &&
                 c[0].path === ".github/CODEOWNERS" && c[0].line === 20000 ? 0 : 1);'
check "the security policy with NUL bytes still gives its contact" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    process.exit(r.findings.some((f) => /^policy-security-policy/.test(f.rule_id)) ? 1 : 0);'
check "the README link out of the root is not read; the other documents are" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const at = (id) => r.findings.filter((f) => f.rule_id === id).map((f) => f.path).join(" ");
    const ok = r.notices.some((n) => n.code === "symlink" && n.path === "README.md") &&
        !JSON.stringify(r).includes("root:x:") &&
        at("policy-support-period") === "README.txt" &&
        at("policy-threat-model") === "docs/threat\u001fmodel.md";
    if (!ok) console.error(JSON.stringify(r.findings.filter((f) => f.category === "policy"), null, 1));
    process.exit(ok ? 0 : 1);'
run_mamori out.sarif err2.txt scan --format sarif --fail-on never repo
check "SARIF: valid UTF-8 JSON" json_check out.sarif
finish
