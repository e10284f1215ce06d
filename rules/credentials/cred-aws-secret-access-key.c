/* Fixture for cred-aws-secret-access-key in C: reported by this rule, not twice. */
// mamori-expect: cred-aws-secret-access-key
#define AWS_SECRET_ACCESS_KEY "MamoriFixture/ZiZgFok1F0JrKVVwfJsUW5Z670"
// mamori-expect: cred-aws-secret-access-key
static const char *awsSecretKey = "MamoriFixture+zoRDRFUJeHGOZXJE8hc7PJWFTS";
/* a length constant, not a key */
// mamori-ok: cred-aws-secret-access-key
#define AWS_SECRET_ACCESS_KEY_LEN 40
