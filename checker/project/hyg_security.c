/* hyg_security.c: a security policy that says how to report a vulnerability — SECURITY.md
 * (root, .github/, docs/), RFC 9116 security.txt, or a "Security" / "Reporting a
 * vulnerability" section of README or CONTRIBUTING that names a contact. */
#define _GNU_SOURCE
#include "project/hygiene_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/policy.h"

/* ================================================================================================
 * security policy: SECURITY.md (root, .github/, docs/, and docs/security*) and security.txt */

static bool is_security_policy(const char *path)
{
    size_t dl = hyg_dir_len(path);
    const char *base = path + (dl ? dl + 1 : 0);
    if (dl && !hyg_ieq(path, dl, ".github") && !hyg_ieq(path, dl, "docs"))
        return false;
    if (!hyg_is_text_doc(base) || !strcasecmp(hyg_ext_of(base), "html") ||
        !strcasecmp(hyg_ext_of(base), "htm"))
        return false;
    size_t sl = hyg_stem_len(base);
    if (hyg_ieq(base, sl, "security"))
        return true;
    /* docs/security.md, docs/security-policy.rst, docs/SECURITY_POLICY.md */
    return dl && hyg_ieq(path, dl, "docs") && hyg_istarts(base, sl, "security");
}

static bool is_security_txt(const char *path)
{
    return !strcmp(path, "security.txt") || !strcmp(path, ".well-known/security.txt") ||
           mm_str_ends(path, "/.well-known/security.txt");
}

/* Addresses and hosts that stand for "put yours here". */
static bool placeholder_domain(const char *d, size_t n)
{
    static const char *const exact[] = {"example.com", "example.org", "example.net",
                                        "domain.com",  "email.com",   "company.com",
                                        "localhost",   "127.0.0.1",   "yourdomain.com"};
    for (size_t i = 0; i < MM_ARRAY_LEN(exact); i++) {
        if (hyg_ieq(d, n, exact[i]))
            return true;
        size_t el = strlen(exact[i]);
        if (n > el && d[n - el - 1] == '.' && !strncasecmp(d + n - el, exact[i], el))
            return true; /* security.example.com */
    }
    static const char *const tld[] = {".example", ".test", ".invalid", ".localhost"};
    for (size_t i = 0; i < MM_ARRAY_LEN(tld); i++) {
        size_t tl = strlen(tld[i]);
        if (n >= tl && !strncasecmp(d + n - tl, tld[i], tl))
            return true;
    }
    static const char *const words[] = {"your", "placeholder", "company-name", "org-name",
                                        "project-name"};
    for (size_t i = 0; i < MM_ARRAY_LEN(words); i++) {
        if (memmem(d, n, words[i], strlen(words[i])))
            return true;
    }
    return false;
}

static bool placeholder_local(const char *l, size_t n)
{
    static const char *const names[] = {"you", "your", "your.email", "your-email", "youremail",
                                        "email", "name", "user", "username", "someone",
                                        "example", "xxx", "todo"};
    for (size_t i = 0; i < MM_ARRAY_LEN(names); i++) {
        if (hyg_ieq(l, n, names[i]))
            return true;
    }
    return false;
}

/* Is there a real e-mail address in s? */
static bool has_email(const char *s, size_t n)
{
    size_t ov[4], at = 0;
    while (at < n && mm_regex_find(hyg_rx.email, s, n, at, ov, 2)) {
        const char *m = s + ov[0];
        size_t ml = ov[1] - ov[0];
        const char *sign = memchr(m, '@', ml);
        size_t local = (size_t)(sign - m);
        if (!placeholder_local(m, local) && !placeholder_domain(sign + 1, ml - local - 1))
            return true;
        at = ov[1];
    }
    return false;
}

/* The host of an http(s) URL at u (after the scheme), as a span. */
static size_t url_host(const char *u, size_t n)
{
    size_t k = 0;
    while (k < n && (isalnum((unsigned char)u[k]) || u[k] == '.' || u[k] == '-'))
        k++;
    return k;
}

/* Does paragraph [s, s+n) give a URL where reports go? A URL counts in a paragraph about
 * reporting (or when the URL itself says so), unless its host is a placeholder. */
static bool has_report_url(const char *s, size_t n)
{
    bool cue = hyg_rx_in(hyg_rx.cue, s, n);
    for (const char *p = s; (p = memmem(p, (size_t)(s + n - p), "http", 4));) {
        const char *u = p + 4;
        if (u < s + n && *u == 's')
            u++;
        if ((size_t)(s + n - u) < 4 || strncmp(u, "://", 3) != 0) {
            p += 4;
            continue;
        }
        u += 3;
        size_t hl = url_host(u, (size_t)(s + n - u));
        const char *e = u;
        while (e < s + n && !isspace((unsigned char)*e) && *e != ')' && *e != '>' && *e != ']')
            e++;
        if (hl && memchr(u, '.', hl) && !placeholder_domain(u, hl) &&
            (cue || hyg_rx_in(hyg_rx.cue, u, (size_t)(e - u)) || memmem(u, (size_t)(e - u), "security", 8)))
            return true;
        p = e;
    }
    return false;
}

