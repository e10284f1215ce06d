#!/bin/bash
# sbom-inventory.sh: what the inventory reads, end to end through `mamori sbom` and `mamori
# scan` — YAML a line reader could not read (a west manifest with anchors, aliases, merge keys
# and a flow list over lines gives the components of its expanded form; an idf_component.yml
# with block scalars and quoted keys; two documents; a YAML error, said with file, line and
# column), submodules in a real repository (the gitlink's commit as version, the tag a local
# repository knows at it, `branch =` no pin problem, a stale entry no component, a purl for a
# host the purl specification has no type for), a component the tree develops itself (nested
# under the product, never undeclared), and a PlatformIO project spread over extra_configs with
# extends and interpolation. Every document is valid CycloneDX 1.6 / SPDX 2.3.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
need_tools
scratch
cd "$SCRATCH" || fail "cd"
CDX="$MAMORI_TOOLS/@cyclonedx/cyclonedx-library/res/schema"
export SOURCE_DATE_EPOCH=1700000000
# name, version, url and purl of every component of a CycloneDX document, sorted
listing() {
    node -e '
        const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const rows = d.components.map((c) => [c.group ? c.group + "/" + c.name : c.name, c.version || "",
            ((c.externalReferences || [])[0] || {}).url || "", c.purl || ""].join(" "));
        console.log(rows.sort().join("\n"));' "$1"
}
prop() { # prop FILE NAME VERSION PROPERTY: a property of the component NAME at VERSION
    node -e '
        const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const c = d.components.find((c) => c.name === process.argv[2] &&
                                           (c.version || "") === process.argv[3]);
        const p = c && (c.properties || []).find((p) => p.name === process.argv[4]);
        console.log(p ? p.value : "");' "$@"
}

