/* cache.c: a libFuzzer target over what the scan cache reads back (inputs/cache.c): the codec of
 * per-file results (mm_result_decode, and encode -> decode -> encode giving the same bytes), a
 * whole cache file (the input as its entries, under a valid header and MAC, so that the fuzzer
 * gets past the authentication to the structure and the entries; then the same bytes as a file
 * with no valid MAC, which must be rebuilt), and the call-graph facts' text (mm_cg_decode),
 * which the cache carries in hints.
 *
 * Input: raw bytes. tests/fuzz/run.sh cache SECONDS; driver.c replays the seeds in every build
 * (tests/fuzz/seeds.sh makes them from the cache of a scan of examples/). */
#define _GNU_SOURCE
#include <mbedtls/md.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "inputs/cache.h"
#include "model/cgraph.h"

static const char identity[65] =
    "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed";

static const char *dir(void)
{
    static char tmpl[] = "/tmp/mamori-fuzz-cache.XXXXXX";
    static const char *d;
    if (!d && !(d = mkdtemp(tmpl)))
        fz_fail("mkdtemp failed");
    return d;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, len, fp) != len || fclose(fp) != 0)
        fz_fail("cannot write %s", path);
}

static uint32_t u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void codec(const uint8_t *data, size_t size)
{
    const mm_ruleset *rs = fz_scan()->rules;
    mm_reader rd = {data, data + size, false};
    mm_file_result r;
    if (mm_result_decode(&rd, rs, &r) < 0)
        return; /* it frees what it had read */
    mm_buf a = {0}, b = {0};
    mm_result_encode(&a, &r);
    mm_reader rd2 = {(const uint8_t *)a.data, (const uint8_t *)a.data + a.len, false};
    mm_file_result back;
    if (mm_result_decode(&rd2, rs, &back) < 0)
        fz_fail("mm_result_decode refuses what mm_result_encode wrote");
    mm_result_encode(&b, &back);
    if (a.len != b.len || memcmp(a.data, b.data, a.len))
        fz_fail("a result changes through encode and decode");
    mm_file_result_free(&r);
    mm_file_result_free(&back);
    mm_buf_free(&a);
    mm_buf_free(&b);
}

/* The input as the entries of a cache file of this identity (trusted: the key --cache uses). */
static void cache_file(const uint8_t *data, size_t size)
{
    char *path = mm_xasprintf("%s/%.64s.mmc", dir(), identity);
    uint64_t count = 0;
    for (size_t off = 0; size - off >= MM_CACHE_KEY + 4;) {
        uint32_t n = u32(data + off + MM_CACHE_KEY);
        if (size - off - MM_CACHE_KEY - 4 < n)
            break;
        off += MM_CACHE_KEY + 4 + n;
        count++;
    }
    mm_buf file = {0};
    mm_buf_put(&file, "MAMORIC1", 8);
    mm_buf_put(&file, identity, 64);
    for (int i = 0; i < 8; i++)
        mm_buf_putc(&file, (char)(count >> (8 * i)));
    mm_buf_put(&file, data, size);
    uint8_t key[32], mac[32];
    mm_sha256("mamori cache v1", 15, key);
    mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), key, sizeof key,
                    (const unsigned char *)file.data, file.len, mac);
    mm_buf_put(&file, mac, sizeof mac);
    for (int valid = 1; valid >= 0; valid--) {
        /* the second time, the same file with a MAC that does not match: rebuilt */
        if (!valid)
            file.data[file.len - 1] ^= 1;
        write_file(path, file.data, file.len);
        char *why = NULL;
        mm_cache *c = mm_cache_open(dir(), true, identity, &why);
        if (!c)
            fz_fail("mm_cache_open: %s", why ? why : "(no reason)");
        if (!valid && !mm_cache_rebuilt(c))
            fz_fail("a cache file whose MAC does not match was used");
        for (size_t off = 0; size - off >= MM_CACHE_KEY + 4;) {
            uint32_t n = u32(data + off + MM_CACHE_KEY);
            if (size - off - MM_CACHE_KEY - 4 < n)
                break;
            mm_file_result r;
            if (mm_cache_get_result(c, data + off, fz_scan()->rules, &r))
                mm_file_result_free(&r);
            off += MM_CACHE_KEY + 4 + n;
        }
        mm_cache_close(c, &why);
        free(why);
    }
    unlink(path);
    mm_buf_free(&file);
    free(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    codec(data, size);
    cache_file(data, size);
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = 0;
    mm_arena a = {0};
    mm_cg_file g;
    mm_cg_decode(text, &a, &g);
    mm_cg_file_free(&g);
    mm_arena_free(&a);
    free(text);
    return 0;
}
