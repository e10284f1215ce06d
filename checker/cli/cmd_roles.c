/* cmd_roles.c: `mamori roles [PATH]` — what each directory of the tree is to the product
 * (product, example, test, tool, simulator, vendored, generated, docs) and which source of
 * truth said so, so that a user who disagrees knows what to write in mamori.json. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/policy.h"
#include "core/roles.h"
#include "core/ruleset.h"
#include "core/scan.h"
#include "inputs/buildstep.h"
#include "inputs/input.h"

static void usage(FILE *out)
{
    fputs("usage: mamori roles [options] [PATH]\n"
          "\n"
          "Prints the role of each directory of the tree at PATH (default: the current\n"
          "directory) where it changes, and of each file whose role is not its directory's:\n"
          "product, example, test, tool, simulator, vendored, generated or docs, and why\n"
          "(the policy, a build file, a convention, the file's content, a component).\n"
          "Findings outside the product are notes that do not count for --fail-on, unless\n"
          "mamori.json raises their role; credentials that could be live keep their severity.\n"
          "\n"
          "  -a, --all             every directory, not only where the role changes\n"
          "      --policy FILE     policy file (default: mamori.json at the root)\n"
          "      --no-policy       ignore mamori.json\n"
          "  -p, --compile-commands PATH  compile_commands.json (or its directory) of the\n"
          "                        build: its translation units are product code\n"
          "  -j, --jobs N          parallel workers (default: number of cores)\n"
          "\n"
          "To change a role, in mamori.json:\n"
          "  \"roles\": {\"test\": {\"paths\": [\"qa/**\"]}, \"example\": {\"severity\": \"warning\"}}\n"
          "  \"product\": {\"sources\": [\"tools/provision/**\"]}\n",
          out);
}

/* "path<TAB>role<TAB>why" lines as aligned columns. */
static void print_columns(const char *text)
{
    size_t w0 = 0;
    for (const char *l = text; *l;) {
        const char *e = strchr(l, '\n');
        const char *t = memchr(l, '\t', (size_t)(e - l));
        size_t n = t ? (size_t)(t - l) : 0;
        if (n > w0)
            w0 = n;
        l = e + 1;
    }
    if (w0 > 56)
        w0 = 56; /* a long path pushes only its own line */
    for (const char *l = text; *l;) {
        const char *e = strchr(l, '\n');
        const char *t1 = memchr(l, '\t', (size_t)(e - l));
        const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(e - t1 - 1)) : NULL;
        if (t2)
            printf("%-*.*s  %-9.*s  %.*s\n", (int)w0, (int)(t1 - l), l, (int)(t2 - t1 - 1),
                   t1 + 1, (int)(e - t2 - 1), t2 + 1);
        l = e + 1;
    }
}

int mm_cmd_roles(int argc, char **argv)
{
    static const struct option opts[] = {
        {"all", no_argument, NULL, 'a'},
        {"policy", required_argument, NULL, 'P'},
        {"no-policy", no_argument, NULL, 'N'},
        {"compile-commands", required_argument, NULL, 'p'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *policy_path = NULL;
    bool no_policy = false, all = false;
    mm_build_step bs;
    memset(&bs, 0, sizeof bs);
    mm_scan s;
    memset(&s, 0, sizeof s);
    s.opts.max_file_size = 4u << 20;
    s.opts.max_line_len = 20000;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ap:j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'a': all = true; break;
        case 'P': policy_path = optarg; break;
        case 'N': no_policy = true; break;
        case 'p': bs.compdb = optarg; break;
        case 'j':
            s.opts.jobs = atoi(optarg);
            if (s.opts.jobs < 1 || s.opts.jobs > 1024)
                return mm_cli_fail(2, "--jobs needs a number from 1 to 1024");
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (argc - optind > 1)
        return mm_cli_fail(2, "mamori roles takes one PATH");
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
    if (bs.compdb) {
        mm_build_step_units(&bs);
        if (bs.units_problem) {
            rc = mm_cli_fail(2, "%s", bs.units_problem);
            goto done;
        }
        s.build_units = &bs.units;
    }
    /* the components are the inventory's, which a scan with the component rules makes; the
     * files' own content is read by the same scan */
    if (!mm_inventory_scan(&s, &rs, &err)) {
        mm_err_print(&err);
        rc = err.code ? err.code : 3;
        goto done;
    }
    mm_buf out = {0};
    mm_roles_report(&s, all, &out);
    if (out.len)
        print_columns(mm_buf_cstr(&out));
    mm_buf_free(&out);
    rc = 0;
done:
    mm_scan_free(&s);
    mm_ruleset_free(&rs);
    mm_policy_free(&policy);
    mm_build_step_free(&bs);
    return rc;
}
