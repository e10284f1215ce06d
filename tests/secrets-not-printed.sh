#!/bin/sh
# secrets-not-printed.sh: mamori must never print a secret it finds. Scans the credential
# fixtures (and two test-only packs) in every output format and fails if any planted secret,
# any line of a fixture private key, or the bytes of a binary fixture key appear in the output;
# it also fails if a planted secret was not found (its redacted sha256 prefix must be there).
#
#   tests/secrets-not-printed.sh [path/to/mamori] [source dir]
set -eu

MAMORI=${1:-build/mamori}
SRC=${2:-$(dirname "$0")/..}
case $MAMORI in /*) ;; *) MAMORI=$(pwd)/$MAMORI ;; esac
cd "$SRC"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
err() {
    echo "secrets-not-printed: $*" >&2
    fail=1
}

# Planted secrets, one per line: the value as the rule sees it (the decoded literal, the
# token, the password part of a URL), then tab-separated source pieces to look for when the
# value is not written in one piece (adjacent literals). Public examples that the rules' help
# texts quote (MD5 of "admin", AWS's EXAMPLE keys) are not listed: they are printed on purpose.
cat >"$tmp/secrets" <<'EOF'
Fx7-wifi-Pw1
Fx7mqttPass2
Fx7apPsk3
Fx7wpaKey4
myHomeWifi2024
theGuest-Net7
Fx7contPw5
Fx7joinedPw6	Fx7jo	inedPw6
Fx7mqttPw7
Fx7ptrPw8
Fx7adminPw9
Fx7otaPasswd10	Fx7ota	Passwd10
905172
Fx7staPw11
Fx7apPw12
Fx7copyPw13
Fx7copyPw14
Fx7memcpyPw15
Fx7assignPsk16
Fx7dtlsPsk17
Ino7secretPass1
Ino7stringPw2
Ino7ctorPw3
Ino7progmemPw4
Ino7bracedPw5
Ino7memberPw6
Ino7assignPw7
Fx8secretPass1
f3a91c07d2b84e6f9a05c1d7e28b4f60
Tk7qP2vX9mL4wR8s
s3cr3t-9XkQ2mPz7Lw
Qm8xT2kL9pV4rZ7wN3bH6cJ1dF5gS0aY
AK9f2Lm7Qx4Vz8Rt
at_7Hq2Xm9Kp4Lw8Zr3
cs.Wq7Lm2Xp9Kz4Rv8T
7c2e9f41a8b3d605
AcK4mQ9xL2pW7zR5
Bl9kT3xQ7mW2pL8zR4vN6cH1jF5gD0sA
9b1f6e0c4a7d2853
QmXkTpLwZrVnHcJdFgSaYbEuRiOq
ct_5Vm2Xq8Lp3Kw9Rz7
ak_3Lq8Xm2Pw7Kz9Rv4
rt_8Wm3Xq7Lp2Kz9Rv5
Arg7wifiPw1
Arg7wifiPw2
Arg7wepKey3
Arg7eapPw4
Arg7apPw5
Arg7multiPw6
Arg7otaPw7
5d41b2e07c39a8f1e6d4c0b9a7f3e218
Arg7mqttPw8
Arg7mqttPw9
a1b2c3d4e5f60718293a4b5c6d7e8f90
0f1e2d3c4b5a69788796a5b4c3d2e1f0
Arg7httpPw10
Arg7updPw11
Arg7updPw12
Arg7updPw13
Arg7blynkPw14
Arg7asyncPw15
Arg7psyPw16
AKIAMAMORIFIXTURE234
AKIAMAMORIFIXTURE765
ASIAMAMORIFIXTURE567
MamoriFixture/ZiZgFok1F0JrKVVwfJsUW5Z670
MamoriFixture+zoRDRFUJeHGOZXJE8hc7PJWFTS
ghp_MamoriFixture0sA7k0AMq2qdb8Mi8E8IJsF
ghs_MamoriFixtureo6BosXjRsOpr8vm5fyKZGzH
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
xoxb-72799198254-8234265902829-MamoriFixturek7dXNRsepW7
xapp-1-A32RX13I7VK-4861734345047-c0badd8f59c3429d1ea0c4252f15438ebff8b670494fdad1ea6905a99b8deb39
MamoriFix4R0W4dTlnUdY4eB
AIzaMamoriFixturemtxAS1OU7HWHKtaRtJYpPJ
wpTzmjWRv3QSOdSqzDfvwx98IX9A1PGtn9G6+Bk3fAo=
rSkXQ0LYmeyzgDLgxt9ZUmtx88RtQqlglMt5h2EfCGI=
eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAibWFtb3JpLWZpeHR1cmUtZGV2aWNlIiwgImlhdCI6IDE3NjcyMjU2MDAsICJleHAiOiA0MTAyNDQ0ODAwfQ.FCWNj3EGJF9lw2b1Eu3YqYzYbP2Y7FSCrZOMhBqdeok
Url7z1ZAHcc5qL
TokJOTyMEM1YU4JlOXgtBZR
Msg9shownPw1
Msg9splitPw2	Msg9split
Tr0ub4dor&3-mqtt
correct-horse-battery
8f3kq-lake-window
x9-river-stone-72
hunter22-root
$6$saltsalt$Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXhmb29iYXJiYXpxdXg
$6$Rf7Kq2Lm$MamoriFixtureHash0Vx3Wp8Zt5Bn2Qk7Lr4Jm9Hd1Fs6Ga0Ce8Yu3Io5Pl2Kj7Mn4Xb9Vc1Zq6Wt3Ep8Rs
EOF

fixtures="rules/credentials tests/rule-packs/pem-allow-list tests/rule-packs/message-redaction"

# every planted secret (or its pieces) must still be in the fixtures: a test of nothing fails
while IFS='	' read -r value pieces; do
    for p in ${pieces:-$value}; do
        grep -rqF -- "$p" $fixtures || err "planted secret piece '$p' is no longer in the fixtures"
    done
done <"$tmp/secrets"

# lines of private key bodies in the fixtures: base64 runs of 40+ characters inside files with a
# PRIVATE KEY marker (PEM files, C string pieces, JSON with \n escapes)
grep -rlF -- "PRIVATE KEY-----" $fixtures | while read -r f; do
    sed -e 's/\\n/\n/g' "$f" | tr -d '"\\ \r,' | grep -E '^[A-Za-z0-9+/=]{40,}$' || true
done | sort -u >"$tmp/keylines"
[ -s "$tmp/keylines" ] || err "no private key lines found in the fixtures"

# binary fixture keys: their bytes as hex and base64
for f in $(grep -rlF "mamori-expect" --include='*.expect' $fixtures); do
    bin=${f%.expect}
    od -An -v -tx1 "$bin" | tr -d ' \n' >>"$tmp/binary"
    echo >>"$tmp/binary"
    base64 -w0 "$bin" >>"$tmp/binary"
    echo >>"$tmp/binary"
done

# scan in every format; the packs add their test-only rules
scan() { # format, output file
    for d in $fixtures; do
        extra=
        case $d in tests/rule-packs/*) extra="--rules $d" ;; esac
        rc=0
        "$MAMORI" scan --no-policy --color never -j 2 --format "$1" $extra "$d" >>"$2" 2>&1 || rc=$?
        [ "$rc" -le 1 ] || err "mamori scan --format $1 $d exited with $rc"
    done
}
for fmt in text json sarif; do
    : >"$tmp/out.$fmt"
    scan "$fmt" "$tmp/out.$fmt"
done
cat "$tmp/out.text" "$tmp/out.json" "$tmp/out.sarif" >"$tmp/all"

while IFS='	' read -r value pieces; do
    for p in $value ${pieces:-}; do
        if grep -qF -- "$p" "$tmp/all"; then
            err "secret '$(printf %s "$p" | cut -c1-3)...' ($(printf %s "$p" | wc -c) chars) is printed:"
            # show where, with the secret itself masked (fixture values, but still)
            grep -F -- "$p" "$tmp/all" | head -3 |
                awk -v s="$p" '{ while ((i = index($0, s)) > 0) $0 = substr($0, 1, i - 1) "<SECRET>" substr($0, i + length(s)); print "    " substr($0, 1, 160) }' >&2
        fi
    done
    sha=$(printf %s "$value" | sha256sum | cut -c1-8)
    grep -qF "sha256:$sha" "$tmp/out.json" ||
        err "secret '$(printf %s "$value" | cut -c1-3)...' was not found and redacted (no sha256:$sha in the JSON report)"
done <"$tmp/secrets"

nlines=0
while read -r line; do
    nlines=$((nlines + 1))
    if grep -qF -- "$line" "$tmp/all"; then
        err "a private key line of the fixtures is printed: $(printf %s "$line" | cut -c1-12)..."
    fi
done <"$tmp/keylines"

while read -r enc; do
    [ -n "$enc" ] || continue
    if grep -qF -- "$enc" "$tmp/all"; then
        err "the bytes of a binary fixture key are printed"
    fi
done <"$tmp/binary"

if [ "$fail" -ne 0 ]; then
    echo "secrets-not-printed: FAILED" >&2
    exit 1
fi
echo "secrets-not-printed: $(wc -l <"$tmp/secrets") planted secrets, $nlines key lines and the binary keys: none printed in text, JSON or SARIF"
