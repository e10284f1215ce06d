/* Fixture for cred-bt-fixed-passkey: one pairing PIN or passkey for every unit (issue 21,
 * item 3). */
#include <stdint.h>
#include "esp_gap_ble_api.h"
#include "esp_gap_bt_api.h"

#define APP_PASSKEY 246810

void gap_security_init(void)
{
    uint32_t passkey = 123456;
    // mamori-expect: cred-bt-fixed-passkey
    esp_ble_gap_set_security_param(ESP_BLE_SM_SET_STATIC_PASSKEY, &passkey, sizeof(uint32_t));
    esp_ble_io_cap_t iocap = ESP_IO_CAP_OUT;
    // mamori-ok: cred-bt-fixed-passkey
    esp_ble_gap_set_security_param(ESP_BLE_SM_IOCAP_MODE, &iocap, sizeof(uint8_t));
}

void classic_init(void)
{
    esp_bt_pin_code_t pin = {'1', '2', '3', '4'};
    // mamori-expect: cred-bt-fixed-passkey
    esp_bt_gap_set_pin(ESP_BT_PIN_TYPE_FIXED, 4, pin);
    // mamori-ok: cred-bt-fixed-passkey
    esp_bt_gap_set_pin(ESP_BT_PIN_TYPE_VARIABLE, 0, pin);
}

void zephyr_init(void)
{
    // mamori-expect: cred-bt-fixed-passkey
    bt_passkey_set(APP_PASSKEY);
    extern unsigned int provisioned_passkey;
    // mamori-ok: cred-bt-fixed-passkey
    bt_passkey_set(provisioned_passkey);
}
