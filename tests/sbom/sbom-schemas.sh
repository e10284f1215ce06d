#!/bin/bash
# sbom-schemas.sh: `mamori sbom` writes valid CycloneDX 1.6 (the official schema, from the pinned
# @cyclonedx/cyclonedx-library) and valid SPDX 2.3 (tests/lib/spdx23-check.js: the rules of the
# specification, license ids against the SPDX list) for several trees; the documents use what
# the checks look at (so that they are not vacuous), the checks reject broken documents, the
# output is reproducible, and an SBOM written into the tree declares everything the scan finds.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
need_tools
scratch
cd "$SCRATCH" || fail "cd"
CDX="$MAMORI_TOOLS/@cyclonedx/cyclonedx-library/res/schema"
[ -f "$CDX/bom-1.6.SNAPSHOT.schema.json" ] || fail "the CycloneDX 1.6 schema is not installed in $CDX"
export SOURCE_DATE_EPOCH=1700000000

# the trees: the CLI tree, an empty one, a git work tree whose submodule has a real gitlink, and
# every fixture tree of the component rules
cp -R "$MAMORI_SRC/tests/trees/components" comp
mkdir empty
cp -R "$MAMORI_SRC/tests/trees/components" repo
gitlink=0123456789abcdef0123456789abcdef01234567
git -C repo init -q && git -C repo add . &&
    git -C repo update-index --add --cacheinfo "160000,$gitlink,lib/littlefs" &&
    git -C repo -c user.name=t -c user.email=t@example.invalid commit -qm tree || fail "git"
