/* libcurl transfers with verification turned off. */
#include <curl/curl.h>
#include <stdbool.h>

#define VERIFY 0
#define STRICT 1L
/* defined but never used: not a finding */
#define INSECURE 0L

void fetch(CURL *h)
{
    // mamori-expect: crypto-curl-verify-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    // mamori-expect: crypto-curl-verify-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, VERIFY);
    // mamori-expect: crypto-curl-verify-disabled
    curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYPEER, (long)false);
    // mamori-ok: crypto-curl-verify-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    // mamori-ok: crypto-curl-verify-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    // mamori-ok: crypto-curl-verify-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, STRICT);
    // mamori-ok: crypto-curl-verify-disabled
    curl_easy_setopt(h, CURLOPT_VERBOSE, 0L);
    /* curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L); commented out */
    // mamori-ok: crypto-curl-verify-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, verify_from_config);
}
