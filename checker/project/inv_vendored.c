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
    /* a copy kept under its release's name: "Adafruit_SGP30-1.0.5", "openwrt-18.06.2" */
    size_t nl = strlen(c.name);
    for (size_t k = nl; k > 1; k--) {
        if ((c.name[k - 1] == '-' || c.name[k - 1] == '_') && k < nl) {
            const char *v = c.name + k;
            v += (*v == 'v' || *v == 'V');
            bool dotted = isdigit((unsigned char)*v) && strchr(v, '.');
            for (const char *z = v; dotted && *z; z++)
                dotted = isdigit((unsigned char)*z) || *z == '.';
            if (dotted) {
                c.version = mm_xstrdup(v);
                c.pin = MM_PIN_VERSION;
                c.pin_text = mm_xstrdup(c.name + k);
                c.name[k - 1] = 0;
            }
            break;
        }
    }
    inv_set(&c.license, license_of_text(f->data, f->len));
    /* a license text that names its library names the tree ("Benoit BLANCHON": ArduinoJson) */
    const inv_lib *known = inv_lib_of_license(f->data, f->len);
    if (known) {
        free(c.name);
        c.name = mm_xstrdup(known->name);
    }
    c.dir = dir;
    c.key = mm_xasprintf("dir:%s", c.dir);
    inv_at_line(&c, f, 1, 1);
    inv_push(f, &c);
}

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
    /* a number in parentheses: "(0x04U)", "( 5U)" */
    while (v < e && (*v == '(' || *v == ' ' || *v == '\t'))
        v++;
    const char *k = v;
    while (k < e && !strchr(" \t/()", *k))
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

static const define *find_define(const void *defsp, const char *name)
{
    const MM_VEC(define) *defs = defsp;
    size_t nl = strlen(name);
    for (size_t i = 0; i < defs->n; i++) {
        if (defs->v[i].name_len == nl && !strncmp(defs->v[i].name, name, nl))
            return &defs->v[i];
    }
    return NULL;
}

/* The version a macro of library vm states, in the form the table gives. */
static char *macro_version(const inv_lib *vm, const void *defsp, const define *hit)
{
    bool str = false;
    if (vm->form == INV_VPARTS) {
        long nums[3] = {0, 0, 0};
        int nparts = vm->parts[2] ? 3 : 2; /* CMSIS states a main and a sub version */
        for (int k = 0; k < nparts; k++) {
            const define *d = find_define(defsp, vm->parts[k]);
            char *t = d ? define_text(d, &str) : NULL;
            bool ok = t && !str && numeric(t, &nums[k]);
            free(t);
            if (!ok)
                return NULL;
        }
        return nparts == 3 ? mm_xasprintf("%ld.%ld.%ld", nums[0], nums[1], nums[2])
                           : mm_xasprintf("%ld.%ld", nums[0], nums[1]);
    }
    char *t = define_text(hit, &str);
    if (!t)
        return NULL;
    char *version = NULL;
    long num;
    if (vm->form == INV_VHEX16 && !str && numeric(t, &num)) {
        version = mm_xasprintf("%ld.%ld", (num >> 16) & 0xffff, num & 0xffff);
    } else if (vm->form == INV_VDEC3 && !str && numeric(t, &num) && num >= 1000) {
        version = mm_xasprintf("%ld.%ld.%ld", num / 1000000, num / 1000 % 1000, num % 1000);
    } else if ((vm->form == INV_VSTRING && str) || vm->form == INV_VWORD) {
        const char *v = t;
        if (vm->strip && !strncmp(v, vm->strip, strlen(vm->strip)))
            v += strlen(vm->strip);
        if (strstr(t, "BoringSSL"))
            v = NULL; /* BoringSSL claims OpenSSL's text for compatibility */
        /* the version is the first word: "OpenSSL 3.0.8 7 Feb 2023" */
        if (v && isdigit((unsigned char)v[0]))
            version = mm_xstrndup(v, strcspn(v, " \t"));
    }
    free(t);
    return version;
}

/* The version after a banner phrase in the header's opening comment ("FatFs - Generic FAT
 * Filesystem module  R0.15"): the first word after it that holds a digit and a dot. */
static char *banner_version(mm_file *f, const char *phrase, uint32_t *at)
{
    size_t lim = f->len < 4096 ? f->len : 4096;
    const char *hit = memmem(f->data, lim, phrase, strlen(phrase));
    if (!hit)
        return NULL;
    const char *eol = memchr(hit, '\n', (size_t)(f->data + f->len - hit));
    const char *end = eol ? eol : f->data + f->len;
    for (const char *w = hit + strlen(phrase); w < end;) {
        while (w < end && (*w == ' ' || *w == '\t'))
            w++;
        const char *we = w;
        while (we < end && *we != ' ' && *we != '\t' && *we != '/' && *we != '*' && *we != '\r')
            we++;
        bool digit = false, dot = false;
        for (const char *k = w; k < we; k++) {
            digit |= isdigit((unsigned char)*k) != 0;
            dot |= *k == '.';
        }
        if (digit && dot && we - w < 32) {
            *at = (uint32_t)(hit - f->data);
            return mm_xstrndup(w, (size_t)(we - w));
        }
        w = we + (we < end);
    }
    return NULL;
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
    const char *done = NULL; /* one record per library and file (wolfSSL has two macros) */
    for (size_t m = 0; m < inv_nlibs; m++) {
        const inv_lib *vm = &inv_libs[m];
        if (!vm->macro || (done && !strcmp(done, vm->name)))
            continue;
        char *version = NULL;
        uint32_t at = 0;
        if (vm->form == INV_VBANNER) {
            version = banner_version(f, vm->macro, &at);
        } else {
            const define *hit = find_define(&defs, vm->macro);
            if (!hit)
                continue;
            at = hit->off;
            version = macro_version(vm, &defs, hit);
        }
        if (!version)
            continue;
        done = vm->name;
        mm_component c = {0};
        c.role = MM_COMP_FOUND;
        c.source = "version-macro";
        c.evidence = MM_EV_VERSION;
        c.name = mm_xstrdup(vm->name);
        c.version = version;
        c.pin = MM_PIN_VERSION;
        c.pin_text = vm->form == INV_VBANNER ? mm_xstrdup(vm->name) : mm_xstrdup(vm->macro);
        c.dir = inv_dir_of(f->path);
        c.key = mm_xasprintf("macro:%s:%s", vm->name, c.dir);
        inv_at_offset(&c, f, at);
        inv_push(f, &c);
    }
    mm_vec_free(&defs);
}