for t in "$MAMORI_SRC"/rules/component/*.tree; do
    cp -R "$t" "fx-$(basename "$t" .tree)"
done
trees=(comp empty repo fx-*)
for t in "${trees[@]}"; do
    for fmt in cyclonedx spdx; do
        ext=$([ $fmt = cyclonedx ] && echo cdx || echo spdx)
        run_mamori "$t.$ext.json" "$t.$ext.err" sbom --format $fmt "$t"
        [ "$RC" -eq 0 ] || { show "$t.$ext.err"; fail "mamori sbom --format $fmt $t exited $RC"; }
    done
done
check "the documents are valid UTF-8 JSON" json_check ./*.json
if node "$LIB_DIR/cdx-validate.js" "$CDX" ./*.cdx.json >cdx.out 2>&1; then
    echo "ok: ${#trees[@]} CycloneDX documents valid against bom-1.6.schema.json"
else
    show cdx.out
    check "CycloneDX documents valid against bom-1.6.schema.json" false
fi
if node "$LIB_DIR/spdx23-check.js" "$CDX/spdx.SNAPSHOT.schema.json" ./*.spdx.json >spdx.out 2>&1; then
    echo "ok: ${#trees[@]} SPDX documents valid SPDX 2.3"
else
    show spdx.out
    check "SPDX documents valid SPDX 2.3" false
fi

# the documents use what the checks look at
check "the documents cover the formats" node -e '
    const fs = require("fs");
    const cdx = process.argv.slice(1).filter((f) => f.endsWith(".cdx.json")).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    const spdx = process.argv.slice(1).filter((f) => f.endsWith(".spdx.json")).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    const cs = cdx.flatMap((d) => d.components);
    const ps = spdx.flatMap((d) => d.packages);
    const prop = (c, n) => (c.properties || []).find((p) => p.name === n);
    const want = [
        ["cdx: an empty document", cdx.some((d) => !d.components.length)],
        ["cdx: license expression", cs.some((c) => c.licenses && c.licenses[0].expression)],
        ["cdx: license name", cs.some((c) => c.licenses && c.licenses[0].license)],
        ["cdx: supplier", cs.some((c) => c.supplier)],
        ["cdx: group", cs.some((c) => c.group)],
        ["cdx: purl", cs.some((c) => c.purl)],
        ["cdx: cpe", cs.some((c) => c.cpe)],
        ["cdx: vcs reference", cs.some((c) => c.externalReferences)],
        ["cdx: type platform", cs.some((c) => c.type === "platform")],
        ["cdx: type framework", cs.some((c) => c.type === "framework")],
        ["cdx: the gitlink commit", cs.some((c) => (prop(c, "mamori:commit") || {}).value === "'"$gitlink"'")],
        ["cdx: support end", cs.some((c) => prop(c, "mamori:support-until"))],
        ["spdx: supplier", ps.some((p) => /^(Organization|Person): /.test(p.supplier || ""))],
        ["spdx: licenseDeclared", ps.some((p) => p.licenseDeclared && p.licenseDeclared !== "NOASSERTION")],
        ["spdx: licenseComments", ps.some((p) => p.licenseComments)],
        ["spdx: purl", ps.some((p) => (p.externalRefs || []).some((r) => r.referenceType === "purl"))],
        ["spdx: cpe23Type", ps.some((p) => (p.externalRefs || []).some((r) => r.referenceType === "cpe23Type"))],
        ["spdx: git download location", ps.some((p) => /^git\+https:/.test(p.downloadLocation))],
        ["spdx: validUntilDate", ps.some((p) => p.validUntilDate)],
    ];
    let bad = 0;
    for (const [what, ok] of want) if (!ok) { console.error("not covered: " + what); bad++; }
    process.exit(bad ? 1 : 0);' ./*.json

# the checks reject broken documents
mutants=()
mutate() { # NAME SOURCE JS-STATEMENTS-ON-d
    node -e '
        const fs = require("fs");
        const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
        (function () { '"$3"' }).call(null);
        fs.writeFileSync(process.argv[2], JSON.stringify(d));' "$2" "mut-$1" || fail "cannot make mutant $1"
    mutants+=("mut-$1")
}
mutate bom-format.cdx.json comp.cdx.json 'd.bomFormat = "CycloneDXX";'
mutate version.cdx.json comp.cdx.json 'd.version = "1";'
mutate serial.cdx.json comp.cdx.json 'd.serialNumber = "urn:uuid:1234";'
mutate no-name.cdx.json comp.cdx.json 'delete d.components[0].name;'
mutate component-type.cdx.json comp.cdx.json 'd.components[0].type = "plugin";'
mutate license-id.cdx.json comp.cdx.json 'd.components.find((c) => c.licenses).licenses = [{"license": {"id": "Not-A-License-1.0"}}];'
mutate timestamp.cdx.json comp.cdx.json 'd.metadata.timestamp = "yesterday";'
mutate spdx-id.spdx.json comp.spdx.json 'd.packages[1].SPDXID = "SPDXRef-has_underscore";'
mutate download.spdx.json comp.spdx.json 'delete d.packages[1].downloadLocation;'
mutate license.spdx.json comp.spdx.json 'd.packages.find((p) => p.licenseDeclared && p.licenseDeclared !== "NOASSERTION").licenseDeclared = "Apache-2.0 OR Foo-License";'
mutate relationship.spdx.json comp.spdx.json 'd.relationships[1].relatedSpdxElement = "SPDXRef-nowhere";'
mutate category.spdx.json comp.spdx.json 'd.packages.find((p) => p.externalRefs).externalRefs[0].referenceCategory = "PACKAGE_MANAGERS";'
mutate created.spdx.json comp.spdx.json 'd.creationInfo.created = "2023-11-14 22:13:20";'
mutate extra-field.spdx.json comp.spdx.json 'd.packages[1].homepageUrl = "https://example.invalid";'
node "$LIB_DIR/cdx-validate.js" "$CDX" mut-*.cdx.json >mutants.out 2>&1
node "$LIB_DIR/spdx23-check.js" "$CDX/spdx.SNAPSHOT.schema.json" mut-*.spdx.json >>mutants.out 2>&1
for m in "${mutants[@]}"; do
    check "the checks reject $m" grep -qFx "$m invalid" mutants.out
done

# reproducible: the same bytes twice, and through --output
run_mamori again.cdx.json again.err sbom comp
check "the same tree gives the same CycloneDX document" cmp -s comp.cdx.json again.cdx.json
run_mamori out.stdout out.err sbom --format spdx --output written.spdx.json comp
check "--output writes what stdout shows" cmp -s comp.spdx.json written.spdx.json
check "--output leaves stdout empty" test ! -s out.stdout
check "--output says where it wrote" contains out.err "components written to written.spdx.json"

# an SBOM in the tree declares what the scan finds: no undeclared component, no version differs
run_mamori before.txt before.err scan --fail-on never comp
check "before: the scan reports undeclared components" contains before.txt "[component-undeclared]"
for fmt in cyclonedx spdx; do
    rm -rf rt && cp -R "$MAMORI_SRC/tests/trees/components" rt
    run_mamori /dev/null rt.err sbom --format $fmt --output \
        "rt/sbom.$([ $fmt = cyclonedx ] && echo cdx || echo spdx).json" rt
    run_mamori after.txt after.err scan --fail-on never rt
    check "after ($fmt): nothing undeclared" sh -c '! grep -q "component-undeclared\|component-version-mismatch\|component-sbom-missing" after.txt'
done
finish
