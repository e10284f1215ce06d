/* One update procedure per SDK family, received over a socket: each writes an image and makes it
 * boot with no signature check (a finding at the write), and the same with a check (quiet). */
#include <stdint.h>
#include <sys/socket.h>

extern int verify_image_signature(const uint8_t *img, uint32_t len);
extern int mbedtls_pk_verify(void *ctx, int md, const uint8_t *h, uint32_t hl, const uint8_t *s,
                             uint32_t sl);

/* Bouffalo Lab BL602: a partition written, the boot table switched */
void bl602_ota(int sock, void *mtd)
{
    uint8_t buf[512];
    int n;
    uint32_t off = 0;
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0) {
        // mamori-expect: update-unverified-image
        bl_mtd_write(mtd, off, n, buf);
        off += n;
    }
    hal_boot2_update_ptable(&entry);
}

void bl602_ota_signed(int sock, void *mtd, void *key, const uint8_t *sig)
{
    uint8_t buf[512];
    int n;
    uint32_t off = 0;
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0) {
        // mamori-ok: update-unverified-image
        bl_mtd_write(mtd, off, n, buf);
        off += n;
    }
    if (mbedtls_pk_verify(key, 6, digest, 32, sig, 64) != 0)
        return;
    hal_boot2_update_ptable(&entry);
}

/* Realtek Ameba: the stream written, the OTA signature (a marker, not a signature) switched */
void rtl_ota(int sock)
{
    uint8_t buf[1024];
    int n;
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0)
        // mamori-expect: update-unverified-image
        ota_writestream_user(addr, n, buf);
    change_ota_signature(&hdr, target);
}

/* Lightning Semi LN882H: the OTA area programmed, the upgrade state set */
void ln_ota(int sock)
{
    uint8_t buf[4096];
    int n;
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0)
        // mamori-expect: update-unverified-image
        hal_flash_program(OTA_SPACE_OFFSET, n, buf);
    ln_nvds_set_ota_upg_state(UPG_STATE_DOWNLOAD_OK);
}

void ln_ota_signed(int sock)
{
    uint8_t buf[4096];
    int n;
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0)
        // mamori-ok: update-unverified-image
        hal_flash_program(OTA_SPACE_OFFSET, n, buf);
    if (verify_image_signature((const uint8_t *)OTA_SPACE_OFFSET, total) == 0)
        ln_nvds_set_ota_upg_state(UPG_STATE_DOWNLOAD_OK);
}

/* Winner Micro W800: the fwup session writes, then resets */
void w800_ota(int sock)
{
    uint8_t buf[1024];
    int n;
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0)
        // mamori-expect: update-unverified-image
        tls_fwup_request_sync(session, buf, n);
    tls_fwup_exit(session);
}

/* ESWIN ECR6600 */
void ecr_ota(int sock)
{
    uint8_t buf[1024];
    int n;
    ota_init();
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0)
        // mamori-expect: update-unverified-image
        ota_write(buf, n);
    ota_done(1);
}

/* Beken BK7231: the download partition written with raw flash writes; the bootloader copies it at
 * the next reset (its CRC check is no signature) */
void bk_ota(int sock)
{
    uint8_t sector[4096];
    int n;
    while ((n = recv(sock, sector, sizeof sector, 0)) > 0)
        // mamori-expect: update-unverified-image
        flash_write((char *)sector, n, OTA_PARTITION);
    bk_reboot();
}

/* Nordic nRF5 SDK: a DFU of the project's own, stored and activated */
void nrf_dfu(int sock)
{
    uint8_t buf[256];
    int n;
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0)
        // mamori-expect: update-unverified-image
        nrf_dfu_flash_store(BANK1, buf, n, NULL);
    nrf_dfu_settings_write_and_backup(NULL);
    NVIC_SystemReset();
}

/* RIOT riotboot */
void riot_ota(int sock, void *state)
{
    uint8_t buf[256];
    int n;
    while ((n = recv(sock, buf, sizeof buf, 0)) > 0)
        // mamori-expect: update-unverified-image
        riotboot_flashwrite_putbytes(state, buf, n, true);
    riotboot_flashwrite_finish(state);
    pm_reboot();
}

/* a flash write with no update around it: settings, then a reset to apply them */
void save_config(const uint8_t *cfg, uint32_t len)
{
    // mamori-ok: update-unverified-image
    flash_write((char *)cfg, len, CONFIG_SECTOR);
    bk_reboot();
}
