#!/bin/bash
# symlink.sh: symbolic links are never followed. One that points out of the root gets a
# "symlink" warning and the file it points to is not scanned; a link to a directory outside,
# and a link that loops back up, neither hang nor reach outside.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
mkdir -p tree/src outside/dir
printf '#include <string.h>\nvoid secret(char *d, const char *s) { strcpy(d, s); }\n' >outside/target.c
cp outside/target.c outside/dir/more.c
printf 'int ok;\n' >tree/src/ok.c
printf '#include <string.h>\nvoid in(char *d, const char *s) { strcpy(d, s); }\n' >tree/src/real.c
ln -s ../../outside/target.c tree/src/escape.c
ln -s "$SCRATCH/outside/dir" tree/src/escape-dir
ln -s .. tree/src/loop
ln -s real.c tree/src/alias.c
ln -s /nonexistent/file.c tree/src/dangling.c
rc=0
timeout 60 "$MAMORI" scan --format json --fail-on never tree >out.json 2>err.txt || rc=$?
show err.txt
check "the scan ends with exit 0" [ "$rc" -eq 0 ]
check "only the file inside is scanned, once; links outside get a warning" node -e '
    const r = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
    const paths = r.findings.map((f) => f.path).join(" ");
    const warned = r.notices.filter((n) => n.code === "symlink").map((n) => n.path).sort().join(" ");
    const ok = paths === "src/real.c" && warned === "src/dangling.c src/escape-dir src/escape.c" &&
               r.notices.every((n) => n.code === "symlink" && n.level === "warning");
    if (!ok) console.error("findings in: " + paths + "; symlink notices: " + warned);
    process.exit(ok ? 0 : 1);'
check "nothing from outside the root appears" bash -c "! grep -q 'secret(\|more\.c\|target\.c' out.json"
finish
