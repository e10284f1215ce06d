/* hyg_threat.c: a threat model that names assets and threats — a document named so, or a
 * section of the project's documents. */
#define _GNU_SOURCE
#include "project/hygiene_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "model/policy.h"

/* ================================================================================================
 * threat model: a document by its name anywhere in the project's own tree, or a section of the
 * project's documents under a "Threat model" heading; it must name assets and threats */

/* Does one path component name a threat model? Words split at anything not a letter or digit:
 * threat-model, ThreatModel, threat_modeling, threat-analysis, risk-assessment, TARA. */
static bool threat_model_name(const char *seg, size_t n)
{
    if (memmem(seg, n, "脅威分析", strlen("脅威分析")) ||
        memmem(seg, n, "脅威モデル", strlen("脅威モデル")))
        return true;
    char w[128];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof w; i++) {
        unsigned char c = (unsigned char)seg[i];
        w[k++] = isalnum(c) ? (char)tolower(c) : ' ';
    }
    w[k] = 0;
    /* words joined without separators count as well: threatmodel */
    char joined[128];
    size_t j = 0;
    for (size_t i = 0; i < k; i++) {
        if (w[i] != ' ')
            joined[j++] = w[i];
    }
    joined[j] = 0;
    if (strstr(joined, "threatmodel") || strstr(joined, "threatanalysis") ||
        strstr(joined, "riskassessment"))
        return true;
    for (char *save = NULL, *t = strtok_r(w, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (!strcmp(t, "tara"))
            return true;
    }
    return false;
}

/* The candidate a path belongs to by name: the path itself, or the threat-model directory it
 * lies in ("docs/threat-model" for docs/threat-model/assets.md). Its length, or 0. */
/* Does the path hold a word a threat model's name needs (one cheap pass)? */
static bool may_name_threat_model(const char *path)
{
    for (const char *p = path; *p; p++) {
        char c = (char)tolower((unsigned char)*p);
        if ((c == 't' && (!strncasecmp(p, "threat", 6) || !strncasecmp(p, "tara", 4))) ||
            (c == 'r' && !strncasecmp(p, "risk", 4)) || (*p == '\xe8' && !strncmp(p, "脅威", strlen("脅威"))))
            return true;
    }
    return false;
}

static size_t threat_model_candidate(const char *path)
{
    /* every path of the tree comes here: most lack all of the words */
    if (!may_name_threat_model(path))
        return 0;
    if (hyg_in_foreign_dir(path) && !mm_str_starts(path, "docs/") && !mm_str_starts(path, "doc/"))
        return 0;
    for (const char *seg = path;;) {
        const char *slash = strchr(seg, '/');
        size_t n = slash ? (size_t)(slash - seg) : hyg_stem_len(seg);
        if (threat_model_name(seg, n))
            return slash ? (size_t)(slash - path) : strlen(path);
        if (!slash)
            return 0;
        seg = slash + 1;
    }
}

/* Project documents that may hold a threat model section. */
static bool is_project_doc(const char *path)
{
    if (!hyg_is_text_doc(mm_path_base(path)) || hyg_history_doc(mm_path_base(path)))
        return false;
    size_t dl = hyg_dir_len(path);
    if (!dl)
        return true;
    static const char *const dirs[] = {"docs", "doc", "documentation", ".github", "security"};
    for (size_t i = 0; i < MM_ARRAY_LEN(dirs); i++) {
        size_t n = strlen(dirs[i]);
        if (!strncasecmp(path, dirs[i], n) && path[n] == '/')
            return true;
    }
    return false;
}

void mm_hygiene_collect_threat_model(const mm_rule *rule, mm_file *f)
{
    const char *key = rule->match ? ((const mm_analyzer *)rule->match)->name : "threat-model";
    size_t cand = threat_model_candidate(f->path);
    const mm_product *pr = f->policy && f->policy->has_product
                               ? &f->policy->product
                               : NULL;
    if (!cand && pr && pr->threat_model) {
        size_t tl = strlen(pr->threat_model);
        while (tl && pr->threat_model[tl - 1] == '/')
            tl--;
        if (!strncmp(f->path, pr->threat_model, tl) && (!f->path[tl] || f->path[tl] == '/'))
            cand = tl;
    }
    bool doc = hyg_is_text_doc(mm_path_base(f->path));
    if (cand && !doc)
        return; /* a model of a tool (.tm7, .pdf, .xlsx): accepted by name from the paths */
    if (!cand && !is_project_doc(f->path))
        return;
    hyg_rx_ready();
    char *t = hyg_doc_text(f);
    if (cand) {
        hyg_put_hint(f, key, "1" US "%c%c" US "%.*s", hyg_rx_in(hyg_rx.tm_assets, t, f->len) ? 'A' : '-',
                 hyg_rx_in(hyg_rx.tm_threats, t, f->len) ? 'T' : '-', (int)cand, f->path);
        return;
    }
    if (!hyg_rx_in(hyg_rx.tm_heading, t, f->len))
        return;
    hyg_lines l;
    hyg_split_lines(f->arena, t, f->len, &l);
    bool adoc = !strcasecmp(hyg_ext_of(mm_path_base(f->path)), "adoc");
    for (size_t i = 0; i < l.n; i++) {
        int level = hyg_heading_level(&l, i, adoc);
        size_t n;
        const char *s = hyg_line_at(&l, i, &n);
        if (!level || !hyg_rx_in(hyg_rx.tm_heading, s, n))
            continue;
        size_t k = i + 1;
        while (k < l.n) {
            int h = hyg_heading_level(&l, k, adoc);
            if (h && h <= level && k > i + 1)
                break;
            k++;
        }
        size_t from = l.start[i], to = l.start[k] - 1;
        hyg_put_hint(f, key, "%zu" US "%c%c" US "%s", i + 1,
                 hyg_rx_in(hyg_rx.tm_assets, t + from, to - from) ? 'A' : '-',
                 hyg_rx_in(hyg_rx.tm_threats, t + from, to - from) ? 'T' : '-', f->path);
        i = k - 1;
    }
}

