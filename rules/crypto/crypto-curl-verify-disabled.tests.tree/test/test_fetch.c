/* A test against a local server with a self-signed certificate: test code is left out. */
#include <curl/curl.h>

void test_fetch_local(CURL *h)
{
    // mamori-ok: crypto-curl-verify-disabled
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
}
