#!/bin/bash
# history-edits.sh: history judges each version by what its change adds. A password added in
# the middle of a long function is found in the commit that added it, and not again when later
# commits edit the lines before or after it (the common head and tail of two versions are not
# compared line by line). History drops what files say to each other (facts), so it caches its
# results apart from a staged scan's: a staged file whose blob history scanned still states its
# facts (a password passed through the project's own function is found).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
. "$MAMORI_SRC/tests/git/lib.sh"

git init -q repo
mkdir -p repo/src
# body N: N statements of a long function
body() {
    local i
    for ((i = 0; i < $1; i++)); do
        printf '    total += values[%d] * %d;\n' "$i" "$((i + 3))"
    done
}
long_file() { # long_file PASSWORD-LINE TAIL-LINE
    printf '#include <WiFi.h>\nint values[300];\nint connect_all(void)\n{\n    int total = 0;\n'
    body 120
    printf '%s' "$1"
    body 120
    printf '%s    return total;\n}\n' "$2"
}
long_file '' '' >repo/src/net.cpp
commit_all repo "networking"
long_file "    WiFi.begin(\"lab\", \"$PASSWORD\");
" '' >repo/src/net.cpp
commit_all repo "join the lab network"
added=$(git -C repo rev-parse HEAD)
long_file "    WiFi.begin(\"lab\", \"$PASSWORD\");
" '    total++;
' >repo/src/net.cpp
sed -i 's/values\[0\] \* 3/values[0] * 4/' repo/src/net.cpp
commit_all repo "edit the lines before and after"

# a password passed through the project's own function: the wrapper states a fact the caller's
# finding needs
printf '#include <WiFi.h>\nvoid join(const char *ssid, const char *pw)\n{\n    WiFi.begin(ssid, pw);\n}\n' \
    >repo/src/join.cpp
printf 'void join(const char *ssid, const char *pw);\nvoid setup(void)\n{\n    join("lab", "%s");\n}\n' \
    "$PASSWORD" >repo/src/setup.cpp
commit_all repo "join through a function"
git -C repo rm -q src/join.cpp src/setup.cpp
commit_all repo "no joining"

run_mamori h.json h.err scan --history --format json repo
check "history: exit 1 (findings)" [ "$RC" -eq 1 ]
check "the password added mid-function is found once, in the commit that added it" js '
    r.findings.filter((f) => f.rule_id === "cred-password-argument" && f.path === "src/net.cpp")
     .map((f) => f.origin.commit + ":" + f.line).join() === "'"$added"':126"' h.json

# the wrapper and its caller staged again, with the blobs history scanned (and cached)
git -C repo checkout -q HEAD~1 -- src/join.cpp src/setup.cpp
run_mamori s.json s.err scan --staged --category credentials --format json repo
check "staged after history: the password through the project's function is found" js '
    r.findings.some((f) => f.rule_id === "cred-password-argument" && f.path === "src/setup.cpp")' \
    s.json
run_mamori s2.json s2.err scan --staged --category credentials --no-cache --format json repo
check "... as without the cache" js '
    JSON.stringify(rs[0].findings.map((f) => f.fingerprint)) ===
    JSON.stringify(rs[1].findings.map((f) => f.fingerprint))' s.json s2.json
check "no secret in any output" no_secret ./*.json ./*.err
finish
