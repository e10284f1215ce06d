#!/bin/bash
# rule-files.sh: every rule file of the built-in packs (rules/**/*.json, except schemas and
# fixture trees) and of the test pack tests/rules/good, which uses every field of the format,
# is valid against rules/rule.schema.json; and mamori loads the test pack (so that the schema
# and the loader agree on valid rules; tests/schema/rules-bad.sh does the invalid ones).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
need_tools
scratch
mapfile -t files < <(find "$MAMORI_SRC/rules" "$MAMORI_SRC/tests/rules/good" -name '*.json' \
    ! -name '*.schema.json' ! -path '*.tree/*' | sort)
[ "${#files[@]}" -ge 8 ] || fail "found only ${#files[@]} rule files; is MAMORI_SRC right?"
stripped=()
for f in "${files[@]}"; do
    # rule files may hold comments, a JSON Schema validator does not read them
    out="$SCRATCH/$(printf '%s' "${f#"$MAMORI_SRC"/}" | tr '/' '~')"
    node "$LIB_DIR/strip-comments.js" "$f" "$out" || fail "cannot read $f"
    stripped+=("$out")
done
ajv_validate "$MAMORI_SRC/rules/rule.schema.json" "${stripped[@]}" >"$SCRATCH/ajv.out" 2>&1 ||
    { show "$SCRATCH/ajv.out"; fail "rule files do not validate against rules/rule.schema.json"; }
valid=$(grep -c ' valid$' "$SCRATCH/ajv.out")
[ "$valid" -eq "${#files[@]}" ] ||
    { show "$SCRATCH/ajv.out"; fail "validator reported $valid valid files of ${#files[@]}"; }
echo "ok: ${#files[@]} rule files valid against rules/rule.schema.json"

# the loader takes the test pack (a fixture tree's library.json in it is not a rule)
run_mamori "$SCRATCH/list.out" "$SCRATCH/list.err" rules list --rules "$MAMORI_SRC/tests/rules/good"
[ "$RC" -eq 0 ] || { show "$SCRATCH/list.err"; fail "mamori rules list --rules tests/rules/good exited $RC"; }
for f in "$MAMORI_SRC"/tests/rules/good/*.json; do
    id=$(basename "$f" .json)
    check "mamori loaded $id" grep -q "^  $id " "$SCRATCH/list.out"
done
finish
