/* sbom.c: `mamori sbom` — the inventory as CycloneDX 1.6 JSON or SPDX 2.3 JSON. The document
 * lists what the tree holds (merged with what its declarations add: supplier, license, CPE)
 * and the components only the policy declares (binary blobs, toolchains). It is reproducible:
 * the serial number and namespace derive from the content, and SOURCE_DATE_EPOCH fixes the
 * timestamp. */
#define _GNU_SOURCE
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/version.h"
#include "cli/cli.h"
#include "core/policy.h"
#include "core/ruleset.h"
#include "core/scan.h"
#include "inputs/cache.h"
#include "inputs/input.h"
#include "inputs/worktree.h"
#include "project/inventory.h"

typedef struct entry {
    const mm_component *c;    /* merged view, or a policy declaration */
    const mm_comp *found;     /* NULL for a declaration only */
    char *ref;                /* bom-ref / SPDXID suffix */
    bool own;                 /* developed in the tree: a part of the product */
} entry;

static void jstr(mm_buf *b, const char *s)
{
    mm_buf_json_str(b, s, strlen(s));
}

/* "key": "value" after a comma, when value is set */
static void field(mm_buf *b, const char *indent, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    mm_buf_printf(b, ",\n%s\"%s\": ", indent, key);
    jstr(b, value);
}

/* License ids of the SPDX license list that firmware components use. An id not here is
 * written as a name (CycloneDX) or a comment (SPDX), never as an expression that a consumer
 * checking the list would reject: the list itself is not shipped with mamori. */
static const char *const spdx_ids[] = {
    "0BSD", "AFL-2.1", "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1",
    "Apache-2.0", "Artistic-2.0", "Beerware", "BSD-1-Clause", "BSD-2-Clause",
    "BSD-2-Clause-Patent", "BSD-3-Clause", "BSD-3-Clause-Clear", "BSD-4-Clause", "BSL-1.0",
    "bzip2-1.0.6", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CDDL-1.0", "curl", "EPL-1.0",
    "EPL-2.0", "EUPL-1.2", "FTL", "GPL-1.0-or-later", "GPL-2.0", "GPL-2.0+", "GPL-2.0-only",
    "GPL-2.0-or-later", "GPL-3.0", "GPL-3.0+", "GPL-3.0-only", "GPL-3.0-or-later", "ICU", "IJG",
    "Info-ZIP", "ISC", "LGPL-2.0", "LGPL-2.0+", "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1",
    "LGPL-2.1+", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0", "LGPL-3.0+", "LGPL-3.0-only",
    "LGPL-3.0-or-later", "libpng-2.0", "Libpng", "MIT", "MIT-0", "MPL-1.1", "MPL-2.0",
    "MS-PL", "NCSA", "OFL-1.1", "OpenSSL", "PHP-3.01", "PostgreSQL", "PSF-2.0", "Python-2.0",
    "Ruby", "Sleepycat", "Unicode-DFS-2016", "Unlicense", "UPL-1.0", "Vim", "W3C", "WTFPL",
    "X11", "Zlib", "zlib-acknowledgement", "ZPL-2.1",
};

static bool spdx_id(const char *p, size_t n, bool after_with)
{
    if ((n > 11 && !strncmp(p, "LicenseRef-", 11)) || (n > 12 && !strncmp(p, "DocumentRef-", 12)))
        return true;
    if (after_with)
        return n > 9 && memmem(p, n, "exception", 9) != NULL;
    for (size_t i = 0; i < MM_ARRAY_LEN(spdx_ids); i++) {
        if (strlen(spdx_ids[i]) == n && !strncasecmp(spdx_ids[i], p, n))
            return true;
    }
    return false;
}

/* Is s an SPDX license expression (ids of the list, LicenseRef-..., AND/OR/WITH,
 * parentheses)? */
static bool spdx_expression(const char *s)
{
    bool word = false, after_with = false;
    for (const char *p = s; *p;) {
        if (*p == ' ' || *p == '(' || *p == ')') {
            p++;
            continue;
        }
        const char *e = p;
        while (*e && *e != ' ' && *e != '(' && *e != ')')
            e++;
        size_t n = (size_t)(e - p);
        bool with = n == 4 && !strncmp(p, "WITH", 4);
        bool op = (n == 3 && !strncmp(p, "AND", 3)) || (n == 2 && !strncmp(p, "OR", 2)) || with;
        if (!op) {
            if (!spdx_id(p, n, after_with))
                return false;
            bool alpha = false;
            for (const char *k = p; k < e; k++) {
                if (!isalnum((unsigned char)*k) && *k != '.' && *k != '-' && *k != '+' &&
                    *k != ':')
                    return false;
                alpha |= isalpha((unsigned char)*k) != 0;
            }
            if (!alpha)
                return false;
            if (word)
                return false; /* two ids with no operator between: prose, not an expression */
            word = true;
            after_with = false;
        } else {
            word = false;
            after_with = with;
        }
        p = e;
    }
    return word;
}

