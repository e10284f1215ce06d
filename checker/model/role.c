/* role.c (model): the names of the roles, and whether a credential value could be live. */
#define _GNU_SOURCE
#include "model/role.h"

#include <string.h>
#include <strings.h>

const char *const mm_role_names[MM_ROLE__COUNT] = {
    "product", "example", "test", "tool", "simulator", "vendored", "generated", "docs",
};

int mm_role_parsen(const char *s, size_t n, mm_role *out)
{
    for (int i = 0; i < MM_ROLE__COUNT; i++) {
        if (strlen(mm_role_names[i]) == n && !strncmp(mm_role_names[i], s, n)) {
            *out = (mm_role)i;
            return 0;
        }
    }
    return -1;
}

int mm_role_parse(const char *s, mm_role *out)
{
    return mm_role_parsen(s, strlen(s), out);
}

/* --- live or demo -----------------------------------------------------------------------------
 * A value people type ("secretPSK", "password123", "Welcome1!", "12345678") is made of words,
 * short acronyms and at most one number; a generated secret ("b687b1c3e5d94f9a...", a base64
 * token) is not, and has a high entropy per character. Only the second may unlock something
 * real wherever it is written. */

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_vowel(char c)
{
    return strchr("aeiouyAEIOUY", c) != NULL;
}

/* A run of letters that reads as a word: it has vowels, and no long consonant cluster. */
static bool wordish(const char *s, size_t n)
{
    size_t vowels = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_vowel(s[i])) {
            vowels++;
            run = 0;
        } else if (++run > 3) {
            return false;
        }
    }
    return vowels && vowels * 5 >= n; /* at least a fifth vowels: "hpc", "xzq" are not words */
}

static bool word_like(const char *v, size_t n)
{
    size_t alnum = 0, wordy = 0, numbers = 0, number_len = 0;
    size_t i = 0;
    while (i < n) {
        char c = v[i];
        if (is_digit(c)) {
            size_t st = i;
            while (i < n && is_digit(v[i]))
                i++;
            numbers++;
            number_len = i - st;
            alnum += i - st;
            continue;
        }
        if (!is_lower(c) && !is_upper(c)) {
            i++;
            continue;
        }
        /* a token: "Secret" (capital then lower case), "secret", "PSK" (capitals); camelCase
         * and a capital after capitals start a new one ("PSKKey" -> "PSK", "Key") */
        size_t st = i++;
        if (is_upper(c) && i < n && is_upper(v[i])) {
            while (i < n && is_upper(v[i]) && !(i + 1 < n && is_lower(v[i + 1])))
                i++;
            size_t len = i - st;
            alnum += len;
            if (len >= 2 && len <= 4)
                wordy += len; /* an acronym: PSK, WPA, MQTT */
            else if (wordish(v + st, len))
                wordy += len;
            continue;
        }
        while (i < n && is_lower(v[i]))
            i++;
        size_t len = i - st;
        alnum += len;
        if (len >= 2 && wordish(v + st, len))
            wordy += len;
    }
    if (!alnum)
        return true; /* punctuation only */
    if (numbers == 1 && number_len <= 4)
        wordy += number_len; /* "password123", "admin2023", "hunter2" */
    return wordy * 4 >= alnum * 3;
}

/* Letters written as digits inside a short word ("Sens0r", "Gr33nhouse", "P@ssw0rd") are read
 * as the letters they stand for. Only in short values: a long random string would turn into
 * letter runs of its own. */
static void unleet(const char *v, size_t n, char *out)
{
    static const char from[] = "0134578@$", to[] = "oieastbas";
    for (size_t i = 0; i < n; i++) {
        out[i] = v[i];
        const char *m = n <= 20 ? strchr(from, v[i]) : NULL;
        if (!m || !v[i] || i == 0)
            continue;
        /* a letter before, and a letter after this run of at most two such characters */
        size_t e = i + 1;
        while (e < n && e < i + 2 && v[e] && strchr(from, v[e]))
            e++;
        char before = out[i - 1];
        bool letter_before = is_lower(before) || is_upper(before);
        bool letter_after = e < n && (is_lower(v[e]) || is_upper(v[e]));
        if (letter_before && letter_after)
            out[i] = to[m - from];
    }
}