/* Does the text say how to report a vulnerability? Paragraph by paragraph. */
static bool says_how_to_report(const hyg_lines *l)
{
    if (has_email(l->text, l->start[l->n] - 1) || hyg_rx_in(hyg_rx.gh_private, l->text, l->start[l->n] - 1))
        return true;
    for (size_t i = 0; i < l->n;) {
        size_t n;
        const char *s = hyg_line_at(l, i, &n);
        if (hyg_blank_line(s, n)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < l->n) {
            const char *t = hyg_line_at(l, j, &n);
            if (hyg_blank_line(t, n))
                break;
            j++;
        }
        size_t start = l->start[i], end = l->start[j] - 1;
        if (has_report_url(l->text + start, end - start))
            return true;
        i = j;
    }
    return false;
}

void mm_hygiene_security_policy_contact(const mm_rule *rule, mm_file *f)
{
    if (!is_security_policy(f->path))
        return;
    hyg_rx_ready();
    char *t = hyg_doc_text(f);
    hyg_lines l;
    hyg_split_lines(f->arena, t, f->len, &l);
    uint32_t start, end;
    size_t ov[2];
    if (mm_regex_find(hyg_rx.template_text, t, f->len, 0, ov, 1)) {
        /* at the template's sentence: that is what to replace */
        uint32_t e = (uint32_t)ov[1];
        for (uint32_t k = (uint32_t)ov[0]; k < ov[1]; k++) {
            if (t[k] == '\n') {
                e = k;
                break;
            }
        }
        hyg_emit_file(rule, f, (uint32_t)ov[0], e, "still holds the template text of GitHub's "
                                               "proposed security policy");
        return;
    }
    if (hyg_blank_line(t, f->len)) {
        hyg_first_line(f, &start, &end);
        hyg_emit_file(rule, f, start, end, "is empty");
        return;
    }
    if (says_how_to_report(&l))
        return;
    hyg_first_line(f, &start, &end);
    hyg_emit_file(rule, f, start, end, "names no contact for reports");
}

/* RFC 9116: "Contact:" at least once, "Expires:" exactly once, a date-time that has not passed.
 * A signed file's armour is skipped; field names are case-insensitive. */
void mm_hygiene_security_txt(const mm_rule *rule, mm_file *f)
{
    if (!is_security_txt(f->path))
        return;
    hyg_rx_ready();
    hyg_lines l;
    hyg_split_lines(f->arena, f->data, f->len, &l);
    bool contact = false, in_signature = false;
    unsigned expires = 0;
    char now[11];
    mm_today(now);
    for (size_t i = 0; i < l.n; i++) {
        size_t n;
        const char *s = hyg_line_at(&l, i, &n);
        if (hyg_istarts(s, n, "-----BEGIN PGP SIGNATURE"))
            in_signature = true;
        if (hyg_istarts(s, n, "-----END PGP SIGNATURE"))
            in_signature = false;
        if (in_signature || hyg_istarts(s, n, "-----"))
            continue;
        if (n >= 2 && s[0] == '-' && s[1] == ' ') { /* dash-escaped line of a signed file */
            s += 2;
            n -= 2;
        }
        const char *colon = memchr(s, ':', n);
        if (!colon || s[0] == '#')
            continue;
        size_t kl = (size_t)(colon - s);
        const char *v = colon + 1;
        size_t vn = n - kl - 1;
        while (vn && (*v == ' ' || *v == '\t')) {
            v++;
            vn--;
        }
        while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
            vn--;
        uint32_t vs = (uint32_t)(v - f->data), ve = vs + (uint32_t)vn;
        if (hyg_ieq(s, kl, "contact")) {
            /* an address or URL that is not a placeholder */
            const char *host = v;
            size_t hn = vn;
            if (hyg_istarts(v, vn, "mailto:") || (memchr(v, '@', vn) && !hyg_istarts(v, vn, "http"))) {
                host = memchr(v, '@', vn);
                hn = host ? vn - (size_t)(host - v) - 1 : 0;
                host = host ? host + 1 : v;
            } else if (hyg_istarts(v, vn, "https://") || hyg_istarts(v, vn, "http://")) {
                host = memchr(v, ':', vn) + 3;
                hn = url_host(host, vn - (size_t)(host - v));
            }
            if (hn && !placeholder_domain(host, hn))
                contact = true;
        } else if (hyg_ieq(s, kl, "expires")) {
            if (++expires > 1) {
                hyg_emit_file(rule, f, vs, ve, "names Expires more than once (RFC 9116 allows one)");
                continue;
            }
            /* RFC 3339: 2030-12-31T23:59:59Z */
            bool ok = vn >= 10;
            for (size_t k = 0; ok && k < 10; k++)
                ok = k == 4 || k == 7 ? v[k] == '-' : isdigit((unsigned char)v[k]);
            if (!ok) {
                hyg_emit_file(rule, f, vs, ve,
                          "has an Expires value that is not an RFC 3339 date "
                          "(2030-12-31T23:59:59Z)");
            } else if (strncmp(v, now, 10) < 0) {
                char *d = mm_arena_printf(f->arena, "expired on %.10s", v);
                hyg_emit_file(rule, f, vs, ve, d);
            }
        }
    }
    uint32_t start, end;
    hyg_first_line(f, &start, &end);
    if (!contact)
        hyg_emit_file(rule, f, start, end, "has no Contact field with an address or URL for reports");
    if (!expires)
        hyg_emit_file(rule, f, start, end, "has no Expires field");
}

