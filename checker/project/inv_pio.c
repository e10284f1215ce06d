/* inv_pio.c: PlatformIO (platformio.ini lib_deps, platform) and Arduino libraries
 * (library.json, library.properties). */
#define _GNU_SOURCE
#include "project/inventory_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- PlatformIO: platformio.ini, library.json --------------------------------------------- */

/* One lib_deps / platform / platform_packages item: "owner/name @ ^1.2.3", "name@1.0",
 * "https://github.com/o/r.git#v1.0", "Name=https://...", "symlink://../lib" */
static void pio_item(mm_file *f, const char *item, unsigned line, unsigned col, const char *source,
                     bool platform)
{
    const char *s = item;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == ','))
        n--;
    /* an inline comment */
    for (size_t i = 0; i + 1 < n; i++) {
        if ((s[i] == ' ' || s[i] == '\t') && (s[i + 1] == ';' || s[i + 1] == '#')) {
            n = i;
            while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                n--;
            break;
        }
    }
    if (!n || s[0] == '$' || s[0] == ';' || s[0] == '#')
        return; /* ${common.lib_deps}: an interpolation, read where it is defined */
    char *it = mm_xstrndup(s, n);
    if (mm_str_starts(it, "symlink://") || mm_str_starts(it, "file://") || it[0] == '.' ||
        it[0] == '/') {
        free(it);
        return; /* a local library: part of the project */
    }
    mm_component c = {0};
    c.role = MM_COMP_FOUND;
    c.source = source;
    c.evidence = MM_EV_MANIFEST;
    char *eq = strchr(it, '=');
    char *scheme = strstr(it, "://");
    char *custom = NULL;
    if (eq && (!scheme || eq < scheme)) {
        custom = mm_xstrndup(it, (size_t)(eq - it));
        memmove(it, eq + 1, strlen(eq + 1) + 1);
        while (*it == ' ')
            memmove(it, it + 1, strlen(it));
        scheme = strstr(it, "://");
    }
    char *at = strchr(it, '@');
    if (at && scheme && at > scheme) {
        /* "user@host" inside a URL is not a version separator */
        char *host_end = strchr(scheme + 3, '/');
        if (!host_end || at < host_end)
            at = NULL;
    }
    if (scheme || mm_str_starts(it, "git@")) {
        /* a repository: "#ref" pins it */
        char *hash = strchr(it, '#');
        char *ref = hash ? mm_xstrdup(hash + 1) : NULL;
        if (hash)
            *hash = 0;
        c.url = mm_url_strip_credentials(it);
        c.name = custom ? mm_xstrdup(custom) : inv_name_of_url(c.url);
        bool archive = strstr(c.url, ".zip") || strstr(c.url, ".tar.gz") || strstr(c.url, ".tgz");
        if (archive && !ref) {
            char *v = inv_version_in(mm_path_base(c.url));
            c.version = v;
            c.pin = v ? MM_PIN_TAG : MM_PIN_NONE;
            inv_set(&c.pin_text, mm_path_base(c.url));
        } else {
            inv_pin_git(&c, ref, !ref);
        }
        free(ref);
    } else {
        char *spec = NULL;
        if (at) {
            *at = 0;
            spec = at + 1;
            while (*spec == ' ')
                spec++;
        }
        size_t nl = strlen(it);
        while (nl && it[nl - 1] == ' ')
            it[--nl] = 0;
        char *slash = strchr(it, '/');
        c.name = mm_xstrdup(slash ? slash + 1 : it);
        c.group = slash ? mm_xstrndup(it, (size_t)(slash - it)) : NULL;
        c.pin = inv_classify_spec(spec);
        inv_set(&c.pin_text, spec && *spec ? spec : "(no version)");
        if (c.pin == MM_PIN_VERSION)
            inv_set(&c.version, spec[0] == '=' ? spec + strspn(spec, "= ") : spec);
    }
    char *lower = mm_xasprintf("%s%s%s", c.group && !platform ? c.group : "",
                               c.group && !platform ? "/" : "", c.name ? c.name : "");
    for (char *k = lower; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    c.key = mm_xasprintf("pio:%s", lower);
    free(lower);
    c.purl = mm_purl_of_url(c.url, c.version);
    inv_at_line(&c, f, line, col);
    /* the item's own column on a continuation line */
    char probe[24];
    snprintf(probe, sizeof probe, "%.*s", (int)(n < sizeof probe - 1 ? n : sizeof probe - 1), s);
    const char *hit = strstr(c.snippet, probe);
    if (hit && col == 1)
        c.col = mm_utf8_col(c.snippet, (size_t)(hit - c.snippet));
    inv_push(f, &c);
    free(custom);
    free(it);
}

void inv_on_pio_section(mm_file *f, inv_ini_section *sec, void *arg)
{
    (void)arg;
    if (strncmp(sec->name, "env", 3) != 0 && strcmp(sec->name, "common") != 0 &&
        strncmp(sec->name, "common", 6) != 0)
        return;
    for (size_t i = 0; i < sec->kv.n; i++) {
        const inv_ini_kv *kv = &sec->kv.v[i];
        bool libs = !strcmp(kv->key, "lib_deps") || !strcmp(kv->key, "platform_packages");
        bool platform = !strcmp(kv->key, "platform");
        if (!libs && !platform)
            continue;
        const char *source = platform ? "platformio-platform" : "platformio";
        /* lines "LINE:text", separated by newlines; items also by commas on one line (old
         * syntax), unless the comma sits inside a version range */
        char *copy = mm_xstrdup(kv->value);
        for (char *save = NULL, *ln = strtok_r(copy, "\n", &save); ln;
             ln = strtok_r(NULL, "\n", &save)) {
            unsigned line;
            const char *text = inv_ini_text(ln, &line);
            unsigned col = line == kv->line ? kv->col : 1;
            bool range_comma = strpbrk(text, "<>") != NULL;
            if (libs && !range_comma && strchr(text, ',')) {
                char *items = mm_xstrdup(text);
                for (char *s2 = NULL, *item = strtok_r(items, ",", &s2); item;
                     item = strtok_r(NULL, ",", &s2))
                    pio_item(f, item, line, col, source, false);
                free(items);
            } else {
                pio_item(f, text, line, col, source, platform);
            }
        }
        free(copy);
    }
}

