/* mamori-path: demos/include/aws_clientcredential_keys.h
 * Fixture for cred-private-key-pem: the FreeRTOS / AWS IoT credentials header. TEST ONLY: the
 * key is a throwaway generated with openssl for this fixture; it protects nothing. */
#ifndef AWS_CLIENT_CREDENTIAL_KEYS_H
#define AWS_CLIENT_CREDENTIAL_KEYS_H

#include <stdint.h>
#include <string.h>

/* a certificate is public */
#define keyCLIENT_CERTIFICATE_PEM \
    /* mamori-ok: cred-private-key-pem */ \
    "-----BEGIN CERTIFICATE-----\n" \
    "MIIBxjCCAW2gAwIBAgIUEW8NJFsEnVb5Txxegrz1TV4vrZswCgYIKoZIzj0EAwIw\n" \
    "OTEjMCEGA1UEAwwabWFtb3JpIGZpeHR1cmUgY2VydGlmaWNhdGUxEjAQBgNVBAoM\n" \
    "CVRFU1QgT05MWTAeFw0yNjExMjUyMDI5MTVaFw0zNjExMjIyMDI5MTVaMDkxIzAh\n" \
    "BgNVBAMMGm1hbW9yaSBmaXh0dXJlIGNlcnRpZmljYXRlMRIwEAYDVQQKDAlURVNU\n" \
    "IE9OTFkwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATtijgT9qx/LAPwmmJluKh3\n" \
    "X2r7KZQ7dxzcvJqe2o+YXhs0cQbEj215mVCs6zXktP6zYMStNSZ3t5JLLxrrt+7U\n" \
    "o1MwUTAdBgNVHQ4EFgQUtuPTvFyOmniIJZHSFZluAqJ+ZvowHwYDVR0jBBgwFoAU\n" \
    "tuPTvFyOmniIJZHSFZluAqJ+ZvowDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD\n" \
    "AgNHADBEAiBmZRXvNV6gl4fkpPqMGPG9OUfiBwVNusr4esSGMYVgUgIgHjQvb0zc\n" \
    "P5ZCJDUwd7TFpIejqksJv458Zhz75E9qWxA=\n" \
    "-----END CERTIFICATE-----\n"

#define keyCLIENT_PRIVATE_KEY_PEM \
    /* mamori-expect: cred-private-key-pem */ \
    "-----BEGIN RSA PRIVATE KEY-----\n" \
    "MIIEowIBAAKCAQEAqkrkzAeqPhG9hXhyZdnnwFF0wSbcgXdjNQ5xjLYzen+Loh+b\n" \
    "eoLGcp9yRkDYA38ZDx0ajBOSRDkIBXiB0OJu0809qrkU6SgxbTyHWXG7/A27LJyf\n" \
    "64bpEWi3Lz8HaOU3px9pQGD9o5bllRMyfQyv3JvuDLXWbDRTnbvD9OD5tBDxLaDi\n" \
    "Z7kA79c1aqhOhC/If9voAxCNEdqXHLTLJ9Qzz8w8MvuZ8SWWkLtgOXkTJjJgQ9MD\n" \
    "Y6W6/U0OQxhsYUpjM3Z/MTMaPMhGR1QsLQjtjwgvmKtZe+PjaWSsdkaUlgujvH/E\n" \
    "IRPFWs85qH/SRRF0WH0ijcRYnTAbdUiUQmsICwIDAQABAoIBABqLoi7L4xXZ3hk4\n" \
    "NVz7Is0v5WtWi3kDC0vx/HFa1Zt61mFnW+01BYpIoJ+i7AlffqCEgOblBh/sY/u2\n" \
    "VUYihfQuQjais0fFJC9LCC5BNHSOD2dc4vDsDtjP4f5TbOxFDu/WTanjdKZTl2Yt\n" \
    "n+kuWRuikvEYR1yGq6Ii6uD5UPNojwWU/RXY16wVQC77mSRfjpRVY4HWw3FzSqlM\n" \
    "0EDVMaKQbG1U4OWsr1I50Uo5wI+SmgkwZQixVRVUeIcoaa0+OEI+Q1pCb7mS01XM\n" \
    "Ma5g4hQG4D9qRuEwcRQvsTowLsYpS6s3h0B5/8gRxBsiXwmQzkz2AujCgSiBmZMd\n" \
    "d+kLZsECgYEA7lLklyHxEOps2qnTZ3GzebNt6GaR/y+yk2CVICw9Y2vXKv+yauHP\n" \
    "EuuMme9Hp6Z9miVNuHJ5B7r9xkmJEPCk4aMttJQ+JgvWN+drx1qyWydaIL0klxC9\n" \
    "PwG2ffExqq3FoWqIHHH7GyelWMp45AdtR/eP54YtqQP06HzrTEA1mEUCgYEAtuxG\n" \
    "wHn0gQmz0e09vsdKt79MuXdZvGMXEnReYEQ5IfzdPI7eLWRl00JSkhD7n8nM/Y3r\n" \
    "xwF0H4vX2tQMbfEmeIfm0msYYyaoXFd/9kxcLHF6oXGddIyle5f5bDeqPVgiR5HW\n" \
    "UK4QCcWrE6nxbQof3dmzsvEAFcNCw8quZVCCbA8CgYBIlYZ5YSUCeeNdVYvFXaPD\n" \
    "1RoMRfEBP42rxSal/dNUjGuj9OxqEQv4PzU7TN0N+m8Wm3XoTzT9Xb4cvhi4yBHv\n" \
    "hrtM3DlxbPl5XUo+FSltCbcxcWnLeJWqsuLZyLPPv80JNGDwCObphlGdkUzwZjKq\n" \
    "UIPLh9owN7xHcoRXXNb14QKBgD99dPU7nyTmlDZp7MN58rIiQOQiy8+6aPir0VIC\n" \
    "e/4TAUsSn4UL0tfnrjcqk9ubNH5RMyPomkCUzkAS15mVWO/+45vnNhi8AzXB3RVE\n" \
    "3b1DSfgdMjSQ2KM0VYs9KuaN36ANu2BXehOaO03g734URIlBFcEnKwtisZq5j5x0\n" \
    "vD/7AoGBALlE0bh/BnRIpUKmyHTYcjndnV0Og5b2N09vJohEeAXMWjrtjQyaRy7B\n" \
    "WqsQXmn068h6Q1b/FleFNGv8eCNhmp2CiO41thNXnexD8Qpoeqy66QFMtzSK0BrI\n" \
    "M/CUIAViJM7vtc+o28pInLJIW/7ZgnkeG1EF6mLn7kNEh7xqIq3d\n" \
    "-----END RSA PRIVATE KEY-----\n"

/* the fix: no key in the firmware, it lives in the PKCS #11 slot */
// mamori-ok: cred-private-key-pem
#define keyJITR_DEVICE_CERTIFICATE_AUTHORITY_PEM NULL

/* markers a PEM parser looks for have no body */
// mamori-ok: cred-private-key-pem
#define PEM_BEGIN_PRIVATE_KEY_RSA "-----BEGIN RSA PRIVATE KEY-----"
#define PEM_END_PRIVATE_KEY_RSA "-----END RSA PRIVATE KEY-----"

static inline int pem_is_private_key(const char *buf)
{
    // mamori-ok: cred-private-key-pem
    return strstr(buf, "-----BEGIN RSA PRIVATE KEY-----") != NULL ||
           // mamori-ok: cred-private-key-pem
           strncmp(buf, "-----BEGIN PRIVATE KEY-----", sizeof("-----BEGIN PRIVATE KEY-----") - 1) == 0;
}

#endif
