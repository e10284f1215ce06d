#!/bin/bash
# schema.sh: JSON reports of the git input sets (history, staged, diff, a cached worktree scan)
# are valid against checker/schema/findings-v1.schema.json, use each field the schema added for
# them, and the schema rejects reports that break those fields.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"
need_tools
SCHEMA="$MAMORI_SRC/checker/schema/findings-v1.schema.json"

git init -q repo
mkdir -p repo/src
wifi_header "$PASSWORD" >repo/src/wifi.h
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n' >repo/src/f.c
commit_all repo "initial"
base=$(git -C repo rev-parse HEAD)
wifi_header "" >repo/src/wifi.h
printf 'token: %s\n' "$TOKEN" >repo/ci.yaml
commit_all repo "token"
printf '#include <stdio.h>\nvoid g(char *d) { sprintf(d, "%%s", d); }\n' >repo/src/g.c
git -C repo add src/g.c
run_mamori h.json h.err scan --history --format json repo
run_mamori he.json he.err scan --history --show-email --format json repo
run_mamori s.json s.err scan --staged --format json repo
run_mamori d.json d.err scan --diff "$base" --format json repo
run_mamori w.json w.err scan --format json repo
run_mamori w2.json w2.err scan --format json repo
run_mamori e.json e.err scan --history --format json "$(git init -q empty && echo empty)"
reports=(h.json he.json s.json d.json w.json w2.json e.json)
check "reports are valid UTF-8 JSON" json_check "${reports[@]}"
if ajv_validate "$SCHEMA" "${reports[@]}" >ajv.out 2>&1; then
    echo "ok: ${#reports[@]} reports valid against findings-v1.schema.json"
else
    show ajv.out
    check "reports valid against findings-v1.schema.json" false
fi
check "the reports use the fields added for git inputs" node -e '
    const fs = require("fs");
    const rs = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    const fs_ = rs.flatMap((r) => r.findings);
    const want = [
        ["input history", rs.some((r) => r.summary.input === "history")],
        ["input staged", rs.some((r) => r.summary.input === "staged")],
        ["input diff", rs.some((r) => r.summary.input === "diff")],
        ["files_from_cache > 0 (worktree)", rs.some((r) => !r.summary.input && r.summary.files_from_cache > 0)],
        ["commits counted", rs.some((r) => r.summary.commits_scanned > 0)],
        ["git.diff_base", rs.some((r) => r.git && r.git.diff_base)],
        ["git.head null", rs.some((r) => r.git && r.git.head === null)],
        ["origin commit at_head true", fs_.some((f) => f.origin && f.origin.kind === "commit" && f.origin.at_head === true)],
        ["origin commit at_head false", fs_.some((f) => f.origin && f.origin.kind === "commit" && f.origin.at_head === false)],
        ["origin author_email", fs_.some((f) => f.origin && f.origin.author_email)],
        ["origin index", fs_.some((f) => f.origin && f.origin.kind === "index" && f.origin.blob)],
    ];
    let bad = 0;
    for (const [what, ok] of want) { if (!ok) { console.error("not covered: " + what); bad++; } }
    process.exit(bad ? 1 : 0);' "${reports[@]}"

mutants=()
mutate() { # NAME FILE JS-STATEMENTS-ON-r
    node -e '
        const fs = require("fs");
        const r = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
        (function () { '"$3"' }).call(null);
        fs.writeFileSync(process.argv[1], JSON.stringify(r));' "mut-$1.json" "$2" ||
        fail "cannot make mutant $1"
    mutants+=("mut-$1.json")
}
mutate origin-kind h.json 'r.findings[0].origin.kind = "stash";'
mutate origin-no-commit h.json 'delete r.findings[0].origin.commit;'
mutate origin-short-commit h.json 'r.findings[0].origin.commit = "abc123";'
mutate origin-date h.json 'r.findings[0].origin.author_date = "2023-11-15";'
mutate origin-extra h.json 'r.findings[0].origin.subject = "a commit message";'
mutate input-unknown h.json 'r.summary.input = "stash";'
mutate commits-negative h.json 'r.summary.commits_scanned = -1;'
mutate git-extra h.json 'r.git.remote = "origin";'
ajv_validate "$SCHEMA" "${mutants[@]}" >mutants.out 2>&1
for m in "${mutants[@]}"; do
    check "the schema rejects $m" grep -qFx "$m invalid" mutants.out
done
finish
