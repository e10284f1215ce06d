# lib.sh: what the git input tests share (sourced after tests/lib/common.sh). Repositories are
# built at test time in the scratch directory, with fixed names, e-mails and dates so that runs
# compare; HOME is the scratch directory (git config, the cache key, pre-commit's cache).

scratch
cd "$SCRATCH" || fail "cd $SCRATCH"
export HOME="$SCRATCH/home" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$SCRATCH/home/.gitconfig"
mkdir -p "$HOME"
git config --global user.name "Test Author"
git config --global user.email "author@example.invalid"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

# Secrets the tests plant: never to appear in any output or in the cache
PASSWORD="hunter2-correct-horse-battery"
AWS_KEY="AKIAZ7Q3L5X2M4N6P7R2"
TOKEN="ghp_Zq8Xv2Lm4Np6Rt8Vx0Bz2Dc4Fg6Hj8Kl0Mn2"

TICK=1700000000
# commit_all REPO MESSAGE: commits everything in REPO at a date one minute after the last
commit_all() {
    TICK=$((TICK + 60))
    git -C "$1" add -A &&
        GIT_AUTHOR_DATE="@$TICK +0900" GIT_COMMITTER_DATE="@$TICK +0900" \
            git -C "$1" commit -q --allow-empty -m "$2" || fail "git commit in $1: $2"
}

# wifi_header PASSWORD: a C header that gives a Wi-Fi password
wifi_header() {
    printf '#pragma once\n#define WIFI_SSID "lab"\n#define WIFI_PASSWORD "%s"\n' "$1"
}

# js EXPRESSION FILE...: evaluates a JavaScript expression over the JSON files (r = first,
# rs = all); exit 0 when it is truthy, else prints it and exits 1
js() {
    local expr="$1"
    shift
    node -e '
        const fs = require("fs");
        const rs = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
        const r = rs[0];
        const v = (function () { return ('"$expr"'); })();
        if (!v) { console.error("false: " + process.argv[0 + 0] + " " + JSON.stringify(r.summary)); process.exit(1); }' "$@"
}

# no_secret FILE...: none of the planted secrets is in the files (outputs, cache files)
no_secret() {
    local f
    for f in "$@"; do
        if grep -aqF -e "$PASSWORD" -e "$AWS_KEY" -e "$TOKEN" "$f"; then
            echo "a planted secret is in $f" >&2
            return 1
        fi
    done
}
