/* inv_known.c: what mamori knows of widely vendored libraries, as one table — how a copy states
 * its version (a macro of one of a few forms), words of its license text that name it, and its
 * upstream (GitHub repository, release tags, CPE). Recognising another library is a row here
 * (and its macro in mm_inventory_trigger, which a unit test checks), never code. */
#define _GNU_SOURCE
#include "project/inventory_int.h"

#include <string.h>

/* clang-format off */
const inv_lib inv_libs[] = {
    /* name            aliases                          repo                            tag           cpe (part:vendor:product)          version macro                 form          parts / strip                                                             license words */
    {"mbedtls",        "mbed-tls|mbed tls",            "Mbed-TLS/mbedtls",             "v%s",        "a:arm:mbed_tls",                  "MBEDTLS_VERSION_STRING",     INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"lwip",           NULL,                           NULL,                           NULL,         "a:lwip_project:lwip",             "LWIP_VERSION_MAJOR",         INV_VPARTS,   {"LWIP_VERSION_MAJOR", "LWIP_VERSION_MINOR", "LWIP_VERSION_REVISION"}, NULL, "lwIP is licenced under the BSD licence"},
    {"freertos-kernel", "freertos",                    "FreeRTOS/FreeRTOS-Kernel",     "V%s",        "o:amazon:freertos",               "tskKERNEL_VERSION_NUMBER",   INV_VSTRING,  {NULL}, "V",                                                      NULL},
    {"openssl",        NULL,                           "openssl/openssl",              NULL,         "a:openssl:openssl",               "OPENSSL_VERSION_TEXT",       INV_VSTRING,  {NULL}, "OpenSSL ",                                               NULL},
    {"libressl",       NULL,                           NULL,                           NULL,         NULL,                              "LIBRESSL_VERSION_TEXT",      INV_VSTRING,  {NULL}, "LibreSSL ",                                              NULL},
    {"curl",           "libcurl",                      "curl/curl",                    NULL,         "a:haxx:libcurl",                  "LIBCURL_VERSION",            INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"wolfssl",        NULL,                           "wolfSSL/wolfssl",              "v%s-stable", "a:wolfssl:wolfssl",               "LIBWOLFSSL_VERSION_STRING",  INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"wolfssl",        NULL,                           "wolfSSL/wolfssl",              "v%s-stable", "a:wolfssl:wolfssl",               "WOLFSSL_VERSION_STRING",     INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"cjson",          NULL,                           "DaveGamble/cJSON",             "v%s",        "a:cjson_project:cjson",           "CJSON_VERSION_MAJOR",        INV_VPARTS,   {"CJSON_VERSION_MAJOR", "CJSON_VERSION_MINOR", "CJSON_VERSION_PATCH"}, NULL, "Dave Gamble and cJSON contributors"},
    {"zlib",           NULL,                           "madler/zlib",                  "v%s",        "a:zlib:zlib",                     "ZLIB_VERSION",               INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"tinyusb",        NULL,                           "hathach/tinyusb",              "%s",         NULL,                              "TUSB_VERSION_MAJOR",         INV_VPARTS,   {"TUSB_VERSION_MAJOR", "TUSB_VERSION_MINOR", "TUSB_VERSION_REVISION"}, NULL, "Ha Thach (tinyusb.org)"},
    {"littlefs",       NULL,                           "littlefs-project/littlefs",    "v%s",        NULL,                              "LFS_VERSION",                INV_VHEX16,   {NULL}, NULL,                                                     "The littlefs authors"},
    {"nanopb",         NULL,                           "nanopb/nanopb",                NULL,         "a:nanopb_project:nanopb",         "NANOPB_VERSION",             INV_VWORD,    {NULL}, "nanopb-",                                                NULL},
    {"lvgl",           NULL,                           "lvgl/lvgl",                    "v%s",        "a:lvgl:lvgl",                     "LVGL_VERSION_MAJOR",         INV_VPARTS,   {"LVGL_VERSION_MAJOR", "LVGL_VERSION_MINOR", "LVGL_VERSION_PATCH"}, NULL, NULL},
    {"sqlite",         NULL,                           NULL,                           NULL,         "a:sqlite:sqlite",                 "SQLITE_VERSION",             INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"libsodium",      NULL,                           "jedisct1/libsodium",           NULL,         NULL,                              "SODIUM_VERSION_STRING",      INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"expat",          "libexpat",                     "libexpat/libexpat",            NULL,         "a:libexpat_project:libexpat",     "XML_MAJOR_VERSION",          INV_VPARTS,   {"XML_MAJOR_VERSION", "XML_MINOR_VERSION", "XML_MICRO_VERSION"}, NULL, NULL},
    {"jansson",        NULL,                           "akheron/jansson",              "v%s",        NULL,                              "JANSSON_VERSION",            INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"protobuf-c",     NULL,                           "protobuf-c/protobuf-c",        "v%s",        "a:protobuf-c_project:protobuf-c", "PROTOBUF_C_VERSION",         INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"arduinojson",    NULL,                           "bblanchon/ArduinoJson",        "v%s",        NULL,                              "ARDUINOJSON_VERSION",        INV_VSTRING,  {NULL}, NULL,                                                     "Benoit BLANCHON"},
    {"nlohmann-json",  "nlohmann_json|json.hpp",       "nlohmann/json",                "v%s",        "a:json-for-modern-cpp_project:json-for-modern-cpp", "NLOHMANN_JSON_VERSION_MAJOR", INV_VPARTS, {"NLOHMANN_JSON_VERSION_MAJOR", "NLOHMANN_JSON_VERSION_MINOR", "NLOHMANN_JSON_VERSION_PATCH"}, NULL, "Niels Lohmann"},
    {"fatfs",          "ff",                           NULL,                           NULL,         NULL,                              "FatFs - ",                   INV_VBANNER,  {NULL}, NULL,                                                     NULL},
    {"mongoose",       NULL,                           "cesanta/mongoose",             "%s",         "a:cesanta:mongoose",              "MG_VERSION",                 INV_VSTRING,  {NULL}, NULL,                                                     "Cesanta Software Limited"},
    {"libcoap",        NULL,                           "obgm/libcoap",                 "v%s",        "a:libcoap:libcoap",               "LIBCOAP_PACKAGE_VERSION",    INV_VSTRING,  {NULL}, NULL,                                                     "Olaf Bergmann"},
    {"libcoap",        NULL,                           "obgm/libcoap",                 "v%s",        "a:libcoap:libcoap",               "LIBCOAP_VERSION",            INV_VDEC3,    {NULL}, NULL,                                                     NULL},
    {"paho-mqtt",      "paho|paho.mqtt.c|paho.mqtt.embedded-c|pahomqtt", "eclipse/paho.mqtt.c", "v%s", "a:eclipse:paho_mqtt",        NULL,                         INV_VNONE,    {NULL}, NULL,                                                     NULL},
    {"nimble",         "nimble-arduino|mynewt-nimble|esp-nimble", "apache/mynewt-nimble", NULL,            NULL,                    NULL,                         INV_VNONE,    {NULL}, NULL,                                                     NULL},
    {"u8g2",           "u8g2lib|u8glib",               "olikraus/u8g2",                "%s",         NULL,                              NULL,                         INV_VNONE,    {NULL}, NULL,                                                     "U8g2lib code"},
    {"fastled",        NULL,                           "FastLED/FastLED",              "%s",         NULL,                              "FASTLED_VERSION",            INV_VDEC3,    {NULL}, NULL,                                                     NULL},
    {"blynk",          "blynk-library",                "blynkkk/blynk-library",        "v%s",        NULL,                              "BLYNK_VERSION",              INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"tinygpsplus",    "tinygps++",                    "mikalhart/TinyGPSPlus",        "v%s",        NULL,                              "_GPS_VERSION",               INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"easyflash",      NULL,                           "armink/EasyFlash",             "%s",         NULL,                              "EF_SW_VERSION",              INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"irremote",       "arduino-irremote",             "Arduino-IRremote/Arduino-IRremote", "v%s",   NULL,                              "VERSION_IRREMOTE",           INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"berry",          NULL,                           "berry-lang/berry",             "v%s",        NULL,                              "BERRY_VERSION",              INV_VSTRING,  {NULL}, NULL,                                                     NULL},
    {"cmsis-core",     "cmsis|cmsis_5|cmsis_6",        NULL,                           NULL,         NULL,                              "__CM_CMSIS_VERSION_MAIN",    INV_VPARTS,   {"__CM_CMSIS_VERSION_MAIN", "__CM_CMSIS_VERSION_SUB", NULL}, NULL, NULL},
    {"cmsis-core",     "cmsis|cmsis_5|cmsis_6",        NULL,                           NULL,         NULL,                              "__CM4_CMSIS_VERSION_MAIN",   INV_VPARTS,   {"__CM4_CMSIS_VERSION_MAIN", "__CM4_CMSIS_VERSION_SUB", NULL}, NULL, NULL},
    {"cmsis-core",     "cmsis|cmsis_5|cmsis_6",        NULL,                           NULL,         NULL,                              "__CM3_CMSIS_VERSION_MAIN",   INV_VPARTS,   {"__CM3_CMSIS_VERSION_MAIN", "__CM3_CMSIS_VERSION_SUB", NULL}, NULL, NULL},
    {"cmsis-core",     "cmsis|cmsis_5|cmsis_6",        NULL,                           NULL,         NULL,                              "__CM0_CMSIS_VERSION_MAIN",   INV_VPARTS,   {"__CM0_CMSIS_VERSION_MAIN", "__CM0_CMSIS_VERSION_SUB", NULL}, NULL, NULL},
    {"cmsis-core",     "cmsis|cmsis_5|cmsis_6",        NULL,                           NULL,         NULL,                              "__CM7_CMSIS_VERSION_MAIN",   INV_VPARTS,   {"__CM7_CMSIS_VERSION_MAIN", "__CM7_CMSIS_VERSION_SUB", NULL}, NULL, NULL},
    {"mcuboot",        NULL,                           "mcu-tools/mcuboot",            "v%s",        NULL,                              NULL,                         INV_VNONE,    {NULL}, NULL,                                                     NULL},
    {"tinycbor",       NULL,                           "intel/tinycbor",               "v%s",        NULL,                              NULL,                         INV_VNONE,    {NULL}, NULL,                                                     NULL},
};
/* clang-format on */
const size_t inv_nlibs = MM_ARRAY_LEN(inv_libs);

const inv_lib *inv_lib_named(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < inv_nlibs; i++) {
        const inv_lib *l = &inv_libs[i];
        if (mm_component_same_name(name, l->name))
            return l;
        for (const char *a = l->aliases; a && *a;) {
            size_t n = strcspn(a, "|");
            char alias[64];
            if (n < sizeof alias) {
                memcpy(alias, a, n);
                alias[n] = 0;
                if (mm_component_same_name(name, alias))
                    return l;
            }
            a += n + (a[n] == '|');
        }
    }
    return NULL;
}

const inv_lib *inv_lib_of_license(const char *text, size_t n)
{
    size_t lim = n < 12000 ? n : 12000;
    for (size_t i = 0; i < inv_nlibs; i++) {
        const char *w = inv_libs[i].license_words;
        if (w && memmem(text, lim, w, strlen(w)))
            return &inv_libs[i];
    }
    return NULL;
}
