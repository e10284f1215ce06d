/* policy.h: a project's mamori.json — which rules run, at which severity, on which paths, which
 * findings are accepted risks, and when the scan fails. */
#ifndef MM_CORE_POLICY_H
#define MM_CORE_POLICY_H

#include "model/policy.h"
#include "model/scan.h"

int mm_policy_load(mm_policy *p, const char *path, mm_err *err);
/* Checks rule ids named by the policy against the loaded rules. */
int mm_policy_validate(mm_policy *p, const mm_ruleset *rs, mm_err *err);
bool mm_policy_keeps_rule(const mm_rule *r, void *policy);
void mm_policy_free(mm_policy *p);

/* Applies inline suppressions and accepted risks to the scan's findings. An expired accepted
 * risk suppresses nothing; it is a finding of policy-accepted-risk-expired (hygiene.c), or a
 * notice when that rule does not run. */
void mm_policy_apply(mm_scan *s);
/* Does a suppression's rule list ("rule-a, rule-b" or "*") name rule id? */
bool mm_suppression_names(const char *rules, const char *id);
/* Suppresses f by the inline suppression sp of the same file when sp has a reason and covers
 * f's line (its own or the one below) and rule; marks sp used. */
bool mm_suppression_apply(mm_suppression *sp, mm_finding *f);
/* After a scan: a notice (risk-unmatched) for each accepted risk that matched no finding
 * although the scan would have seen it — its rule ran, and covers() says the scan read the
 * file its path names (covers is NULL for a scan of the whole root). */
void mm_policy_report_unmatched(mm_scan *s, bool (*covers)(const char *path, void *arg),
                                void *arg);
/* Applies inline suppressions and accepted risks to findings from index `from` on (those of
 * project analyzers, which are not sorted). */
void mm_policy_apply_late(mm_scan *s, size_t from);

#endif