/* README or CONTRIBUTING at the root, in .github/ or docs/: a "Security" or "Reporting a
 * vulnerability" section there that names a contact is a security policy too. */
static bool is_contributor_doc(const char *path)
{
    size_t dl = hyg_dir_len(path);
    if (dl && !hyg_ieq(path, dl, ".github") && !hyg_ieq(path, dl, "docs") &&
        !hyg_ieq(path, dl, "doc"))
        return false;
    const char *base = path + (dl ? dl + 1 : 0);
    if (!hyg_is_text_doc(base))
        return false;
    size_t n = strlen(base);
    return hyg_istarts(base, n, "readme") || hyg_istarts(base, n, "contributing");
}

void mm_hygiene_collect_security_section(const mm_rule *rule, mm_file *f)
{
    if (!is_contributor_doc(f->path))
        return;
    hyg_rx_ready();
    if (!hyg_rx_in(hyg_rx.sec_heading, f->data, f->len))
        return; /* one pass over the text: most READMEs have no such heading */
    const char *key = rule->match ? ((const mm_analyzer *)rule->match)->name
                                  : "security-policy-missing";
    char *t = hyg_doc_text(f);
    hyg_lines l;
    hyg_split_lines(f->arena, t, f->len, &l);
    bool adoc = !strcasecmp(hyg_ext_of(mm_path_base(f->path)), "adoc") ||
                !strcasecmp(hyg_ext_of(mm_path_base(f->path)), "asciidoc");
    for (size_t i = 0; i < l.n; i++) {
        int level = hyg_heading_level(&l, i, adoc);
        size_t n;
        const char *s = hyg_line_at(&l, i, &n);
        if (!level || !hyg_rx_in(hyg_rx.sec_heading, s, n))
            continue;
        /* the section: up to the next heading of its level or above */
        size_t k = i + 1;
        while (k < l.n) {
            int h = hyg_heading_level(&l, k, adoc);
            if (h && h <= level)
                break;
            k++;
        }
        size_t from = l.start[i], to = l.start[k] - (k < l.n ? 0 : 1);
        hyg_lines sec;
        hyg_split_lines(f->arena, t + from, to - from, &sec);
        if (says_how_to_report(&sec)) {
            hyg_put_hint(f, key, "%zu" US "%s", i + 1, f->path);
            return;
        }
        i = k - 1;
    }
}

void mm_hygiene_security_policy_missing(const mm_rule *rule, mm_scan *s)
{
    if (!hyg_at_project_root(s))
        return;
    if (s->policy && s->policy->product.security_contact)
        return; /* published elsewhere: an organisation's policy, a PSIRT page */
    for (size_t i = 0; i < s->paths.n; i++) {
        if (is_security_policy(s->paths.v[i]) || is_security_txt(s->paths.v[i]))
            return;
    }
    /* a README or CONTRIBUTING section that says where reports go */
    const char *key = rule->match ? ((const mm_analyzer *)rule->match)->name
                                  : "security-policy-missing";
    for (size_t i = 0; i < s->hints.n; i++) {
        if (!strcmp(s->hints.v[i].key, key))
            return;
    }
    char *at = hyg_anchor_path(s, "SECURITY.md");
    hyg_project_finding pf = {at, 1, 1, NULL, "missing", NULL, NULL};
    hyg_emit_project(rule, s, &pf);
    free(at);
}
