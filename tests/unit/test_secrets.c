/* test_secrets.c: what keeps secrets out of reports and finds key material — mm_redact, the PEM
 * body walker, and the DER sniffers for private keys and PKCS#12 (inputs made with openssl at
 * test time, and small hand-made structures). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "match/matchers.h"
#include "mmtest.h"

/* --- mm_redact ------------------------------------------------------------------------------ */

/* Checks the redaction of s: "<prefix>***<suffix> [redacted: N chars, sha256:XXXXXXXX]" with
 * prefix and suffix at most 4 characters and at most an eighth of the value each. */
static void check_redaction(const char *s, size_t n)
{
    mm_arena a = {0};
    const char *r = mm_redact(&a, s, n);
    const char *stars = strstr(r, "***");
    const char *tail = strstr(r, " [redacted: ");
    CHECKF(stars && tail && tail > stars, "\"%s\": shape", r);
    if (stars && tail) {
        size_t pre = (size_t)(stars - r), suf = (size_t)(tail - (stars + 3));
        CHECKF(pre == suf, "\"%s\": prefix %zu and suffix %zu", r, pre, suf);
        CHECKF(pre <= 4 && pre * 8 <= n, "\"%s\" shows %zu characters of each end of %zu", r,
               pre, n);
        CHECKF(pre == 0 || (memcmp(r, s, pre) == 0 && memcmp(stars + 3, s + n - suf, suf) == 0),
               "\"%s\": what it shows is the value's ends", r);
        char want[64];
        char sha[65];
        mm_sha256_hex(s, n, sha);
        snprintf(want, sizeof want, " [redacted: %zu chars, sha256:%.8s]", n, sha);
        CHECK_STR(tail, want);
        /* the redaction does not contain the value (values long enough to tell) */
        if (n >= 6) {
            char *copy = strndup(s, n);
            CHECKF(!strstr(r, copy), "\"%s\" contains the value", r);
            free(copy);
        }
    }
    mm_arena_free(&a);
}

static void test_redact(void)
{
    mm_arena a = {0};
    /* the documented example, and SHA-256 ("abc") from FIPS 180-2 */
    CHECK_STR(mm_redact(&a, "hunter22", 8), "h***2 [redacted: 8 chars, sha256:20d2fe5e]");
    CHECK_STR(mm_redact(&a, "abc", 3), "*** [redacted: 3 chars, sha256:ba7816bf]");
    CHECK_STR(mm_redact(&a, "", 0), "*** [redacted: 0 chars, sha256:e3b0c442]");
    CHECK_STR(mm_redact(&a, "correct-horse-battery-staple", 28),
              "cor***ple [redacted: 28 chars, sha256:87cbebfe]");
    /* non-ASCII or blank ends show nothing */
    CHECK(strncmp(mm_redact(&a, "p\xc3\xa4sswort-geheim", 17), "***", 3) == 0);
    CHECK(strncmp(mm_redact(&a, " leading-space-pw", 17), "***", 3) == 0);
    CHECK(strncmp(mm_redact(&a, "trailing-tab-pw\t", 16), "***", 3) == 0);
    mm_arena_free(&a);

    /* every length from 0 to 80, and random printable values */
    char v[81];
    unsigned seed = 7;
    for (size_t n = 0; n <= 80; n++) {
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            v[i] = (char)(0x21 + (seed >> 16) % 94);
        }
        check_redaction(v, n);
    }
}

/* --- PEM bodies --------------------------------------------------------------------------------- */

/* 64 base64 characters per line, as openssl writes them */
#define B64_LINE "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"

static bool pem(const char *text, const char *marker_end, size_t *body_end, mm_buf *body)
{
    const char *from = strstr(text, marker_end);
    if (!from)
        return false;
    return mm_pem_body(text, strlen(text), (size_t)(from - text) + strlen(marker_end), body_end,
                       body);
}

