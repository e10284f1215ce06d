// spdx23-check.js LICENSE_LIST FILE...: checks SPDX 2.3 JSON documents against the rules of the
// SPDX 2.3 specification (clauses 6, 7, 11 and annex D): required fields, the allowed fields of
// a document and a package, identifier syntax, the enumerations of reference categories, package
// purposes and relationship types, date syntax, identifiers that relationships name, and license
// expressions whose identifiers are on the SPDX license list (LICENSE_LIST: the list as the
// pinned CycloneDX library ships it, spdx.SNAPSHOT.schema.json) or LicenseRef-. No npm package
// ships SPDX's own JSON schema, so these checks are written from the specification; they are
// stricter than that schema (which does not check identifiers against the list).
'use strict';
const fs = require('fs');
const [listFile, ...files] = process.argv.slice(2);
const licenseIds = new Set(JSON.parse(fs.readFileSync(listFile, 'utf8')).enum);

const DOC_FIELDS = new Set(['$schema', 'SPDXID', 'annotations', 'comment', 'creationInfo',
    'dataLicense', 'externalDocumentRefs', 'hasExtractedLicensingInfos', 'name', 'revieweds',
    'spdxVersion', 'documentNamespace', 'documentDescribes', 'packages', 'files', 'snippets',
    'relationships']);
const PKG_FIELDS = new Set(['SPDXID', 'annotations', 'attributionTexts', 'builtDate', 'checksums',
    'comment', 'copyrightText', 'description', 'downloadLocation', 'externalRefs', 'filesAnalyzed',
    'hasFiles', 'homepage', 'licenseComments', 'licenseConcluded', 'licenseDeclared',
    'licenseInfoFromFiles', 'name', 'originator', 'packageFileName', 'packageVerificationCode',
    'primaryPackagePurpose', 'releaseDate', 'sourceInfo', 'summary', 'supplier', 'validUntilDate',
    'versionInfo']);
const REF_FIELDS = new Set(['comment', 'referenceCategory', 'referenceLocator', 'referenceType']);
const CATEGORIES = {
    'SECURITY': ['cpe22Type', 'cpe23Type', 'advisory', 'fix', 'url', 'swid'],
    'PACKAGE-MANAGER': ['maven-central', 'nuget', 'bower', 'purl', 'npm'],
    'PERSISTENT-ID': ['swh', 'gitoid'],
    'OTHER': null,
};
const PURPOSES = ['APPLICATION', 'FRAMEWORK', 'LIBRARY', 'CONTAINER', 'OPERATING-SYSTEM',
    'DEVICE', 'FIRMWARE', 'SOURCE', 'ARCHIVE', 'FILE', 'INSTALL', 'OTHER'];
const RELATIONSHIPS = ['DESCRIBES', 'DESCRIBED_BY', 'CONTAINS', 'CONTAINED_BY', 'DEPENDS_ON',
    'DEPENDENCY_OF', 'DEPENDENCY_MANIFEST_OF', 'BUILD_DEPENDENCY_OF', 'DEV_DEPENDENCY_OF',
    'OPTIONAL_DEPENDENCY_OF', 'PROVIDED_DEPENDENCY_OF', 'TEST_DEPENDENCY_OF',
    'RUNTIME_DEPENDENCY_OF', 'EXAMPLE_OF', 'GENERATES', 'GENERATED_FROM', 'ANCESTOR_OF',
    'DESCENDANT_OF', 'VARIANT_OF', 'DISTRIBUTION_ARTIFACT', 'PATCH_FOR', 'PATCH_APPLIED', 'COPY_OF',
    'FILE_ADDED', 'FILE_DELETED', 'FILE_MODIFIED', 'EXPANDED_FROM_ARCHIVE', 'DYNAMIC_LINK',
    'STATIC_LINK', 'DATA_FILE_OF', 'TEST_CASE_OF', 'BUILD_TOOL_OF', 'DEV_TOOL_OF', 'TEST_OF',
    'TEST_TOOL_OF', 'DOCUMENTATION_OF', 'OPTIONAL_COMPONENT_OF', 'METAFILE_OF', 'PACKAGE_OF',
    'AMENDS', 'PREREQUISITE_FOR', 'HAS_PREREQUISITE', 'REQUIREMENT_DESCRIPTION_FOR',
    'SPECIFICATION_FOR', 'OTHER'];
