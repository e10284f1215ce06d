#!/bin/bash
# ci-formats.sh: the CI report formats against their documented shapes.
#   github       every line a workflow command ::error|warning|notice file=,line=,col=,endLine=,
#                endColumn=,title=::message, with actions/toolkit's escaping (data: % CR LF;
#                properties: also : and ,): a hostile file name comes back intact, and can
#                neither end a command early nor start another
#   gitlab-sast  valid against tests/schema/gitlab-sast-report.schema.json (GitLab's SAST
#                report format 15.1.4), one vulnerability per unsuppressed finding
#   junit        well-formed (xmllint) and valid against tests/schema/junit.xsd; a failed test
#                case per rule with findings at --fail-on, so the report agrees with the exit code
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
need_tools
command -v xmllint >/dev/null || fail "xmllint is not installed (Debian: libxml2-utils)"
scratch
cd "$SCRATCH" || fail cd
cp -R "$MAMORI_SRC/examples" examples
# a hostile file name: comma, colon, percent, a newline, and what looks like a second command
mkdir hostile
name=$'a,b:c%0A d\n::error file=x::injected.c'
printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); } // 100%%\n' >"hostile/$name"
printf 'void g(char *d, const char *s) { extern char *strcat(char *, const char *); strcat(d, s); }\n' >hostile/plain.c
export SOURCE_DATE_EPOCH=1700000000

# --- github
for tree in examples hostile; do
    run_mamori gh.$tree gh.$tree.err scan --no-policy --fail-on warning --format github $tree
    [ "$RC" -eq 1 ] || { show gh.$tree.err; fail "github format of $tree exited $RC"; }
    # suppressed findings are in the JSON (with their reason), not annotated
    n_find=$("$MAMORI" scan --no-policy -q --format json $tree | grep -c '"rule_id".*"suppressed": null')
    n_ann=$(grep -c '^::\(error\|warning\|notice\) ' gh.$tree)
    check "github/$tree: one annotation per finding ($n_ann of $n_find)" test "$n_ann" = "$n_find"
    shape='^::(error|warning|notice) file=[^,:]+,line=[0-9]+,col=[0-9]+,endLine=[0-9]+,endColumn=[0-9]+,title=[^,:]+::[^[:cntrl:]]*$'
    bad=$(grep '^::' gh.$tree | grep -cvE "$shape")
    check "github/$tree: every annotation has the documented shape ($bad do not)" test "$bad" = 0
    check "github/$tree: nothing but annotations and the summary" test \
        "$(grep -cv '^::' gh.$tree)" = 1
    check "github/$tree: the last line is the summary" bash -c "tail -1 gh.$tree | grep -q '^mamori: [0-9]* error'"
done
check "github: the newline in the file name is %0A, not a new line" bash -c \
    "! grep -q '^::error file=x::injected' gh.hostile"
# unescape the hostile annotation's file property as the runner does, and compare
got=$(grep 'unsafe-strcpy' gh.hostile | sed -E 's/^::warning file=([^,]*),.*/\1/')
unesc=$(printf '%s' "$got" | sed -e 's/%0A/\n/g; s/%0D/\r/g; s/%3A/:/g; s/%2C/,/g; s/%25/%/g')
check "github: the file property unescapes to the file's name" test "$unesc" = "$name"
check "github: % in a message is %25" grep -q "unsafe-strcat" gh.hostile
check "github: properties escape : and ," grep -q 'title=unsafe-strcpy%3A ' gh.hostile

# --- gitlab-sast
for tree in examples hostile examples/esp-idf-sensor/fixed; do
    out=gl.$(echo $tree | tr / _).json
    run_mamori "$out" gl.err scan --no-policy --format gitlab-sast $tree
    [ "$RC" -le 1 ] || { show gl.err; fail "gitlab-sast of $tree exited $RC"; }
    check "gitlab-sast/$tree: valid JSON" json_check "$out"
    check "gitlab-sast/$tree: valid against the SAST report format 15.1.4" \
        ajv_validate "$MAMORI_SRC/tests/schema/gitlab-sast-report.schema.json" "$out"
    n_find=$("$MAMORI" scan --no-policy -q --format json $tree | grep -c '"suppressed": null')
    n_vuln=$(grep -c '"identifiers"' "$out")
    check "gitlab-sast/$tree: one vulnerability per finding ($n_vuln of $n_find)" test "$n_vuln" = "$n_find"
done
check "gitlab-sast: SOURCE_DATE_EPOCH gives the scan's time" grep -q '"start_time": "2023-11-14T22:13:20"' gl.examples.json
# the schema is not vacuous: a report without scan.analyzer, or with a bad severity, fails
sed 's/"analyzer"/"analyser"/' gl.examples.json >bad1.json
sed '0,/"severity": "High"/s//"severity": "Severe"/' gl.examples.json >bad2.json
for bad in bad1.json bad2.json; do
    if ajv_validate "$MAMORI_SRC/tests/schema/gitlab-sast-report.schema.json" $bad >/dev/null 2>&1; then
        check "gitlab-sast: the schema rejects $bad" false
    else
        check "gitlab-sast: the schema rejects $bad" true
    fi
done

# --- junit
for tree in examples hostile; do
    for fail_on in error warning never; do
        out=ju.$tree.$fail_on.xml
        run_mamori $out ju.err scan --no-policy --format junit --fail-on $fail_on $tree
        check "junit/$tree/$fail_on: well-formed" xmllint --noout $out
        check "junit/$tree/$fail_on: valid against tests/schema/junit.xsd" \
            xmllint --noout --schema "$MAMORI_SRC/tests/schema/junit.xsd" $out
        failures=$(sed -n 's/^<testsuites [^>]*failures="\([0-9]*\)".*/\1/p' $out)
        if [ "$RC" -eq 1 ]; then
            check "junit/$tree/$fail_on: exit 1 has failed test cases ($failures)" test "$failures" -gt 0
        else
            check "junit/$tree/$fail_on: exit $RC has none ($failures)" test "$failures" = 0
        fi
    done
done
check "junit: one test case per rule that ran" test "$(grep -c '<testcase ' ju.examples.error.xml)" = \
    "$("$MAMORI" rules list --format json | grep -c '"id"')"
check "junit: the hostile name is escaped, not markup" grep -q 'injected.c:2:' ju.hostile.warning.xml
finish