# --- west: anchors, aliases, merge keys and a flow list over lines, against the expanded form
mkdir -p anchors expanded
cat >anchors/west.yml <<'EOF'
# every project takes the defaults by a merge key; one is repeated by an alias
manifest:
  remotes:
    - &upstream {name: upstream,
                 url-base: https://github.com/zephyrproject-rtos}
    - name: acme
      url-base: https://git.example.invalid/acme
  defaults: &defaults
    remote: upstream
    revision: v3.7.0
  projects:
    - &zephyr
      name: zephyr
      <<: *defaults
      import: true
    - name: mcuboot
      <<: *defaults
      revision: v2.1.0
      groups: [bootloader,
               optional]
    - name: hal
      <<: [*defaults, {remote: acme, path: modules/hal}]
      revision: 0123456789abcdef0123456789abcdef01234567
EOF
cat >expanded/west.yml <<'EOF'
manifest:
  remotes:
    - name: upstream
      url-base: https://github.com/zephyrproject-rtos
    - name: acme
      url-base: https://git.example.invalid/acme
  projects:
    - name: zephyr
      remote: upstream
      revision: v3.7.0
      import: true
    - name: mcuboot
      remote: upstream
      revision: v2.1.0
      groups: [bootloader, optional]
    - name: hal
      remote: upstream
      path: modules/hal
      revision: 0123456789abcdef0123456789abcdef01234567
EOF
for t in anchors expanded; do
    run_mamori $t.cdx.json $t.err sbom $t
    check "west ($t): mamori sbom exits 0" test "$RC" -eq 0
    listing $t.cdx.json >$t.list
done
check "the manifest with anchors gives the components of its expanded form" cmp -s anchors.list expanded.list
check "... three of them" test "$(wc -l <anchors.list)" -eq 3
check "... mcuboot at its own revision" grep -qF "mcuboot v2.1.0 https://github.com/zephyrproject-rtos/mcuboot pkg:github/zephyrproject-rtos/mcuboot@v2.1.0" anchors.list
check "... hal from the remote its second merged map names" grep -qF "hal 0123456789abcdef0123456789abcdef01234567 https://github.com/zephyrproject-rtos/hal" anchors.list

# --- an idf_component.yml with block scalars, quoted keys and a flow map over lines
mkdir -p idf/main
cat >idf/main/idf_component.yml <<'EOF'
description: >
  the application,
  over two lines
"dependencies":
  "espressif/led_strip": {version: "2.5.3",
                          require: public}
  'espressif/mdns':
    version: |-
      1.4.0
  idf: ">=5.1"
EOF
run_mamori idf.cdx.json idf.err sbom idf
listing idf.cdx.json >idf.list
check "idf: the quoted key and the flow map over lines" grep -qF "espressif/led_strip 2.5.3" idf.list
check "idf: the version in a block scalar" grep -qF "espressif/mdns 1.4.0" idf.list

# --- two documents: the first is read, and the second is said
mkdir -p docs
printf '%s\n' 'manifest:' '  projects:' '    - name: first' '      url: https://github.com/acme/first' \
    '      revision: v1.0.0' '---' 'manifest:' '  projects:' '    - name: second' \
    '      url: https://github.com/acme/second' >docs/west.yml
run_mamori docs.txt docs.err scan -v --fail-on never docs
run_mamori docs.cdx.json docs.cdx.err sbom docs
check "two documents: the first is read" grep -qF '"name": "first"' docs.cdx.json
check "... the second is not" bash -c '! grep -qF "\"name\": \"second\"" docs.cdx.json'
check "... and a note says so, with its line and column" grep -qF "docs/west.yml:6:1: note: a second YAML document starts at line 6; only the first is read" docs.err

# --- a YAML error: what comes before it is read, and a warning names file, line and column
mkdir -p broken
printf '%s\n' 'manifest:' '  projects:' '    - name: kept' '      url: https://github.com/acme/kept' \
    '      revision: v1.0.0' '    - name: lost' '      revision: [v2' '  self: x' >broken/west.yml
run_mamori broken.txt broken.err scan --fail-on never broken
run_mamori broken.cdx.json broken.cdx.err sbom broken
check "a YAML error: what comes before it is read" grep -qF '"name": "kept"' broken.cdx.json
check "... and a warning names file, line and column" grep -qF "broken/west.yml:8:7: warning: not read as YAML past line 8, column 7: did not find expected ',' or ']'" broken.err
printf 'manifest:\n  projects:\n    - name: \xff\xfe\n' >broken/west.yml
run_mamori utf8.txt utf8.err scan --fail-on never broken
check "invalid UTF-8: a warning with the byte" grep -qF "broken/west.yml:3:13: warning: not read as YAML past line 3, column 13: invalid leading UTF-8 octet (byte 0xFF)" utf8.err

# --- submodules in a real repository
mkdir -p up && git -C up init -q && echo lib >up/lib.c && git -C up add . &&
    git -C up -c user.name=t -c user.email=t@example.invalid commit -qm one &&
    git -C up tag v1.4.0 && echo more >>up/lib.c &&
    git -C up -c user.name=t -c user.email=t@example.invalid commit -qam two || fail "git up"
tagged=$(git -C up rev-parse v1.4.0)
head2=$(git -C up rev-parse HEAD)
mkdir -p sub && git -C sub init -q || fail "git sub"
git -C sub -c protocol.file.allow=always submodule --quiet add "$SCRATCH/up" lib/tagged >/dev/null 2>&1 &&
    git -C sub/lib/tagged checkout -q v1.4.0 && git -C sub add lib/tagged || fail "submodule add"
git -C sub update-index --add --cacheinfo "160000,$head2,lib/other" || fail "gitlink"
cat >sub/.gitmodules <<EOF
[submodule "lib/tagged"]
	path = lib/tagged
	url = https://github.com/acme/tagged.git
	branch = main
[submodule "lib/other"]
	path = lib/other
	url = https://git.example.invalid/acme/other.git
[submodule "lib/stale"]
	path = lib/stale
	url = https://github.com/acme/stale.git
EOF
git -C sub add .gitmodules && git -C sub -c user.name=t -c user.email=t@example.invalid commit -qm tree ||
    fail "commit"
run_mamori sub.cdx.json sub.err sbom sub
run_mamori sub.txt sub.txt.err scan --fail-on never sub
listing sub.cdx.json >sub.list
check "a submodule: the tag its commit has, as the version" grep -qF "tagged v1.4.0 https://github.com/acme/tagged.git pkg:github/acme/tagged@$tagged" sub.list
check "... its commit in the SBOM" grep -qF "\"value\": \"$tagged\"" sub.cdx.json
check "no tag known: the gitlink's commit is the version" grep -qF "other $head2 " sub.list
check "... and a generic purl with the repository" grep -qF "pkg:generic/other@$head2?vcs_url=git%2Bhttps://git.example.invalid/acme/other.git%40$head2" sub.list
check "a .gitmodules entry with no gitlink is no component" bash -c '! grep -q stale sub.list'
check "branch = is no pin problem: the gitlink pins the commit" bash -c '! grep -q "component-unpinned" sub.txt'

# --- a component the tree develops itself
mkdir -p esp-widget/components/widget esp-widget/main esp-widget/components/thirdparty
printf '%s\n' 'version: "1.16.0"' 'repository: https://github.com/acme/esp-widget.git' \
    'dependencies:' '  espressif/mdns: "1.4.0"' >esp-widget/components/widget/idf_component.yml
printf 'Permission is hereby granted, free of charge\n' >esp-widget/components/widget/LICENSE
printf '%s\n' 'version: "2.0.0"' 'repository: https://github.com/other/thirdparty.git' \
    >esp-widget/components/thirdparty/idf_component.yml
run_mamori own.cdx.json own.err sbom esp-widget
run_mamori own.txt own.txt.err scan --fail-on never esp-widget
check "first-party: nested under the product" node -e '
    const d = JSON.parse(require("fs").readFileSync("own.cdx.json", "utf8"));
    const own = d.metadata.component.components || [];
    process.exit(own.length === 1 && own[0].name === "widget" && own[0].version === "1.16.0" &&
                 !d.components.some((c) => c.name === "widget") ? 0 : 1);'
check "... a component of another repository is third-party" grep -qF '"name": "thirdparty"' own.cdx.json
check "... and never reported as undeclared: only the third-party ones are listed" \
    grep -qF "2 third-party components found and none declared: thirdparty 2.0.0 and espressif/mdns 1.4.0:" own.txt

# --- PlatformIO: environments over two files, extends, interpolation, custom lists
mkdir -p pio/envs
cat >pio/platformio.ini <<'EOF'
[platformio]
extra_configs = envs/*.ini

[common]
lib_deps =
    bblanchon/ArduinoJson @ 7.2.1
    ${this.board_libs}
tools = platformio/toolchain-xtensa @ 12.2.0

[env]
platform = espressif32 @ 6.9.0
platform_packages = ${common.tools}
lib_deps = ${common.lib_deps}

[scripts]
shared_lib_deps = mcspr/RPNlib @ 0.24.1
EOF
cat >pio/envs/boards.ini <<'EOF'
[env:one]
board_libs = knolleary/PubSubClient @ 2.8

[env:two]
extends = env:one
board_libs = knolleary/PubSubClient @ 2.7
lib_deps = ${env.lib_deps}
    https://github.com/acme/helper.git#v1.0.0, file://../local
EOF
run_mamori pio.cdx.json pio.err sbom pio
listing pio.cdx.json >pio.list
check "pio: the platform of [env], with its owner" grep -qF "platformio/espressif32 6.9.0" pio.list
check "pio: a package through interpolation, owner kept" grep -qF "platformio/toolchain-xtensa 12.2.0" pio.list
check "pio: \${this.x}: each environment's own version" bash -c 'grep -qF "knolleary/PubSubClient 2.8 " pio.list && grep -qF "knolleary/PubSubClient 2.7 " pio.list'
check "pio: ... each saying where it is used" \
    test "$(prop pio.cdx.json PubSubClient 2.8 mamori:used-by) $(prop pio.cdx.json PubSubClient 2.7 mamori:used-by)" = "env:one env:two"
check "pio: what every environment uses, said so" \
    test "$(prop pio.cdx.json ArduinoJson 7.2.1 mamori:used-by)" = "every environment (2)"
check "pio: a list a script reads" grep -qF "mcspr/RPNlib 0.24.1" pio.list
check "pio: ... used by no environment, said so" test "$(prop pio.cdx.json RPNlib 0.24.1 mamori:used-by)" = "[scripts] shared_lib_deps"
check "pio: a repository with #tag on an old-style list" grep -qF "helper v1.0.0 https://github.com/acme/helper.git pkg:github/acme/helper@v1.0.0" pio.list
check "pio: no local library" bash -c '! grep -q local pio.list'
check "pio: the build tool is not in the firmware" node -e '
    const d = JSON.parse(require("fs").readFileSync("pio.cdx.json", "utf8"));
    const t = d.components.find((c) => c.name === "toolchain-xtensa");
    process.exit(t && t.scope === "excluded" ? 0 : 1);'
check "pio: where ArduinoJson is written" grep -qF '"evidence": {"occurrences": [{"location": "platformio.ini", "line": 6}]}' pio.cdx.json

# every document of this test is valid
for t in anchors idf docs sub esp-widget pio; do
    run_mamori "v-$t.spdx.json" v.err sbom --format spdx "$t"
done
node "$LIB_DIR/cdx-validate.js" "$CDX" ./*.cdx.json >cdx.out 2>&1 || { show cdx.out; check "CycloneDX valid" false; }
node "$LIB_DIR/spdx23-check.js" "$CDX/spdx.SNAPSHOT.schema.json" v-*.spdx.json >spdx.out 2>&1 ||
    { show spdx.out; check "SPDX valid" false; }
check "the SPDX document says the build tool builds the product" grep -qF '"relationshipType": "BUILD_TOOL_OF"' v-pio.spdx.json
check "... and that the product contains its own component" grep -qF '"relationshipType": "CONTAINS"' v-esp-widget.spdx.json
finish
