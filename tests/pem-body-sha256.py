#!/usr/bin/env python3
"""SHA-256 of a PEM private key body, collected the way checker/match/match_pattern.c mm_pem_body
does: every base64 character after the BEGIN marker up to END, skipping blanks, quotes, commas,
\\n escapes and legacy Proc-Type/DEK-Info headers."""
import hashlib, re, sys
B64 = set(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=')
def bodies(data):
    for m in re.finditer(rb'-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----', data):
        i, body = m.end(), bytearray()
        while i < len(data):
            c = data[i]
            if data.startswith(b'Proc-Type:', i) or data.startswith(b'DEK-Info:', i):
                while i < len(data) and data[i] != 10 and not data.startswith(b'\\n', i): i += 1
                continue
            if c in B64: body.append(c); i += 1; continue
            if c in b' \t\r\n"\',': i += 1; continue
            if c == ord('\\') and i + 1 < len(data) and data[i+1] in b'nr\r\n': i += 2; continue
            break
        if len(body) >= 60:
            yield m.group(0).decode(), hashlib.sha256(bytes(body)).hexdigest(), len(body)
for path in sys.argv[1:]:
    for marker, h, n in bodies(open(path, 'rb').read()):
        print(h, n, path, marker)