/* An absolute URL fit for an IRI reference: scheme://..., printable, no spaces. */
static bool plain_url(const char *u)
{
    if (!u || !strstr(u, "://"))
        return false;
    for (const char *p = u; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch <= 0x20 || ch >= 0x7f || strchr("<>\"{}|\\^`", ch))
            return false;
    }
    return true;
}

static void sanitize_id(mm_buf *b, const char *s)
{
    for (; *s; s++)
        mm_buf_putc(b, isalnum((unsigned char)*s) || *s == '.' || *s == '-' ? *s : '-');
}

/* A tool that builds the firmware (a compiler, a flasher) and is no part of it. */
static bool build_tool(const mm_component *c)
{
    return !strcmp(c->source, "platformio-tool");
}

static const char *cdx_type(const mm_component *c)
{
    if (!strcmp(c->source, "platformio-platform"))
        return "platform";
    if (build_tool(c))
        return "application";
    if (!strcmp(c->name, "esp-idf") || !strcmp(c->name, "zephyr") ||
        (!strcmp(c->source, "platformio-package") && mm_str_starts(c->name, "framework-")))
        return "framework";
    return "library";
}

static const char *spdx_purpose(const mm_component *c)
{
    if (build_tool(c))
        return "APPLICATION";
    if (!strcmp(c->source, "platformio-platform") || !strcmp(cdx_type(c), "framework"))
        return "FRAMEWORK";
    return "LIBRARY";
}

static char *location(const entry *e)
{
    const mm_component *at = e->found ? e->found->at : e->c;
    return mm_xasprintf("%s:%u", at->path, at->line);
}

static const char *pin_name(const entry *e)
{
    return e->found ? mm_pin_names[e->found->c.pin] : NULL;
}

/* --- CycloneDX 1.6 ----------------------------------------------------------------------------- */

static void cdx_component(mm_buf *b, const entry *e)
{
    const mm_component *c = e->c;
    const char *in = "      ";
    mm_buf_printf(b, "    {\n%s\"type\": \"%s\",\n%s\"bom-ref\": ", in, cdx_type(c), in);
    jstr(b, e->ref);
    if (c->supplier) {
        /* an SPDX actor ("Organization: Acme") is a name here */
        const char *name = c->supplier;
        if (mm_str_starts(name, "Organization:") || mm_str_starts(name, "Person:"))
            name = strchr(name, ':') + 1;
        while (*name == ' ')
            name++;
        mm_buf_printf(b, ",\n%s\"supplier\": {\"name\": ", in);
        jstr(b, *name ? name : c->supplier);
        mm_buf_puts(b, "}");
    }
    field(b, in, "group", c->group);
    field(b, in, "name", c->name);
    field(b, in, "version", c->version);
    if (e->found && build_tool(c))
        field(b, in, "scope", "excluded"); /* builds the firmware, is not in it */
    if (c->license) {
        mm_buf_printf(b, ",\n%s\"licenses\": [", in);
        if (spdx_expression(c->license)) {
            mm_buf_puts(b, "{\"expression\": ");
            jstr(b, c->license);
            mm_buf_puts(b, "}]");
        } else {
            mm_buf_puts(b, "{\"license\": {\"name\": ");
            jstr(b, c->license);
            mm_buf_puts(b, "}}]");
        }
    }
    field(b, in, "cpe", c->cpe);
    field(b, in, "purl", c->purl);
    if (plain_url(c->url)) {
        mm_buf_printf(b, ",\n%s\"externalReferences\": [{\"type\": \"vcs\", \"url\": ", in);
        jstr(b, c->url);
        mm_buf_puts(b, "}]");
    }
    if (e->found) {
        /* where the tree states it: every manifest line, license file and version header */
        mm_buf_printf(b, ",\n%s\"evidence\": {\"occurrences\": [", in);
        for (size_t i = 0; i < e->found->evidence.n; i++) {
            const mm_component *r = e->found->evidence.v[i];
            mm_buf_puts(b, i ? ", {\"location\": " : "{\"location\": ");
            jstr(b, r->path);
            mm_buf_printf(b, ", \"line\": %u}", r->line ? r->line : 1);
        }
        mm_buf_puts(b, "]}");
    }
    mm_buf_printf(b, ",\n%s\"properties\": [\n", in);
    char *loc = location(e);
    struct {
        const char *name, *value;
    } props[] = {
        {"mamori:source", e->found ? c->source : "policy"},
        {"mamori:location", loc},
        {"mamori:pinned-by", pin_name(e)},
        {"mamori:reference", e->found ? c->pin_text : NULL},
        {"mamori:commit", c->commit},
        {"mamori:directory", c->dir},
        {"mamori:used-by", c->used_by},
        {"mamori:support-until", c->support_until},
    };
    bool first = true;
    for (size_t i = 0; i < MM_ARRAY_LEN(props); i++) {
        if (!props[i].value || !*props[i].value)
            continue;
        mm_buf_printf(b, "%s%s  {\"name\": \"%s\", \"value\": ", first ? "" : ",\n", in,
                      props[i].name);
        jstr(b, props[i].value);
        mm_buf_puts(b, "}");
        first = false;
    }
    free(loc);
    mm_buf_printf(b, "\n%s]\n    }", in);
}

