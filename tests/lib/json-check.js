// json-check.js: each argument is a file that must be strictly valid UTF-8 (a decoder that
// rejects bad bytes, not one that replaces them) and one valid JSON text. A report that copies
// a scanned file's invalid bytes into its output fails here.
'use strict';
const fs = require('fs');

// Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1.
function firstBadByte(b) {
    for (let i = 0; i < b.length;) {
        const c = b[i];
        let n, min;
        if (c < 0x80) { i++; continue; }
        if ((c & 0xe0) === 0xc0) { n = 1; min = 0x80; }
        else if ((c & 0xf0) === 0xe0) { n = 2; min = 0x800; }
        else if ((c & 0xf8) === 0xf0) { n = 3; min = 0x10000; }
        else return i;
        let cp = c & (0x3f >> n);
        for (let k = 1; k <= n; k++) {
            if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
            cp = (cp << 6) | (b[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
        i += n + 1;
    }
    return -1;
}

let bad = 0;
for (const file of process.argv.slice(2)) {
    const bytes = fs.readFileSync(file);
    const at = firstBadByte(bytes);
    if (at >= 0) {
        console.error(`${file}: not valid UTF-8 at byte ${at}`);
        bad++;
        continue;
    }
    const text = bytes.toString('utf8');
    try {
        JSON.parse(text);
    } catch (e) {
        console.error(`${file}: not valid JSON: ${e.message}`);
        bad++;
        continue;
    }
    // \uD800-\uDFFF escapes must come in pairs, or the text is JSON but not Unicode
    const esc = /\\(u[0-9a-fA-F]{4}|[^u])/g;
    let m, lone = false, pendingHigh = -1;
    while ((m = esc.exec(text))) {
        const cu = m[1].length === 5 ? parseInt(m[1].slice(1), 16) : -1;
        if (pendingHigh >= 0 && !(m.index === pendingHigh && cu >= 0xdc00 && cu <= 0xdfff))
            lone = true;
        if (pendingHigh >= 0 && m.index === pendingHigh) { pendingHigh = -1; continue; }
        pendingHigh = -1;
        if (cu >= 0xd800 && cu <= 0xdbff) pendingHigh = esc.lastIndex;
        else if (cu >= 0xdc00 && cu <= 0xdfff) lone = true;
    }
    if (pendingHigh >= 0) lone = true;
    if (lone) {
        console.error(`${file}: JSON escapes a lone UTF-16 surrogate`);
        bad++;
        continue;
    }
    console.log(`${file}: valid UTF-8 JSON`);
}
process.exit(bad ? 1 : 0);
