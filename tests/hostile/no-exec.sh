#!/bin/bash
# no-exec.sh: a hostile repository's configuration never runs anything: clean/smudge filters,
# fsmonitor, hooks, an external diff, core.sshCommand. Each would create a marker file.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
export GIT_CONFIG_NOSYSTEM=1 HOME="$SCRATCH"
mkdir repo && git -C repo init -q
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n' >repo/a.c
printf '*.c filter=evil diff=evil\n' >repo/.gitattributes
git -C repo add a.c .gitattributes
marker="$SCRATCH/pwned"
cat >>repo/.git/config <<CFG
[filter "evil"]
	clean = touch $marker.clean; cat
	smudge = touch $marker.smudge; cat
	process = touch $marker.process
	required = true
[diff "evil"]
	command = touch $marker.diff
[core]
	fsmonitor = touch $marker.fsmonitor
	sshCommand = touch $marker.ssh
	hooksPath = hooks
CFG
mkdir -p repo/hooks
for h in pre-commit post-checkout post-index-change reference-transaction; do
    printf '#!/bin/sh\ntouch %s.hook\n' "$marker" >"repo/hooks/$h"
    chmod +x "repo/hooks/$h"
done
# the work tree differs from the index, so a filter would have a reason to run
printf '/* changed */\n' >>repo/a.c
run_mamori out.json err.txt scan --format json repo
check "the scan ran (exit 0, one warning)" [ "$RC" -eq 0 ] && grep -q '"path": "a.c"' out.json
check "nothing from the repository ran" [ -z "$(ls "$SCRATCH" | grep pwned)" ]
finish
