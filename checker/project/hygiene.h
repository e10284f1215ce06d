/* hygiene.h: the repository-hygiene analyzers of the `policy` category (hygiene.c), for the one
 * list of analyzers in analyzers.c. A `collect_*` function runs on each text file (run_file)
 * and leaves facts in the file's hints; the `run_*` function of the same analyzer runs once per
 * scan (run_project) over the paths of the scan, those facts and the policy. */
#ifndef MM_HYGIENE_H
#define MM_HYGIENE_H

#include "model/scan.h"

/* a security policy that says how to report a vulnerability */
void mm_hygiene_collect_security_section(const mm_rule *rule, mm_file *f);
void mm_hygiene_security_policy_missing(const mm_rule *rule, mm_scan *s);
void mm_hygiene_security_policy_contact(const mm_rule *rule, mm_file *f);
void mm_hygiene_security_txt(const mm_rule *rule, mm_file *f);
/* a declared support period that has not ended */
void mm_hygiene_collect_support_period(const mm_rule *rule, mm_file *f);
void mm_hygiene_support_period(const mm_rule *rule, mm_scan *s);
/* a threat model naming assets and threats */
void mm_hygiene_collect_threat_model(const mm_rule *rule, mm_file *f);
void mm_hygiene_threat_model(const mm_rule *rule, mm_scan *s);
/* CODEOWNERS over key material, bootloader and release configuration */
void mm_hygiene_codeowners_missing(const mm_rule *rule, mm_scan *s);
void mm_hygiene_collect_codeowners(const mm_rule *rule, mm_file *f);
void mm_hygiene_codeowners_coverage(const mm_rule *rule, mm_scan *s);
/* accepted risks of the policy with owner and expiry */
void mm_hygiene_risk_incomplete(const mm_rule *rule, mm_scan *s);
void mm_hygiene_risk_expired(const mm_rule *rule, mm_scan *s);

/* For unit tests: does a CODEOWNERS pattern (GitHub's rules) match a root-relative file path? */
bool mm_codeowners_match(const char *pattern, const char *path);
/* Does one line of text declare a support period? Then *end is its end ("2030-12-31", the last
 * of the dates the line names) or "duration" ("for 5 years"), and *col the 0-based byte offset
 * of that date. A line that only names the subject ("## Support period") returns false and
 * sets *key_only, so that the section below it is read. */
bool mm_support_line(const char *line, size_t n, char end[11], size_t *col, bool *key_only);

#endif
