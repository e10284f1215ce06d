/* analyzer_update.c: the update-path analyzer, syntax tier. In one file: bytes that arrive over
 * the network, a serial line, USB or BLE are written to flash or an OTA partition and then
 * booted (a boot partition set, an update committed, a reset, an MCUboot upgrade request,
 * OpenWrt's sysupgrade), and nothing in that file verifies a signature. A CRC, MD5 or SHA
 * digest compared with one that came with the image checks integrity: whoever sends the image
 * sends the digest too. The deep tier (libclang, later) follows the call graph across files;
 * this one approximates it per file and says so in the finding.
 *
 * The writes are call facts of the parsed items (the prefilter triggers on them); sources,
 * boot steps and verification calls are looked up in the whole file's tokens (clex.c), so that
 * a download in one function and the flash write in another are seen together without
 * parsing every `read(` of a large tree. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "front/clex.h"
#include "match/matchers.h"
#include "project/analyzers.h"

/* Writes of an image to flash; "Obj.name" for member calls. */
static const char *const sinks[] = {
    "esp_ota_write", "esp_ota_write_with_offset",  /* ESP-IDF OTA */
    "esp_partition_write", "esp_partition_write_raw",
    "Update.write", "Update.writeStream",           /* Arduino ESP32/ESP8266 Updater */
    "HAL_FLASH_Program", "HAL_FLASH_Program_IT",    /* STM32Cube */
    "flash_area_write", "flash_img_buffered_write", /* Zephyr/MCUboot */
    "riotboot_flashwrite_putbytes",                 /* RIOT */
    NULL,
};

const char *const mm_update_path_callees[] = {
    "esp_ota_write", "esp_ota_write_with_offset", "esp_partition_write", "esp_partition_write_raw",
    "write", "writeStream", "HAL_FLASH_Program", "HAL_FLASH_Program_IT", "flash_area_write",
    "flash_img_buffered_write", "riotboot_flashwrite_putbytes", NULL,
};

const char *const mm_update_path_triggers[] = {
    "\\b(?:esp_ota_write(?:_with_offset)?|esp_partition_write(?:_raw)?|HAL_FLASH_Program(?:_IT)?"
    "|flash_area_write|flash_img_buffered_write|riotboot_flashwrite_putbytes)\\s*\\(",
    "\\bUpdate\\s*\\.\\s*write(?:Stream)?\\s*\\(",
    "sysupgrade",
    NULL,
};

/* Where the bytes come from. */
static const char *const sources[] = {
    "recv", "recvfrom", "recvmsg", "zsock_recv", "zsock_recvfrom", "lwip_recv", "lwip_recvfrom",
    "lwip_read", "netconn_recv", "netbuf_data", "tcp_recved", "mbedtls_ssl_read",
    "wolfSSL_read", "SSL_read", "curl_easy_perform", "coap_get_payload", "esp_http_client_read",
    "esp_http_client_read_response", "httpd_req_recv", "uart_read_bytes", "uart_poll_in",
    "uart_fifo_read", "uart_rx_enable", "HAL_UART_Receive", "HAL_UART_Receive_IT",
    "HAL_UART_Receive_DMA", "HAL_UARTEx_ReceiveToIdle", "HAL_UARTEx_ReceiveToIdle_IT",
    "HAL_UARTEx_ReceiveToIdle_DMA", "HAL_USART_Receive", "HAL_USART_Receive_IT",
    "HAL_USART_Receive_DMA", "HAL_CAN_GetRxMessage", "HAL_FDCAN_GetRxMessage",
    "USBD_CDC_ReceivePacket", "tud_cdc_read", "tud_cdc_n_read", "ble_hs_mbuf_to_flat",
    "os_mbuf_copydata", "net_buf_pull_mem",
    /* Arduino streams: network clients, serial ports, the HTTP client's stream, uploads */
    "*.getStream", "*.getStreamPtr", "*.readBytes", "*.readBytesUntil", "client.read",
    "Serial.read", "Serial1.read", "Serial2.read", "SerialBT.read", "stream.read", "http.read",
    "server.upload", NULL,
};
/* Identifiers that say the file handles received data: write events of BLE GATT servers, USB
 * CDC receive callbacks, a web server's upload handler. */
