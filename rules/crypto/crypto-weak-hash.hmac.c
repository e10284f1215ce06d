/* A file that computes HMAC-SHA1 with the generic md API: its SHA-1 info is for the HMAC. */
#include "mbedtls/md.h"

int hotp(const unsigned char *key, size_t klen, const unsigned char *ctr, unsigned char *mac)
{
    // mamori-ok: crypto-weak-hash
    const mbedtls_md_info_t *sha1 = mbedtls_md_info_from_type(MBEDTLS_MD_SHA1);
    return mbedtls_md_hmac(sha1, key, klen, ctr, 8, mac);
}
