/* match_file.c: the `file` matcher — a file whose path (the rule's "files" globs) and content
 * make it a finding as a whole: binary private keys, PKCS#12 containers, raw key files.
 *
 *   "match": {
 *     "kind": "file",
 *     "content": "der-private-key" | "pkcs12" | "any",
 *     "min_size": 16, "max_size": 64,         (bytes, optional)
 *     "value": { "allow_sha256": [...] }      (known public files, by SHA-256 of the content)
 *   }
 * Absence rules ("this repository has no SECURITY.md") are analyzers, not this kind. */
#include <stdlib.h>
#include <string.h>

#include "match/matchers.h"

typedef enum { CONTENT_ANY, CONTENT_DER_KEY, CONTENT_PKCS12 } content_kind;

typedef struct file_match {
    content_kind content;
    double min_size, max_size;
    mm_valfilter vf;
} file_match;

void mm_match_file_free(void *m)
{
    file_match *fm = m;
    mm_valfilter_free(&fm->vf);
    free(fm);
}

int mm_match_file_compile(mm_compile_ctx *cx, const cJSON *match)
{
    static const char *const keys[] = {"kind", "content", "min_size", "max_size", "value", NULL};
    if (mm_json_only_keys(cx->doc, match, keys, "file matcher", cx->err) < 0)
        return -1;
    file_match *fm = mm_xcalloc(1, sizeof *fm);
    cx->rule->match = fm;
    fm->max_size = 1e12;
    const char *content = "any";
    if (mm_json_get_str(cx->doc, match, "content", &content, cx->err) < 0 ||
        mm_json_get_num(cx->doc, match, "min_size", &fm->min_size, cx->err) < 0 ||
        mm_json_get_num(cx->doc, match, "max_size", &fm->max_size, cx->err) < 0)
        return -1;
    if (!strcmp(content, "der-private-key"))
        fm->content = CONTENT_DER_KEY;
    else if (!strcmp(content, "pkcs12"))
        fm->content = CONTENT_PKCS12;
    else if (!strcmp(content, "any"))
        fm->content = CONTENT_ANY;
    else
        return mm_json_err(cx->doc, cJSON_GetObjectItemCaseSensitive(match, "content"), cx->err,
                           "unknown content check \"%s\" (der-private-key, pkcs12, any)",
                           content);
    if (fm->content == CONTENT_ANY && !cx->rule->files.n)
        return mm_json_err(cx->doc, match, cx->err,
                           "a file matcher with content \"any\" needs \"files\" globs");
    return mm_valfilter_compile(cx, cJSON_GetObjectItemCaseSensitive(match, "value"), &fm->vf);
}

void mm_match_file_run(const mm_rule *rule, mm_file *f)
{
    const file_match *fm = rule->match;
    if ((double)f->len < fm->min_size || (double)f->len > fm->max_size || !f->len)
        return;
    const uint8_t *p = (const uint8_t *)f->data;
    switch (fm->content) {
    case CONTENT_DER_KEY:
        if (!mm_der_is_private_key(p, f->len))
            return;
        break;
    case CONTENT_PKCS12:
        if (!mm_der_is_pkcs12(p, f->len))
            return;
        break;
    case CONTENT_ANY:
        break;
    }
    if (!mm_valfilter_pass(&fm->vf, f->data, f->len))
        return;
    mm_emit e = {0}; /* {path} in its message is the file's name (core/resolve.c) */
    e.start = 0;
    e.end = 0;
    /* the whole content is the secret: hashed into the fingerprint, never shown */
    e.secret = f->data;
    e.secret_len = (uint32_t)f->len;
    e.secret_start = 0;
    e.secret_end = (uint32_t)f->len;
    mm_emit_finding(f, rule, &e);
}

/* --- DER ------------------------------------------------------------------------------------- */

typedef struct tlv {
    uint8_t tag;
    size_t start, len; /* content */
    bool indefinite;
} tlv;