static void write_cyclonedx(mm_buf *b, const char *project, const entry *es, size_t n,
                            const char *uuid, const char *stamp)
{
    mm_buf_puts(b, "{\n  \"$schema\": \"http://cyclonedx.org/schema/bom-1.6.schema.json\",\n"
                   "  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n");
    mm_buf_printf(b, "  \"serialNumber\": \"urn:uuid:%s\",\n  \"version\": 1,\n", uuid);
    mm_buf_printf(b, "  \"metadata\": {\n    \"timestamp\": \"%s\",\n", stamp);
    mm_buf_printf(b, "    \"tools\": {\"components\": [{\"type\": \"application\", \"name\": "
                     "\"mamori\", \"version\": \"%s\"}]},\n",
                  MAMORI_VERSION);
    mm_buf_puts(b, "    \"component\": {\"type\": \"firmware\", \"bom-ref\": \"project\", "
                   "\"name\": ");
    jstr(b, project);
    /* the components the tree develops itself: parts of the product, with its supplier */
    size_t own = 0;
    for (size_t i = 0; i < n; i++) {
        if (!es[i].own)
            continue;
        mm_buf_puts(b, own++ ? ",\n" : ", \"components\": [\n");
        cdx_component(b, &es[i]);
    }
    mm_buf_puts(b, own ? "]}\n  },\n  \"components\": [" : "}\n  },\n  \"components\": [");
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (es[i].own)
            continue;
        mm_buf_puts(b, k++ ? ",\n" : "\n");
        cdx_component(b, &es[i]);
    }
    mm_buf_puts(b, k ? "\n  ],\n" : "],\n");
    mm_buf_puts(b, "  \"dependencies\": [\n    {\"ref\": \"project\", \"dependsOn\": [");
    k = 0;
    for (size_t i = 0; i < n; i++) {
        if (es[i].own)
            continue;
        mm_buf_puts(b, k++ ? ", " : "");
        jstr(b, es[i].ref);
    }
    mm_buf_puts(b, "]}");
    for (size_t i = 0; i < n; i++) {
        if (es[i].own)
            continue;
        mm_buf_puts(b, ",\n    {\"ref\": ");
        jstr(b, es[i].ref);
        mm_buf_puts(b, "}");
    }
    mm_buf_puts(b, "\n  ]\n}\n");
}

/* --- SPDX 2.3 -------------------------------------------------------------------------------- */

