/* test_text.c: the text helpers findings depend on — name normalisation (rule names match it),
 * C string literal decoding (values of secrets and formats), code-point columns, and JSON
 * strings that stay valid UTF-8 whatever bytes a scanned file held. */
#include <stdlib.h>

#include "front/cfront.h"
#include "match/matchers.h"
#include "mmtest.h"

static void norm_is(const char *in, const char *expected)
{
    char out[256];
    mm_name_norm(out, sizeof out, in);
    CHECKF(!strcmp(out, expected), "mm_name_norm(\"%s\") is \"%s\", expected \"%s\"", in, out,
           expected);
}

static void test_name_norm(void)
{
    norm_is("wifiConfig.staPassword", "wifi_config_sta_password");
    norm_is("WIFI_PASSWORD", "wifi_password");
    norm_is("HTTPServer", "http_server");
    norm_is("getHTTPResponseCode", "get_http_response_code");
    norm_is("sta->password", "sta_password");
    norm_is("cfg.sta.password", "cfg_sta_password");
    norm_is("pass2Word", "pass2_word");
    norm_is("__x__", "x");
    norm_is("a..b", "a_b");
    norm_is("a[0].key", "a_0_key");
    norm_is("", "");
    norm_is("_", "");
    norm_is("Password", "password");
    norm_is("MQTTPassword", "mqtt_password");
    /* bytes that are not ASCII are separators, not letters */
    norm_is("pass\xc3\xa9word", "pass_word");

    /* a small buffer truncates and stays terminated */
    char small[6];
    memset(small, 'Z', sizeof small);
    mm_name_norm(small, sizeof small, "wifiConfigPassword");
    CHECK(memchr(small, 0, sizeof small) != NULL);
    CHECK(strlen(small) < sizeof small);
    CHECK(strncmp(small, "wifi", 4) == 0);
}

static void decode_is_(const char *lit, size_t n, const char *expected, size_t elen, int line)
{
    mm_buf b = {0};
    bool ok = mm_c_string_decode(lit, n, &b);
    mm_test_checks++;
    if (!ok || b.len != elen || (elen && memcmp(b.data, expected, elen) != 0)) {
        mm_test_failures++;
        fprintf(stderr, "%s:%d: FAIL: decoding %s gave %s\"%.*s\" (%zu bytes)\n", __FILE__, line,
                lit, ok ? "" : "false, ", (int)b.len, b.data ? b.data : "", b.len);
    }
    mm_buf_free(&b);
}
#define DECODE_IS(lit, expected)                                                              \
    decode_is_(lit, sizeof(lit) - 1, expected, sizeof(expected) - 1, __LINE__)

static void test_c_string_decode(void)
{
    DECODE_IS("\"hunter2\"", "hunter2");
    DECODE_IS("\"\"", "");
    /* simple escapes */
    DECODE_IS("\"a\\nb\\tc\\rd\"", "a\nb\tc\rd");
    DECODE_IS("\"q\\\"q\\\\q\\'q\\?\"", "q\"q\\q'q?");
    DECODE_IS("\"\\a\\b\\f\\v\\e\"", "\a\b\f\v\x1b");
    /* octal: up to three digits; hex: all the digits that follow */
    DECODE_IS("\"\\101\\0x\"", "A\0x");
    DECODE_IS("\"\\1012\"", "A2");
    DECODE_IS("\"\\x41\\x4a\"", "AJ");
    DECODE_IS("\"\\x4g\"", "\x04g");
    /* universal character names become UTF-8 */
    DECODE_IS("\"caf\\u00e9\"", "caf\xc3\xa9");
    DECODE_IS("\"\\u20AC\"", "\xe2\x82\xac");
    DECODE_IS("\"\\U0001F600\"", "\xf0\x9f\x98\x80");
    DECODE_IS("\"\\uD800\"", "\xef\xbf\xbd"); /* a surrogate is no character */
    DECODE_IS("\"\\u12x\"", "\xef\xbf\xbdx"); /* too few digits */
    /* a line continuation inside the literal */
    DECODE_IS("\"ab\\\ncd\"", "abcd");
    /* prefixes */
    DECODE_IS("L\"wide\"", "wide");
    DECODE_IS("u8\"utf8\"", "utf8");
    DECODE_IS("u\"sixteen\"", "sixteen");
    DECODE_IS("U\"thirtytwo\"", "thirtytwo");
    /* raw strings: no escapes, any delimiter */
    DECODE_IS("R\"(a\\nb)\"", "a\\nb");
    DECODE_IS("R\"key(with )\" inside)key\"", "with )\" inside");
    DECODE_IS("u8R\"(x)\"", "x");
    DECODE_IS("LR\"d()d\"", "");
    /* not string literals */
    mm_buf b = {0};
    CHECK(!mm_c_string_decode("abc", 3, &b));
    CHECK(!mm_c_string_decode("'a'", 3, &b));
    CHECK(!mm_c_string_decode("R\"(abc", 6, &b));
    CHECK(!mm_c_string_decode("", 0, &b));
    mm_buf_free(&b);
}

