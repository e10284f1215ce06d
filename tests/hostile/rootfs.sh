#!/bin/bash
# rootfs.sh: root filesystem files that are broken or hostile: a binary inittab (skipped, with
# a note), a shadow file of one huge line, invalid UTF-8 in a password hash (redacted, the
# report stays valid UTF-8), an init script of unterminated quotes and here-documents, and a
# UCI file of garbage. None may crash the scan; findings that are there are still found.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir -p tree/etc/init.d tree/etc/config
printf 'ttyS0::respawn:-/bin/sh\n\0\1\2\3' >tree/etc/inittab
{
    printf 'root:'
    head -c 100000 /dev/zero | tr '\0' 'a'
    printf ':19000:0:99999:7:::\nnobody::1:1:::\n'
} >tree/etc/shadow
printf 'admin:$6$\xff\xfe\xc3\x28salt$hash\xe2\x82:19000::::::\n' >tree/etc/passwd
printf '#!/bin/sh\ncat <<EOF\ntelnetd\necho "unterminated\n$( ( ( (\ntelnetd -F\n' >tree/etc/init.d/S10broken
printf '#!/bin/sh\n/usr/sbin/telnetd -F\necho "x\n' >tree/etc/init.d/S20quote
head -c 100000 /dev/urandom | tr -d '\000' >tree/etc/config/system
printf '\nconfig system\n' >>tree/etc/config/system

run_mamori out.json err.txt scan --format json --fail-on never tree
check "exit 0 with --fail-on never" [ "$RC" -eq 0 ]
check "JSON report" node -e 'JSON.parse(require("fs").readFileSync("out.json", "utf8"))'
check "the binary inittab is skipped with a note" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    process.exit(!r.findings.some((x) => x.path === "etc/inittab") &&
                 r.notices.some((n) => n.code === "binary" && n.path === "etc/inittab") ? 0 : 1);'
check "an empty password after a huge line is found" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    process.exit(r.findings.some((x) => x.path === "etc/shadow" && x.line === 2 &&
                 x.rule_id === "cred-rootfs-empty-password") ? 0 : 1);'
check "a hash with invalid UTF-8 is found, redacted, and the report is valid UTF-8" node -e '
    const b = require("fs").readFileSync("out.json");
    const r = JSON.parse(b.toString("utf8"));
    const f = r.findings.find((x) => x.path === "etc/passwd");
    process.exit(f && f.rule_id === "cred-rootfs-password-hash" && /redacted/.test(f.snippet) &&
                 !/hash/.test(f.snippet) &&
                 Buffer.compare(Buffer.from(b.toString("utf8"), "utf8"), b) === 0 ? 0 : 1);'
check "the here-document that never ends hides what follows it" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    process.exit(!r.findings.some((x) => x.path === "etc/init.d/S10broken") ? 0 : 1);'
check "telnetd before an unterminated quote is found" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    process.exit(r.findings.some((x) => x.path === "etc/init.d/S20quote" && x.line === 2) ? 0 : 1);'
check "UCI garbage ends in a system section without ttylogin: reported" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    process.exit(r.findings.some((x) => x.path === "etc/config/system" &&
                 x.rule_id === "debug-openwrt-ttylogin") ? 0 : 1);'
finish
