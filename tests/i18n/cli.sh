#!/bin/bash
# cli.sh: the language of the command line. `--lang ja` or LANG=ja_JP.UTF-8 gives Japanese
# messages in text output (and the summary), SARIF message.text and rules' descriptions, JSON
# messages, help and errors; English otherwise; fingerprints do not depend on the language.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
# run_env OUT ERR VAR=VALUE... -- ARGS...: run_mamori with these environment variables
run_env() {
    local out="$1" err="$2" vars=()
    shift 2
    while [ "$1" != -- ]; do
        vars+=("$1")
        shift
    done
    shift
    RC=0
    env "${vars[@]}" "$MAMORI" "$@" >"$out" 2>"$err" || RC=$?
    if grep -qE 'ERROR: [A-Za-z]+Sanitizer|runtime error:' "$err"; then
        cat "$err" >&2
        fail "sanitizer report from: mamori $*"
    fi
}
scratch
cp -R "$MAMORI_SRC/tests/trees/small" "$SCRATCH/tree" 2>/dev/null || {
    mkdir -p "$SCRATCH/tree"
}
cat >"$SCRATCH/tree/copy.c" <<'C'
void y(char *d, const char *s) { strcpy(d, s); }
C
cd "$SCRATCH"
run_mamori out.txt err.txt scan --lang ja --fail-on never tree
check "text: exits 0" [ "$RC" -eq 0 ]
check "text: the message in Japanese" grep -qF 'へコピーします' out.txt
check "text: rule ids stay" grep -qF '[unsafe-strcpy]' out.txt
check "text: the summary in Japanese" grep -qE 'ファイルでエラー [0-9]+ 件、警告 [0-9]+ 件' out.txt
run_mamori out-en.txt err-en.txt scan --lang en --fail-on never tree
check "text --lang en: English" grep -qF 'copies into d with no bound' out-en.txt
run_env env.txt err.txt LANG=ja_JP.UTF-8 LC_ALL= LANGUAGE= -- scan --fail-on never tree
check "LANG=ja_JP.UTF-8: Japanese" grep -qF 'へコピーします' env.txt
run_env envc.txt err.txt LANG=ja_JP.UTF-8 LC_ALL=C.UTF-8 -- scan --fail-on never tree
check "LC_ALL=C.UTF-8 over LANG: English" grep -qF 'copies into d' envc.txt

run_mamori sarif.json err.txt scan --lang ja --format sarif --fail-on never tree
python3 - sarif.json <<'PY'
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
run = s["runs"][0]
res = [r for r in run["results"] if r["ruleId"] == "unsafe-strcpy"]
assert res and "へコピーします" in res[0]["message"]["text"], res
rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
r = rules["unsafe-strcpy"]
assert "文字列のコピー" in r["shortDescription"]["text"], r["shortDescription"]
assert "文字列のコピー" in r["fullDescription"]["text"] or r["fullDescription"]["text"], r
PY
check "SARIF: message.text and the rule's description in Japanese" [ "$?" -eq 0 ]
run_mamori ja.json err.txt scan --lang ja --format json --fail-on never tree
run_mamori en.json err.txt scan --lang en --format json --fail-on never tree
python3 - ja.json en.json <<'PY'
import json, sys
ja, en = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert [f["fingerprint"] for f in ja["findings"]] == [f["fingerprint"] for f in en["findings"]]
assert ja["findings"][0]["message"] != en["findings"][0]["message"]
PY
check "JSON: messages follow the language, fingerprints do not" [ "$?" -eq 0 ]

run_mamori help.txt err.txt help
run_env helpja.txt err.txt LANG=ja_JP.UTF-8 -- help
check "help in Japanese" grep -qF '使い方: mamori <コマンド>' helpja.txt
check "help in English without LANG" grep -qF 'usage: mamori <command>' help.txt
run_mamori o.txt e.txt scan --lang ja --fail-on sometimes tree
check "an error in Japanese: exit 2" [ "$RC" -eq 2 ]
check "an error in Japanese: text" grep -qF 'mamori: error: --fail-on には' e.txt
run_mamori o.txt e.txt scan --lang xx tree
check "--lang xx: exit 2" [ "$RC" -eq 2 ]
run_mamori show.txt e.txt rules show unsafe-strcpy
run_env showja.txt e.txt LANG=ja_JP.UTF-8 -- rules show unsafe-strcpy
check "rules show: the title in Japanese" grep -qF '長さの制限のない文字列のコピー' showja.txt
# notices (stderr) follow the language too, also when the scan cache holds the file's results
# from an English run: the cache keeps one set per language
mkdir -p "$SCRATCH/conf" && cd "$SCRATCH/conf"
git init -q . && git config user.email t@example.com && git config user.name t
printf 'CONFIG_NET_SHELL=y\nthis is not an assignment\n' >prj.conf
git add prj.conf && git commit -qm init
export XDG_CACHE_HOME="$SCRATCH/xdg"
run_mamori en-n.txt en-n.err scan --lang en --fail-on never .
check "notice in English" grep -qF 'not a Kconfig assignment' en-n.err
run_mamori ja-n.txt ja-n.err scan --lang ja --fail-on never .
check "notice in Japanese after an English run with the cache" grep -qF 'Kconfig の代入' ja-n.err
check "  and no English left in it" sh -c '! grep -qF "not a Kconfig assignment" ja-n.err'
run_mamori en-n2.txt en-n2.err scan --lang en --fail-on never .
check "English again from the cache" grep -qF 'not a Kconfig assignment' en-n2.err
cd "$SCRATCH"
finish
