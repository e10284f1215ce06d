#!/bin/bash
# schemas-compile.sh: the project's JSON Schemas are valid draft-07 schemas that a strict
# validator compiles (no unknown keywords, no ignored constraints).
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
need_tools
n=0
for schema in "$MAMORI_SRC/checker/schema/"*.schema.json "$MAMORI_SRC/rules/rule.schema.json"; do
    check "$schema compiles" node "$MAMORI_TOOLS/ajv-cli/dist/index.js" compile -s "$schema" \
        -c ajv-formats --strict=true
    n=$((n + 1))
done
[ "$n" -ge 2 ] || fail "expected at least 2 schemas, found $n"
finish
