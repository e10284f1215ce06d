/* inv_vendored.c: vendored trees — license files and the version macros of widely vendored
 * libraries. */
#define _GNU_SOURCE
#include "project/inventory_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- vendored trees: license files and version macros --------------------------------------- */

bool inv_is_license_name(const char *base)
{
    static const char *const stems[] = {"license", "licence", "copying", "unlicense"};
    for (size_t i = 0; i < MM_ARRAY_LEN(stems); i++) {
        size_t n = strlen(stems[i]);
        if (strncasecmp(base, stems[i], n) != 0)
            continue;
        const char *rest = base + n;
        if (!*rest || !strcasecmp(rest, ".txt") || !strcasecmp(rest, ".md") ||
            !strcasecmp(rest, ".rst"))
            return true;
    }
    return false;
}

/* Directory names that hold third-party trees rather than being one. */
static bool generic_dir(const char *name, size_t n)
{
    static const char *const g[] = {"vendor", "vendors", "third_party", "third-party",
                                    "thirdparty", "3rdparty", "external", "externals",
                                    "deps", "lib", "libs", "include", "src", "source", "ext",
                                    "contrib", "components", "Third_Party", "Middlewares"};
    for (size_t i = 0; i < MM_ARRAY_LEN(g); i++) {
        if (strlen(g[i]) == n && !strncasecmp(g[i], name, n))
            return true;
    }
    return false;
}

/* The license a license text states: an SPDX-License-Identifier line, or the opening words of
 * the common licenses. */
static const char *license_of_text(const char *t, size_t n)
{
    size_t lim = n < 12000 ? n : 12000;
    const char *spdx = memmem(t, lim, "SPDX-License-Identifier:", 24);
    if (spdx) {
        static __thread char id[128];
        const char *s = spdx + 24;
        while (s < t + lim && (*s == ' ' || *s == '\t'))
            s++;
        size_t k = 0;
        while (s + k < t + lim && k < sizeof id - 1 && s[k] != '\n' && s[k] != '\r' &&
               s[k] != '*')
            k++;
        while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
            k--;
        memcpy(id, s, k);
        id[k] = 0;
        if (k)
            return id;
    }
#define HAS(str) (memmem(t, lim, str, strlen(str)) != NULL)
    if (HAS("Apache License") && (HAS("Version 2.0") || HAS("VERSION 2.0")))
        return "Apache-2.0";
    if (HAS("GNU LESSER GENERAL PUBLIC LICENSE") || HAS("GNU Lesser General Public License"))
        return HAS("Version 3") ? "LGPL-3.0" : HAS("Version 2.1") ? "LGPL-2.1" : "LGPL-2.0";
    if (HAS("GNU GENERAL PUBLIC LICENSE"))
        return HAS("Version 3") ? "GPL-3.0" : "GPL-2.0";
    if (HAS("Mozilla Public License Version 2.0") || HAS("Mozilla Public License, version 2.0"))
        return "MPL-2.0";
    if (HAS("Boost Software License"))
        return "BSL-1.0";
    if (HAS("This is free and unencumbered software released into the public domain"))
        return "Unlicense";
    if (HAS("Permission is hereby granted, free of charge"))
        return "MIT";
    if (HAS("Permission to use, copy, modify, and/or distribute this software for any"))
        return "ISC";
    if (HAS("Altered source versions must be plainly marked"))
        return "Zlib";
    if (HAS("Redistribution and use in source and binary forms"))
        return HAS("Neither the name") || HAS("endorse or promote") ? "BSD-3-Clause"
                                                                     : "BSD-2-Clause";
#undef HAS
    return NULL;
}

void inv_read_license_file(mm_file *f)
{
    char *dir = inv_dir_of(f->path);
    if (!*dir || !strcmp(dir, "LICENSES") || mm_str_starts(dir, "LICENSES/") ||
        mm_str_starts(dir, ".git/") || !strcmp(dir, ".github") || mm_str_starts(dir, ".github/")) {
        free(dir);
        return; /* the project's own license (at the root, or a REUSE LICENSES/ directory) */
    }
    mm_component c = {0};
    c.role = MM_COMP_FOUND;
    c.source = "license-file";
    c.evidence = MM_EV_LICENSE;
    const char *b = mm_path_base(dir);
    if (generic_dir(b, strlen(b)) && b > dir) {
        /* "cpu/fe310/vendor/LICENSE", "boards/hifive1/include/vendor/LICENSE": the vendor
         * tree of fe310, of hifive1 (the nearest directory with a name of its own) */
        const char *pe = b - 1, *ps = pe;
        for (;;) {
            ps = pe;
            while (ps > dir && ps[-1] != '/')
                ps--;
            if (!generic_dir(ps, (size_t)(pe - ps)) || ps == dir)
                break;
            pe = ps - 1;
        }
        c.name = mm_xasprintf("%.*s-%s", (int)(pe - ps), ps, b);
    } else {
        c.name = mm_xstrdup(b);
    }
    inv_set(&c.license, license_of_text(f->data, f->len));
    c.dir = dir;
    c.key = mm_xasprintf("dir:%s", c.dir);
    inv_at_line(&c, f, 1, 1);
    inv_push(f, &c);
}