const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z$/;
const ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const ACTOR = /^(Person|Organization): \S.*$/;

function licenseExpression(s, errs, where) {
    if (s === 'NOASSERTION' || s === 'NONE') return;
    const tokens = s.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
    let expectId = true;
    for (const t of tokens) {
        if (expectId) {
            const id = t.endsWith('+') ? t.slice(0, -1) : t;
            if (!licenseIds.has(id) && !/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(id))
                errs.push(`${where}: "${t}" is neither on the SPDX license list nor a LicenseRef-`);
            expectId = false;
        } else if (t === 'AND' || t === 'OR' || t === 'WITH') {
            expectId = true;
        } else {
            errs.push(`${where}: "${t}" where AND, OR or WITH belongs`);
        }
    }
    if (expectId) errs.push(`${where}: the expression ends in an operator`);
}

function check(doc) {
    const errs = [];
    const req = (obj, keys, where) => keys.forEach((k) => {
        if (obj[k] === undefined) errs.push(`${where}: "${k}" is required`);
    });
    const only = (obj, allowed, where) => Object.keys(obj).forEach((k) => {
        if (!allowed.has(k)) errs.push(`${where}: "${k}" is not a field of SPDX 2.3`);
    });
    req(doc, ['spdxVersion', 'dataLicense', 'SPDXID', 'name', 'documentNamespace', 'creationInfo'], 'document');
    only(doc, DOC_FIELDS, 'document');
    if (doc.spdxVersion !== 'SPDX-2.3') errs.push('spdxVersion must be SPDX-2.3');
    if (doc.dataLicense !== 'CC0-1.0') errs.push('dataLicense must be CC0-1.0');
    if (doc.SPDXID !== 'SPDXRef-DOCUMENT') errs.push('the document is SPDXRef-DOCUMENT');
    if (typeof doc.documentNamespace !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/[^\s#]+$/.test(doc.documentNamespace))
        errs.push('documentNamespace must be an absolute URI without "#"');
    const ci = doc.creationInfo || {};
    only(ci, new Set(['comment', 'created', 'creators', 'licenseListVersion']), 'creationInfo');
    if (!DATE.test(ci.created || '')) errs.push('creationInfo.created must be YYYY-MM-DDThh:mm:ssZ');
    if (!Array.isArray(ci.creators) || !ci.creators.length ||
        !ci.creators.every((c) => /^(Person|Organization|Tool): \S/.test(c)))
        errs.push('creationInfo.creators: one or more "Tool: ...", "Person: ...", "Organization: ..."');
    const ids = new Set(['SPDXRef-DOCUMENT']);
    (doc.packages || []).forEach((p, i) => {
        const w = `packages[${i}]`;
        req(p, ['SPDXID', 'name', 'downloadLocation'], w);
        only(p, PKG_FIELDS, w);
        if (!ID.test(p.SPDXID || '')) errs.push(`${w}.SPDXID "${p.SPDXID}" is not SPDXRef-[A-Za-z0-9.-]+`);
        if (ids.has(p.SPDXID)) errs.push(`${w}.SPDXID "${p.SPDXID}" is not unique`);
        ids.add(p.SPDXID);
        if (typeof p.name !== 'string' || !p.name) errs.push(`${w}.name must be a non-empty string`);
        const dl = p.downloadLocation;
        if (typeof dl !== 'string' || !(dl === 'NONE' || dl === 'NOASSERTION' ||
            /^([a-z]+\+)?[a-z][a-z0-9+.-]*:\/\/\S+$/.test(dl)))
            errs.push(`${w}.downloadLocation "${dl}" is neither NONE, NOASSERTION nor a URL`);
        if (p.filesAnalyzed !== undefined && typeof p.filesAnalyzed !== 'boolean')
            errs.push(`${w}.filesAnalyzed must be a boolean`);
        if (p.filesAnalyzed !== false && !p.packageVerificationCode)
            errs.push(`${w}: a package whose files were analyzed needs a packageVerificationCode`);
        for (const k of ['versionInfo', 'comment', 'copyrightText', 'licenseComments', 'summary'])
            if (p[k] !== undefined && typeof p[k] !== 'string') errs.push(`${w}.${k} must be a string`);
        if (p.supplier !== undefined && p.supplier !== 'NOASSERTION' && !ACTOR.test(p.supplier))
            errs.push(`${w}.supplier "${p.supplier}" is not NOASSERTION, "Person: ..." or "Organization: ..."`);
        for (const k of ['licenseDeclared', 'licenseConcluded'])
            if (p[k] !== undefined) licenseExpression(p[k], errs, `${w}.${k}`);
        for (const k of ['validUntilDate', 'releaseDate', 'builtDate'])
            if (p[k] !== undefined && !DATE.test(p[k])) errs.push(`${w}.${k} must be YYYY-MM-DDThh:mm:ssZ`);
        if (p.primaryPackagePurpose !== undefined && !PURPOSES.includes(p.primaryPackagePurpose))
            errs.push(`${w}.primaryPackagePurpose "${p.primaryPackagePurpose}" is not one of SPDX 2.3's`);
        (p.externalRefs || []).forEach((r, j) => {
            const rw = `${w}.externalRefs[${j}]`;
            req(r, ['referenceCategory', 'referenceType', 'referenceLocator'], rw);
            only(r, REF_FIELDS, rw);
            const types = CATEGORIES[r.referenceCategory];
            if (types === undefined) errs.push(`${rw}.referenceCategory "${r.referenceCategory}" is unknown`);
            else if (types && !types.includes(r.referenceType))
                errs.push(`${rw}: type "${r.referenceType}" does not belong to ${r.referenceCategory}`);
            if (typeof r.referenceLocator !== 'string' || /\s/.test(r.referenceLocator))
                errs.push(`${rw}.referenceLocator must be a string with no spaces`);
            if (r.referenceType === 'purl' && !/^pkg:[a-z][a-z0-9.+-]*\/\S+$/.test(r.referenceLocator))
                errs.push(`${rw}: "${r.referenceLocator}" is not a purl`);
            if (r.referenceType === 'cpe23Type' && !/^cpe:2\.3:[aho\*\-](:[^:\s]+){10}$/.test(r.referenceLocator))
                errs.push(`${rw}: "${r.referenceLocator}" is not a CPE 2.3 formatted string`);
        });
    });
    let describes = 0;
    (doc.relationships || []).forEach((r, i) => {
        const w = `relationships[${i}]`;
        req(r, ['spdxElementId', 'relationshipType', 'relatedSpdxElement'], w);
        only(r, new Set(['spdxElementId', 'relationshipType', 'relatedSpdxElement', 'comment']), w);
        if (!RELATIONSHIPS.includes(r.relationshipType)) errs.push(`${w}.relationshipType "${r.relationshipType}" is unknown`);
        for (const k of ['spdxElementId', 'relatedSpdxElement'])
            if (!ids.has(r[k]) && r[k] !== 'NONE' && r[k] !== 'NOASSERTION')
                errs.push(`${w}.${k} "${r[k]}" names no element of the document`);
        if (r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relationshipType === 'DESCRIBES') describes++;
    });
    if (!describes && !(doc.documentDescribes || []).length)
        errs.push('the document DESCRIBES nothing (a relationship from SPDXRef-DOCUMENT is required)');
    return errs;
}

let bad = 0;
for (const f of files) {
    const errs = check(JSON.parse(fs.readFileSync(f, 'utf8')));
    if (errs.length) {
        bad++;
        console.log(f + ' invalid');
        errs.forEach((e) => console.log('  ' + e));
    } else {
        console.log(f + ' valid');
    }
}
process.exit(bad ? 1 : 0);
