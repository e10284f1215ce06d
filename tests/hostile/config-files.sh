#!/bin/bash
# config-files.sh: Kconfig-style files with bad bytes, stray lines, unterminated strings, CRLF,
# 200 000 entries and lines over the line limit. No crash; stray lines get config-syntax notes;
# nothing is reported from an overlong line; a secret value on a normal line never shows.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir -p tree/esp tree/zephyr tree/odd
printf 'CONFIG_IDF_TARGET="esp32"\r\nCONFIG_SECURE_BOOT_ALLOW_JTAG=y\r\nCONFIG_S="unterminated\n\377\376=\303\050\nCONFIG_P="\\"q\\\\"\n' >tree/esp/sdkconfig.defaults.esp32
{
    seq 0 199999 | sed 's/.*/CONFIG_K&=y/'
    printf 'CONFIG_SHELL_BACKEND_TELNET=y # '; head -c 30000 /dev/zero | tr '\0' 'y'; printf '\n'
    printf 'CONFIG_WIFI_CREDENTIALS_STATIC_PASSWORD="Hx9-config-secret-77"\n'
} >tree/zephyr/prj.conf
printf '# CONFIG_ is not set\n=y\nCONFIG_=\n#\n\nnot kconfig at all\n' >tree/odd/.config
printf 'server {\n  listen 80;\n  CONFIG_SHELL_BACKEND_TELNET=y\n}\n' >tree/odd/nginx.conf
for fmt in text json sarif; do
    run_mamori "out.$fmt" "err.$fmt" scan --no-policy -v --format "$fmt" --fail-on never tree
    check "$fmt: exit 0" [ "$RC" -eq 0 ]
    check "$fmt: the secret is not printed" sh -c "! grep -q 'Hx9-config-secret-77' out.$fmt err.$fmt"
done
check "JTAG found despite CRLF and junk" grep -q 'esp/sdkconfig.defaults.esp32:2:1: error: .*debug-esp-jtag-allowed' out.text
check "the password found on line 200002, redacted" grep -q 'zephyr/prj.conf:200002:1: error: .*\[redacted: 20 chars' out.text
check "nothing from the overlong line 200001" sh -c "! grep -q 'prj.conf:200001' out.text"
check "the overlong line is noted" grep -q 'prj.conf:200001:1: note: lines longer than' err.text
check "stray lines noted" grep -q 'esp/sdkconfig.defaults.esp32:3:1: note: not a Kconfig assignment' err.text
check "nginx.conf is not a Kconfig file" sh -c "! grep -q 'nginx.conf' out.text err.text"
finish
