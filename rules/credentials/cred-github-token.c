/* Fixture for cred-github-token in C: a release-download token in firmware. Made up. */
// mamori-expect: cred-github-token
#define OTA_GITHUB_TOKEN "ghp_MamoriFixture0sA7k0AMq2qdb8Mi8E8IJsF"
/* the prefix alone, in a parser */
// mamori-ok: cred-github-token
static const char *prefixes[] = {"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"};