static void spdx_package(mm_buf *b, const entry *e)
{
    const mm_component *c = e->c;
    const char *in = "      ";
    mm_buf_printf(b, "    {\n%s\"SPDXID\": \"SPDXRef-%s\"", in, e->ref);
    field(b, in, "name", c->name);
    field(b, in, "versionInfo", c->version);
    if (c->supplier) {
        bool typed = mm_str_starts(c->supplier, "Organization:") ||
                     mm_str_starts(c->supplier, "Person:");
        char *sup = typed ? mm_xstrdup(c->supplier)
                          : mm_xasprintf("Organization: %s", c->supplier);
        field(b, in, "supplier", sup);
        free(sup);
    } else {
        field(b, in, "supplier", "NOASSERTION");
    }
    if (plain_url(c->url)) {
        bool git = !strstr(c->url, ".zip") && !strstr(c->url, ".tar") && !strstr(c->url, ".tgz");
        char *dl = git ? mm_xasprintf("git+%s%s%s", c->url, c->commit ? "@" : "",
                                      c->commit ? c->commit : "")
                       : mm_xstrdup(c->url);
        if (mm_str_starts(dl, "git+git"))
            memmove(dl, dl + 4, strlen(dl + 4) + 1);
        field(b, in, "downloadLocation", dl);
        free(dl);
    } else {
        field(b, in, "downloadLocation", "NOASSERTION");
    }
    mm_buf_printf(b, ",\n%s\"filesAnalyzed\": false", in);
    field(b, in, "licenseConcluded", "NOASSERTION");
    if (c->license && spdx_expression(c->license)) {
        field(b, in, "licenseDeclared", c->license);
    } else {
        field(b, in, "licenseDeclared", "NOASSERTION");
        if (c->license) {
            char *lc = mm_xasprintf("stated as: %s", c->license);
            field(b, in, "licenseComments", lc);
            free(lc);
        }
    }
    field(b, in, "copyrightText", "NOASSERTION");
    if (c->purl || c->cpe) {
        mm_buf_printf(b, ",\n%s\"externalRefs\": [", in);
        bool first = true;
        if (c->purl) {
            mm_buf_puts(b, "{\"referenceCategory\": \"PACKAGE-MANAGER\", \"referenceType\": "
                           "\"purl\", \"referenceLocator\": ");
            jstr(b, c->purl);
            mm_buf_puts(b, "}");
            first = false;
        }
        if (c->cpe) {
            mm_buf_printf(b, "%s{\"referenceCategory\": \"SECURITY\", \"referenceType\": \"%s\", "
                             "\"referenceLocator\": ",
                          first ? "" : ", ", mm_str_starts(c->cpe, "cpe:2.3:") ? "cpe23Type"
                                                                               : "cpe22Type");
            jstr(b, c->cpe);
            mm_buf_puts(b, "}");
        }
        mm_buf_puts(b, "]");
    }
    field(b, in, "primaryPackagePurpose", spdx_purpose(c));
    if (c->support_until) {
        char *vu = mm_xasprintf("%sT00:00:00Z", c->support_until);
        field(b, in, "validUntilDate", vu);
        free(vu);
    }
    char *loc = location(e);
    char *comment = e->found
                        ? mm_xasprintf("%s by mamori in %s (%s)%s%s%s%s", e->own ? "developed in the tree; found"
                                              : "found", loc, c->source,
                                       c->pin ? ", pinned by " : "",
                                       c->pin ? mm_pin_names[c->pin] : "",
                                       c->used_by ? "; used by " : "",
                                       c->used_by ? c->used_by : "")
                        : mm_xasprintf("declared in %s", loc);
    field(b, in, "comment", comment);
    free(comment);
    free(loc);
    mm_buf_puts(b, "\n    }");
}

static void write_spdx(mm_buf *b, const char *project, const entry *es, size_t n,
                       const char *uuid, const char *stamp)
{
    mm_buf_puts(b, "{\n  \"spdxVersion\": \"SPDX-2.3\",\n  \"dataLicense\": \"CC0-1.0\",\n"
                   "  \"SPDXID\": \"SPDXRef-DOCUMENT\",\n  \"name\": ");
    jstr(b, project);
    mm_buf_puts(b, ",\n  \"documentNamespace\": \"https://spdx.org/spdxdocs/");
    mm_buf tmp = {0};
    sanitize_id(&tmp, project);
    mm_buf_printf(&tmp, "-%s", uuid);
    mm_buf_put(b, tmp.data, tmp.len);
    mm_buf_free(&tmp);
    mm_buf_printf(b, "\",\n  \"creationInfo\": {\"created\": \"%s\", \"creators\": [\"Tool: "
                     "mamori-%s\"]},\n",
                  stamp, MAMORI_VERSION);
    mm_buf_puts(b, "  \"packages\": [\n    {\n      \"SPDXID\": \"SPDXRef-Project\",\n"
                   "      \"name\": ");
    jstr(b, project);
    mm_buf_puts(b, ",\n      \"downloadLocation\": \"NOASSERTION\",\n      \"filesAnalyzed\": "
                   "false,\n      \"primaryPackagePurpose\": \"FIRMWARE\"\n    }");
    for (size_t i = 0; i < n; i++) {
        mm_buf_puts(b, ",\n");
        spdx_package(b, &es[i]);
    }
    mm_buf_puts(b, "\n  ],\n  \"relationships\": [\n    {\"spdxElementId\": \"SPDXRef-DOCUMENT\", "
                   "\"relationshipType\": \"DESCRIBES\", \"relatedSpdxElement\": "
                   "\"SPDXRef-Project\"}");
    for (size_t i = 0; i < n; i++) {
        /* the project contains what it develops, depends on its components, and is built by
         * its build tools */
        if (es[i].found && build_tool(es[i].c))
            mm_buf_printf(b, ",\n    {\"spdxElementId\": \"SPDXRef-%s\", \"relationshipType\": "
                             "\"BUILD_TOOL_OF\", \"relatedSpdxElement\": \"SPDXRef-Project\"}",
                          es[i].ref);
        else
            mm_buf_printf(b, ",\n    {\"spdxElementId\": \"SPDXRef-Project\", \"relationshipType\": "
                             "\"%s\", \"relatedSpdxElement\": \"SPDXRef-%s\"}",
                          es[i].own ? "CONTAINS" : "DEPENDS_ON", es[i].ref);
    }
    mm_buf_puts(b, "\n  ]\n}\n");
}

