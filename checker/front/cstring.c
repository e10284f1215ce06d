/* cstring.c: decoding C and C++ string literal tokens (prefixes, escapes, raw strings) into
 * the bytes they stand for. */
#include "front/cfront.h"

#include <stdlib.h>
#include <string.h>

static void put_utf8(mm_buf *out, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | cp >> 18);
        b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    mm_buf_put(out, b, n);
}

bool mm_c_string_decode(const char *s, size_t n, mm_buf *out)
{
    size_t i = 0;
    while (i < n && s[i] != '"' && s[i] != 'R')
        i++; /* prefix: L, u, U, u8 */
    if (i < n && s[i] == 'R' && i + 1 < n && s[i + 1] == '"') {
        size_t d = i + 2, ds = d;
        while (d < n && s[d] != '(')
            d++;
        size_t dl = d - ds;
        if (d >= n || n < d + 1 + dl + 2)
            return false;
        size_t body_end = n - dl - 2; /* before )delim" */
        if (body_end < d + 1 || s[n - 1] != '"' || s[body_end] != ')' ||
            memcmp(s + body_end + 1, s + ds, dl) != 0)
            return false; /* not closed by )delim" */
        mm_buf_put(out, s + d + 1, body_end - (d + 1));
        return true;
    }
    if (i >= n || s[i] != '"')
        return false;
    i++;
    size_t end = n;
    if (end > i && s[end - 1] == '"')
        end--;
    while (i < end) {
        char c = s[i];
        if (c != '\\') {
            mm_buf_putc(out, c);
            i++;
            continue;
        }
        if (i + 1 >= end) {
            i++;
            break;
        }
        char e = s[i + 1];
        i += 2;
        switch (e) {
        case 'n': mm_buf_putc(out, '\n'); break;
        case 't': mm_buf_putc(out, '\t'); break;
        case 'r': mm_buf_putc(out, '\r'); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            int v = e - '0';
            for (int k = 0; k < 2 && i < end && s[i] >= '0' && s[i] <= '7'; k++)
                v = v * 8 + (s[i++] - '0');
            mm_buf_putc(out, (char)v);
            break;
        }
        case 'u':
        case 'U': {
            /* a universal character name: exactly 4 or 8 hex digits, written out as UTF-8 */
            int want = e == 'u' ? 4 : 8, got = 0, h;
            uint32_t cp = 0;
            while (got < want && i < end && (h = mm_hex_value(s[i])) >= 0) {
                cp = cp << 4 | (uint32_t)h;
                i++;
                got++;
            }
            if (got < want || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0xFFFD;
            put_utf8(out, cp);
            break;
        }
        case 'x': {
            int v = 0, h;
            while (i < end && (h = mm_hex_value(s[i])) >= 0) {
                v = (v * 16 + h) & 0xff;
                i++;
            }
            mm_buf_putc(out, (char)v);
            break;
        }
        case '\n': break; /* line continuation */
        case 'a': mm_buf_putc(out, '\a'); break;
        case 'b': mm_buf_putc(out, '\b'); break;
        case 'f': mm_buf_putc(out, '\f'); break;
        case 'v': mm_buf_putc(out, '\v'); break;
        case 'e': mm_buf_putc(out, 27); break;
        default: mm_buf_putc(out, e); break; /* \\ \" \' \? and unknowns */
        }
    }
    return true;
}
