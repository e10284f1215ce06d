/* ECB over buffers, and the single-block uses that build other modes. */
#include <openssl/evp.h>
#include "mbedtls/aes.h"
#include "mbedtls/cipher.h"
#include <wolfssl/wolfcrypt/aes.h>
#include "psa/crypto.h"

void encrypt_log(mbedtls_aes_context *aes, const unsigned char *in, unsigned char *out, size_t len)
{
    for (size_t off = 0; off < len; off += 16) {
        // mamori-expect: crypto-ecb-mode
        mbedtls_aes_crypt_ecb(aes, MBEDTLS_AES_ENCRYPT, in + off, out + off);
    }
    for (size_t i = 0; i < len / 16; i++) {
        // mamori-expect: crypto-ecb-mode
        mbedtls_aes_crypt_ecb(aes, MBEDTLS_AES_ENCRYPT, &in[i * 16], &out[i * 16]);
    }
}

/* CTR mode by hand: the counter block goes through ECB, the data never does */
void ctr_by_hand(mbedtls_aes_context *aes, unsigned char counter[16], const unsigned char *in,
                 unsigned char *out, size_t len)
{
    unsigned char stream[16];
    for (size_t off = 0; off < len; off += 16) {
        // mamori-ok: crypto-ecb-mode
        mbedtls_aes_crypt_ecb(aes, MBEDTLS_AES_ENCRYPT, counter, stream);
        for (int k = 0; k < 16; k++)
            out[off + k] = in[off + k] ^ stream[k];
    }
}

void one_block(mbedtls_aes_context *aes, const unsigned char in[16], unsigned char out[16])
{
    // mamori-ok: crypto-ecb-mode
    mbedtls_aes_crypt_ecb(aes, MBEDTLS_AES_ENCRYPT, in, out);
}

void others(EVP_CIPHER_CTX *ctx, const unsigned char *key, Aes *waes, byte *o, const byte *i, word32 n)
{
    /* choosing ECB shows no data: single-block primitives do this all the time */
    // mamori-ok: crypto-ecb-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    // mamori-ok: crypto-ecb-mode
    const mbedtls_cipher_info_t *ecb = mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_AES_256_ECB);
    (void)ecb;
    // mamori-expect: crypto-ecb-mode
    wc_AesEcbEncrypt(waes, o, i, n);
    // mamori-ok: crypto-ecb-mode
    wc_AesEcbEncrypt(waes, o, i, AES_BLOCK_SIZE);
    // mamori-ok: crypto-ecb-mode
    wc_AesEcbEncrypt(waes, o, i, sizeof(block));
}

int psa(psa_key_id_t key, const uint8_t *log, size_t log_len, uint8_t *out, size_t size, size_t *olen)
{
    // mamori-expect: crypto-ecb-mode
    psa_cipher_encrypt(key, PSA_ALG_ECB_NO_PADDING, log, log_len, out, size, olen);
    /* Bluetooth's e function: one block */
    // mamori-ok: crypto-ecb-mode
    psa_cipher_encrypt(key, PSA_ALG_ECB_NO_PADDING, log, 16, out, 16, olen);
    // mamori-ok: crypto-ecb-mode
    psa_cipher_encrypt(key, PSA_ALG_ECB_NO_PADDING, log, SMP_ENCRYPT_DATA_SIZE, out, 16, olen);
    // mamori-ok: crypto-ecb-mode
    return psa_cipher_encrypt(key, PSA_ALG_GCM, log, log_len, out, size, olen);
}
