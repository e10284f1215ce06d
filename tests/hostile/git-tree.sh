#!/bin/bash
# git-tree.sh: in a git work tree the input is the tracked files plus untracked files that are not
# ignored. Ignored files and directories are not scanned (unless tracked); an empty repository
# (git init, no commit) scans to exit 0 with no findings.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
export GIT_CONFIG_NOSYSTEM=1 HOME="$SCRATCH"
copy() { printf '#include <string.h>\nvoid %s(char *d, const char *s) { strcpy(d, s); }\n' "$1" >"$2"; }

# an empty repository
mkdir empty && git -C empty init -q
run_mamori empty.json empty.err scan --format json empty
check "empty repository: exit 0" [ "$RC" -eq 0 ]
check "empty repository: no findings, no notices" node -e '
    const r = JSON.parse(require("fs").readFileSync("empty.json", "utf8"));
    process.exit(r.findings.length === 0 && r.notices.length === 0 &&
                 r.summary.files_scanned === 0 ? 0 : 1);'

# tracked, untracked, ignored, ignored-but-tracked, an ignored directory, a nested repository
mkdir -p repo/src repo/build repo/vendor/sub
git -C repo init -q
copy tracked repo/src/tracked.c
copy forced repo/src/forced.log.c
printf 'build/\n*.log.c\nsecret.c\n' >repo/.gitignore
git -C repo add src/tracked.c .gitignore && git -C repo add -f src/forced.log.c
git -C repo -c user.name=t -c user.email=t@t commit -q -m init || fail "git commit"
copy untracked repo/src/untracked.c
copy ignored repo/src/secret.c
copy ignored_log repo/src/debug.log.c
copy in_build repo/build/gen.c
git -C repo/vendor/sub init -q && copy nested repo/vendor/sub/nested.c
run_mamori repo.json repo.err scan --format json --fail-on never repo
check "repository: exit 0" [ "$RC" -eq 0 ]
check "tracked and untracked scanned; ignored not; nested repository reported, not scanned" node -e '
    const r = JSON.parse(require("fs").readFileSync("repo.json", "utf8"));
    // the scanned files: their strcpy findings (a repository root also gets the policy rules)
    const got = r.findings.filter((f) => f.rule_id === "unsafe-strcpy").map((f) => f.path).sort().join(" ");
    const want = "src/forced.log.c src/tracked.c src/untracked.c";
    const sub = r.notices.filter((n) => n.code === "submodule").map((n) => n.path).join(" ");
    if (got !== want || sub !== "vendor/sub") console.error("scanned: " + got + "; submodule notices: " + sub);
    process.exit(got === want && sub === "vendor/sub" ? 0 : 1);'
# scanning a subdirectory of the work tree: same rules, paths from the root
run_mamori sub.json sub.err scan --format json --fail-on never repo/src
check "a subdirectory: paths relative to the work tree" node -e '
    const r = JSON.parse(require("fs").readFileSync("sub.json", "utf8"));
    process.exit(r.findings.map((f) => f.path).sort().join(" ") ===
                 "src/forced.log.c src/tracked.c src/untracked.c" ? 0 : 1);'
# ... and nothing about the repository as a whole: a part of it is not a project
check "a subdirectory: no repository-hygiene findings" node -e '
    const r = JSON.parse(require("fs").readFileSync("sub.json", "utf8"));
    process.exit(r.findings.some((f) => f.category === "policy") ? 1 : 0);'
check "the root: repository-hygiene findings, once each" node -e '
    const r = JSON.parse(require("fs").readFileSync("repo.json", "utf8"));
    const ids = r.findings.filter((f) => f.category === "policy").map((f) => f.rule_id).sort();
    const want = "policy-security-policy-missing policy-support-period policy-threat-model";
    if (ids.join(" ") !== want) console.error("policy findings: " + ids.join(" "));
    process.exit(ids.join(" ") === want ? 0 : 1);'
# a file named explicitly is scanned even when ignored: the user asked for it
run_mamori named.json named.err scan --format json --fail-on never repo/src/secret.c
check "an ignored file named on the command line is scanned" grep -q '"path": "src/secret.c"' named.json
finish
