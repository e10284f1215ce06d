#!/bin/bash
# report.sh: `mamori report` on examples/ (copied apart, no git around) in both languages and
# both formats: the six measures, the checklists and the sections are there; the HTML is
# self-contained (no script, no external asset) and passes `tidy -errors`; a report from a
# saved result (--from) is the report of the scan; strings from the repository are escaped;
# history secrets show commit, date and whether they are still at HEAD, never the value;
# bad input exits 2.
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
export SOURCE_DATE_EPOCH=1700000000
cp -R "$MAMORI_SRC/examples" "$SCRATCH/examples"
cd "$SCRATCH"

for lang in en ja; do
    for fmt in html markdown; do
        out="$SCRATCH/report-$lang.$fmt"
        run_mamori "$SCRATCH/stdout" "$SCRATCH/err" report --lang "$lang" --format "$fmt" \
            --output "$out" examples
        check "$lang/$fmt: exits 0" [ "$RC" -eq 0 ]
        check "$lang/$fmt: written" [ -s "$out" ]
        for m in 1 2 3 4 5 6; do
            if [ "$lang" = ja ]; then word="対策$m: "; else word="Measure $m: "; fi
            check "$lang/$fmt: measure $m" grep -qF "$word" "$out"
        done
        if [ "$lang" = ja ]; then
            for w in 製品 概要 規格のチェックリスト 'ETSI EN 303 645' 'JC-STAR ★1' \
                'EU サイバーレジリエンス法' 'コンポーネントと SBOM' 'git 履歴の秘密情報' \
                '違反あり' '静的解析では確認できない' 'ハードコードされた'; do
                check "$lang/$fmt: has $w" grep -qF "$w" "$out"
            done
        else
            for w in 'The product' 'Summary' 'Checklists of the standards' 'ETSI EN 303 645' \
                'JC-STAR star 1' 'EU Cyber Resilience Act, Annex I' 'Components and SBOM' \
                'Secrets in git history' 'violated' 'not checkable by static analysis'; do
                check "$lang/$fmt: has $w" grep -qF "$w" "$out"
            done
        fi
        # every ETSI provision, JC-STAR requirement and CRA item of the data has a row
        for id in 5.1-1 5.3-13 5.4-3 5.6-4 S1.1-02 S1.1-16 'I(2)(a)' 'II(5)'; do
            check "$lang/$fmt: checklist row $id" grep -qF "$id" "$out"
        done
        # a link to a finding's place, relative to the report
        check "$lang/$fmt: relative links into the tree" \
            grep -qE '(href="|\]\()examples/[a-z-]+/insecure/[^"#)]+#L[0-9]+' "$out"
    done
done

html="$SCRATCH/report-en.html"
check "html: no script" bash -c "! grep -qi '<script' '$html'"
check "html: no external asset" bash -c "! grep -qiE '(src|href)=\"(https?:)?//' '$html'"
check "html: print styles for A4" grep -qF '@page{size:A4' "$html"
check "html: lang attribute follows --lang" grep -qF '<html lang="ja">' "$SCRATCH/report-ja.html"
if command -v tidy >/dev/null; then
    for l in en ja; do
        tidy -errors -quiet "$SCRATCH/report-$l.html" >"$SCRATCH/tidy-$l.txt" 2>&1
        check "html ($l): tidy -errors finds no error" [ "$?" -eq 0 ]
        cat "$SCRATCH/tidy-$l.txt"
    done
else
    fail "tidy is not installed (checker/setup.sh installs it)"
fi

# a saved result gives the same report as the scan
run_mamori "$SCRATCH/result.json" "$SCRATCH/err" scan --format json --fail-on never examples
run_mamori "$SCRATCH/stdout" "$SCRATCH/err" report --lang en --from "$SCRATCH/result.json" \
    --output "$SCRATCH/from.html"
check "--from: exits 0" [ "$RC" -eq 0 ]
check "--from: the same report as scanning" cmp -s "$SCRATCH/from.html" "$html"

# LANG chooses the language when --lang is not given; LC_ALL=C says English
run_env "$SCRATCH/lang.md" "$SCRATCH/err" LANG=ja_JP.UTF-8 LC_ALL= LANGUAGE= -- \
    report --format markdown examples
