/* Legacy ciphers. */
#include <openssl/evp.h>
#include "mbedtls/cipher.h"
#include "mbedtls/des.h"
#include <wolfssl/wolfcrypt/des3.h>

void legacy(const unsigned char key[24], EVP_CIPHER_CTX *ctx)
{
    mbedtls_des3_context des3;
    // mamori-expect: crypto-weak-cipher
    mbedtls_des3_set3key_enc(&des3, key);
    // mamori-expect: crypto-weak-cipher
    EVP_EncryptInit_ex(ctx, EVP_rc4(), NULL, key, NULL);
    // mamori-expect: crypto-weak-cipher
    const mbedtls_cipher_info_t *info = mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_DES_EDE3_CBC);
    // mamori-ok: crypto-weak-cipher
    const mbedtls_cipher_info_t *aes = mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_AES_128_GCM);
    Des3 wdes;
    // mamori-expect: crypto-weak-cipher
    wc_Des3_SetKey(&wdes, key, NULL, DES_ENCRYPTION);
    // mamori-ok: crypto-weak-cipher
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, NULL);
    (void)info;
    (void)aes;
}

/* a function of the project that happens to be named like a cipher call is a plain call too */
static void rc4_table_dump(void) {}