/* A run of bytes that steps by one constant (00 01 02 .., 00 11 22 .. ff, "0123456789abcdef"):
 * what people write when a key is to be filled in, never what a generator gives. Read as hex
 * digits, as bytes written in hex, or as the bytes themselves (a byte array). */
static bool steps(const unsigned *x, size_t n, unsigned mod)
{
    if (n < 8)
        return false;
    unsigned d = (x[1] + mod - x[0]) % mod;
    for (size_t i = 2; i < n; i++) {
        if ((x[i] + mod - x[i - 1]) % mod != d)
            return false;
    }
    return true;
}

static bool stepping(const char *v, size_t n)
{
    unsigned x[256] = {0};
    if (n > sizeof x / sizeof x[0])
        return false;
    bool hex = true;
    for (size_t i = 0; i < n && hex; i++) {
        int d = mm_hex_value(v[i]);
        hex = d >= 0;
        x[i] = (unsigned)d;
    }
    if (hex) {
        if (steps(x, n, 16))
            return true; /* 0123456789abcdef */
        if (n % 2 == 0) {
            for (size_t i = 0; i < n / 2; i++)
                x[i] = x[2 * i] << 4 | x[2 * i + 1];
            if (steps(x, n / 2, 256))
                return true; /* 000102..0f, 00112233..ff */
        }
    }
    for (size_t i = 0; i < n; i++)
        x[i] = (unsigned char)v[i];
    return steps(x, n, 256);
}

/* Values that vendors publish as the defaults of a protocol or an SDK: they unlock nothing that
 * everyone does not already have. In the product they are still findings (a universal default);
 * in an example or a test they are demo values. Lower-case hex compares without case. */
static const char *const published[] = {
    "104810e2315100afd6bc9215a6bfac53", /* OpenThread / ESP-IDF default PSKc (network J01NME) */
    "5a6967426565416c6c69616e63653039", /* Zigbee's "ZigBeeAlliance09" trust-centre link key */
    "ZigBeeAlliance09",
};

static bool is_published(const char *v, size_t n)
{
    for (size_t i = 0; i < MM_ARRAY_LEN(published); i++) {
        if (strlen(published[i]) == n && !strncasecmp(published[i], v, n))
            return true;
    }
    return false;
}

bool mm_secret_may_be_live(const char *v, size_t n)
{
    if (n < 10)
        return false;
    if (stepping(v, n) || is_published(v, n))
        return false;
    /* a crypt(3) hash ($1$, $5$, $6$, $2b$, $y$) stands for a password; it unlocks nothing */
    if (v[0] == '$' && n > 3 && (v[2] == '$' || v[3] == '$'))
        return false;
    bool digits = true;
    for (size_t i = 0; i < n && digits; i++)
        digits = is_digit(v[i]);
    if (digits && n < 16)
        return false; /* a PIN or a phone-keypad password */
    if (mm_entropy(v, n) < 3.0)
        return false;
    char buf[24];
    if (n <= 20) {
        unleet(v, n, buf);
        v = buf;
    }
    return !word_like(v, n);
}

/* --- what the source says of a secret ---------------------------------------------------------
 * Read on the secret's line and up from it: up to three lines of its statement (`static const
 * char ec_key[] =`) and four comment lines, in any order, until a blank line, a line that ends
 * another statement or a directive: the comments whole, the code outside its string literals
 * (a base64 key may spell "Test"). */

typedef struct declared_scan {
    bool test, public_;
} declared_scan;

static size_t line_begin(const char *d, size_t off)
{
    while (off && d[off - 1] != '\n')
        off--;
    return off;
}

static bool is_alpha(char c)
{
    return is_lower(c) || is_upper(c);
}

/* Words of a name or a comment: letter runs, split at camelCase (testKey, TEST_PSK). */
static void read_words(const char *s, size_t n, declared_scan *ds)
{
    /* not "example" nor "sample": ESP-IDF's CONFIG_EXAMPLE_WIFI_PASSWORD is where people
     * commit their own */
    static const char *const test_words[] = {"test", "tests", "testing", "dummy", "fake", "mock",
                                             NULL};
    size_t i = 0;
    while (i < n) {
        while (i < n && !is_alpha(s[i]))
            i++;
        size_t st = i++;
        if (st >= n)
            break;
        if (is_upper(s[st]) && i < n && is_upper(s[i])) {
            while (i < n && is_upper(s[i]))
                i++;
        } else {
            while (i < n && is_lower(s[i]))
                i++;
        }
        for (const char *const *w = test_words; *w; w++) {
            if (strlen(*w) == i - st && !strncasecmp(s + st, *w, i - st))
                ds->test = true;
        }
    }
}

