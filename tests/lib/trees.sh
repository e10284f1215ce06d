# trees.sh: test trees that cannot be committed as files (symbolic links, FIFOs, invalid
# UTF-8, big files) are made here at test time. Sourced after common.sh.

# make_rich_tree DIR: a plain directory that makes a scan produce every kind of output: findings
# of each severity, suppressed findings (inline, and an accepted risk added by add_accepted_risk),
# suppressions without a reason and unused ones, a detected C library, and the notices binary,
# symlink, special, too-large and long-line (with --max-file-size 4096 --max-line-length 1000).
make_rich_tree() {
    local d="$1"
    mkdir -p "$d/src" "$d/outside"
    cp "$MAMORI_SRC/tests/trees/small/"*.c "$d/src/"
    cat >"$d/src/suppressed.c" <<'EOF'
#include <string.h>
void copy_checked(char *dst, const char *src)
{
    // mamori-ignore[unsafe-strcpy]: src is at most 15 bytes, checked by the caller
    strcpy(dst, src);
    strcpy(dst, src); // mamori-ignore[unsafe-strcpy]
    // mamori-ignore[cred-hardcoded-password]: nothing here to suppress
    dst[0] = 0;
}
EOF
    # a finding on a line with bytes that are not UTF-8 (Latin-1 e-acute, a lone continuation
    # byte, a truncated sequence): reports must still be valid UTF-8
    printf '#include <string.h>\nvoid f(char *d, const char *s) { /* caf\xe9 \x80 */ strcpy(d, s); } /* \xe2\x82 */\n' \
        >"$d/src/latin1.c"
    # a long line holding a trigger: not checked, one note
    { printf 'char *p = "'; head -c 2000 /dev/zero | tr '\0' 'a'; printf '"; void g(char *d, const char *s) { strcpy(d, s); }\n'; } \
        >"$d/src/generated.c"
    printf 'CONFIG_NEWLIB_LIBC=y\n' >"$d/prj.conf"
    printf 'ELF\0\1\2\3binary' >"$d/firmware.bin"
    head -c 8192 /dev/zero | tr '\0' 'x' >"$d/src/big.c"
    printf 'int secret;\n' >"$d/outside/target.c"
    ln -s ../outside/target.c "$d/src/inside-link.c" # points inside the root: not followed, no notice
    ln -s /etc/passwd "$d/src/passwd-link"
    mkfifo "$d/src/pipe"
}

# fingerprint_of REPORT.json RULE: the fingerprint of the first finding of RULE
fingerprint_of() {
    node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const f = r.findings.find((x) => x.rule_id === process.argv[2]);
        if (!f) { console.error("no finding of " + process.argv[2]); process.exit(1); }
        console.log(f.fingerprint);' "$1" "$2"
}