static const char *const source_mentions[] = {
    "ESP_GATTS_WRITE_EVT", "BLE_GATT_ACCESS_OP_WRITE_CHR", "BT_GATT_CHRC_WRITE",
    "BT_GATT_CHRC_WRITE_WITHOUT_RESP", "CDC_Receive_FS", "CDC_Receive_HS", "HTTPUpload", NULL,
};

/* Steps that make the written image run. */
static const char *const boots[] = {
    "esp_ota_set_boot_partition", "Update.end", "boot_request_upgrade",
    "boot_request_upgrade_multi", "boot_set_pending", "boot_set_pending_multi",
    "riotboot_flashwrite_finish", "NVIC_SystemReset", "HAL_NVIC_SystemReset",
    "__NVIC_SystemReset", "esp_restart", "ESP.restart", "sys_reboot", "pm_reboot", NULL,
};

/* Signature checks (prefix* for families). */
static const char *const verifiers[] = {
    "mbedtls_pk_verify*", "mbedtls_rsa_pkcs1_verify", "mbedtls_rsa_rsassa_pss_verify*",
    "mbedtls_rsa_rsassa_pkcs1_v15_verify", "mbedtls_ecdsa_verify*", "mbedtls_ecdsa_read_signature*",
    "psa_verify_hash*", "psa_verify_message", "esp_secure_boot_verify*", "bootutil_img_validate",
    "bootutil_verify_sig", "wc_SignatureVerify*", "wc_RsaSSL_Verify*", "wc_RsaPSS_Verify*",
    "wc_ecc_verify_hash*", "wc_ed25519_verify_msg*", "wc_ed448_verify_msg*", "crypto_sign_verify*",
    "crypto_sign_open", "crypto_sign_ed25519_verify_detached", "crypto_check", "crypto_eddsa_check",
    "crypto_ed25519_check", "ed25519_verify", "uECC_verify", "hydro_sign_verify",
    "EVP_DigestVerify*", "EVP_PKEY_verify*", "EVP_VerifyFinal", "ECDSA_verify", "ECDSA_do_verify",
    "RSA_verify", "cose_sign_verify*", "nrf_crypto_ecdsa_verify", "ocrypto_ecdsa_p256_verify",
    "ocrypto_ed25519_verify", "br_rsa_i15_pkcs1_vrfy", "br_rsa_i31_pkcs1_vrfy",
    "br_ecdsa_i15_vrfy_asn1", "br_ecdsa_i31_vrfy_asn1", "*.installSignature", NULL,
};

/* Digests and checksums: integrity only, named in the finding when the file relies on one. */
static const char *const digests[] = {
    "*.setMD5", "mbedtls_sha256*", "mbedtls_md5*", "mbedtls_sha1*", "esp_rom_crc32_le",
    "crc32", "crc32_ieee", "crc16_ccitt", "HAL_CRC_Calculate", "HAL_CRC_Accumulate",
    "esp_partition_get_sha256", "MD5Update", "SHA256_Update", "wc_Sha256Update", NULL,
};

static const char *first_call(const mm_clex *x, const char *const *names)
{
    for (const char *const *n = names; *n; n++) {
        if (mm_clex_calls(x, *n))
            return *n;
    }
    return NULL;
}

/* A function of the project's own that says it verifies a signature: verify_signature(),
 * fw_sig_verify(), check_image_signature(). */
static bool own_verifier(const mm_clex *x)
{
    for (size_t i = 0; i < x->called.cap; i++) {
        const char *s = x->called.slots[i];
        if (!s)
            continue;
        char norm[128];
        mm_name_norm(norm, sizeof norm, s);
        bool verify = strstr(norm, "verif") || strstr(norm, "check") || strstr(norm, "validat");
        bool sig = strstr(norm, "sig") || strstr(norm, "signature");
        if (verify && sig)
            return true;
    }
    return false;
}