static bool read_tlv(const uint8_t *p, size_t n, size_t at, tlv *t)
{
    if (at + 2 > n)
        return false;
    t->tag = p[at];
    uint8_t l = p[at + 1];
    size_t i = at + 2;
    t->indefinite = false;
    if (l < 0x80) {
        t->len = l;
    } else if (l == 0x80) {
        t->indefinite = true;
        t->len = n - i;
    } else {
        int k = l & 0x7f;
        if (k > 4 || i + (size_t)k > n)
            return false;
        size_t v = 0;
        for (int j = 0; j < k; j++)
            v = (v << 8) | p[i + (size_t)j];
        i += (size_t)k;
        t->len = v;
    }
    t->start = i;
    return t->start + t->len <= n;
}

static bool small_int(const uint8_t *p, const tlv *t, int *v)
{
    if (t->tag != 0x02 || t->len < 1 || t->len > 2)
        return false;
    *v = t->len == 1 ? p[t->start] : (p[t->start] << 8 | p[t->start + 1]);
    return true;
}

bool mm_der_is_private_key(const uint8_t *p, size_t n)
{
    tlv seq, a, b;
    if (n < 32 || !read_tlv(p, n, 0, &seq) || seq.tag != 0x30 || seq.indefinite)
        return false;
    if (seq.start + seq.len != n && seq.start + seq.len + 2 > n)
        return false;
    size_t end = seq.start + seq.len;
    if (!read_tlv(p, end, seq.start, &a))
        return false;
    int version;
    if (small_int(p, &a, &version)) {
        if (!read_tlv(p, end, a.start + a.len, &b))
            return false;
        if (version == 1 && b.tag == 0x04)
            return b.len >= 16; /* SEC1 ECPrivateKey: the key is an OCTET STRING */
        if ((version == 0 || version == 1) && b.tag == 0x30) {
            /* PKCS#8 PrivateKeyInfo: AlgorithmIdentifier, then the key as an OCTET STRING */
            tlv c;
            return read_tlv(p, end, b.start + b.len, &c) && c.tag == 0x04 && c.len >= 16;
        }
        if (version == 0 && b.tag == 0x02) {
            /* PKCS#1 RSAPrivateKey / DSA: a run of INTEGERs */
            int ints = 1;
            size_t at = a.start + a.len;
            tlv t;
            while (at < end && read_tlv(p, end, at, &t) && t.tag == 0x02) {
                ints++;
                at = t.start + t.len;
            }
            return ints >= 6;
        }
        return false;
    }
    /* PKCS#8 EncryptedPrivateKeyInfo: SEQUENCE { SEQUENCE { OID pkcs5/pkcs12 PBE }, OCTET STRING } */
    if (a.tag == 0x30) {
        tlv oid, key;
        if (!read_tlv(p, end, a.start, &oid) || oid.tag != 0x06 || oid.len < 8)
            return false;
        static const uint8_t pkcs5[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05};
        static const uint8_t pkcs12pbe[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c};
        if (memcmp(p + oid.start, pkcs5, 8) && memcmp(p + oid.start, pkcs12pbe, 8))
            return false;
        return read_tlv(p, end, a.start + a.len, &key) && key.tag == 0x04 && key.len >= 16;
    }
    return false;
}

bool mm_der_is_pkcs12(const uint8_t *p, size_t n)
{
    tlv pfx, ver, auth, oid;
    if (n < 32 || !read_tlv(p, n, 0, &pfx) || pfx.tag != 0x30)
        return false;
    int v;
    if (!read_tlv(p, n, pfx.start, &ver) || !small_int(p, &ver, &v) || v != 3)
        return false;
    if (!read_tlv(p, n, ver.start + ver.len, &auth) || auth.tag != 0x30)
        return false;
    if (!read_tlv(p, n, auth.start, &oid) || oid.tag != 0x06 || oid.len != 9)
        return false;
    /* pkcs7-data or pkcs7-signedData */
    static const uint8_t pkcs7[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07};
    return !memcmp(p + oid.start, pkcs7, 8) && (p[oid.start + 8] == 1 || p[oid.start + 8] == 2);
}