/* Version macros: NAME is defined with the version as a string, or as numbers in parts. */
typedef struct vmacro {
    const char *macro;    /* what the trigger matches */
    const char *lib;      /* component name */
    const char *parts[3]; /* major, minor, patch macros (numbers), when not a string */
    const char *strip;    /* a prefix of the string to drop ("OpenSSL ", "nanopb-") */
} vmacro;

static const vmacro version_macros[] = {
    {"MBEDTLS_VERSION_STRING", "mbedtls", {NULL}, NULL},
    {"LWIP_VERSION_MAJOR", "lwip", {"LWIP_VERSION_MAJOR", "LWIP_VERSION_MINOR",
                                    "LWIP_VERSION_REVISION"}, NULL},
    {"tskKERNEL_VERSION_NUMBER", "freertos-kernel", {NULL}, "V"},
    {"OPENSSL_VERSION_TEXT", "openssl", {NULL}, "OpenSSL "},
    {"LIBRESSL_VERSION_TEXT", "libressl", {NULL}, "LibreSSL "},
    {"LIBCURL_VERSION", "curl", {NULL}, NULL},
    {"LIBWOLFSSL_VERSION_STRING", "wolfssl", {NULL}, NULL},
    {"WOLFSSL_VERSION_STRING", "wolfssl", {NULL}, NULL},
    {"CJSON_VERSION_MAJOR", "cjson", {"CJSON_VERSION_MAJOR", "CJSON_VERSION_MINOR",
                                      "CJSON_VERSION_PATCH"}, NULL},
    {"ZLIB_VERSION", "zlib", {NULL}, NULL},
    {"TUSB_VERSION_MAJOR", "tinyusb", {"TUSB_VERSION_MAJOR", "TUSB_VERSION_MINOR",
                                       "TUSB_VERSION_REVISION"}, NULL},
    {"LFS_VERSION", "littlefs", {NULL}, NULL}, /* 0x00020009: major << 16 | minor */
    {"NANOPB_VERSION", "nanopb", {NULL}, "nanopb-"},
    {"LVGL_VERSION_MAJOR", "lvgl", {"LVGL_VERSION_MAJOR", "LVGL_VERSION_MINOR",
                                    "LVGL_VERSION_PATCH"}, NULL},
    {"SQLITE_VERSION", "sqlite", {NULL}, NULL},
    {"SODIUM_VERSION_STRING", "libsodium", {NULL}, NULL},
    {"XML_MAJOR_VERSION", "expat", {"XML_MAJOR_VERSION", "XML_MINOR_VERSION",
                                    "XML_MICRO_VERSION"}, NULL},
    {"JANSSON_VERSION", "jansson", {NULL}, NULL},
    {"PROTOBUF_C_VERSION", "protobuf-c", {NULL}, NULL},
};

typedef struct define {
    const char *name;
    size_t name_len;
    const char *value; /* up to the end of the line (comment trimmed) */
    size_t value_len;
    uint32_t off;      /* of the '#' */
} define;

/* The value of a define: a string literal's text, or the first token. */
static char *define_text(const define *d, bool *is_string)
{
    const char *v = d->value, *e = d->value + d->value_len;
    *is_string = false;
    if (v < e && *v == '"') {
        const char *q = memchr(v + 1, '"', (size_t)(e - v - 1));
        if (!q)
            return NULL;
        /* "a" "b" joined: only the first piece; a macro after it makes it inexact */
        *is_string = true;
        return mm_xstrndup(v + 1, (size_t)(q - v - 1));
    }
    const char *k = v;
    while (k < e && !strchr(" \t/(", *k))
        k++;
    return k > v ? mm_xstrndup(v, (size_t)(k - v)) : NULL;
}