static void test_utf8_col(void)
{
    const char *line = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80x"; /* a é € 😀 x */
    CHECK_INT(mm_utf8_col(line, 0), 1);
    CHECK_INT(mm_utf8_col(line, 1), 2);
    CHECK_INT(mm_utf8_col(line, 3), 3);
    CHECK_INT(mm_utf8_col(line, 6), 4);
    CHECK_INT(mm_utf8_col(line, 10), 5);
    /* invalid bytes count one column each */
    CHECK_INT(mm_utf8_col("\xff\xfe" "ab", 3), 4);
    CHECK_INT(mm_utf8_col("\xc3" "a", 2), 3);
    /* an offset inside a sequence does not read past it */
    CHECK_INT(mm_utf8_col("\xe2\x82\xac", 2), 3);

    uint32_t cp;
    CHECK_INT(mm_utf8_seq((const uint8_t *)"\xe2\x82\xac", 3, &cp), 3);
    CHECK_INT(cp, 0x20AC);
    CHECK_INT(mm_utf8_seq((const uint8_t *)"\xc0\xaf", 2, &cp), 1); /* overlong '/' */
    CHECK_INT(cp, 0xFFFD);
    CHECK_INT(mm_utf8_seq((const uint8_t *)"\xed\xa0\x80", 3, &cp), 1); /* surrogate */
    CHECK_INT(cp, 0xFFFD);
    CHECK_INT(mm_utf8_seq((const uint8_t *)"\xf4\x90\x80\x80", 4, &cp), 1); /* > U+10FFFF */
    CHECK_INT(mm_utf8_seq((const uint8_t *)"\xe2\x82", 2, &cp), 1); /* truncated */
}

/* mm_buf_json_str(in) parses back (cJSON) to expected, and is valid UTF-8 */
static void json_str_is_(const char *in, size_t n, const char *expected, int line)
{
    mm_buf b = {0};
    mm_buf_json_str(&b, in, n);
    int utf8 = mm_test_utf8_valid((const unsigned char *)b.data, b.len);
    cJSON *v = cJSON_ParseWithLength(b.data, b.len);
    const char *got = cJSON_IsString(v) ? v->valuestring : NULL;
    mm_test_checks++;
    if (!utf8 || !got || strcmp(got, expected) != 0) {
        mm_test_failures++;
        fprintf(stderr, "%s:%d: FAIL: mm_buf_json_str gave %s (%s, %s)\n", __FILE__, line,
                b.data, utf8 ? "valid UTF-8" : "NOT UTF-8", got ? "parses" : "does not parse");
    }
    cJSON_Delete(v);
    mm_buf_free(&b);
}
#define JSON_STR_IS(in, expected) json_str_is_(in, sizeof(in) - 1, expected, __LINE__)

static void test_json_str(void)
{
    JSON_STR_IS("plain", "plain");
    JSON_STR_IS("q\"b\\n\nt\tr\r", "q\"b\\n\nt\tr\r");
    JSON_STR_IS("\x01\x1f\x7f", "\x01\x1f\x7f");
    JSON_STR_IS("nul\0inside", "nul"); /* cJSON stops at the NUL it decodes */
    JSON_STR_IS("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    /* every byte that is not UTF-8 becomes U+FFFD */
    JSON_STR_IS("caf\xe9", "caf\xef\xbf\xbd");
    JSON_STR_IS("\xff\xfe", "\xef\xbf\xbd\xef\xbf\xbd");
    JSON_STR_IS("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");
    JSON_STR_IS("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    JSON_STR_IS("end\xe2\x82", "end\xef\xbf\xbd\xef\xbf\xbd");
    JSON_STR_IS("\x80x", "\xef\xbf\xbdx");
    JSON_STR_IS("\xef\xbf\xbd", "\xef\xbf\xbd"); /* a real U+FFFD stays */

    /* all 256 single bytes, and random byte strings: always valid UTF-8 JSON */
    unsigned seed = 12345;
    for (int round = 0; round < 2000; round++) {
        unsigned char in[24];
        size_t n = round < 256 ? 1 : (size_t)(round % 24);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            in[i] = round < 256 ? (unsigned char)round : (unsigned char)(seed >> 16);
        }
        mm_buf b = {0};
        mm_buf_json_str(&b, (const char *)in, n);
        cJSON *v = cJSON_ParseWithLength(b.data, b.len);
        CHECKF(mm_test_utf8_valid((const unsigned char *)b.data, b.len) && v,
               "round %d: %s", round, b.data);
        cJSON_Delete(v);
        mm_buf_free(&b);
    }
}

int main(void)
{
    test_name_norm();
    test_c_string_decode();
    test_utf8_col();
    test_json_str();
    return MM_TEST_RESULT;
}
