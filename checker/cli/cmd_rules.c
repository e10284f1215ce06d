/* cmd_rules.c: `mamori rules` — list the rules, show one with its help, or print the prefilter
 * triggers (the keyword set the benchmark gives rg). */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/ruleset.h"
#include "match/matchers.h"
#include "report/report.h"

static void usage(FILE *out)
{
    fputs("usage: mamori rules [list] [--category C] [--rules DIR] [--format text|json]\n"
          "       mamori rules show RULE-ID [--rules DIR]\n"
          "       mamori rules triggers [--rules DIR]\n",
          out);
}

static void print_standards(const mm_rule *r)
{
    printf("standards:");
    if (r->standards.meti.n) {
        printf(" METI measure");
        for (size_t i = 0; i < r->standards.meti.n; i++)
            printf("%s%d", i ? "," : " ", r->standards.meti.v[i]);
        printf(";");
    }
    struct {
        const char *label;
        const void *vec;
    } lists[] = {{"ETSI EN 303 645", &r->standards.etsi},
                 {"JC-STAR", &r->standards.jcstar},
                 {"CRA Annex I", &r->standards.cra}};
    for (size_t l = 0; l < MM_ARRAY_LEN(lists); l++) {
        const MM_VEC(char *) *v = lists[l].vec;
        if (!v->n)
            continue;
        printf(" %s", lists[l].label);
        for (size_t i = 0; i < v->n; i++)
            printf("%s%s", i ? ", " : " ", v->v[i]);
        printf(";");
    }
    printf("\n");
}