void mm_hygiene_threat_model(const mm_rule *rule, mm_scan *s)
{
    if (!hyg_at_project_root(s))
        return;
    const mm_product *pr = s->policy && s->policy->has_product ? &s->policy->product : NULL;
    const char *tm = pr ? pr->threat_model : NULL;
    if (tm && (!strncmp(tm, "https://", 8) || !strncmp(tm, "http://", 7)))
        return; /* kept elsewhere, and the policy says where */
    if (tm) {
        char *dir = mm_xstrdup(tm);
        size_t dl = strlen(dir);
        while (dl && dir[dl - 1] == '/')
            dir[--dl] = 0;
        bool found = hyg_has_path(s, dir) || hyg_has_dir(s, dir);
        free(dir);
        if (!found) {
            hyg_policy_pos pp;
            hyg_policy_pos_of(s, pr->where_threat_model, &pp);
            char *detail = mm_xasprintf(_("product.threat_model names %s, which is not in the "
                                          "scanned tree: fix the path, or give the URL where "
                                          "the threat model is kept"),
                                        tm);
            hyg_project_finding pf = {pp.path, pp.line, pp.col, pp.snippet, "policy-path", NULL, detail};
            hyg_emit_project(rule, s, &pf);
            free(detail);
            hyg_policy_pos_free(&pp);
            return;
        }
    }
    /* candidates by name that are not text documents count as they are */
    for (size_t i = 0; i < s->paths.n; i++) {
        const char *p = s->paths.v[i];
        if (threat_model_candidate(p) && !hyg_is_text_doc(mm_path_base(p)))
            return;
    }
    const char *name = rule->match ? ((const mm_analyzer *)rule->match)->name : "threat-model";
    /* candidates from the hints, merged by name (a directory's files together) */
    typedef struct cand {
        char *key;
        unsigned line;
        bool assets, threats;
    } cand;
    MM_VEC(cand) cs = {0};
    for (size_t i = 0; i < s->hints.n; i++) {
        if (strcmp(s->hints.v[i].key, name) != 0)
            continue;
        char *copy = mm_xstrdup(s->hints.v[i].value);
        char *fl[3];
        if (hyg_hint_fields(copy, fl, 3) == 3 && strlen(fl[1]) == 2) {
            size_t k = 0;
            while (k < cs.n && strcmp(cs.v[k].key, fl[2]) != 0)
                k++;
            if (k == cs.n) {
                cand c = {mm_xstrdup(fl[2]), (unsigned)atoi(fl[0]), false, false};
                mm_vec_push(&cs, c);
            }
            cs.v[k].assets |= fl[1][0] == 'A';
            cs.v[k].threats |= fl[1][1] == 'T';
        }
        free(copy);
    }
    bool complete = false;
    for (size_t k = 0; k < cs.n; k++)
        complete |= cs.v[k].assets && cs.v[k].threats;
    /* a candidate document that was not read (too large, not text) is taken as it is */
    for (size_t i = 0; i < s->paths.n && !complete; i++) {
        const char *p = s->paths.v[i];
        if (threat_model_candidate(p) != strlen(p))
            continue;
        bool seen = false;
        for (size_t k = 0; k < cs.n && !seen; k++)
            seen = !strcmp(cs.v[k].key, p);
        complete = !seen;
    }
    if (!complete && cs.n) {
        /* the first candidate, with what it lacks */
        const cand *c = &cs.v[0];
        const char *lacks = !c->assets && !c->threats
                                ? _("neither the assets to protect nor the threats or misuse "
                                    "cases against them")
                            : !c->assets ? _("no assets to protect")
                                         : _("no threats or misuse cases");
        char *detail = mm_xasprintf(_("the threat model here names %s: list the assets (keys, "
                                      "credentials, user data, the update path) and how each "
                                      "could be attacked"),
                                    lacks);
        /* a directory candidate is reported at its first file */
        const char *at = c->key;
        for (size_t i = 0; i < s->paths.n; i++) {
            size_t kl = strlen(c->key);
            if (!strncmp(s->paths.v[i], c->key, kl) && s->paths.v[i][kl] == '/') {
                at = s->paths.v[i];
                break;
            }
        }
        hyg_project_finding pf = {at, c->line, 1, NULL, "incomplete", NULL, detail};
        hyg_emit_project(rule, s, &pf);
        free(detail);
    } else if (!complete) {
        char *at = hyg_anchor_path(s, "docs/threat-model.md");
        hyg_project_finding pf = {
            at, 1, 1, NULL, "missing", NULL,
            _("no threat model: add one (docs/threat-model.md naming the assets to protect and "
              "the threats or misuse cases against them), or set product.threat_model in "
              "mamori.json to where it is kept")};
        hyg_emit_project(rule, s, &pf);
        free(at);
    }
    for (size_t k = 0; k < cs.n; k++)
        free(cs.v[k].key);
    mm_vec_free(&cs);
}
