/* c.c: a libFuzzer target over the C/C++ front end — the per-file pipeline with the built-in
 * rules (prefilter hits choose the items tree-sitter parses, then the call, initializer and
 * literal matchers read the facts), and then the whole file at once: the tree-sitter tier
 * (cfront.c, cinit.c, cstring.c), the token view (clex.c) with its value, declared-type and
 * profile queries, and the call-graph facts (front/cgraph.c) with their encode/decode round trip.
 *
 * Input: the file's path on the first line (sketch.ino when empty), then its bytes. Built with
 * -DMAMORI_FUZZ=ON (tests/fuzz/run.sh c SECONDS); driver.c replays the seeds in every build. */
#include <stdlib.h>
#include <string.h>

#include "front/cfront.h"
#include "front/cgraph.h"
#include "front/clex.h"
#include "front/cpp.h"
#include "fuzz.h"

static char *words[] = {"auth", "correct_pin", "password", "token"};
static char *route_names[] = {"url", "uri", "topic"};
static char *site_prefixes[] = {"mbedtls_md5", "esp_ota_"};
static char *site_strings[] = {"sysupgrade", "update"};

static void whole_file(const char *path, const char *text, size_t len)
{
    static mm_cfront *cf;
    static mm_strset sites, types;
    if (!cf) {
        cf = mm_cfront_new();
        static const char *const s[] = {"esp_ota_write", "Update.begin", "*.on", "strcpy",
                                        "httpd_register_uri_handler"};
        for (size_t i = 0; i < MM_ARRAY_LEN(s); i++)
            mm_strset_add(&sites, s[i]);
        mm_strset_add(&types, "ESP8266HTTPUpdateServer");
        mm_strset_add(&types, "WiFiClientSecure");
    }
    mm_arena a = {0};
    mm_file f;
    memset(&f, 0, sizeof f);
    f.path = path;
    f.data = text;
    f.len = len;
    f.arena = &a;
    f.wants = &fz_scan()->rules->wants;
    f.profile = "release";
    f.max_line_len = 20000;
    f.kind = mm_str_ends(path, ".c") || mm_str_ends(path, ".h") ? MM_KIND_C : MM_KIND_CPP;
    mm_cfront_run(cf, &f, true);

    const mm_clex *x = mm_clex_get(&f);
    /* the queries the matchers ask, about the first identifiers of the file */
    unsigned asked = 0;
    for (uint32_t i = 0; x && i < x->n && asked < 8; i++) {
        if (x->toks[i].kind != 'i' || x->toks[i].len > 64)
            continue;
        char name[65];
        memcpy(name, x->src + x->toks[i].start, x->toks[i].len);
        name[x->toks[i].len] = 0;
        mm_cvalue v;
        mm_c_value(&f, name, &v);
        mm_clex_declared_type(&f, name, (uint32_t)len);
        mm_clex_last_value(&f, name, 0, (uint32_t)len);
        mm_clex_calls(x, name);
        mm_code_profile(&f, x->toks[i].start);
        asked++;
    }

    mm_cg_want w = {.sites = &sites, .types = &types, .words = words,
                    .nwords = MM_ARRAY_LEN(words), .route_names = route_names,
                    .nroute_names = MM_ARRAY_LEN(route_names), .site_prefixes = site_prefixes,
                    .nsite_prefixes = MM_ARRAY_LEN(site_prefixes), .path_literal_sites = true,
                    .site_strings = site_strings, .nsite_strings = MM_ARRAY_LEN(site_strings)};
    mm_cg_file g;
    mm_cg_extract(&f, &w, &g);
    /* the facts travel through the cache as text: what is written reads back the same */
    char *enc = mm_cg_encode(&g);
    mm_cg_file back;
    if (mm_cg_decode(enc, &a, &back) < 0)
        fz_fail("mm_cg_decode rejects what mm_cg_encode wrote");
    char *again = mm_cg_encode(&back);
    if (strcmp(enc, again))
        fz_fail("the call-graph facts change through encode and decode");
    free(enc);
    free(again);
    mm_cg_file_free(&back);
    mm_cg_file_free(&g);
    mm_clex_release(&f);
    mm_pp_release(&f); /* the preprocessor view's table of names it found nowhere */
    mm_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256], *text;
    size_t len;
    fz_split(data, size, "sketch.ino", path, &text, &len);
    fz_scan_file(path, text, len, false, NULL, NULL);
    whole_file(path, text, len); /* NULs too: the scan reads a NUL past 8 KiB as text */
    free(text);
    return 0;
}
