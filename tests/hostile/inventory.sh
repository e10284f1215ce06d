#!/bin/bash
# inventory.sh: the component inventory on hostile and large repositories. Credentials in
# submodule and download URLs never reach a report or an SBOM; broken manifests and SBOMs are
# read as far as they can be (an unreadable SBOM is a notice, not a crash); a deeply nested YAML
# file, a huge manifest and thousands of vendored trees are read in bounded time; a license
# file behind a symbolic link out of the tree is not followed.
. "${MAMORI_SRC:?run the tests through ctest}/tests/lib/common.sh" || exit 1
scratch
cd "$SCRATCH" || fail cd
secret='ghp_9fK2mQ7xLw4ZrT8vN1bY6cP3sD0hJ5gU2eR7'
mkdir -p tree/main tree/outside-target
cat >tree/.gitmodules <<EOT
[submodule "lib/private"]
	path = lib/private
	url = https://ci-bot:$secret@github.com/acme/private-sdk.git
EOT
cat >tree/platformio.ini <<EOT
[env:dev]
lib_deps =
    https://deploy:$secret@git.example.invalid/acme/lib.git#main
EOT
cat >tree/CMakeLists.txt <<EOT
FetchContent_Declare(dep GIT_REPOSITORY https://token:$secret@gitlab.example.invalid/a/dep.git GIT_TAG v2.0.0)
EOT
# broken input: an SBOM that is not JSON, a manifest with garbage, invalid UTF-8, NUL bytes
printf '{"bomFormat": "CycloneDX", "components": [\n  {"name": "x",\n' >tree/bom.json
printf 'manifest:\n  projects:\n    - name: \xff\xfe\n      revision: [unclosed\n  - - -\n\t: :\n' >tree/west.yml
printf 'dependencies:\n  a/b: "\x00\x01"\n' >tree/main/idf_component.yml
# a YAML file nested 3000 levels deep
python3 - >tree/main/deep.yml <<'PY'
for i in range(3000):
    print(" " * i + "- k: v")
PY
cp tree/main/deep.yml tree/sbom.yml
# a license file that is a symbolic link out of the tree
printf 'Permission is hereby granted, free of charge\n' >tree/outside-target/LICENSE
mkdir -p tree/vendor/linked && ln -s "$SCRATCH/outside-target/LICENSE" tree/vendor/linked/LICENSE
mv tree/outside-target .

run_mamori text.out text.err scan --fail-on never --category component,credentials tree
check "scan succeeds" [ "$RC" -eq 0 ]
run_mamori json.out json.err scan --fail-on never --format json tree
run_mamori sarif.out sarif.err scan --fail-on never --format sarif tree
run_mamori cdx.out cdx.err sbom tree
check "sbom succeeds" [ "$RC" -eq 0 ]
run_mamori spdx.out spdx.err sbom --format spdx tree
for f in text.out text.err json.out sarif.out cdx.out spdx.out; do
    check "$f holds no credential" sh -c "! grep -q '${secret:4:20}' $f"
done
check "the submodule is in the SBOM without its credentials" grep -q '"https://github.com/acme/private-sdk.git"' cdx.out
check "the snippet masks the credentials" grep -qF '    https://***@git.example.invalid/acme/lib.git#main' text.out
check "the unreadable SBOM is a notice" grep -Eq 'bom.json:3:1: (warning|note): invalid JSON: unexpected end of input at line 3, column 1' text.err
check "the SBOMs are JSON" json_check cdx.out spdx.out
check "the symbolic link is not followed (no license component)" sh -c '! grep -q linked cdx.out'

# size: 20000 lib_deps, 3000 vendored trees with a license file and a version header, and an
# SBOM of 3000 components: bounded time (a quadratic merge would take minutes)
mkdir -p big
python3 - <<'PY'
import json, os
os.makedirs("big/main", exist_ok=True)
with open("big/platformio.ini", "w") as f:
    f.write("[env:big]\nlib_deps =\n")
    for i in range(20000):
        f.write("    owner%d/lib%d @ 1.%d.0\n" % (i % 97, i, i % 13))
comps = []
for i in range(3000):
    d = "big/third_party/pkg%04d" % i
    os.makedirs(d + "/include", exist_ok=True)
    open(d + "/LICENSE", "w").write("Permission is hereby granted, free of charge\n")
    open(d + "/include/cJSON.h", "w").write(
        "#define CJSON_VERSION_MAJOR 1\n#define CJSON_VERSION_MINOR %d\n#define CJSON_VERSION_PATCH 0\n" % (i % 50))
    comps.append({"type": "library", "name": "pkg%04d" % i, "version": "1.%d.0" % (i % 50)})
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": comps},
          open("big/bom.json", "w"), indent=1)
PY
start=$(date +%s)
RC=0
timeout 120 "$MAMORI" scan --fail-on never --category component -q --format json big >big.json 2>big.err || RC=$?
end=$(date +%s)
check "the big tree is scanned (exit $RC)" [ "$RC" -eq 0 ]
check "in bounded time ($((end - start)) s)" [ $((end - start)) -lt 60 ]
check "every lib_deps entry is found" [ "$(grep -c 'a PlatformIO library' big.json)" -eq 20000 ]
check "no SBOM entry is reported absent: each names a vendored tree" sh -c '! grep -q component-declared-absent big.json'
timeout 120 "$MAMORI" sbom big >big.cdx.json 2>big.cdx.err
check "the big SBOM is written: 20000 libraries and 3000 vendored trees" \
    [ "$(grep -c '"bom-ref": "[0-9]' big.cdx.json)" -eq 23000 ]
finish