static void test_pem_body(void)
{
    size_t end = 0;
    mm_buf body = {0};
    const char *plain = "-----BEGIN PRIVATE KEY-----\n" B64_LINE "\n" B64_LINE
                        "\n-----END PRIVATE KEY-----\ntrailer";
    CHECK(pem(plain, "KEY-----", &end, &body));
    CHECK_INT(body.len, 128);
    CHECK(strncmp(body.data, B64_LINE B64_LINE, 128) == 0);
    CHECK_INT(end, strstr(plain, "\ntrailer") - plain); /* after the END marker */
    mm_buf_free(&body);

    /* a key in C string pieces */
    const char *in_c = "static const char key[] =\n"
                       "    \"-----BEGIN RSA PRIVATE KEY-----\\n\"\n"
                       "    \"" B64_LINE "\\n\"\n"
                       "    \"" B64_LINE "\\n\"\n"
                       "    \"-----END RSA PRIVATE KEY-----\\n\";\n";
    CHECK(pem(in_c, "KEY-----", &end, &body));
    CHECK_INT(body.len, 128);
    mm_buf_free(&body);

    /* in JSON, one string with \n escapes, and in a list of strings */
    const char *in_json = "{\"key\": \"-----BEGIN EC PRIVATE KEY-----\\n" B64_LINE "\\n"
                          B64_LINE "\\n-----END EC PRIVATE KEY-----\\n\"}";
    CHECK(pem(in_json, "KEY-----", &end, &body));
    CHECK_INT(body.len, 128);
    mm_buf_free(&body);
    const char *in_list = "[\"-----BEGIN PRIVATE KEY-----\", \"" B64_LINE "\", \"" B64_LINE
                          "\", \"-----END PRIVATE KEY-----\"]";
    CHECK(pem(in_list, "KEY-----", &end, &body));
    mm_buf_free(&body);

    /* legacy encrypted PEM headers are skipped */
    const char *enc = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                      "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n" B64_LINE
                      "\n-----END RSA PRIVATE KEY-----\n";
    CHECK(pem(enc, "KEY-----", &end, &body));
    CHECK_INT(body.len, 64);
    mm_buf_free(&body);

    /* a parser's marker is followed by code, not a key */
    const char *parser = "if (strstr(buf, \"-----BEGIN RSA PRIVATE KEY-----\")) {\n"
                         "    return parse_pkcs1(buf);\n}\n";
    CHECK(!pem(parser, "KEY-----\"", &end, &body));
    CHECK_INT(body.len, 0);
    /* a body too short for any private key */
    CHECK(!pem("-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkq\n-----END PRIVATE KEY-----",
               "KEY-----", &end, &body));
    /* no END marker: the body ends after its last base64 character, where code starts */
    const char *open = "const char *k = \"-----BEGIN PRIVATE KEY-----\\n" B64_LINE "\\n"
                       B64_LINE "\";\nint x;\n";
    CHECK(pem(open, "KEY-----", &end, &body));
    CHECK_INT(body.len, 128);
    CHECK_INT(end, strstr(open, "\";") - open);
    mm_buf_free(&body);
    /* the walk stays within the text */
    CHECK(!mm_pem_body("x", 1, 1, &end, &body));
}

/* --- DER ----------------------------------------------------------------------------------------- */

static bool read_all(const char *path, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    *data = malloc(1 << 16);
    *len = fread(*data, 1, 1 << 16, f);
    fclose(f);
    return *len > 0;
}

static void test_der_handmade(void)
{
    /* SEC1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING (32) } */
    uint8_t sec1[39] = {0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20};
    memset(sec1 + 7, 0x5a, 32);
    CHECK(mm_der_is_private_key(sec1, sizeof sec1));
    /* PKCS#8 Ed25519: SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING } */
    uint8_t ed[48] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                      0x04, 0x22, 0x04, 0x20};
    memset(ed + 16, 0x11, 32);
    CHECK(mm_der_is_private_key(ed, sizeof ed));
    CHECK(!mm_der_is_pkcs12(ed, sizeof ed));
    /* truncated, or a length that runs past the end */
    CHECK(!mm_der_is_private_key(ed, 40));
    uint8_t lie[48];
    memcpy(lie, ed, sizeof lie);
    lie[13] = 0x7f;
    CHECK(!mm_der_is_private_key(lie, sizeof lie));
    /* a 5-byte length and an indefinite length are not keys */
    uint8_t huge[40] = {0x30, 0x85, 0xff, 0xff, 0xff, 0xff, 0xff};
    CHECK(!mm_der_is_private_key(huge, sizeof huge));
    CHECK(!mm_der_is_pkcs12(huge, sizeof huge));
    uint8_t indef[40] = {0x30, 0x80, 0x02, 0x01, 0x03};
    CHECK(!mm_der_is_private_key(indef, sizeof indef));
    /* PFX: SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data, ... } } */
    uint8_t pfx[40] = {0x30, 0x26, 0x02, 0x01, 0x03, 0x30, 0x21, 0x06, 0x09, 0x2a, 0x86, 0x48,
                       0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x14};
    CHECK(mm_der_is_pkcs12(pfx, sizeof pfx));
    CHECK(!mm_der_is_private_key(pfx, sizeof pfx));
    pfx[4] = 0x02; /* version 2 is no PFX */
    CHECK(!mm_der_is_pkcs12(pfx, sizeof pfx));
    /* text and short inputs */
    const char *text = "this is not DER, just a long enough line of text";
    CHECK(!mm_der_is_private_key((const uint8_t *)text, strlen(text)));
    CHECK(!mm_der_is_pkcs12((const uint8_t *)text, strlen(text)));
    CHECK(!mm_der_is_private_key(sec1, 2));
    CHECK(!mm_der_is_private_key(sec1, 0));
}

