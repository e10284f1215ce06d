/* Digests computed with MD5 and SHA-1, and the uses that are not findings. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include "mbedtls/md.h"
#include "mbedtls/md5.h"
#include "mbedtls/sha1.h"
#include "psa/crypto.h"
#include <wolfssl/wolfcrypt/md5.h>

void image_digest(const unsigned char *img, size_t len, unsigned char out[20])
{
    mbedtls_md5_context md5;
    mbedtls_md5_init(&md5);
    // mamori-expect: crypto-weak-hash
    mbedtls_md5_starts(&md5);
    mbedtls_md5_update(&md5, img, len);
    mbedtls_md5_finish(&md5, out);
    // mamori-expect: crypto-weak-hash
    mbedtls_sha1_ret(img, len, out);
    // mamori-expect: crypto-weak-hash
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA1);
    (void)info;
    // mamori-ok: crypto-weak-hash
    const mbedtls_md_info_t *good = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    (void)good;
    size_t n;
    // mamori-expect: crypto-weak-hash
    psa_hash_compute(PSA_ALG_SHA_1, img, len, out, 20, &n);
    // mamori-ok: crypto-weak-hash
    psa_hash_compute(PSA_ALG_SHA_256, img, len, out, 32, &n);
}

const EVP_MD *fingerprint_md(void)
{
    // mamori-expect: crypto-weak-hash
    return EVP_md5();
}

void wolf(const unsigned char *data, unsigned len, unsigned char *out)
{
    wc_Md5 md5;
    // mamori-expect: crypto-weak-hash
    wc_InitMd5(&md5);
    // mamori-expect: crypto-weak-hash
    wc_ShaHash(data, len, out);
}

/* HMAC-SHA1 (TOTP, RFC 6238): the HMAC construction is not broken by SHA-1 collisions */
void totp_hmac(const unsigned char *key, int klen, const unsigned char *msg, size_t mlen,
               unsigned char *mac, unsigned *maclen)
{
    // mamori-ok: crypto-weak-hash
    HMAC(EVP_sha1(), key, klen, msg, mlen, mac, maclen);
}

/* the WebSocket handshake must use SHA-1 (RFC 6455) */
void ws_accept_key(const char *key, unsigned char out[20])
{
    // mamori-ok: crypto-weak-hash
    mbedtls_sha1((const unsigned char *)key, 60, out);
}

/* an OCSP request's certificate id is defined with SHA-1 (RFC 5019): a lookup key, not a check */
void ocsp_id(X509 *cert, X509 *issuer)
{
    // mamori-ok: crypto-weak-hash
    OCSP_CERTID *id = OCSP_cert_to_id(EVP_sha1(), cert, issuer);
    (void)id;
}

/* the X.509 subject key identifier (RFC 5280 4.2.1.2, method 1) */
int set_key_identifier(const unsigned char *pub, size_t len, unsigned char out[20])
{
    size_t n;
    // mamori-ok: crypto-weak-hash
    return psa_hash_compute(PSA_ALG_SHA_1, pub, len, out, 20, &n);
}