/* library.json: a vendored PlatformIO library (its own name and version), and the
 * dependencies it (or the project's root manifest) lists */
void inv_read_library_json(mm_file *f)
{
    mm_json_doc doc;
    mm_err err;
    if (mm_json_parse(&doc, f->path, f->data, f->len, true, &err) < 0 ||
        !cJSON_IsObject(doc.root)) {
        mm_json_free(&doc);
        return;
    }
    size_t hint = 0;
    bool vendored = strchr(f->path, '/') != NULL;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(doc.root, "name");
    if (vendored && cJSON_IsString(name) && name->valuestring[0]) {
        mm_component c = {0};
        c.role = MM_COMP_FOUND;
        c.source = "library-json";
        c.evidence = MM_EV_MANIFEST;
        c.name = mm_xstrdup(name->valuestring);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc.root, "version");
        if (cJSON_IsString(v))
            inv_set(&c.version, v->valuestring);
        c.pin = c.version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
        const cJSON *lic = cJSON_GetObjectItemCaseSensitive(doc.root, "license");
        if (cJSON_IsString(lic))
            inv_set(&c.license, lic->valuestring);
        const cJSON *repo = cJSON_GetObjectItemCaseSensitive(doc.root, "repository");
        const cJSON *url = cJSON_IsObject(repo) ? cJSON_GetObjectItemCaseSensitive(repo, "url")
                                                : NULL;
        if (cJSON_IsString(url))
            c.url = mm_url_strip_credentials(url->valuestring);
        c.dir = inv_dir_of(f->path);
        c.key = mm_xasprintf("dir:%s", c.dir);
        c.purl = mm_purl_of_url(c.url, c.version);
        size_t off = mm_json_offset(&doc, name, &hint);
        if (off == SIZE_MAX)
            inv_at_line(&c, f, 1, 1);
        else
            inv_at_offset(&c, f, (uint32_t)off);
        inv_push(f, &c);
        mm_json_free(&doc);
        return;
    }
    const cJSON *deps = cJSON_GetObjectItemCaseSensitive(doc.root, "dependencies");
    for (const cJSON *d = deps ? deps->child : NULL; d; d = d->next) {
        char *item = NULL;
        if (cJSON_IsString(d) && d->string) {
            item = mm_xasprintf("%s@%s", d->string, d->valuestring);
        } else if (cJSON_IsObject(d)) {
            const cJSON *n = cJSON_GetObjectItemCaseSensitive(d, "name");
            const cJSON *o = cJSON_GetObjectItemCaseSensitive(d, "owner");
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(d, "version");
            if (!cJSON_IsString(n))
                continue;
            item = mm_xasprintf("%s%s%s%s%s", cJSON_IsString(o) ? o->valuestring : "",
                                cJSON_IsString(o) ? "/" : "", n->valuestring,
                                cJSON_IsString(v) ? "@" : "",
                                cJSON_IsString(v) ? v->valuestring : "");
        }
        if (!item)
            continue;
        size_t off = mm_json_offset(&doc, d, &hint);
        unsigned line = 1, col = 1;
        if (off != SIZE_MAX)
            mm_file_pos(f, (uint32_t)off, &line, &col);
        pio_item(f, item, line, col, "platformio", false);
        free(item);
    }
    mm_json_free(&doc);
}

/* Arduino's library.properties of a vendored library */
void inv_read_library_properties(mm_file *f)
{
    if (!strchr(f->path, '/'))
        return;
    mm_component c = {0};
    c.role = MM_COMP_FOUND;
    c.source = "arduino-library";
    c.evidence = MM_EV_MANIFEST;
    unsigned name_line = 0;
    const char *p = f->data, *end = f->data + f->len;
    unsigned line = 0;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *e = eol;
        while (e > p && (e[-1] == '\r' || e[-1] == ' '))
            e--;
        const char *eq = memchr(p, '=', (size_t)(e - p));
        if (eq) {
            size_t kl = (size_t)(eq - p);
            char *v = mm_xstrndup(eq + 1, (size_t)(e - eq - 1));
            if (kl == 4 && !strncmp(p, "name", 4)) {
                inv_set(&c.name, v);
                name_line = line;
            } else if (kl == 7 && !strncmp(p, "version", 7)) {
                inv_set(&c.version, v);
            } else if (kl == 3 && !strncmp(p, "url", 3)) {
                free(c.url);
                c.url = mm_url_strip_credentials(v);
            } else if (kl == 7 && !strncmp(p, "license", 7)) {
                inv_set(&c.license, v);
            }
            free(v);
        }
        p = eol + 1;
    }
    c.pin = c.version ? MM_PIN_VERSION : MM_PIN_UNKNOWN;
    c.dir = inv_dir_of(f->path);
    c.key = mm_xasprintf("dir:%s", c.dir);
    c.purl = mm_purl_of_url(c.url, c.version);
    inv_at_line(&c, f, name_line ? name_line : 1, 1);
    inv_push(f, &c);
}