/* keys and containers made by openssl: each file and whether it is a private key / PKCS#12 */
static void test_der_openssl(void)
{
    if (system("openssl version >/dev/null 2>&1") != 0) {
        fprintf(stderr, "note: openssl not found; DER from openssl not tested (hand-made only)\n");
        return;
    }
    char dir[] = "/tmp/mamori-der.XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "cd %s && exec >log 2>&1 && set -e && "
             "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa.pem && "
             "openssl pkey -in rsa.pem -outform DER -out rsa-pkcs8.der && "
             "openssl rsa -in rsa.pem -traditional -outform DER -out rsa-pkcs1.der && "
             "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem && "
             "openssl ec -in ec.pem -outform DER -out ec-sec1.der && "
             "openssl pkey -in ec.pem -outform DER -out ec-pkcs8.der && "
             "openssl genpkey -algorithm ED25519 -outform DER -out ed25519.der && "
             "openssl pkcs8 -topk8 -in rsa.pem -v2 aes-128-cbc -passout pass:x -outform DER "
             "-out rsa-enc.der && "
             "openssl pkey -in rsa.pem -pubout -outform DER -out rsa-pub.der && "
             "openssl req -x509 -key ec.pem -subj /CN=mamori-test -days 1 -outform DER "
             "-out cert.der && "
             "openssl req -x509 -key ec.pem -subj /CN=mamori-test -days 1 -out cert.pem && "
             "openssl pkcs12 -export -inkey ec.pem -in cert.pem -passout pass:x -out bundle.p12",
             dir);
    if (system(cmd) != 0) {
        snprintf(cmd, sizeof cmd, "cat %s/log >&2", dir);
        (void)system(cmd);
        CHECK(!"openssl could not make the test keys");
    } else {
        static const struct {
            const char *file;
            bool key, p12;
        } cases[] = {
            {"rsa-pkcs8.der", true, false}, {"rsa-pkcs1.der", true, false},
            {"ec-sec1.der", true, false},   {"ec-pkcs8.der", true, false},
            {"ed25519.der", true, false},   {"rsa-enc.der", true, false},
            {"rsa-pub.der", false, false},  {"cert.der", false, false},
            {"bundle.p12", false, true},    {"rsa.pem", false, false},
        };
        for (size_t i = 0; i < MM_ARRAY_LEN(cases); i++) {
            char path[256];
            snprintf(path, sizeof path, "%s/%s", dir, cases[i].file);
            uint8_t *data = NULL;
            size_t len = 0;
            if (!read_all(path, &data, &len)) {
                CHECKF(0, "cannot read %s", path);
                free(data);
                continue;
            }
            CHECKF(mm_der_is_private_key(data, len) == cases[i].key, "%s: private key? %d",
                   cases[i].file, !cases[i].key);
            CHECKF(mm_der_is_pkcs12(data, len) == cases[i].p12, "%s: PKCS#12? %d",
                   cases[i].file, !cases[i].p12);
            /* every prefix of a real structure is rejected, and none is read past */
            for (size_t cut = 0; cut < len; cut += 7) {
                uint8_t *part = malloc(cut ? cut : 1);
                memcpy(part, data, cut);
                CHECKF(!mm_der_is_pkcs12(part, cut) || cut + 2 >= len, "%s cut at %zu",
                       cases[i].file, cut);
                (void)mm_der_is_private_key(part, cut);
                free(part);
            }
            free(data);
        }
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    (void)system(cmd);
}

int main(void)
{
    test_redact();
    test_pem_body();
    test_der_handmade();
    test_der_openssl();
    return MM_TEST_RESULT;
}