/* --- the command --------------------------------------------------------------------------------- */

static void usage(FILE *out)
{
    fputs("usage: mamori sbom [options] [PATH]\n"
          "\n"
          "Writes the third-party components of the tree at PATH (default: the current\n"
          "directory) as an SBOM: from .gitmodules, west.yml, ESP-IDF manifests and lock\n"
          "files, PlatformIO, CMake FetchContent/ExternalProject, RIOT packages, BitBake\n"
          "recipes and vendored trees (license files, version headers), completed by the\n"
          "policy's \"components\".\n"
          "\n"
          "  -f, --format FORMAT   cyclonedx (CycloneDX 1.6 JSON, default) or spdx (SPDX 2.3 JSON)\n"
          "  -o, --output FILE     write it to FILE (atomically) instead of stdout\n"
          "      --policy FILE     policy file (default: mamori.json at the root)\n"
          "      --no-policy       ignore mamori.json\n"
          "  -j, --jobs N          parallel workers (default: number of cores)\n"
          "\n"
          "SOURCE_DATE_EPOCH, when set, fixes the document's timestamp.\n",
          out);
}

static bool keep_component_rules(const mm_rule *r, void *arg)
{
    (void)arg;
    return r->category == MM_CAT_COMPONENT;
}

static int cmp_entry(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c = strcasecmp(a->c->name, b->c->name);
    if (c)
        return c;
    c = strcmp(a->c->version ? a->c->version : "", b->c->version ? b->c->version : "");
    if (c)
        return c;
    const mm_component *la = a->found ? a->found->at : a->c;
    const mm_component *lb = b->found ? b->found->at : b->c;
    c = strcmp(la->path, lb->path);
    return c ? c : (la->line < lb->line ? -1 : la->line > lb->line);
}

static void timestamp(char out[32])
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = time(NULL);
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (!*end && v >= 0)
            t = (time_t)v;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const mm_inventory *mm_inventory_scan(mm_scan *s, mm_ruleset *rs, mm_err *err)
{
    if (mm_cli_load_rules(rs, NULL, 0, err) < 0)
        return NULL;
    mm_ruleset_filter(rs, keep_component_rules, NULL);
    if (mm_ruleset_compile(rs, &mm_hsdb_store, err) < 0)
        return NULL;
    s->rules = rs;
    if (mm_scan_run(s, err) < 0)
        return NULL;
    return mm_inventory_of(s);
}