static void list_json(const mm_ruleset *rs)
{
    mm_buf b = {0};
    mm_buf_puts(&b, "[");
    for (size_t i = 0; i < rs->rules.n; i++) {
        const mm_rule *r = rs->rules.v[i];
        mm_buf_puts(&b, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
        mm_buf_json_str(&b, r->id, strlen(r->id));
        mm_buf_puts(&b, ", \"category\": ");
        mm_buf_json_str(&b, mm_categories[r->category].name,
                        strlen(mm_categories[r->category].name));
        mm_buf_printf(&b, ", \"severity\": \"%s\", \"kind\": \"%s\", \"title\": ",
                      mm_severity_name(r->severity), r->kind->name);
        mm_buf_json_str(&b, r->title, strlen(r->title));
        mm_buf_puts(&b, ", \"cwe\": [");
        for (size_t k = 0; k < r->cwe.n; k++)
            mm_buf_printf(&b, "%s%d", k ? ", " : "", r->cwe.v[k]);
        mm_buf_puts(&b, "], \"source\": ");
        mm_buf_json_str(&b, r->source, strlen(r->source));
        mm_buf_puts(&b, "}");
    }
    mm_buf_puts(&b, "\n]\n");
    fputs(b.data, stdout);
    mm_buf_free(&b);
}

int mm_cmd_rules(int argc, char **argv)
{
    static const struct option opts[] = {
        {"category", required_argument, NULL, 'c'},
        {"rules", required_argument, NULL, 'r'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    const char *category = NULL, *format = "text";
    MM_VEC(const char *) dirs = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': category = optarg; break;
        case 'r': mm_vec_push(&dirs, optarg); break;
        case 'f': format = optarg; break;
        case 'h': usage(stdout); mm_vec_free(&dirs); return 0;
        default: usage(stderr); mm_vec_free(&dirs); return 2;
        }
    }
    const char *sub = optind < argc ? argv[optind] : "list";
    mm_category cat = MM_CAT__COUNT;
    if (category && mm_category_parse(category, &cat) < 0) {
        mm_vec_free(&dirs);
        return mm_cli_fail(2, "unknown category \"%s\"", category);
    }
    if (strcmp(format, "text") && strcmp(format, "json")) {
        mm_vec_free(&dirs);
        return mm_cli_fail(2, "--format must be text or json");
    }
    mm_ruleset rs;
    mm_err err;
    memset(&err, 0, sizeof err);
    int rc = 0;
    if (mm_cli_load_rules(&rs, dirs.v, dirs.n, &err) < 0) {
        mm_err_print(&err);
        rc = err.code ? err.code : 2;
        goto done;
    }
    if (cat != MM_CAT__COUNT) {
        size_t k = 0;
        for (size_t i = 0; i < rs.rules.n; i++) {
            if (rs.rules.v[i]->category == cat)
                rs.rules.v[k++] = rs.rules.v[i];
            else
                mm_rule_free(rs.rules.v[i]);
        }
        rs.rules.n = k;
    }
    if (!strcmp(sub, "list")) {
        if (!strcmp(format, "json")) {
            list_json(&rs);
            goto done;
        }
        bool any = false; /* a blank line between categories, none before the first */
        int width = 34;   /* the id column fits the longest id */
        bool by_profile = false;
        for (size_t i = 0; i < rs.rules.n; i++) {
            if ((int)strlen(rs.rules.v[i]->id) > width)
                width = (int)strlen(rs.rules.v[i]->id);
            by_profile |= rs.rules.v[i]->profile_severity[0] != MM_SEV_NONE;
        }
        for (int ci = 0; ci < MM_CAT__COUNT; ci++) {
            bool header = false;
            for (size_t i = 0; i < rs.rules.n; i++) {
                const mm_rule *r = rs.rules.v[i];
                if ((int)r->category != ci)
                    continue;
                if (!header) {
                    printf("%s%s\n", any ? "\n" : "", mm_categories[ci].name);
                    header = any = true;
                }
                /* judged by profile: "error/note" = error in release configurations */
                char sev[24];
                if (r->profile_severity[0])
                    snprintf(sev, sizeof sev, "%s/%s", mm_severity_name(r->profile_severity[0]),
                             mm_severity_name(r->profile_severity[1]));
                else
                    snprintf(sev, sizeof sev, "%s", mm_severity_name(r->severity));
                printf("  %-*s %-12s CWE-%-4d %s\n", width, r->id, sev, r->cwe.v[0], r->title);
            }
        }
        printf("%s%zu rule%s; `mamori rules show ID` explains one\n", any ? "\n" : "", rs.rules.n,
               rs.rules.n == 1 ? "" : "s");
        if (by_profile)
            printf("error/note: an error in release configurations, a note in the others "
                   "(profiles in README.md)\n");
    } else if (!strcmp(sub, "show")) {
        if (optind + 1 >= argc) {
            rc = mm_cli_fail(2, "usage: mamori rules show RULE-ID");
            goto done;
        }
        const mm_rule *r = mm_ruleset_find(&rs, argv[optind + 1]);
        if (!r) {
            rc = mm_cli_fail(2, "no rule \"%s\" (see `mamori rules list`)", argv[optind + 1]);
            goto done;
        }
        printf("%s: %s\n", r->id, r->title);
        printf("category: %s; severity: %s; security-severity: %s; matcher: %s\n",
               mm_categories[r->category].name, mm_severity_name(r->severity),
               r->security_severity, r->kind->name);
        if (r->profile_severity[0])
            printf("by profile: %s in release configurations, %s in the others\n",
                   mm_severity_name(r->profile_severity[0]),
                   mm_severity_name(r->profile_severity[1]));
        printf("CWE:");
        for (size_t i = 0; i < r->cwe.n; i++)
            printf(" CWE-%d", r->cwe.v[i]);
        printf("\n");
        print_standards(r);
        printf("source: %s\n\n%s\n", r->source, r->help);
    } else if (!strcmp(sub, "triggers")) {
        for (size_t i = 0; i < rs.rules.n; i++) {
            const mm_rule *r = rs.rules.v[i];
            for (size_t t = 0; t < r->triggers.n; t++)
                printf("%s%s\n", r->triggers.v[t].caseless ? "(?i)" : "",
                       r->triggers.v[t].regex);
        }
    } else {
        usage(stderr);
        rc = 2;
    }
done:
    mm_ruleset_free(&rs);
    mm_vec_free(&dirs);
    return rc;
}
