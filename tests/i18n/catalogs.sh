#!/bin/bash
# catalogs.sh: tests/i18n/check.py passes on the repository (every rule's Japanese title,
# message and help, placeholders, code blocks, glossary, catalogs up to date, standards ids), and
# fails on copies broken on purpose, one way each.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
python3 "$MAMORI_SRC/tests/i18n/check.py" "$MAMORI_SRC"
check "the catalogs are complete and faithful" [ "$?" -eq 0 ]

copy() {
    rm -rf "$SCRATCH/r"
    mkdir -p "$SCRATCH/r/checker"
    cp -R "$MAMORI_SRC/i18n" "$SCRATCH/r/"
    (cd "$MAMORI_SRC" && find rules -name '*.json' ! -path '*.tree/*' -print0 |
        tar --null -T - -cf -) | tar -xf - -C "$SCRATCH/r"
    cp -R "$MAMORI_SRC/checker/data" "$SCRATCH/r/checker/"
}
broken() { # broken WHAT PYTHON-EDIT: the check must fail on the copy edited so
    copy
    python3 - "$SCRATCH/r" <<<"$2"
    python3 "$MAMORI_SRC/tests/i18n/check.py" "$SCRATCH/r" >"$SCRATCH/out" 2>&1
    check "fails when $1" [ "$?" -ne 0 ]
}
po='import sys; p = sys.argv[1] + "/i18n/ja/mamori-rules.po"; s = open(p, encoding="utf-8").read()'
save='; open(p, "w", encoding="utf-8").write(s)'
broken "a placeholder is lost" "$po; s = s.replace('{callee} は長さの制限なしに {arg0} へコピーします', '{callee} は長さの制限なしにコピーします', 1)$save"
broken "a placeholder is added" "$po; s = s.replace('GitHub トークン（{value}）', 'GitHub トークン（{value} {name}）', 1)$save"
broken "a title is the English copied" "$po; s = s.replace('msgstr \"MD5 または SHA-1 のダイジェスト計算\"', 'msgstr \"MD5 or SHA-1 digest computed\"', 1)$save"
broken "a message is missing" "$po; s = s.replace('msgstr \"{callee} は予測可能な生成器で、その値は {detail} に使われます。{replacement} を使ってください\"', 'msgstr \"\"', 1)$save"
broken "a glossary term is not used" "$po; s = s.replace('脆弱性の報告方法を示すセキュリティポリシーがない', '脆弱点の報告方法を示すセキュリティポリシーがない', 1)$save"
broken "a rule is added and not translated" 'import sys, json; d = sys.argv[1] + "/rules/crypto/"; r = json.load(open(d + "crypto-weak-hash.json")); r["id"] = "crypto-new"; r["title"] = "A new rule"; r["message"] = "new {callee}"; r["help"] = "## New"; json.dump(r, open(d + "crypto-new.json", "w"))'
broken "a rule maps to a provision the data does not list" 'import sys, json; p = sys.argv[1] + "/rules/crypto/crypto-weak-hash.json"; r = json.load(open(p)); r["standards"]["etsi"].append("9.9-9"); json.dump(r, open(p, "w"))'
broken "a translated help changes a code block" "$po; i = s.index('msgstr', s.index('#. unsafe-strcpy help')); j = s.index('\`\`\`c', i); s = s[:j] + '\`\`\`c\\\\n/* x */' + s[j + 4:]$save"
broken "a help loses its translation" "$po; i = s.index('msgstr', s.index('#. unsafe-gets help')); j = s.index('\n\n', i); s = s[:i] + 'msgstr \"\"' + s[j:]$save"
broken "a rule listed as to do is translated" 'import sys; p = sys.argv[1] + "/i18n/ja/help-todo.txt"; open(p, "a").write("unsafe-gets\n")'
finish