int mm_cmd_sbom(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"policy", required_argument, NULL, 'p'},
        {"no-policy", no_argument, NULL, 'P'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *format = "cyclonedx", *output = NULL, *policy_path = NULL;
    bool no_policy = false;
    mm_scan s;
    memset(&s, 0, sizeof s);
    s.opts.max_file_size = 4u << 20;
    s.opts.max_line_len = 20000;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'p': policy_path = optarg; break;
        case 'P': no_policy = true; break;
        case 'j':
            s.opts.jobs = atoi(optarg);
            if (s.opts.jobs < 1 || s.opts.jobs > 1024)
                return mm_cli_fail(2, "--jobs needs a number from 1 to 1024");
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (strcmp(format, "cyclonedx") && strcmp(format, "spdx"))
        return mm_cli_fail(2, "unknown --format \"%s\" (one of: cyclonedx, spdx)", format);
    if (argc - optind > 1)
        return mm_cli_fail(2, "mamori sbom takes one PATH");
    const char *path = optind < argc ? argv[optind] : ".";
    struct stat st;
    if (stat(path, &st) != 0)
        return mm_cli_fail(2, "%s: no such file or directory", path);
    s.opts.paths = (const char **)argv + optind;
    s.opts.npaths = (size_t)(argc - optind);

    mm_policy policy;
    memset(&policy, 0, sizeof policy);
    mm_ruleset rs;
    memset(&rs, 0, sizeof rs);
    mm_err err;
    memset(&err, 0, sizeof err);
    int rc = 3;
    entry *es = NULL;
    size_t n = 0;
    if (!no_policy) {
        char *auto_path = NULL;
        if (!policy_path) {
            char *root = mm_inputs_root(path);
            if (root) {
                auto_path = mm_xasprintf("%s/mamori.json", root);
                if (stat(auto_path, &st) != 0) {
                    free(auto_path);
                    auto_path = NULL;
                }
                free(root);
            }
        }
        const char *pp = policy_path ? policy_path : auto_path;
        if (pp && mm_policy_load(&policy, pp, &err) < 0) {
            free(auto_path);
            mm_err_print(&err);
            rc = err.code ? err.code : 2;
            goto done;
        }
        if (pp)
            s.policy = &policy;
        free(auto_path);
    }
    const mm_inventory *inv = mm_inventory_scan(&s, &rs, &err);
    if (!inv) {
        mm_err_print(&err);
        rc = err.code ? err.code : 3;
        goto done;
    }
    es = mm_xcalloc(inv->found.n + inv->unmatched.n + 1, sizeof *es);
    for (size_t i = 0; i < inv->found.n; i++) {
        es[n].c = &inv->found.v[i].c;
        es[n].found = &inv->found.v[i];
        es[n].own = inv->found.v[i].first_party;
        n++;
    }
    for (size_t i = 0; i < inv->unmatched.n; i++) {
        if (!strcmp(inv->unmatched.v[i]->source, "policy"))
            es[n++].c = inv->unmatched.v[i];
    }
    mm_sort(es, n, sizeof *es, cmp_entry);
    /* identity of the content: names, versions and locations, in order */
    mm_buf idb = {0};
    for (size_t i = 0; i < n; i++) {
        mm_buf ref = {0};
        mm_buf_printf(&ref, "%zu-", i + 1);
        sanitize_id(&ref, es[i].c->name);
        es[i].ref = mm_buf_cstr(&ref);
        char *loc = location(&es[i]);
        mm_buf_printf(&idb, "%s\n%s\n%s\n", es[i].c->name,
                      es[i].c->version ? es[i].c->version : "", loc);
        free(loc);
    }
    const char *base = mm_path_base(s.root);
    const char *project = *base ? base : "project";
    mm_buf_printf(&idb, "%s\n%s\n", project, format);
    char sha[65];
    mm_sha256_hex(idb.data ? idb.data : "", idb.len, sha);
    mm_buf_free(&idb);
    /* a name-based UUID (version 5 layout) from the content's hash */
    char uuid[37];
    snprintf(uuid, sizeof uuid, "%.8s-%.4s-5%.3s-%c%.3s-%.12s", sha, sha + 8, sha + 13,
             "89ab"[strtol((char[]){sha[16], 0}, NULL, 16) & 3], sha + 17, sha + 20);
    char stamp[32];
    timestamp(stamp);
    mm_buf out = {0};
    if (!strcmp(format, "spdx"))
        write_spdx(&out, project, es, n, uuid, stamp);
    else
        write_cyclonedx(&out, project, es, n, uuid, stamp);
    if (output) {
        if (mm_write_atomic(output, out.data, out.len, &err) < 0) {
            mm_err_print(&err);
            mm_buf_free(&out);
            rc = 2;
            goto done;
        }
        fprintf(stderr, "mamori: %zu component%s written to %s\n", n, n == 1 ? "" : "s",
                output);
    } else {
        fwrite(out.data, 1, out.len, stdout);
        fflush(stdout);
    }
    mm_buf_free(&out);
    rc = 0;
done:
    for (size_t i = 0; i < n; i++)
        free(es[i].ref);
    free(es);
    mm_scan_free(&s);
    mm_ruleset_free(&rs);
    mm_policy_free(&policy);
    return rc;
}