static bool numeric(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    long v = strtol(s, &end, 0);
    while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
        end++;
    if (*end || v < 0)
        return false;
    *out = v;
    return true;
}

void inv_read_version_header(mm_file *f)
{
    MM_VEC(define) defs = {0};
    const char *p = f->data, *end = f->data + f->len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *s = p;
        while (s < eol && (*s == ' ' || *s == '\t'))
            s++;
        if (s < eol && *s == '#') {
            const char *q = s + 1;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            if (eol - q > 7 && !strncmp(q, "define", 6) && (q[6] == ' ' || q[6] == '\t')) {
                q += 6;
                while (q < eol && (*q == ' ' || *q == '\t'))
                    q++;
                const char *n = q;
                while (q < eol && (isalnum((unsigned char)*q) || *q == '_'))
                    q++;
                const char *ne = q;
                if (q < eol && (*q == ' ' || *q == '\t')) {
                    while (q < eol && (*q == ' ' || *q == '\t'))
                        q++;
                    const char *ve = eol;
                    const char *cm = NULL;
                    for (const char *z = q; z + 1 < eol; z++) {
                        if (*z == '/' && (z[1] == '*' || z[1] == '/')) {
                            cm = z;
                            break;
                        }
                    }
                    if (cm)
                        ve = cm;
                    while (ve > q && (ve[-1] == ' ' || ve[-1] == '\t' || ve[-1] == '\r'))
                        ve--;
                    define d = {n, (size_t)(ne - n), q, (size_t)(ve - q),
                                (uint32_t)(s - f->data)};
                    mm_vec_push(&defs, d);
                }
            }
        }
        p = eol + 1;
    }
    for (size_t m = 0; m < MM_ARRAY_LEN(version_macros); m++) {
        const vmacro *vm = &version_macros[m];
        const define *hit = NULL;
        for (size_t i = 0; i < defs.n && !hit; i++) {
            if (defs.v[i].name_len == strlen(vm->macro) &&
                !strncmp(defs.v[i].name, vm->macro, defs.v[i].name_len))
                hit = &defs.v[i];
        }
        if (!hit)
            continue;
        char *version = NULL;
        bool str = false;
        if (vm->parts[0]) {
            long nums[3];
            int got = 0;
            for (int k = 0; k < 3; k++) {
                for (size_t i = 0; i < defs.n; i++) {
                    if (defs.v[i].name_len == strlen(vm->parts[k]) &&
                        !strncmp(defs.v[i].name, vm->parts[k], defs.v[i].name_len)) {
                        char *t = define_text(&defs.v[i], &str);
                        if (!str && numeric(t, &nums[k]))
                            got++;
                        free(t);
                        break;
                    }
                }
            }
            if (got == 3)
                version = mm_xasprintf("%ld.%ld.%ld", nums[0], nums[1], nums[2]);
        } else {
            char *t = define_text(hit, &str);
            long hex;
            if (t && !strcmp(vm->lib, "littlefs") && !str && numeric(t, &hex)) {
                version = mm_xasprintf("%ld.%ld", (hex >> 16) & 0xffff, hex & 0xffff);
            } else if (t && (str || !strcmp(vm->lib, "nanopb"))) {
                const char *v = t;
                if (vm->strip && !strncmp(v, vm->strip, strlen(vm->strip)))
                    v += strlen(vm->strip);
                if (strstr(t, "BoringSSL")) {
                    v = NULL; /* BoringSSL claims OpenSSL's text for compatibility */
                }
                /* the version is the first word: "OpenSSL 3.0.8 7 Feb 2023" */
                if (v && isdigit((unsigned char)v[0]))
                    version = mm_xstrndup(v, strcspn(v, " \t"));
            }
            free(t);
        }
        if (!version)
            continue;
        mm_component c = {0};
        c.role = MM_COMP_FOUND;
        c.source = "version-macro";
        c.evidence = MM_EV_VERSION;
        c.name = mm_xstrdup(vm->lib);
        c.version = version;
        c.pin = MM_PIN_VERSION;
        c.pin_text = mm_xasprintf("%s", vm->macro);
        c.dir = inv_dir_of(f->path);
        c.key = mm_xasprintf("macro:%s:%s", vm->lib, c.dir);
        inv_at_offset(&c, f, hit->off);
        inv_push(f, &c);
        if (!strcmp(vm->macro, "LIBWOLFSSL_VERSION_STRING"))
            m++; /* one wolfSSL record, not two */
    }
    mm_vec_free(&defs);
}
