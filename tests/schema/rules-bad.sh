#!/bin/bash
# rules-bad.sh: each file of tests/rules/bad is a rule with one mistake. mamori must reject it
# when it loads the pack (`--rules DIR`) with exit 2 and `file:line:col: error: ...` naming the
# mistake, as the file's first line says (`// expect: LINE:COL text`); and rules/rule.schema.json
# must reject it too (`// schema: text of the validator's error`), unless the second line says
# why the schema cannot (`// schema-accepts: why`).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
need_tools
scratch
mkdir "$SCRATCH/empty"
n=0
batch=()
for f in "$MAMORI_SRC"/tests/rules/bad/*.json; do
    name=$(basename "$f" .json)
    n=$((n + 1))
    expect=$(sed -n '1s|^// expect: ||p' "$f")
    pos=${expect%% *}
    text=${expect#* }
    [ -n "$expect" ] && [ "$pos" != "$expect" ] || { check "$name has an // expect: line" false; continue; }
    pack="$SCRATCH/$name"
    mkdir "$pack"
    cp "$f" "$pack/"
    run_mamori "$pack.out" "$pack.err" scan --no-policy --rules "$pack" "$SCRATCH/empty"
    want="$pack/$name.json:$pos: error: "
    first=$(head -n 1 "$pack.err")
    if [ "$RC" -eq 2 ] && [ "${first#"$want"}" != "$first" ] && contains "$pack.err" "$text" &&
        [ ! -s "$pack.out" ] && [ "$(wc -l <"$pack.err")" -eq 1 ]; then
        echo "ok: $name: mamori says $first"
    else
        check "$name: mamori exits 2 with '$want...$text' (got exit $RC: $first)" false
    fi

    node "$LIB_DIR/strip-comments.js" "$f" "$pack.json"
    schema=$(sed -n '2s|^// schema: ||p' "$f")
    if [ "$schema" = unparsable ]; then
        # the validator stops at a file it cannot parse: alone
        rc=0
        ajv_validate "$MAMORI_SRC/rules/rule.schema.json" "$pack.json" >"$pack.ajv" 2>&1 || rc=$?
        check "$name: the validator cannot parse it" [ "$rc" -ne 0 ]
    else
        batch+=("$pack.json")
    fi
done
[ "$n" -ge 40 ] || fail "found only $n bad rule files"

# the schema, over all of them at once (one validator start instead of sixty)
ajv_validate "$MAMORI_SRC/rules/rule.schema.json" "${batch[@]}" >"$SCRATCH/ajv.out" 2>&1
for json in "${batch[@]}"; do
    name=$(basename "$json" .json)
    f="$MAMORI_SRC/tests/rules/bad/$name.json"
    schema=$(sed -n '2s|^// schema: ||p' "$f")
    verdict=$(grep -A1 -Fx -e "$json invalid" -e "$json valid" "$SCRATCH/ajv.out")
    if [ -z "$schema" ]; then
        sed -n '2p' "$f" | grep -q '^// schema-accepts: ..' ||
            { check "$name: second line is // schema: or // schema-accepts:" false; continue; }
        check "$name: the schema accepts it (it cannot tell)" [ "${verdict%%$'\n'*}" = "$json valid" ]
    elif [ "${verdict#"$json invalid"}" != "$verdict" ] && [ "${verdict#*"$schema"}" != "$verdict" ]; then
        echo "ok: $name: the schema rejects it ($schema)"
    else
        printf '%s\n' "$verdict" >&2
        check "$name: the schema rejects it with '$schema'" false
    fi
done
finish
