// Public material only: the CA that issued the API server's certificate and the public half of
// the vendor's update-signing key. Neither is a secret; the private signing key is not here.
#pragma once
#include <stdint.h>

// Placeholder bytes: replace with the DER public key exported by the release tooling
// (openssl rsa -in signing.key -pubout -outform DER | xxd -i).
static const uint8_t update_signing_pubkey_der[] = {0x30, 0x82, 0x01, 0x22};

// The CA certificate of api.example.com and updates.example.com (PEM, public).
static const char api_server_ca_pem[] = "-----BEGIN CERTIFICATE-----\n"
                                        "(the CA certificate goes here)\n"
                                        "-----END CERTIFICATE-----\n";