check "LANG=ja_JP.UTF-8: Japanese" grep -qF '対策1: ' "$SCRATCH/lang.md"
run_env "$SCRATCH/c.md" "$SCRATCH/err" LANG=ja_JP.UTF-8 LC_ALL=C LANGUAGE=ja -- \
    report --format markdown examples
check "LC_ALL=C: English" grep -qF 'Measure 1: ' "$SCRATCH/c.md"

# strings from the repository are escaped: a file name and a secret's name with markup
mkdir -p "$SCRATCH/hostile/src"
cat >"$SCRATCH/hostile/src/x.c" <<'C'
#define PASSWORD_IMG_SRC_X "hunter2-very-secret"
void f(char *d, const char *s) { strcpy(d, s); }
C
cp "$SCRATCH/hostile/src/x.c" "$SCRATCH/hostile/src/<img src=x onerror=alert(1)>.c"
run_mamori "$SCRATCH/h.html" "$SCRATCH/err" report --format html "$SCRATCH/hostile"
check "hostile: exits 0" [ "$RC" -eq 0 ]
check "hostile: the file name is escaped" grep -qF '&lt;img src=x onerror=alert(1)&gt;.c' "$SCRATCH/h.html"
check "hostile: no raw markup from the tree" bash -c "! grep -qF '<img' '$SCRATCH/h.html'"
check "hostile: never the secret" bash -c "! grep -qF 'hunter2-very-secret' '$SCRATCH/h.html'"
run_mamori "$SCRATCH/h.md" "$SCRATCH/err" report --format markdown "$SCRATCH/hostile"
check "hostile markdown: markup escaped" grep -qF '\<img src=x onerror=alert(1)\>.c' "$SCRATCH/h.md"
check "hostile markdown: never the secret" bash -c "! grep -qF 'hunter2-very-secret' '$SCRATCH/h.md'"

# history: a key committed and then deleted is reported with its commit, not its value
repo="$SCRATCH/repo"
mkdir "$repo"
git -C "$repo" init -q
git -C "$repo" config user.email t@example.com
git -C "$repo" config user.name t
echo 'aws_access_key_id = AKIAZ7QRSTUVWXYZ2345' >"$repo/creds.ini"
echo 'int main(void) { return 0; }' >"$repo/main.c"
git -C "$repo" add . && GIT_AUTHOR_DATE='2024-03-01T09:30:00+09:00' git -C "$repo" commit -qm add
commit=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" rm -q creds.ini && git -C "$repo" commit -qm remove
run_mamori "$SCRATCH/hist.md" "$SCRATCH/err" report --lang en --format markdown --history "$repo"
check "history: exits 0" [ "$RC" -eq 0 ]
check "history: names the commit" grep -qF "${commit:0:12}" "$SCRATCH/hist.md"
check "history: names the date" grep -qF '2024-03-01' "$SCRATCH/hist.md"
check "history: gone from HEAD" grep -qE "${commit:0:12}.*\| no \|" "$SCRATCH/hist.md"
check "history: never the value" bash -c "! grep -qF 'AKIAZ7QRSTUVWXYZ2345' '$SCRATCH/hist.md'"
run_mamori "$SCRATCH/nohist.md" "$SCRATCH/err" report --lang en --format markdown "$repo"
check "no --history: says history was not scanned" grep -qF 'History was not scanned' "$SCRATCH/nohist.md"

# bad input
run_mamori "$SCRATCH/o" "$SCRATCH/e" report --format pdf examples
check "unknown format: exit 2" [ "$RC" -eq 2 ]
run_mamori "$SCRATCH/o" "$SCRATCH/e" report --lang fr examples
check "unknown language: exit 2" [ "$RC" -eq 2 ]
echo '{"x": 1}' >"$SCRATCH/bad.json"
run_mamori "$SCRATCH/o" "$SCRATCH/e" report --from "$SCRATCH/bad.json"
check "not a result: exit 2" [ "$RC" -eq 2 ]
check "not a result: names the file" grep -qF "bad.json:1:1: error:" "$SCRATCH/e"
echo '{"schema": ' >"$SCRATCH/trunc.json"
run_mamori "$SCRATCH/o" "$SCRATCH/e" report --from "$SCRATCH/trunc.json"
check "truncated JSON: exit 2" [ "$RC" -eq 2 ]
run_mamori "$SCRATCH/o" "$SCRATCH/e" report --from "$SCRATCH/result.json" examples
check "--from with PATH: exit 2" [ "$RC" -eq 2 ]
finish
