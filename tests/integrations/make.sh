#!/bin/bash
# make.sh: integrations/make/mamori.mk in a real make build of tests/integrations/make-fw, with a
# recursive make and -j4: a planted violation fails the build, fixing it passes, a second build
# without changes does not scan again, and one invocation tree scans once however many
# sub-makes need the stamp.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
command -v make >/dev/null || fail "make is not installed"
scratch
proj="$SCRATCH/fw"
cp -R "$MAMORI_SRC/tests/integrations/make-fw" "$proj"
# a git work tree, as firmware projects are: build products are ignored, so not scanned
printf '*.o\n*.a\nfirmware.bin\n.mamori/\n' >"$proj/.gitignore"
git -C "$proj" init -q && git -C "$proj" add -A
calls="$SCRATCH/calls"
# a wrapper that counts the scans (and lets each last a moment, so that a second concurrent
# scan would overlap the first and be seen)
cat >"$SCRATCH/mamori" <<WRAP
#!/bin/sh
echo scan >>"$calls"
sleep 0.3
exec "$MAMORI" "\$@"
WRAP
chmod +x "$SCRATCH/mamori"
log="$SCRATCH/log"
mk() { : >"$calls"; make -C "$proj" MAMORI="$SCRATCH/mamori" MAMORI_SRC="$MAMORI_SRC" "$@" >"$log" 2>&1; }
scans() { wc -l <"$calls" | tr -d ' '; }

# 1. a violation in the sub-make's source: the -j4 build fails, once, in compiler format
sed -i 's|snprintf(dst, 16, "%s", name);|strcpy(dst, name);|; 1i #include <string.h>' "$proj/sub/sub.c"
if mk -j4; then cat "$log"; fail "make -j4 passed with strcpy in sub/sub.c"; fi
check "the finding is printed in compiler format" grep -q "^sub/sub.c:6:5: warning: strcpy .*\[unsafe-strcpy\]" "$log"
check "no image was linked" test ! -e "$proj/firmware.bin"

# 2. fixed: -j4 passes, with one scan for the top-level make and the recursive one together
sed -i 's|strcpy(dst, name);|snprintf(dst, 16, "%s", name);|' "$proj/sub/sub.c"
mk -j4 || { cat "$log"; fail "make -j4 failed after the fix"; }
check "the image was linked" test -x "$proj/firmware.bin"
check "one scan for the whole invocation tree (got $(scans))" test "$(scans)" = 1

# 3. nothing changed: no scan, serial or parallel
mk || { cat "$log"; fail "make failed"; }
check "no scan without changes (got $(scans))" test "$(scans)" = 0
mk -j4 || { cat "$log"; fail "make -j4 failed"; }
check "no scan without changes at -j4 (got $(scans))" test "$(scans)" = 0

# 4. a source changes: scanned once again; the library's make run on its own with the same
# stamp finds it fresh
sleep 1
echo '/* changed */' >>"$proj/src/main.c"
mk -j4 || { cat "$log"; fail "make -j4 failed after a change"; }
check "a changed source is scanned once (got $(scans))" test "$(scans)" = 1
: >"$calls"
make -C "$proj/sub" MAMORI="$SCRATCH/mamori" MAMORI_SRC="$MAMORI_SRC" \
    MAMORI_STAMP="$proj/.mamori/mamori.stamp" MAMORI_PATHS="$proj" >"$log" 2>&1 || { cat "$log"; fail "sub-make failed"; }
check "the sub-make alone does not scan again (got $(scans))" test "$(scans)" = 0

# 5. mamori-check as a goal of its own, after a clean
rm -rf "$proj/.mamori"
mk mamori-check || { cat "$log"; fail "make mamori-check failed"; }
check "make mamori-check scans (got $(scans))" test "$(scans)" = 1
finish
