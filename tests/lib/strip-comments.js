// strip-comments.js IN OUT: copies a JSON-with-comments file (rule files and mamori.json allow
// // and /* */ comments) to OUT with the comments blanked, as checker/base/json.c does, so that a
// JSON Schema validator can read it and report the same line numbers.
'use strict';
const fs = require('fs');

const [inFile, outFile] = process.argv.slice(2);
const t = fs.readFileSync(inFile, 'utf8').split('');
for (let i = 0; i < t.length;) {
    if (t[i] === '"') {
        for (i++; i < t.length && t[i] !== '"'; i++) {
            if (t[i] === '\\') i++;
        }
        i++;
    } else if (t[i] === '/' && t[i + 1] === '/') {
        while (i < t.length && t[i] !== '\n') t[i++] = ' ';
    } else if (t[i] === '/' && t[i + 1] === '*') {
        t[i++] = ' ';
        t[i++] = ' ';
        while (i < t.length && !(t[i] === '*' && t[i + 1] === '/')) {
            if (t[i] !== '\n') t[i] = ' ';
            i++;
        }
        if (i < t.length) {
            t[i++] = ' ';
            t[i++] = ' ';
        }
    } else {
        i++;
    }
}
fs.writeFileSync(outFile, t.join(''));