/* A string literal naming sysupgrade (OpenWrt), which writes the image and reboots into it. */
static uint32_t sysupgrade_at(const mm_clex *x)
{
    for (uint32_t i = 0; i < x->n; i++) {
        const mm_ctok *t = &x->toks[i];
        if (t->kind == 's' && t->len > 10 && memmem(x->src + t->start, t->len, "sysupgrade", 10))
            return t->start;
    }
    return UINT32_MAX;
}

static bool string_mentions(const mm_clex *x, const char *word)
{
    size_t wl = strlen(word);
    for (uint32_t i = 0; i < x->n; i++) {
        const mm_ctok *t = &x->toks[i];
        if (t->kind == 's' && t->len > wl && memmem(x->src + t->start, t->len, word, wl))
            return true;
    }
    return false;
}

static bool is_sink(const mm_call *c)
{
    for (const char *const *s = sinks; *s; s++) {
        const char *dot = strchr(*s, '.');
        if (dot) {
            if (c->member && c->object && !strncmp(c->object, *s, (size_t)(dot - *s)) &&
                c->object[dot - *s] == 0 && !strcmp(c->name, dot + 1))
                return true;
        } else if (!c->member && !c->qualified && !strcmp(c->name, *s)) {
            return true;
        }
    }
    return false;
}

void mm_analyze_update_path(const mm_rule *rule, mm_file *f)
{
    const mm_call *sink = NULL;
    for (uint32_t i = 0; i < f->cf->ncalls && !sink; i++) {
        if (is_sink(&f->cf->calls[i]))
            sink = &f->cf->calls[i];
    }
    const mm_clex *x = mm_clex_get(f);
    uint32_t sysup = sink ? UINT32_MAX : sysupgrade_at(x);
    if (!sink && sysup == UINT32_MAX)
        return;
    /* where the bytes come from */
    const char *source = first_call(x, sources);
    if (!source) {
        for (const char *const *m = source_mentions; *m && !source; m++) {
            if (mm_clex_mentions(x, *m))
                source = *m;
        }
    }
    if (!source && (mm_clex_calls(x, "socket") || mm_clex_calls(x, "accept") ||
                    mm_clex_calls(x, "zsock_socket")) && mm_clex_calls(x, "read"))
        source = "read";
    if (!source && sysup != UINT32_MAX) {
        static const char *const fetchers[] = {"wget ", "curl ", "tftp ", "uclient-fetch ", NULL};
        for (const char *const *w = fetchers; *w && !source; w++) {
            if (string_mentions(x, *w))
                source = *w;
        }
    }
    if (!source)
        return;
    /* how it is booted (sysupgrade reboots by itself) */
    const char *boot = sysup != UINT32_MAX ? "sysupgrade" : first_call(x, boots);
    if (!boot)
        return;
    if (first_call(x, verifiers) || own_verifier(x) ||
        (sysup != UINT32_MAX && (string_mentions(x, "usign") || string_mentions(x, "ucert") ||
                                 string_mentions(x, "-verify"))))
        return;
    const char *digest = first_call(x, digests);
    const char *tier = "syntax tier, one file";
    const char *detail = tier;
    if (digest) {
        const char *d = digest[0] == '*' ? digest + 2 : digest;
        size_t dl = strlen(d) - (d[strlen(d) - 1] == '*');
        detail = mm_arena_printf(f->arena, "%s; %.*s checks integrity, not who made the image",
                                 tier, (int)dl, d);
    }
    const char *src = source[0] == '*' ? source + 2 : source;
    char srcbuf[64];
    snprintf(srcbuf, sizeof srcbuf, "%s", src);
    size_t sl = strlen(srcbuf);
    while (sl && srcbuf[sl - 1] == ' ')
        srcbuf[--sl] = 0;
    const char *writer = sink ? sink->callee : "sysupgrade";
    const char *vars[] = {"callee", writer, "name", sink ? sink->name : "sysupgrade",
                          "arg0", srcbuf, "arg1", boot, "detail", detail, NULL};
    mm_emit e = {0};
    if (sink) {
        e.start = sink->span.start;
        e.end = sink->span.end;
    } else {
        e.start = sysup;
        e.end = sysup + 1;
    }
    e.vars = vars;
    mm_emit_finding(f, rule, &e);
}