static bool has_phrase(const char *s, size_t n, const char *ph)
{
    size_t m = strlen(ph);
    for (size_t i = 0; i + m <= n; i++) {
        if (!strncasecmp(s + i, ph, m))
            return true;
    }
    return false;
}

static void read_comment(const char *s, size_t n, declared_scan *ds)
{
    static const char *const public_phrases[] = {"not confidential", "non-confidential",
                                                 "nonconfidential",  "not secret",
                                                 "not a secret",     "non-secret",
                                                 "nonsecret",        "publicly known",
                                                 "public knowledge", NULL};
    for (const char *const *ph = public_phrases; *ph; ph++) {
        if (has_phrase(s, n, *ph))
            ds->public_ = true;
    }
    read_words(s, n, ds);
}

/* A line of code: its names outside string and character literals, and its comments. */
static void read_code(const char *s, size_t n, declared_scan *ds)
{
    size_t i = 0, from = 0;
    while (i < n) {
        char c = s[i];
        if (c == '"' || c == '\'') {
            read_words(s + from, i - from, ds);
            for (i++; i < n && s[i] != c; i++) {
                if (s[i] == '\\')
                    i++;
            }
            from = ++i;
        } else if (c == '/' && i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '*')) {
            read_words(s + from, i - from, ds);
            read_comment(s + i, n - i, ds); /* the rest of the line */
            return;
        } else {
            i++;
        }
    }
    if (from < n)
        read_words(s + from, n - from, ds);
}

/* The line [*b, *e) without its indentation and its line end. */
static void trim(const char *d, size_t *b, size_t *e)
{
    while (*b < *e && (d[*b] == ' ' || d[*b] == '\t'))
        (*b)++;
    while (*e > *b && (d[*e - 1] == ' ' || d[*e - 1] == '\t' || d[*e - 1] == '\r'))
        (*e)--;
}

static bool comment_line(const char *s, size_t n)
{
    if (n >= 2 && (!strncmp(s, "//", 2) || !strncmp(s, "/*", 2)))
        return true;
    if (n >= 2 && !strncmp(s + n - 2, "*/", 2))
        return true;
    /* inside a block comment; a shell, Kconfig or INI comment (not `#define`) */
    return n && (s[0] == '*' || s[0] == ';' || (s[0] == '#' && (n == 1 || !is_alpha(s[1]))));
}

mm_declared mm_secret_declared(const char *data, size_t len, size_t off)
{
    if (off > len)
        return MM_DECLARED_NOTHING;
    declared_scan ds = {false, false};
    size_t b = line_begin(data, off);
    const char *nl = memchr(data + off, '\n', len - off);
    size_t e = nl ? (size_t)(nl - data) : len;
    size_t tb = b, te = e;
    trim(data, &tb, &te);
    read_code(data + tb, te - tb, &ds);
    /* up: the statement's earlier lines, then the comment right above it */
    unsigned stmt = 0, comments = 0;
    while (b > 0 && comments < 4) {
        e = b - 1;
        b = line_begin(data, e);
        tb = b;
        te = e;
        trim(data, &tb, &te);
        if (tb == te)
            break;
        const char *s = data + tb;
        size_t n = te - tb;
        if (comment_line(s, n)) {
            read_comment(s, n, &ds);
            comments++;
        } else if (s[0] == '#' && s[n - 1] == '\\') {
            read_code(s, n, &ds); /* `#define KEY \` over the value: the statement's start */
            break;
        } else if (stmt < 3 && s[0] != '#' && !strchr(";{}", s[n - 1])) {
            read_code(s, n, &ds);
            stmt++;
        } else {
            break; /* the statement before, or a directive of its own */
        }
    }
    return ds.public_ ? MM_DECLARED_PUBLIC : ds.test ? MM_DECLARED_TEST : MM_DECLARED_NOTHING;
}
