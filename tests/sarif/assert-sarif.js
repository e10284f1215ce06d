// assert-sarif.js SARIF JSON RULES [FORBIDDEN...]: what GitHub code scanning needs from mamori's
// SARIF, beyond what the SARIF validator checks. SARIF and JSON are reports of the same scan
// (--format sarif and --format json), RULES is `mamori rules list --format json` with the same
// options; FORBIDDEN strings (secret values in the scanned tree) must not appear in the SARIF.
'use strict';
const fs = require('fs');

const [sarifFile, jsonFile, rulesFile, ...forbidden] = process.argv.slice(2);
const sarifText = fs.readFileSync(sarifFile, 'utf8');
const log = JSON.parse(sarifText);
const report = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
const listed = JSON.parse(fs.readFileSync(rulesFile, 'utf8'));
const version = process.env.MAMORI_VERSION;
const homepage = process.env.MAMORI_URL;

let failures = 0;
function expect(ok, what) {
    if (!ok) {
        console.error('FAIL: ' + what);
        failures++;
    }
}
const nonEmpty = (s) => typeof s === 'string' && s.length > 0;
const CATEGORIES = ['credentials', 'debug-interface', 'unsafe-function', 'update-integrity',
                    'crypto', 'component', 'policy'];
const LEVELS = ['error', 'warning', 'note'];

