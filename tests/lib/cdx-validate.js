// cdx-validate.js SCHEMA_DIR FILE...: validates CycloneDX 1.6 JSON documents against the official
// schema that the pinned @cyclonedx/cyclonedx-library ships (res/schema), the way that library's
// own validator loads it: the SPDX license list and JSF schemas under the ids the BOM schema
// refers to, remote schemas disabled. Prints "FILE valid" or "FILE invalid" and the errors.
'use strict';
const fs = require('fs');
const path = require('path');
const tools = process.env.MAMORI_TOOLS;
const Ajv = require(path.join(tools, 'ajv')).default;
const addFormats = require(path.join(tools, 'ajv-formats')).default;

const [dir, ...files] = process.argv.slice(2);
const load = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const ajv = new Ajv({
    strict: false,
    strictSchema: false,
    allErrors: true,
    useDefaults: false,
    schemas: {
        'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': load('spdx.SNAPSHOT.schema.json'),
        'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': load('jsf-0.82.SNAPSHOT.schema.json'),
    },
    loadSchema: (uri) => { throw new Error('remote schemas are disabled: ' + uri); },
});
addFormats(ajv);
// ajv-formats has no IRI formats; our URLs are ASCII, so the URI forms are the stricter check
ajv.addFormat('iri-reference', ajv.formats['uri-reference']);
ajv.addFormat('iri', ajv.formats['uri']);
ajv.addFormat('idn-email', ajv.formats['email']);
const validate = ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
let bad = 0;
for (const f of files) {
    const doc = JSON.parse(fs.readFileSync(f, 'utf8'));
    if (validate(doc)) {
        console.log(f + ' valid');
    } else {
        bad++;
        console.log(f + ' invalid');
        for (const e of validate.errors) console.log('  ' + e.instancePath + ' ' + e.message);
    }
}
process.exit(bad ? 1 : 0);