expect(log.version === '2.1.0', 'version is 2.1.0');
expect(nonEmpty(log.$schema) && /sarif-2\.1\.0/.test(log.$schema), '$schema names SARIF 2.1.0');
expect(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
const run = log.runs[0];
const driver = run.tool.driver;

// --- the tool
expect(driver.name === 'mamori', 'driver.name is mamori');
expect(nonEmpty(version) && driver.version === version, `driver.version is ${version}`);
expect(driver.semanticVersion === version, 'driver.semanticVersion is the version');
expect(nonEmpty(homepage) && driver.informationUri === homepage, `driver.informationUri is ${homepage}`);
expect(/^https:\/\/[^\s]+$/.test(driver.informationUri), 'informationUri is an https URL');

// --- every loaded rule, with the metadata GitHub shows
const rules = driver.rules || [];
const listedIds = new Set(listed.map((l) => l.id));
if (process.env.ALL_RULES !== '0')
    expect(rules.length === listed.length && rules.length > 0,
           `driver.rules has the ${listed.length} loaded rules (has ${rules.length})`);
else
    expect(rules.length > 0 && rules.every((r) => listedIds.has(r.id)),
           'driver.rules holds rules mamori has (the policy may turn some off)');
const byId = new Map();
for (const r of rules) byId.set(r.id, r);
expect(byId.size === rules.length, 'rule ids are unique');
for (const l of listed.filter((x) => process.env.ALL_RULES !== '0' || byId.has(x.id))) {
    const r = byId.get(l.id);
    const at = `rule ${l.id}`;
    if (!r) {
        expect(false, `${at} is in driver.rules`);
        continue;
    }
    expect(/^[A-Z][A-Za-z0-9]*$/.test(r.name || ''), `${at}: name is PascalCase (${r.name})`);
    expect(r.shortDescription && r.shortDescription.text === l.title, `${at}: shortDescription is the title`);
    expect(r.fullDescription && nonEmpty(r.fullDescription.text), `${at}: fullDescription.text`);
    expect(r.help && nonEmpty(r.help.text) && nonEmpty(r.help.markdown), `${at}: help.text and help.markdown`);
    expect(/^https:\/\/\S+$/.test(r.helpUri || ''), `${at}: helpUri is an https URL`);
    expect(r.defaultConfiguration && r.defaultConfiguration.level === l.severity,
           `${at}: defaultConfiguration.level is its severity ${l.severity}`);
    const p = r.properties || {};
    const tags = p.tags || [];
    expect(tags.includes(l.category) && CATEGORIES.includes(l.category), `${at}: tags hold its category ${l.category}`);
    expect(tags.includes('security'), `${at}: tags hold "security"`);
    for (const cwe of l.cwe)
        expect(tags.includes(`external/cwe/cwe-${cwe}`), `${at}: tags hold external/cwe/cwe-${cwe}`);
    expect(tags.every((t) => t === 'security' || CATEGORIES.includes(t) || /^external\/cwe\/cwe-[1-9][0-9]*$/.test(t)),
           `${at}: no other tags (${tags})`);
    const sev = p['security-severity'];
    expect(typeof sev === 'string' && /^[0-9]+(\.[0-9]+)?$/.test(sev) && +sev >= 0 && +sev <= 10,
           `${at}: security-severity is a string from 0.0 to 10.0 (${JSON.stringify(sev)})`);
}

// --- results: one per finding of the JSON report, in the same order
const results = run.results || [];
expect(results.length === report.findings.length,
       `one result per finding (${results.length} results, ${report.findings.length} findings)`);
expect(run.columnKind === 'unicodeCodePoints', 'columnKind is unicodeCodePoints');
const base = run.originalUriBaseIds && run.originalUriBaseIds['%SRCROOT%'];
expect(base && /^file:\/\/\/.*\/$/.test(base.uri), '%SRCROOT% is a file URI ending in /');
results.forEach((res, i) => {
    const f = report.findings[i] || {};
    const at = `result ${i} (${res.ruleId} ${f.path}:${f.line})`;
    expect(res.ruleId === f.rule_id, `${at}: ruleId matches the JSON report`);
    expect(rules[res.ruleIndex] && rules[res.ruleIndex].id === res.ruleId, `${at}: ruleIndex points at its rule`);
    expect(LEVELS.includes(res.level) && res.level === f.severity, `${at}: level is the finding's severity`);
    expect(res.message && res.message.text === f.message, `${at}: message.text`);
    const loc = res.locations && res.locations[0] && res.locations[0].physicalLocation;
    expect(loc && res.locations.length === 1, `${at}: one physical location`);
    if (!loc) return;
    const art = loc.artifactLocation || {};
    expect(art.uriBaseId === '%SRCROOT%', `${at}: uriBaseId is %SRCROOT%`);
    expect(nonEmpty(art.uri) && !/^[a-z]+:/i.test(art.uri) && !art.uri.startsWith('/'),
           `${at}: uri is relative (${art.uri})`);
    expect(decodeURIComponent(art.uri) === f.path, `${at}: uri is the path, percent-encoded`);
    const g = loc.region || {};
    expect(g.startLine === f.line && g.startColumn === f.column &&
           g.endLine === f.end_line && g.endColumn === f.end_column,
           `${at}: region start and end line and column`);
    expect(g.endLine > g.startLine || (g.endLine === g.startLine && g.endColumn > g.startColumn),
           `${at}: region ends after it starts`);
    expect(g.snippet && g.snippet.text === f.snippet && nonEmpty(g.snippet.text),
           `${at}: snippet is the redacted source line`);
    const fps = res.partialFingerprints || {};
    expect(Object.keys(fps).length >= 1 && Object.values(fps).every((v) => /^[0-9a-f]{32}$/.test(v)) &&
           Object.values(fps).includes(f.fingerprint), `${at}: partialFingerprints hold the fingerprint`);
    const props = res.properties || {};
    if (f.origin && f.origin.kind === 'commit') {
        expect(props.origin === 'commit' && props.commit === f.origin.commit &&
               props.authorDate === f.origin.author_date && props.blob === f.origin.blob &&
               (f.origin.at_head === null ? props.stillAtHead === undefined
                                          : props.stillAtHead === f.origin.at_head),
               `${at}: properties name the commit, its date, the blob and HEAD as the JSON origin`);
    } else {
        expect(props.commit === undefined, `${at}: no commit without a history origin`);
    }
    if (f.suppressed) {
        const s = res.suppressions || [];
        const kind = f.suppressed.kind === 'inline' ? 'inSource' : 'external';
        expect(s.length === 1 && s[0].kind === kind && s[0].justification === f.suppressed.reason,
               `${at}: suppressed (${f.suppressed.kind}) as suppressions [{kind: ${kind}, justification}]`);
    } else {
        expect(res.suppressions === undefined, `${at}: not suppressed, no suppressions`);
    }
});

// --- git input sets: the repository and HEAD's commit, with no credentials in the URI
const vcp = run.versionControlProvenance;
if (report.git) {
    expect(Array.isArray(vcp) && vcp.length === 1, 'versionControlProvenance for a git input set');
    const v = (vcp || [])[0] || {};
    expect(/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(v.repositoryUri || ''),
           `versionControlProvenance.repositoryUri is a URI without user or token (${v.repositoryUri})`);
    expect(report.git.head === null ? v.revisionId === undefined : v.revisionId === report.git.head,
           'versionControlProvenance.revisionId is HEAD');
} else {
    expect(vcp === undefined, 'no versionControlProvenance for a worktree scan');
}

// --- notices as tool execution notifications
const inv = (run.invocations || [])[0] || {};
expect(inv.executionSuccessful === true, 'invocation executionSuccessful');
const notes = inv.toolExecutionNotifications || [];
expect(notes.length === report.notices.length, 'one notification per notice');
notes.forEach((n, i) => {
    const want = report.notices[i] || {};
    expect(n.level === want.level && n.descriptor && n.descriptor.id === want.code &&
           n.message && n.message.text === want.message, `notification ${i} (${want.code})`);
});

for (const s of forbidden)
    expect(!sarifText.includes(s), `the SARIF does not contain the secret "${s.slice(0, 3)}..."`);

if (failures) {
    console.error(`${failures} SARIF check(s) failed`);
    process.exit(1);
}
console.log(`ok: SARIF specifics (${rules.length} rules, ${results.length} results, ${notes.length} notifications)`);
